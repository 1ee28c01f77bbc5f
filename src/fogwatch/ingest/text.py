"""Plain-text articles: the body is the file; a short first line followed by a blank is the title."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from fogwatch.ingest.files import decode, read_bytes
from fogwatch.records import Document, PartialDate

TITLE_MAX = 200


def split_title(text: str) -> tuple[str | None, str]:
    head, sep, rest = text.lstrip().partition("\n")
    if sep and rest.startswith(("\n", "\r\n")) and 0 < len(head.strip()) <= TITLE_MAX \
            and not head.rstrip().endswith((".", "!", "?", ":")):
        return head.strip(), rest
    return None, text


# A file name that starts with the day, as crawlers name what they fetch: "20220219T000000Z_GB_en_….txt",
# "2024-04-15-kyiv-strikes.txt".
NAME_DATE = re.compile(r"^((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?:[T_\-.]|$)")


def name_date(path: Path) -> PartialDate | None:
    """The publication day a file's name gives, if it starts with one."""
    found = NAME_DATE.match(path.name)
    if not found:
        return None
    try:
        return PartialDate(dt.date(*map(int, found.groups())), "day")
    except ValueError:
        return None  # "20221340_…" is a number, not a day


def read_text(path: Path) -> Iterator[Document]:
    text = decode(read_bytes(path))
    title, _ = split_title(text)
    yield Document(origin=str(path), text=text, title=title, published=name_date(path))
