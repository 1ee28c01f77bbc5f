"""Opening the ledger (migrations run on open) and the repository functions over it.

Writes are one transaction per article: an article is in the ledger with all its claims or not at
all, so a crash or a bad input never leaves half an article behind.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from sqlalchemy import create_engine, event, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, OperationalError

from fogwatch.errors import BadDatabaseURL
from fogwatch.ledger.schema import actors, articles, claims, places
from fogwatch.records import SCHEMA, Actor, Claim, Extraction, Place

DEFAULT_FILE = "fogwatch.db"


def default_url(db: str | None = None) -> str:
    """`--db` if given, else `FOGWATCH_DB`, else ./fogwatch.db. A bare path means a SQLite file."""
    value = db or os.environ.get("FOGWATCH_DB") or DEFAULT_FILE
    return value if "://" in value else f"sqlite:///{value}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("fogwatch.ledger") / "migrations"))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


def open_ledger(db: str | None = None) -> Ledger:
    url = default_url(db)
    try:
        engine = create_engine(url)
    except (ArgumentError, ImportError) as exc:
        raise BadDatabaseURL(f"{url}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        path = url.split("///", 1)[-1]
        if path and path != ":memory:" and not Path(path).parent.exists():
            raise BadDatabaseURL(f"{url}: folder {Path(path).parent} does not exist")
    try:
        migrate(engine)
    except OperationalError as exc:
        raise BadDatabaseURL(f"{url}: {exc.orig}") from None
    return Ledger(engine)


def _place_row(place: Place) -> dict:
    return {name: getattr(place, name) for name in place.__slots__}


def _actor_row(actor: Actor) -> dict:
    return {"actor_id": actor.actor_id, "name": actor.name, "aliases": list(actor.aliases), "kind": actor.kind,
            "side": actor.side, "discovered": actor.discovered}


def _claim_row(claim: Claim, ordinal: int) -> dict:
    q, p, w = claim.quantity, claim.place, claim.when
    return {
        "claim_id": claim.claim_id, "article_id": claim.article_id, "ordinal": ordinal,
        "span_start": claim.span.start, "span_end": claim.span.end, "text": claim.text,
        "speaker_id": claim.speaker.actor_id if claim.speaker else None,
        "via": [{"speaker": a.speaker, "cue": a.cue, "span": a.span.as_list(), "actor_id": a.actor_id} for a in claim.via],
        "cue": claim.cue, "hedge": claim.hedge, "predicate": claim.predicate,
        "agent_id": claim.agent.actor_id if claim.agent else None,
        "patient_id": claim.patient.actor_id if claim.patient else None,
        "q_low": q.low if q else None, "q_high": q.high if q else None, "q_unit": q.unit if q else None,
        "q_text": q.text if q else None, "q_start": q.span.start if q else None, "q_end": q.span.end if q else None,
        "q_approximate": q.approximate if q else None, "q_note": q.note if q else None,
        "place_id": p.place.place_id if p else None, "place_text": p.text if p else None,
        "place_start": p.span.start if p else None, "place_end": p.span.end if p else None,
        "when_start": w.start.isoformat() if w else None, "when_end": w.end.isoformat() if w else None,
        "when_precision": w.precision if w else None, "when_text": w.text if w else None,
        "when_span_start": w.span.start if w and w.span else None, "when_span_end": w.span.end if w and w.span else None,
        "event_id": claim.event_id,
        "source_start": claim.source_span.start if claim.source_span else None,
        "source_end": claim.source_span.end if claim.source_span else None,
        "cue_start": claim.cue_span.start if claim.cue_span else None,
        "cue_end": claim.cue_span.end if claim.cue_span else None,
        "content_start": claim.content_span.start if claim.content_span else None,
        "content_end": claim.content_span.end if claim.content_span else None,
        "identity": claim.identity, "negated": claim.negated,
    }


class Ledger:
    def __init__(self, engine: Engine):
        self.engine = engine

    def close(self) -> None:
        self.engine.dispose()

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.article_id).where(articles.c.article_id == article_id)).first() is not None

    def save(self, extraction: Extraction) -> bool:
        """Store an article with its claims in one transaction. False if it was already there."""
        article = extraction.article
        with self.engine.begin() as conn:
            if conn.execute(select(articles.c.article_id).where(articles.c.article_id == article.article_id)).first():
                return False
            conn.execute(insert(articles).values(
                article_id=article.article_id, url=article.url, outlet=article.outlet, title=article.title,
                published=article.published.isoformat() if article.published else None,
                published_precision=article.published.precision if article.published else None,
                text=article.text, lang=article.lang,
                ingested_at=(article.ingested_at or dt.datetime.now(dt.timezone.utc)).isoformat(),
                origin=article.origin, duplicate_of=article.duplicate_of,
            ))
            wanted = {a.actor_id: a for a in extraction.actors}
            for claim in extraction.claims:
                for actor in (claim.speaker, claim.agent, claim.patient):
                    if actor:
                        wanted[actor.actor_id] = actor
            if wanted:
                have = set(conn.execute(select(actors.c.actor_id).where(actors.c.actor_id.in_(list(wanted)))).scalars())
                new = [_actor_row(a) for k, a in wanted.items() if k not in have]
                if new:
                    conn.execute(insert(actors), new)
            wanted_places = {c.place.place.place_id: c.place.place for c in extraction.claims if c.place}
            wanted_places.update({m.place.place_id: m.place for m in extraction.places})
            if wanted_places:
                have = set(conn.execute(select(places.c.place_id).where(places.c.place_id.in_(list(wanted_places)))).scalars())
                new = [_place_row(p) for k, p in wanted_places.items() if k not in have]
                if new:
                    conn.execute(insert(places), new)
            if extraction.claims:
                conn.execute(insert(claims), [_claim_row(c, i) for i, c in enumerate(extraction.claims)])
        return True

    def sync_registry(self, registry_actors: list[Actor]) -> None:
        """Make the registry's actors known to the ledger (new ones only; names are not rewritten)."""
        with self.engine.begin() as conn:
            have = set(conn.execute(select(actors.c.actor_id)).scalars())
            new = [_actor_row(a) for a in registry_actors if a.actor_id not in have and not a.discovered]
            if new:
                conn.execute(insert(actors), new)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (articles, claims, actors, places)}

    # --- reading, in the interchange shape ---------------------------------------------------
    def iter_articles(self) -> Iterator[dict]:
        with self.engine.connect() as conn:
            for row in conn.execute(select(articles).order_by(articles.c.ingested_at, articles.c.article_id)).mappings():
                yield {"schema": SCHEMA, "article_id": row["article_id"], "url": row["url"], "outlet": row["outlet"],
                       "title": row["title"], "published": row["published"], "text": row["text"], "lang": row["lang"],
                       "ingested_at": row["ingested_at"], "origin": row["origin"], "duplicate_of": row["duplicate_of"]}

    def iter_actors(self, used_only: bool = False) -> Iterator[dict]:
        with self.engine.connect() as conn:
            query = select(actors).order_by(actors.c.actor_id)
            if used_only:
                used = select(claims.c.speaker_id).union(select(claims.c.agent_id), select(claims.c.patient_id))
                query = query.where(actors.c.actor_id.in_(used))
            for row in conn.execute(query).mappings():
                yield {"schema": SCHEMA, **{k: row[k] for k in ("actor_id", "name", "aliases", "kind", "side", "discovered")}}

    def iter_claims(self, article_id: str | None = None, predicate: str | None = None,
                    speaker: str | None = None) -> Iterator[dict]:
        with self.engine.connect() as conn:
            actor_rows = {r["actor_id"]: dict(r) for r in conn.execute(select(actors)).mappings()}
            place_rows = {r["place_id"]: dict(r) for r in conn.execute(select(places)).mappings()}
            query = select(claims, articles.c.outlet, articles.c.published).join(articles).order_by(
                articles.c.ingested_at, claims.c.article_id, claims.c.ordinal)
            if article_id:
                query = query.where(claims.c.article_id.like(f"{article_id}%"))
            if predicate:
                query = query.where(claims.c.predicate == predicate)
            if speaker:
                query = query.where(claims.c.speaker_id == speaker)
            for row in conn.execute(query).mappings():
                yield claim_dict(row, actor_rows, place_rows)


def _actor(actor_id: str | None, rows: dict) -> dict | None:
    if actor_id is None or actor_id not in rows:
        return None
    row = rows[actor_id]
    return {k: row[k] for k in ("actor_id", "name", "aliases", "kind", "side")}


def _pair(a, b):
    return [a, b] if a is not None else None


def claim_dict(row, actor_rows: dict, place_rows: dict) -> dict:
    place = None
    if row["place_id"]:
        p = place_rows.get(row["place_id"], {})
        place = {"place_id": row["place_id"], "geonames_id": p.get("geonames_id"), "name": p.get("name"),
                 "admin1": p.get("admin1"), "country": p.get("country"), "lat": p.get("lat"), "lon": p.get("lon"),
                 "precision": p.get("precision"), "text": row["place_text"],
                 "span": _pair(row["place_start"], row["place_end"])}
    quantity = None
    if row["q_unit"] is not None:
        quantity = {"low": row["q_low"], "high": row["q_high"], "unit": row["q_unit"], "text": row["q_text"],
                    "span": _pair(row["q_start"], row["q_end"]), "approximate": bool(row["q_approximate"]),
                    "note": row["q_note"]}
    when = None
    if row["when_start"]:
        when = {"start": row["when_start"], "end": row["when_end"], "precision": row["when_precision"],
                "text": row["when_text"], "span": _pair(row["when_span_start"], row["when_span_end"])}
    return {
        "schema": SCHEMA, "claim_id": row["claim_id"], "article_id": row["article_id"],
        "span": [row["span_start"], row["span_end"]], "text": row["text"],
        "speaker": _actor(row["speaker_id"], actor_rows), "via": row["via"], "cue": row["cue"],
        "hedge": row["hedge"], "predicate": row["predicate"],
        "agent": _actor(row["agent_id"], actor_rows), "patient": _actor(row["patient_id"], actor_rows),
        "quantity": quantity, "place": place, "when": when, "event_id": row["event_id"],
        "identity": row["identity"], "negated": bool(row["negated"]),
        "source_span": _pair(row["source_start"], row["source_end"]),
        "cue_span": _pair(row["cue_start"], row["cue_end"]),
        "content_span": _pair(row["content_start"], row["content_end"]),
        "outlet": row["outlet"], "published": row["published"],
    }
