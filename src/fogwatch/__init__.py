"""fogwatch: news reports about armed conflict → a source-attributed, cross-checked event ledger."""

__version__ = "0.1.0"
