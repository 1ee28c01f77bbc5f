"""Page text from HTML, scored on the article-extraction benchmark's dev pages (real pages, no NLP
models): the benchmark's own metric, the CI floor, and the faults the cleaner used to have."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SHARED, need
from fogwatch.cli import app
from fogwatch.eval import extraction

BASELINE = Path(__file__).resolve().parent / "eval_baseline.json"
PAGES = SHARED / "eval" / "article-extraction"


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads((need(PAGES) / "ground-truth.json").read_text(encoding="utf-8"))


def page(truth: dict, url_part: str) -> tuple[str, bytes, str]:
    (page_id,) = [key for key, value in truth.items() if url_part in value["url"]]
    return page_id, gzip.decompress((PAGES / "html" / f"{page_id}.html.gz").read_bytes()), truth[page_id]["articleBody"]


def test_metric_is_the_benchmarks(truth):
    body = next(iter(truth.values()))["articleBody"]
    assert extraction.score_page("p", body, body).tp == 1.0
    # Four words make one shingle, five make two: half of the truth found, nothing wrong predicted.
    half = extraction.score_page("p", "Troops crossed the river today", "Troops crossed the river")
    assert (half.tp, half.fp, half.fn) == (0.5, 0.0, 0.5)
    padded = extraction.score_page("p", body, body + "\nRelated stories\nMarkets fell sharply on Monday morning")
    assert 0 < padded.fp < padded.tp and padded.fn == 0
    # An empty prediction counts against recall and is left out of precision, as in evaluate.py.
    scores = extraction.aggregate([extraction.score_page("a", body, body), extraction.score_page("b", body, "")])
    assert scores["precision"] == 1.0 and scores["recall"] == 0.5 and abs(scores["f1"] - 2 / 3) < 1e-9


def test_dev_pages_stay_above_the_floor():
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["extraction_dev"]
    result = extraction.evaluate(need(PAGES))
    assert result["pages"] == 90
    for key, floor in floors.items():
        assert result[key] >= floor, f"{key} {result[key]:.4f} fell below the floor {floor}"


@pytest.mark.parametrize("site, last_words", [
    ("space.com/jupiter-moon-europa", "if they just get really lucky"),
    ("livescience.com/most-detailed-universe", "what emergent trends show up in that data"),
])
def test_a_related_link_inside_the_story_drops_only_itself(truth, site, last_words):
    page_id, html, body = page(truth, site)
    text = extraction.extract_body(html, page_id)
    assert last_words in " ".join(text.split())
    assert not any(line.startswith("Related:") for line in text.splitlines())
    assert extraction.score_page(page_id, body, text).f1 > 0.9


def test_a_page_laid_out_in_tables_keeps_its_text(truth):
    page_id, html, body = page(truth, "autoracing.com.br")
    text = extraction.extract_body(html, page_id)
    assert "O calendário da Cup é composto por 36 corridas" in text
    assert extraction.score_page(page_id, body, text).f1 > 0.9


def test_cli_ends_with_the_scores_as_json(truth, tmp_path):
    (tmp_path / "html").mkdir()
    chosen = dict(sorted(truth.items())[:2])
    for page_id in chosen:
        shutil.copy(PAGES / "html" / f"{page_id}.html.gz", tmp_path / "html")
    (tmp_path / "ground-truth.json").write_text(json.dumps(chosen), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "extraction", "--data", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout.strip().splitlines()[-1])
    assert scores["pages"] == 2 and 0.5 < scores["f1"] <= 1 and {"precision", "recall"} <= set(scores)
    missing = CliRunner().invoke(app, ["eval", "extraction", "--data", str(tmp_path / "html")])
    assert missing.exit_code == 1 and "ground-truth.json" in missing.output
