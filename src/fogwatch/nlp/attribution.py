"""Attributions (source, cue, content) by a model trained on PolNeAR, grouped into relations.

Two stages over the article's paragraphs as `fogwatch.extract` parses them (joined into one doc),
and a rule over its text:

1. *Spans.* The span tagger (`fogwatch.nlp.span_tagger`: frozen MiniLM vectors, the parse, a
   BiLSTM trained by ``scripts/train_attribution.py``) marks SOURCE, CUE and CONTENT spans with
   BIO tags over the whole article, so that a quote may run over several sentences.
2. *Relations.* Each content fragment chooses its cue, then each cue its source or none, by linear
   ranking models over position, distance, the spans in between and the parse (weights in
   ``grouping.json`` beside the model, learnt from the gold spans of PolNeAR train). A cue may keep
   two content fragments ("“We will,” he said, “win.”"); a source may serve several cues ("He said
   ... and added ..."). A cue that no content chose takes the clause the parse gives it.
3. *Bylines.* A quotation signed with a dash and a name ("“…” ― Jane Doe") is read by a rule over
   the text (`bylines`), where the tagger found no cue.
"""
from __future__ import annotations

import bisect
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fogwatch.errors import ModelNotInstalled
from fogwatch.nlp import DATELINE, datelines
from fogwatch.nlp.span_tagger import LABELS, SpanTagger, TokSpan

MODEL_DIR = Path(__file__).with_name("attribution_model")
# Quote marks and punctuation trimmed from both ends of a span, here and by the PolNeAR scorer
# (`fogwatch.eval.polnear` reads this one).
STRIP = "\"'“”‘’«»„`.,;:!?…"
CONTENT_SENTENCES = 2  # a content's cue is at most this many sentences away
SOURCE_SENTENCES = 1
NONE = "<none>"

class AttributionModelMissing(ModelNotInstalled):
    """The attribution model is not installed"""


@dataclass(frozen=True, slots=True)
class Attribution3:
    """One attribution as character offsets: who (`source`) said (`cue`) what (`content`).

    `content` runs from the first to the last fragment of the content; `content_parts` are the
    fragments themselves ("“We will,” he said, “win.”" has two, around the source and cue).
    """

    source: tuple[int, int] | None
    cue: tuple[int, int]
    content: tuple[int, int] | None
    content_parts: tuple[tuple[int, int], ...] = ()


# --- grouping ---------------------------------------------------------------------------------


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-5" if n < 6 else "6-10" if n < 11 else "11+"


class Layout:
    """The predicted spans of one parsed doc and what the grouping features need to know of them."""

    def __init__(self, doc, spans: dict[str, list[TokSpan]]):
        self.doc = doc
        self.spans = {label: sorted(set(spans.get(label, ()))) for label in LABELS}
        self.sent = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sent[i] = n
        self.heads = [t.head.i for t in doc]

    def root(self, span: TokSpan) -> int:
        """The span's first token whose head lies outside it (its syntactic root, mostly)."""
        for i in range(*span):
            if self.heads[i] == i or not span[0] <= self.heads[i] < span[1]:
                return i
        return span[0]

    def ancestors(self, i: int, limit: int = 4) -> list[int]:
        out = []
        while self.heads[i] != i and len(out) < limit:
            i = self.heads[i]
            out.append(i)
        return out

    def between(self, lo: int, hi: int) -> dict[str, int]:
        return {label: sum(1 for s, e in self.spans[label] if lo <= s and e <= hi) for label in LABELS}

    def link(self, kind: str, part: TokSpan, cue: TokSpan, rank: int) -> list[str]:
        """Features of attaching `part` (a SOURCE or CONTENT span, by `kind`) to `cue`."""
        doc = self.doc
        after = part[0] >= cue[1]
        side = "after" if after else "before"
        lo, hi = (cue[1], part[0]) if after else (part[1], cue[0])
        gap = max(hi - lo, 0)
        near_part, near_cue = (part[0], cue[1] - 1) if after else (part[1] - 1, cue[0])
        sents = min(abs(self.sent[near_part] - self.sent[near_cue]), 2)
        inside = self.between(lo, hi)
        between_toks = list(doc[lo:hi])
        punct_only = all(t.is_punct or t.is_space for t in between_toks)
        f = [f"{kind}", f"{kind}:{side}", f"{kind}:{side}:gap={_bucket(gap)}", f"{kind}:{side}:rank={min(rank, 3)}",
             f"{kind}:{side}:sents={sents}", f"{kind}:sents={sents}:gap={_bucket(gap)}",
             f"{kind}:{side}:cues={min(inside['CUE'], 2)}", f"{kind}:{side}:contents={min(inside['CONTENT'], 2)}",
             f"{kind}:{side}:sources={min(inside['SOURCE'], 2)}", f"{kind}:{side}:punct_only={punct_only}",
             f"{kind}:{side}:rank={min(rank, 3)}:cues={min(inside['CUE'], 2)}"]
        if any(t.text == "\n" or "\n" in t.text_with_ws for t in between_toks):
            f.append(f"{kind}:{side}:newline")
        part_root, cue_root = self.root(part), self.root(cue)
        if self.heads[part_root] in range(*cue):
            f.append(f"{kind}:{side}:child_of_cue:{doc[part_root].dep_}")
        elif cue[0] <= self.heads[self.heads[part_root]] < cue[1]:
            f.append(f"{kind}:{side}:grandchild_of_cue:{doc[self.heads[part_root]].dep_}")
        elif any(cue[0] <= a < cue[1] for a in self.ancestors(part_root)):
            f.append(f"{kind}:{side}:under_cue")
        if self.heads[cue_root] in range(*part):
            f.append(f"{kind}:{side}:cue_child:{doc[cue_root].dep_}")
        elif any(part[0] <= a < part[1] for a in self.ancestors(cue_root)):
            f.append(f"{kind}:{side}:cue_under")
        if self.heads[part_root] == self.heads[cue_root] and part_root != cue_root:
            f.append(f"{kind}:{side}:siblings")
        first = doc[cue[0]].lower_
        if first in ("according", "as", "per"):
            f.append(f"{kind}:{side}:cue={first}")
        return f

    def none_features(self, cue: TokSpan) -> list[str]:
        """Features of a cue having no source."""
        doc = self.doc
        f = ["none"]
        toks = doc[cue[0]:cue[1]]
        if any(t.dep_ in ("auxpass", "nsubjpass") or t.tag_ == "VBN" for t in toks):
            f.append("none:passive")
        if any(t.tag_ == "VBG" for t in toks):
            f.append("none:gerund")
        if any(child.dep_ in ("nsubj", "nsubjpass") for t in toks for child in t.children):
            f.append("none:has_subject")
        f.append(f"none:first={doc[cue[0]].tag_}")
        same = [s for s in self.spans["SOURCE"] if self.sent[s[0]] == self.sent[cue[0]]]
        f.append(f"none:sources_in_sentence={min(len(same), 2)}")
        return f

    def candidates(self, label: str, anchor: TokSpan, reach: int) -> list[tuple[TokSpan, int]]:
        """Spans of `label` at most `reach` sentences from `anchor`, with their rank on their side."""
        s0, s1 = self.sent[anchor[0]], self.sent[anchor[1] - 1]
        near = [x for x in self.spans[label] if (x[1] <= anchor[0] or x[0] >= anchor[1])
                and self.sent[x[1] - 1] >= s0 - reach and self.sent[x[0]] <= s1 + reach]
        before = sorted((x for x in near if x[1] <= anchor[0]), key=lambda x: -x[1])
        after = sorted((x for x in near if x[0] >= anchor[1]), key=lambda x: x[0])
        return [(x, rank) for side in (before, after) for rank, x in enumerate(side)]


def score(weights: dict[str, float], feats: Iterable[str]) -> float:
    return sum(weights.get(f, 0.0) for f in feats)


def _interrupted(layout: Layout, before: TokSpan, after: TokSpan) -> bool:
    """True if only the cue, its source, their dependents and punctuation stand between two content
    fragments ("“We will,” the commander told reporters on Sunday, “win.”")."""
    spans = [s for label in ("SOURCE", "CUE") for s in layout.spans[label] if before[1] <= s[0] and s[1] <= after[0]]
    inside = {i for s, e in spans for i in range(s, e)}
    doc = layout.doc
    return all(i in inside or doc[i].is_punct or doc[i].is_space or inside & set(layout.ancestors(i))
               for i in range(before[1], after[0]))


def _clause(layout: Layout, cue: TokSpan, source: TokSpan | None) -> list[TokSpan]:
    """The content the parse gives a cue that the tagger left without one, as contiguous fragments.

    "C, according to S" and "According to S, C": the clause that the "according" phrase modifies,
    without that phrase. A verb cue ("C, the report said"): its clausal complement or object, or
    else the clause it is a parenthetical of. The tagger reads left to right with a few tokens of
    context, so it sees no cue when an unquoted content starts before it.
    """
    doc = layout.doc
    tokens = [doc[i] for i in range(*cue)]
    head, drop = None, set(range(*cue)) | set(range(*source) if source else ())
    according = [t for t in tokens if t.lower_ == "according"]
    if according:
        if according[0].head.i not in drop:
            head = according[0].head
            drop |= {t.i for t in according[0].subtree}
    else:
        for verb in (t for t in tokens if t.tag_.startswith("VB")):
            clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i not in drop]
            objects = [c for c in verb.children if c.dep_ == "dobj" and c.i not in drop]
            if clauses:
                head = clauses[0]
            elif verb.dep_ in ("parataxis", "ccomp") and verb.head.i not in drop:
                # "'We will not retreat,' the commander told reporters": the parser hangs the cue
                # under the quote; "reporters" is whom it was told to, not what.
                head = verb.head
                drop |= {t.i for t in verb.subtree}
            elif objects:
                head = objects[0]
            if head is not None:
                break
    if head is None:
        return []
    sent = layout.sent[head.i]
    keep = sorted(t.i for t in head.subtree if t.i not in drop and layout.sent[t.i] == sent)
    runs: list[TokSpan] = []
    for i in keep:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return [(s, e) for s, e in runs if not all(doc[i].is_punct or doc[i].is_space for i in range(s, e))]


def group(layout: Layout, weights: dict[str, float]) -> list[tuple[TokSpan | None, TokSpan, list[TokSpan]]]:
    """(source, cue, content fragments) in text order: one per cue, more if a cue won several contents.

    Content fragments on both sides of their cue with nothing but the cue, the source and
    punctuation between them are one content ("“We will,” he said, “win.”"); any other content
    that chose the same cue is a relation of its own, so that no predicted content is lost. A cue
    that no content chose takes the clause the parse gives it (`_clause`).
    """
    contents: dict[TokSpan, list[TokSpan]] = {cue: [] for cue in layout.spans["CUE"]}
    for part in layout.spans["CONTENT"]:
        options = layout.candidates("CUE", part, CONTENT_SENTENCES)
        if options:
            best, _rank = max(options, key=lambda o: score(weights, layout.link("content", part, o[0], o[1])))
            contents[best].append(part)
    sources: dict[TokSpan, TokSpan | None] = {}
    for cue in layout.spans["CUE"]:
        options = [(NONE, score(weights, layout.none_features(cue)))]
        for src, rank in layout.candidates("SOURCE", cue, SOURCE_SENTENCES):
            options.append((src, score(weights, layout.link("source", src, cue, rank))))
        best = max(options, key=lambda o: o[1])[0]
        sources[cue] = None if best == NONE else best
    out = []
    for cue in layout.spans["CUE"]:
        source = sources[cue]
        parts = sorted(contents[cue])
        before = [p for p in parts if p[1] <= cue[0]]
        after = [p for p in parts if p[0] >= cue[1]]
        if not parts:
            groups = [_clause(layout, cue, source)]  # one content, perhaps in fragments, perhaps none
        elif before and after and _interrupted(layout, before[-1], after[0]):
            groups = [[p] for p in before[:-1]] + [[before[-1], after[0]]] + [[p] for p in after[1:]]
        else:
            groups = [[p] for p in parts]
        out.extend((source, cue, g) for g in groups)
    return out


# --- bylines ----------------------------------------------------------------------------------

_GAP = r"[ \t\u00a0]"
_WORD = r"[^\W\d_][\w’'.-]*"  # a name's words must be capitalised: `_name` checks it
BYLINE = re.compile(
    rf"(?P<close>[”\"]|^){_GAP}*(?P<dash>[―—–]|-(?!-)){_GAP}*"
    rf"(?P<source>{_WORD}(?:{_GAP}+{_WORD}){{0,5}}(?:{_GAP}*\(@\w+\))?)"
    rf"(?={_GAP}*(?:[.,;]|\r?$))", re.MULTILINE)
PARTICLES = {"de", "da", "del", "la", "van", "von", "bin", "al"}
NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
             "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "today", "yesterday"}  # "“a disaster” — Monday, officials said"
QUOTE_OPENERS = "“”\"«„"
QUOTE_REACH = 2000  # characters: the longest quotation a byline is looked back for
MAX_MARKS = 16  # double quote marks inside one signed quotation; more is prose, not one voice
_OPENER = re.compile(f"[{QUOTE_OPENERS}]")
_MARK = re.compile('[“”"]')


def _name(words: str) -> bool:
    first, *rest = words.split()
    return first[0].isupper() and first.lower().rstrip(".,") not in NOT_NAMES and \
        all(w[0].isupper() or w in PARTICLES or w.startswith("(@") for w in rest)


def _opening(text: str, close: int, floor: int, after_byline: bool = False) -> int | None:
    """Where the quotation that the quote mark at `close` ends begins: at `floor` (the start of its
    line, or the end of an earlier byline on the same line), past spaces, with a quote mark.

    The quotation must be the whole line: a quote inside a sentence followed by a dash is not a
    signed quotation (‘… "for some little war"’, then a paragraph of dialogue that opens with
    "- However, …"), nor is a quote inside the quotation (‘“Likewise, … the “Great Three” –
    Stalin, Roosevelt and Churchill’), the last of two straight-quoted ones on a line
    (‘"A," he said. "B" - Added.’), or a phrase quoted after the line's first quote has closed
    (‘“We must act,” he said, citing the “Minsk format” – Ukraine, …’). Readers' voices mix
    their marks (“… ‘evil’.”, ”…”, “… ‘so poor all they have is money.” And … evil’.”), so a
    line whose first quote closes early is kept when its last quote ends a sentence; ‘“A,” she
    said. “B.” ― Jane Doe’ is then read as one quotation, the writer's words with it.
    """
    start = floor
    while start < close and text[start] in " \t\u00a0;,":
        start += 1
    if after_byline:  # past the earlier signer's tail, which ends at ; or . ("― Ann Lee, Kyiv; “Stay.” ― Bo Kim")
        found = _OPENER.search(text, start, close)
        if found is None:
            return None
        tail = text[start:found.start()].rstrip(" \t\u00a0")
        if tail and tail[-1] not in ";.|":
            return None
        start = found.start()
    if not (start < close and text[start] in QUOTE_OPENERS):
        return None
    depth, closed = 1, False
    for n, mark in enumerate(_MARK.finditer(text, start + 1, close)):
        if n >= MAX_MARKS or (mark.group() == '"' and text[close] == '"'):
            return None
        depth += (mark.group() == "“") - (mark.group() == "”")
        closed = closed or depth <= 0
    if depth > 1:
        return None  # `close` ends a quote inside the quotation
    last = text[close - 2] if text[close - 1] in "’'" and close > start + 2 else text[close - 1]
    return None if closed and last not in ".!?…" else start


def _closing_before(text: str, at: int) -> int | None:
    """The quote mark (” or a straight one, perhaps followed by a full stop or comma) that ends the
    text before a byline opening its line at `at`, over the line breaks and spaces between."""
    i = at - 1
    while i >= max(0, at - QUOTE_REACH) and text[i].isspace():
        i -= 1
    if i > 0 and text[i] in ".," and text[i - 1] in "”\"":
        i -= 1
    return i if i >= 0 and text[i] in "”\"" else None


def bylines(text: str) -> list[Attribution3]:
    """Quotations signed with a dash and a name, as pull quotes, reader voices and embedded posts
    are: “We will win.” ― Jane Doe / "…" (on the next line) - Bernie Sanders. The dash is the cue,
    the name (with an @handle in brackets, if any) the source, the quotation before it the content.

    The dash must follow the closing quote mark or open its line, the quotation must be its whole
    line (`_opening`), and the name (capitalised words, not a day or month) must end the line or be
    followed by punctuation ("-Michelle Marks, Philadelphia."), so that a dash inside a sentence
    ("the senator -- and others -- said", "“a disaster” — Monday, officials said") or after a
    quote inside one ('… calling him "my friend."', then a line "- Reuters") is not read as a byline.
    """
    out: list[Attribution3] = []
    last_end = 0
    for m in BYLINE.finditer(text):
        if not _name(m["source"]):
            continue
        close = m.start("close") if m["close"] else _closing_before(text, m.start())
        if close is None:
            continue
        line = text.rfind("\n", max(0, close - QUOTE_REACH), close) + 1
        if not line and close > QUOTE_REACH:
            continue  # a line this long is prose, not one quotation
        opening = _opening(text, close, max(line, last_end), after_byline=last_end > line)
        if opening is None:
            continue
        source = (m.start("source"), m.start("source") + len(m["source"].rstrip(".")))  # "- Sanders."
        out.append(Attribution3(source=source, cue=m.span("dash"), content=(opening, close + 1),
                                content_parts=((opening, close + 1),)))
        last_end = m.end()
    return out


# --- prediction -------------------------------------------------------------------------------

@dataclass
class AttributionModel:
    tagger: SpanTagger
    weights: dict[str, float]


def load(model_dir: Path | None = None) -> AttributionModel:
    """The trained span tagger and the grouping weights, loaded once: from `model_dir`, else the
    folder that ``FOGWATCH_ATTRIBUTION_MODEL`` names, else the one inside the package."""
    return _load(Path(model_dir or os.environ.get("FOGWATCH_ATTRIBUTION_MODEL") or MODEL_DIR).resolve())


@lru_cache(maxsize=2)
def _load(model_dir: Path) -> AttributionModel:
    weights_found = any((model_dir / name).is_file() for name in ("tagger.onnx", "tagger.pt"))
    if not (weights_found and all((model_dir / name).is_file() for name in ("tagger.json", "grouping.json"))):
        raise AttributionModelMissing(f"the attribution model is missing from {model_dir}; "
                                      "train it with: python scripts/train_attribution.py")
    weights = json.loads((model_dir / "grouping.json").read_text(encoding="utf-8"))["weights"]
    return AttributionModel(tagger=SpanTagger(model_dir), weights=weights)


@dataclass
class ArticleDoc:
    """An article's paragraph docs joined into one spaCy doc, parse kept, with each token's place in the text."""

    text: str
    doc: object
    starts: list[int]  # character offset in `text` of each token of `doc`
    _ends: list[int] | None = None

    @classmethod
    def join(cls, text: str, docs: Iterable[tuple[int, object]]) -> ArticleDoc | None:
        """`docs` are (offset in `text`, parsed paragraph) in text order, as `fogwatch.extract` makes them."""
        from spacy.tokens import Doc

        docs = [(offset, doc) for offset, doc in docs if len(doc)]
        if not docs:
            return None
        joined = Doc.from_docs([doc for _, doc in docs], ensure_whitespace=True) if len(docs) > 1 else docs[0][1]
        return cls(text, joined, [offset + t.idx for offset, doc in docs for t in doc])

    def end(self, i: int) -> int:
        return self.starts[i] + len(self.doc[i])

    def breaks(self) -> list[bool]:
        """Whether a line break follows each token in the text."""
        n = len(self.starts)
        return [i == n - 1 or "\n" in self.text[self.end(i):self.starts[i + 1]] for i in range(n)]

    def tokens(self, start: int, end: int) -> TokSpan | None:
        """The tokens that the characters `start`–`end` of the text touch (None if none)."""
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end)
        return (first, last) if first < last else None

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._ends = [self.end(i) for i in range(len(self.starts))]
        return self._ends

    def chars(self, span: TokSpan) -> tuple[int, int]:
        """Character offsets of a token span, trimmed as the PolNeAR scorer trims."""
        return _trim(self.text, self.starts[span[0]], self.end(span[1] - 1))


def parse(texts: Iterable[str], nlp=None, batch_size: int = 64) -> Iterator[ArticleDoc | None]:
    """Each text parsed paragraph by paragraph, as `fogwatch.extract` parses it, then joined."""
    from fogwatch import nlp as nlp_stage

    texts = list(texts)
    for text, docs in zip(texts, nlp_stage.parse_paragraphs(texts, nlp or nlp_stage.load(), batch_size)):
        yield ArticleDoc.join(text, docs)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`–`end` trimmed as the PolNeAR scorer trims it; a span of punctuation only (the colon
    cue of "PENCE: ...") is kept whole, as the scorer keeps it."""
    lo, hi = start, end
    while lo < hi and (text[lo].isspace() or text[lo] in STRIP):
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in STRIP):
        hi -= 1
    return (lo, hi) if lo < hi else (start, end)


def _undated(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A source span without the dateline it begins with: the tagger now and then reads "BRUSSELS -
    European leaders" as one source. In PolNeAR train no source begins with a dateline, and 129 of
    its 130 datelines open one of the first four lines that are not blank."""
    start, end = span
    if start not in {s for s, _ in datelines(text)}:
        return span
    found = DATELINE.match(text, start, end)
    return _trim(text, found.end(), end) if found else span


CLOSING = re.compile(r"[,.;:!?…]*[\"'”’]+")
OPENING = re.compile(r"[\"'“‘]+$")


def _join_quotes(text: str, fragments: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Fragments with the quote marks that PolNeAR keeps where a quote is interrupted by its cue.

    '“We will,” he said, “win.”' is annotated as `We will,”` and `“win`: an inner fragment keeps
    the punctuation and closing quote after it, the next one its opening quote (the outer ends are
    trimmed by the scorer anyway).
    """
    out = list(fragments)
    for n in range(len(out) - 1):
        start, end = out[n]
        if m := CLOSING.match(text, end):
            out[n] = (start, m.end())
        start, end = out[n + 1]
        if m := OPENING.search(text, 0, start):
            out[n + 1] = (m.start(), end)
    return tuple(out)


def attributions(article: ArticleDoc | None, model: AttributionModel | None = None) -> list[Attribution3]:
    """The attributions of one parsed article, one per cue (more if a cue has several contents), in text order."""
    if article is None:
        return []
    model = model or load()
    spans = model.tagger(article.doc, article.breaks())
    out = []
    for source, cue, parts in group(Layout(article.doc, spans), model.weights):
        fragments = _join_quotes(article.text, [article.chars(p) for p in parts])
        out.append(Attribution3(source=_undated(article.text, article.chars(source)) if source else None,
                                cue=article.chars(cue),
                                content=(fragments[0][0], fragments[-1][1]) if fragments else None,
                                content_parts=fragments))
    found = [a.cue for a in out]
    out.extend(a for a in bylines(article.text) if not any(a.cue[0] < e and s < a.cue[1] for s, e in found))
    return sorted(out, key=lambda a: a.cue)


def find_attributions_many(texts: Iterable[str], *, model_dir: Path | None = None) -> Iterator[list[Attribution3]]:
    """`find_attributions` over a stream of texts: one list per text, in order."""
    model = load(model_dir)
    for article in parse(texts):
        yield attributions(article, model)


def find_attributions(text: str) -> list[Attribution3]:
    """The attributions in `text`, one per cue, in text order, as character offsets into `text`."""
    return next(find_attributions_many([text]))


__all__ = ["ArticleDoc", "Attribution3", "AttributionModelMissing", "attributions", "find_attributions",
           "find_attributions_many", "load", "parse"]
