"""Ingest: read files and folders into `Document`s, and say why an input was rejected.

`read_paths` streams `Document | Failure` in input order; it never raises for bad input.
Readers are registered by file suffix in `READERS`, the same table a plugin would extend.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from fogwatch.errors import BadInput
from fogwatch.ingest.csvfile import read_csv
from fogwatch.ingest.feeds import read_feed
from fogwatch.ingest.fetch import Fetcher, is_url, read_url, read_url_list
from fogwatch.ingest.files import kind, read_bytes
from fogwatch.ingest.html import read_html
from fogwatch.ingest.jsonl import read_jsonl
from fogwatch.ingest.stdin import read_stdin
from fogwatch.ingest.text import read_text
from fogwatch.ingest.warc import read_warc
from fogwatch.ingest.walk import files_under
from fogwatch.records import Document, Failure

Reader = Callable[[Path], Iterator[Document | Failure]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
    ".warc": read_warc,
}
# Not articles but lists of inputs, like a folder: a `.urls` file names one http(s) URL a line.
URL_LIST = ".urls"
STDIN = "-"


def expand(paths: Iterable[Path | str], follow_symlinks: bool = False) -> Iterator[Path | str | Failure]:
    """Files named and files found (sorted) under folders named; unknown suffixes are failures,
    as are paths that cannot even be looked at (`walk.files_under` says which links are read).
    http(s) URLs (given, or listed in `.urls` files) and `-` (stdin) pass through as strings;
    `.gz` files are read as the type under the `.gz`."""
    for path in paths:
        if isinstance(path, str):
            if path == STDIN or is_url(path):
                yield path
                continue
            path = Path(path)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as exc:  # EACCES on a parent folder, a name too long: this path only
            yield Failure(str(path), exc.strerror or str(exc))
            continue
        if is_dir:
            for child in files_under(path, follow_symlinks):
                if isinstance(child, Failure) or kind(child) in READERS:
                    yield child
        elif not exists:
            yield Failure(str(path), "no such file or folder")
        elif kind(path) == URL_LIST:
            try:
                yield from read_url_list(path)
            except (BadInput, OSError) as exc:
                yield Failure(str(path), str(exc))
        elif kind(path) not in READERS:
            known = ", ".join(sorted([*READERS, URL_LIST]))
            yield Failure(str(path), f"unsupported file type {kind(path) or '(none)'!r}; known: {known} "
                                     "(each also gzipped, .gz), - for stdin, http(s) URLs")
        else:
            yield path


def read_paths(paths: Iterable[Path | str], follow_symlinks: bool = False,
               fetcher: Fetcher | None = None) -> Iterator[Document | Failure]:
    """Documents from `paths` (files, folders, URLs, `-`); URLs are fetched by `fetcher`, which
    refuses non-public addresses unless it was made with `allow_private`."""
    for item in expand(paths, follow_symlinks):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            if item == STDIN:
                yield from read_stdin(sys.stdin.buffer)
            elif isinstance(item, str):
                fetcher = fetcher or Fetcher()
                yield from read_url(item, fetcher)
            else:
                yield from READERS[kind(item)](item)
        except BadInput as exc:
            yield Failure(str(item), str(exc))
        except OSError as exc:
            yield Failure(str(item), exc.strerror or str(exc))
        except Exception as exc:  # noqa: BLE001 - a parser library's own error on one file ends that file only
            yield Failure(str(item), f"cannot read ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})")


__all__ = ["READERS", "STDIN", "Fetcher", "expand", "read_bytes", "read_paths"]
