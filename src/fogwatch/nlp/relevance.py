"""Relevance: does an article report armed conflict or political violence at all?

A logistic regression over the article's meaning: the mean of its paragraphs' all-MiniLM-L6-v2
sentence vectors (the encoder the span tagger already loads; mean-pooled last layer, unit length).
It is trained by `scripts/train_relevance.py` on text from `../shared` (war news and riots as
positives; US political news, crime, sport, business and general web pages as negatives) and
shipped as 384 weights and a bias. Sentence vectors place "saboteurs", "incursion" and "shelling"
near each other whatever the war, so the model judges the kind of story, not which conflict it is.

`score(text)` is the probability; below `threshold()` reconcile lets an article's claims make no
event (they stay in the ledger as claims).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

import numpy as np

MAX_PARAGRAPHS = 12
MAX_TOKENS = 128
MIN_WORDS = 6


def paragraphs(text: str) -> list[str]:
    """The paragraphs that carry the story: the first `MAX_PARAGRAPHS` with at least a few words."""
    found = [p.strip() for p in re.split(r"\n+", text) if len(p.split()) >= MIN_WORDS]
    return (found or [text.strip()])[:MAX_PARAGRAPHS]


def embed(texts: list[str]) -> np.ndarray:
    """(len(texts), 384) unit vectors: mean-pooled last-layer MiniLM states of each text's first
    `MAX_TOKENS` word pieces."""
    from fogwatch.nlp import encoder

    return encoder.sentences(texts, MAX_TOKENS, batch=32)


def document_vector(text: str) -> np.ndarray:
    vectors = embed(paragraphs(text))
    return vectors.mean(axis=0)


@lru_cache(maxsize=1)
def _model() -> tuple[np.ndarray, float, float]:
    data = json.loads(resources.files("fogwatch.nlp").joinpath("relevance_model/weights.json").read_text("utf-8"))
    return np.asarray(data["weights"], dtype=np.float32), float(data["bias"]), float(data["threshold"])


def probability(vector: np.ndarray) -> float:
    weights, bias, _ = _model()
    z = float(vector @ weights) + bias
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


ENGLISH = frozenset("the of and to in a is that for on was with as by at from it he said were has have".split())


def english(text: str) -> bool:
    """Whether a text reads as English: fogwatch's rules and models read nothing else, and the
    encoder places a foreign text near war news as easily as anywhere (a Russian food blog)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return len(words) < 20 or sum(w in ENGLISH for w in words) >= 0.08 * len(words)


def score(text: str) -> float:
    if not english(text):
        return 0.0
    return probability(document_vector(text))


def threshold() -> float:
    return _model()[2]


__all__ = ["document_vector", "embed", "paragraphs", "probability", "score", "threshold"]
