"""Geocode: place names → GeoNames places, each with a precision and a confidence.

`geocode(toponyms)` resolves the toponyms of one article together: the names the article is sure of
(countries, demonyms, regions of one name, big cities) become its context, then each name is ranked
on its own (`rank.py`), so one name that resolves to nothing never changes another's candidates. A
second pass ranks every name again with what the first placed confidently added to the context
(`widen`): the other names' countries and points, so namesakes near the article's places win. The gazetteer (`gazetteer.py`) and its data are described in docs/places.md; the
extract stage finds the names (`fogwatch.extract.places`), this stage only says where they are.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fogwatch.geocode.gazetteer import Candidate, Gazetteer, gazetteer
from fogwatch.geocode.rank import Context, context_of, qualifier, rank
from fogwatch.records import Place
from fogwatch.registry.actors import fold

# A first-pass result this sure joins the article's context for the second pass.
WIDEN_CONFIDENCE = 0.6


@dataclass(frozen=True, slots=True)
class Toponym:
    """A name to place: `after` is the text right after it (for "Long Beach, CA"), `hint` what the
    sentence says it is ("region" for "the X region", "settlement" for "the town of X")."""

    name: str
    after: str = ""
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    toponym: Toponym
    place: Place
    kind: str  # continent (or world region), country, admin1, admin2, city
    confidence: float
    population: int = 0
    own_name: bool = True  # the name is the place's own, not only an alternate or a transliteration
    site: bool = False  # a site named after the place ("Manila Cathedral"): `Gazetteer.embedded`


@functools.cache
def demonyms() -> frozenset[str]:
    """"american", "afghan", ...: the demonyms of the names table, lower-case."""
    return frozenset(name for name, targets in gazetteer().names.items() if any(kind == "demonym" for _, kind in targets))


def _split_qualifier(gaz: Gazetteer, toponym: Toponym) -> Toponym:
    """"Washington, D.C." or "Paris, Texas" given as one name: the place and the qualifier after it,
    as if the text had named them apart (only when the whole name is unknown and the tail qualifies)."""
    head, comma, tail = toponym.name.partition(",")
    if not comma or not head.strip() or gaz.candidates(toponym.name) or qualifier(gaz, f",{tail}") is None:
        return toponym
    return Toponym(head.strip(), f",{tail}{toponym.after}", toponym.hint)


def resolve(toponym: Toponym, ctx: Context, fuzzy: bool = True, gaz: Gazetteer | None = None) -> Resolution | None:
    """The likeliest place for one name in an article's context, or None when nothing fits."""
    gaz = gaz or gazetteer()
    toponym = _split_qualifier(gaz, toponym)
    candidates = gaz.candidates(toponym.name, fuzzy=fuzzy)
    if toponym.hint == "region":
        candidates += [c for c in gaz.region(toponym.name, fuzzy=fuzzy) if c not in candidates]
    site = not candidates
    if site:  # "Manila Cathedral", "University of Alberta": where the place it is named after is
        candidates = gaz.embedded(toponym.name)
    own = ctx.without(toponym.name)
    ranked = rank(gaz, candidates, own, toponym.hint, toponym.after)
    if ranked is None:
        return None
    best, confidence = ranked
    if site:
        # The town only when it is a city everyone knows, or lies among the article's places:
        # "Carnegie Library" in New Orleans is not in Carnegie, Pennsylvania, nor the "Rogers Centre"
        # of Toronto in Arkansas. A site is named after a place elsewhere too ("Washington
        # University" is in St. Louis): a guess, at lower confidence, never the name's own place.
        # Nor a country: "Jamaica Hospital" is in Queens.
        if best.kind == "country" or (best.kind == "city" and not _sure_site_town(gaz, best, own)):
            return None
        return Resolution(toponym, best.place, best.kind, round(confidence * SITE_CONFIDENCE, 3), best.population,
                          False, site=True)
    return Resolution(toponym, best.place, best.kind, confidence, best.population, best.exact and best.similarity == 100)


SITE_CONFIDENCE = 0.7
SITE_TOWN_POPULATION = 100_000
SITE_TOWN_KM = 150.0


def _sure_site_town(gaz: Gazetteer, best: Candidate, ctx: Context) -> bool:
    """Whether the town a site is named after is where the site is: a city of 100,000 or more under
    its own name, or a town in a country the article names that lies within 150 km of its other
    placed names or in a region it names."""
    if best.exact and best.population >= SITE_TOWN_POPULATION:
        return True
    if best.place.country not in ctx.countries:
        return False
    near = ctx.nearest_km(best.place.lat, best.place.lon)
    return (near is not None and near <= SITE_TOWN_KM) or ctx.regions.get(gaz.admin1_code(best.place), 0) > 0


def widen(ctx: Context, resolutions: Iterable[Resolution | None], gaz: Gazetteer | None = None) -> Context:
    """`ctx` plus what a first pass placed with confidence: each name's country and region (one vote a
    name) and its point, so that a namesake is ranked again beside the article's other places
    ("Parkland" beside Florida, "Oceanside" beside Bellmore, "Santa Barbara" beside Goleta)."""
    gaz = gaz or gazetteer()
    wider = ctx.copy()
    seen = {fold(name) for name in wider.votes}
    for r in resolutions:
        if r is None or fold(r.toponym.name) in seen or r.confidence < WIDEN_CONFIDENCE or not r.own_name:
            continue
        seen.add(fold(r.toponym.name))
        wider.add_place(gaz, r.place, r.kind, r.toponym.name, region_vote=r.kind in ("admin1", "admin2"))
    return wider


def geocode(toponyms: Sequence[Toponym], context_names: Iterable[str] = ()) -> list[Resolution | None]:
    """One article's toponyms, placed together (in order; None where a name fits nothing): a first pass
    in the context of the names the article is sure of, a second in that of the first's results."""
    gaz = gazetteer()
    ctx = context_of(gaz, [t.name for t in toponyms] + list(context_names))
    first = [resolve(t, ctx, gaz=gaz) for t in toponyms]
    wider = widen(ctx, first, gaz)
    return [resolve(t, wider, gaz=gaz) for t in toponyms]


__all__ = ["Candidate", "Context", "Resolution", "Toponym", "context_of", "gazetteer", "geocode", "resolve", "widen"]
