"""Place mentions in a parsed paragraph, geocoded with the gazetteer.

NER alone is not enough (the small English model tags "Belgorod" as NORP and "Kursk" as PRODUCT),
so candidates come from three readable rules, strongest first:
1. "<Name> region/oblast/province", "the <A> and <B> regions" → first-level regions;
2. "town/village/city of <Name>" and a proper noun after a locative preposition → populated places,
   allowing transliteration variants;
3. GPE/LOC entities, and other capitalised entities that the gazetteer knows as a country or a
   place of at least 1,000 people.
Tokens inside an actor mention ("Russian Volunteer Corps") are never places.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from fogwatch.records import PlaceMention, Span
from fogwatch.registry.gazetteer import REGION_WORDS, choose, gazetteer

REGION_RE = re.compile(rf"^{REGION_WORDS}s?$", re.IGNORECASE)
SETTLEMENT = {"town", "village", "city", "settlement", "hamlet", "township", "suburb", "port", "district"}
LOCATIVE = {"in", "into", "near", "at", "outside", "around", "towards", "toward", "from", "across", "over", "inside",
            "to", "through", "of"}
NOT_PLACES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
              "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
              "god", "europe", "asia", "africa", "america", "north america", "south america", "oceania",
              "antarctica", "middle east", "west", "east", "president", "governor", "minister", "ministry", "army", "news", "video", "telegram"}
MIN_POPULATION_WEAK = 1000
TARGET_VERBS = {"shell", "strike", "hit", "attack", "bomb", "capture", "seize", "take", "retake", "liberate", "storm",
                "enter", "occupy", "recapture", "encircle", "besiege", "target"}


@dataclass(frozen=True)
class FoundPlace:
    mention: PlaceMention
    tok_start: int
    tok_end: int


def _name_tokens(doc, head):
    """The proper-noun run ending at `head` (compounds to its left): "Tyotkino", "Nova Kakhovka"."""
    start = head.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in ("compound", "amod", "nmod") \
            and doc[start - 1].head.i in range(start, head.i + 1):
        start -= 1
    return start, head.i + 1


PLACE_PREPOSITIONS = LOCATIVE - {"of", "to", "from"}


def used_as_place(doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) are used as a location: the object of a locative preposition
    ("in Kyiv", "over Moscow") or of a verb of attack or capture ("struck Kyiv"), and a name (not
    "the Kremlin", not "Ukrainian officials")."""
    span = doc[start:end]
    root = span.root
    if not all(t.pos_ == "PROPN" or t.lower_ == "the" for t in span):
        return False
    if not ((root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS)
            or (root.dep_ == "dobj" and root.head.lemma_.lower() in TARGET_VERBS)):
        return False
    name = span.text[4:] if span.text.lower().startswith("the ") else span.text
    gaz = gazetteer()
    # "the Kremlin" is no town, whatever a fuzzy match would say.
    return bool(gaz.country_named(name) or any(c.exact for c in gaz.lookup(name)))


def find_places(doc, article_id: str, offset: int, blocked: set[int], context: dict) -> list[FoundPlace]:
    """`blocked`: token indices inside actor mentions. `context`: countries/regions seen so far."""
    gaz = gazetteer()
    found: dict[int, FoundPlace] = {}

    def add(start: int, end: int, place, strength: int) -> None:
        if any(i in blocked for i in range(start, end)) or any(i in found for i in range(start, end)):
            return
        span = doc[start:end]
        mention = PlaceMention(place=place, text=span.text,
                               span=Span(article_id, offset + span.start_char, offset + span.end_char))
        fp = FoundPlace(mention, start, end)
        for i in range(start, end):
            found[i] = fp
        if place.country:
            context.setdefault("countries", set()).add(place.country)
        if place.precision == "admin1":
            context.setdefault("regions", set()).add(place.name)

    countries = lambda: context.get("countries", set())
    regions = lambda: context.get("regions", set())

    # Rule 1: regions.
    for token in doc:
        if REGION_RE.match(token.text) and token.i > 0:
            names = []
            prev = doc[token.i - 1]
            if prev.pos_ in ("PROPN", "NOUN", "ADJ") and prev.text[:1].isupper():
                names.append(prev)
                names.extend(c for c in prev.conjuncts if c.text[:1].isupper())
            for name in names:
                start, end = _name_tokens(doc, name)
                if end == token.i and name is prev:
                    end = token.i + 1
                candidates = gaz.region(doc[start:name.i + 1].text, fuzzy=True)
                best = choose(candidates, countries())
                if best:
                    add(start, end, best.place, 3)

        # "the region of Belgorod"
        if REGION_RE.match(token.text) and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of" \
                and doc[token.i + 2].pos_ == "PROPN":
            name = doc[token.i + 2]
            while name.i + 1 < len(doc) and doc[name.i + 1].pos_ == "PROPN" and doc[name.i + 1].dep_ in ("compound", "pobj"):
                name = doc[name.i + 1]
            best = choose(gaz.region(doc[token.i + 2:name.i + 1].text, fuzzy=True), countries())
            if best:
                add(token.i + 2, name.i + 1, best.place, 3)

    # Rule 2: "town of X" and locative prepositions.
    for token in doc:
        if token.pos_ != "PROPN" or token.i in found or token.text.lower() in NOT_PLACES:
            continue
        if token.head.i != token.i and token.dep_ == "compound" and token.head.pos_ == "PROPN":
            continue  # handled at the head of the name
        start, end = _name_tokens(doc, token)
        name = doc[start:end].text
        prep = token.head if token.dep_ == "pobj" else None
        settlement = prep is not None and prep.lower_ == "of" and prep.head.lemma_ in SETTLEMENT
        locative = prep is not None and prep.lower_ in LOCATIVE
        # "shelled Grayvoron", "captured Bakhmut": what is struck or taken is usually a place.
        locative = locative or (token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in TARGET_VERBS)
        if not (settlement or locative):
            continue
        country = gaz.country_named(name)
        if country:
            add(start, end, country, 2)
            continue
        region = choose(gaz.region(name), countries()) if not settlement else None
        if region and not gaz.lookup(name):
            add(start, end, region.place, 2)
            continue
        best = choose(gaz.lookup(name, fuzzy=True), countries(), regions())
        if best and (settlement or best.exact or best.population >= MIN_POPULATION_WEAK):
            add(start, end, best.place, 2)

    # Rule 3: entities.
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "NORP", "PRODUCT", "ORG", "FAC", "PERSON") or ent.start in found:
            continue
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        if not text[:1].isupper() or text.lower() in NOT_PLACES:
            continue
        start = ent.start + (1 if ent.text.lower().startswith("the ") else 0)
        country = gaz.country_named(text)
        if country and ent.label_ in ("GPE", "LOC"):
            add(start, ent.end, country, 1)
            continue
        if ent.label_ == "PERSON" or ent.root.pos_ != "PROPN":
            continue  # "Russian" (NORP adjective) is a nationality, not Russia
        best = choose(gaz.lookup(text), countries(), regions())
        if best is None:
            continue
        if ent.label_ in ("GPE", "LOC") or best.population >= 50_000:
            add(start, ent.end, best.place, 1)
    unique = {id(fp): fp for fp in found.values()}
    return sorted(unique.values(), key=lambda fp: fp.tok_start)
