"""Shared fixtures. Corpora come from ../shared (beside the repo); the package never reads it."""
from __future__ import annotations

import datetime as dt
import json
import os
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"needs {path} (the shared corpus beside the repository)")
    return path


@pytest.fixture(scope="session")
def seeds_jsonl(tmp_path_factory) -> Path:
    """The two seed articles as one JSONL file with their seeds.jsonl metadata."""
    folder = need(SEEDS)
    out = tmp_path_factory.mktemp("seeds") / "seeds.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for line in (folder / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
            meta = json.loads(line)
            text = (folder / meta["file"]).read_text(encoding="utf-8")
            handle.write(json.dumps({"id": meta["file"], "title": meta["title"], "outlet": meta["outlet"],
                                     "published": meta["published"], "text": text}) + "\n")
    return out


@pytest.fixture(scope="session")
def seed_ledger(tmp_path_factory, seeds_jsonl):
    from fogwatch.ledger import open_ledger
    from fogwatch.pipeline import run

    db = tmp_path_factory.mktemp("ledger") / "seeds.db"
    ledger = open_ledger(str(db))
    summary = run([seeds_jsonl], ledger)
    assert summary.added == 2 and not summary.failures
    return ledger


@pytest.fixture(scope="session")
def seed_claims(seed_ledger) -> list[dict]:
    return list(seed_ledger.iter_claims())


@pytest.fixture(scope="session")
def seed_articles(seed_ledger) -> dict[str, dict]:
    return {a["title"]: a for a in seed_ledger.iter_articles()}


def extract_text(text: str, published: str | None = "2024-03-15") -> list:
    """Claims fogwatch extracts from one short text (published on `published`)."""
    from fogwatch.clean import article_id
    from fogwatch.extract import extract
    from fogwatch.ingest.meta import parse_published
    from fogwatch.records import Article

    article = Article(article_id=article_id(text), text=text, published=parse_published(published),
                      ingested_at=dt.datetime(2026, 1, 1))
    (extraction,) = list(extract([article]))
    return list(extraction.claims)


# A PostgreSQL server for the ledger tests (.ci/run starts one and sets this); tests that take
# `ledger_url` run once on a SQLite file and once on a fresh PostgreSQL database.
POSTGRES = os.environ.get("FOGWATCH_TEST_POSTGRES")


@contextmanager
def postgres_database():
    """The URL of a new, empty PostgreSQL database, dropped afterwards."""
    from uuid import uuid4

    from sqlalchemy import create_engine

    from fogwatch.ledger import default_url

    name = f"fogwatch_test_{uuid4().hex[:12]}"
    admin = create_engine(default_url(POSTGRES), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES.rsplit('/', 1)[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    if not POSTGRES:
        pytest.skip("needs FOGWATCH_TEST_POSTGRES, a PostgreSQL server URL (.ci/run starts one)")
    with postgres_database() as url:
        yield url
