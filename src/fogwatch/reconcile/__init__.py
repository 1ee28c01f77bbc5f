"""Reconcile: claims of many articles → events with measures and disputes.

`reconcile(claims, articles, previous)` is a plain function: the ledger loads its inputs and stores
its output. Steps: claims get a kind (modes.py) → one incident per article and kind → incidents
linked across articles (cluster.py) → per event: type, time, places, actors, measures
(measures.py), disputes (disputes.py) → ids kept from the previous run where membership held.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from fogwatch.reconcile.cluster import Incident, build_incident, cluster, split_by_time
from fogwatch.reconcile.disputes import disputes
from fogwatch.reconcile.measures import measures
from fogwatch.reconcile.modes import AIR, FAMILY, REMOTE, assign_modes
from fogwatch.records import Actor, Claim, Event, EventWhen, PartialDate, Place


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    article_id: str
    published: PartialDate | None
    outlet: str | None


def _when(claims: list[Claim], incidents: list[Incident]) -> EventWhen | None:
    precise = [c.when for c in claims if c.when and c.when.precision in ("day", "week")]
    if precise:
        start, end = min(w.start for w in precise), max(w.end for w in precise)
    else:
        spans = [(i.start, i.end) for i in incidents if i.start]
        if not spans:
            return None
        # Several month-precise reports: the tightest window they all allow.
        start, end = max(s for s, _ in spans), min(e for _, e in spans)
        if start > end:
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
    days = (end - start).days
    precision = "day" if days == 0 else "days" if days <= 5 else "week" if days <= 6 else \
        "month" if days <= 31 else "year"
    return EventWhen(start=start, end=end, precision=precision)


def _type(family: str, modes: Counter, claims: list[Claim]) -> tuple[str, str]:
    text = " ".join(c.text for c in claims)
    if family == "arrest":
        return "Strategic developments", "Arrests"
    if family == "remote":
        if modes and set(modes) == {"interception"}:
            return "Strategic developments", "Disrupted weapons use"
        return "Explosions/Remote violence", "Air/drone strike" if AIR.search(text) else \
            "Shelling/artillery/missile attack" if REMOTE.search(text) else "Remote explosive/landmine/IED"
    kinds = {c.predicate for c in claims if c.predicate in ("captured", "repelled", "clashed", "attacked", "crossed")}
    if kinds == {"captured"}:
        state = any((c.agent or c.speaker) and (c.agent or c.speaker).kind == "state_forces" for c in claims)
        return "Battles", "Government regains territory" if state else "Non-state actor overtakes territory"
    return "Battles", "Armed clash"


def _stable_id(members: list[str], previous: dict[str, str], taken: set[str]) -> str:
    votes = Counter(previous[c] for c in members if c in previous)
    for event_id, count in votes.most_common():
        # Keep an id when most of this event's previously placed claims were in it.
        if event_id not in taken and count * 2 >= sum(votes.values()):
            return event_id
    return "ev-" + hashlib.sha256("|".join(sorted(members)).encode()).hexdigest()[:12]


def reconcile(claims: Iterable[Claim], articles: dict[str, ArticleInfo],
              previous: dict[str, str] | None = None) -> list[Event]:
    previous = previous or {}
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    incidents: list[Incident] = []
    modes: dict[str, str] = {}
    for article_id, group in by_article.items():
        group.sort(key=lambda c: c.span.start)
        article_modes = assign_modes(group, "")
        modes.update(article_modes)
        families: dict[str, list[Claim]] = defaultdict(list)
        for claim in group:
            if claim.claim_id in article_modes:
                families[FAMILY[article_modes[claim.claim_id]]].append(claim)
        info = articles.get(article_id)
        for family, members in families.items():
            for n, part in enumerate(split_by_time(members)):
                incidents.append(build_incident((article_id, f"{family}:{n}"), family, part,
                                                info.published if info else None))
    outlets = {a: (info.outlet if info else None) for a, info in articles.items()}
    # Largest groups claim their ids first, so that a split keeps the id on the bigger part.
    groups = sorted(cluster(incidents), key=lambda g: -sum(len(i.claims) for i in g))
    events, taken = [], set()
    for group in groups:
        members = sorted((c for inc in group for c in inc.claims), key=lambda c: (c.article_id, c.span.start))
        ids = [c.claim_id for c in members]
        event_id = _stable_id(ids, previous, taken)
        taken.add(event_id)
        family = group[0].family
        etype, subtype = _type(family, Counter(modes[c.claim_id] for c in members), members)
        places: dict[str, Place] = {}
        for c in members:
            if c.place:
                places.setdefault(c.place.place.place_id, c.place.place)
        rank = {"exact": 0, "near": 1, "admin2": 2, "admin1": 3, "country": 4}
        actors: dict[str, Actor] = {}
        for c in members:
            for a in (c.speaker, c.agent, c.patient):
                if a is not None:
                    actors.setdefault(a.actor_id, a)
        events.append(Event(
            event_id=event_id, type=etype, subtype=subtype, when=_when(members, group),
            places=tuple(sorted(places.values(), key=lambda p: rank[p.precision])),
            actors=tuple(actors.values()), claims=tuple(ids), measures=tuple(measures(members, outlets)),
            disputes=tuple(disputes(members, outlets)),
            articles=tuple(dict.fromkeys(c.article_id for c in members)),
        ))
    events.sort(key=lambda e: (e.when.start if e.when else dt.date.max, e.event_id))
    return events


__all__ = ["ArticleInfo", "reconcile"]
