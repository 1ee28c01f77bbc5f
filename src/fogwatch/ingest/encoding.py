"""Choosing a legacy encoding for bytes that are not UTF-8, or refusing to guess.

charset-normalizer ranks the encodings a text decodes in, but single-byte encodings often tie:
Latin-1 "ministère" is as plausible to it in cp1250 ("ministčre") as in cp1252. Its language
coherence score only means something when the text has many non-ASCII letters: an English article
with one "Civiltà" came out as cp1257 ("Civiltą") on coherence alone. Storing the wrong reading
puts mojibake in the ledger with no trace, so the readings that decode equally cleanly (and, for a
text in a non-English script or alphabet, equally coherently) are weighed on evidence:

1. A decoding whose non-ASCII characters are not letters or common punctuation ("poinformowa³o"
   for cp1250 Polish read as cp1252) loses.
2. Among what remains, the most common legacy encoding of the web wins (`COMMON`, most common
   first): Windows-1252 is what "ISO-8859-1" means on the web (the WHATWG encoding standard), and
   Windows-1251 and -1250 beat the rare code pages that read Cyrillic and Polish nearly as well.
3. If the readings still differ (rare code pages only), the text is refused with the readings
   side by side.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from fogwatch.errors import BadInput

TIE = 0.02  # chaos and coherence scores this close are the same to charset-normalizer's guesswork
FOREIGN = 0.05  # share of non-ASCII letters from which the language-coherence score is evidence
COMMON = ("cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250", "iso8859_2", "koi8_r", "koi8_u", "cp1253",
          "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "iso8859_5", "iso8859_7", "iso8859_9", "cp874")
# Non-letters that real text uses: quotes, dashes, currency, degree, section, ellipsis, bullets.
PUNCTUATION = set("«»‹›‘’‚‛“”„‟–—―…•·°§€£¥¢©®™±×÷¶†‡‰′″¡¿ªº")


# `<meta charset="…">` or `<meta http-equiv="Content-Type" content="text/html; charset=…">`, in the
# first bytes of a page, where HTML requires it.
META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
# What browsers read for these labels (the WHATWG encoding standard): Windows-1252.
WEB_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def declared(data: bytes) -> str | None:
    """The legacy encoding an HTML page declares for itself, if Python knows it and the page
    decodes in it without error: the page's own word beats any statistics."""
    found = META_CHARSET.search(data[:4096])
    if not found:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    name = WEB_ALIASES.get(name, name)
    if name.startswith("utf"):
        return None  # UTF-8 was tried first; a UTF-16 page cannot carry an ASCII meta tag
    try:
        data.decode(name)
    except UnicodeDecodeError:
        return None
    return name


def odd_characters(text: str) -> int:
    """Non-ASCII characters that are neither letters nor common punctuation: the trace of a
    wrong code page."""
    return sum(1 for ch in text if ord(ch) > 127 and ch not in PUNCTUATION
               and not unicodedata.category(ch).startswith(("L", "M", "Z")))


def _first_difference(texts: list[str]) -> list[str]:
    """The first word where the readings differ, in each reading."""
    words = [t.split() for t in texts]
    for i, group in enumerate(zip(*words)):
        if len(set(group)) > 1:
            return [w[i] for w in words]
    return [t[:20] for t in texts]


def guess(data: bytes) -> tuple[str, str]:
    """(text, encoding) of `data` in the legacy encoding that fits; BadInput when none fits or the
    choice is a coin toss."""
    encoding = declared(data)
    if encoding:
        return data.decode(encoding), encoding
    matches = list(from_bytes(data))
    if not matches or matches[0].chaos > 0.2:
        raise BadInput("cannot decode: not UTF-8 and no other encoding fits")
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos + TIE]
    letters = [ch for ch in str(best) if ch.isalpha()]
    if sum(ord(ch) > 127 for ch in letters) >= FOREIGN * max(len(letters), 1):
        tied = [m for m in tied if m.coherence >= best.coherence - TIE]
    readings: dict[str, str] = {}
    for match in tied:
        readings.setdefault(str(match), match.encoding)
    if len(readings) > 1:
        fewest = min(odd_characters(t) for t in readings)
        readings = {t: e for t, e in readings.items() if odd_characters(t) == fewest}
    if len(readings) > 1:
        rank = {t: COMMON.index(e) if e in COMMON else len(COMMON) for t, e in readings.items()}
        first = min(rank.values())
        if first < len(COMMON):
            readings = {t: e for t, e in readings.items() if rank[t] == first}
    if len(readings) > 1:
        texts = list(readings)[:3]
        shown = ", ".join(f"{readings[t]} {w!r}" for t, w in zip(texts, _first_difference(texts)))
        raise BadInput(f"encoding uncertain, not UTF-8 and it reads differently as {shown}; "
                       "save the file as UTF-8")
    (text, encoding), = readings.items()
    return text, encoding
