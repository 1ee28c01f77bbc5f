"""The ledger grows without being re-read: stored near-duplicate signatures (ledger/signatures.py)
and incremental reconcile (ledger/incremental.py), on real GDELT articles, on SQLite and (with
FOGWATCH_TEST_POSTGRES) PostgreSQL."""
from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select, update
from typer.testing import CliRunner

from conftest import SHARED, need
from fogwatch import pipeline
from fogwatch.cli import app
from fogwatch.ledger import open_ledger
from fogwatch.ledger.incremental import reconcile_new
from fogwatch.ledger.schema import articles
from fogwatch.records import Extraction

GDELT = SHARED / "eval" / "corpora" / "ukraine-war-news" / "gdelt-articles"
RESERVED = SHARED / "eval" / "corpora" / "ukraine-war-news" / "RESERVED.txt"
# The one pair of near-copies among the unreserved GDELT articles: a Polish wire story printed
# at 17:00 and again at 22:00 with another trailer.
ORIGINAL, COPY = "20220714T170000Z_PL_en_07addd3422.txt", "20220714T220000Z_PL_en_07addd3422.txt"

# Two batches: the second brings reports of the same days (Kharkiv and Crimea in August 2022,
# Donbas in February and May 2022) as the first, which also holds unrelated 2023 reports.
FIRST = ["20220816T161500Z_UA_en_1d404ca9ae", "20220809T180000Z_PL_en_45d83bd34e", "20220219T191500Z_UA_en_d9b040c458",
         "20220501T114500Z_US_en_44bed6c2c0", "20230126T170000Z_UA_en_1af23c76be", "20230226T150000Z_UA_en_1b114b1bed"]
SECOND = ["20220817T121500Z_UA_en_6563a2847f", "20220818T113000Z_UA_en_8bcf8d289c", "20220817T064500Z_UA_en_9f8d23f5b1",
          "20220818T113000Z_UA_en_598416f3a7", "20220219T231500Z_UA_en_8a41a845e8", "20220501T163000Z_US_en_16f51eed81"]


def _unreserved() -> list:
    reserved = {line.split("/")[-1].strip() for line in need(RESERVED).read_text().splitlines()}
    return sorted(p for p in need(GDELT).iterdir() if p.name not in reserved)


def _folder(tmp_path, name: str, files) -> object:
    folder = tmp_path / name
    folder.mkdir()
    for path in files:
        shutil.copy(path, folder / path.name)
    return folder


def _without_extraction(monkeypatch) -> None:
    """Store articles with no claims: the near-duplicate rules are about texts, not models."""
    monkeypatch.setattr(pipeline, "extract", lambda batch, **_: [Extraction(article=a, claims=()) for a in batch])


def _copies(ledger) -> dict[str, str]:
    origin = {a["article_id"]: a["origin"].split("/")[-1] for a in ledger.iter_articles()}
    return {origin[a["article_id"]]: origin[a["duplicate_of"]] for a in ledger.iter_articles() if a["duplicate_of"]}


@pytest.mark.parametrize("legacy", [False, True], ids=["signatures", "backfilled"])
def test_a_copy_of_a_stored_article_is_found_from_stored_signatures(ledger_url, tmp_path, monkeypatch, legacy):
    files = _unreserved()
    assert {ORIGINAL, COPY} <= {p.name for p in files}
    earlier = [p for p in files if p.name <= ORIGINAL]
    first, second = _folder(tmp_path, "first", earlier), _folder(tmp_path, "second", files[len(earlier):])
    _without_extraction(monkeypatch)
    ledger = open_ledger(ledger_url)
    pipeline.run([first], ledger)
    with ledger.engine.connect() as conn:
        stored = dict(conn.execute(select(articles.c.article_id, articles.c.minhash)).all())
    assert stored and all(stored.values())  # every original keeps its signature
    if legacy:  # a ledger stored before signatures were: each computed once, as the text gives it
        with ledger.writer.begin() as conn:
            conn.execute(update(articles).values(minhash=None))
    summary = pipeline.run([second], ledger)
    assert summary.copies == 1 and _copies(ledger) == {COPY: ORIGINAL}
    with ledger.engine.connect() as conn:
        again = dict(conn.execute(select(articles.c.article_id, articles.c.minhash)
                                  .where(articles.c.article_id.in_(list(stored)))).all())
    assert again == stored


def _state(ledger) -> tuple[list[dict], dict[str, str | None]]:
    """What `fogwatch export` writes of the events, and each claim's event."""
    return list(ledger.iter_events()), {c["claim_id"]: c["event_id"] for c in ledger.iter_claims()}


def test_incremental_reconcile_gives_the_events_of_a_full_one(ledger_url, tmp_path):
    by_name = {p.stem: p for p in _unreserved()}
    first = _folder(tmp_path, "first", [by_name[n] for n in FIRST])
    second = _folder(tmp_path, "second", [by_name[n] for n in SECOND])
    ledger = open_ledger(ledger_url)
    pipeline.run([first], ledger)
    pipeline.reconcile_ledger(ledger, incremental=True)
    before = {e["event_id"]: e for e in ledger.iter_events()}
    assert pipeline.run([second], ledger).added == len(SECOND)
    assert ledger.unreconciled()

    remade = reconcile_new(ledger, max_share=1.0)  # however small the ledger
    assert remade is not None and not ledger.unreconciled()  # incremental, not the full fallback
    events, claim_events = _state(ledger)
    new_articles = {a["article_id"] for a in ledger.iter_articles() if a["origin"].split("/")[-2] == "second"}
    # The second batch joined events of the first, and left others as they were.
    assert any(set(e["articles"]) & new_articles and set(e["articles"]) - new_articles for e in events)
    untouched = [e for e in events if e["event_id"] not in {r.event_id for r in remade}]
    assert untouched and all(before.get(e["event_id"]) == e for e in untouched)

    full = CliRunner().invoke(app, ["reconcile", "--full", "--db", ledger_url])  # from every claim
    assert full.exit_code == 0, full.output
    assert _state(ledger) == (events, claim_events)
