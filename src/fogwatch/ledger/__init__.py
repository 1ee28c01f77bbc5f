"""Ledger: the SQLite / PostgreSQL store of articles, actors, places and claims."""
from fogwatch.ledger.store import Ledger, default_url, open_ledger

__all__ = ["Ledger", "default_url", "open_ledger"]
