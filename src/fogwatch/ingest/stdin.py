"""Standard input (`-`): JSON Lines when its first character is `{`, else one plain-text article."""
from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from fogwatch.errors import BadInput
from fogwatch.ingest import files
from fogwatch.ingest.jsonl import read_lines
from fogwatch.ingest.text import split_title
from fogwatch.records import Document, Failure

NAME = "-"


def read_stdin(stream: BinaryIO) -> Iterator[Document | Failure]:
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)
    head = stream.peek(1)
    while head and head[:1].isspace():
        stream.read(1)
        head = stream.peek(1)
    if not head:
        raise BadInput("nothing on standard input")
    if head.startswith(b"{"):
        yield from read_lines(stream, NAME)
        return
    data = stream.read(files.MAX_BYTES + 1)
    if len(data) > files.MAX_BYTES:
        raise BadInput(f"standard input too large (over {files.MAX_BYTES / 1e6:.0f} MB)")
    text = files.decode(data)
    title, _ = split_title(text)
    yield Document(origin=NAME, text=text, title=title)
