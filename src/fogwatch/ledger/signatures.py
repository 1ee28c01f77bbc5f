"""The near-duplicate index built from stored signatures, not from every stored text.

Each original article (not a copy) keeps its MinHash signature in `articles.minhash`, so an ingest
into a large ledger reads 1 KB per article instead of re-shingling its text. An article stored
without one (before migration 0008, by a run killed before it saved them, or with a signature of
another datasketch scheme) has it computed once here and saved, so the index is always the one the
texts would give.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, select, update

from fogwatch.clean.dedupe import NearDuplicates, from_bytes, signature, to_bytes
from fogwatch.ledger.schema import articles

BATCH = 200  # texts read, and signatures written, at a time


def load_index(ledger, index: NearDuplicates) -> int:
    """Add every original in `ledger` to `index`; returns how many signatures had to be computed."""
    missing: list[str] = []
    with ledger.engine.connect() as conn:
        query = select(articles.c.article_id, articles.c.minhash).where(articles.c.duplicate_of.is_(None))
        for article_id, data in conn.execute(query):
            sig = from_bytes(data) if data is not None else None
            if sig is None:
                missing.append(article_id)
            else:
                index.add(article_id, sig)
    for start in range(0, len(missing), BATCH):
        ids = missing[start:start + BATCH]
        with ledger.engine.connect() as conn:
            texts = conn.execute(select(articles.c.article_id, articles.c.text)
                                 .where(articles.c.article_id.in_(ids))).all()
        save(ledger, [(article_id, index.add(article_id, signature(text))) for article_id, text in texts])
    return len(missing)


def save(ledger, signatures: Iterable[tuple[str, object]]) -> None:
    """Store (article id, MinHash) pairs, in one transaction."""
    rows = [{"aid": article_id, "sig": to_bytes(sig)} for article_id, sig in signatures]
    if rows:
        with ledger.writer.begin() as conn:
            conn.execute(update(articles).where(articles.c.article_id == bindparam("aid"))
                         .values(minhash=bindparam("sig")), rows)
