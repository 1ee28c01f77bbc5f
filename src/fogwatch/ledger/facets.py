"""The filter keys of an event (`event_facets` rows), from the event as stored.

One function serves reconcile's writes and the migrations that fill `event_facets` for events
stored before the table existed, so that an upgraded ledger filters exactly like a fresh one.
"""
from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Connection


def facets(actors: list[dict], places: list[dict]) -> Iterator[tuple[str, str]]:
    """(facet, value) pairs of an event's stored actors and places: actor ids, sides, place and
    region names, each once."""
    seen = set()
    for actor in actors or ():
        for facet, value in (("actor", actor.get("actor_id")), ("side", actor.get("side"))):
            if value and (facet, value) not in seen:
                seen.add((facet, value))
                yield facet, value
    for place in places or ():
        for name in {place.get("name"), place.get("admin1")}:
            if name and ("place", name) not in seen:
                seen.add(("place", name))
                yield "place", name


def backfill(conn: Connection) -> int:
    """Fill `event_facets` from `events` when it is empty; the number of rows added. Tables are
    named here, not imported from schema.py, so that old migrations keep their columns."""
    events = sa.table("events", sa.column("event_id"), sa.column("actors", sa.JSON), sa.column("places", sa.JSON))
    event_facets = sa.table("event_facets", sa.column("event_id"), sa.column("facet"), sa.column("value"))
    if conn.execute(sa.select(sa.func.count()).select_from(event_facets)).scalar_one():
        return 0
    rows = [{"event_id": event_id, "facet": facet, "value": value}
            for event_id, actors, places in conn.execute(sa.select(events.c.event_id, events.c.actors, events.c.places))
            for facet, value in facets(actors, places)]
    if rows:
        conn.execute(sa.insert(event_facets), rows)
    return len(rows)
