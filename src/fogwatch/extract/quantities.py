"""Figures in claims: which noun phrases a trigger counts, and the bounds their qualifiers set.

"more than 100 fighters" → low 101, high None, unit fighter; "a Caesar self-propelled gun" → 1;
"dozens of people" → low 24 with ACLED's reading in the note; "20 of 25 drones" → 20, note "of 25";
"26 drones over seven regions" → 26, note "over 7 regions".
"""
from __future__ import annotations

import re

from fogwatch.extract import lexicon as lx
from fogwatch.extract.numbers import VAGUE, YEAR, YEAR_BEFORE, bounds, hung_past_article, parse_number, range_low
from fogwatch.extract.outcomes import unit_name
from fogwatch.records import Quantity, Span

QUOTES = "\"“”‘’'«»"
# Amounts with no floor an analyst would record: the claim keeps its unit and no bounds.
NO_FLOOR = {"several", "many", "numerous", "multiple", "few", "some", "countless"}


def _span(doc, start_tok: int, end_tok: int, article_id: str, offset: int) -> Span:
    span = doc[start_tok:end_tok]
    return Span(article_id, offset + span.start_char, offset + span.end_char)


NOMINAL = ("NOUN", "PROPN", "NUM", "PRON")


def _listed_in(token, phrase) -> bool:
    """Whether `token` hangs in `phrase` only through lists, names and prepositions of place or origin
    ("from Melitopol, Mikhail Kumok, and three journalists"), not through a clause or "of" ("the
    mayor of a town of 3,000 people" counts no one)."""
    while token.i != phrase.i:
        if token.dep_ not in ("conj", "appos", "pobj", "prep") or token.dep_ == "prep" and token.lower_ not in ("from", "in", "at"):
            return False
        token = token.head
    return True


def quantity_nouns(trigger, patients: list) -> list:
    """The noun phrases whose figures a trigger reports: its patients, their conjuncts and list mates."""
    nouns: list = []
    for noun in patients:
        # Nominal mates only: in "The city, ..., and where Ukraine estimates 21,000 people have been
        # killed, is being fought over" the parser joins a clause to the subject; its figure is not the fight's.
        mates = [c for c in noun.conjuncts if c.pos_ in NOMINAL]
        # A counted noun coordinated deeper in the phrase: "The publisher from Melitopol, Mikhail Kumok,
        # and three journalists ... had been detained" (the parser hangs the list on the town).
        mates += [t for t in noun.subtree if t.dep_ == "conj" and t.pos_ == "NOUN" and t.i != noun.i
                  and any(c.dep_ == "nummod" for c in t.children) and _listed_in(t, noun)]
        for item in (noun, *mates, *[c for c in noun.children if c.dep_ == "appos"]):
            if item not in nouns:
                nouns.append(item)
    # "28 journalists were killed, including seven foreigners": the part counted is a figure too.
    if patients:
        for holder in (*patients, trigger):
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in ("including", "among"):
                    for item in prep.children:
                        if item.dep_ == "pobj" and item not in nouns and item.pos_ in ("NOUN", "NUM"):
                            nouns.extend(x for x in (item, *item.conjuncts) if x not in nouns)
    # Quoted lists confuse the parser ("destroyed “six tanks, a gun, [and] 20 vehicles.”"): scan on
    # from the patient for noun phrases of the same list until a clause boundary.
    if patients:
        doc = trigger.doc
        sent_end = trigger.sent.end
        i = max(n.i for n in nouns) + 1
        while i < sent_end:
            tok = doc[i]
            # "..., and around 500 artillery systems": a preposition on a number qualifies it.
            qualifier = tok.pos_ == "ADP" and (tok.dep_ in ("quantmod", "advmod") or doc[i + 1].like_num)
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound") or tok.text in (";", ":") \
                    or tok.pos_ == "SCONJ" or (tok.pos_ == "ADP" and tok.lower_ != "of" and not qualifier):
                break
            if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "conj", "appos", "nsubjpass", "pobj", "npadvmod") \
                    and tok not in nouns and tok.head.pos_ != "ADP" \
                    and any(c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ in ("a", "an")) for c in tok.children):
                nouns.append(tok)
            i += 1
    return nouns

def read_quantity(noun, trigger, doc, offset: int, predicate: str, article_id: str, text: str) -> Quantity | None:
    """The figure on `noun` with its bounds and unit, or None when it carries no count."""
    unit_noun = noun
    note = None
    number_tokens = []
    vague = None
    lemma = noun.lemma_.lower()
    ofs = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if noun.pos_ == "NUM" and ofs:  # "one of the border villages", "30 of 35 drones"
        if noun.lower_ == "one" and not any(c.dep_ == "nummod" for c in ofs[0].children) and any(
                c.tag_ == "JJS" or any(g.lower_ == "most" for g in c.children) for c in ofs[0].children):
            return None  # "one of the most famous mercenaries": a phrase, not a count (guide §1)
        number_tokens, unit_noun = [noun], ofs[0]
        total = [c for c in unit_noun.children if c.dep_ == "nummod"]
        if total:
            note = f"of {total[0].text}"
    elif (noun.lower_ in VAGUE or lemma in ("dozen", "score", "hundred", "thousand")) and ofs:
        vague, unit_noun = noun, ofs[0]
    else:
        nummods = [c for c in noun.children if c.dep_ == "nummod"]
        if nummods and hung_past_article(nummods[0]):
            return None  # "injuring at least 11 [—] a reminder that ...": the noun after "a" is not counted
        if nummods:
            num = nummods[0]
            # The contiguous number words ending at the modifier: "2.5 million", "twenty - six", not "20 of 25".
            start = num.i
            while start > 0 and (num.doc[start - 1].like_num or num.doc[start - 1].lower_ in ("hundred", "thousand", "million", "-")) \
                    and num.doc[start - 1].i in {t.i for t in num.subtree}:
                start -= 1
            end = num.i + 1
            while end < len(num.doc) and num.doc[end].lower_ in ("hundred", "thousand", "million", "billion"):
                end += 1
            number_tokens = [t for t in num.doc[start:end] if t.text != "-"]
        else:
            amod_vague = [c for c in noun.children if c.lower_ in VAGUE and c.dep_ in ("amod", "det", "nummod")]
            if amod_vague:
                vague = amod_vague[0]
            elif any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children) and noun.tag_ in ("NN", "NNP") \
                    and ((predicate in ("killed", "wounded", "detained") and lemma in lx.PERSON_NOUNS) or
                         (predicate in ("destroyed", "shot_down", "captured", "damaged") and lemma in lx.EQUIPMENT_NOUNS)):
                number_tokens = [next(c for c in noun.children if c.dep_ == "det")]
    if len(number_tokens) == 1 and YEAR.fullmatch(number_tokens[0].text) and \
            number_tokens[0].i > 0 and doc[number_tokens[0].i - 1].lower_ in YEAR_BEFORE:
        return None  # "the 2016 presidential race", "the March 2022 Kyiv strike": a year
    if not number_tokens and vague is None:
        unsized = [c for c in noun.children if c.lower_ in NO_FLOOR and c.dep_ in ("amod", "det", "nummod")]
        if unsized and noun.pos_ == "NOUN" and noun.lemma_.lower() not in lx.NOT_COUNTED:
            # "several armoured vehicles": what was counted is known, how many is not; no figure.
            span = _span(doc, unsized[0].i, noun.i + 1, article_id, offset)
            return Quantity(low=None, high=None, unit=noun.lemma_.lower(), text=text[span.start:span.end], span=span,
                            note=f"'{unsized[0].lower_}' sets no number")
        return None
    left = min([noun.left_edge.i, *[t.i for t in number_tokens]])
    right = unit_noun.i + 1

    while left < right and (doc[left].text in QUOTES + "[(]" or doc[left].pos_ in ("PUNCT", "CCONJ", "X", "SYM")):
        left += 1
    low: int | None
    high: int | None
    approximate = False
    if vague is not None:
        word = vague.lower_
        if word in ("dozen",) or lemma == "dozen" and vague.tag_ == "NN":
            low, high, approximate = 12, 12, True
        else:
            floor, acled = VAGUE.get(word, VAGUE.get(word + "s", (2, 10)))
            low, high = floor, None
            # "tens of thousands", "hundreds of thousands": the second word scales the first.
            if vague.i >= 2 and doc[vague.i - 1].lower_ == "of" and doc[vague.i - 2].lower_ in ("tens", "hundreds"):
                low = {"tens": 10, "hundreds": 100}[doc[vague.i - 2].lower_] * floor
                left = min(left, vague.i - 2)
            note = f"vague quantity '{word}': ACLED's conventional reading is {acled}"
    else:
        number_text = " ".join(t.text for t in number_tokens)
        value = parse_number(number_text)
        if value is None:
            return None
        qualifier = doc[left:number_tokens[0].i].text
        partitive = re.fullmatch(r"(?:(.*?)\s+)?([\w,.]+)\s+of", qualifier)
        if partitive and parse_number(partitive.group(2)) is not None:
            # "20 of 25 drones" parsed as modifiers of 25: the claim is about the 20.
            note, value = f"of {value}", parse_number(partitive.group(2))
            qualifier = partitive.group(1) or ""
        low, high, approximate = bounds(value, qualifier)
        ranged = re.search(r"between\s+([\w,.]+)\s+and\s+([\w,.]+)|([\d,.]+)\s*(?:-|–|to|or)\s*([\d,.]+)", doc[max(left - 1, 0):right].text, re.I)
        if ranged:
            a, b = (ranged.group(1), ranged.group(2)) if ranged.group(1) else (ranged.group(3), ranged.group(4))
            lo, hi = parse_number(a), parse_number(b)
            if lo is not None and hi is not None and lo < hi:
                low, high = range_low(lo, hi), hi
    # "26 drones over seven regions": the scope phrase belongs with the number.
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ in ("over", "across", "in") and prep.i == right:
            objs = [g for g in prep.children if g.dep_ == "pobj" and any(c.dep_ == "nummod" for c in g.children)]
            if objs:
                scope_n = parse_number(" ".join(c.text for c in objs[0].children if c.dep_ == "nummod"))
                right = objs[0].i + 1
                if scope_n is not None:
                    note = f"{prep.lower_} {scope_n} {objs[0].lemma_.lower()}{'s' if scope_n != 1 else ''}"
    unit = unit_noun.lemma_.lower()
    if unit in lx.COUNT_NOUNS:
        # "12 deaths among the fighters": count people, named by the phrase if it names them.
        among = [g for c in unit_noun.children if c.dep_ == "prep" and c.lower_ in ("among", "of")
                 for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in lx.PERSON_NOUNS]
        unit = among[0].lemma_.lower() if among else "people"
        if among:
            right = max(right, among[0].i + 1)
    elif unit in lx.NOT_COUNTED or unit_noun.pos_ not in ("NOUN", "PROPN"):
        return None
    else:
        unit = unit_name(unit_noun)  # as the figure reader names it: "1260 Russian military" are soldiers
    span = _span(doc, left, right, article_id, offset)
    return Quantity(low=low, high=high, unit=unit, text=text[span.start:span.end], span=span,
                    approximate=approximate, note=note)
