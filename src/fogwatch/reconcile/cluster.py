"""Claims → incidents (one article, one kind) → events (incidents of several articles linked).

Linking rule for two incidents of the same kind family, in order:
1. Their times must overlap, each widened by a slack that depends on its precision (a day-precise
   date ±3 days, a week ±3 days, a month or year not at all): different times, different events.
2. Their places must not contradict: when both name first-level regions they must share one or lie
   near each other (120 km between places, 250 km when one is a region's centroid); when both name
   countries they must share one.
3. Then they link when: they name the same place (within 25 km) and share any wording; or lie
   together (a shared region, or near each other) and share a party (agent or patient — not merely
   a speaker: a ministry reports on every incident) and some wording, or more wording without one;
   or share a party and more wording wherever they are; or share a speaker and yet more wording; or
   share much wording (word-set Jaccard).
4. A link that would stretch an event's dated reports over more than a week is refused, so that
   daily shelling of one region does not chain into one long event; so is one that would put two
   places of one article in one event ("Slovyansk and Kramatorsk" are two incidents), directly or
   through other articles (`UnionFind.can_union`), or the air strike and the shelling one article
   told apart ("Friday's missile and drone attacks", `modes.split_by_weapon`).

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

from fogwatch.geocode.gazetteer import km as gazetteer_km
from fogwatch.reconcile.modes import weapon_kinds
from fogwatch.records import Claim, PartialDate, Place

SLACK_DAYS = {"day": 2, "week": 3, "days": 3, "month": 0, "year": 0}
NEAR_KM = 120.0
NEAR_REGION_KM = 250.0
CELL_DEG = 3.0
MAX_EVENT_DAYS = 7  # an event's dated reports span at most a week (UCDP's "week" precision)
MIN_JACCARD = 0.22
MIN_JACCARD_NEAR = 0.15
MIN_JACCARD_WITH_ACTOR = 0.08
MIN_JACCARD_SAME_PLACE = 0.05
MIN_JACCARD_SPEAKER = 0.12
SAME_PLACE_KM = 25.0
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
    actors: set[str] = field(default_factory=set)  # every named actor: speakers too (for blocking)
    parties: set[str] = field(default_factory=set)  # who did what to whom: agents and patients
    words: set[str] = field(default_factory=set)
    place: Place | None = None  # where it happened (one place per incident: `incidents.by_place`)
    weapon: str | None = None  # a strike's sub-type where one report told two (`modes.split_by_weapon`)
    weapons: set[str] = field(default_factory=set)  # the sub-types its reports name (`modes.weapon_kinds`)


def _month_end(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z\-']+", text.lower()) if w not in STOP and len(w) > 2}


def build_incident(key: tuple[str, str], family: str, claims: list[Claim], published: PartialDate | None,
                   place: Place, weapon: str | None = None) -> Incident:
    """An incident of `claims` at `place`."""
    inc = Incident(key=key, family=family, claims=claims, place=place, weapon=weapon)
    if family == "remote":
        inc.weapons = {weapon} if weapon else set().union(*(weapon_kinds(c.text) for c in claims))
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
    inc.countries.add(place.country or "")
    if place.precision != "country":
        if place.admin1:
            inc.regions.add(f"{place.country}:{place.admin1}")
        inc.points.append((place.lat, place.lon, place.precision != "exact"))
    for claim in claims:
        for actor in (claim.speaker, claim.agent, claim.patient):
            if actor is not None and not actor.discovered:
                inc.actors.add(actor.actor_id)
        # A ministry that reports on every incident says little about which one; the parties do.
        for actor in (claim.agent, claim.patient):
            if actor is not None:
                inc.parties.add(actor.actor_id)
        inc.words |= _words(claim.text)
    return inc


def split_by_time(claims: list[Claim]) -> list[list[Claim]]:
    """One article's claims of one kind, split where their dates cannot be the same incident.

    Undated claims belong with the article's present (its publication), so they join the dated
    group closest to publication, i.e. the latest one, or form their own group if none is dated.
    """
    dated = sorted((c for c in claims if c.when), key=lambda c: c.when.start)
    groups: list[list[Claim]] = []
    for claim in dated:
        last = groups[-1][-1].when if groups else None
        slack = dt.timedelta(days=SLACK_DAYS[claim.when.precision] + (SLACK_DAYS[last.precision] if last else 0))
        if groups and claim.when.start - slack <= max(c.when.end for c in groups[-1]):
            groups[-1].append(claim)
        else:
            groups.append([claim])
    undated = [c for c in claims if not c.when]
    if undated:
        if groups and max(c.when.end for c in groups[-1]).year >= max(c.when.end for c in dated).year \
                and groups[-1][-1].when.precision in ("day", "week", "month"):
            groups[-1].extend(undated)
        else:
            groups.append(undated)
    return groups


def km(a: tuple, b: tuple) -> float:
    return gazetteer_km(a[0], a[1], b[0], b[1])


def time_compatible(a: Incident, b: Incident) -> bool:
    if a.start is None or b.start is None:
        return False  # an undated report cannot be placed in time: it stays on its own
    sa, sb = dt.timedelta(days=SLACK_DAYS[a.precision]), dt.timedelta(days=SLACK_DAYS[b.precision])
    return a.start - sa <= b.end + sb and b.start - sb <= a.end + sa


def same_place(a: Incident, b: Incident) -> bool:
    return any(not p[2] and not q[2] and km(p, q) <= SAME_PLACE_KM for p in a.points for q in b.points)


def near(a: Incident, b: Incident) -> bool:
    # A region's centroid can lie far from the village the other report names: allow for its size.
    return any(km(p, q) <= (NEAR_REGION_KM if p[2] or q[2] else NEAR_KM) for p in a.points for q in b.points)


def apart(a: Incident, b: Incident) -> bool:
    """Both name precise places, and none of them lie within `SAME_PLACE_KM` * 2 of the other's:
    two locations, two events (ACLED's one event per location and day)."""
    pa, pb = [p for p in a.points if not p[2]], [q for q in b.points if not q[2]]
    return bool(pa and pb) and not any(km(p, q) <= 2 * SAME_PLACE_KM for p in pa for q in pb)


def regional(inc: Incident) -> bool:
    """Placed at a region, not at a town in it."""
    return bool(inc.points) and all(p[2] for p in inc.points)


def linked(a: Incident, b: Incident) -> bool:
    if a.family != b.family or not time_compatible(a, b) or apart(a, b):
        return False
    if (a.weapon or b.weapon) and len(a.weapons) == len(b.weapons) == 1 and a.weapons != b.weapons:
        return False  # an air strike one report told apart from its shelling, and a report of the other
    if a.regions and b.regions and not (a.regions & b.regions):
        return False  # two regions, two locations
    if a.countries and b.countries and not (a.countries & b.countries):
        return False
    union = a.words | b.words
    jaccard = len(a.words & b.words) / len(union) if union else 0.0
    if same_place(a, b) and jaccard >= MIN_JACCARD_SAME_PLACE:
        return True
    parties = bool(a.parties & b.parties)
    if (a.regions & b.regions) or near(a, b):
        if (parties and jaccard >= MIN_JACCARD_WITH_ACTOR) or jaccard >= MIN_JACCARD_NEAR:
            return True
        # Two reports that place it only at the same region say no more of where: some wording will do.
        if a.regions & b.regions and regional(a) and regional(b) and jaccard >= MIN_JACCARD_WITH_ACTOR:
            return True
    if parties and jaccard >= MIN_JACCARD_WITH_ACTOR * 2:
        return True
    if a.actors & b.actors and jaccard >= MIN_JACCARD_SPEAKER:
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
    """Union-find that also tracks each group's dated span, so that links cannot chain a week of
    daily shelling in one region into a single month-long event, and the places each article gives
    the group, so that links through other articles cannot join what one article tells apart (its
    Mariupol and its Donetsk, both near a third report)."""

    def __init__(self, spans: list[tuple[dt.date, dt.date] | None], places: list[tuple[str, str]]):
        """`spans`: each incident's dated span, if it bounds one; `places`: its (article, place id)."""
        self.parent = list(range(len(spans)))
        self.span = list(spans)
        self.places: list[dict[str, set[str]]] = [{article: {place}} for article, place in places]

    def can_union(self, i: int, j: int, limit: int) -> bool:
        pa, pb = self.places[self.find(i)], self.places[self.find(j)]
        if any(pa[a] != pb[a] for a in pa.keys() & pb.keys()):
            return False  # one article, two places: two incidents however others link them
        a, b = self.span[self.find(i)], self.span[self.find(j)]
        if a is None or b is None:
            return True
        return (max(a[1], b[1]) - min(a[0], b[0])).days <= limit

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            a, b = self.span[ri], self.span[rj]
            root, child = min(ri, rj), max(ri, rj)
            self.parent[child] = root
            self.span[root] = a if b is None else b if a is None else (min(a[0], b[0]), max(a[1], b[1]))
            for article, ids in self.places[child].items():
                self.places[root].setdefault(article, set()).update(ids)


def cluster(incidents: list[Incident], max_block: int = 400) -> list[list[Incident]]:
    # Pairs are met in an order fixed by the incidents' keys, not by their place in the input: the
    # union refuses links that would stretch an event past MAX_EVENT_DAYS, so the order decides, and
    # a reconcile of part of the ledger (ledger/incremental.py) must meet them as a full one does.
    incidents = sorted(incidents, key=lambda i: i.key)
    # Only day- and week-precise incidents bound an event's span; a month-precise report fits anywhere in it.
    uf = UnionFind([(i.start, i.end) if i.start and i.precision in ("day", "week") else None for i in incidents],
                   [(i.key[0], (i.place.place_id if i.place else "") + (i.weapon or "")) for i in incidents])
    seen: set[tuple[int, int]] = set()
    for block in blocks(incidents):
        members = sorted(set(block), key=lambda i: (incidents[i].start or dt.date.min, i))
        for x, i in enumerate(members):
            # In a very large block only neighbours in time are compared (sorted neighbourhood).
            for j in members[x + 1:x + 1 + max_block]:
                pair = (i, j) if i < j else (j, i)
                if pair in seen:
                    continue
                seen.add(pair)
                if uf.find(i) != uf.find(j) and uf.can_union(i, j, MAX_EVENT_DAYS) and linked(incidents[i], incidents[j]):
                    uf.union(i, j)
    groups: dict[int, list[Incident]] = defaultdict(list)
    for i, inc in enumerate(incidents):
        groups[uf.find(i)].append(inc)
    return list(groups.values())
