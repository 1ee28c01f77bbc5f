"""An `Extraction` as Parquet rows and back: one article row, one row per claim.

A claim row is exactly the fogwatch/1 claim object that `fogwatch export --what claims` writes
for a newly stored claim (it is built by the ledger's own row functions, so the two cannot drift
apart). An article row is the fogwatch/1 article object plus what the ledger keeps beyond the
interchange and a reload needs: the precision of `published`, the relevance score, every actor
the article's claims name (with `discovered`) and the article's place mentions. With those,
`extraction` rebuilds the `Extraction` that `Ledger.save` stores as a local ingest would.

The schemas are Spark DDL strings, so this module needs neither Spark nor pyarrow.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from fogwatch.ledger.store import _actor_row, _claim_row, _place_row, _to_partial, claim_dict
from fogwatch.records import (SCHEMA, Actor, Attribution, Article, Claim, Extraction, Failure, Place, PlaceMention,
                              Quantity, Span, When)
from fogwatch.views.export import interchange


def _struct(*fields: str) -> str:
    return "STRUCT<" + ", ".join(fields) + ">"


def _f(name: str, kind: str) -> str:
    """A struct field; names are quoted, as `when` and `end` are SQL words."""
    return f"`{name}`: {kind}"


SPAN = "ARRAY<INT>"
_ACTOR_FIELDS = (_f("actor_id", "STRING"), _f("name", "STRING"), _f("aliases", "ARRAY<STRING>"),
                 _f("kind", "STRING"), _f("side", "STRING"))
ACTOR = _struct(*_ACTOR_FIELDS)
_PLACE_FIELDS = (_f("place_id", "STRING"), _f("geonames_id", "BIGINT"), _f("name", "STRING"), _f("admin1", "STRING"),
                 _f("country", "STRING"), _f("lat", "DOUBLE"), _f("lon", "DOUBLE"), _f("precision", "STRING"),
                 _f("text", "STRING"), _f("span", SPAN))


def _columns(*columns: tuple[str, str]) -> str:
    return ", ".join(f"`{name}` {kind}" for name, kind in columns)


ARTICLE_SCHEMA = _columns(
    ("schema", "STRING"), ("article_id", "STRING"), ("url", "STRING"), ("outlet", "STRING"), ("title", "STRING"),
    ("published", "STRING"), ("text", "STRING"), ("lang", "STRING"), ("ingested_at", "STRING"), ("origin", "STRING"),
    ("duplicate_of", "STRING"),
    # Beyond the interchange article: what the ledger keeps and a reload needs.
    ("published_precision", "STRING"), ("relevance", "DOUBLE"),
    ("actors", f"ARRAY<{_struct(*_ACTOR_FIELDS, _f('discovered', 'BOOLEAN'))}>"),
    ("places", f"ARRAY<{_struct(*_PLACE_FIELDS, _f('confidence', 'DOUBLE'))}>"),
)
CLAIM_SCHEMA = _columns(
    ("schema", "STRING"), ("claim_id", "STRING"), ("article_id", "STRING"), ("span", SPAN), ("text", "STRING"),
    ("speaker", ACTOR),
    ("via", f"ARRAY<{_struct(_f('speaker', 'STRING'), _f('cue', 'STRING'), _f('span', SPAN), _f('actor_id', 'STRING'))}>"),
    ("cue", "STRING"), ("hedge", "STRING"), ("predicate", "STRING"), ("agent", ACTOR), ("patient", ACTOR),
    ("quantity", _struct(_f("low", "BIGINT"), _f("high", "BIGINT"), _f("unit", "STRING"), _f("text", "STRING"),
                         _f("span", SPAN), _f("approximate", "BOOLEAN"), _f("note", "STRING"))),
    ("place", _struct(*_PLACE_FIELDS)),
    ("when", _struct(_f("start", "STRING"), _f("end", "STRING"), _f("precision", "STRING"), _f("text", "STRING"),
                     _f("span", SPAN))),
    ("event_id", "STRING"),
    ("also_places", f"ARRAY<{_struct(_f('place_id', 'STRING'), _f('name', 'STRING'), _f('text', 'STRING'), _f('span', SPAN))}>"),
    ("identity", "STRING"), ("negated", "BOOLEAN"), ("modality", "STRING"), ("scope", "STRING"), ("period", "STRING"),
    ("body", ACTOR), ("source_span", SPAN), ("cue_span", SPAN), ("content_span", SPAN), ("content_parts", f"ARRAY<{SPAN}>"),
)
FAILURE_SCHEMA = _columns(("origin", "STRING"), ("reason", "STRING"))


def _number(value) -> float | None:
    """A plain float (Spark's DOUBLE refuses ints and numpy scalars)."""
    return None if value is None else float(value)


def _place_record(place: Place) -> dict:
    row = _place_row(place)
    return {**row, "lat": _number(row["lat"]), "lon": _number(row["lon"])}


def actors_of(extraction: Extraction) -> dict[str, Actor]:
    """Every actor `Ledger.save` stores for this extraction, by id (the same union it makes)."""
    wanted = {a.actor_id: a for a in extraction.actors}
    for claim in extraction.claims:
        for actor in (claim.speaker, claim.agent, claim.patient):
            if actor:
                wanted[actor.actor_id] = actor
    return wanted


def article_record(extraction: Extraction) -> dict:
    a = extraction.article
    return {
        "schema": SCHEMA, "article_id": a.article_id, "url": a.url, "outlet": a.outlet, "title": a.title,
        "published": a.published.isoformat() if a.published else None, "text": a.text, "lang": a.lang,
        "ingested_at": a.ingested_at.isoformat() if a.ingested_at else None, "origin": a.origin,
        "duplicate_of": a.duplicate_of,
        "published_precision": a.published.precision if a.published else None,
        "relevance": _number(extraction.relevance),
        "actors": [_actor_row(actor) for actor in actors_of(extraction).values()],
        "places": [{**_place_record(m.place), "text": m.text, "span": m.span.as_list(),
                    "confidence": _number(m.confidence)} for m in extraction.places],
    }


def claim_records(extraction: Extraction) -> list[dict]:
    """The claims as `fogwatch export` shows them once stored (no event yet)."""
    actors = {k: _actor_row(a) for k, a in actors_of(extraction).items()}
    for claim in extraction.claims:
        if claim.body:
            actors.setdefault(claim.body.actor_id, _actor_row(claim.body))
    places = {}
    for claim in extraction.claims:
        for mention in (claim.place, *claim.also_places):
            if mention:
                places[mention.place.place_id] = _place_record(mention.place)
    rows = []
    for ordinal, claim in enumerate(extraction.claims):
        row = {**_claim_row(claim, ordinal), "outlet": None, "published": None}
        rows.append(interchange(claim_dict(row, actors, places)))
    return rows


def failure_record(failure: Failure) -> dict:
    return {"origin": failure.origin, "reason": failure.reason}


# --- back: rows → Extraction ---------------------------------------------------------------

def _span(article_id: str, pair) -> Span | None:
    return Span(article_id, pair[0], pair[1]) if pair is not None else None


def _place(row: dict) -> Place:
    return Place(place_id=row["place_id"], name=row["name"], country=row["country"], admin1=row["admin1"],
                 lat=row["lat"], lon=row["lon"], precision=row["precision"], geonames_id=row["geonames_id"])


def _actor(row: dict | None, known: dict[str, Actor]) -> Actor | None:
    if row is None:
        return None
    return known.get(row["actor_id"]) or Actor(row["actor_id"], row["name"], tuple(row["aliases"] or ()),
                                               row["kind"], row["side"])


def claim(row: dict, known_actors: dict[str, Actor], known_places: dict[str, Place]) -> Claim:
    """A claim row as the `Claim` it was made from (minus the geocoder's confidence, which the
    ledger does not keep either)."""
    aid = row["article_id"]
    q, p, w = row["quantity"], row["place"], row["when"]
    quantity = Quantity(low=q["low"], high=q["high"], unit=q["unit"], text=q["text"], span=_span(aid, q["span"]),
                        approximate=bool(q["approximate"]), note=q["note"]) if q else None
    place = PlaceMention(place=_place(p), text=p["text"], span=_span(aid, p["span"])) if p else None
    when = When(start=dt.date.fromisoformat(w["start"]), end=dt.date.fromisoformat(w["end"]), precision=w["precision"],
                text=w["text"], span=_span(aid, w["span"])) if w else None
    also = []
    for m in row["also_places"] or ():
        if m["place_id"] not in known_places:
            raise ValueError(f"claim {row['claim_id']} names place {m['place_id']} that its article does not list")
        also.append(PlaceMention(place=known_places[m["place_id"]], text=m["text"], span=_span(aid, m["span"])))
    return Claim(
        claim_id=row["claim_id"], article_id=aid, span=_span(aid, row["span"]), text=row["text"],
        speaker=_actor(row["speaker"], known_actors),
        via=tuple(Attribution(speaker=v["speaker"], cue=v["cue"], span=_span(aid, v["span"]), actor_id=v["actor_id"])
                  for v in row["via"] or ()),
        cue=row["cue"], hedge=row["hedge"], predicate=row["predicate"],
        agent=_actor(row["agent"], known_actors), patient=_actor(row["patient"], known_actors),
        quantity=quantity, place=place, when=when, event_id=row["event_id"],
        source_span=_span(aid, row["source_span"]), cue_span=_span(aid, row["cue_span"]),
        content_span=_span(aid, row["content_span"]), identity=row["identity"], negated=bool(row["negated"]),
        content_parts=tuple(_span(aid, s) for s in row["content_parts"] or ()),
        modality=row["modality"], scope=row["scope"], period=row["period"],
        body=_actor(row["body"], known_actors), also_places=tuple(also),
    )


def article(row: dict) -> Article:
    stamp = row["ingested_at"]
    return Article(article_id=row["article_id"], text=row["text"], url=row["url"], outlet=row["outlet"],
                   title=row["title"], published=_to_partial(row["published"], row["published_precision"]),
                   lang=row["lang"] or "en", ingested_at=dt.datetime.fromisoformat(stamp) if stamp else None,
                   origin=row["origin"], duplicate_of=row["duplicate_of"])


def extraction(article_row: dict, claim_rows: Iterable[dict]) -> Extraction:
    """The `Extraction` an article row and its claim rows were written from."""
    aid = article_row["article_id"]
    actors = {r["actor_id"]: Actor(r["actor_id"], r["name"], tuple(r["aliases"] or ()), r["kind"], r["side"],
                                   bool(r["discovered"])) for r in article_row["actors"] or ()}
    mentions = tuple(PlaceMention(place=_place(m), text=m["text"], span=_span(aid, m["span"]),
                                  confidence=m["confidence"]) for m in article_row["places"] or ())
    places = {m.place.place_id: m.place for m in mentions}
    claim_rows = list(claim_rows)
    places.update({r["place"]["place_id"]: _place(r["place"]) for r in claim_rows if r["place"]})
    claims = tuple(claim(r, actors, places) for r in claim_rows)
    return Extraction(article=article(article_row), claims=claims, actors=tuple(actors.values()), places=mentions,
                      relevance=article_row["relevance"])
