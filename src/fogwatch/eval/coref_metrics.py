"""Coreference scores: MUC, B-cubed, CEAF-e and their mean, the CoNLL F1.

The definitions follow the reference CoNLL scorer (Pradhan et al. 2014, `scorer.pl` v8.01):

* MUC (Vilain et al. 1995) counts links: recall is the share of each key cluster's |K| - 1 links
  that the response keeps, where a key cluster split over p response pieces keeps |K| - p. Mentions
  missing from the response count as pieces of their own. Singletons carry no links, so they do not
  move MUC.
* B-cubed (Bagga & Baldwin 1998) averages, over key mentions, the share of each mention's key
  cluster that shares its response cluster (recall), and over response mentions the reverse
  (precision). A mention present on one side only scores 0 on that side, as in the reference scorer.
* CEAF-e (Luo 2005) aligns key and response clusters one to one, maximising the summed
  phi4(K, R) = 2|K ∩ R| / (|K| + |R|); recall divides the total by the number of key clusters,
  precision by the number of response clusters.

Clusterings are `list[set[Hashable]]`; a mention belongs to at most one cluster on each side.
Singletons are kept (the ECB+ convention of Barhom et al. 2019 and Cattan et al. 2021). Scores are
percentages, 0 to 100, like the published figures.

The alignment is exact: overlap-free cluster pairs score 0, so the assignment problem splits into
the connected components of the overlap graph, each solved with the Hungarian algorithm below
(no scipy dependency).
"""
from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

Clustering = Sequence[set[Hashable]]


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 as percentages (0-100)."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, p_num: float, p_den: float, r_num: float, r_den: float) -> Score:
        precision = p_num / p_den if p_den else 0.0
        recall = r_num / r_den if r_den else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(100 * precision, 100 * recall, 100 * f1)


@dataclass(frozen=True)
class CorefScores:
    muc: Score
    b3: Score
    ceafe: Score

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3


def _index(clusters: Clustering) -> dict[Hashable, int]:
    where: dict[Hashable, int] = {}
    for i, cluster in enumerate(clusters):
        for mention in cluster:
            if mention in where:
                raise ValueError(f"mention {mention!r} is in more than one cluster")
            where[mention] = i
    return where


def _muc_side(key: Clustering, response: Clustering) -> tuple[int, int]:
    """(links kept, links in key) for the key side; swap the arguments for precision."""
    where = _index(response)
    kept = total = 0
    for cluster in key:
        if not cluster:
            continue
        pieces = {where.get(m, ("missing", m)) for m in cluster}
        kept += len(cluster) - len(pieces)
        total += len(cluster) - 1
    return kept, total


def muc(key: Clustering, response: Clustering) -> Score:
    r_num, r_den = _muc_side(key, response)
    p_num, p_den = _muc_side(response, key)
    return Score.of(p_num, p_den, r_num, r_den)


def _b3_side(key: Clustering, response: Clustering) -> tuple[float, int]:
    where = _index(response)
    total = 0.0
    mentions = 0
    for cluster in key:
        if not cluster:
            continue
        overlaps: dict[int, int] = {}
        for mention in cluster:
            if mention in where:
                overlaps[where[mention]] = overlaps.get(where[mention], 0) + 1
        total += sum(n * n for n in overlaps.values()) / len(cluster)
        mentions += len(cluster)
    return total, mentions


def b_cubed(key: Clustering, response: Clustering) -> Score:
    r_num, r_den = _b3_side(key, response)
    p_num, p_den = _b3_side(response, key)
    return Score.of(p_num, p_den, r_num, r_den)


def ceaf_e(key: Clustering, response: Clustering) -> Score:
    key = [c for c in key if c]
    response = [c for c in response if c]
    where = _index(response)
    # Bipartite overlap graph: key cluster i -- response cluster j when they share a mention.
    overlap: dict[int, dict[int, int]] = {}
    for i, cluster in enumerate(key):
        row: dict[int, int] = {}
        for mention in cluster:
            if mention in where:
                row[where[mention]] = row.get(where[mention], 0) + 1
        overlap[i] = row
    by_response: dict[int, list[int]] = {}
    for i, row in overlap.items():
        for j in row:
            by_response.setdefault(j, []).append(i)

    similarity = 0.0
    seen: set[int] = set()
    for start in range(len(key)):
        if start in seen or not overlap[start]:
            continue
        keys, responses = _component(start, overlap, by_response, seen)
        matrix = [[2 * overlap[i].get(j, 0) / (len(key[i]) + len(response[j])) for j in responses] for i in keys]
        similarity += _max_assignment(matrix)
    return Score.of(similarity, len(response), similarity, len(key))


def _component(start: int, overlap: dict[int, dict[int, int]], by_response: dict[int, list[int]],
               seen: set[int]) -> tuple[list[int], list[int]]:
    keys, responses = [], []
    seen_responses: set[int] = set()
    stack = [start]
    seen.add(start)
    while stack:
        i = stack.pop()
        keys.append(i)
        for j in overlap[i]:
            if j in seen_responses:
                continue
            seen_responses.add(j)
            responses.append(j)
            for other in by_response[j]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
    return keys, responses


def _max_assignment(matrix: list[list[float]]) -> float:
    """Largest total of a one-to-one assignment of rows to columns (either may be left over)."""
    if not matrix or not matrix[0]:
        return 0.0
    if len(matrix) > len(matrix[0]):
        matrix = [list(col) for col in zip(*matrix)]
    n, m = len(matrix), len(matrix[0])
    # Hungarian algorithm with potentials (O(n^2 m)) on costs -similarity, rows 1..n, columns 1..m.
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    match = [0] * (m + 1)  # match[j] = row assigned to column j (0 = none)
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        match[0] = row
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = match[j0]
            delta, j1 = inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = -matrix[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sum(matrix[match[j] - 1][j - 1] for j in range(1, m + 1) if match[j])


def score(key: Clustering, response: Clustering) -> CorefScores:
    """MUC, B-cubed and CEAF-e of `response` against `key`; `.conll_f1` is their mean F1."""
    return CorefScores(muc=muc(key, response), b3=b_cubed(key, response), ceafe=ceaf_e(key, response))
