"""Reconcile: claims of many articles → events with measures and disputes.

`reconcile(claims, articles, previous)` is a plain function: the ledger loads its inputs and stores
its output. Steps: claims get a kind (modes.py) → one incident per article and kind → incidents
linked across articles (cluster.py) → per event: type, time, places, actors, measures
(measures.py), disputes (disputes.py) → ids kept from the previous run where membership held.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from fogwatch.reconcile.cluster import Incident, build_incident, cluster, split_by_time
from fogwatch.reconcile.disputes import disputes
from fogwatch.reconcile.incidents import (CRIME_PREDICATES, by_place, crime_story, founds_incident, is_background, located,
                                         reports_incident)
from fogwatch.reconcile.measures import measures
from fogwatch.reconcile.modes import (FAMILY, SABOTEUR_WORDS, assign_modes, civilian_subtype, remote_subtype,
                                      split_by_weapon)
from fogwatch.records import Actor, Claim, Event, EventWhen, PartialDate


# What an article outside armed conflict and violence (by `relevance`) may still report as an event.
PROTEST_PREDICATES = frozenset({"protested"})


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    article_id: str
    published: PartialDate | None
    outlet: str | None
    relevance: float | None = None  # None: not judged (an article stored before relevance was)

    def reports_conflict(self) -> bool:
        from fogwatch.nlp.relevance import threshold

        return self.relevance is None or self.relevance >= threshold()


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


# What turns a protest into a riot (the demonstrators' violence), or into one met by force.
RIOT = re.compile(r"\b(?:riot\w*|petrol[- ]bombs?|fire[- ]?bomb\w*|molotov\w*|looting|looted|torched|set (?:on )?fire|hurled|threw stones|"
                  r"smashed|vandali[sz]\w*|violent (?:protests?|demonstrations?|clashes)|bricks?|"
                  # Crowds that fight: "a clash between protesters and police", "demonstrators clashed with police".
                  r"clash\w* (?:between|with) (?:\w+ ){0,2}(?:protesters|demonstrators|rioters)|"
                  r"(?:protesters|demonstrators) (?:\w+ )?clash\w*)\b", re.IGNORECASE)
INTERVENTION = re.compile(r"\b(?:tear ?gas|rubber bullets|water cannons?|pepper spray|dispers\w+|broke up|detained|"
                          r"arrested|beat(?:en)?|batons?|riot police|crackdown)\b", re.IGNORECASE)


# Sabotage and arson with no one hurt: ACLED's property destruction, not a strike.
SABOTAGE = re.compile(rf"\b(?:{SABOTEUR_WORDS}|arson\w*|set (?:on )?fire|blew up|blown up|"
                      r"railway (?:line|track|segment)s? (?:was |were )?(?:blown|damaged))\b", re.IGNORECASE)


WEAPON_SUBTYPES = {"air": "Air/drone strike", "surface": "Shelling/artillery/missile attack"}


def _type(family: str, modes: Counter, claims: list[Claim]) -> tuple[str, str]:
    text = " ".join(c.text for c in claims)
    if family == "arrest":
        return "Strategic developments", "Arrests"
    if family == "civilians":
        return "Violence against civilians", civilian_subtype(text)
    if family == "protest":
        if any(c.predicate == "rioted" for c in claims) or RIOT.search(text):
            return "Riots", "Violent demonstration"
        return "Protests", "Protest with intervention" if INTERVENTION.search(text) else "Peaceful protest"
    if family == "remote":
        if modes and set(modes) == {"interception"}:
            return "Strategic developments", "Disrupted weapons use"
        if SABOTAGE.search(text) and not any(c.predicate in ("killed", "wounded", "casualties") for c in claims):
            return "Strategic developments", "Looting/property destruction"
        if modes and set(modes) <= {"sabotage"}:
            return "Explosions/Remote violence", "Remote explosive/landmine/IED"  # saboteurs' bomb that hurt people
        return "Explosions/Remote violence", remote_subtype(text)
    kinds = {c.predicate for c in claims if c.predicate in ("captured", "repelled", "clashed", "attacked", "crossed")}
    if kinds == {"captured"}:
        state = any((c.agent or c.speaker) and (c.agent or c.speaker).kind == "state_forces" for c in claims)
        return "Battles", "Government regains territory" if state else "Non-state actor overtakes territory"
    return "Battles", "Armed clash"


def _stable_id(members: list[str], previous: dict[str, str], taken: set[str], where: str = "") -> str:
    votes = Counter(previous[c] for c in members if c in previous)
    for event_id, count in votes.most_common():
        # Keep an id when most of this event's previously placed claims were in it.
        if event_id not in taken and count * 2 >= sum(votes.values()):
            return event_id
    # The place is part of the key: one sentence can report two incidents ("struck A and B").
    key = "|".join(sorted(members)) + "@" + where
    event_id = "ev-" + hashlib.sha256(key.encode()).hexdigest()[:12]
    n = 1
    while event_id in taken:
        n += 1
        event_id = "ev-" + hashlib.sha256(f"{key}#{n}".encode()).hexdigest()[:12]
    return event_id


def reconcile(claims: Iterable[Claim], articles: dict[str, ArticleInfo],
              previous: dict[str, str] | None = None) -> list[Event]:
    previous = previous or {}
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    incidents: list[Incident] = []
    modes: dict[str, str] = {}
    for article_id, group in by_article.items():
        info = articles.get(article_id)
        civil = info is not None and not info.reports_conflict()
        published = info.published if info else None
        # Sport, business, reviews: their claims stay claims and make no event. A story that is not
        # about violence can still report a demonstration (teachers marching on a statehouse).
        crime = crime_story(group)
        group = sorted((c for c in group if reports_incident(c) and not is_background(c, published)
                        and (not civil or c.predicate in PROTEST_PREDICATES)
                        and not (crime and c.predicate in CRIME_PREDICATES)),
                       key=lambda c: c.span.start)
        article_modes = assign_modes(group, "")
        modes.update(article_modes)
        families: dict[str, list[Claim]] = defaultdict(list)
        for claim in group:
            if claim.claim_id in article_modes:
                families[FAMILY[article_modes[claim.claim_id]]].append(claim)
        for family, members in families.items():
            groups = by_place(members)
            for place, placed in groups:
                # Only the same country's places can tell this incident more precisely.
                elsewhere = [g for p, g in groups if p is not place and located(p)
                             and place is not None and p.country == place.country]
                if not located(place, placed, elsewhere):
                    continue  # see incidents.located: the claims stay, as claims
                for n, part in enumerate(split_by_time(placed)):
                    for weapon, sub in split_by_weapon(part) if family == "remote" else [(None, part)]:
                        if not any(founds_incident(c) for c in sub):
                            continue  # only denials, descriptions or figures of speech: no incident
                        key = (article_id, f"{family}:{place.place_id}:{n}" + (f":{weapon}" if weapon else ""))
                        incidents.append(build_incident(key, family, sub, published, place, weapon))
    outlets = {a: (info.outlet if info else None) for a, info in articles.items()}
    # Largest groups claim their ids first, so that a split keeps the id on the bigger part.
    groups = sorted(cluster(incidents), key=lambda g: -sum(len(i.claims) for i in g))
    events, taken = [], set()
    for group in groups:
        # A claim that names several places may sit in two of the group's incidents: count it once.
        unique = {c.claim_id: c for inc in group for c in inc.claims}
        members = sorted(unique.values(), key=lambda c: (c.article_id, c.span.start))
        ids = [c.claim_id for c in members]
        weapons = {inc.weapon for inc in group} - {None}
        where = ",".join(sorted({inc.place.place_id for inc in group}) + sorted(weapons))
        event_id = _stable_id(ids, previous, taken, where)
        taken.add(event_id)
        family = group[0].family
        etype, subtype = _type(family, Counter(modes[c.claim_id] for c in members), members)
        if etype == "Explosions/Remote violence" and len(weapons) == 1:
            subtype = WEAPON_SUBTYPES[next(iter(weapons))]
        places = {inc.place.place_id: inc.place for inc in group}
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
