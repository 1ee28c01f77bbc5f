"""Score fogwatch's attributions (source, cue, content) against PolNeAR's human annotation.

Data layout (``--data DIR``, the same for the held-out copy)::

    DIR/metadata.tsv                          one row per article; `filename`, `publisher`
    DIR/<split>/text/<doc>.txt                the article, UTF-8
    DIR/<split>/attributions/<doc>_<ann>.ann  BRAT standoff by annotator <ann>

**Which annotation.** A few articles were annotated by several annotators (to measure agreement);
the file of the lexicographically first annotator id is used, so the choice never depends on the
order a directory lists its files in.

**Gold relations.** An ``E`` line (``E1 Attribution:T4 Content:T3 Cue:T2 Source:T1``, or
``Attribution-no-source:...``) is one attribution; its first argument is BRAT's trigger (a copy of
the cue) and is ignored. Roles are read from the argument names, numbered repeats included
(``Content2``): several arguments of one role join into one discontinuous extent. Some relations
lack a role (train + dev: 1,599 of 22,026 have no Source, 2 no Content, 1 no Cue). ``E`` lines
with no argument besides the trigger are editor leftovers and are dropped. ``Discuss`` and
``Discard`` spans are annotators' notes, not attributions. A line that does not open with an
annotation id and a tab (``T3``, ``E1``, ``#1``) is the rest of the previous ``T`` line's text
(BRAT writes a newline inside a span's text verbatim).

**Predictions.** Each article's text is given to `fogwatch.extract.extract` exactly as read. A claim
without a cue span is the outlet's own voice and is skipped; a claim with a cue and no source span
is an attribution without a source. Claims that share a (source, cue, content) triple (one per
speaker or per quantity) count once.

**Normalisation** (applied identically to gold and predicted extents): fragments are sorted and
those separated only by whitespace are joined; then whitespace, quote marks and the punctuation
``. , ; : ! ? …`` (``STRIP``, which the attribution model's spans are trimmed by too) are stripped
from the two outer ends. An extent made only of those characters (the colon cue of "PENCE: ...")
is only trimmed of whitespace; a blank one is absent.

**Metrics**, micro-averaged over documents, for each role separately (distinct spans of one role in
one document, whatever relation they belong to):

- *exact*: a predicted extent matches a gold extent with the same normalised fragments;
- *overlap*: they share at least one token (``\\w+`` runs and single punctuation marks), matched
  one-to-one by a maximum bipartite matching;
- *tokens*: the proportional token scoring of citron (BBC R&D): precision is the share of the
  predicted role's tokens that are gold tokens of that role, recall the converse. Tokens are
  counted once per document and role (citron sums over span pairs; PolNeAR's gold spans never
  overlap, so only overlapping predictions differ).

Relations (maximum one-to-one matching): *relation* (overlap rule) — the predicted cue shares a
token with the gold cue, and the source and the content each either share a token with the gold
one or are absent on both sides; *relation_exact* — all three extents equal after normalisation
(absent equals absent).

Exact source and content scores here do not require the cue to match (citron's do), so they are
span-detection scores; the relation scores are the attribution scores.
"""
from __future__ import annotations

import csv
import re
import time
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fogwatch.errors import FogwatchError
from fogwatch.nlp.attribution import STRIP
from fogwatch.records import Article, Extraction

Extent = tuple[tuple[int, int], ...]  # sorted (start, end) character fragments of one span
ROLES = ("source", "cue", "content")
TOKEN = re.compile(r"\w+|[^\w\s]")
ANN_LINE = re.compile(r"^(?:[TERAMN]\d+|\*|#\d*)\t")
# Span metrics (exact, overlap, tokens per role) and the relation metrics, in report order.
SPAN_METRICS = tuple(f"{role}{kind}" for kind in ("", "_overlap", "_tokens") for role in ROLES)
METRICS = (*SPAN_METRICS, "relation", "relation_exact")


class BadCorpus(FogwatchError):
    """The PolNeAR data directory is not in the expected layout"""


@dataclass(frozen=True, slots=True)
class Relation:
    """One attribution: each role's extent in the article text, or None when absent."""

    source: Extent | None
    cue: Extent | None
    content: Extent | None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    doc_id: str
    annotator: str
    publisher: str
    text: str
    relations: tuple[Relation, ...]


# --- reading ---------------------------------------------------------------------------------

def _extent(offsets: str, where: str) -> Extent:
    try:
        fragments = [tuple(int(n) for n in part.split()) for part in offsets.split(";")]
    except ValueError:
        raise BadCorpus(f"{where}: offsets {offsets!r} are not numbers") from None
    if any(len(f) != 2 or f[0] > f[1] for f in fragments):
        raise BadCorpus(f"{where}: offsets {offsets!r} are not start-end pairs")
    return tuple(sorted(fragments))  # type: ignore[arg-type]


def read_ann(path: Path) -> tuple[Relation, ...]:
    """The attribution relations of one BRAT ``.ann`` file, in file order (offsets as written)."""
    spans: dict[str, Extent] = {}
    relations: list[Relation] = []
    events: list[tuple[str, list[str]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not ANN_LINE.match(line):
            continue  # blank, or the continuation of a span text that contained a newline
        where = f"{path}:{number}"
        ident, rest = line.split("\t", 1)
        if ident.startswith("T"):
            head = rest.split("\t", 1)[0]
            kind, _, offsets = head.partition(" ")
            if not offsets:
                raise BadCorpus(f"{where}: span {ident} has no offsets")
            spans[ident] = _extent(offsets, where)
        elif ident.startswith("E"):
            events.append((where, rest.split()))
    for where, args in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789").lower()
            if role not in ROLES:
                continue
            if ref not in spans:
                raise BadCorpus(f"{where}: argument {arg} names no span")
            roles.setdefault(role, []).extend(spans[ref])
        if roles:
            relations.append(Relation(*(tuple(sorted(roles[r])) if r in roles else None for r in ROLES)))
    return tuple(relations)


def read_publishers(data_dir: Path) -> dict[str, str]:
    """Article file name (without extension) → publisher code, from ``metadata.tsv``."""
    path = data_dir / "metadata.tsv"
    if not path.is_file():
        raise BadCorpus(f"{path} is missing")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows and not {"filename", "publisher"} <= rows[0].keys():
        raise BadCorpus(f"{path} has no 'filename' and 'publisher' columns")
    return {row["filename"]: row["publisher"] for row in rows}


def annotations_by_doc(folder: Path) -> dict[str, list[tuple[str, Path]]]:
    """doc id → every (annotator, .ann path) of that doc, sorted by annotator."""
    found: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for path in folder.glob("*.ann"):
        doc, sep, annotator = path.stem.rpartition("_")
        if not sep:
            raise BadCorpus(f"{path}: expected <doc>_<annotator>.ann")
        found[doc].append((annotator, path))
    return {doc: sorted(files) for doc, files in found.items()}


def annotation_files(folder: Path) -> dict[str, tuple[str, Path]]:
    """doc id → (annotator, .ann path), taking the lexicographically first annotator per doc."""
    return {doc: files[0] for doc, files in annotations_by_doc(folder).items()}


def read_split(data_dir: Path, split: str, limit: int | None = None) -> list[GoldDoc]:
    """The split's documents sorted by id (so by publisher first); the first `limit` if given."""
    base = Path(data_dir) / split
    texts, anns = base / "text", base / "attributions"
    for folder in (texts, anns):
        if not folder.is_dir():
            raise BadCorpus(f"{folder} is missing")
    publishers = read_publishers(Path(data_dir))
    chosen = annotation_files(anns)
    paths = sorted(texts.glob("*.txt"))
    if limit is not None:
        paths = paths[:limit]
    docs = []
    for path in paths:
        if path.stem not in chosen:
            raise BadCorpus(f"{path} has no annotation file in {anns}")
        annotator, ann = chosen[path.stem]
        docs.append(GoldDoc(doc_id=path.stem, annotator=annotator, publisher=publishers.get(path.stem, "(unknown)"),
                            text=path.read_text(encoding="utf-8"), relations=read_ann(ann)))
    return docs


def predicted_relations(extraction: Extraction) -> tuple[Relation, ...]:
    """fogwatch's attributions in one article: claims with a cue, one per span triple."""
    seen: dict[Relation, None] = {}
    for claim in extraction.claims:
        if claim.cue_span is None:
            continue
        content = tuple((s.start, s.end) for s in claim.content_parts) or \
            (((claim.content_span.start, claim.content_span.end),) if claim.content_span else None)
        seen.setdefault(Relation(((claim.source_span.start, claim.source_span.end),) if claim.source_span else None,
                                 ((claim.cue_span.start, claim.cue_span.end),), content))
    return tuple(seen)


# --- scoring ---------------------------------------------------------------------------------

def _strip(text: str, fragments: list[tuple[int, int]], drop: Callable[[str], bool]) -> Extent:
    """`fragments` without the characters at its two outer ends for which `drop` holds."""
    out = list(fragments)
    while out:
        start, end = out[0]
        while start < end and drop(text[start]):
            start += 1
        if start < end:
            out[0] = (start, end)
            break
        out.pop(0)
    while out:
        start, end = out[-1]
        while end > start and drop(text[end - 1]):
            end -= 1
        if end > start:
            out[-1] = (start, end)
            break
        out.pop()
    return tuple(out)


def normalize(text: str, extent: Extent | None) -> Extent | None:
    """The extent with whitespace-only gaps joined and outer whitespace/quotes/punctuation stripped."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(extent or ()):
        if merged and not text[merged[-1][1]:start].strip():
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    # A span of punctuation only (the colon of "PENCE: ...") keeps its punctuation.
    return _strip(text, merged, lambda c: c.isspace() or c in STRIP) or _strip(text, merged, str.isspace) or None


class TokenIndex:
    """Token positions of one text, to find the tokens an extent touches."""

    def __init__(self, text: str):
        found = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]

    def tokens(self, extent: Extent | None) -> frozenset[int]:
        ids: set[int] = set()
        for start, end in extent or ():
            ids.update(range(bisect_right(self.ends, start), bisect_left(self.starts, end)))
        return frozenset(ids)


def max_matching(pred: list, gold: list, match: Callable[[object, object], bool]) -> int:
    """Size of a maximum one-to-one matching between `pred` and `gold` (Kuhn's augmenting paths)."""
    edges = [[j for j, g in enumerate(gold) if match(p, g)] for p in pred]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(pred)))


@dataclass
class Tally:
    """Matched, predicted and gold counts per metric, summed over documents."""

    tp: Counter = field(default_factory=Counter)
    pred: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)

    def add(self, metric: str, tp: int, pred: int, gold: int) -> None:
        self.tp[metric] += tp
        self.pred[metric] += pred
        self.gold[metric] += gold

    def __iadd__(self, other: Tally) -> Tally:
        self.tp.update(other.tp)
        self.pred.update(other.pred)
        self.gold.update(other.gold)
        return self

    def scores(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for metric in METRICS:
            tp, pred, gold = self.tp[metric], self.pred[metric], self.gold[metric]
            p = tp / pred if pred else 0.0
            r = tp / gold if gold else 0.0
            out[f"{metric}_precision"] = p
            out[f"{metric}_recall"] = r
            out[f"{metric}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
        return out


def score_doc(text: str, gold: Iterable[Relation], pred: Iterable[Relation]) -> Tally:
    """Counts for one document; extents are normalised here, on both sides alike."""
    def norm(relations: Iterable[Relation]) -> list[Relation]:
        out = {Relation(*(normalize(text, getattr(r, role)) for role in ROLES)) for r in relations}
        return sorted(out, key=lambda r: tuple(getattr(r, role) or () for role in ROLES))

    gold_rel, pred_rel = norm(gold), norm(pred)
    index = TokenIndex(text)
    tally = Tally()
    for role in ROLES:
        g = sorted({getattr(r, role) for r in gold_rel} - {None})
        p = sorted({getattr(r, role) for r in pred_rel} - {None})
        tally.add(role, len(set(g) & set(p)), len(p), len(g))
        g_tok, p_tok = [index.tokens(e) for e in g], [index.tokens(e) for e in p]
        tally.add(f"{role}_overlap", max_matching(p_tok, g_tok, lambda a, b: bool(a & b)), len(p), len(g))
        g_all, p_all = frozenset().union(*g_tok), frozenset().union(*p_tok)
        tally.add(f"{role}_tokens", len(g_all & p_all), len(p_all), len(g_all))

    def toks(r: Relation) -> tuple[frozenset[int], ...]:
        return tuple(index.tokens(getattr(r, role)) for role in ROLES)

    def overlaps(p: tuple, g: tuple) -> bool:
        (ps, pc, pt), (gs, gc, gt) = p, g
        return bool(pc & gc) and (bool(ps & gs) or not (ps or gs)) and (bool(pt & gt) or not (pt or gt))

    tally.add("relation", max_matching([toks(r) for r in pred_rel], [toks(r) for r in gold_rel], overlaps),
              len(pred_rel), len(gold_rel))
    tally.add("relation_exact", len(set(gold_rel) & set(pred_rel)), len(pred_rel), len(gold_rel))
    return tally


# --- running ---------------------------------------------------------------------------------

def _extract(articles: Iterable[Article]) -> Iterator[Extraction]:
    from fogwatch.extract import extract

    return extract(articles)


def evaluate(data_dir: Path, split: str, limit: int | None = None, *,
             extractor: Callable[[Iterable[Article]], Iterable[Extraction]] | None = None) -> dict:
    """Scores of fogwatch's attributions on `split` (F1 etc. on a 0–1 scale), overall and per outlet.

    `extractor` defaults to `fogwatch.extract.extract`; pass another to score something else.
    """
    started = time.perf_counter()
    docs = read_split(Path(data_dir), split, limit)
    articles = (Article(article_id=d.doc_id, text=d.text, published=None) for d in docs)
    total, per_outlet = Tally(), defaultdict(Tally)
    outlet_docs: Counter = Counter()
    gold_missing: Counter = Counter()
    extractions = iter((extractor or _extract)(articles))
    for doc in docs:
        extraction = next(extractions, None)
        if extraction is None or extraction.article.article_id != doc.doc_id:
            raise FogwatchError(f"the extractor returned no extraction for {doc.doc_id} in order")
        tally = score_doc(doc.text, doc.relations, predicted_relations(extraction))
        total += tally
        per_outlet[doc.publisher] += tally
        outlet_docs[doc.publisher] += 1
        for role in ROLES:
            gold_missing[role] += sum(getattr(r, role) is None for r in doc.relations)

    def summary(tally: Tally, n_docs: int) -> dict:
        return {"docs": n_docs, "gold_attributions": tally.gold["relation"],
                "predicted_attributions": tally.pred["relation"], **tally.scores()}

    return {
        "split": split,
        **summary(total, len(docs)),
        "gold_without_source": gold_missing["source"],
        "gold_without_cue": gold_missing["cue"],
        "gold_without_content": gold_missing["content"],
        "multi_annotated_docs_choice": "lexicographically first annotator id",
        "seconds": round(time.perf_counter() - started, 1),
        "per_outlet": {outlet: summary(per_outlet[outlet], outlet_docs[outlet]) for outlet in sorted(per_outlet)},
    }


def render(result: dict) -> str:
    """A plain-text report: P/R/F1 (in %) per role and kind of match, then F1 per outlet."""
    def pct(x: float) -> str:
        return f"{100 * x:5.1f}"

    lines = [f"PolNeAR {result.get('split', '')}: {result['docs']} docs, {result['gold_attributions']} gold "
             f"attributions ({result.get('gold_without_source', 0)} without source, "
             f"{result.get('gold_without_content', 0)} without content), "
             f"{result['predicted_attributions']} predicted"
             + (f", {result['seconds']} s" if "seconds" in result else ""),
             "",
             f"{'':10}{'exact':^19}  {'overlap':^19}  {'tokens':^19}",
             f"{'':10}" + "  ".join(["    P     R    F1"] * 3)]
    for role in ROLES:
        cells = ["".join(f" {pct(result[f'{role}{kind}_{m}'])}" for m in ("precision", "recall", "f1"))
                 for kind in ("", "_overlap", "_tokens")]
        lines.append(f"{role:10}" + "  ".join(cells))
    relation = "".join(f" {pct(result[f'relation_{m}'])}" for m in ("precision", "recall", "f1"))
    relation_exact = "".join(f" {pct(result[f'relation_exact_{m}'])}" for m in ("precision", "recall", "f1"))
    lines.append(f"{'relation':10}{relation_exact}  {relation}")
    lines += ["", "F1 per outlet (exact / overlap)",
              f"{'outlet':14}{'docs':>5}{'gold':>6}{'pred':>6}  {'source':^13}  {'cue':^13}  {'content':^13}"
              f"  {'relation':>8}"]
    for outlet, r in result.get("per_outlet", {}).items():
        cells = "  ".join(f"{pct(r[f'{role}_f1'])} / {pct(r[f'{role}_overlap_f1'])}" for role in ROLES)
        lines.append(f"{outlet:14}{r['docs']:>5}{r['gold_attributions']:>6}{r['predicted_attributions']:>6}  {cells}"
                     f"  {pct(r['relation_f1']):>8}")
    lines += ["", "exact: same characters after trimming whitespace, quotes and . , ; : ! ? … at both ends; "
              "overlap: one shared token, matched one-to-one; tokens: share of tokens (citron); "
              "relation: cue, source and content overlap (exact column: all three exact)."]
    return "\n".join(lines)


__all__ = ["BadCorpus", "GoldDoc", "Relation", "Tally", "annotation_files", "evaluate", "max_matching",
           "normalize", "predicted_relations", "read_ann", "read_publishers", "read_split", "render",
           "score_doc"]
