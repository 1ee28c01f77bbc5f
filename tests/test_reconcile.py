"""Reconcile on the seeds plus the bundled multi-outlet sample: events, measures, disputes, stable ids."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from fogwatch.records import Actor, Claim, Quantity, Span
from fogwatch.reconcile.measures import measures

SAMPLE = Path(str(resources.files("fogwatch") / "data" / "sample" / "reports.jsonl"))


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, seeds_jsonl):
    from fogwatch.ledger import open_ledger
    from fogwatch.pipeline import reconcile_ledger, run

    led = open_ledger(str(tmp_path_factory.mktemp("rec") / "r.db"))
    run([seeds_jsonl, SAMPLE], led)
    reconcile_ledger(led)
    return led


@pytest.fixture(scope="module")
def events(ledger):
    return list(ledger.iter_events())


@pytest.fixture(scope="module")
def titles(ledger):
    return {a["article_id"]: a["title"] for a in ledger.iter_articles()}


def event_with(events, titles, title):
    found = [e for e in events if any(titles[a] == title for a in e["articles"]) and e["type"] == "Battles"]
    assert found, f"no battle event from {title!r}"
    return found


def test_one_event_across_outlets_for_the_2023_raid(events, titles):
    (raid,) = event_with(events, titles, "The invasion of Russia")
    outlets = {titles[a] for a in raid["articles"]}
    assert {"Russia says it repelled cross-border raid in Belgorod region",
            "Anti-Kremlin Russian fighters claim border village"} <= outlets
    assert raid["when"]["start"].startswith("2023-05")
    assert "Kozinka" in {p["name"] for p in raid["places"]}


def test_the_two_incursions_stay_apart(events, titles):
    (raid,) = event_with(events, titles, "The invasion of Russia")
    later = [e for e in event_with(events, titles, "Russia Faces Alleged Counter-Invasion")
             if e["when"]["start"].startswith("2024-03")]
    assert len(later) == 1 and later[0]["event_id"] != raid["event_id"]
    assert not set(raid["claims"]) & set(later[0]["claims"])


def test_the_drone_night_is_its_own_event(events, titles):
    drones = [e for e in events if any(m["predicate"] == "shot_down" for m in e["measures"])]
    assert drones and all(e["type"] != "Battles" for e in drones)
    (incursion,) = [e for e in event_with(events, titles, "Russia Faces Alleged Counter-Invasion")
                    if e["when"]["start"].startswith("2024-03")]
    assert all(d["event_id"] != incursion["event_id"] for d in drones)


def test_unrelated_political_story_is_in_no_event(events, titles):
    politics = [a for a, t in titles.items() if t == "Parliament debates farm subsidies"]
    assert politics and not any(politics[0] in e["articles"] for e in events)


def test_2024_killed_measure_respects_bounds(events, titles):
    (incursion,) = [e for e in event_with(events, titles, "Russia Faces Alleged Counter-Invasion")
                    if e["when"]["start"].startswith("2024-03")]
    (killed,) = [m for m in incursion["measures"] if (m["predicate"], m["unit"]) == ("killed", "fighter")]
    assert killed["low"] == 101 and killed["n_sources"] >= 2
    assert killed["high"] >= 101 and killed["best"] == 101
    assert "conservative" in killed["rule"]


def test_identity_dispute_on_the_2023_raid(events, titles):
    (raid,) = event_with(events, titles, "The invasion of Russia")
    (identity,) = [d for d in raid["disputes"] if d["kind"] == "identity"]
    by_value = {p["value"]: set(p["sides"]) for p in identity["parties"]}
    assert by_value["Russian citizens"] == {"UA"} and by_value["Ukrainians"] == {"RU"}


def test_claims_carry_their_event_id(ledger, events):
    ids = {e["event_id"] for e in events}
    claims = list(ledger.iter_claims())
    assert {c["event_id"] for c in claims if c["event_id"]} == ids
    assert all(c["event_id"] is None for c in claims if c["predicate"] == "stated")


def test_rerun_keeps_event_ids(ledger, events, tmp_path):
    from fogwatch.pipeline import reconcile_ledger, run

    again = reconcile_ledger(ledger)
    assert {e.event_id for e in again} == {e["event_id"] for e in events}
    extra = tmp_path / "extra.jsonl"
    extra.write_text('{"text": "The Russian Defence Ministry said on Wednesday that more than 50 fighters were killed '
                     'near Kozinka in the Belgorod region.", "published": "2023-05-24", "outlet": "Late Wire"}\n',
                     encoding="utf-8")
    run([extra], ledger)
    grown = reconcile_ledger(ledger)
    assert {e["event_id"] for e in events} <= {e.event_id for e in grown}


def _claim(n: int, low, high, side, hedge="asserted", unit="fighter", kind="unknown") -> Claim:
    span = Span("a", n, n + 1)
    speaker = Actor(actor_id=f"s{n}", name=f"S{n}", side=side, kind=kind) if side != "outlet" else None
    return Claim(claim_id=f"c{n}", article_id="a", span=span, text="x", speaker=speaker, via=(), cue="said",
                 hedge=hedge, predicate="killed", quantity=Quantity(low, high, unit, "x", span))


def test_measure_rule():
    (m,) = measures([_claim(1, 70, 70, "RU"), _claim(2, 101, None, "RU"), _claim(3, 40, 60, None, kind="ngo")], {})
    assert (m.low, m.best, m.high, m.n_sources) == (40, 40, 101, 3)
    assert "independent" in m.rule
    # A speaker whose side is merely unknown ("officials") is not an independent source.
    (m,) = measures([_claim(1, 70, 70, "RU"), _claim(3, 90, 90, None)], {})
    assert m.best == 70 and "unknown side" in m.rule
    (m,) = measures([_claim(1, 70, 70, "RU"), _claim(2, 101, None, "RU"), _claim(3, 5, 5, "UA", hedge="denied")], {})
    assert (m.low, m.best, m.high, m.n_sources) == (70, 70, 101, 2)
