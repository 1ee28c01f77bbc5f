"""Figures, read from the number outwards: every count in a sentence, what it counts and what
happened to it.

The claim rules (claims.py) start from a verb or an event noun and look for numbers under it; war
reporting puts many figures where no such walk reaches: "four civilians were killed and 17
injured", "the strike left nine people dead", "the death toll rose to 31", "losses include 1,200
troops along with 40 tanks", "casualties of about 5,000". Here each number (or vague amount with a
floor: "dozens", "tens of thousands") is found first; then

1. its **unit**: the noun it counts ("17 injured" borrows the noun of the figure before it in the
   sentence, else "people"; "12 of them" likewise);
2. its **predicate**: an outcome word right after it ("31 dead", "17 injured"), a participle on the
   noun ("two soldiers killed"), the verb the noun is the object or subject of (kill, destroy, lose,
   shoot down, launch …, through lists and "including"), a result verb ("left nine dead", "claimed
   3,000 lives"), or a tally noun that the number measures ("the death toll rose to 31", "losses
   include …", "casualties of about 5,000");
3. its **scope** (`scope.scope_of`, called by the claim builder): a running total ("since March",
   "so far", "since the war began", "Russia has lost 1,000 tanks") is cumulative, with the words
   that give its period.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from fogwatch.extract import lexicon as lx
from fogwatch.extract.numbers import YEAR, YEAR_BEFORE, bounds, hung_past_article, parse_number

# Words right after a count that say what happened to it: "31 dead", "17 injured".
OUTCOMES = {"dead": "killed", "killed": "killed", "injured": "wounded", "wounded": "wounded", "hurt": "wounded",
            "missing": "missing", "captured": "captured", "detained": "detained", "arrested": "detained",
            "destroyed": "destroyed", "damaged": "damaged", "downed": "shot_down", "intercepted": "shot_down",
            "slain": "killed", "unaccounted": "missing"}
# Nouns that name a tally; the number they are measured by counts their predicate.
TALLY_NOUNS = {"toll": "killed", "death": "killed", "fatality": "killed", "casualty": "casualties",
               "loss": "casualties", "injury": "wounded", "dead": "killed", "victim": "casualties",
               "injure": "wounded", "wound": "wounded", "kill": "killed", "injured": "wounded", "wounded": "wounded"}
# "the number of losses is 899", "the total of victims exceeds 465,000": the "of" noun is the tally.
MEASURE_NOUNS = {"number", "total", "tally", "count", "figure"}
# Verbs that carry a tally to its number: "the toll rose to 31", "losses include ...", "stood at".
TALLY_VERBS = {"rise", "climb", "reach", "stand", "be", "include", "total", "exceed", "hit", "top", "increase",
               "grow", "jump", "surpass", "number", "amount", "put", "estimate", "comprise", "raise", "bring", "push",
               "lift", "revise", "update"}
# Verbs whose subject is their infinitive's: "three people seem to have been hit".
RAISING_VERBS = {"seem", "appear"}
CAPTIVE_WORDS = {"hostage", "prisoner", "captive"}
# What the wounded are treated for: "treated for shrapnel wounds", "for exposure to toxic gases".
HARM_NOUNS = {"wound", "injury", "exposure", "burn", "trauma", "poisoning", "shrapnel", "concussion", "fracture",
              "inhalation"}
# The states a count of people is said to be in: "three are dead", "nine were reported missing".
STATES = {"dead", "injured", "wounded", "hurt", "missing", "slain", "unaccounted"}
# Verbs whose subject takes harm as their object: "two officers suffered minor injuries".
HARM_VERBS = {"suffer", "sustain", "receive", "incur"}
# Result verbs: "the strike left nine people dead", "the war has claimed 3,000 lives".
LIFE_VERBS = {"claim", "take", "cost"}
# Event nouns whose "of" phrase is what happened to the count: "a massacre of some 300 people".
OF_EVENTS = {"massacre": "killed", "killing": "killed", "death": "killed", "murder": "killed", "execution": "killed",
             "slaughter": "killed", "loss": "casualties", "injury": "wounded", "wounding": "wounded",
             "arrest": "detained", "detention": "detained", "capture": "captured", "destruction": "destroyed",
             "downing": "shot_down", "interception": "shot_down", "launch": "attacked", "firing": "attacked",
             # Only for lives and remains: "at the cost of tens of millions of lives", "the discovery of
             # hundreds of graves".
             "cost": "killed", "discovery": "killed"}
OF_ONLY = {"cost": {"people"}, "discovery": {"body", "corpse", "remains", "grave"}}
JOINT = {"killed", "wounded", "captured", "missing"}


def joint(verb, predicate: str | None) -> str | None:
    """"killed, injured or captured 5,000 troops": one count of several outcomes is casualties."""
    if predicate not in JOINT:
        return predicate
    verbs = [v for v in (verb, *verb.conjuncts) if v.pos_ == "VERB"]
    ids = {v.i for v in verbs}
    # Only a bare list of verbs shares one count: "four were killed and 17 injured" counts twice.
    listed = [v for v in verbs if all(t.i in ids or t.is_punct or t.dep_ == "cc" or t.dep_ == "auxpass"
                                      for t in verb.doc[min(v.i, verb.i) + 1:max(v.i, verb.i)])]
    found = {lx.PREDICATES.get(v.lemma_.lower()) for v in listed}
    return "casualties" if len(found & JOINT) >= 2 else predicate


IMPACT_VERBS = {"strike", "hit", "crash", "smash", "slam", "fly", "rain", "land", "explode", "pound", "fall",
                "target", "bombard", "shell"}
REMAINS = {"body", "corpse", "remains", "grave"}
FIND_VERBS = {"find", "discover", "exhume", "recover", "contain", "identify", "uncover", "unearth", "bury",
              "retrieve", "locate", "leave", "pull", "dig"}
PERSON_PREDICATES = {"killed", "wounded", "casualties", "missing", "detained"}
ELIDED = {"other", "others", "more", "them", "those", "these", "who"}
PEOPLE_UNITS = {"person": "people", "life": "people", "dead": "people", "death": "people", "fatality": "people",
                "injury": "people", "injured": "people", "wounded": "people", "casualty": "people", "arrest": "people",
                "murder": "people", "homicide": "people", "killing": "people"}
ATTACK_UNITS = lx.WEAPON_NOUNS | {"strike", "airstrike", "attack", "raid", "salvo", "round", "bomb", "shell",
                                  "munition", "explosion", "sortie"}
THING_PREDICATES = {"destroyed", "damaged", "shot_down"}
ATTACK_EVENTS = {"attack", "strike", "airstrike", "raid", "shelling", "bombardment", "assault", "sortie"}
@functools.cache
def _demonyms() -> frozenset[str]:
    """"American", "Afghan", ...: the demonyms of the geocoder's names table, lower-cased."""
    table = resources.files("fogwatch.geocode") / "data" / "names.tsv"
    rows = (line.split("\t") for line in table.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return frozenset(row[0].lower() for row in rows if len(row) >= 3 and row[2].strip() == "demonym")


def is_people(unit: str) -> bool:
    """Whether a unit counts people, for the choices between what happens to people and to things:
    "lost two brave Americans", "lost two siblings" count people, "lost two tanks" things."""
    return unit in lx.PERSON_NOUNS or unit in lx.KIN_NOUNS or unit in _demonyms()


def counts(predicate: str, unit: str) -> bool:
    """Whether a count of `unit` can be what `predicate` says happened: people are killed, things
    destroyed, weapons launched; "wounded 51 attacks" or "attacked 144 senators" is a misreading,
    and so is "captured two states" (an election)."""
    if predicate == "attacked":
        return unit in ATTACK_UNITS
    if unit in lx.NOT_COUNTED or predicate == "captured" and unit in lx.WON_NOT_CAPTURED:
        return False
    person = is_people(unit) or unit == "citizen"
    if predicate in THING_PREDICATES:
        return not person or unit == "fighter"  # a fighter jet
    if predicate in PERSON_PREDICATES:
        return person or (unit not in lx.EQUIPMENT_NOUNS and unit not in ATTACK_UNITS
                          and unit not in lx.NOT_COUNTED)
    return True


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
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_VAGUE_SCALE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1_000_000,
                "tens": 10}


def _is_number(tok) -> bool:
    if tok.ent_type_ in _EXCLUDED_ENTS and not (tok.ent_type_ == "QUANTITY" and tok.like_num) \
            and not _lone_date(tok):
        return False
    low = tok.lower_
    if low in _VAGUE_SCALE or low in _SCALE or low == "dozen":
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


MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
               "dec"}


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
    if prv is not None and prv.lower_ in MONTH_WORDS and tok.text.isdigit() and int(tok.text) <= 31:
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
            if _is_number(t) and not _skip(t) and (t.lower_ in _SCALE or t.lower_ in _VAGUE_SCALE or t.lower_ == "dozen" or
                                                     re.fullmatch(r"\d{3}", t.text) and doc[j - 1].text.isdigit()
                                                     or doc[j - 1].text == "-"):
                j += 1
            elif t.text == "-" and j + 1 < sent.end and _is_number(doc[j + 1]):
                j += 1
            elif t.lower_ == "of" and j + 1 < sent.end and doc[j + 1].lower_ in ("thousands", "millions", "hundreds") \
                    and doc[j - 1].lower_ in _VAGUE_SCALE:
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
    if all(w in _VAGUE_SCALE or w in _SCALE for w in words) and words[0] in _VAGUE_SCALE:
        # "dozens" → at least 2 dozen; "tens of thousands" → at least 20,000.
        value = 2
        for w in words:
            value *= _VAGUE_SCALE.get(w, _SCALE.get(w, 1))
        return value, None, False
    if words[-1] in _VAGUE_SCALE and len(words) >= 2:  # "three dozens"? treat as "three dozen"
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
            while obj.lower_ in _VAGUE_SCALE or obj.lower_ in _SCALE:
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
    if head.pos_ == "NOUN" and head.lower_ not in _VAGUE_SCALE and head.lower_ not in _SCALE and head.lower_ != "dozen":
        return head
    return None


def unit_name(noun) -> str:
    lemma = noun.lemma_.lower()
    if noun.lower_ in ("military", "servicemen"):
        return "soldier" if noun.lower_ == "military" else "serviceman"
    if lemma == "member" and any(c.lower_ == "service" for c in noun.children if c.dep_ == "compound"):
        return "servicemember"
    doc = noun.doc
    if not noun.whitespace_ and noun.i + 2 < len(doc) and doc[noun.i + 1].text == "-" \
            and not doc[noun.i + 1].whitespace_ and doc[noun.i + 2].is_alpha:
        lemma = f"{noun.lower_}-{doc[noun.i + 2].lemma_.lower()}"  # "two co-workers" counts co-workers, not "co"
    elif noun.i >= 2 and doc[noun.i - 1].text == "-" and not doc[noun.i - 1].whitespace_ \
            and not doc[noun.i - 2].whitespace_ and doc[noun.i - 2].is_alpha:
        lemma = f"{doc[noun.i - 2].lower_}-{lemma}"  # "20 first-graders"
    if noun.pos_ == "PROPN" and lemma.endswith("s") and len(lemma) > 3:
        lemma = lemma[:-1]  # "Crimeans": a demonym the tagger left plural
    return PEOPLE_UNITS.get(lemma, lemma)


def _verb_predicate(verb, noun, unit: str, counted: str = "") -> str | None:
    """What `verb` says happened to `noun` (its object or passive subject)."""
    lemma = verb.lemma_.lower()
    rel = noun.dep_
    children = list(verb.children)
    particle = next((c.lower_ for c in children if c.dep_ in ("prt", "advmod", "prep") and c.i == verb.i + 1), None)
    if (lemma, particle) in lx.PARTICLE_PREDICATES:
        predicate = lx.PARTICLE_PREDICATES[(lemma, particle)]
        if rel == "nsubj" and verb.tag_ != "VBN" and predicate != "attacked":
            return None  # "a man gunned down 49 people": the man did it
        return predicate
    if unit in ATTACK_UNITS and rel == "nsubj" and lemma in IMPACT_VERBS:
        return "attacked"  # "dozens of missiles struck Kyiv", "four rockets smashed into Lviv"
    if lemma == "leave" and unit not in REMAINS:
        outcome = next((c for c in children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "amod", "advcl")
                        and c.lower_ in OUTCOMES), None)
        if outcome is None:
            outcome = next((t for t in verb.doc[noun.i + 1:noun.i + 3] if t.lower_ in OUTCOMES), None)
        return OUTCOMES[outcome.lower_] if outcome is not None else None
    if lemma in ("take", "hold") and is_people(unit) and any(
            c.dep_ in ("dobj", "xcomp", "oprd", "advmod", "npadvmod") and c.lemma_.lower() in CAPTIVE_WORDS
            and c.i != noun.i for c in children):
        return "captured"  # "took nearly 500 people hostage"
    if lemma in LIFE_VERBS:
        # "claimed 3,000 lives"; "8,000 have taken part" takes no lives.
        return "killed" if (counted or noun.lemma_.lower()) in ("life", "lives") else None
    if lemma in ("launch", "fire", "unleash") and unit in lx.WEAPON_NOUNS | {"strike", "airstrike", "attack", "salvo",
                                                                            "shell", "round", "missile"}:
        return "attacked"
    if lemma in ("carry", "conduct", "make", "stage", "mount") and unit in ("strike", "airstrike", "attack", "raid"):
        return "attacked"
    if lemma in ("die", "perish"):
        return "killed" if rel == "nsubj" else None
    if lx.fatal(verb) and rel in ("dobj", "nsubjpass"):
        return "killed"  # "fatally shot eight people", "two were fatally wounded"
    if _to_death(verb):
        return "killed" if rel in ("dobj", "nsubjpass") else None  # "shot to death one person"
    if lemma == "lose" and rel == "nsubj" and is_people(unit) \
            and any(c.dep_ == "dobj" and c.lemma_.lower() in ("life", "lives") for c in children):
        return "killed"  # "three soldiers lost their lives"
    if lemma in HARM_VERBS and rel == "nsubj" and is_people(unit) \
            and any(c.dep_ == "dobj" and c.lemma_.lower() in HARM_NOUNS for c in children):
        return "wounded"  # "two officers suffered minor injuries", "five sustained shrapnel wounds"
    if (lemma in ("be", "remain") and rel == "nsubj" or rel == "nsubjpass") and is_people(unit):
        # "three people are dead", "two remain missing", "nine were reported missing", "one is
        # confirmed dead", "four were listed as wounded"
        state = next((g for c in children for g in (c, *(c.children if c.lower_ in ("as", "among") else ()))
                      if g.dep_ in ("acomp", "attr", "oprd", "xcomp", "pobj", "amod") and g.lower_ in STATES), None)
        if state is not None:
            return OUTCOMES[state.lower_]
    if lemma == "lose":
        if rel in ("dobj", "nsubjpass", "conj", "appos", "pobj"):
            return "casualties" if is_people(unit) or unit == "son" else "destroyed"
        return None
    if lemma == "shoot":
        if any(c.lower_ == "down" for c in children):
            return "shot_down"
        if rel == "nsubjpass" and is_people(unit) and not any(
                v.lemma_.lower() in ("kill", "die", "bury", "execute") for v in verb.conjuncts):
            return "wounded"  # "more than a dozen others were shot" (not "shot and killed": the killing counts)
        return None
    if lemma in ("hit", "strike") and is_people(unit) and (rel == "nsubjpass" or
                                                         rel == "nsubj" and verb.dep_ == "xcomp"):
        return "wounded"  # "three people were hit by ricochets", "two civilians were struck by shrapnel"
    if lemma == "hit" or lemma == "strike" or lemma == "target":
        return "attacked" if unit in ("strike", "attack") else None
    if lemma == "treat" and is_people(unit) and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in HARM_NOUNS for g in c.subtree)
            for c in children):
        return "wounded"  # "500 soldiers have been treated for exposure to toxic gases"
    if lemma in ("suffer", "sustain", "receive", "incur") and rel in ("nsubj", "nsubjpass") \
            and any(c.dep_ == "dobj" and c.lemma_.lower() == "damage" for c in children):
        return "damaged"  # "a power plant ... also suffered damage"
    if unit in REMAINS and lemma in FIND_VERBS and rel in ("dobj", "nsubjpass", "pobj", "conj"):
        return "killed"  # "a mass grave containing more than 440 bodies", "59 bodies exhumed"
    predicate = lx.PREDICATES.get(lemma)
    if predicate in ("attacked", "crossed", "repelled", "casualties"):
        return None
    if predicate == "captured" and lemma in ("liberate", "free", "release") and is_people(unit):
        return None  # people set free are no count of captures (the villages liberated are)
    if predicate == "destroyed" and lemma in ("eliminate", "neutralize", "neutralise") and is_people(unit):
        return "casualties"
    if predicate is not None and rel == "nsubj" and lemma not in ("die",) and verb.tag_ != "VBN":
        return None  # "12 soldiers killed two civilians": the subject did it
    return predicate


def _to_death(verb) -> bool:
    """"shot to death", "beaten to death", "burned to death": the verb killed."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)
               for c in verb.children)


def _tally(noun_or_num) -> str | None:
    """The predicate of a tally noun the number measures: "the death toll rose to 31", "casualties of
    5,000", "losses include 1,200 troops", "a toll of 31"."""
    tok = noun_or_num
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            return None
        hl = head.lemma_.lower()
        if tok.dep_ == "pobj" and head.lower_ in ("of", "at", "to", "from", "by", "over") and head.head.i != head.i:
            owner = head.head
            ol = owner.lemma_.lower()
            measured = _measured(owner)
            if owner.pos_ == "NOUN" and measured.lemma_.lower() in TALLY_NOUNS:
                return _toll(measured)  # "a toll of 31", "the number of injured at 80"
            if owner.pos_ in ("VERB", "AUX") and ol in TALLY_VERBS:
                subj = _tally_subject(owner)
                if subj is not None and subj.lemma_.lower() in TALLY_NOUNS:
                    return _toll(subj)
                obj = next((c for c in owner.children if c.dep_ == "dobj"), None)
                obj = _measured(obj) if obj is not None else None
                if head.lower_ == "to" and obj is not None and obj.lemma_.lower() in TALLY_NOUNS:
                    return _toll(obj)  # "the agency raised the death toll to 267"
                if head.lower_ == "at" and ol in lx.VALUING_VERBS:
                    # "the UN put the toll at 55", "estimated the number of dead at 200"
                    obj = next((c for c in owner.children if c.dep_ == "dobj"), None)
                    obj = _measured(obj) if obj is not None else None
                    if obj is not None and obj.lemma_.lower() in TALLY_NOUNS:
                        return _toll(obj)
            tok = owner
            continue
        if head.pos_ in ("VERB", "AUX") and hl in TALLY_VERBS and tok.dep_ in ("dobj", "attr", "npadvmod", "oprd", "conj", "advmod"):
            subj = _tally_subject(head)
            if subj is not None and subj.lemma_.lower() in TALLY_NOUNS:
                return _toll(subj)
            return None
        if head.pos_ == "NOUN" and head.lemma_.lower() in TALLY_NOUNS and tok.dep_ in ("appos", "nummod"):
            return _toll(head)
        if tok.dep_ in ("conj", "appos", "prep", "pobj"):
            tok = head
            continue
        return None
    return None


def _tally_subject(verb):
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _measured(subj) if subj is not None else None


def _measured(noun):
    """The tally a measure noun measures: "the number of dead" → "dead"; else the noun itself."""
    if noun.lemma_.lower() in MEASURE_NOUNS:
        inner = [c for p in noun.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
        if inner and inner[0].lemma_.lower() in TALLY_NOUNS:
            return inner[0]
    return noun


def _toll(noun) -> str:
    lemma = noun.lemma_.lower()
    if lemma == "toll":
        return "wounded" if any(c.lemma_.lower() in ("injury", "injured", "wounded") for c in noun.children) else "killed"
    return TALLY_NOUNS[lemma]


def _cases(noun) -> tuple[str | None, object]:
    """The predicate of "864 cases of arbitrary detention", "77 cases of civilians being executed"."""
    if noun.lemma_.lower() != "case":
        return None, noun
    for obj in (c for p in noun.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"):
        if obj.lemma_.lower() in OF_EVENTS:
            return OF_EVENTS[obj.lemma_.lower()], noun
        for verb in (c for c in obj.children if c.dep_ in ("acl", "relcl") and c.tag_ in ("VBN", "VBG")):
            p = _verb_predicate(verb, obj, unit_name(obj))
            if p:
                return p, verb
    return None, noun


def _predicate(doc, start: int, end: int, noun) -> tuple[str | None, object]:
    """(predicate, trigger token) for the figure doc[start:end] counting `noun` (None: elided).
    A count of attacks is a figure of its own where nothing else is said of it: "four injuries
    from 51 attacks", "Two massive attacks on Russian bases ... have given Ukraine a boost"."""
    found = _said_of(doc, start, end, noun)
    if noun is not None and noun.lemma_.lower() in ATTACK_EVENTS and (
            found[0] is None or not counts(found[0], unit_name(noun))) \
            and not any(c.lower_ in ("last", "final", "next", "first", "second") for c in noun.children):
        return "attacked", noun
    return found


def _said_of(doc, start: int, end: int, noun) -> tuple[str | None, object]:
    # "31 dead", "17 injured", "five more injured", "two soldiers killed", "263 dead Crimeans"
    after = doc[end:min(len(doc), end + 2)] if noun is None else doc[noun.i + 1:min(len(doc), noun.i + 2)]
    for t in after:
        if t.lower_ in OUTCOMES and t.pos_ in ("ADJ", "VERB", "NOUN") and t.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            if t.tag_ == "VBN" or t.pos_ in ("ADJ", "NOUN") or t.dep_ in ("acl", "amod", "conj", "acomp"):
                return OUTCOMES[t.lower_], t
        if t.lower_ not in ("more", "other", "others", "people", "were", "was"):
            break
    if noun is not None:
        for c in noun.children:
            among = [g for g in c.children if g.dep_ == "pobj" and g.lower_ in OUTCOMES] \
                if c.dep_ == "prep" and c.lower_ == "among" else []
            if among:
                return OUTCOMES[among[0].lower_], among[0]  # "a child among the injured"
            if c.dep_ in ("amod", "acl") and c.lower_ in OUTCOMES and (c.i < noun.i or c.tag_ == "VBN"):
                return OUTCOMES[c.lower_], c
            relative = c.dep_ == "relcl" and any(g.dep_ == "nsubjpass" and g.lower_ in ("that", "which", "who")
                                                 for g in c.children)  # "a block that was heavily damaged"
            found_remains = noun.lemma_.lower() in REMAINS and c.lemma_.lower() in FIND_VERBS
            if (c.dep_ == "acl" or relative) and c.tag_ == "VBN" and (c.lemma_.lower() in lx.PREDICATES or found_remains):
                p = _verb_predicate(c, noun, unit_name(noun))
                if p:
                    return p, c
            if c.dep_ in ("acl", "relcl") and c.lemma_.lower() == "die" and c.tag_ in ("VBG", "VBD", "VBN"):
                return "killed", c  # "with 824 Russian troops dying each day"
        lemma = noun.lemma_.lower()
        if lemma in lx.COUNT_NOUNS:
            return lx.COUNT_NOUNS[lemma], noun
        found = _cases(noun)
        if found[0]:
            return found
    anchor = noun if noun is not None else doc[end - 1]
    if noun is None and anchor.dep_ in ("nummod", "quantmod") and hung_past_article(anchor):
        anchor = anchor.head  # "injuring at least 11 [—] a reminder": the number stands where the noun was hung
    tally = _tally(anchor)
    if tally:
        return tally, anchor
    # Walk up through lists and "including" to the verb that says what happened.
    tok = anchor
    unit = unit_name(noun) if noun is not None and noun.lower_ not in ELIDED else "people"
    for _ in range(9):
        head = tok.head
        if head.i == tok.i:
            return None, anchor
        if tok.dep_ == "prep" and tok.lower_ == "with" and head.pos_ == "VERB" and unit in ATTACK_UNITS \
                and head.lemma_.lower() in IMPACT_VERBS | {"attack", "target", "strike"}:
            return "attacked", head  # "struck the cruiser with two missiles"
        if tok.dep_ == "prep" and tok.lower_ == "of" and head.pos_ == "NOUN" and head.lemma_.lower() in OF_EVENTS \
                and unit in OF_ONLY.get(head.lemma_.lower(), {unit}):
            p = OF_EVENTS[head.lemma_.lower()]
            if p == "casualties" and not is_people(unit):
                p = "destroyed"
            return p, head  # "a massacre of some 300 people", "the deaths of hundreds of thousands"
        if tok.dep_ == "pobj" and head.lower_ in ("over", "about", "around", "nearly", "almost", "under") \
                and head.i == start - 1 and head.head.pos_ in ("VERB", "AUX"):
            tok = head  # "shot down over 70 drones" read with "over" as a preposition: a qualifier
            continue
        cases = _cases(head) if tok.dep_ in ("conj", "appos") and head.pos_ == "NOUN" else (None, head)
        if cases[0]:
            return cases  # "864 cases of detention – 763 men, 94 women and seven boys"
        if tok.dep_ in ("conj", "appos") or (tok.dep_ == "pobj" and head.lower_ in ("of", "including", "among", "with")) \
                or (tok.dep_ == "prep" and tok.lower_ in ("including", "among", "along", "with")) \
                or (tok.dep_ == "prep" and tok.lower_ == "of" and (head.like_num or head.lower_ in _VAGUE_SCALE)):
            tok = head
            continue
        if head.pos_ in ("VERB", "AUX") or head.tag_ in ("VBN", "VBG"):
            probe = tok
            if tok.dep_ == "pobj":
                return None, anchor
            raised = next((c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None) \
                if head.lemma_.lower() in RAISING_VERBS and tok.dep_ == "nsubj" else None
            if raised is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in raised.children):
                head = raised  # "three people seem to have been hit": what happened is the infinitive's
            p = joint(head, _verb_predicate(head, probe, unit, noun.lemma_.lower() if noun is not None else ""))
            if p is None and tok.dep_ in ("nsubj", "nsubjpass"):
                # "one man was shot and killed": the verbs after the first share its subject
                for verb in head.conjuncts:
                    if verb.i > head.i and verb.tag_ in ("VBN", "VBD") and not any(
                            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                        p = _verb_predicate(verb, probe, unit, noun.lemma_.lower() if noun is not None else "")
                        if p:
                            head = verb
                            break
            if p is None and head.lemma_.lower() in TALLY_VERBS:
                subj = _tally_subject(head)
                if subj is not None and subj.lemma_.lower() in TALLY_NOUNS and subj.i != tok.i:
                    p = _toll(subj)
            return p, head
        return None, anchor
    return None, anchor


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
    doc = sent.doc
    out = []
    for tok in sent:
        if tok.dep_ == "det" and tok.lower_ in ("a", "an", "another") and tok.head.pos_ == "NOUN" \
                and tok.head.tag_ == "NN" and tok.head.i > tok.i and tok.head.lemma_.lower() in SINGULAR_NOUNS:
            out.append((tok.i, tok.i + 1))
    return out


def figures(sent) -> list[Figure]:
    """Every figure of `sent` whose predicate can be read, in text order."""
    doc = sent.doc
    out: list[Figure] = []
    runs = sorted(_group(sent) + _singular(sent))
    ranges: dict[int, tuple[int, int]] = {}  # "between 10 and 15": the first run → (second run)
    for a, b in zip(runs, runs[1:]):
        joiner = doc[a[1]:b[0]].text.lower()
        if joiner in ("and", "to", "-", "–") and (joiner != "and" or (a[0] > sent.start and doc[a[0] - 1].lower_ == "between")):
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
                predicate, trigger = _predicate(doc, hi_start, hi_end, noun)
                unit = unit_name(noun) if noun is not None else "people"
                if predicate and counts(predicate, unit) and (noun is not None or predicate in PERSON_PREDICATES):
                    left = start - 1 if start > sent.start and doc[start - 1].lower_ == "between" else start
                    out.append(Figure(predicate=predicate, low=lo_val[0], high=hi_val[1], approximate=False,
                                      unit=unit, left=left, right=(noun.i + 1) if noun is not None else hi_end,
                                      trigger=trigger))
                continue
        if doc[start].lower_ in ("a", "an", "another"):
            noun = doc[start].head
            predicate, trigger = _predicate(doc, start, end, noun)
            unit = unit_name(noun)
            person = noun.lemma_.lower() in SINGULAR_PEOPLE
            if predicate in SINGULAR_PREDICATES and counts(predicate, unit) and trigger is not noun \
                    and person == (predicate in PERSON_PREDICATES or (predicate == "captured" and person)) \
                    and noun.lemma_.lower() in SINGULAR_NOUNS and not (trigger.head.i == noun.i and trigger.i < noun.i) \
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
        elided_by = None
        if noun is not None and (noun.lemma_.lower() in lx.NOT_COUNTED or noun.lower_ in ELIDED or
                                 noun.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT")):
            if noun.lower_ not in ELIDED:
                continue
            elided_by, noun = noun, None  # "six others": counted like the figure before
        predicate, trigger = _predicate(doc, start, end, noun if elided_by is None else elided_by)
        if predicate is None:
            continue
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
            elif antecedent is not None:
                unit = unit_name(antecedent)  # "torture of civilians ..., executing more than 70 of them"
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
