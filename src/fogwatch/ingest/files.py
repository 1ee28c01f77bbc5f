"""Reading bytes and decoding them, with the reasons a file is refused."""
from __future__ import annotations

import gzip
from pathlib import Path
from typing import BinaryIO

from fogwatch.errors import BadInput
from fogwatch.ingest import encoding

MAX_BYTES = 50 * 1024 * 1024


def kind(path: Path) -> str:
    """The suffix that says how to read `path`: `.html` for `page.html.gz`, `.warc` for `x.warc.gz`."""
    suffixes = [s.lower() for s in path.suffixes]
    if len(suffixes) >= 2 and suffixes[-1] == ".gz":
        return suffixes[-2]
    return path.suffix.lower()


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes as a stream, gunzipped on the fly for `.gz` (never whole in memory)."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    limit = MAX_BYTES if limit is None else limit
    size = path.stat().st_size
    if size == 0:
        raise BadInput("empty file")
    if size > limit:
        raise BadInput(f"file too large ({size / 1e6:.0f} MB, limit {limit / 1e6:.0f} MB)")
    if path.suffix.lower() != ".gz":
        return path.read_bytes()
    with open_binary(path) as handle:
        data = handle.read(limit + 1)
    if not data:
        raise BadInput("empty file")
    if len(data) > limit:
        raise BadInput(f"file too large once unpacked (over {limit / 1e6:.0f} MB)")
    return data


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; else the legacy encoding `encoding.guess` is sure of."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # A guess that is a coin toss between code pages is refused, not stored as mojibake.
    text, _ = encoding.guess(data)
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    if printable < 0.95 * len(text):
        raise BadInput("binary file (mostly unprintable characters)")
    return text
