"""The main job: ingest → clean → extract → ledger, streamed, one transaction per article."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from fogwatch.clean import clean
from fogwatch.clean.dedupe import NearDuplicates, signature
from fogwatch.extract import extract
from fogwatch.ingest import Fetcher, read_paths
from fogwatch.ledger import Ledger, signatures
from fogwatch.records import Article, Document, Extraction, Failure, PartialDate
from fogwatch.registry.actors import Registry, load_registry

if TYPE_CHECKING:
    from fogwatch.parallel import Workers

BATCH = 16  # articles parsed together; a batch that fails is redone one article at a time
# Worker processes pay off only past one batch: each loads the models first (several seconds,
# about what extracting a batch of articles takes), so a smaller input is extracted here.
PARALLEL_FROM = BATCH + 1


@dataclass
class Summary:
    added: int = 0
    already: int = 0
    claims: int = 0
    copies: int = 0  # near-duplicates of an article already in the ledger: stored, not extracted
    # Articles are stored that no reconcile has read yet (this run's, or a killed run's).
    unreconciled: bool = False
    failures: list[Failure] = field(default_factory=list)


class Storing:
    """What every way of storing articles shares (`run`, the Spark loader): the registry synced into
    the ledger, the summary, the near-duplicate index of the ledger's texts (from their stored
    signatures, `ledger.signatures`; each new original's is saved after it), and the rules that
    an article already stored is counted, not stored again, and that a near-copy is stored without
    claims after the others (once its original surely is)."""

    def __init__(self, ledger: Ledger, registry: Registry | None, on_failure: Callable[[Failure], None] | None):
        self.ledger = ledger
        self.registry = registry or load_registry()
        ledger.sync_registry(list(self.registry.actors.values()))
        self.summary = Summary()
        self.on_failure = on_failure
        self.copies = NearDuplicates()
        signatures.load_index(ledger, self.copies)
        self.seen: set[str] = set()
        self.pending_copies: list[Article] = []
        self.unsaved: list[str] = []  # stored originals whose signature is still to be written

    def fail(self, failure: Failure) -> None:
        self.summary.failures.append(failure)
        if self.on_failure:
            self.on_failure(failure)

    def admit(self, article: Article) -> bool:
        """Whether `article` is new and no copy, so its claims are wanted. Idempotent: an article
        already in the ledger (same cleaned text) is not extracted again; a copy is kept for the
        record but adds no claims (it is the same source again)."""
        if article.article_id in self.seen or self.ledger.has_article(article.article_id):
            self.summary.already += 1
            return False
        self.seen.add(article.article_id)
        sig = signature(article.text)
        original = self.copies.original_of(sig)
        if original is not None:
            self.pending_copies.append(replace(article, duplicate_of=original))
            return False
        self.copies.add(article.article_id, sig)
        return True

    def store(self, extraction: Extraction) -> None:
        stored = _save(self.ledger, extraction, self.fail)
        if stored:
            self.summary.added += 1
            self.summary.claims += len(extraction.claims)
            self.unsaved.append(extraction.article.article_id)
            if len(self.unsaved) >= signatures.BATCH:
                self._save_signatures()
        elif stored is not None:
            self.summary.already += 1

    def _save_signatures(self) -> None:
        """Written after the articles, in batches: one lost (a killed run) is recomputed next time."""
        signatures.save(self.ledger, [(a, self.copies.signatures[a]) for a in self.unsaved])
        self.unsaved.clear()

    def finish(self) -> Summary:
        self._save_signatures()
        for copy in self.pending_copies:
            if _save(self.ledger, Extraction(article=copy, claims=()), self.fail):
                self.summary.copies += 1
        self.summary.unreconciled = self.ledger.unreconciled()
        return self.summary


def run(paths: Iterable[Path], ledger: Ledger, registry: Registry | None = None,
        on_failure: Callable[[Failure], None] | None = None,
        on_article: Callable[[Article], None] | None = None,
        published: PartialDate | None = None, follow_symlinks: bool = False,
        fetcher: Fetcher | None = None, documents: Iterable[Document | Failure] | None = None,
        jobs: int = 1, workers: Workers | None = None) -> Summary:
    """Ingest `paths` into `ledger`. `published` dates the articles whose source and text give no
    publication date (a batch of .txt files from one day, say); an article's own date wins.
    URLs among `paths` are fetched by `fetcher`; `documents`, when given, are read instead of
    `paths` (`fogwatch watch` passes a feed's new items).

    No article stops the run: one that cannot be extracted or stored is a `Failure` like an
    unreadable file, and the others are stored as usual.

    `jobs` > 1 extracts in that many worker processes (`fogwatch.parallel`) once the input holds
    more than a batch; reading, cleaning, the near-duplicate index and every write stay here, in
    input order, so the ledger is the same as with one process. `workers` lends an already started
    pool (`fogwatch bench` starts one before timing)."""
    storing = Storing(ledger, registry, on_failure)

    def fresh() -> Iterator[Article]:
        inputs = documents if documents is not None else read_paths(paths, follow_symlinks, fetcher)
        for item in clean(inputs):
            if isinstance(item, Failure):
                storing.fail(item)
                continue
            if item.published is None and published is not None:
                item = replace(item, published=published)
            if on_article:
                on_article(item)
            if storing.admit(item):
                yield item

    for extraction in _extractions(fresh(), storing.registry, storing.fail, jobs, workers):
        storing.store(extraction)
    return storing.finish()


def _origin(article: Article) -> str:
    return article.origin or article.article_id


def _reason(exc: BaseException) -> str:
    """One line saying what went wrong: a database error's own message, not SQLAlchemy's wrapper."""
    detail = exc.orig if isinstance(exc, DBAPIError) else exc
    text = " ".join(str(detail).split())
    return f"{type(detail).__name__}: {text[:200]}" if text else type(detail).__name__


def extract_batch(batch: list[Article], registry: Registry) -> list[Extraction | Failure]:
    """`extract` over one batch, in input order. A batch that raises is redone one article at a
    time, so only the article that fails is lost, as a failure naming it. Worker processes run
    this too, so both paths fail alike."""
    try:
        return list(extract(batch, registry=registry, batch_size=BATCH))
    except Exception:  # noqa: BLE001 - any library error in one article must not end the run
        done: list[Extraction | Failure] = []
        for article in batch:
            try:
                done.extend(extract([article], registry=registry))
            except Exception as exc:  # noqa: BLE001
                done.append(Failure(_origin(article), f"cannot extract: {_reason(exc)}"))
        return done


def _extractions(articles: Iterable[Article], registry: Registry, fail: Callable[[Failure], None],
                 jobs: int = 1, workers: Workers | None = None) -> Iterator[Extraction]:
    """Extractions in input order, in batches of `BATCH`: in `workers`, else in `jobs` new worker
    processes if the input holds at least `PARALLEL_FROM` articles, else here."""
    articles = iter(articles)
    if workers is None and jobs > 1:
        head = list(islice(articles, PARALLEL_FROM))
        articles = chain(head, articles)
        if len(head) >= PARALLEL_FROM:
            from fogwatch.parallel import Workers

            with Workers(jobs, registry) as started:
                yield from _extractions(articles, registry, fail, workers=started)
            return
    if workers is not None:
        for done in workers.extract(articles):
            yield from _reported(done, fail)
        return
    while batch := list(islice(articles, BATCH)):
        yield from _reported(extract_batch(batch, registry), fail)


def _reported(done: list[Extraction | Failure], fail: Callable[[Failure], None]) -> Iterator[Extraction]:
    for item in done:
        if isinstance(item, Failure):
            fail(item)
        else:
            yield item


def _save(ledger: Ledger, extraction: Extraction, fail: Callable[[Failure], None]) -> bool | None:
    """`Ledger.save`, with a value the database refuses as this article's failure: None. The
    article's transaction is rolled back, so nothing of it is stored and nothing else changes."""
    try:
        return ledger.save(extraction)
    except (SQLAlchemyError, ValueError, OverflowError) as exc:
        fail(Failure(_origin(extraction.article), f"cannot store: {_reason(exc)}"))
        return None


def reconcile_ledger(ledger: Ledger, incremental: bool = False) -> list:
    """Re-run reconcile over the whole ledger, keeping event ids where membership held, and return
    the events. `incremental` remakes only the events the articles stored since the last reconcile
    can touch (`ledger.incremental`; the same events, read from a part of the ledger) and returns
    those; it falls back to the whole ledger when it cannot be sure or would read most of it."""
    from fogwatch.ledger.incremental import mark_read, reconcile_new, scope_rows, write_events
    from fogwatch.reconcile import reconcile

    if incremental:
        found = reconcile_new(ledger)
        if found is not None:
            return found
    infos = ledger.article_infos()
    claims = ledger.load_claims()
    found = reconcile(claims, infos, ledger.event_assignments())
    scope = scope_rows(found, {c.claim_id: c for c in claims}, infos)
    with ledger.writer.begin() as conn:
        write_events(conn, found, scope)
        mark_read(conn, infos)
    return found
