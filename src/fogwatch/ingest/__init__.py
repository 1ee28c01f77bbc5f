"""Ingest: read files and folders into `Document`s, and say why an input was rejected.

`read_paths` streams `Document | Failure` in input order; it never raises for bad input.
Readers are registered by file suffix in `READERS`, the same table a plugin would extend.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from fogwatch.errors import BadInput
from fogwatch.ingest.files import read_bytes
from fogwatch.ingest.html import read_html
from fogwatch.ingest.jsonl import read_jsonl
from fogwatch.ingest.text import read_text
from fogwatch.records import Document, Failure

Reader = Callable[[Path], Iterator[Document | Failure]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}


def expand(paths: Iterable[Path]) -> Iterator[Path | Failure]:
    """Files named and files found (sorted) under folders named; unknown suffixes are failures."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in READERS:
                    yield child
        elif not path.exists():
            yield Failure(str(path), "no such file or folder")
        elif path.suffix.lower() not in READERS:
            known = ", ".join(sorted(READERS))
            yield Failure(str(path), f"unsupported file type {path.suffix or '(none)'!r}; known: {known}")
        else:
            yield path


def read_paths(paths: Iterable[Path]) -> Iterator[Document | Failure]:
    for item in expand(paths):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield from READERS[item.suffix.lower()](item)
        except BadInput as exc:
            yield Failure(str(item), str(exc))
        except OSError as exc:
            yield Failure(str(item), exc.strerror or str(exc))


__all__ = ["READERS", "expand", "read_bytes", "read_paths"]
