"""Geocode: place names → GeoNames places, each with a precision and a confidence.

`geocode(toponyms)` resolves the toponyms of one article together: the names the article is sure of
(countries, demonyms, regions of one name, big cities) become its context, then each name is ranked
on its own (`rank.py`), so one name that resolves to nothing never changes another's candidates. A
second pass ranks every name again with what the first placed confidently added to the context
(`widen`): the other names' countries and points, so namesakes near the article's places win. Last, a
name still unplaced (a street, a shop, a village GeoNames lacks) is placed within the article's own
town or region at precision "near" and half confidence, when the caller knows its names are places
(`within`; the extract stage does not: read on real news, most of its placements of street and
site names were wrong, see docs/places.md). The gazetteer (`gazetteer.py`) and its
data are described in docs/places.md; the extract stage finds the names (`fogwatch.extract.places`),
this stage only says where they are.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from fogwatch.geocode.gazetteer import Candidate, Gazetteer, gazetteer, km
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
    within: bool = False  # a name the gazetteer lacks, placed at the article's place that holds it: `within`


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
    city = gaz.city_state(best.place.country) if best.kind == "country" and best.via == "name" else None
    if city is not None and (not site or fold(city.place.name) in fold(toponym.name)):
        best = city  # Hong Kong, Singapore: the territory is one city, a locality for incidents and maps
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


def geocode(toponyms: Sequence[Toponym], context_names: Iterable[str] = (),
            place_unknown: bool = False) -> list[Resolution | None]:
    """One article's toponyms, placed together (in order; None where a name fits nothing): a first pass
    in the context of the names the article is sure of, a second in that of the first's results.
    `place_unknown`, for names known to be places (gold toponyms, an analyst's list): a name the
    gazetteer lacks is placed within the article's town or region (`within`) rather than left out."""
    gaz = gazetteer()
    ctx = context_of(gaz, [t.name for t in toponyms] + list(context_names))
    first = [resolve(t, ctx, gaz=gaz) for t in toponyms]
    wider = widen(ctx, first, gaz)
    second = [resolve(t, wider, gaz=gaz) for t in toponyms]
    return within(toponyms, second, gaz) if place_unknown else second


# A name placed within the article's place keeps this share of that place's confidence.
WITHIN_CONFIDENCE = 0.5
# The article's local places this close to one another count as one cluster (`anchor`).
ANCHOR_KM = 50.0
# What a name that is no sub-locality says it is: a sea, a range, a people. Placed at the article's
# town these would mislead; they stay unplaced.
_NOT_WITHIN = re.compile(r"\b(?:ocean|sea|seas|gulf|peninsula|mountains|mountain range|desert|continent|strait|"
                         r"channel|archipelago)\b|(?:ish|ese|ian|ean|ic)$", re.IGNORECASE)


def anchor(resolutions: Sequence[Resolution | None]) -> Resolution | None:
    """The most specific place an article is about, among what it placed under names of their own:
    the town or county with most of the article's other towns and counties within 50 km plus most
    of its placed names (of any kind: "Egypt", "Egyptian") in its country, so that an article on a
    Cairo academy named after Liverpool stays in Cairo (mentions, then people, break ties); among
    those placed confidently if any. Else the article's most named first-level region. Never a
    country: an article on New Orleans that says "French" and "France" a dozen times puts no street
    in France (one GeoWebNews name in 1,344 is lost)."""
    own = [r for r in resolutions if r is not None and r.own_name and not r.site and not r.within]
    local = [r for r in own if r.kind in ("city", "admin2")]
    sure = [r for r in local if r.confidence >= WIDEN_CONFIDENCE] or local
    if sure:
        mentions = Counter(r.place.place_id for r in local)
        countries = Counter(r.place.country for r in resolutions if r is not None and not r.within)

        def support(r: Resolution) -> tuple:
            near = sum(km(r.place.lat, r.place.lon, o.place.lat, o.place.lon) <= ANCHOR_KM for o in local)
            return near + countries[r.place.country], mentions[r.place.place_id], r.population

        return max(sure, key=support)
    regions = [r for r in own if r.kind == "admin1"]
    if regions:
        top = Counter(r.place.place_id for r in regions).most_common(1)[0][0]
        return next(r for r in regions if r.place.place_id == top)
    return None  # not a country: "Royal Street" in an article that names France and Louisiana only


def within(toponyms: Sequence[Toponym], resolutions: list[Resolution | None],
           gaz: Gazetteer | None = None) -> list[Resolution | None]:
    """A name nothing in the gazetteer fits ("Royal Street", "Faubourg Marigny", "Whole Foods", a
    village GeoNames lacks) is most often inside a place the article names: the town the text puts it
    in right after it ("Collins Avenue in Miami Beach", `_holder`), else the place the article is
    about (`anchor`). It is placed there at precision "near" for a town or county (ACLED's
    geo-precision 2), "admin1" for a region, at half that place's confidence, and
    marked `within`. Not a name of a sea, a mountain range or a people (`_NOT_WITHIN`), nor when the
    article places nothing. So too a village far from the article's town that is likelier a namesake
    street or shop there (`_stray_village`)."""
    home = anchor(resolutions)
    if home is None:
        return resolutions
    gaz = gaz or gazetteer()
    local = home.kind in ("city", "admin2")
    placed = [r for r in resolutions if r is not None and not r.within]
    out = []
    for t, r in zip(toponyms, resolutions):
        if r is None and not _NOT_WITHIN.search(t.name.strip()) or \
                local and r is not None and _stray_village(gaz, r, home, placed):
            r = placed_within(t, _holder(t, placed) or home)
        out.append(r)
    return out


def placed_within(toponym: Toponym, holder: Resolution) -> Resolution:
    """`toponym` placed within `holder`'s place: precision "near" for a town or county, half the confidence."""
    precision = "near" if holder.kind in ("city", "admin2") else holder.place.precision
    # An id of its own: a ledger stores one row per place id, and the holder keeps its precision there.
    place = replace(holder.place, place_id=f"{holder.place.place_id}~near", precision=precision)
    return Resolution(toponym, place, holder.kind,
                      round(holder.confidence * WITHIN_CONFIDENCE, 3), holder.population, own_name=False, within=True)


# Right after a name, what puts it in a place: "in Miami Beach", ", Bratislava", "at Washington Square".
_HOLDER = re.compile(r"^\s*(?:,|\(|in|at|near|outside|on|of)\s*(?:the\s+)?", re.IGNORECASE)


def _holder(toponym: Toponym, placed: list[Resolution]) -> Resolution | None:
    """The town or county the text puts a name in right after it, among the article's names placed
    confidently under their own: "Collins Avenue in Miami Beach", "Celebrity Cake Studio in Tacoma",
    "Hotel Kyjev, Bratislava"."""
    match = _HOLDER.match(toponym.after or "")
    if not match:
        return None
    rest = toponym.after[match.end():]
    best = None
    for r in placed:
        name = r.toponym.name
        if not (r.own_name and r.kind in ("city", "admin2") and r.confidence >= WIDEN_CONFIDENCE):
            continue
        if rest.startswith(name) and not rest[len(name):len(name) + 1].isalnum() and \
                (best is None or len(name) > len(best.toponym.name)):
            best = r
    return best


# A village this small, this far from the article's town, in a region nothing else in the article is
# in, is rather a namesake street, shop or winery there ("rolled down Bourbon and Dauphine streets" in
# New Orleans is not Bourbon, Missouri; "wineries ... Booker" in Santa Barbara not Booker, Texas).
STRAY_POPULATION, STRAY_KM = 5_000, 500.0


def _stray_village(gaz: Gazetteer, r: Resolution, home: Resolution, placed: list[Resolution]) -> bool:
    if r.kind != "city" or r.site or r.population >= STRAY_POPULATION or home.confidence < WIDEN_CONFIDENCE:
        return False
    code = gaz.admin1_code(r.place)
    if any(o.place.place_id != r.place.place_id and gaz.admin1_code(o.place) == code for o in placed):
        return False
    return km(r.place.lat, r.place.lon, home.place.lat, home.place.lon) > STRAY_KM


__all__ = ["Candidate", "Context", "Resolution", "Toponym", "anchor", "context_of", "gazetteer", "geocode",
           "placed_within", "resolve", "widen", "within"]
