"""Ingest through the CLI: bad input is skipped with one line naming it, the rest still lands."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import SHARED, need
from fogwatch.cli import app

runner = CliRunner()
GOOD = ("Ukraine's air force said on Tuesday that it had shot down 30 of 35 drones launched by Russia overnight. "
        "The governor of the region said two people were wounded.")


def ingest(tmp_path: Path, *paths: Path):
    return runner.invoke(app, ["ingest", *map(str, paths), "--db", str(tmp_path / "t.db")])


def claims(tmp_path: Path) -> list[dict]:
    result = runner.invoke(app, ["export", "--what", "claims", "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_bad_inputs_are_skipped_with_reasons_and_the_rest_ingested(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "broken.html").write_text("<html><body><div><p>", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(
        json.dumps({"text": GOOD.replace("30 of 35", "20 of 25"), "outlet": "Wire", "published": "2024-03"}) + "\n"
        + "{not json\n" + json.dumps({"title": "no body"}) + "\n" + json.dumps([1, 2]) + "\n"
        + json.dumps({"text": GOOD, "published": "March"}) + "\n", encoding="utf-8")
    result = ingest(tmp_path, tmp_path)
    assert result.exit_code == 2
    lines = [l for l in result.stderr.splitlines() if l.startswith("fogwatch: skipped")]
    reasons = "\n".join(lines)
    assert f"skipped {tmp_path / 'empty.txt'}: empty file" in reasons
    assert f"skipped {tmp_path / 'binary.txt'}: binary file" in reasons
    assert f"skipped {tmp_path / 'broken.html'}:" in reasons
    assert f"skipped {tmp_path / 'lines.jsonl'}:2: malformed JSON" in reasons
    assert f"skipped {tmp_path / 'lines.jsonl'}:3: no 'text' or 'html'" in reasons
    assert f"skipped {tmp_path / 'lines.jsonl'}:4: a line must be a JSON object" in reasons
    assert f"skipped {tmp_path / 'lines.jsonl'}:5: published 'March' is not an ISO date" in reasons
    assert len(lines) == 7
    assert "Traceback" not in result.output
    found = claims(tmp_path)
    assert {c["quantity"]["low"] for c in found if c["predicate"] == "shot_down"} == {30, 20}


def test_reingest_is_a_no_op(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    assert ingest(tmp_path, tmp_path / "good.txt").exit_code == 0
    before = claims(tmp_path)
    again = ingest(tmp_path, tmp_path / "good.txt")
    assert again.exit_code == 0 and "0 new articles, 1 already" in again.stderr
    assert claims(tmp_path) == before


def test_undecodable_bytes_are_skipped(tmp_path):
    import random

    rng = random.Random(3)
    (tmp_path / "noise.txt").write_bytes(bytes(rng.randrange(128, 256) for _ in range(5000)))
    result = ingest(tmp_path, tmp_path / "noise.txt")
    assert result.exit_code == 2
    assert f"skipped {tmp_path / 'noise.txt'}: cannot decode" in result.stderr


def test_undecodable_and_latin1(tmp_path):
    (tmp_path / "latin.txt").write_bytes(("Le ministère a déclaré que " + GOOD).encode("latin-1"))
    result = ingest(tmp_path, tmp_path / "latin.txt")
    assert result.exit_code == 0, result.output
    assert claims(tmp_path)


def test_unsupported_and_missing(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    result = ingest(tmp_path, tmp_path / "x.pdf", tmp_path / "nope.txt")
    assert result.exit_code == 2
    assert "unsupported file type '.pdf'" in result.stderr and "no such file" in result.stderr


def test_hostile_html_in_text_is_stored_as_text(tmp_path):
    text = GOOD + " <script>alert(1)</script> <img src=x onerror=alert(2)>"
    (tmp_path / "h.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    assert ingest(tmp_path, tmp_path / "h.jsonl").exit_code == 0
    result = runner.invoke(app, ["export", "--what", "articles", "--db", str(tmp_path / "t.db")])
    assert "<script>alert(1)</script>" in json.loads(result.stdout.splitlines()[0])["text"]


def test_real_html_page(tmp_path):
    folder = need(SHARED / "eval" / "article-extraction")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    page_id = sorted(truth)[0]
    html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
    (tmp_path / "page.html").write_bytes(html)
    assert ingest(tmp_path, tmp_path / "page.html").exit_code == 0
    result = runner.invoke(app, ["export", "--what", "articles", "--db", str(tmp_path / "t.db")])
    article = json.loads(result.stdout.splitlines()[0])
    body = truth[page_id]["articleBody"]
    assert " ".join(body.split()[:8]) in " ".join(article["text"].split())
    assert article["title"]


def test_near_duplicate_is_kept_without_claims(tmp_path):
    story = GOOD + " " + " ".join(["The regional administration said repairs to the power lines would take days."] * 3)
    (tmp_path / "a.txt").write_text(story, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": story + "\nRead more stories from our partners.",
                                                  "outlet": "Reprint Daily"}) + "\n", encoding="utf-8")
    assert ingest(tmp_path, tmp_path / "a.txt").exit_code == 0
    before = claims(tmp_path)
    result = ingest(tmp_path, tmp_path / "b.jsonl")
    assert result.exit_code == 0 and "1 near-duplicates kept without claims" in result.stderr
    assert claims(tmp_path) == before
    exported = runner.invoke(app, ["export", "--what", "articles", "--db", str(tmp_path / "t.db")]).stdout
    rows = [json.loads(line) for line in exported.splitlines()]
    copy = [r for r in rows if r["outlet"] == "Reprint Daily"]
    assert copy and copy[0]["duplicate_of"] == [r for r in rows if r["outlet"] is None][0]["article_id"]


def test_huge_files_and_lines_are_refused(tmp_path, monkeypatch):
    from fogwatch.ingest import files

    monkeypatch.setattr(files, "MAX_BYTES", 2000)
    (tmp_path / "big.txt").write_text(GOOD * 40, encoding="utf-8")
    (tmp_path / "big.jsonl").write_text(json.dumps({"text": GOOD * 40}) + "\n" + json.dumps({"text": GOOD}) + "\n",
                                        encoding="utf-8")
    result = ingest(tmp_path, tmp_path / "big.txt", tmp_path / "big.jsonl")
    assert result.exit_code == 2
    assert f"skipped {tmp_path / 'big.txt'}: file too large" in result.stderr
    assert f"skipped {tmp_path / 'big.jsonl'}:1: line too long" in result.stderr
    assert len(claims(tmp_path)) >= 1  # the short line still lands
