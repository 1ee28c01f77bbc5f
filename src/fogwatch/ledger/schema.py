"""Ledger tables (SQLAlchemy Core). Changes here need an Alembic revision in migrations/versions."""
from __future__ import annotations

from sqlalchemy import (JSON, BigInteger, Boolean, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String,
                        Table, Text)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("url", Text), Column("outlet", Text), Column("title", Text),
    Column("published", String(10)), Column("published_precision", String(8)),
    Column("text", Text, nullable=False), Column("lang", String(8), nullable=False, default="en"),
    Column("ingested_at", String(32)), Column("origin", Text),
    Column("duplicate_of", String(64), ForeignKey("articles.article_id")),
    Column("relevance", Float),
    # The MinHash signature of the text (clean/dedupe.py), so the near-duplicate index is built
    # without re-reading every text; NULL for copies and for articles stored before 0008.
    Column("minhash", LargeBinary),
    # Whether the stored events were made with this article's claims (incremental reconcile).
    Column("reconciled", Boolean),
)

actors = Table(
    "actors", metadata,
    Column("actor_id", String(100), primary_key=True),
    Column("name", Text, nullable=False), Column("aliases", JSON, nullable=False, default=list),
    Column("kind", String(32), nullable=False), Column("side", String(32)),
    Column("discovered", Boolean, nullable=False, default=False),
)

places = Table(
    "places", metadata,
    Column("place_id", String(40), primary_key=True),
    Column("name", Text, nullable=False), Column("country", String(2)), Column("admin1", Text),
    Column("lat", Float, nullable=False), Column("lon", Float, nullable=False),
    Column("precision", String(8), nullable=False), Column("geonames_id", Integer),
)

claims = Table(
    "claims", metadata,
    Column("claim_id", String(40), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.article_id", ondelete="CASCADE"), nullable=False),
    Column("span_start", Integer, nullable=False), Column("span_end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker_id", String(100), ForeignKey("actors.actor_id")),
    Column("via", JSON, nullable=False, default=list),
    Column("cue", Text), Column("hedge", String(12), nullable=False), Column("predicate", String(32), nullable=False),
    Column("agent_id", String(100), ForeignKey("actors.actor_id")),
    Column("patient_id", String(100), ForeignKey("actors.actor_id")),
    Column("q_low", BigInteger), Column("q_high", BigInteger), Column("q_unit", Text), Column("q_text", Text),
    Column("q_start", Integer), Column("q_end", Integer), Column("q_approximate", Boolean), Column("q_note", Text),
    Column("place_id", String(40), ForeignKey("places.place_id")), Column("place_text", Text),
    Column("place_start", Integer), Column("place_end", Integer),
    Column("when_start", String(10)), Column("when_end", String(10)), Column("when_precision", String(8)),
    Column("when_text", Text), Column("when_span_start", Integer), Column("when_span_end", Integer),
    Column("event_id", String(40)),
    Column("source_start", Integer), Column("source_end", Integer),
    Column("cue_start", Integer), Column("cue_end", Integer),
    Column("content_start", Integer), Column("content_end", Integer),
    Column("content_parts", JSON),  # [[start, end], ...] when the content is in fragments
    Column("identity", Text), Column("negated", Boolean, nullable=False, default=False),
    Column("ordinal", Integer, nullable=False, default=0),
    Column("modality", String(16), nullable=False, default="asserted", server_default="asserted"),
    Column("scope", String(12)), Column("period", Text),
    Column("body_id", String(100), ForeignKey("actors.actor_id")),
    Column("also_places", JSON),  # [[place_id, text, start, end], ...]: places coordinated with place_id
)
Index("ix_claims_article", claims.c.article_id)
Index("ix_claims_predicate", claims.c.predicate)
Index("ix_claims_speaker", claims.c.speaker_id)

events = Table(
    "events", metadata,
    Column("event_id", String(40), primary_key=True),
    Column("type", Text, nullable=False), Column("subtype", Text, nullable=False),
    Column("when_start", String(10)), Column("when_end", String(10)), Column("when_precision", String(8)),
    Column("places", JSON, nullable=False, default=list),
    Column("actors", JSON, nullable=False, default=list),
    Column("claims", JSON, nullable=False, default=list),
    Column("articles", JSON, nullable=False, default=list),
    Column("measures", JSON, nullable=False, default=list),
    Column("disputes", JSON, nullable=False, default=list),
    Column("n_disputes", Integer, nullable=False, default=0),
)
Index("ix_events_when", events.c.when_start)
Index("ix_claims_event", claims.c.event_id)

# Filter keys of events (actor ids, sides, place names, types), so the web page filters in SQL.
event_facets = Table(
    "event_facets", metadata,
    Column("event_id", String(40), ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
    Column("facet", String(16), nullable=False),
    Column("value", Text, nullable=False),
)
Index("ix_event_facets", event_facets.c.facet, event_facets.c.value)
Index("ix_event_facets_event", event_facets.c.event_id)

# What the ledger knows about itself: "reconciled_articles", the number of articles the events were
# made from, so that an ingest killed before its reconcile is reconciled by the next one.
ledger_state = Table(
    "ledger_state", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

# Where and when each event's incidents can lie (ledger/incremental.py): one row per event, article
# and (country, region) of its places, with the hull of its claims' dates widened by the largest linking slack. Incremental
# reconcile finds the events that new claims could join here instead of re-reading the ledger.
event_scope = Table(
    "event_scope", metadata,
    Column("event_id", String(40), ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
    Column("article_id", String(64), nullable=False),
    Column("country", String(2), nullable=False),  # "" for a place with no country
    Column("region", Text, nullable=False),  # its first-level region; "" when it names none
    Column("lo", String(10)), Column("hi", String(10)),  # NULL: undated, links with nothing
)
Index("ix_event_scope_article", event_scope.c.article_id)
Index("ix_event_scope_where", event_scope.c.country, event_scope.c.lo)
Index("ix_event_scope_event", event_scope.c.event_id)
