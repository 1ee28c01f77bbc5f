"""Ingest throughput on the real corpus: 50 articles (baseline) and all 447 GDELT article bodies.

    python benchmarks/ingest_bench.py [--corpus ../shared/eval/corpora/ukraine-war-news/gdelt-articles]

Each run reads, cleans, extracts and stores into a fresh SQLite ledger in a temporary folder
(the spaCy model and the gazetteer are loaded once, before timing). Printed as a table with
articles per second and the ratio to the baseline run.
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from fogwatch import nlp
from fogwatch.ledger import open_ledger
from fogwatch.pipeline import run
from fogwatch.geocode.gazetteer import gazetteer

DEFAULT = Path(__file__).resolve().parents[2] / "shared/eval/corpora/ukraine-war-news/gdelt-articles"


def timed(files: list[Path]) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as folder:
        ledger = open_ledger(str(Path(folder) / "bench.db"))
        began = time.perf_counter()
        summary = run(files, ledger)
        took = time.perf_counter() - began
        ledger.close()
    return took, summary.added, summary.claims


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    files = sorted(parser.parse_args().corpus.glob("*.txt"))
    nlp.load()
    gazetteer()
    rows = []
    for n in (50, len(files)):
        took, added, claims = timed(files[:n])
        rows.append((n, added, claims, took))
    base = rows[0][1] / rows[0][3]
    print(f"{'files':>6} {'articles':>8} {'claims':>7} {'seconds':>8} {'articles/s':>10} {'ratio':>6}")
    for n, added, claims, took in rows:
        print(f"{n:>6} {added:>8} {claims:>7} {took:>8.1f} {added / took:>10.2f} {added / took / base:>6.2f}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
