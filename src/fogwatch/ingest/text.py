"""Plain-text articles: the body is the file; a short first line followed by a blank is the title."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fogwatch.ingest.files import decode, read_bytes
from fogwatch.records import Document

TITLE_MAX = 200


def split_title(text: str) -> tuple[str | None, str]:
    head, sep, rest = text.lstrip().partition("\n")
    if sep and rest.startswith(("\n", "\r\n")) and 0 < len(head.strip()) <= TITLE_MAX \
            and not head.rstrip().endswith((".", "!", "?", ":")):
        return head.strip(), rest
    return None, text


def read_text(path: Path) -> Iterator[Document]:
    text = decode(read_bytes(path))
    title, _ = split_title(text)
    yield Document(origin=str(path), text=text, title=title)
