"""`fogwatch spark` on real articles: the Parquet it writes, and the ledger `fogwatch ingest DIR` makes
of it, which must be the ledger a local `fogwatch ingest` of the same files makes."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SHARED, need
from fogwatch.cli import app
from fogwatch.ledger import open_ledger

pytest.importorskip("pyspark", reason="needs PySpark (pip install 'fogwatch[spark]')")
pq = pytest.importorskip("pyarrow.parquet", reason="needs pyarrow")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("needs Java 17+ for Spark (java on PATH or JAVA_HOME)", allow_module_level=True)

runner = CliRunner()
GDELT = SHARED / "eval" / "corpora" / "ukraine-war-news" / "gdelt-articles"
# Four real reports (none in RESERVED.txt): rail strikes, a mercenary's death, a warned barrage, losses.
ARTICLES = ("20220425T200000Z_GB_en_0c7f16761d.txt", "20220608T103000Z_PL_en_9631e91c15.txt",
            "20230216T204500Z_US_en_29aeb67fc2.txt", "20240504T130000Z_PL_en_0ea2dd10ee.txt")
BROKEN = "broken.txt"
COPY = "zz_republished.txt"  # the first report again with an update line: a near-duplicate
UNSTABLE = ("ingested_at",)  # when each run read the article: differs between any two runs


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    for name in ARTICLES:
        shutil.copy(need(GDELT / name), folder / name)
    (folder / BROKEN).write_bytes(b"\x00\x01\x02 not text")
    first = (GDELT / ARTICLES[0]).read_text(encoding="utf-8")
    (folder / COPY).write_text(first + "\nThis story has been updated with the latest figures.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def job(inputs, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One Spark run for the module (start-up is slow), in its own process so its JVM ends with it."""
    output = tmp_path_factory.mktemp("spark") / "out"
    done = subprocess.run([sys.executable, "-m", "fogwatch", "spark", str(inputs), "--output", str(output),
                           "--master", "local[2]"], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"})
    return output, done


@pytest.fixture(scope="module")
def local_db(inputs, tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("local") / "local.db")
    result = runner.invoke(app, ["ingest", str(inputs), "--db", db])
    assert result.exit_code == 2, result.output  # the broken file
    return db


def _export(db: str, what: str) -> list[dict]:
    result = runner.invoke(app, ["export", "--what", what, "--format", "jsonl", "--db", db])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return sorted(({k: v for k, v in r.items() if k not in UNSTABLE} for r in rows),
                  key=lambda r: json.dumps(r, sort_keys=True))


def test_job_writes_every_good_article_and_its_claims(job, inputs, local_db):
    output, done = job
    assert done.returncode == 2, done.stderr  # one input was skipped
    articles = pq.read_table(output / "articles").to_pylist()
    claims = pq.read_table(output / "claims").to_pylist()
    assert sorted(Path(a["origin"]).name for a in articles) == sorted([*ARTICLES, COPY])
    # The job extracts every article; which one is a copy is decided when the ledger is written.
    local_claims = _export(local_db, "claims")
    stored = {a["article_id"] for a in _export(local_db, "articles") if not a["duplicate_of"]}
    assert len(stored) == len(ARTICLES) and local_claims
    written = [c for c in claims if c["article_id"] in stored]
    assert sorted(c["claim_id"] for c in written) == sorted(c["claim_id"] for c in local_claims)
    # A claim row is the interchange claim `fogwatch export` writes (before reconcile gives it an event).
    by_id = {c["claim_id"]: c for c in local_claims}
    assert all(c == {**by_id[c["claim_id"]], "event_id": None} for c in written)


def test_bad_file_is_one_line_and_written_to_failures(job, inputs):
    output, done = job
    line = f"fogwatch: skipped {inputs / BROKEN}: binary file (contains NUL bytes)"
    assert line in done.stderr.splitlines()
    assert pq.read_table(output / "failures").to_pylist() == [
        {"origin": str(inputs / BROKEN), "reason": "binary file (contains NUL bytes)"}]
    local = runner.invoke(app, ["ingest", str(inputs / BROKEN), "--db", str(output.parent / "bad.db")])
    assert line in local.output.splitlines()


def test_ingest_of_job_output_is_the_local_ledger(job, local_db, tmp_path):
    output, _ = job
    db = str(tmp_path / "spark.db")
    result = runner.invoke(app, ["ingest", str(output), "--db", db])
    assert result.exit_code == 0, result.output
    assert "4 new articles, 0 already in the ledger, 1 near-duplicates kept without claims" in result.output
    assert runner.invoke(app, ["reconcile", "--db", db]).exit_code == 0
    for what in ("articles", "claims", "actors", "events"):
        assert _export(db, what) == _export(local_db, what), what
    # Beyond the exports: the places table, and the relevance and publication precision reconcile reads.
    loaded, local = open_ledger(db), open_ledger(local_db)
    assert loaded.counts() == local.counts()
    assert loaded.article_infos() == local.article_infos()
    again = runner.invoke(app, ["ingest", str(output), "--db", db])
    assert "0 new articles, 5 already in the ledger" in again.output


def test_unfinished_job_output_is_skipped_with_its_reason(job, tmp_path):
    output, _ = job
    partial = tmp_path / "partial"
    shutil.copytree(output, partial)
    (partial / "articles" / "_SUCCESS").unlink()
    result = runner.invoke(app, ["ingest", str(partial), "--db", str(tmp_path / "p.db")])
    assert result.exit_code == 2
    assert f"fogwatch: skipped {partial}: cannot read Spark output: no _SUCCESS in articles/" in result.output


def test_output_folder_is_never_overwritten(job):
    output, _ = job
    result = runner.invoke(app, ["spark", str(output), "--output", str(output)])
    assert result.exit_code == 1
    assert "already holds a Spark job's output" in result.output
