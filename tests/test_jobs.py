"""`fogwatch ingest --jobs N` and `fogwatch bench`: worker processes change the speed, never the ledger."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import sqlite3
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from conftest import SHARED, need
from fogwatch import clean, parallel, pipeline
from fogwatch.bench import corpus_files
from fogwatch.cli import app

runner = CliRunner()
CORPUS = SHARED / "eval" / "corpora" / "ukraine-war-news" / "gdelt-articles"
RESERVED = CORPUS.parent / "RESERVED.txt"
EXPORTS = ("claims", "articles", "events", "actors")


class Clock(dt.datetime):
    """The ledger lists articles by the second they were ingested (then by id); one fixed second
    for both runs, so the order compared is the order the runs stored, not when a second ticked."""

    @classmethod
    def now(cls, tz=None):
        return dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=tz)


def _unreserved(n: int):
    files = corpus_files(need(CORPUS), n)
    held_out = {line.split(": ", 1)[0] for line in RESERVED.read_text(encoding="utf-8").splitlines()}
    assert not {f"{CORPUS.name}/{f.name}" for f in files} & held_out
    return files


@pytest.fixture(scope="module")
def two_ledgers(tmp_path_factory):
    """Six real articles and a truncated gzip among them, ingested with --jobs 1 and --jobs 2."""
    folder = tmp_path_factory.mktemp("jobs")
    files = _unreserved(6)
    bad = folder / "cut-off.txt.gz"
    whole = gzip.compress(files[0].read_bytes())
    bad.write_bytes(whole[:len(whole) // 2])
    inputs = [str(p) for p in (*files[:3], bad, *files[3:])]
    splits: list[int] = []
    split = parallel._split

    def counted(window, parts):
        batches = split(window, parts)
        splits.append(len(batches))
        return batches

    runs = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clean, "dt", SimpleNamespace(datetime=Clock, timezone=dt.timezone))
        patch.setattr(pipeline, "PARALLEL_FROM", 1)  # workers even for six articles
        patch.setattr(parallel, "_split", counted)
        for jobs in (1, 2):
            db = str(folder / f"jobs{jobs}.db")
            result = runner.invoke(app, ["ingest", *inputs, "--db", db, "--jobs", str(jobs)])
            exports = {what: runner.invoke(app, ["export", "--what", what, "--db", db]).stdout for what in EXPORTS}
            with sqlite3.connect(db) as conn:
                order = [row[0] for row in conn.execute("SELECT article_id FROM articles ORDER BY rowid")]
            runs[jobs] = SimpleNamespace(result=result, exports=exports, order=order, bad=str(bad))
    runs["splits"] = splits
    return runs


def test_two_jobs_export_the_same_ledger_byte_for_byte(two_ledgers):
    one, two = two_ledgers[1], two_ledgers[2]
    assert two_ledgers["splits"] == [2]  # --jobs 2 sent its one window of six to the workers in two batches
    assert len(one.exports["claims"].splitlines()) > 20  # a real comparison, not of two empty files
    for what in EXPORTS:
        assert two.exports[what] == one.exports[what], what
    assert two.order == one.order  # stored in input order, as one process does
    summary = [line for line in one.result.stderr.splitlines() if "new articles" in line]
    assert summary and summary == [line for line in two.result.stderr.splitlines() if "new articles" in line]


def test_a_bad_file_among_the_inputs_is_reported_once_and_skipped_with_two_jobs(two_ledgers):
    one, two = two_ledgers[1], two_ledgers[2]
    skipped = [line for line in two.result.stderr.splitlines() if line.startswith("fogwatch: skipped")]
    assert len(skipped) == 1 and two.bad in skipped[0] and "Compressed file ended" in skipped[0]
    assert skipped == [line for line in one.result.stderr.splitlines() if line.startswith("fogwatch: skipped")]
    assert two.result.exit_code == 2 and "Traceback" not in two.result.output
    assert len(two.order) >= 5  # the articles after it were stored too


def test_the_bench_skips_reserved_files():
    files = corpus_files(need(CORPUS))
    reserved = [line for line in RESERVED.read_text(encoding="utf-8").splitlines() if line.startswith(f"{CORPUS.name}/")]
    assert reserved and (CORPUS.parent / reserved[0]).exists()
    assert not {f"{CORPUS.name}/{f.name}" for f in files} & set(reserved)
    assert len(files) == len(list(CORPUS.glob("*.txt"))) - len(reserved)


def test_bench_ends_with_a_json_line_of_figures():
    result = runner.invoke(app, ["bench", "--corpus", str(need(CORPUS)), "--limit", "3", "--jobs", "2", "--json"],
                           env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.splitlines()[-1])
    for key in ("pipeline_words_per_s", "spacy_words_per_s", "ratio", "peak_rss_mb", "jobs",
                "pipeline_jobsN_words_per_s", "speedup"):
        assert figures[key] > 0, key
    assert figures["jobs"] == 2 and figures["files"] == 3 and figures["same_claims"] is True
    assert figures["ratio"] == pytest.approx(figures["pipeline_words_per_s"] / figures["spacy_words_per_s"], rel=0.05, abs=0.002)
    assert "spaCy nlp.pipe alone" in result.stdout
