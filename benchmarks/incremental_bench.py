"""A second ingest into a growing ledger: near-duplicate index setup and reconcile, before (every
text re-shingled, every claim reconciled) and now (stored signatures, incremental reconcile).

    python benchmarks/incremental_bench.py [--sizes 1000,10000,30000] [--new 10]

For each size, a SQLite ledger of that many synthetic claims (`reconcile_bench.synthetic`, a news
stream at constant density) is stored and reconciled; then the `--new` articles published last
arrive, as the next ingest of a news stream would bring them, and both reconciles run on copies of
that ledger. Seconds are in-process; MiB is Python's peak allocation (tracemalloc) in a second
run. `equal` says whether the incremental ledger's events and claims' event ids are those of the
full reconcile. The real-article figures (GDELT) are in docs/design-notes.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from reconcile_bench import synthetic  # noqa: E402

from fogwatch.clean.dedupe import NearDuplicates  # noqa: E402
from fogwatch.ledger import open_ledger, signatures  # noqa: E402
from fogwatch.pipeline import Storing, reconcile_ledger  # noqa: E402
from fogwatch.records import Article, Extraction  # noqa: E402


def _store(ledger, articles: list[Article], claims_of: dict) -> None:
    storing = Storing(ledger, None, None)
    for article in articles:
        if storing.admit(article):
            storing.store(Extraction(article=article, claims=tuple(claims_of[article.article_id])))
    storing.finish()


def build(folder: Path, size: int, new: int) -> tuple[Path, int]:
    """A reconciled ledger of `size` claims but those of the `new` latest articles, which are then
    stored unreconciled; returns its path and its number of articles."""
    claims, infos, _ = synthetic(size)
    claims_of = defaultdict(list)
    for claim in claims:
        claims_of[claim.article_id].append(claim)
    articles = []
    for aid, info in sorted(infos.items(), key=lambda kv: (kv[1].published.date, kv[0])):
        text = " ".join(c.text for c in claims_of[aid]) + f" ({aid}, {info.outlet})"
        articles.append(Article(article_id=aid, text=text, published=info.published, outlet=info.outlet,
                                ingested_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)))
    path = folder / f"ledger-{size}.db"
    ledger = open_ledger(str(path))
    _store(ledger, articles[:-new], claims_of)
    reconcile_ledger(ledger)
    _store(ledger, articles[-new:], claims_of)
    ledger.close()
    return path, len(articles)


def measured(prepare, run) -> tuple[float, float, object]:
    """(seconds, peak MiB, result) of `run(prepare())`, the peak from a second, traced run; what
    `prepare` does (copying, opening the ledger) is not counted."""
    ready = prepare()
    began = time.perf_counter()
    result = run(ready)
    took = time.perf_counter() - began
    ready = prepare()
    tracemalloc.start()
    run(ready)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return took, peak, result


def index_setup(ledger, how: str) -> None:
    index = NearDuplicates()
    if how == "texts":
        for article_id, text in ledger.iter_texts():
            index.add(article_id, text)
    else:
        signatures.load_index(ledger, index)


COPIES = itertools.count()


def copy_of(path: Path):
    def prepare():
        copy = path.with_suffix(f".{next(COPIES)}.db")
        shutil.copy(path, copy)
        ledger = open_ledger(str(copy))
        ledger.article_infos()  # the connection opened
        return ledger
    return prepare


def reconciled(ledger, incremental: bool):
    reconcile_ledger(ledger, incremental=incremental)
    return ledger


def state(ledger) -> tuple:
    """What `fogwatch export` writes of the events, and each claim's event."""
    return list(ledger.iter_events()), {c["claim_id"]: c["event_id"] for c in ledger.iter_claims()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,30000")
    parser.add_argument("--new", type=int, default=10)
    args = parser.parse_args()
    print(f"{'claims':>7} {'articles':>8} {'events':>6} | {'index: texts':>16} {'signatures':>16} | "
          f"{'reconcile: full':>16} {'incremental':>16} {'equal':>5}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            path, n_articles = build(Path(tmp), size, args.new)
            texts = measured(copy_of(path), lambda ledger: index_setup(ledger, "texts"))
            sigs = measured(copy_of(path), lambda ledger: index_setup(ledger, "signatures"))
            full = measured(copy_of(path), lambda ledger: reconciled(ledger, False))
            full_state = state(full[2])  # before the copy is made again
            inc = measured(copy_of(path), lambda ledger: reconciled(ledger, True))
            cell = lambda m: f"{m[0]:6.2f} s {m[1]:5.1f} MiB"  # noqa: E731
            print(f"{size:>7} {n_articles:>8} {len(full_state[0]):>6} | {cell(texts):>16} {cell(sigs):>16} | "
                  f"{cell(full):>16} {cell(inc):>16} {str(full_state == state(inc[2])):>5}", flush=True)


if __name__ == "__main__":
    main()
