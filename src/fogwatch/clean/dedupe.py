"""Near-duplicate articles: the same wire story republished with a new headline or trailer.

Word 5-gram shingles, MinHash signatures (datasketch) and an LSH index; a candidate counts as a
copy when the estimated Jaccard similarity of the shingle sets is at least `threshold` (0.8). A copy
is stored with `duplicate_of` pointing at the first article, and its claims are not extracted again:
fifty papers printing one agency story are one source, not fifty.
"""
from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

THRESHOLD = 0.8
PERMUTATIONS = 128
SHINGLE = 5


def _shingles(text: str) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> MinHash:
    m = MinHash(num_perm=PERMUTATIONS, seed=1)
    m.update_batch(list(_shingles(text)))
    return m


class NearDuplicates:
    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        # Bands tuned against false negatives: a missed copy double-counts a source, while a false
        # candidate costs one signature comparison.
        self.lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS, weights=(0.1, 0.9))
        self.signatures: dict[str, MinHash] = {}

    def add(self, article_id: str, text: str) -> None:
        if article_id in self.signatures:
            return
        sig = signature(text)
        self.signatures[article_id] = sig
        self.lsh.insert(article_id, sig)

    def original_of(self, text: str) -> str | None:
        """The article this text copies, if any (the most similar one)."""
        sig = signature(text)
        best, best_score = None, self.threshold
        for candidate in self.lsh.query(sig):
            score = sig.jaccard(self.signatures[candidate])
            if score >= best_score:
                best, best_score = candidate, score
        return best
