"""Exports analysts load as they are: CSV (events in ACLED's columns), GeoJSON, Parquet, and the
tsv/json listings of `fogwatch claims` and `fogwatch events` for pipes."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from fogwatch.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """A ledger of two real GDELT reports of strikes (Kramatorsk, Vinnytsia), reconciled into events."""
    from test_sources import gdelt_bodies, seen_time

    from fogwatch.ledger import open_ledger
    from fogwatch.pipeline import reconcile_ledger, run

    folder = tmp_path_factory.mktemp("exports")
    lines = [json.dumps({"text": text, "url": f"https://news.example.org/{name}", "outlet": "GDELT sample",
                         "published": seen_time(name).date().isoformat()})
             for name, text in gdelt_bodies(1, start=45) + gdelt_bodies(1, start=100)]
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ledger = open_ledger(str(folder / "t.db"))
    assert run([folder / "reports.jsonl"], ledger).added == 2
    assert reconcile_ledger(ledger)
    return str(folder / "t.db")


def export(db: str, what: str, fmt: str, *extra: str) -> str:
    result = runner.invoke(app, ["export", "--what", what, "--format", fmt, "--db", db, *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_events_csv_has_acled_columns_and_the_figures(db):
    from fogwatch.views.flat import ACLED_COLUMNS

    rows = list(csv.DictReader(io.StringIO(export(db, "events", "csv"), newline="")))
    events = [json.loads(line) for line in export(db, "events", "jsonl").splitlines()]
    assert rows and len(rows) == len(events)
    assert tuple(rows[0])[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    by_id = {r["event_id_cnty"]: r for r in rows}
    for event in events:
        row = by_id[event["event_id"]]
        assert (row["event_type"], row["sub_event_type"]) == (event["type"], event["subtype"])
        killed = [m["best"] or 0 for m in event["measures"] if m["predicate"] == "killed"]
        assert int(row["fatalities"]) == sum(killed)
        if event["places"]:
            assert float(row["latitude"]) == event["places"][0]["lat"] and row["location"] == event["places"][0]["name"]
        assert row["notes"].count("(low ") == len(event["measures"])
    assert any(r["country"] == "Ukraine" and r["iso"] == "804" and r["fatalities"] != "0" for r in rows)
    assert all(r["source"] == "GDELT sample" and r["event_date"][:4] == r["year"] for r in rows)


def test_claims_csv_is_flat_and_round_trips_the_text(db):
    rows = list(csv.DictReader(io.StringIO(export(db, "claims", "csv"), newline="")))
    claims = [json.loads(line) for line in export(db, "claims", "jsonl").splitlines()]
    assert [r["claim_id"] for r in rows] == [c["claim_id"] for c in claims]
    assert [r["text"] for r in rows] == [c["text"] for c in claims]  # quotes, commas and line breaks survive
    killed = [r for r in rows if r["predicate"] == "killed" and r["quantity_low"]]
    assert killed and all(r["quantity_unit"] for r in killed)


def test_geojson_points_with_measures(db):
    collection = json.loads(export(db, "events", "geojson"))
    assert collection["type"] == "FeatureCollection" and collection["features"]
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
    assert any(k.startswith("killed_") and k.endswith("_best") for f in collection["features"] for k in f["properties"])
    claims = json.loads(export(db, "claims", "geojson"))
    assert claims["features"] and all(f["properties"]["place"] for f in claims["features"])
    refused = runner.invoke(app, ["export", "--what", "actors", "--format", "geojson", "--db", db])
    assert refused.exit_code == 1 and "geojson holds events or claims" in refused.stderr


def test_parquet(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="parquet export needs the optional pyarrow")
    for what in ("events", "claims", "articles"):
        out = tmp_path / f"{what}.parquet"
        export(db, what, "parquet", "-o", str(out))
        table = pq.read_table(out)
        jsonl = export(db, what, "jsonl").splitlines()
        assert table.num_rows == len(jsonl) > 0
    assert pq.read_table(tmp_path / "events.parquet").schema.field("latitude").type == "double"
    no_file = runner.invoke(app, ["export", "--what", "events", "--format", "parquet", "--db", db])
    assert no_file.exit_code == 1 and "-o/--output" in no_file.stderr


def test_listings_for_pipes_do_not_wrap(db):
    wide = runner.invoke(app, ["claims", "--format", "tsv", "--db", db], env={"COLUMNS": "80"})
    lines = wide.stdout.splitlines()
    header = lines[0].split("\t")
    claims = [json.loads(line) for line in export(db, "claims", "jsonl").splitlines()]
    assert len(lines) == len(claims) + 1 and all(len(line.split("\t")) == len(header) for line in lines)
    assert any(len(line) > 200 for line in lines)  # a whole sentence on one line, not folded at 80
    killed = runner.invoke(app, ["claims", "--predicate", "killed", "--format", "json", "--db", db]).stdout
    assert killed and all(json.loads(line)["predicate"] == "killed" for line in killed.splitlines())
    events = runner.invoke(app, ["events", "--format", "tsv", "--db", db]).stdout.splitlines()
    assert events[0].startswith("event_id_cnty\tevent_date\t") and len(events) > 1
    assert runner.invoke(app, ["events", "--format", "xml", "--db", db]).exit_code == 1
