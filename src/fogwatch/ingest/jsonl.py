"""JSON Lines: one article per line, `text` or `html` required; `id`, `url`, `title`, `outlet`,
`published` optional. A bad line is a failure naming `path:line`; the other lines still count."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from fogwatch.errors import BadInput
from fogwatch.ingest import files
from fogwatch.ingest.html import html_to_document
from fogwatch.ingest.meta import parse_published
from fogwatch.records import Document, Failure

OPTIONAL = ("id", "url", "title", "outlet", "published")


def _optional_str(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int):
        raise BadInput(f"field {key!r} must be a string")
    return str(value)


def parse_line(line: str, origin: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadInput(f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise BadInput("a line must be a JSON object")
    text, html = record.get("text"), record.get("html")
    if not any(isinstance(v, str) and v.strip() for v in (text, html)):
        raise BadInput("no 'text' or 'html' field with content")
    known = {
        "source_id": _optional_str(record, "id"),
        "url": _optional_str(record, "url"),
        "title": _optional_str(record, "title"),
        "outlet": _optional_str(record, "outlet"),
        "published": parse_published(record.get("published")),
    }
    if isinstance(text, str) and text.strip():
        return Document(origin=origin, text=text, **known)
    return html_to_document(html, origin, **known)


def read_jsonl(path: Path) -> Iterator[Document | Failure]:
    if path.stat().st_size == 0:
        raise BadInput("empty file")
    with files.open_binary(path) as handle:
        yield from read_lines(handle, str(path))


def read_lines(handle: BinaryIO, name: str) -> Iterator[Document | Failure]:
    """The articles of a JSON Lines stream (a file, stdin), one failure per bad line `name:N`."""
    head = handle.peek(8192) if hasattr(handle, "peek") else b""
    if b"\x00" in head:
        raise BadInput("binary file (contains NUL bytes)")
    for number, raw in enumerate(handle, start=1):
        origin = f"{name}:{number}"
        if not raw.strip():
            continue
        if len(raw) > files.MAX_BYTES:
            yield Failure(origin, "line too long")
            continue
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            yield parse_line(line, origin)
        except UnicodeDecodeError:
            yield Failure(origin, "line is not UTF-8")
        except BadInput as exc:
            yield Failure(origin, str(exc))
