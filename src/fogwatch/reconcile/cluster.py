"""Claims → incidents (one article, one kind) → events (incidents of several articles linked).

Linking rule for two incidents of the same kind family, in order:
1. Their times must overlap, each widened by a slack that depends on its precision (a day-precise
   date ±3 days, a week ±3 days, a month or year not at all): different times, different events.
2. Their places must not contradict: when both name first-level regions they must share one or lie
   near each other (120 km between places, 250 km when one is a region's centroid); when both name
   countries they must share one.
3. Then they link when they share a region (or lie near each other), or share a named actor and
   some wording, or share enough wording alone (word-set Jaccard).

Blocking: an incident is compared only with incidents in the same (family, week, map cell of 3°,
with its neighbours) block, or (family, week, country) when it names only countries, or in the same
(family, week, actor) block; a month-precise incident sits in
every week of its month. The cost therefore grows with the number of incidents times the block
size, not with its square.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from fogwatch.records import Claim, PartialDate, Place

SLACK_DAYS = {"day": 3, "week": 3, "days": 3, "month": 0, "year": 0}
NEAR_KM = 120.0
NEAR_REGION_KM = 250.0
CELL_DEG = 3.0
MIN_JACCARD = 0.22
MIN_JACCARD_WITH_ACTOR = 0.08
STOP = set("""a an the and or but of in on at to for from by with as is are was were be been being has have had it its
this that these those they them their he she his her we our you your not no said says say told claimed claim
also after before over into than more about which who whom what when where while there here would could will
may might can did do does since during against between per""".split())


@dataclass
class Incident:
    key: tuple[str, str]  # (article_id, family)
    family: str
    claims: list[Claim] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str = "month"
    regions: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    points: list[tuple[float, float, bool]] = field(default_factory=list)  # lat, lon, is a region centroid
    actors: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)


def _month_end(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z\-']+", text.lower()) if w not in STOP and len(w) > 2}


def build_incident(key: tuple[str, str], family: str, claims: list[Claim], published: PartialDate | None) -> Incident:
    inc = Incident(key=key, family=family, claims=claims)
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    dated = [c.when for c in claims if c.when]
    if dated:
        best = min(rank[w.precision] for w in dated)
        chosen = [w for w in dated if rank[w.precision] == best]
        inc.start, inc.end, inc.precision = min(w.start for w in chosen), max(w.end for w in chosen), chosen[0].precision
    elif published is not None:
        if published.precision == "day":
            # Undated claims are about the days before publication.
            inc.start, inc.end, inc.precision = published.date - dt.timedelta(days=2), published.date, "day"
        elif published.precision == "month":
            inc.start, inc.end, inc.precision = published.date, _month_end(published.date), "month"
        else:
            inc.start, inc.end, inc.precision = published.date, dt.date(published.date.year, 12, 31), "year"
    for claim in claims:
        if claim.place:
            place: Place = claim.place.place
            if place.precision == "country":
                inc.countries.add(place.country or "")
            else:
                if place.admin1:
                    inc.regions.add(f"{place.country}:{place.admin1}")
                inc.countries.add(place.country or "")
                inc.points.append((place.lat, place.lon, place.precision != "exact"))
        for actor in (claim.speaker, claim.agent, claim.patient):
            if actor is not None and not actor.discovered:
                inc.actors.add(actor.actor_id)
        inc.words |= _words(claim.text)
    return inc


def km(a: tuple, b: tuple) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def time_compatible(a: Incident, b: Incident) -> bool:
    if a.start is None or b.start is None:
        return False  # an undated report cannot be placed in time: it stays on its own
    sa, sb = dt.timedelta(days=SLACK_DAYS[a.precision]), dt.timedelta(days=SLACK_DAYS[b.precision])
    return a.start - sa <= b.end + sb and b.start - sb <= a.end + sa


def near(a: Incident, b: Incident) -> bool:
    # A region's centroid can lie far from the village the other report names: allow for its size.
    return any(km(p, q) <= (NEAR_REGION_KM if p[2] or q[2] else NEAR_KM) for p in a.points for q in b.points)


def linked(a: Incident, b: Incident) -> bool:
    if a.family != b.family or not time_compatible(a, b):
        return False
    if a.regions and b.regions and not (a.regions & b.regions) and not near(a, b):
        return False
    if a.countries and b.countries and not (a.countries & b.countries):
        return False
    if (a.regions & b.regions) or near(a, b):
        return True
    union = a.words | b.words
    jaccard = len(a.words & b.words) / len(union) if union else 0.0
    if a.actors & b.actors and jaccard >= MIN_JACCARD_WITH_ACTOR:
        return True
    return jaccard >= MIN_JACCARD


def _weeks(inc: Incident) -> list[int]:
    if inc.start is None:
        return [-1]
    slack = dt.timedelta(days=SLACK_DAYS[inc.precision])
    first, last = inc.start - slack, inc.end + slack
    return list(range(first.toordinal() // 7, last.toordinal() // 7 + 1))


def blocks(incidents: list[Incident]) -> Iterable[list[int]]:
    table: dict[tuple, list[int]] = defaultdict(list)
    for i, inc in enumerate(incidents):
        cells = {(math.floor(lat / CELL_DEG) + dy, math.floor(lon / CELL_DEG) + dx)
                 for lat, lon, _ in inc.points for dy in (-1, 0, 1) for dx in (-1, 0, 1)}
        for week in _weeks(inc):
            geo = cells or inc.countries
            if geo:
                for g in geo:
                    table[(inc.family, week, "geo", g)].append(i)
            # Incidents join actor blocks too, so a report that names no place meets one that does.
            for actor in inc.actors:
                table[(inc.family, week, "actor", actor)].append(i)
            if not geo and not inc.actors:
                table[(inc.family, week, "none")].append(i)
    return table.values()


class UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def cluster(incidents: list[Incident], max_block: int = 400) -> list[list[Incident]]:
    uf = UnionFind(len(incidents))
    seen: set[tuple[int, int]] = set()
    for block in blocks(incidents):
        members = sorted(set(block), key=lambda i: (incidents[i].start or dt.date.min))
        for x, i in enumerate(members):
            # In a very large block only neighbours in time are compared (sorted neighbourhood).
            for j in members[x + 1:x + 1 + max_block]:
                pair = (i, j) if i < j else (j, i)
                if pair in seen:
                    continue
                seen.add(pair)
                if uf.find(i) != uf.find(j) and linked(incidents[i], incidents[j]):
                    uf.union(i, j)
    groups: dict[int, list[Incident]] = defaultdict(list)
    for i, inc in enumerate(incidents):
        groups[uf.find(i)].append(inc)
    return list(groups.values())
