"""The seeds, end to end: what an analyst reads in them must be in the ledger, and nothing else.

Checked by what must and must not appear (STYLE.md §5), not by a golden dump.
"""
from __future__ import annotations

import pytest


def find(claims, *, speaker=None, predicate=None, unit=None, text=None):
    out = []
    for c in claims:
        if speaker and not (c["speaker"] and c["speaker"]["actor_id"] == speaker):
            continue
        if predicate and c["predicate"] != predicate:
            continue
        if unit and not (c["quantity"] and c["quantity"]["unit"] == unit):
            continue
        if text and text not in c["text"]:
            continue
        out.append(c)
    return out


def test_fsb_more_than_100_fighters_killed_is_a_lower_bound_and_alleged(seed_claims):
    (claim,) = find(seed_claims, speaker="ru-fsb", predicate="killed", unit="fighter")
    assert claim["quantity"]["low"] == 101 and claim["quantity"]["high"] is None
    assert claim["hedge"] == "alleged"
    assert claim["quantity"]["text"] == "More than 100 Ukrainian fighters"


def test_fsb_equipment_destroyed_one_claim_per_figure(seed_claims):
    figures = {(c["quantity"]["unit"], c["quantity"]["low"], c["quantity"]["high"])
               for c in find(seed_claims, speaker="ru-fsb", predicate="destroyed") if c["quantity"]}
    assert {("tank", 6, 6), ("gun", 1, 1), ("vehicle", 20, 20)} <= figures


def test_defence_ministry_26_drones_over_seven_regions(seed_claims):
    (claim,) = find(seed_claims, speaker="ru-mod", predicate="shot_down")
    q = claim["quantity"]
    assert (q["low"], q["high"], q["unit"]) == (26, 26, "drone")
    assert "seven regions" in q["text"] and "7 regions" in q["note"]


def test_russian_government_70_killed_and_terrorists(seed_claims):
    (killed,) = find(seed_claims, speaker="ru-government", predicate="killed")
    assert killed["quantity"]["low"] == 70 and killed["quantity"]["unit"] == "fighter"
    identities = [c["identity"] for c in find(seed_claims, speaker="ru-government", predicate="identified_as")]
    assert "terrorists" in identities
    assert "Ukrainians" in identities
    assert find(seed_claims, speaker="ru-government", predicate="repelled")


def test_legion_and_rdk_claim_kozinka(seed_claims):
    for actor in ("ua-frl", "ua-rdk"):
        (claim,) = find(seed_claims, speaker=actor, predicate="captured", text="Kozinka")
        assert claim["hedge"] == "alleged"
        assert claim["place"]["name"] == "Kozinka" and claim["place"]["geonames_id"] == 543229


def test_groups_claim_a_border_village(seed_claims):
    claims = find(seed_claims, predicate="captured", text="border villages")
    assert {c["speaker"]["actor_id"] for c in claims} >= {"ua-frl"}
    assert all(c["hedge"] == "alleged" for c in claims)


def test_ukrainian_government_says_fighters_were_russian_citizens(seed_claims):
    claims = find(seed_claims, speaker="ua-government", predicate="identified_as")
    assert "Russian citizens" in {c["identity"] for c in claims}


def test_kursk_governor_is_a_speaker(seed_claims):
    claims = find(seed_claims, speaker="ru-starovoit")
    assert claims and {c["cue"] for c in claims} >= {"told"}


def test_one_actor_for_the_legion_under_both_names(seed_claims):
    texts = {c["text"] for c in find(seed_claims, speaker="ua-frl")}
    assert any("Liberty of Russia Legion" in t for t in texts)  # seed 004
    assert any("The groups claimed" in t or "The Legion stated" in t for t in texts)  # seed 000, "Free Russia Legion"


def test_nested_attribution_chain(seed_claims):
    claims = find(seed_claims, speaker="ru-mod", text="ABC News reported")
    assert claims
    assert [link["speaker"] for link in claims[0]["via"]][0] == "ABC News"
    assert claims[0]["hedge"] == "confirmed"


def test_places_geocoded(seed_claims, seed_articles):
    names = {(c["place"]["name"], c["place"]["precision"]) for c in seed_claims if c["place"]}
    assert ("Kozinka", "exact") in names
    assert ("Belgorod Oblast", "admin1") in names


@pytest.mark.parametrize("unwanted", ["Damascus", "Columbia University", "Bundestag", "Zeldin", "Canada",
                                      "More from GZERO", "REUTERS", "Photo by", "An abandoned armoured vehicle",
                                      "Copyright 2024"])
def test_nothing_from_the_trailer_or_captions(seed_articles, seed_claims, unwanted):
    assert all(unwanted not in a["text"] for a in seed_articles.values())
    assert all(unwanted not in c["text"] for c in seed_claims)


def test_story_text_is_kept(seed_articles):
    body = seed_articles["The invasion of Russia"]["text"]
    assert body.startswith("On Monday, fighters traveling in two tanks")
    assert body.rstrip().endswith("The next few days may tell us a lot.")
    assert seed_articles["Russia Faces Alleged Counter-Invasion"]["text"].startswith("Russia invaded Ukraine")


def test_every_claim_text_is_its_span(seed_claims, seed_articles):
    texts = {a["article_id"]: a["text"] for a in seed_articles.values()}
    for claim in seed_claims:
        start, end = claim["span"]
        assert texts[claim["article_id"]][start:end] == claim["text"]
        if claim["quantity"]:
            qs, qe = claim["quantity"]["span"]
            assert texts[claim["article_id"]][qs:qe] == claim["quantity"]["text"]


def test_dates_resolved_against_publication(seed_claims):
    kozinka = find(seed_claims, speaker="ua-frl", text="Kozinka")[0]
    assert kozinka["when"]["precision"] == "month" and kozinka["when"]["start"] == "2023-05-01"
    march = [c for c in seed_claims if c["when"] and c["when"]["text"] == "March 12"]
    assert march and march[0]["when"]["start"] == "2024-03-12"
