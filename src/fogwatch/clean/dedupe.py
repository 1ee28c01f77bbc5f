"""Near-duplicate articles: the same wire story republished with a new headline or trailer.

Word 5-gram shingles, MinHash signatures (datasketch) and an LSH index; a candidate counts as a
copy when the estimated Jaccard similarity of the shingle sets is at least `threshold` (0.8). A copy
is stored with `duplicate_of` pointing at the first article, and its claims are not extracted again:
fifty papers printing one agency story are one source, not fifty.
"""
from __future__ import annotations

import re

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

THRESHOLD = 0.8
PERMUTATIONS = 128
SHINGLE = 5
SCHEME = MinHash(num_perm=1).scheme  # datasketch's permutation scheme, which `signature` uses


def _shingles(text: str) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> MinHash:
    m = MinHash(num_perm=PERMUTATIONS, seed=1)
    m.update_batch(list(_shingles(text)))
    return m


def to_bytes(sig: MinHash) -> bytes:
    """A signature as the ledger stores it: its permutation scheme, then its hash values, 8 bytes
    each. The scheme is kept because datasketch has changed its default before (2.0.0), and values
    of two schemes must never be compared."""
    return sig.scheme.encode() + b":" + sig.hashvalues.astype("<u8").tobytes()


def from_bytes(data: bytes) -> LeanMinHash | None:
    """The signature `to_bytes` stored (the same hash values, so the same candidates and scores), or
    None if it was made another way than `signature` makes them now, so must be made again. Lean:
    a stored signature is only compared, never updated, and a full MinHash would draw its 128
    permutations again for each article (30× the time)."""
    scheme, _, values = bytes(data).partition(b":")
    if scheme.decode() != SCHEME or len(values) != 8 * PERMUTATIONS:
        return None
    return LeanMinHash(seed=1, scheme=SCHEME, hashvalues=np.frombuffer(values, dtype="<u8"))


class NearDuplicates:
    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        # Bands tuned against false negatives: a missed copy double-counts a source, while a false
        # candidate costs one signature comparison.
        self.lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS, weights=(0.1, 0.9))
        self.signatures: dict[str, MinHash] = {}

    def add(self, article_id: str, text: str | MinHash) -> MinHash:
        """Index an article by its text or its already computed signature; returns the signature."""
        if article_id in self.signatures:
            return self.signatures[article_id]
        sig = signature(text) if isinstance(text, str) else text
        self.signatures[article_id] = sig
        self.lsh.insert(article_id, sig)
        return sig

    def original_of(self, text: str | MinHash) -> str | None:
        """The article this text (or signature) copies, if any (the most similar one)."""
        sig = signature(text) if isinstance(text, str) else text
        best, best_score = None, self.threshold
        for candidate in self.lsh.query(sig):
            score = sig.jaccard(self.signatures[candidate])
            if score >= best_score:
                best, best_score = candidate, score
        return best
