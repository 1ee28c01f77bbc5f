"""Latency of the events page with many events: 100 events (baseline) and 10,000.

    python benchmarks/web_bench.py

Events are synthetic (the reconcile benchmark's generator), written to a temporary SQLite ledger;
each page is requested 20 times through the ASGI app in process. Printed as a table with the median
and 95th percentile and the ratio to the baseline.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from reconcile_bench import synthetic  # noqa: E402

from fogwatch.ledger import open_ledger  # noqa: E402
from fogwatch.reconcile import reconcile  # noqa: E402
from fogwatch.views.web import create_app  # noqa: E402

PAGES = ["/", "/?disputed=1", "/?side=RU&type=Battles", "/api/events?per_page=50"]


def measure(n_events: int) -> dict[str, list[float]]:
    claims, articles, _ = synthetic(n_events * 10)
    events = reconcile(claims, articles)
    while len(events) < n_events:  # top up with copies under new ids, as a bigger ledger would have
        events += [e.__class__(**{**{f: getattr(e, f) for f in e.__slots__}, "event_id": f"{e.event_id}-{len(events)}"})
                   for e in events[: n_events - len(events)]]
    events = events[:n_events]
    with tempfile.TemporaryDirectory() as folder:
        ledger = open_ledger(str(Path(folder) / "bench.db"))
        ledger.save_events(events)
        client = TestClient(create_app(ledger=ledger))
        timings = {}
        for page in PAGES:
            client.get(page)
            runs = []
            for _ in range(20):
                began = time.perf_counter()
                response = client.get(page)
                runs.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200
            timings[page] = runs
        ledger.close()
    return timings


def main() -> None:
    base = measure(100)
    big = measure(10_000)
    print(f"{'page':<28} {'100 ev median ms':>16} {'10k ev median ms':>16} {'10k p95 ms':>10} {'ratio':>6}")
    for page in PAGES:
        b, m = statistics.median(base[page]), statistics.median(big[page])
        p95 = sorted(big[page])[int(0.95 * len(big[page])) - 1]
        print(f"{page:<28} {b:>16.1f} {m:>16.1f} {p95:>10.1f} {m / b:>6.2f}")


if __name__ == "__main__":
    main()
