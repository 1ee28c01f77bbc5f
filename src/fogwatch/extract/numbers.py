"""Numbers in digits and words, and the bounds that their qualifiers put on them."""
from __future__ import annotations

import re

UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague amounts and the unit of their floor: "dozens" are at least two dozen, "hundreds" two hundred.
VAGUE_SCALE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1_000_000, "tens": 10}
ORDINAL_WORDS = {"a": 1, "an": 1, "single": 1, "lone": 1, "dozen": 12, "couple": 2, "pair": 2}
YEAR = re.compile(r"(1[89]|20)\d\d")
# Words after which a year-like number is a year: "the 2016 presidential race", "the March 2022 strike".
YEAR_BEFORE = {"the", "a", "an", "'s", "’s", "his", "her", "its", "their", "our", "my", "your", "january", "february", "march", "april", "may", "june", "july",
               "august", "september", "october", "november", "december"}


def hung_past_article(number) -> bool:
    """Whether the parser hung the number token on a later noun that an article separates from it:
    "injuring at least 11 [—] a reminder that ...", a dash lost in the source."""
    return number.head.i > number.i and any(t.pos_ == "DET" for t in number.doc[number.i + 1:number.head.i])


def range_low(low: int, high: int) -> int:
    """The low end of a range whose scale is written once, on its high end: "70 to 80,000" and "70
    or 80,000" run from 70,000; "20 to 30" and "500 to 1,000" are as written."""
    for scale in (1_000_000, 1000):
        if low < 1000 and high % scale == 0 and low * scale < high < low * scale * 10:
            return low * scale
    return low


def parse_number(text: str) -> int | None:
    """'100', '1,200', '2.5 million', 'twenty-six', 'a hundred', 'six' → int; anything else → None."""
    words = text.lower().replace("-", " ").replace(",", "").split()
    if not words:
        return None
    total, current, seen = 0, 0.0, False
    for word in words:
        if word == "and" and seen:
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word)
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in ("a", "an") and not seen:
            current += 1
        elif word in SCALES:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    value = total + current
    return int(round(value)) if seen else None


# Vague quantity words: (low bound, ACLED's conventional reading), e.g. "dozens" is at least 24.
VAGUE = {
    "dozens": (24, 12), "scores": (40, 20), "hundreds": (200, 100), "thousands": (2000, 1000),
    "tens": (20, 10),
}
# "several", "many", "numerous", "a few" set no floor an analyst would record: no figure at all.

# Qualifier phrases before a number → how they bound it.
BOUNDS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\b(?:more than|over|upwards of|in excess of|above|greater than)$"), "gt"),
    (re.compile(r"\b(?:at least|no fewer than|no less than|a minimum of|not less than)$"), "ge"),
    (re.compile(r"\b(?:fewer than|less than|under|below)$"), "lt"),
    (re.compile(r"\b(?:at most|no more than|up to|as many as|a maximum of|not more than)$"), "le"),
    (re.compile(r"\b(?:about|around|approximately|roughly|some|nearly|almost|close to|an estimated|estimated|"
                r"approx\.?|circa|or so|just over|just under)$"), "approx"),
]


def bounds(value: int, qualifier: str) -> tuple[int | None, int | None, bool]:
    """(low, high, approximate) for `value` qualified by the words before it."""
    q = qualifier.lower().strip()
    for pattern, kind in BOUNDS:
        if pattern.search(q):
            if kind == "gt":
                return value + 1, None, False
            if kind == "ge":
                return value, None, False
            if kind == "lt":
                return None, value - 1, False
            if kind == "le":
                return None, value, False
            return value, value, True
    return value, value, False
