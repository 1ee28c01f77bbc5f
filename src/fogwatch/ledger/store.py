"""Opening the ledger (migrations run on open) and the repository functions over it.

Writes are one transaction per article: an article is in the ledger with all its claims or not at
all, so a crash or a bad input never leaves half an article behind.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from sqlalchemy import create_engine, delete, event, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, OperationalError

from fogwatch.errors import BadDatabaseURL, LedgerNotFound
from fogwatch.ledger.incremental import write_events
from fogwatch.ledger.locking import ledger_exists, lock_events, schema_lock
from fogwatch.ledger.schema import actors, articles, claims, event_facets, events, ledger_state, places
from fogwatch.records import (SCHEMA, Actor, Attribution, Claim, Event, Extraction, PartialDate, Place, PlaceMention,
                              Quantity, Span, When)

DEFAULT_FILE = "fogwatch.db"
# The widest count a claim column holds (a 64-bit BIGINT on PostgreSQL, SQLite's INTEGER).
MAX_COUNT = 2**63 - 1
POSTGRES_DRIVER = "pip install 'fogwatch[postgres]'"


def default_url(db: str | None = None) -> str:
    """`--db` if given, else `FOGWATCH_DB`, else ./fogwatch.db. A bare path means a SQLite file."""
    value = db or os.environ.get("FOGWATCH_DB") or DEFAULT_FILE
    if value.startswith(("postgresql://", "postgres://")):
        # psycopg 3 (the `postgres` extra), not SQLAlchemy's default psycopg2.
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value if "://" in value else f"sqlite:///{value}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # fogwatch emits BEGIN itself (`_sqlite_begin`), so that writers can take the lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    """Writers begin IMMEDIATE: a deferred transaction that reads, then writes after another process
    committed fails at once with "database is locked" instead of waiting its turn."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("fogwatch_write") else "BEGIN")


def migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("fogwatch.ledger") / "migrations"))
    with schema_lock(engine), engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


def _engine(url: str) -> Engine:
    try:
        if url.startswith("sqlite"):
            # Wait up to a minute for another process's write instead of failing at once.
            return create_engine(url, connect_args={"timeout": 60})
        return create_engine(url, pool_pre_ping=True)
    except ImportError as exc:
        if url.startswith("postgresql"):
            raise BadDatabaseURL(f"{url.split('@')[-1]}: no PostgreSQL driver ({exc.name}); "
                                 f"install it with: {POSTGRES_DRIVER}") from None
        raise BadDatabaseURL(f"{url}: {exc}") from None
    except ArgumentError as exc:
        raise BadDatabaseURL(f"{_without_password(url)}: {exc}") from None


def _without_password(url: str) -> str:
    """`url` fit to print: "postgresql://user:***@host/db"."""
    return re.sub(r"://([^:/@]*):[^@]*@", r"://\1:***@", url)


def open_ledger(db: str | None = None, must_exist: bool = False) -> Ledger:
    """The ledger at `db`, created or upgraded to the current schema. Read commands pass
    `must_exist`: a mistyped SQLite path is an error, not a new empty ledger."""
    url = default_url(db)
    engine = _engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        path = url.split("///", 1)[-1]
        if path and path != ":memory:" and not Path(path).parent.exists():
            raise BadDatabaseURL(f"{url}: folder {Path(path).parent} does not exist")
        if must_exist and not ledger_exists(engine):
            raise LedgerNotFound(f"no ledger at {path} (ingest articles into it first, or check --db)")
    try:
        migrate(engine)
    except OperationalError as exc:
        shown = engine.url.render_as_string(hide_password=True)  # never print a password
        raise BadDatabaseURL(f"{shown}: {' '.join(str(exc.orig).split())}") from None
    return Ledger(engine)


def _insert_new(conn: Connection, table):
    """INSERT that skips rows whose key another process stored a moment ago (actors, places and
    articles are shared by concurrent ingests)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


def _count(value: int | None) -> int | None:
    """A count as stored: None (unbounded) when it does not fit the column."""
    return value if value is None or -MAX_COUNT <= value <= MAX_COUNT else None


def _quantity_note(q) -> str | None:
    if _count(q.low) == q.low and _count(q.high) == q.high:
        return q.note
    beyond = f"figure beyond the ledger's range ({q.text[:40]}), stored unbounded"
    return f"{q.note}; {beyond}" if q.note else beyond


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
        "q_low": _count(q.low) if q else None, "q_high": _count(q.high) if q else None,
        "q_unit": q.unit if q else None,
        "q_text": q.text if q else None, "q_start": q.span.start if q else None, "q_end": q.span.end if q else None,
        "q_approximate": q.approximate if q else None, "q_note": _quantity_note(q) if q else None,
        "place_id": p.place.place_id if p else None, "place_text": p.text if p else None,
        "place_start": p.span.start if p else None, "place_end": p.span.end if p else None,
        "also_places": [[m.place.place_id, m.text, m.span.start, m.span.end] for m in claim.also_places] or None,
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
        "content_parts": [p.as_list() for p in claim.content_parts] or None,
        "identity": claim.identity, "negated": claim.negated,
        "modality": claim.modality, "scope": claim.scope, "period": claim.period,
        "body_id": claim.body.actor_id if claim.body else None,
    }


@dataclass(frozen=True)
class EventFilter:
    date_from: str | None = None  # ISO dates
    date_to: str | None = None
    type: str | None = None
    actor: str | None = None  # actor id
    side: str | None = None
    place: str | None = None  # part of a place name
    disputed: bool = False


class Ledger:
    def __init__(self, engine: Engine):
        self.engine = engine
        # Transactions that write: BEGIN IMMEDIATE on SQLite (`_sqlite_begin`).
        self.writer = engine.execution_options(fogwatch_write=True)
        # Reads of several statements (a page and its total) see one snapshot even while reconcile
        # replaces the events; SQLite's read transaction already does.
        self.reader = engine.execution_options(isolation_level="REPEATABLE READ") \
            if engine.dialect.name == "postgresql" else engine

    def close(self) -> None:
        self.engine.dispose()

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.article_id).where(articles.c.article_id == article_id)).first() is not None

    def save(self, extraction: Extraction) -> bool:
        """Store an article with its claims in one transaction. False if it was already there."""
        article = extraction.article
        with self.writer.begin() as conn:
            stored = conn.execute(_insert_new(conn, articles).values(
                article_id=article.article_id, url=article.url, outlet=article.outlet, title=article.title,
                published=article.published.isoformat() if article.published else None,
                published_precision=article.published.precision if article.published else None,
                text=article.text, lang=article.lang,
                ingested_at=(article.ingested_at or dt.datetime.now(dt.timezone.utc)).isoformat(),
                origin=article.origin, duplicate_of=article.duplicate_of, relevance=extraction.relevance,
            ).returning(articles.c.article_id)).first()
            if stored is None:  # already there, perhaps stored by a concurrent ingest
                return False
            wanted = {a.actor_id: a for a in extraction.actors}
            for claim in extraction.claims:
                for actor in (claim.speaker, claim.agent, claim.patient):
                    if actor:
                        wanted[actor.actor_id] = actor
            if wanted:
                have = set(conn.execute(select(actors.c.actor_id).where(actors.c.actor_id.in_(list(wanted)))).scalars())
                new = [_actor_row(a) for k, a in wanted.items() if k not in have]
                if new:
                    conn.execute(_insert_new(conn, actors), new)
            wanted_places = {c.place.place.place_id: c.place.place for c in extraction.claims if c.place}
            wanted_places.update({m.place.place_id: m.place for c in extraction.claims for m in c.also_places})
            wanted_places.update({m.place.place_id: m.place for m in extraction.places})
            if wanted_places:
                have = set(conn.execute(select(places.c.place_id).where(places.c.place_id.in_(list(wanted_places)))).scalars())
                new = [_place_row(p) for k, p in wanted_places.items() if k not in have]
                if new:
                    conn.execute(_insert_new(conn, places), new)
            if extraction.claims:
                conn.execute(insert(claims), [_claim_row(c, i) for i, c in enumerate(extraction.claims)])
        return True

    def sync_registry(self, registry_actors: list[Actor]) -> None:
        """Make the registry's actors known to the ledger (new ones only; names are not rewritten)."""
        with self.writer.begin() as conn:
            have = set(conn.execute(select(actors.c.actor_id)).scalars())
            new = [_actor_row(a) for a in registry_actors if a.actor_id not in have and not a.discovered]
            if new:
                conn.execute(_insert_new(conn, actors), new)

    def iter_texts(self) -> Iterator[tuple[str, str]]:
        """(article id, text) of the articles that are not copies, for near-duplicate detection."""
        with self.engine.connect() as conn:
            query = select(articles.c.article_id, articles.c.text).where(articles.c.duplicate_of.is_(None))
            for article_id, text in conn.execute(query):
                yield article_id, text

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (articles, claims, actors, places)}

    # --- reconcile: typed claims in, events out ----------------------------------------------
    def load_claims(self) -> list[Claim]:
        """Every claim as a typed record, for stages that work on records (reconcile)."""
        with self.engine.connect() as conn:
            actor_rows = {r["actor_id"]: _to_actor(r) for r in conn.execute(select(actors)).mappings()}
            place_rows = {r["place_id"]: _to_place(r) for r in conn.execute(select(places)).mappings()}
            rows = conn.execute(select(claims).order_by(claims.c.article_id, claims.c.ordinal)).mappings()
            return [_to_claim(r, actor_rows, place_rows) for r in rows]

    def article_infos(self) -> dict:
        from fogwatch.reconcile import ArticleInfo

        with self.engine.connect() as conn:
            rows = conn.execute(select(articles.c.article_id, articles.c.published, articles.c.published_precision,
                                       articles.c.outlet, articles.c.relevance)).mappings()
            return {r["article_id"]: ArticleInfo(r["article_id"], _to_partial(r["published"], r["published_precision"]),
                                                 r["outlet"], r["relevance"]) for r in rows}

    def event_assignments(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(claims.c.claim_id, claims.c.event_id).where(claims.c.event_id.is_not(None)))
            return {claim_id: event_id for claim_id, event_id in rows}

    def save_events(self, found: list[Event], articles_seen: int | None = None) -> None:
        """Replace the events and the claims' event ids, in one transaction; `articles_seen` is the
        number of articles reconcile read (see `unreconciled`)."""
        with self.writer.begin() as conn:
            lock_events(conn)
            if articles_seen is not None:
                conn.execute(delete(ledger_state).where(ledger_state.c.key == "reconciled_articles"))
                conn.execute(insert(ledger_state).values(key="reconciled_articles", value=str(articles_seen)))
            # Without a scope (ledger/incremental.py), the next incremental reconcile is a full one.
            write_events(conn, found, [])

    def unreconciled(self) -> bool:
        """Whether articles were stored after the last reconcile read them (an ingest killed
        between storing and reconciling, say)."""
        with self.engine.connect() as conn:
            seen = conn.execute(select(ledger_state.c.value).where(ledger_state.c.key == "reconciled_articles")).scalar()
            stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        return stored != int(seen or 0)

    def iter_events(self, disputed_only: bool = False) -> Iterator[dict]:
        yield from self.find_events(EventFilter(disputed=disputed_only), limit=None)[1]

    def find_events(self, f: EventFilter, limit: int | None = 50, offset: int = 0) -> tuple[int, list[dict]]:
        """(total matching, one page of events), filtered in SQL, newest first when paged."""
        conditions = []
        if f.disputed:
            conditions.append(events.c.n_disputes > 0)
        if f.date_from:
            conditions.append(events.c.when_end >= f.date_from)
        if f.date_to:
            conditions.append(events.c.when_start <= f.date_to)
        if f.type:
            conditions.append(events.c.type == f.type)
        for facet, value, like in (("actor", f.actor, False), ("side", f.side, False), ("place", f.place, True)):
            if value:
                match = func.lower(event_facets.c.value).like(f"%{_literal(value.lower())}%", escape="\\") \
                    if like else event_facets.c.value == value
                conditions.append(events.c.event_id.in_(
                    select(event_facets.c.event_id).where(event_facets.c.facet == facet, match)))
        with self.reader.connect() as conn:
            total = conn.execute(select(func.count()).select_from(events).where(*conditions)).scalar_one()
            query = select(events).where(*conditions)
            if limit is None:
                query = query.order_by(events.c.when_start, events.c.event_id)
            else:
                query = query.order_by(events.c.when_start.desc(), events.c.event_id).limit(limit).offset(offset)
            return total, [_event_dict(row) for row in conn.execute(query).mappings()]

    def get_event(self, event_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(events).where(events.c.event_id == event_id)).mappings().first()
            return _event_dict(row) if row else None

    def get_article(self, article_id: str) -> dict | None:
        for article in self._articles(articles.c.article_id == article_id):
            return article
        return None

    def _articles(self, *where) -> Iterator[dict]:
        with self.engine.connect() as conn:
            for row in conn.execute(select(articles).where(*where)).mappings():
                yield {"schema": SCHEMA, "article_id": row["article_id"], "url": row["url"], "outlet": row["outlet"],
                       "title": row["title"], "published": row["published"], "text": row["text"], "lang": row["lang"],
                       "ingested_at": row["ingested_at"], "origin": row["origin"], "duplicate_of": row["duplicate_of"]}

    def facet_values(self, facet: str) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(event_facets.c.value).where(event_facets.c.facet == facet)
                                     .distinct().order_by(event_facets.c.value)).scalars())

    def event_actors(self) -> list[tuple[str, str]]:
        """(actor id, name) of the actors that appear in some event, by name."""
        with self.engine.connect() as conn:
            used = select(event_facets.c.value).where(event_facets.c.facet == "actor").distinct()
            rows = conn.execute(select(actors.c.actor_id, actors.c.name).where(actors.c.actor_id.in_(used))
                                .order_by(actors.c.name))
            return [(actor_id, name) for actor_id, name in rows]

    def event_types(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(events.c.type).distinct().order_by(events.c.type)).scalars())

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
                used = select(claims.c.speaker_id).union(select(claims.c.agent_id), select(claims.c.patient_id),
                                                          select(claims.c.body_id))
                query = query.where(actors.c.actor_id.in_(used))
            for row in conn.execute(query).mappings():
                yield {"schema": SCHEMA, **{k: row[k] for k in ("actor_id", "name", "aliases", "kind", "side", "discovered")}}

    def iter_claims(self, article_id: str | None = None, predicate: str | None = None,
                    speaker: str | None = None, event_id: str | None = None,
                    limit: int | None = None, offset: int = 0) -> Iterator[dict]:
        """Claims in ledger order; `limit`/`offset` page in SQL (the web API's pages)."""
        conditions = _claim_conditions(article_id, predicate, speaker, self._members(event_id))
        query = select(claims, articles.c.outlet, articles.c.published).join(articles).where(*conditions).order_by(
            articles.c.ingested_at, claims.c.article_id, claims.c.ordinal).limit(limit).offset(offset or None)
        with self.engine.connect() as conn:
            if limit is None:  # everything, streamed
                actor_rows, place_rows = _rows(conn, actors, None), _rows(conn, places, None)
                rows = conn.execute(query).mappings()
            else:  # one page, with only the actors and places it names
                rows = list(conn.execute(query).mappings())
                actor_rows = _rows(conn, actors, {r[k] for r in rows for k in ACTOR_KEYS if r[k]})
                place_rows = _rows(conn, places, {p[0] for r in rows for p in (r["also_places"] or ())}
                                   | {r["place_id"] for r in rows if r["place_id"]})
            for row in rows:
                yield claim_dict(row, actor_rows, place_rows)

    def count_claims(self, article_id: str | None = None, event_id: str | None = None) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(claims)
                                .where(*_claim_conditions(article_id, None, None, self._members(event_id)))).scalar_one()

    def _members(self, event_id: str | None) -> list[str] | None:
        """The claims of an event, as the event lists them: a claim that names two places ("struck
        Kharkiv and Odesa") sits in two events, while its `event_id` column can name only one."""
        if not event_id:
            return None
        event = self.get_event(event_id)
        return list(event["claims"]) if event else []


ACTOR_KEYS = ("speaker_id", "agent_id", "patient_id", "body_id")


def _rows(conn: Connection, table, keys: set[str] | None) -> dict[str, dict]:
    """Rows of `table` (actors, places) by key: all of them, or those with a key in `keys`."""
    key = table.primary_key.columns.values()[0]
    query = select(table) if keys is None else select(table).where(key.in_(sorted(keys)))
    return {row[key.name]: dict(row) for row in conn.execute(query).mappings()}


def _claim_conditions(article_id, predicate, speaker, members: list[str] | None) -> list:
    conditions = []
    if article_id:
        conditions.append(claims.c.article_id.like(f"{_literal(article_id)}%", escape="\\"))
    if predicate:
        conditions.append(claims.c.predicate == predicate)
    if speaker:
        conditions.append(claims.c.speaker_id == speaker)
    if members is not None:
        conditions.append(claims.c.claim_id.in_(members))
    return conditions


def _literal(text: str) -> str:
    """`text` for a LIKE pattern, its wildcards matched as themselves ("%" finds a "%", not everything)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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
        "also_places": [{"place_id": pid, "name": place_rows.get(pid, {}).get("name"), "text": text, "span": [start, end]}
                        for pid, text, start, end in (row["also_places"] or ())],
        "identity": row["identity"], "negated": bool(row["negated"]),
        "modality": row["modality"], "scope": row["scope"], "period": row["period"],
        "body": _actor(row["body_id"], actor_rows),
        "source_span": _pair(row["source_start"], row["source_end"]),
        "cue_span": _pair(row["cue_start"], row["cue_end"]),
        "content_span": _pair(row["content_start"], row["content_end"]),
        "content_parts": row["content_parts"] or [],
        "outlet": row["outlet"], "published": row["published"],
    }


def _to_partial(value: str | None, precision: str | None) -> PartialDate | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return PartialDate(dt.date(*parts), precision or "day")


def _to_actor(row) -> Actor:
    return Actor(actor_id=row["actor_id"], name=row["name"], aliases=tuple(row["aliases"] or ()), kind=row["kind"],
                 side=row["side"], discovered=bool(row["discovered"]))


def _to_place(row) -> Place:
    return Place(place_id=row["place_id"], name=row["name"], country=row["country"], admin1=row["admin1"],
                 lat=row["lat"], lon=row["lon"], precision=row["precision"], geonames_id=row["geonames_id"])


def _span(article_id: str, start, end) -> Span | None:
    return Span(article_id, start, end) if start is not None else None


def _to_claim(row, actor_rows: dict, place_rows: dict) -> Claim:
    aid = row["article_id"]
    quantity = None
    if row["q_unit"] is not None:
        quantity = Quantity(low=row["q_low"], high=row["q_high"], unit=row["q_unit"], text=row["q_text"],
                            span=_span(aid, row["q_start"], row["q_end"]), approximate=bool(row["q_approximate"]),
                            note=row["q_note"])
    place = None
    if row["place_id"] and row["place_id"] in place_rows:
        place = PlaceMention(place=place_rows[row["place_id"]], text=row["place_text"],
                             span=_span(aid, row["place_start"], row["place_end"]))
    also = tuple(PlaceMention(place=place_rows[pid], text=text, span=Span(aid, start, end))
                 for pid, text, start, end in (row["also_places"] or ()) if pid in place_rows)
    when = None
    if row["when_start"]:
        when = When(start=dt.date.fromisoformat(row["when_start"]), end=dt.date.fromisoformat(row["when_end"]),
                    precision=row["when_precision"], text=row["when_text"],
                    span=_span(aid, row["when_span_start"], row["when_span_end"]))
    via = tuple(Attribution(speaker=v["speaker"], cue=v["cue"], span=Span(aid, *v["span"]), actor_id=v.get("actor_id"))
                for v in row["via"] or ())
    return Claim(
        claim_id=row["claim_id"], article_id=aid, span=Span(aid, row["span_start"], row["span_end"]), text=row["text"],
        speaker=actor_rows.get(row["speaker_id"]), via=via, cue=row["cue"], hedge=row["hedge"],
        predicate=row["predicate"], agent=actor_rows.get(row["agent_id"]), patient=actor_rows.get(row["patient_id"]),
        quantity=quantity, place=place, when=when, event_id=row["event_id"], also_places=also,
        source_span=_span(aid, row["source_start"], row["source_end"]),
        cue_span=_span(aid, row["cue_start"], row["cue_end"]),
        content_span=_span(aid, row["content_start"], row["content_end"]),
        identity=row["identity"], negated=bool(row["negated"]),
        content_parts=tuple(Span(aid, *p) for p in row["content_parts"] or ()),
        modality=row["modality"] or "asserted", scope=row["scope"], period=row["period"],
        body=actor_rows.get(row["body_id"]),
    )


def _actor_json(actor: Actor) -> dict:
    return {"actor_id": actor.actor_id, "name": actor.name, "kind": actor.kind, "side": actor.side}


def _event_row(event: Event) -> dict:
    return {
        "event_id": event.event_id, "type": event.type, "subtype": event.subtype,
        "when_start": event.when.start.isoformat() if event.when else None,
        "when_end": event.when.end.isoformat() if event.when else None,
        "when_precision": event.when.precision if event.when else None,
        "places": [_place_row(p) for p in event.places],
        "actors": [_actor_json(a) for a in event.actors],
        "claims": list(event.claims), "articles": list(event.articles),
        "measures": [{"predicate": m.predicate, "unit": m.unit, "low": m.low, "best": m.best, "high": m.high,
                      "n_sources": m.n_sources, "claims": list(m.claims), "rule": m.rule} for m in event.measures],
        "disputes": [{"kind": d.kind, "subject": d.subject,
                      "parties": [{"value": p.value, "speakers": list(p.speakers), "sides": list(p.sides),
                                   "claims": list(p.claims)} for p in d.parties]} for d in event.disputes],
        "n_disputes": len(event.disputes),
    }


def _event_dict(row) -> dict:
    return {"schema": SCHEMA, "event_id": row["event_id"], "type": row["type"], "subtype": row["subtype"],
            "when": {"start": row["when_start"], "end": row["when_end"], "precision": row["when_precision"]}
            if row["when_start"] else None,
            "places": row["places"], "actors": row["actors"], "claims": row["claims"],
            "measures": row["measures"], "disputes": row["disputes"], "articles": row["articles"]}
