"""Choosing what a name means: population, kind of place and the article's context.

Each candidate gets a score; the highest wins, and the margin over the runner-up gives a confidence.
- Kind: an alias or demonym from the names table beats all ("US" is the country, not the French
  village Us); then continents and countries; first-level regions (worth a 3-million city, so
  "Texas" is the state but "New York" the city), counties; cities by log population, capitals up,
  a match on an alternate name only down ("Salisbury" is not first Harare's old name).
- Context: a place in a country the article names gets +3, a city or county in a region it names
  +2.5 a mention, +5 at most, less the share of its country the region holds ("Paris" stays in
  France unless the article names Texas; "England" says little about a town); a country the
  article never names yields to a region of its main country ("Georgia" beside Atlanta). "Long
  Beach, CA": a qualifier after the comma (state code, AP abbreviation, region or country name)
  decides among candidates.
- Nearness: a namesake near the article's other placed cities and counties gains up to +3
  (`Context.points`, filled by the second pass of `geocode.geocode`).
- Hints: "the X region" prefers regions, "the town of X" cities.
- A transliteration guess (fuzzy match) only counts inside a country the article is mostly about
  (`Context.main_countries`), so "Europe" never becomes Erpe in Belgium, nor "Cauvery" Cuvry in
  France because the article also names Paris.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from fogwatch.geocode.gazetteer import AP_STATES, Candidate, Gazetteer, km
from fogwatch.records import Place
from fogwatch.registry.actors import fold

BASE = {"continent": 35.0, "country": 30.0, "admin1": 13.0, "admin2": 10.0}
NAMED = 40.0  # an alias or demonym of the names table
IN_COUNTRY, IN_REGION, CAPITAL = 3.0, 5.0, 3.0
QUALIFIED, HINTED, FUZZY_PENALTY, ALTERNATE_PENALTY = 25.0, 10.0, 4.0, 3.0
# Where names are English already, a near-miss spelling is another word ("Defence" is no Defiance).
NAMED_IN_ENGLISH = {"US", "GB", "CA", "AU", "NZ", "IE"}
# A city holding this share of its namesake region's people is what the bare name means.
NAMESAKE_SHARE = 0.1
# Cities this large fix their country and region as context ("Kyiv" says the article is in Ukraine).
CONTEXT_CITY_POPULATION = 500_000
# A namesake next to the article's other places gains up to NEAR, falling to nothing at FAR_KM.
NEAR, NEAR_KM, FAR_KM = 3.0, 50.0, 1500.0
LOCAL_KINDS = ("city", "admin2")
_QUALIFIER = re.compile(r"^\s*,\s*((?:[A-Z][A-Za-z]*\.?)(?:\s?[A-Z][A-Za-z]*\.?){0,2})")


@dataclass
class Context:
    """What the article is about, as countries and first-level regions with how often they come up."""

    countries: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)
    # What each name added, so that a name is ranked without its own vote ("Paris" alone must not
    # make the article French before Paris, Texas is weighed).
    votes: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    # Where the article's other names were placed (a first pass, `geocode.geocode`): a namesake
    # near them is likelier than one across the world ("Oceanside" beside Bellmore is on Long Island).
    points: dict[str, tuple[float, float]] = field(default_factory=dict)

    def copy(self) -> Context:
        """A context to add to without changing this one."""
        return Context(Counter(self.countries), Counter(self.regions), dict(self.votes), dict(self.points))

    def without(self, name: str) -> Context:
        vote = self.votes.get(name)
        points = {k: v for k, v in self.points.items() if k != name}
        if vote is None:
            return self if len(points) == len(self.points) else Context(self.countries, self.regions, {}, points)
        countries, regions = Counter(self.countries), Counter(self.regions)
        countries.subtract([v for v in vote[:1] if v])
        regions.subtract([v for v in vote[1:] if v])
        return Context(+countries, +regions, {}, points)

    def main_countries(self) -> set[str]:
        """The countries the article is mostly about: named twice or more, or the most named."""
        top = self.countries.most_common(1)
        return {c for c, n in self.countries.items() if n >= 2} | {c for c, _ in top}

    def add(self, gaz: Gazetteer, candidate: Candidate, name: str | None = None) -> None:
        self.add_place(gaz, candidate.place, candidate.kind, name)

    def add_place(self, gaz: Gazetteer, place: Place, kind: str, name: str | None = None,
                  region_vote: bool = True) -> None:
        code = gaz.admin1_code(place) if kind not in ("country", "continent") and region_vote else None
        if place.country:
            self.countries[place.country] += 1
        if code:
            self.regions[code] += 1
        if name is not None:
            self.votes[name] = (place.country, code)
            if kind in LOCAL_KINDS:
                self.points[name] = (place.lat, place.lon)

    def nearest_km(self, lat: float, lon: float) -> float | None:
        """How far the closest of the article's other placed names is, if any is placed."""
        return min((km(lat, lon, *p) for p in self.points.values()), default=None)


def nearness(ctx: Context, place: Place) -> float:
    """1 for a place beside the article's other places (NEAR_KM), falling with log distance to 0 at
    FAR_KM; 0 when nothing else is placed."""
    d = ctx.nearest_km(place.lat, place.lon)
    if d is None or d >= FAR_KM:
        return 0.0
    return 1.0 if d <= NEAR_KM else math.log(FAR_KM / d) / math.log(FAR_KM / NEAR_KM)


def context_of(gaz: Gazetteer, names: list[str]) -> Context:
    """The countries and regions a list of names (the article's toponyms, NER entities) is sure of:
    countries by name, alias or demonym, regions whose name is theirs alone, and cities of half a
    million or more that dwarf their namesakes."""
    ctx = Context()
    for name in dict.fromkeys(names):
        found = gaz.candidates(name)
        sure = [c for c in found if c.kind in ("country", "continent") or c.via != "name"]
        regions = [c for c in found if c.kind == "admin1"]
        cities = sorted((c for c in found if c.kind == "city"), key=lambda c: -c.population)
        if sure:
            ctx.add(gaz, sure[0], name)
        elif len(regions) == 1 and not (cities and cities[0].population >= CONTEXT_CITY_POPULATION):
            ctx.add(gaz, regions[0], name)
        elif cities and cities[0].population >= CONTEXT_CITY_POPULATION and cities[0].exact and \
                (len(cities) == 1 or cities[1].population * 10 < cities[0].population):
            ctx.add(gaz, cities[0], name)
    return ctx


def qualifier(gaz: Gazetteer, after: str) -> tuple[str | None, str | None] | None:
    """The (country, admin1 code) named right after a place: "Long Beach, CA", "Paris, Texas",
    "Lviv, Ukraine"; None when nothing after the comma is a region or a country."""
    match = _QUALIFIER.match(after or "")
    if not match:
        return None
    words = match.group(1)
    for size in range(len(words.split()), 0, -1):
        text = " ".join(words.split()[:size])
        key = fold(text).rstrip(".")
        if text.isupper() and len(text.rstrip(".")) == 2 and f"US.{text[:2]}" in gaz.admin1s:
            return "US", f"US.{text[:2]}"
        if key in AP_STATES and text.rstrip(".")[:1].isupper() and (text.endswith(".") or size > 1 or len(key) > 3):
            return "US", f"US.{AP_STATES[key]}"
        country = gaz.country_named(text)
        if country:
            return country.country, None
        regions = gaz.region(text)
        if len(regions) == 1 or (regions and all(r.place.country == "US" for r in regions)):
            return regions[0].place.country, regions[0].place.place_id[5:]
    return None


def score(gaz: Gazetteer, c: Candidate, ctx: Context, hint: str | None = None,
          qualified: tuple[str | None, str | None] | None = None) -> float:
    if c.via != "name":
        s = NAMED
    elif c.kind in BASE:
        s = BASE[c.kind]
    else:
        s = 2 * math.log10(c.population + 1)
        if c.exact:
            s += CAPITAL if gaz.cols["capital"][gaz.rows_by_gid[c.place.geonames_id]] else 0
        else:
            s -= ALTERNATE_PENALTY  # "Salisbury" is Harare's old name, but first Salisbury
    if c.similarity < 100:
        if c.place.country not in ctx.main_countries() or c.place.country in NAMED_IN_ENGLISH:
            return -math.inf  # no blind transliteration guesses
        s -= FUZZY_PENALTY
    if c.kind not in ("country", "continent"):
        if c.place.country in ctx.countries:
            s += IN_COUNTRY
        elif c.kind in ("admin1", "admin2") and ctx.countries:
            s -= IN_COUNTRY  # news names a foreign region bare far less than a foreign city: "Gaza"
        if c.kind in ("city", "admin2"):  # half for a region named once, all for one named twice
            code = gaz.admin1_code(c.place)
            votes = ctx.regions.get(code, 0)
            if votes:  # a region that is most of its country (England) says little about a town
                s += min(IN_REGION, IN_REGION / 2 * votes) * (1 - gaz.region_share(code))
        s += NEAR * nearness(ctx, c.place)
    if hint == "region" and c.kind in ("admin1", "admin2"):
        s += HINTED
    elif hint == "settlement" and c.kind == "city":
        s += HINTED
    if qualified:
        country, region = qualified
        inside = c.place.country == country and (region is None or gaz.admin1_code(c.place) == region)
        s += QUALIFIED if inside and c.kind not in ("country", "continent") else -QUALIFIED
    return s


def _namesake_city(gaz: Gazetteer, region: Candidate, candidates: list[Candidate]) -> Candidate:
    """A bare region name that is also the name of a city holding a tenth or more of the region's
    people means the city ("Kharkiv", "Donetsk", "Luhansk": their oblasts are named after them and
    news says "the Donetsk region" for the oblast); "Quebec", whose namesake city is a small part
    (6%), stays the province. (A fifth left Donetsk, 14% of its oblast, and Luhansk, 16%, as regions,
    where war news means the cities; GeoWebNews accuracy is the same at either share.)"""
    code = region.place.place_id[5:]
    share = NAMESAKE_SHARE * gaz.admin1_population(code)
    return next((c for c in candidates if c.kind == "city" and c.exact and c.similarity == 100
                 and gaz.admin1_code(c.place) == code and c.population >= share), region)


def rank(gaz: Gazetteer, candidates: list[Candidate], ctx: Context, hint: str | None = None,
         after: str = "") -> tuple[Candidate, float] | None:
    """The best candidate and a confidence in (0, 1): the margin over the runner-up, squashed."""
    qualified = qualifier(gaz, after)
    scored = sorted(((score(gaz, c, ctx, hint, qualified), i, c) for i, c in enumerate(candidates)),
                    key=lambda t: (-t[0], t[1]))
    scored = [t for t in scored if t[0] > -math.inf]
    if not scored:
        return None
    best = scored[0][2]
    yielded = None
    if best.kind == "admin1" and hint != "region":
        yielded, best = best, _namesake_city(gaz, best, [c for _, _, c in scored])
    if best.kind == "country" and best.via == "name" and best.place.country not in ctx.countries:
        # "Georgia" in an article about Atlanta and Texas is the state, not the country.
        home = ctx.main_countries()
        best = next((c for _, _, c in scored if c.kind == "admin1" and c.place.country in home), best)
    top = next(s for s, _, c in scored if c is best)
    # A region that yielded to its namesake city is no rival: the name means the city there too.
    rivals = [s for s, _, c in scored if c.place.place_id != best.place.place_id and c is not yielded]
    margin = top - rivals[0] if rivals else 10.0
    confidence = 1 / (1 + math.exp(-margin / 3))
    if best.similarity < 100:
        confidence *= 0.7
    return best, round(confidence, 3)
