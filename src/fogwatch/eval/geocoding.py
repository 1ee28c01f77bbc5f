"""Toponym detection and geocoding against GeoWebNews and LGL.

Layouts (`--data DIR`):
- gwn: `GWN.xml`, `<article file><title><link><text><toponyms><toponym>` with `extractedName`,
  `type`, `start`, `end`, `geonamesID`, `latitude`, `longitude` (offsets into `<text>`);
- lgl: `lgl.xml`, `<article docid><text><toponyms><toponym><start><end><phrase>` and a `<gaztag
  geonameid>` holding `<lat>` and `<lon>` (read wherever they sit under the toponym).

Scores:
- detection (P/R/F1, exact character spans) of `extract(...).places` against the gold toponyms
  that name a place literally: on GeoWebNews the types `Literal` and `Literal_Modifier` (as
  ../shared/eval/README.md says); a prediction on another *toponym* type (Metonymic, Mixed,
  Coercion, Embedded_Literal, Embedded_Non_Lit, Non_Literal_Modifier, Demonym) is neither right nor
  wrong, one on a non-toponym (Non_Toponym, Literal_Expression, Non_Lit_Expression, Language,
  Homonym) or on nothing is a false positive. On LGL every toponym counts;
- geocoding given the gold toponyms (all with coordinates, whatever their type): share within
  161 km (100 miles) and median error, a name the geocoder cannot place counting as 20,000 km (names
  known to be places: one the gazetteer lacks is placed within the article's town or region,
  `geocode(..., place_unknown=True)`);
- end to end: share of the gold toponyms with coordinates that a predicted place overlaps and
  puts within 161 km.
"""
from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from fogwatch.errors import FogwatchError
from fogwatch.reconcile.cluster import km

DETECTED_TYPES = {"Literal", "Literal_Modifier"}
NOT_TOPONYMS = {"Non_Toponym", "Literal_Expression", "Non_Lit_Expression", "Language", "Homonym"}
HIT_KM = 161.0
UNPLACED_KM = 20_000.0  # about half the Earth's circumference: no place is further off
AFTER_CHARS = 40


class BadCorpus(FogwatchError):
    """The folder is not a GeoWebNews or LGL corpus"""


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    type: str  # GeoWebNews type; "Literal" for LGL
    lat: float | None
    lon: float | None
    geonames_id: int | None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    doc_id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def read_gwn(path: Path) -> list[GoldDoc]:
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        toponyms = []
        for t in article.iter("toponym"):
            gid = (t.findtext("geonamesID") or "").strip()
            toponyms.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("extractedName") or "",
                                        t.findtext("type") or "", _float(t.findtext("latitude")),
                                        _float(t.findtext("longitude")), int(gid) if gid.isdigit() else None))
        docs.append(GoldDoc(article.get("file") or str(len(docs)), article.findtext("text") or "", tuple(toponyms)))
    return docs


def read_lgl(path: Path) -> list[GoldDoc]:
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        toponyms = []
        for t in article.iter("toponym"):
            tag = t.find("gaztag")
            gid = tag.get("geonameid") if tag is not None else None
            toponyms.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "",
                                        "Literal", _float(t.findtext(".//lat")), _float(t.findtext(".//lon")),
                                        int(gid) if gid and gid.isdigit() else None))
        docs.append(GoldDoc(article.get("docid") or str(len(docs)), article.findtext("text") or "", tuple(toponyms)))
    return docs


def read(data: Path, fmt: str) -> list[GoldDoc]:
    name = {"gwn": "GWN.xml", "lgl": "lgl.xml"}.get(fmt)
    if name is None:
        raise BadCorpus(f"unknown format {fmt!r} (gwn or lgl)")
    path = data / name
    if not path.is_file():
        raise BadCorpus(f"{path}: no such file (a {fmt} corpus has {name})")
    try:
        return (read_gwn if fmt == "gwn" else read_lgl)(path)
    except (ET.ParseError, TypeError, ValueError) as exc:
        raise BadCorpus(f"{path}: {exc}") from exc


def geocoding_given_gold(docs: list[GoldDoc]) -> dict:
    """Place each document's gold toponyms (with coordinates) together, as the geocoder would."""
    from fogwatch.geocode import Toponym, geocode

    errors, misses = [], []
    for doc in docs:
        gold = [t for t in doc.toponyms if t.lat is not None]
        resolved = geocode([Toponym(t.name, doc.text[t.end:t.end + AFTER_CHARS]) for t in gold], place_unknown=True)
        for t, r in zip(gold, resolved):
            error = km((t.lat, t.lon), (r.place.lat, r.place.lon)) if r else UNPLACED_KM
            errors.append(error)
            if error > HIT_KM:
                misses.append({"doc": doc.doc_id, "name": t.name, "km": round(error),
                               "chosen": f"{r.place.name}, {r.place.country}" if r else None})
    n = len(errors)
    return {"n": n, "acc_161km": round(sum(e <= HIT_KM for e in errors) / n, 4) if n else 0.0,
            "median_km": round(statistics.median(errors), 1) if n else 0.0, "misses": misses}


def _counted(t: GoldToponym, fmt: str) -> bool:
    return fmt == "lgl" or t.type in DETECTED_TYPES


def end_to_end(docs: list[GoldDoc], fmt: str) -> dict:
    """Detection P/R/F1 and end-to-end accuracy of `extract(...).places` over the gold texts."""
    import datetime as dt

    from fogwatch.clean import article_id
    from fogwatch.extract import extract
    from fogwatch.records import Article

    articles = [Article(article_id=article_id(d.text), text=d.text, ingested_at=dt.datetime(2026, 1, 1)) for d in docs]
    tp = fp = fn = hits = with_coords = 0
    for doc, extraction in zip(docs, extract(articles, attribution_model=False)):
        predicted = {(m.span.start, m.span.end): m.place for m in extraction.places}
        counted = {(t.start, t.end) for t in doc.toponyms if _counted(t, fmt)}
        other = {(t.start, t.end) for t in doc.toponyms if not _counted(t, fmt) and t.type not in NOT_TOPONYMS}
        tp += len(counted & predicted.keys())
        fn += len(counted - predicted.keys())
        fp += len(predicted.keys() - counted - other)
        for t in doc.toponyms:
            if t.lat is None:
                continue
            with_coords += 1
            hits += any(s < t.end and t.start < e and km((t.lat, t.lon), (p.lat, p.lon)) <= HIT_KM
                        for (s, e), p in predicted.items())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"toponym_precision": round(precision, 4), "toponym_recall": round(recall, 4), "toponym_f1": round(f1, 4),
            "e2e_acc_161km": round(hits / with_coords, 4) if with_coords else 0.0}


def evaluate(data: Path, fmt: str, end_to_end_too: bool = True) -> dict:
    docs = read(data, fmt)
    result = {"format": fmt, "documents": len(docs), **geocoding_given_gold(docs)}
    if end_to_end_too:
        result.update(end_to_end(docs, fmt))
    return result
