"""Exports in the fogwatch/1 interchange format (DESIGN.md): one JSON object per line."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from fogwatch.ledger import Ledger

# Fields the ledger joins in for people at a terminal, not part of the claim record.
_VIEW_ONLY = ("outlet", "published")


def interchange(claim: dict) -> dict:
    """A ledger claim row as the fogwatch/1 claim object (without the joined view-only fields)."""
    return {k: v for k, v in claim.items() if k not in _VIEW_ONLY}


def claims(ledger: Ledger) -> Iterator[dict]:
    for row in ledger.iter_claims():
        yield interchange(row)


EXPORTERS: dict[str, Callable[[Ledger], Iterable[dict]]] = {
    "claims": claims,
    "events": lambda ledger: ledger.iter_events(),
    "articles": lambda ledger: ledger.iter_articles(),
    "actors": lambda ledger: ledger.iter_actors(),
}


def write_jsonl(rows: Iterable[dict], handle: TextIO) -> int:
    n = 0
    for row in rows:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


FORMATS: dict[str, Callable[[Iterable[dict], TextIO], int]] = {"jsonl": write_jsonl}
