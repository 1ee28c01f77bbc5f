"""Exports: the fogwatch/1 interchange format (DESIGN.md), and the flat tables analysts load as they are.

`jsonl` is the interchange: one JSON object per line, nested as the records are. `csv`, `tsv` and
`parquet` are the flat rows of `views.flat` (events in ACLED's columns); `geojson` is a
FeatureCollection of points (events at their first place, claims at theirs) with the flat row as
properties and each measure as numeric properties, which QGIS and kepler.gl open directly.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from fogwatch.errors import FogwatchError
from fogwatch.ledger import Ledger
from fogwatch.views import flat
from fogwatch.views.neutral import neutralise

# Fields the ledger joins in for people at a terminal, not part of the claim record.
_VIEW_ONLY = ("outlet", "published")


class ExportUnavailable(FogwatchError):
    """That export cannot be written"""


def interchange(claim: dict) -> dict:
    """A ledger claim row as the fogwatch/1 claim object (without the joined view-only fields)."""
    return {k: v for k, v in claim.items() if k not in _VIEW_ONLY}


def claims(ledger: Ledger) -> Iterator[dict]:
    for row in ledger.iter_claims():
        yield interchange(row)


EXPORTERS: dict[str, Callable[[Ledger], Iterable[dict]]] = {
    "claims": claims,
    "events": lambda ledger: ledger.iter_events(),
    "articles": lambda ledger: ledger.iter_articles(),
    "actors": lambda ledger: ledger.iter_actors(),
}


def write_jsonl(rows: Iterable[dict], handle: TextIO) -> int:
    n = 0
    for row in rows:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_delimited(columns: tuple[str, ...], rows: Iterable[dict], handle: TextIO, delimiter: str = ",") -> int:
    """Flat rows as CSV (quoted as RFC 4180), or as TSV for `cut`/`awk`: one line per row,
    unquoted, so tabs and line breaks inside a value become spaces there."""
    def write_tsv_row(values: list) -> None:
        handle.write("\t".join(_tsv(v) for v in values) + "\n")

    write_row = write_tsv_row if delimiter == "\t" else csv.writer(handle, lineterminator="\r\n").writerow
    write_row(columns)
    n = 0
    for row in rows:
        write_row([flat.cell(row[c]) for c in columns])
        n += 1
    return n


def write_listing(what: str, rows: list[dict], ledger: Ledger, fmt: str, handle: TextIO) -> int:
    """Events or claims already chosen (`fogwatch events --disputed`, `claims --predicate`), for a
    pipe: `json` as interchange lines, `tsv` as the flat rows."""
    if fmt == "json":
        return write_jsonl((interchange(r) for r in rows) if what == "claims" else rows, handle)
    if what == "events":
        context = flat.EventContext.of(ledger)
        return write_delimited(flat.EVENT_COLUMNS, (flat.event_row(e, context) for e in rows), handle, "\t")
    return write_delimited(flat.CLAIM_COLUMNS, map(flat.claim_row, rows), handle, "\t")


def _tsv(value: object) -> str:
    """One TSV cell: on one line, and with no control or bidi character that could rewrite a terminal."""
    return "" if value is None else " ".join(neutralise(str(value)).split())


def features(what: str, ledger: Ledger) -> Iterator[dict]:
    """GeoJSON Point features of the events (or claims) that have a place; the others are left out,
    as a map cannot show them."""
    if what == "events":
        context = flat.EventContext.of(ledger)
        for event in ledger.iter_events():
            row = flat.event_row(event, context)
            if row["latitude"] != "" and row["longitude"] != "":
                yield _point(row, flat.measure_columns(event))
    elif what == "claims":
        for row in flat.claim_rows(ledger):
            if row["latitude"] is not None and row["longitude"] is not None:
                yield _point(row, {})
    else:
        raise ExportUnavailable(f"geojson holds events or claims (places), not {what}")


def _point(row: dict, extra: dict) -> dict:
    properties = {k: flat.cell(v) for k, v in row.items() if k not in ("latitude", "longitude")}
    return {"type": "Feature", "id": row.get("event_id_cnty") or row.get("claim_id"),
            "geometry": {"type": "Point", "coordinates": [float(row["longitude"]), float(row["latitude"])]},
            "properties": {**properties, **extra}}


def write_geojson(what: str, ledger: Ledger, handle: TextIO) -> int:
    """An RFC 7946 FeatureCollection (WGS84 longitude, latitude), streamed feature by feature."""
    n = 0
    handle.write('{"type": "FeatureCollection", "features": [\n')
    for feature in features(what, ledger):
        handle.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    handle.write("\n]}\n")
    return n


def write_parquet(what: str, ledger: Ledger, path: Path) -> int:
    """The flat table as one Parquet file (pyarrow, the `parquet` extra)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportUnavailable("parquet needs pyarrow: pip install 'fogwatch[parquet]'") from None
    columns, rows = flat.TABLES[what]
    data = {c: [] for c in columns}
    for row in rows(ledger):
        for c in columns:
            data[c].append(flat.cell(row[c]))
    arrays = {c: pa.array([None if v == "" else v for v in values]) for c, values in data.items()}
    # A column with no value in this ledger is still text to a reader, not Parquet's null type.
    table = pa.table({c: a.cast(pa.string()) if pa.types.is_null(a.type) else a for c, a in arrays.items()})
    pq.write_table(table, path)
    return table.num_rows


TEXT_FORMATS = ("jsonl", "csv", "tsv", "geojson")
FORMATS = (*TEXT_FORMATS, "parquet")


def write(what: str, fmt: str, ledger: Ledger, output: Path | None, stdout: TextIO) -> int:
    """Write the `what` table of `ledger` in `fmt` to `output` (or `stdout`); the number of rows."""
    if fmt == "parquet":
        if output is None:
            raise ExportUnavailable("parquet is a binary file: name it with -o/--output")
        return write_parquet(what, ledger, output)
    handle = output.open("w", encoding="utf-8", newline="") if output else stdout
    try:
        if fmt == "jsonl":
            return write_jsonl(EXPORTERS[what](ledger), handle)
        if fmt == "geojson":
            return write_geojson(what, ledger, handle)
        columns, rows = flat.TABLES[what]
        return write_delimited(columns, rows(ledger), handle, "\t" if fmt == "tsv" else ",")
    finally:
        if output:
            handle.close()
