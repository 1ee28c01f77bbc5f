"""Ledger: the SQLite / PostgreSQL store of articles, actors, places and claims."""
from fogwatch.ledger.store import EventFilter, Ledger, default_url, open_ledger

__all__ = ["EventFilter", "Ledger", "default_url", "open_ledger"]
