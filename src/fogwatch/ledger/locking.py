"""Locks that let several fogwatch processes share one ledger.

Creating or upgrading the tables must happen once even when four ingests open a new ledger at the
same moment: without a lock two of them both see "no tables" and the second fails with "table
actors already exists" (SQLite) or a `pg_type` unique violation (PostgreSQL). The lock is a file
lock beside a SQLite ledger and a session advisory lock on PostgreSQL; both are released when the
process dies, so a killed ingest never leaves the ledger locked.

Writers that replace a whole table (reconcile's `save_events`) also take a PostgreSQL transaction
lock, because under READ COMMITTED two of them would delete each other's fresh rows and then
collide on the primary key; SQLite writers are already serialised by `BEGIN IMMEDIATE`.
"""
from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

# Arbitrary 63-bit keys that name fogwatch's locks in pg_locks.
MIGRATION_KEY = 0x666F67_0001
EVENTS_KEY = 0x666F67_0002


def sqlite_path(engine: Engine) -> str | None:
    """The file of a SQLite ledger, or None for an in-memory one or another database."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    return database if database and database != ":memory:" else None


@contextmanager
def schema_lock(engine: Engine) -> Iterator[None]:
    """Held while the migrations run: one process creates or upgrades the tables, the others wait
    and then find them at head."""
    path = sqlite_path(engine)
    if path is not None:
        with open(f"{path}.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_KEY})
                conn.commit()
        return
    yield


def lock_events(conn: Connection) -> None:
    """Serialise whole-table rewrites of the events on PostgreSQL until `conn`'s transaction ends."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVENTS_KEY})


def ledger_exists(engine: Engine) -> bool:
    """Whether the ledger is there to read: a SQLite file that exists (opening a mistyped path would
    create an empty one); a server database always counts, its connection error says the rest."""
    path = sqlite_path(engine)
    return path is None or Path(path).is_file() and Path(path).stat().st_size > 0
