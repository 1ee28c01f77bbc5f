"""Reading bytes and decoding them, with the reasons a file is refused."""
from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from fogwatch.errors import BadInput

MAX_BYTES = 50 * 1024 * 1024


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    limit = MAX_BYTES if limit is None else limit
    size = path.stat().st_size
    if size == 0:
        raise BadInput("empty file")
    if size > limit:
        raise BadInput(f"file too large ({size / 1e6:.0f} MB, limit {limit / 1e6:.0f} MB)")
    return path.read_bytes()


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; else the encoding charset-normalizer is sure of."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    # A guess that needs many replacement characters or is mostly unprintable is not text.
    if best is None or best.chaos > 0.2:
        raise BadInput("cannot decode: not UTF-8 and no other encoding fits")
    text = str(best)
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    if printable < 0.95 * len(text):
        raise BadInput("binary file (mostly unprintable characters)")
    return text
