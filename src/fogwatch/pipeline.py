"""The main job: ingest → clean → extract → ledger, streamed, one transaction per article."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from fogwatch.clean import clean
from fogwatch.clean.dedupe import NearDuplicates
from fogwatch.extract import extract
from fogwatch.ingest import read_paths
from fogwatch.ledger import Ledger
from fogwatch.records import Article, Extraction, Failure, PartialDate
from fogwatch.registry.actors import Registry, load_registry


@dataclass
class Summary:
    added: int = 0
    already: int = 0
    claims: int = 0
    copies: int = 0  # near-duplicates of an article already in the ledger: stored, not extracted
    failures: list[Failure] = field(default_factory=list)


def run(paths: Iterable[Path], ledger: Ledger, registry: Registry | None = None,
        on_failure: Callable[[Failure], None] | None = None,
        on_article: Callable[[Article], None] | None = None,
        published: PartialDate | None = None) -> Summary:
    """Ingest `paths` into `ledger`. `published` dates the articles whose source and text give no
    publication date (a batch of .txt files from one day, say); an article's own date wins."""
    registry = registry or load_registry()
    ledger.sync_registry(list(registry.actors.values()))
    summary = Summary()
    copies = NearDuplicates()
    for article_id, text in ledger.iter_texts():
        copies.add(article_id, text)

    def fresh() -> Iterator[Article]:
        seen: set[str] = set()
        for item in clean(read_paths(paths)):
            if isinstance(item, Failure):
                summary.failures.append(item)
                if on_failure:
                    on_failure(item)
                continue
            if item.published is None and published is not None:
                item = replace(item, published=published)
            if on_article:
                on_article(item)
            # Idempotent: an article already in the ledger (same cleaned text) is not extracted again.
            if item.article_id in seen or ledger.has_article(item.article_id):
                summary.already += 1
                continue
            seen.add(item.article_id)
            original = copies.original_of(item.text)
            if original is not None:
                # A copy is kept for the record but adds no claims: it is the same source again.
                # It is stored after the batch, once its original surely is.
                pending_copies.append(replace(item, duplicate_of=original))
                continue
            copies.add(item.article_id, item.text)
            yield item

    pending_copies: list[Article] = []
    for extraction in extract(fresh(), registry=registry, batch_size=16):
        if ledger.save(extraction):
            summary.added += 1
            summary.claims += len(extraction.claims)
        else:
            summary.already += 1
    for copy in pending_copies:
        if ledger.save(Extraction(article=copy, claims=())):
            summary.copies += 1
    return summary


def reconcile_ledger(ledger: Ledger) -> list:
    """Re-run reconcile over the whole ledger, keeping event ids where membership held."""
    from fogwatch.reconcile import reconcile

    found = reconcile(ledger.load_claims(), ledger.article_infos(), ledger.event_assignments())
    ledger.save_events(found)
    return found
