"""Score the HTML path (reader + cleaner) on the article-extraction benchmark's pages.

Layout (Zyte's article-extraction-benchmark, as in ../shared/eval/article-extraction):
`html/<id>.html.gz` and `ground-truth.json` `{id: {"articleBody": ..., "url": ...}}`.

The metric is the benchmark's own, re-implemented here: words are runs of `\\w` (case kept), a
page's text is the multiset of its word 4-grams ("shingles"), and a page's true positives, false
positives and false negatives are normalised to sum to one so that long pages weigh no more than
short ones. Precision is the mean over pages that predicted something, recall the mean over pages
whose truth has something, and F1 the harmonic mean of those two means (not a mean of F1s).
"""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

from fogwatch.errors import BadInput, FogwatchError
from fogwatch.ingest.files import decode
from fogwatch.records import Article

WORD = re.compile(r"\w+")
SHINGLE = 4


@dataclass(frozen=True)
class PageScore:
    """One page's share of true positives, false positives and false negatives (summing to 1)."""
    page_id: str
    tp: float
    fp: float
    fn: float

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


def shingles(text: str, n: int = SHINGLE) -> Counter:
    """Word n-grams of `text`; a text shorter than n words is one shorter shingle."""
    words = WORD.findall(text or "")
    return Counter(tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1)) if words[i:i + n])


def score_page(page_id: str, truth: str, predicted: str) -> PageScore:
    true, pred = shingles(truth), shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return PageScore(page_id, *(x / total for x in (tp, fp, fn))) if total else PageScore(page_id, 0.0, 0.0, 0.0)


def _precision(s: PageScore) -> float:
    return 1.0 if s.fp == s.fn == 0 else s.tp / (s.tp + s.fp)


def _recall(s: PageScore) -> float:
    return 1.0 if s.fp == s.fn == 0 else s.tp / (s.tp + s.fn)


def aggregate(scores: list[PageScore]) -> dict[str, float]:
    """The benchmark's averages: precision and recall per page, then F1 of the two means."""
    precision = mean([_precision(s) for s in scores if s.tp + s.fp > 0] or [0.0])
    recall = mean([_recall(s) for s in scores if s.tp + s.fn > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def extract_body(page: bytes, origin: str) -> str:
    """The clean article text fogwatch's ingest would store for this page ("" if it stores none)."""
    from fogwatch.clean import clean_document
    from fogwatch.ingest.html import html_to_document

    try:
        article = clean_document(html_to_document(decode(page), origin))
    except BadInput:
        return ""
    return article.text if isinstance(article, Article) else ""


class BadBenchmark(FogwatchError):
    """The folder is not in the article-extraction benchmark's layout"""


def load_pages(data: Path) -> Iterator[tuple[str, bytes, str]]:
    """(page id, HTML bytes, true body) for each page of the ground truth, in id order."""
    try:
        truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadBenchmark(f"{data / 'ground-truth.json'}: {exc}") from None
    for page_id in sorted(truth):
        page = data / "html" / f"{page_id}.html.gz"
        try:
            raw = gzip.decompress(page.read_bytes())
        except (OSError, EOFError) as exc:
            raise BadBenchmark(f"{page}: {exc}") from None
        yield page_id, raw, truth[page_id].get("articleBody", "")


def evaluate(data: Path) -> dict:
    """Scores of fogwatch's HTML path on the pages under `data`, with the worst pages first."""
    scores = []
    for page_id, html, truth in load_pages(data):
        scores.append(score_page(page_id, truth, extract_body(html, str(data / "html" / f"{page_id}.html.gz"))))
    result: dict = {**aggregate(scores), "pages": len(scores)}
    result["worst"] = [{"page": s.page_id, "f1": round(s.f1, 3)} for s in sorted(scores, key=lambda s: s.f1)[:10]]
    return result
