"""Rules that remove what is on a news page but not in the story.

Each rule is a small function over the article's lines. They are deliberately conservative: a
rule removes a line only when the line's *shape* says it is page furniture (a credit, a caption
doubled by the page template, a trailer heading), never because of which words a story uses.
"""
from __future__ import annotations

import re

# Headings that open a block of other stories. Everything after one is not the article.
TRAILER_HEADING = re.compile(
    r"^(?:more (?:from|on|stories|news|in)\b|related(?: (?:stories|articles|coverage|content|news|reading))?"
    r"|read (?:more|next|also)|recommended(?: for you| stories)?|most (?:read|popular|viewed)"
    r"|you (?:may|might) also (?:like|be interested)|also (?:read|on)\b|trending(?: now)?|latest (?:news|stories)"
    r"|top stories|editor'?s picks|don'?t miss|further reading|see (?:also|more)|sign up\b|subscribe\b"
    r"|share this (?:article|story))",
    re.IGNORECASE,
)
# A single "Read more: headline" line inside a story.
INLINE_PROMO = re.compile(r"^(?:(?:read more|read also|also read|see also|watch|listen)\s*[:|–—-]"
                          r"|(?:other|more) (?:topics|stories|articles|news) of interest\b)", re.IGNORECASE)
# What follows a trailer word and a colon on the same line ("Related: The 15 Weirdest Galaxies").
LABEL_REST = re.compile(r"^\s*(?:post|posts|stories|story|articles?|links?)?\s*[:|]\s*(?P<rest>.*)$", re.IGNORECASE)

# Agencies and words whose presence makes a short, unpunctuated line a photo credit.
CREDIT_MARKERS = re.compile(
    r"\b(?:REUTERS|AP(?: Photo)?|AFP|Getty Images|EPA(?:-EFE)?|Anadolu|Sputnik|TASS|Xinhua|NurPhoto|"
    r"Shutterstock|Alamy|Pool|Handout|File Photo|Photo(?:graph)?s?(?: by| credit)?|Image(?: credit)?|"
    r"Credit|Courtesy|Illustration)\b",
)
COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s*\d{4}|all rights reserved)", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
# Wire datelines that lost their city: "( – Russia invaded..." or "(AP) — ".
ORPHAN_DATELINE = re.compile(r"^\(\s*[A-Z]{0,8}\s*\)?\s*[–—-]+\s*\)?\s*")

CREDIT_MAX = 120
CAPTION_MAX = 300
SHOUT_WORDS = 4  # an all-capitals line of at least this many words is a teaser or a heading


def is_credit(line: str) -> bool:
    """A photo credit: short, no sentence ending, and names an agency or says "photo"/"via"."""
    text = line.strip()
    if not text or len(text) > CREDIT_MAX:
        return False
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    if SENTENCE_END.search(text) and not text.isupper():
        return False
    return bool(CREDIT_MARKERS.search(text)) and (
        text.isupper() or "/" in text or " via " in text or re.match(r"(?i)(photo|image|credit|courtesy)", text) is not None
        or len(text.split()) <= 6
    )


def _blocks(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines]


def is_promo_line(text: str) -> bool:
    """A link to another story set inside this one: "Read more: ...", or a trailer word, a colon and
    a headline ("Related: From Big Bang to Present", "SEE MORE: Hong Kong protests"). A headline
    has no closing full stop; "More from the front: troops advanced, officials said." is a sentence."""
    if INLINE_PROMO.match(text):
        return True
    heading = TRAILER_HEADING.match(text)
    if not heading:
        return False
    rest = LABEL_REST.match(text[heading.end():])
    return bool(rest and rest["rest"]) and not SENTENCE_END.search(text)


def _is_heading(text: str) -> bool:
    return bool(TRAILER_HEADING.match(text)) and len(text) <= 80 and not SENTENCE_END.search(text) \
        and not is_promo_line(text)


def _story_resumes(rest: list[str]) -> bool:
    """Whether the lines after a trailer heading and its run of teaser headlines are the story going
    on (a "Don't miss" box set between paragraphs) rather than more teasers: at least two lines, and
    at least three in four of them sentences."""
    lines = [line.strip() for line in rest if line.strip()]
    sentences = sum(1 for line in lines if SENTENCE_END.search(line))
    return len(lines) >= 2 and 4 * sentences >= 3 * len(lines)


def cut_trailer(lines: list[str]) -> list[str]:
    """Drop a trailer heading ("More from ...", "Related", "Don't miss") and what follows it.

    Only a heading-shaped line counts: short, no sentence punctuation, and past the story's first
    paragraph, so that a story that *begins* "Related news:" is not erased. What follows goes to the
    end, unless the story resumes after the heading's teaser headlines: then only the heading and
    the teasers go, and the rest is checked again.
    """
    seen_text = 0
    for index, line in enumerate(lines):
        text = line.strip()
        if text and seen_text >= 1 and _is_heading(text):
            after = index + 1
            while after < len(lines) and (not lines[after].strip() or not SENTENCE_END.search(lines[after].strip())):
                after += 1
            if _story_resumes(lines[after:]):
                return lines[:index] + cut_trailer(lines[after:])
            return lines[:index]
        if len(text) > 40:
            seen_text += 1
    return lines


def drop_credits_and_captions(lines: list[str]) -> list[str]:
    """Drop credit lines, the caption lines right above a credit, and captions the page doubled."""
    stripped = _blocks(lines)
    drop = set()
    for index, text in enumerate(stripped):
        if not text:
            continue
        if COPYRIGHT.match(text) or is_promo_line(text):
            drop.add(index)
        elif is_credit(text):
            drop.add(index)
            # Captions sit directly above their credit (possibly doubled); walk up over them.
            up = index - 1
            while up >= 0 and stripped[up] and len(stripped[up]) <= CAPTION_MAX and up not in drop \
                    and index - up <= 2 and _caption_like(stripped[up], stripped, up):
                drop.add(up)
                up -= 1
        # A line the page printed twice in a row (image alt text + caption) is a caption.
        nxt = index + 1
        while nxt < len(stripped) and not stripped[nxt]:
            nxt += 1
        if nxt < len(stripped) and stripped[nxt] == text and len(text) <= CAPTION_MAX:
            drop.update({index, nxt})
    return [line for index, line in enumerate(lines) if index not in drop]


def _caption_like(text: str, lines: list[str], index: int) -> bool:
    # A caption is a single line that either lacks a closing full stop or is printed twice; a
    # punctuated story paragraph that happens to sit above a credit stays.
    doubled = (index > 0 and lines[index - 1] == text) or (index + 1 < len(lines) and lines[index + 1] == text)
    return doubled or not SENTENCE_END.search(text)


def _shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _table_row(text: str) -> bool:
    """A row of a table as trafilatura writes it ("| HD | THE HOME DEPOT INC. | 225.86 |"): cells of
    names in capitals are data, not a teaser."""
    return text.lstrip().startswith("|")


def drop_shouted_lines(lines: list[str]) -> list[str]:
    """Drop whole lines in capitals from a story written in mixed case.

    Pages set links to other stories ("BIDEN WARNS RUSSIA OF 'SWIFT AND SEVERE CONSEQUENCES'",
    "CLICK HERE TO GET THE FOX NEWS APP") and section headings in capitals between paragraphs.
    Neither is a sentence of the story, and a teaser's "…, GOP SENATOR WARNS" would otherwise be
    read as a claim of this article. A line needs `SHOUT_WORDS` words (so "UPDATE" or "NATO" alone
    stays), and a text whose such lines make up a third or more of it (old wire copy in capitals)
    is left whole.
    """
    shouted = [_shouted(line) and len(line.split()) >= SHOUT_WORDS and not _table_row(line) for line in lines]
    loud = sum(len(line) for line, s in zip(lines, shouted) if s)
    if not loud or 3 * loud > sum(len(line) for line in lines):
        return lines
    return [line for line, s in zip(lines, shouted) if not s]


def strip_orphan_dateline(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if line.strip():
            lines = list(lines)
            lines[index] = ORPHAN_DATELINE.sub("", line.lstrip())
            break
    return lines


# A caption set into the running text: "... on Odessa (Pictured: High-rise apartment block ...)",
# "(Video: Allie Caren/The Washington Post, Photo: ...)". It describes a picture, not the story.
INLINE_CAPTION = re.compile(r"\s*\((?:pictured|photo(?:graph)?|image|video|file photo|above|below|top|left|right)\s*:"
                            r"[^()]{0,400}\)", re.IGNORECASE)
CAPTION_LINE = re.compile(r"^\s*(?:pictured|photo|image)\s*:", re.IGNORECASE)


def drop_inline_captions(lines: list[str]) -> list[str]:
    """Cut parenthesised captions out of the lines, and drop lines that are a "Pictured: ..." caption."""
    out = []
    for line in lines:
        if CAPTION_LINE.match(line) and len(line.strip()) <= CAPTION_MAX:
            continue
        out.append(INLINE_CAPTION.sub("", line))
    return out


RULES = (cut_trailer, drop_credits_and_captions, drop_inline_captions, drop_shouted_lines, strip_orphan_dateline)


def strip_boilerplate(text: str) -> str:
    lines = text.splitlines()
    for rule in RULES:
        lines = rule(lines)
    return "\n".join(lines)
