"""Geocoder load time and throughput, printed as a table (docs/places.md).

    python benchmarks/geocode_bench.py [../shared/eval/geowebnews]

Load: a fresh process unpickling the gazetteer from a cache folder (the first run, on an empty
folder, builds the cache and is timed apart). Throughput: the GeoWebNews gold toponyms, placed article by article
(context and ranking included) on one core, repeated until at least 20,000 toponyms were placed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOAD = "import time; t = time.perf_counter(); from fogwatch.geocode import gazetteer; gazetteer(); print(time.perf_counter() - t)"


def load_seconds() -> float:
    """Seconds a fresh process takes to have the gazetteer ready."""
    return float(subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True).stdout)


def main(data: Path) -> None:
    from fogwatch.eval.geocoding import AFTER_CHARS, read
    from fogwatch.geocode import Toponym, geocode, gazetteer

    cache = tempfile.mkdtemp(prefix="fogwatch-bench-")
    os.environ["FOGWATCH_CACHE"] = cache  # an empty cache folder: the first load builds the index
    first = load_seconds()
    load = min(load_seconds() for _ in range(3))
    gazetteer()
    articles = [[Toponym(t.name, d.text[t.end:t.end + AFTER_CHARS]) for t in d.toponyms if t.lat is not None]
                for d in read(data, "gwn")]
    placed, start = 0, time.perf_counter()
    while placed < 20_000:
        for toponyms in articles:
            geocode(toponyms)
            placed += len(toponyms)
    rate = placed / (time.perf_counter() - start)
    shutil.rmtree(cache)
    print("| measure | value |\n|---|---|")
    print(f"| gazetteer load, first run (builds the cache) | {first:.1f} s |")
    print(f"| gazetteer load from the cache (best of 3 fresh processes) | {load:.2f} s |")
    print(f"| toponyms placed per second, one core (GeoWebNews dev gold, {placed} placed) | {rate:,.0f} |")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/geowebnews"))
