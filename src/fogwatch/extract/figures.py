"""Figures, read from the number outwards: every count in a sentence, what it counts and what
happened to it.

The claim rules (claims.py) start from a verb or an event noun and look for numbers under it; war
reporting puts many figures where no such walk reaches: "four civilians were killed and 17
injured", "the strike left nine people dead", "the death toll rose to 31", "losses include 1,200
troops along with 40 tanks", "casualties of about 5,000". Here each number (or vague amount with a
floor: "dozens", "tens of thousands") is found first; then

1. its **unit**: the noun it counts ("17 injured" borrows the noun of the figure before it in the
   sentence, else "people"; "12 of them" likewise);
2. its **predicate** (`outcomes.py`): an outcome word right after it ("31 dead", "17 injured"), a participle on the
   noun ("two soldiers killed"), the verb the noun is the object or subject of (kill, destroy, lose,
   shoot down, launch …, through lists and "including"), a result verb ("left nine dead", "claimed
   3,000 lives"), or a tally noun that the number measures ("the death toll rose to 31", "losses
   include …", "casualties of about 5,000");
3. its **scope** (`scope.scope_of`, called by the claim builder): a running total ("since March",
   "so far", "since the war began", "Russia has lost 1,000 tanks") is cumulative, with the words
   that give its period.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from fogwatch.extract import lexicon as lx
from fogwatch.extract.dates import MONTHS
from fogwatch.extract.numbers import (SCALES, VAGUE_SCALE, YEAR, YEAR_BEFORE, bounds, hung_past_article, parse_number,
                                      range_low)
from fogwatch.extract.outcomes import (ELIDED, MODEL_UNITS, OUTCOMES, PERSON_PREDICATES, counts, is_people, predicate_of,
                                      unit_name)

@dataclass
class Figure:
    predicate: str
    low: int | None
    high: int | None
    approximate: bool
    unit: str
    left: int  # token bounds of the figure's phrase in the doc
    right: int
    trigger: object  # the token whose clause carries the figure (for its attribution and modality)
    note: str | None = None


_EXCLUDED_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}


# Currency words that make a MONEY entity money: not "tens of millions of lives", which the small
# model also labels MONEY.
CURRENCY_WORDS = {"dollar", "euro", "pound", "ruble", "rouble", "hryvnia", "yuan", "rupee", "yen", "franc", "shekel",
                  "lira", "dinar", "riyal", "cent", "penny", "usd", "eur", "gbp", "bitcoin"}


def _money(tok) -> bool:
    """Whether `tok`, labelled MONEY, is part of a sum of money (a currency sign or word in or right
    after its entity) rather than a count the model mislabelled."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is None:
        return True
    window = tok.doc[ent.start:min(ent.end + 3, len(tok.doc))]
    return any(t.is_currency or t.lemma_.lower() in CURRENCY_WORDS or t.lower_ in CURRENCY_WORDS for t in window)


# ISO codes written before a sum ("PLN 6.5 billion", "UAH 200 million"), which the small model
# rarely labels MONEY.
CURRENCY_CODES = {"USD", "EUR", "GBP", "PLN", "UAH", "RUB", "BYN", "CHF", "JPY", "CNY", "INR", "TRY", "ILS", "CAD",
                  "AUD", "SEK", "NOK", "DKK", "CZK", "HUF", "RON", "KZT", "GEL", "IRR", "SAR", "AED", "EGP", "SYP"}


def _after_currency(tok) -> bool:
    """Whether the number `tok` is part of runs after a currency sign or code: "PLN 6.5 billion"."""
    doc, i = tok.doc, tok.i
    while i > 0 and (doc[i - 1].like_num or doc[i - 1].lower_ in SCALES):
        i -= 1
    return i > 0 and (doc[i - 1].is_currency or doc[i - 1].text in CURRENCY_CODES)


def _is_number(tok) -> bool:
    if _after_currency(tok):
        return False
    if tok.ent_type_ in _EXCLUDED_ENTS and not (tok.ent_type_ == "QUANTITY" and tok.like_num) \
            and not _lone_date(tok) and not (tok.ent_type_ == "MONEY" and tok.lower_ in VAGUE_SCALE and not _money(tok)):
        return False
    low = tok.lower_
    if low in VAGUE_SCALE or low in SCALES or low == "dozen":
        return True
    if not tok.like_num or tok.tag_ == "LS":
        return False  # "LS": an item number, the "1" of "1. Five killed as Russia hits ..."
    # "one" counts only where it stands for a count, not in "one of the most famous ..." or "no one".
    if low == "one":
        doc = tok.doc
        after = [t.lower_ for t in doc[tok.i + 1:tok.i + 4]]
        if after[:2] in (["of", "the"], ["of", "our"], ["of", "their"], ["of", "his"], ["of", "its"]) \
                and not (len(after) > 2 and doc[tok.i + 3].like_num):
            return False
        return tok.dep_ in ("nummod", "nsubj", "nsubjpass", "dobj", "conj")
    return True


def _lone_date(tok) -> bool:
    """A bare number the tagger called a date with nothing of a date around it, where a tally
    gives it its value: "put the death toll at 31"."""
    doc = tok.doc
    ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
    if tok.ent_type_ != "DATE" or ent is None or len(ent) != 1 or not tok.text.isdigit() or YEAR.fullmatch(tok.text):
        return False
    return tok.dep_ == "pobj" and tok.head.lower_ in ("at", "to") and \
        any(t.lemma_.lower() in lx.TOLL_WORDS for t in doc[max(tok.sent.start, tok.i - 5):tok.i])


def _skip(tok) -> bool:
    """A number that is no count: a year, an age, a model ("Su-25"), a time or a share."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prv = doc[tok.i - 1] if tok.i > 0 else None
    if nxt is not None and (nxt.lower_ in ("%", "percent", "per", "-year", "years", "year", "km", "kilometres",
                                           "kilometers", "miles", "metres", "meters", "a.m.", "p.m.", "pm", "am",
                                           "o'clock", "hours", "minutes", "days", "weeks", "months", "times")
                            or (nxt.text == "-" and tok.i + 2 < len(doc) and doc[tok.i + 2].lower_ in ("year", "month", "day"))):
        return True
    if prv is not None and (prv.text in ("-", "$", "€", "£", "#", "No.", "no.") or prv.lower_ in ("no", "number")):
        return True
    if YEAR.fullmatch(tok.text) and tok.dep_ != "nummod":
        return True
    if YEAR.fullmatch(tok.text) and prv is not None and (prv.lower_ in ("in", "since", "of", "by") or prv.lower_ in YEAR_BEFORE):
        return True  # "in 2014", "the 2016 presidential race", "the March 2022 Kyiv City strike"
    if prv is not None and prv.pos_ == "PROPN" and prv.whitespace_ == "" and tok.text[0].isdigit():
        return True  # "Su25", "S300"
    if prv is not None and prv.lower_ in MONTHS and tok.text.isdigit() and int(tok.text) <= 31:
        return True  # "the September 11 attack"
    if tok.dep_ == "pobj" and prv is not None and prv.lower_ == "of" and tok.head.head.lemma_.lower() in lx.KIN_ROLES:
        return True  # "a father of seven"
    return False


def _group(sent) -> list[tuple[int, int]]:
    """Runs of number words in `sent` as token ranges: "2.5 million", "473 400", "tens of thousands"."""
    doc = sent.doc
    runs: list[tuple[int, int]] = []
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        if not _is_number(tok) or _skip(tok):
            i += 1
            continue
        j = i + 1
        while j < sent.end:
            t = doc[j]
            if _is_number(t) and not _skip(t) and (t.lower_ in SCALES or t.lower_ in VAGUE_SCALE or t.lower_ == "dozen" or
                                                     re.fullmatch(r"\d{3}", t.text) and doc[j - 1].text.isdigit()
                                                     or doc[j - 1].text == "-"):
                j += 1
            elif t.text == "-" and j + 1 < sent.end and _is_number(doc[j + 1]):
                j += 1
            elif t.lower_ == "of" and j + 1 < sent.end and doc[j + 1].lower_ in ("thousands", "millions", "hundreds") \
                    and doc[j - 1].lower_ in VAGUE_SCALE:
                j += 1  # "tens of thousands", "hundreds of thousands"
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _value(doc, start: int, end: int) -> tuple[int | None, int | None, bool] | None:
    """(low, high, approximate) of the number words doc[start:end], before any qualifier."""
    words = [t.lower_ for t in doc[start:end] if t.text != "-" and t.lower_ != "of"]
    if not words:
        return None
    if all(w in VAGUE_SCALE or w in SCALES for w in words) and words[0] in VAGUE_SCALE:
        # "dozens" → at least 2 dozen; "tens of thousands" → at least 20,000.
        value = 2
        for w in words:
            value *= VAGUE_SCALE.get(w, SCALES.get(w, 1))
        return value, None, False
    if words[-1] in VAGUE_SCALE and len(words) >= 2:  # "three dozens"? treat as "three dozen"
        words[-1] = words[-1][:-1]
    if words == ["dozen"]:
        return 12, 12, True
    if len(words) == 2 and re.fullmatch(r"\d+", words[0]) and re.fullmatch(r"\d{3}", words[1]):
        value = int(words[0] + words[1])  # "473 400": a space between thousands
        return value, value, False
    if words[-1] == "dozen":
        n = parse_number(" ".join(words[:-1]))
        return (n * 12, n * 12, True) if n is not None else None
    n = parse_number(" ".join(words))
    if n is None:
        return None
    return n, n, False


def _qualify(doc, start: int, value: tuple, sent_start: int) -> tuple[int | None, int | None, bool, int]:
    """Bounds after the qualifier before the number ("more than", "at least", "a couple of",
    "several"), and the new left edge of the phrase."""
    low, high, approx = value
    left = start
    if doc[start].lower_ in ("dozen", "hundred", "thousand", "million", "billion") and start > sent_start \
            and doc[start - 1].lower_ == "a":
        start -= 1  # "more than a dozen", "over a million": the qualifier is before the article
        left = start
    words = [t.lower_ for t in doc[max(sent_start, start - 4):start]]
    text = " ".join(words)
    if low is not None and high is None:  # a vague floor: "several hundred", "more than dozens"
        m = re.search(r"(?:several|a few|many|some)$", text)
        if m:
            left = start - 1
        return low, high, approx, left
    if re.search(r"\ba couple of$", text) and low in (100, 1000, 1_000_000):
        return 2 * low, 2 * low, True, start - 3
    if re.search(r"\b(?:several|a few|some|many)$", text) and low in (100, 1000, 1_000_000):
        return 2 * low, None, False, start - 1
    if text.endswith(("exceeds", "exceeded", "surpassed", "topped")):
        return low + 1, None, False, start
    for n in (1, 2, 3):
        if start - n < sent_start:
            continue
        qualifier = " ".join(words[-n:])
        b = bounds(low, qualifier)
        if b != (low, low, False):
            return b[0], b[1], b[2] or approx, start - n
    return low, high, approx, left


def _unit_of(doc, start: int, end: int):
    """The noun a number run counts, or None where it is elided ("17 injured", "12 of them")."""
    last = doc[end - 1]
    head = last
    if last.head.lemma_.lower() == "case" and last.head.i >= end:
        # "77 cases of civilians killed" counts civilians; "864 cases of detention" counts cases.
        objs = [c for p in last.head.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
        if objs and objs[0].lemma_.lower() not in ("detention", "arrest"):
            return objs[0]
    # "more than 100": the run's head is the number; its head is the noun.
    if last.dep_ in ("nummod", "quantmod", "compound", "amod") and last.head.pos_ in ("NOUN", "PROPN") \
            and last.head.i >= end and not hung_past_article(last):
        noun = last.head
        if noun.lower_ in ("of",):
            return None
        return noun
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        objs = [c for c in nxt.children if c.dep_ == "pobj"] or \
            [t for t in doc[end + 1:min(len(doc), end + 6)] if t.pos_ in ("NOUN", "PROPN", "PRON")][:1]
        if objs:
            obj = objs[0]
            if obj.pos_ == "PRON" or obj.lower_ in ELIDED:
                return None
            # "hundreds of thousands of people": skip the number words.
            while obj.lower_ in VAGUE_SCALE or obj.lower_ in SCALES:
                inner = [c for p in obj.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
                if not inner:
                    return None
                obj = inner[0]
            return obj
    if head.dep_ in ("nummod", "quantmod") and hung_past_article(head):
        return None  # "injuring at least 11 [—] a reminder that ...": the noun after "a" is not what was counted
    # Number followed by a noun that the parser did not attach ("1260 Russian military").
    j = end
    while j < len(doc) and j < end + 4 and doc[j].pos_ in ("ADJ", "PROPN", "NOUN") and doc[j].lower_ not in OUTCOMES:
        if doc[j].pos_ == "NOUN" and (j + 1 >= len(doc) or doc[j + 1].pos_ != "NOUN"):
            return doc[j]
        j += 1
    if head.pos_ == "NOUN" and head.lower_ not in VAGUE_SCALE and head.lower_ not in SCALES and head.lower_ != "dozen":
        return head
    return None


SINGULAR_PREDICATES = {"killed", "wounded", "destroyed", "damaged", "shot_down", "captured", "detained", "missing"}
# Nouns that "a" / "an" counts as one: people and the things war destroys ("a civilian was killed",
# "destroyed a TV tower"); not "a dead end", "a huge swath", "a destroyed part".
SINGULAR_NOUNS = (lx.PERSON_NOUNS | lx.EQUIPMENT_NOUNS | {
    "girl", "boy", "son", "daughter", "mother", "father", "journalist", "reporter", "photographer", "citizen",
    "national", "prosecutor", "official", "activist", "doctor", "nurse", "teenager", "pensioner", "driver",
    "soldier", "pilot", "sailor", "prisoner", "hostage", "suspect", "tower", "plant", "line", "track", "block",
    "station", "bus", "car", "apartment", "church", "shop", "store", "market", "mall", "factory", "dam", "pipeline",
    "airport", "vessel", "tanker", "jet", "plane", "drone", "missile", "launcher", "warehouse", "depot", "hangar",
    "segment", "tunnel"}) - {"village", "town", "city", "settlement", "position", "base", "headquarters", "member",
                             "people", "person"} | {"person"}


SINGULAR_PEOPLE = (lx.PERSON_NOUNS | {
    "girl", "boy", "son", "daughter", "mother", "father", "journalist", "reporter", "photographer", "citizen",
    "national", "prosecutor", "official", "activist", "doctor", "nurse", "teenager", "pensioner", "driver", "pilot",
    "sailor", "prisoner", "hostage", "suspect", "person"}) - {"fighter"}


def _singular(sent) -> list[tuple[int, int]]:
    """"a soldier", "an apartment block": nouns counted as one by their article."""
    out = []
    for tok in sent:
        head = tok.head
        if tok.dep_ == "det" and tok.lower_ in ("a", "an", "another") and head.i > tok.i and (
                head.pos_ == "NOUN" and head.tag_ == "NN" and head.lemma_.lower() in SINGULAR_NOUNS
                or head.lower_ in MODEL_UNITS):  # "an American Abrams"
            out.append((tok.i, tok.i + 1))
    return out


def _partitive_whole(sent):
    """The counted noun of a sentence that opens with the whole its figures are part of: "Of the 36
    missiles, ...", "Of its three wars, ..."."""
    first = sent[0]
    if first.lower_ != "of" or first.dep_ != "prep":
        return None
    return next((c for c in first.children if c.dep_ == "pobj" and c.tag_ == "NNS"), None)


def _counted_before(sent, start: int):
    """The counted noun of the sentence before, for a count that opens its sentence with no noun of
    its own ("Five have been lost"): the last plural with a number in that sentence."""
    doc = sent.doc
    if start != sent.start or sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    return next((t for t in reversed(before) if (t.tag_ in ("NNS", "NNPS") or t.tag_ == "NNP" and t.ent_type_ != "DATE")
                 and any(c.dep_ == "nummod" for c in t.children)), None)  # "31 Abrams", not "January 2023"


def figures(sent) -> list[Figure]:
    """Every figure of `sent` whose predicate can be read, in text order."""
    doc = sent.doc
    out: list[Figure] = []
    runs = sorted(_group(sent) + _singular(sent))
    whole = _partitive_whole(sent)
    ranges: dict[int, tuple[int, int]] = {}  # "between 10 and 15": the first run → (second run)
    for a, b in zip(runs, runs[1:]):
        joiner = doc[a[1]:b[0]].text.lower()
        if joiner in ("and", "to", "-", "–", "or") and (joiner != "and" or (a[0] > sent.start and doc[a[0] - 1].lower_ == "between")):
            ranges[a[0]] = b
    skip = {b[0] for b in ranges.values()}
    for start, end in runs:
        if start in skip:
            continue
        if start in ranges:
            lo_val = _value(doc, start, end)
            hi_start, hi_end = ranges[start]
            hi_val = _value(doc, hi_start, hi_end)
            noun = _unit_of(doc, hi_start, hi_end) or _unit_of(doc, start, end)
            if lo_val and hi_val and lo_val[0] is not None and hi_val[1] is not None and lo_val[0] < hi_val[1]:
                lo_val = (range_low(lo_val[0], hi_val[1]), *lo_val[1:])
                predicate, trigger = predicate_of(doc, hi_start, hi_end, noun)
                unit = unit_name(noun) if noun is not None else "people"
                if predicate and counts(predicate, unit) and (noun is not None or predicate in PERSON_PREDICATES):
                    left = start - 1 if start > sent.start and doc[start - 1].lower_ == "between" else start
                    out.append(Figure(predicate=predicate, low=lo_val[0], high=hi_val[1], approximate=False,
                                      unit=unit, left=left, right=(noun.i + 1) if noun is not None else hi_end,
                                      trigger=trigger))
                continue
        if doc[start].lower_ in ("a", "an", "another"):
            noun = doc[start].head
            predicate, trigger = predicate_of(doc, start, end, noun)
            unit = unit_name(noun)
            person = noun.lemma_.lower() in SINGULAR_PEOPLE
            if predicate in SINGULAR_PREDICATES and counts(predicate, unit) and trigger is not noun \
                    and person == (predicate in PERSON_PREDICATES or (predicate == "captured" and person)) \
                    and (noun.lemma_.lower() in SINGULAR_NOUNS or noun.lower_ in MODEL_UNITS) \
                    and not (trigger.head.i == noun.i and trigger.i < noun.i) \
                    and noun.dep_ in ("dobj", "nsubjpass", "nsubj", "conj", "appos", "pobj", "attr"):
                out.append(Figure(predicate=predicate, low=1, high=1, approximate=False, unit=unit, left=start,
                                  right=noun.i + 1, trigger=trigger))
            continue
        value = _value(doc, start, end)
        if value is None:
            continue
        low, high, approx, left = _qualify(doc, start, value, sent.start)
        noun = _unit_of(doc, start, end)
        if noun is not None and noun.lower_ in OUTCOMES:
            noun = None  # "80 hurt": the outcome, not the noun
        if end < sent.end - 1 and doc[start].lower_ == "one" and end == start + 1 and doc[end].lower_ == "of" \
                and doc[end + 1].like_num:
            continue  # "Smith was one of 26 people killed": the 26 are the count
        if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.like_num \
                and not (noun.head.head.lower_ == "one" and noun.head.head.dep_ in ("attr", "appos")):
            continue  # "30 of 35 drones": the 35 is the whole the 30 are part of
        last = doc[end - 1]
        if noun is None and last.dep_ == "pobj" and last.head.lower_ == "of" and last.head.head.like_num \
                and last.head.head.lower_ != "one":
            continue  # "disabling 16 of the 36 launched": so is the 36
        elided_by = None
        if noun is not None and (noun.lemma_.lower() in lx.NOT_COUNTED or noun.lower_ in ELIDED or
                                 noun.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT")):
            if noun.lower_ not in ELIDED:
                continue
            elided_by, noun = noun, None  # "six others": counted like the figure before
        predicate, trigger = predicate_of(doc, start, end, noun if elided_by is None else elided_by)
        if predicate is None:
            continue
        if noun is not None and whole is not None and noun.i == whole.i and trigger.i not in {t.i for t in whole.subtree}:
            continue  # "Of the 20 soldiers, five were killed": the part was killed, not the whole
        if predicate == "casualties" and noun is not None and not is_people(unit_name(noun)) \
                and noun.ent_type_ != "NORP":
            predicate = "destroyed"  # "losses include ... 40 tanks": equipment lost is destroyed
        if noun is not None:
            unit = unit_name(noun)
            right = noun.i + 1
        else:
            # Elided: the noun of the figure before it in the sentence ("four civilians were killed
            # and 17 injured"), else people where people are counted.
            before = [f for f in out if f.unit and (predicate not in PERSON_PREDICATES or f.predicate in PERSON_PREDICATES)]
            # "... torture of civilians, executing more than 70 of them"; "500 soldiers were treated
            # ... and one had died": the plural noun before it, not the doer ("Troops ambushed ...").
            antecedent = next((t for t in reversed(doc[sent.start:start]) if t.tag_ == "NNS" and t.dep_ != "nsubj" and
                               (t.lemma_.lower() in lx.PERSON_NOUNS) == (predicate in PERSON_PREDICATES)), None)
            if before:
                unit = before[-1].unit
            elif whole is not None and whole.i < start:
                # "Of its three most consequential foreign wars, the Red Army lost two": two wars.
                unit = unit_name(whole)
                if predicate in PERSON_PREDICATES and not is_people(unit):
                    continue
            elif antecedent is not None:
                unit = unit_name(antecedent)  # "torture of civilians ..., executing more than 70 of them"
            elif (predicate == "casualties" or predicate not in PERSON_PREDICATES) \
                    and (last := _counted_before(sent, start)) is not None and not is_people(unit_name(last)):
                # "The US agreed to send 31 Abrams to Ukraine. Five have been lost to Russian attacks";
                # not "Russia fired 20 missiles at Kyiv. Five were killed": people are killed.
                unit = unit_name(last)
                predicate = "destroyed" if predicate == "casualties" else predicate
            elif predicate in PERSON_PREDICATES:
                unit = "people"
            else:
                continue
            right = end if elided_by is None else elided_by.i + 1
        if not counts(predicate, unit):
            continue
        while left < right and doc[left].is_punct:
            left += 1
        out.append(Figure(predicate=predicate, low=low, high=high, approximate=approx, unit=unit, left=left,
                          right=right, trigger=trigger))
    return out
