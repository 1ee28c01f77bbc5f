"""Extraction in worker processes, for `fogwatch ingest --jobs N`.

Parsing, the attribution tagger and the relevance score are nearly all of an ingest's time, and in
one process only the models' part of it uses a second core (their own thread beside spaCy, and the
encoder's second intra-op thread). Workers (a `ProcessPoolExecutor` with
the `spawn` start method, so no thread pool or SQLite state is copied from the parent) each load the
models once and extract batches of articles with one ONNX Runtime thread, so N workers keep N cores busy
without fighting over them. The parent reads, cleans, writes and reports; it gets each batch's
results back in input order. Figures: README, Throughput.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import resource
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from fogwatch.records import Article, Extraction, Failure
from fogwatch.registry.actors import Registry

# A short real-looking report that touches every model (parser, attribution tagger, relevance
# encoder, gazetteer), so a worker loads them all before its first batch.
WARM_UP = ("KYIV, Ukraine (AP) — Russian missiles struck Kharkiv on Tuesday, killing at least three "
           "civilians, regional governor Oleh Syniehubov said.")
IN_FLIGHT = 2  # windows of `jobs` batches sent ahead, so no worker waits while the parent writes

_registry: Registry | None = None  # the worker's own copy, set by `_start`


def _start(registry: Registry) -> None:
    """Worker initializer: one intra-op thread for the encoder and the tagger (the cores are shared
    out as processes), and every model loaded once, by extracting `WARM_UP`."""
    global _registry
    from fogwatch.nlp import encoder
    from fogwatch.pipeline import extract_batch

    encoder.set_threads(1)
    _registry = registry
    extract_batch([Article(article_id="warm-up", text=WARM_UP, ingested_at=dt.datetime(2026, 1, 1))], registry)


def _extract(batch: list[Article]) -> list[Extraction | Failure]:
    from fogwatch.pipeline import extract_batch

    return extract_batch(batch, _registry)


def _ping() -> tuple[int, None]:
    time.sleep(0.1)  # long enough that each idle worker takes one of the pings sent together
    return os.getpid(), None


def _peak_mb() -> tuple[int, float]:
    """(pid, peak resident MB) of this worker. VmHWM, not `ru_maxrss`: a spawned process's
    `ru_maxrss` starts from the parent's size at the fork before the exec, however small it is."""
    time.sleep(0.1)
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return os.getpid(), kb / 1024


def _split(window: list[Article], parts: int) -> list[list[Article]]:
    """`window` in at most `parts` consecutive batches of nearly equal size."""
    size = -(-len(window) // parts)
    return [window[i:i + size] for i in range(0, len(window), size)]


class Workers:
    """`jobs` worker processes that extract batches of articles; use as a context manager."""

    def __init__(self, jobs: int, registry: Registry) -> None:
        self.jobs, self.registry = jobs, registry
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start, initargs=(self.registry,))

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def ready(self) -> None:
        """Wait until every worker has loaded its models (for timing the work alone)."""
        self._each(_ping)

    def peak_mb(self) -> list[float]:
        """Each worker's peak resident memory so far, MB."""
        return list(self._each(_peak_mb).values())

    def _each(self, task) -> dict[int, object]:
        """`task`'s (pid, value) from every worker: sent in rounds of `jobs` until each answered."""
        seen: dict[int, object] = {}
        while len(seen) < self.jobs:
            seen.update(f.result() for f in [self.pool.submit(task) for _ in range(self.jobs)])
        return seen

    def extract(self, articles: Iterable[Article]) -> Iterator[list[Extraction | Failure]]:
        """Each batch's extractions and failures, batches in input order. Windows of
        `jobs * BATCH` articles are split into `jobs` batches, `IN_FLIGHT` windows ahead."""
        from fogwatch.pipeline import BATCH

        articles = iter(articles)
        pending: deque[tuple[list[Article], ProcessPoolExecutor, Future]] = deque()
        while True:
            while len(pending) < IN_FLIGHT * self.jobs and (window := list(islice(articles, self.jobs * BATCH))):
                pending.extend(self._submit(part) for part in _split(window, self.jobs))
            if not pending:
                return
            batch, pool, future = pending.popleft()
            try:
                yield future.result()
            except BrokenProcessPool:
                yield self._one_by_one(batch, pool)
            except Exception as exc:  # noqa: BLE001 - a result that cannot come back fails its batch only
                yield [_failure(article, exc) for article in batch]

    def _submit(self, batch: list[Article]) -> tuple[list[Article], ProcessPoolExecutor, Future]:
        return batch, self.pool, self.pool.submit(_extract, batch)

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        if broken is self.pool:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()

    def _one_by_one(self, batch: list[Article], broken: ProcessPoolExecutor) -> list[Extraction | Failure]:
        """A worker died (killed for memory, a crash in a library) while `batch` was out: new
        workers extract it one article at a time, waiting for each, so an article that kills its
        worker is known, and fails alone. Rare, so slow is fine."""
        self._restart(broken)
        done: list[Extraction | Failure] = []
        for article in batch:
            pool = self.pool
            try:
                done.extend(pool.submit(_extract, [article]).result())
            except BrokenProcessPool:
                done.append(Failure(_origin(article), "cannot extract: the worker process extracting it died"))
                self._restart(pool)
            except Exception as exc:  # noqa: BLE001
                done.append(_failure(article, exc))
        return done


def _origin(article: Article) -> str:
    return article.origin or article.article_id


def _failure(article: Article, exc: BaseException) -> Failure:
    from fogwatch.pipeline import _reason

    return Failure(_origin(article), f"cannot extract: {_reason(exc)}")
