"""Reconcile cost as the number of claims grows: 1k (baseline), 10k, 100k synthetic claims.

    python benchmarks/reconcile_bench.py [--sizes 1000,10000,100000]

Synthetic claims imitate a news stream at constant density: incidents over a period that grows with
the corpus, in a dozen regions, each reported by several articles with dated (60%), placed (70%),
attributed figures. The B3 column scores the events against the true incidents. Printed as a table with time
per claim and the ratio to the 1k baseline run in the same process; linear growth keeps the
per-claim ratio near 1.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import time

from fogwatch.reconcile import ArticleInfo, reconcile
from fogwatch.records import Actor, Claim, PartialDate, Place, PlaceMention, Quantity, Span, When

REGIONS = [("Belgorod Oblast", 50.7, 37.2), ("Kursk Oblast", 51.7, 36.0), ("Kharkiv Oblast", 49.6, 36.6),
           ("Donetsk Oblast", 48.0, 37.8), ("Zaporizhzhia Oblast", 47.5, 35.5), ("Kherson Oblast", 46.6, 33.4),
           ("Bryansk Oblast", 53.0, 33.4), ("Sumy Oblast", 50.9, 34.1), ("Luhansk Oblast", 48.7, 39.3),
           ("Dnipropetrovsk Oblast", 48.4, 35.0), ("Odesa Oblast", 46.5, 30.7), ("Crimea", 45.0, 34.1)]
SPEAKERS = [Actor("ru-mod", "Russian Ministry of Defence", kind="ministry", side="RU"),
            Actor("ua-forces", "Armed Forces of Ukraine", kind="state_forces", side="UA"),
            Actor("un", "United Nations", kind="international_org", side=None)]
PREDICATES = [("killed", "fighter"), ("destroyed", "tank"), ("shot_down", "drone"), ("captured", "village"),
              ("attacked", "drone")]
WORDS = "troops village border attack forces artillery positions drones night region defence ministry".split()


def synthetic(n_claims: int, seed: int = 7):
    """Claims from incidents at a constant density (the period grows with the corpus, as a news
    stream's does), each incident with its own actors, place and wording; returns the true
    incident of each claim too, so that the clustering can be scored."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7)) for _ in range(3000)]
    actors = [Actor(f"x{i}", f"Actor {i}", kind="state_forces", side=rng.choice(["RU", "UA", None]))
              for i in range(60)]
    claims, articles, truth = [], {}, {}
    start = dt.date(2020, 1, 1)
    days = max(60, n_claims // 25)
    incident = 0
    while len(claims) < n_claims:
        incident += 1
        day = start + dt.timedelta(days=rng.randrange(days))
        region, lat, lon = rng.choice(REGIONS)
        lat, lon = lat + rng.uniform(-0.8, 0.8), lon + rng.uniform(-0.8, 0.8)
        predicate, unit = rng.choice(PREDICATES)
        cast = rng.sample(actors, 2)
        words = rng.sample(vocab, 10)
        town = Place(f"gn:{incident}", f"Town {incident}", "UA", region, lat, lon, "exact")
        for report in range(rng.randint(2, 6)):
            aid = f"a{incident}-{report}"
            published = day + dt.timedelta(days=rng.randint(0, 2))
            articles[aid] = ArticleInfo(aid, PartialDate(published, "day"), f"outlet{report % 5}")
            for k in range(rng.randint(1, 4)):
                span = Span(aid, 100 * k, 100 * k + 80)
                text = " ".join(rng.sample(words, 6) + rng.sample(WORDS, 1))
                low = rng.randint(1, 200)
                claim_id = f"c{len(claims)}"
                truth[claim_id] = incident
                claims.append(Claim(
                    claim_id=claim_id, article_id=aid, span=span, text=text, speaker=rng.choice(SPEAKERS),
                    via=(), cue="said", hedge="asserted", predicate=predicate, agent=cast[0], patient=cast[1],
                    quantity=Quantity(low, rng.choice([low, None]), unit, str(low), span),
                    place=PlaceMention(town, town.name, span) if rng.random() < 0.7 else None,
                    when=When(day, day, "day", "on Monday", span) if rng.random() < 0.6 else None))
    return claims[:n_claims], articles, truth


def b3(events, truth) -> float:
    """B-cubed F1 of the events against the true incidents (how well the clustering did)."""
    predicted = {c: i for i, e in enumerate(events) for c in e.claims}
    gold: dict[int, set] = {}
    pred: dict[int, set] = {}
    for claim, incident in truth.items():
        if claim in predicted:
            gold.setdefault(incident, set()).add(claim)
            pred.setdefault(predicted[claim], set()).add(claim)
    p = r = 0.0
    for claim in predicted:
        g, q = gold[truth[claim]], pred[predicted[claim]]
        overlap = len(g & q)
        p += overlap / len(q)
        r += overlap / len(g)
    p, r = p / len(predicted), r / len(predicted)
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    rows = []
    for size in sizes:
        claims, articles, truth = synthetic(size)
        began = time.perf_counter()
        events = reconcile(claims, articles)
        took = time.perf_counter() - began
        rows.append((size, took, len(events), len(set(truth.values())), b3(events, truth)))
    base = rows[0][1] / rows[0][0]
    print(f"{'claims':>8} {'incidents':>9} {'events':>7} {'B3 F1':>6} {'seconds':>8} {'µs/claim':>9} "
          f"{'per-claim ratio vs ' + str(rows[0][0]):>26}")
    for size, took, n_events, n_true, f1 in rows:
        print(f"{size:>8} {n_true:>9} {n_events:>7} {f1:>6.3f} {took:>8.2f} {took / size * 1e6:>9.1f} "
              f"{took / size / base:>26.2f}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
