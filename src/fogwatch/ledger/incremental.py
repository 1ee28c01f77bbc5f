"""Incremental reconcile: after an ingest, remake only the events the new articles can touch.

`fogwatch.reconcile.reconcile` stays a pure function of (claims, articles, previous ids); this
module chooses which claims to give it. Two facts of reconcile make that sound:

1. Incidents are built per article, from that article's claims and date alone, so an article is
   reconciled with all its claims or not at all, and an article's incidents never change.
2. Two incidents link only if they name the same country (`cluster.linked`: each incident has one
   place), the same first-level region unless one names none, and their dates, widened by at most
   three days on each side, overlap (`time_compatible`).

So each stored event keeps a scope (`event_scope`): its articles, its places' countries and
regions, and the hull of its claims' dates (an undated claim: its article's publication window)
widened by that slack; the hull holds every incident window, which comes from those dates. The
chosen articles start as the new ones; the events holding a chosen article's claims, and the events whose scope
meets the scope of a chosen incident (new articles': of a first reconcile of them alone; stored
ones': their event's), are added with all their articles, until nothing more is added. Nothing
outside can link with anything inside, so reconcile over the chosen articles, replacing the
events it read, gives the events a full reconcile gives (see docs/design-notes.md for the one
way the two can differ: the order in which cluster.py's union-find meets links).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import bindparam, delete, exists, func, insert, select, update
from sqlalchemy.engine import Connection

from fogwatch.ledger.facets import facets as event_facets_of
from fogwatch.ledger.locking import lock_events
from fogwatch.ledger.schema import actors, articles, claims, event_facets, event_scope, events, ledger_state, places
from fogwatch.records import Claim, Event, PartialDate

# When most articles are new (a first ingest), a full reconcile reads no more and saves the first
# reconcile of the new articles alone.
MAX_SHARE = 0.5
CHUNK = 500  # ids per IN (...) list


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


# --- scopes -------------------------------------------------------------------------------
def _published_window(published: PartialDate | None) -> tuple[dt.date, dt.date] | None:
    """The widest window `cluster.build_incident` gives an undated incident of this article."""
    if published is None:
        return None
    day = published.date
    if published.precision == "day":
        return day - dt.timedelta(days=2), day
    if published.precision == "month":
        return day, day + dt.timedelta(days=31)
    return day, dt.date(day.year, 12, 31)


def _window(claim: Claim, infos: dict) -> tuple[dt.date, dt.date] | None:
    if claim.when is not None:
        return claim.when.start, claim.when.end
    info = infos.get(claim.article_id)
    return _published_window(info.published if info else None)


def _where(place) -> tuple[str, str]:
    """(country, region) as `cluster.build_incident` sees an incident at `place`: a place at
    country level, or with no first-level region, has no region (and links across regions)."""
    region = place.admin1 if place.precision != "country" and place.admin1 else ""
    return place.country or "", region


def scope_rows(found: list[Event], claims_by_id: dict[str, Claim], infos: dict) -> list[dict]:
    """`event_scope` rows of `found`, whose claims are in `claims_by_id`; dates widened by the
    largest slack `cluster.time_compatible` allows."""
    from fogwatch.reconcile.cluster import SLACK_DAYS

    slack = dt.timedelta(days=max(SLACK_DAYS.values()))
    rows = []
    for event in found:
        windows = [w for cid in event.claims if (w := _window(claims_by_id[cid], infos))]
        lo = (min(w[0] for w in windows) - slack).isoformat() if windows else None
        hi = (max(w[1] for w in windows) + slack).isoformat() if windows else None
        where = {_where(p) for p in event.places} or {("", "")}
        rows.extend({"event_id": event.event_id, "article_id": a, "country": c, "region": r, "lo": lo, "hi": hi}
                    for a in event.articles for c, r in sorted(where))
    return rows


# --- writing ------------------------------------------------------------------------------
def write_events(conn: Connection, found: list[Event], scope: list[dict],
                 replaced: Iterable[str] | None = None) -> None:
    """Replace the events `replaced` (None: all of them) by `found`, with their facets, scope and
    the claims' event ids, in `conn`'s transaction."""
    lock_events(conn)
    if replaced is None:
        conn.execute(update(claims).values(event_id=None))
        for table in (event_facets, event_scope, events):
            conn.execute(delete(table))
    else:
        for ids in _chunks(replaced):
            conn.execute(update(claims).where(claims.c.event_id.in_(ids)).values(event_id=None))
            for table in (event_facets, event_scope, events):
                conn.execute(delete(table).where(table.c.event_id.in_(ids)))
    if found:
        rows = [_event_row(e) for e in found]
        conn.execute(insert(events), rows)
        facets = [{"event_id": r["event_id"], "facet": f, "value": v}
                  for r in rows for f, v in event_facets_of(r["actors"], r["places"])]
        if facets:
            conn.execute(insert(event_facets), facets)
        if scope:
            conn.execute(insert(event_scope), scope)
        pairs = [{"cid": c, "eid": e.event_id} for e in found for c in e.claims]
        conn.execute(update(claims).where(claims.c.claim_id == bindparam("cid")).values(event_id=bindparam("eid")),
                     pairs)


def mark_read(conn: Connection, read: Iterable[str]) -> None:
    """The articles `read` are in the stored events; `reconciled_articles` counts all that are
    (`Ledger.unreconciled` compares it with the articles stored)."""
    for ids in _chunks(read):
        conn.execute(update(articles).where(articles.c.article_id.in_(ids)).values(reconciled=True))
    done = conn.execute(select(func.count()).select_from(articles).where(articles.c.reconciled.is_(True))).scalar_one()
    conn.execute(delete(ledger_state).where(ledger_state.c.key == "reconciled_articles"))
    conn.execute(insert(ledger_state).values(key="reconciled_articles", value=str(done)))


def _event_row(event: Event) -> dict:
    from fogwatch.ledger.store import _event_row as row

    return row(event)


# --- reading a part of the ledger ---------------------------------------------------------
def load_claims(conn: Connection, article_ids: Iterable[str]) -> list[Claim]:
    """The claims of `article_ids`, in ledger order (`Ledger.load_claims`), with only the actors
    and places they name."""
    from fogwatch.ledger.store import ACTOR_KEYS, _to_actor, _to_claim, _to_place

    rows = []
    for ids in _chunks(article_ids):
        rows.extend(conn.execute(select(claims).where(claims.c.article_id.in_(ids))
                                 .order_by(claims.c.article_id, claims.c.ordinal)).mappings().all())
    actor_ids = sorted({r[k] for r in rows for k in ACTOR_KEYS if r[k]})
    place_ids = sorted({r["place_id"] for r in rows if r["place_id"]}
                       | {p[0] for r in rows for p in (r["also_places"] or ())})
    actor_rows, place_rows = {}, {}
    for ids in _chunks(actor_ids):
        actor_rows.update({r["actor_id"]: _to_actor(r)
                           for r in conn.execute(select(actors).where(actors.c.actor_id.in_(ids))).mappings()})
    for ids in _chunks(place_ids):
        place_rows.update({r["place_id"]: _to_place(r)
                           for r in conn.execute(select(places).where(places.c.place_id.in_(ids))).mappings()})
    return [_to_claim(r, actor_rows, place_rows) for r in rows]


def article_infos(conn: Connection, article_ids: Iterable[str]) -> dict:
    from fogwatch.ledger.store import _to_partial
    from fogwatch.reconcile import ArticleInfo

    infos = {}
    for ids in _chunks(article_ids):
        for r in conn.execute(select(articles.c.article_id, articles.c.published, articles.c.published_precision,
                                     articles.c.outlet, articles.c.relevance)
                              .where(articles.c.article_id.in_(ids))).mappings():
            infos[r["article_id"]] = ArticleInfo(r["article_id"], _to_partial(r["published"], r["published_precision"]),
                                                 r["outlet"], r["relevance"])
    return infos


# --- choosing what to reconcile -----------------------------------------------------------
def _full_due(conn: Connection) -> bool:
    """An event without a scope (saved before migration 0008, or by `Ledger.save_events`) could
    be joined without the scope saying so: only a full reconcile is sure."""
    unscoped = select(events.c.event_id).where(~exists().where(event_scope.c.event_id == events.c.event_id))
    return conn.execute(unscoped.limit(1)).first() is not None


def _meeting(conn: Connection, probes: set[tuple[str, str, str, str]]) -> set[str]:
    """Events whose scope meets one of `probes` (country, region, lo, hi): the same country, the
    same region unless either names none (`cluster.linked`), overlapping dates."""
    found: set[str] = set()
    for country, region, lo, hi in probes:
        query = select(event_scope.c.event_id).distinct().where(
            event_scope.c.country == country, event_scope.c.lo <= hi, event_scope.c.hi >= lo)
        if region:
            query = query.where(event_scope.c.region.in_([region, ""]))
        found.update(conn.execute(query).scalars())
    return found


def _holding(conn: Connection, article_ids: Iterable[str]) -> set[str]:
    """Events that hold claims of `article_ids`."""
    found: set[str] = set()
    for ids in _chunks(article_ids):
        found.update(conn.execute(select(event_scope.c.event_id).distinct()
                                  .where(event_scope.c.article_id.in_(ids))).scalars())
    return found


def choose(conn: Connection, new: set[str], first: list[dict],
           most: float = float("inf")) -> tuple[set[str], set[str]] | None:
    """(the articles to reconcile, the stored events they replace), from the `new` articles and
    the scope rows `first` of a reconcile of them alone; closed as the module docstring says.
    None once more than `most` articles are chosen (a full reconcile is then cheaper)."""
    chosen, replaced = set(new), set()
    fresh_articles, probes = set(new), {(r["country"], r["region"], r["lo"], r["hi"]) for r in first if r["lo"]}
    while fresh_articles or probes:
        if len(chosen) > most:
            return None
        fresh_events = (_holding(conn, fresh_articles) | _meeting(conn, probes)) - replaced
        replaced |= fresh_events
        fresh_articles, probes = set(), set()
        for ids in _chunks(fresh_events):
            for event_id, article_id, country, region, lo, hi in conn.execute(
                    select(event_scope.c.event_id, event_scope.c.article_id, event_scope.c.country,
                           event_scope.c.region, event_scope.c.lo, event_scope.c.hi)
                    .where(event_scope.c.event_id.in_(ids))):
                if article_id not in chosen:
                    fresh_articles.add(article_id)
                if lo:
                    probes.add((country, region, lo, hi))
        chosen |= fresh_articles
    return chosen, replaced


def reconcile_new(ledger, max_share: float = MAX_SHARE) -> list[Event] | None:
    """Reconcile the articles stored since the last reconcile, with the stored events they can
    join; returns the events made (an event not returned is unchanged), or None when only a full
    reconcile will do (see `_full_due`) or costs less (more than `max_share` of the articles new,
    or chosen). Runs in one write transaction, so two reconciles never interleave their reads and
    writes."""
    from fogwatch.reconcile import reconcile

    with ledger.writer.begin() as conn:
        lock_events(conn)
        if _full_due(conn):
            return None
        new = set(conn.execute(select(articles.c.article_id).where(articles.c.reconciled.is_not(True))).scalars())
        if not new:
            return []
        total = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        if len(new) > max_share * total:
            return None
        new_claims, new_infos = load_claims(conn, new), article_infos(conn, new)
        alone = reconcile(new_claims, new_infos)
        closed = choose(conn, new, scope_rows(alone, {c.claim_id: c for c in new_claims}, new_infos),
                        most=max_share * total)
        if closed is None:
            return None
        chosen, replaced = closed
        chosen_claims, infos = load_claims(conn, chosen), article_infos(conn, chosen)
        previous = {c.claim_id: c.event_id for c in chosen_claims if c.event_id}
        found = reconcile(chosen_claims, infos, previous)
        write_events(conn, found, scope_rows(found, {c.claim_id: c for c in chosen_claims}, infos),
                     replaced=replaced)
        mark_read(conn, chosen)
        return found
