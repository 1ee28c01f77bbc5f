"""The ledger under hostile values and concurrent writers, on SQLite and (with
FOGWATCH_TEST_POSTGRES) PostgreSQL. No NLP models: the records are built by hand, since these
tests are about what storage does with any record extraction could produce."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import traceback

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from fogwatch.clean import article_id
from fogwatch.ledger import open_ledger
from fogwatch.pipeline import _save, run
from fogwatch.records import Article, Claim, Extraction, Failure, Quantity, Span
from fogwatch.registry.actors import load_registry

SENTENCE = "Officials said 3 billion dollars of damage and 99999999999999999999999999 people were affected."


def article(body: str, origin: str = "test.txt") -> Article:
    return Article(article_id=article_id(body), text=body, ingested_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
                   origin=origin)


def claim(a: Article, n: int, low: int, words: str, claim_id: str | None = None) -> Claim:
    start = a.text.index(words)
    span = Span(a.article_id, start, start + len(words))
    return Claim(claim_id=claim_id or f"{a.article_id[:16]}-{n}", article_id=a.article_id,
                 span=Span(a.article_id, 0, len(a.text)), text=a.text, speaker=None, via=(), cue="said",
                 hedge="reported", predicate="affected",
                 quantity=Quantity(low=low, high=low, unit="person", text=words, span=span))


def test_counts_beyond_the_column_are_stored_unbounded_with_a_note(ledger_url):
    ledger = open_ledger(ledger_url)
    a = article(SENTENCE)
    huge = 99999999999999999999999999
    assert ledger.save(Extraction(article=a, claims=(claim(a, 0, 3_000_000_000, "3 billion"),
                                                      claim(a, 1, huge, str(huge)))))
    billions, beyond = (c["quantity"] for c in ledger.iter_claims())
    assert billions["low"] == billions["high"] == 3_000_000_000 and billions["note"] is None
    assert beyond["low"] is None and beyond["high"] is None
    assert "beyond the ledger's range" in beyond["note"] and beyond["text"] == str(huge)


def test_a_value_the_database_refuses_is_that_articles_failure_only(ledger_url):
    ledger = open_ledger(ledger_url)
    good = article("Rescuers said 4 people were affected when the shelter flooded overnight.", "good.txt")
    bad = article("Rescuers said 5 people were affected when a second shelter flooded.", "bad.txt")
    failures: list[Failure] = []
    # Two claims with one id: the database refuses the second row, so the whole article goes.
    twins = (claim(bad, 0, 5, "5 people", "same-id"), claim(bad, 1, 5, "5 people", "same-id"))
    assert _save(ledger, Extraction(article=bad, claims=twins), failures.append) is None
    assert _save(ledger, Extraction(article=good, claims=(claim(good, 0, 4, "4 people"),)), failures.append)
    assert [f.origin for f in failures] == ["bad.txt"] and failures[0].reason.startswith("cannot store: ")
    assert "\n" not in failures[0].reason
    assert ledger.counts()["articles"] == 1 and [c["article_id"] for c in ledger.iter_claims()] == [good.article_id]


def test_nul_bytes_never_reach_the_database(ledger_url, tmp_path):
    """PostgreSQL refuses NUL in text; cleaning drops control characters, and a NUL that got past
    it (a stored record built elsewhere) is one article's failure, not the run's end."""
    source = tmp_path / "nul.jsonl"
    source.write_bytes(b'{"text": "Officials said\\u0000 two people were killed in the strike on the depot overnight."}\n')
    from fogwatch.clean import clean
    from fogwatch.ingest import read_paths

    (cleaned,) = list(clean(read_paths([source])))
    assert "\x00" not in cleaned.text and "said two people" in cleaned.text
    ledger = open_ledger(ledger_url)
    failures: list[Failure] = []
    raw = article("Officials said\x00 two people were killed in the strike on the depot overnight.")
    stored = _save(ledger, Extraction(article=raw, claims=()), failures.append)
    if ledger.engine.dialect.name == "postgresql":
        assert stored is None and "NUL" in failures[0].reason.upper()
    assert ledger.counts()["articles"] == (1 if stored else 0)


def fake_extract(articles, registry=None, batch_size=16):
    """Stands in for the NLP stage: raises on the article that says "POISON", like spaCy's E088."""
    for a in articles:
        if "POISON" in a.text:
            raise ValueError("[E088] Text of length 1000001 exceeds maximum of 1000000")
        yield Extraction(article=a, claims=())


def test_an_article_that_cannot_be_extracted_is_skipped_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr("fogwatch.pipeline.extract", fake_extract)
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(20):  # more than one batch, the poisoned article in the middle of the first
        body = "POISON " if n == 7 else ""
        (folder / f"{n:02}.txt").write_text(f"{body}Report {n}: officials said {n} buildings were damaged overnight.")
    ledger = open_ledger(str(tmp_path / "l.db"))
    summary = run([folder], ledger, registry=load_registry())
    assert summary.added == 19 and len(summary.failures) == 1
    assert summary.failures[0].origin.endswith("07.txt") and "E088" in summary.failures[0].reason


def _open_and_write(url: str, n: int, barrier, errors) -> None:
    """One of several processes: open a (maybe new) ledger, load the registry, store articles."""
    try:
        barrier.wait(timeout=60)
        ledger = open_ledger(url)
        ledger.sync_registry(list(load_registry().actors.values()))
        shared = article("Officials said two drones were shot down over the region overnight.")
        own = article(f"Officials said {n + 3} drones were shot down over district {n} overnight.")
        for a in (shared, own):
            ledger.save(Extraction(article=a, claims=(claim(a, 0, 2, "two drones" if a is shared else f"{n + 3} drones"),)))
        ledger.save_events([])
    except Exception:  # noqa: BLE001 - reported to the parent
        errors.put(f"process {n}: {traceback.format_exc()}")


def test_processes_that_open_a_new_ledger_together_all_succeed(ledger_url):
    context = multiprocessing.get_context("fork")
    processes = 4
    barrier, errors = context.Barrier(processes), context.Queue()
    workers = [context.Process(target=_open_and_write, args=(ledger_url, n, barrier, errors)) for n in range(processes)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    problems = [errors.get() for _ in range(errors.qsize())] if not errors.empty() else []
    assert not problems, "\n".join(problems)
    assert all(w.exitcode == 0 for w in workers)
    ledger = open_ledger(ledger_url)
    counts = ledger.counts()
    assert counts["articles"] == 1 + processes and counts["claims"] == 1 + processes
    assert counts["actors"] == len([a for a in load_registry().actors.values() if not a.discovered])
    with ledger.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1


@pytest.mark.parametrize("command", [["events"], ["claims"], ["disputes"], ["actors"], ["export"], ["serve"]])
def test_read_commands_refuse_a_ledger_that_does_not_exist(tmp_path, command):
    from fogwatch.cli import app

    missing = tmp_path / "mistyped.db"
    result = CliRunner().invoke(app, [*command, "--db", str(missing)])
    assert result.exit_code == 2
    assert result.output.strip() == f"fogwatch: error: no ledger at {missing} (ingest articles into it first, or check --db)"
    assert not missing.exists()


def test_articles_stored_after_the_last_reconcile_are_noticed(ledger_url):
    """An ingest killed between storing and reconciling leaves events that miss its articles; the
    next ingest sees that (`Summary.unreconciled`) and reconciles though it adds nothing."""
    from fogwatch.pipeline import reconcile_ledger

    ledger = open_ledger(ledger_url)
    first = article("Officials said 2 people were killed in the strike on the depot overnight.")
    ledger.save(Extraction(article=first, claims=()))
    assert ledger.unreconciled()
    reconcile_ledger(ledger)
    assert not ledger.unreconciled()
    second = article("Officials said 3 people were killed in a second strike on the depot.")
    ledger.save(Extraction(article=second, claims=()))
    assert ledger.unreconciled()


def test_terminal_output_neutralises_control_and_bidi_characters(tmp_path):
    from fogwatch.cli import app

    db = str(tmp_path / "l.db")
    hostile = article("Officials said\x1b[2J 4 people were killed \u202edellik 4 in the raid.", "evil\x1b]0;x\x07.txt")
    open_ledger(db).save(Extraction(article=hostile, claims=(claim(hostile, 0, 4, "4 people"),)))
    result = CliRunner().invoke(app, ["claims", "--db", db])
    assert result.exit_code == 0 and "1 claims" in result.output and "raid." in result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output and "\ufffd" in result.output
