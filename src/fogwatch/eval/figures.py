"""Score figure claims against the real-news gold set (`gold/figures/*.jsonl`, guide: docs/figures-guide.md).

A gold line is one article, annotated exhaustively:

    {"doc": "gdelt-articles/<file>.txt" | "newsapi-samples/<file>.json#<url>", "split": "dev"|"test",
     "figures": [{"quote", "start", "end", "predicate", "unit", "low", "high", "approximate",
                  "speaker", "body", "via", "hedge", "scope", "period", "place", "modality"}, ...],
     "not_claims": [... figures of negated, conditional or hypothetical statements ...]}

`doc` is relative to the corpus folder (`../shared/eval/corpora/ukraine-war-news`); offsets are
into the document's text as read (the file, or the JSON `body`), before fogwatch cleans it.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

from fogwatch.records import Document, PartialDate

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "corpora" / "ukraine-war-news"
PREDICATES = {"killed", "wounded", "casualties", "missing", "destroyed", "damaged", "shot_down", "captured",
              "detained", "attacked"}
HEDGES = {"confirmed", "asserted", "reported", "alleged", "denied"}
SCOPES = {"incident", "cumulative"}
MODALITIES = {"asserted", "negated", "conditional", "hypothetical", "denied"}
NEWSAPI_FILES = ("newsapi-samples/dummyArticles.json", "newsapi-samples/dummyNames.json")


def reserved(corpus: Path) -> set[str]:
    """Keys of the texts kept for held-out scoring (RESERVED.txt: paths, or `<json file>: <title>`)."""
    path = corpus / "RESERVED.txt"
    if not path.exists():
        return set()
    keys: set[str] = set()
    titles: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if ".json: " in line:
            titles.add(line.split(": ", 1)[1].strip())
        else:
            keys.add(line)
    for name in NEWSAPI_FILES:
        for url, item in _newsapi_items(corpus, name):
            if (item.get("title") or "").strip() in titles:
                keys.add(f"{name}#{url}")
    return keys


def _newsapi_items(corpus: Path, name: str) -> Iterator[tuple[str, dict]]:
    path = corpus / name
    if not path.exists():
        return

    def walk(node):
        if isinstance(node, list):
            for item in node:
                yield from walk(item)
        elif isinstance(node, dict):
            if "body" in node:
                yield node
            else:
                for value in node.values():
                    yield from walk(value)

    for item in walk(json.loads(path.read_text(encoding="utf-8"))):
        url = item.get("link") or item.get("url")
        if url and item.get("body"):
            yield url, item


def _date(value: str | None) -> PartialDate | None:
    if not value:
        return None
    try:
        return PartialDate(dt.date.fromisoformat(value[:10]), "day")
    except ValueError:
        return None


def list_documents(corpus: Path) -> list[str]:
    """Every document key of the corpus except the reserved ones."""
    held_out = reserved(corpus)
    keys = [f"gdelt-articles/{p.name}" for p in sorted((corpus / "gdelt-articles").glob("*.txt"))]
    for name in NEWSAPI_FILES:
        keys.extend(f"{name}#{url}" for url, _ in _newsapi_items(corpus, name))
    seen: set[str] = set()
    return [k for k in keys if k not in held_out and not (k in seen or seen.add(k))]


def load_document(corpus: Path, key: str) -> Document:
    """The `Document` a gold key names, with its publication date (from the GDELT file name)."""
    if "#" in key:
        name, url = key.split("#", 1)
        for found, item in _newsapi_items(corpus, name):
            if found == url:
                outlet = item.get("source", {}).get("title") if isinstance(item.get("source"), dict) else item.get("provider", {}).get("name") if isinstance(item.get("provider"), dict) else None
                return Document(origin=key, text=item["body"], url=url, title=item.get("title"), outlet=outlet,
                                published=_date(item.get("published_date") or item.get("datePublished")))
        raise KeyError(key)
    path = corpus / key
    stamp = re.match(r"(\d{4})(\d{2})(\d{2})T", path.name)
    published = PartialDate(dt.date(*map(int, stamp.groups())), "day") if stamp else None
    return Document(origin=key, text=path.read_text(encoding="utf-8"), published=published)
