"""CSV files with a header row: one article per row, a failure `path:N` for a row without text.

Columns are found by name, case-insensitively, the first present of each list winning:
text from `text`, `body`, `content`, `article`, `maintext` (or HTML from `html`); `url`/`link`;
`title`/`headline`; `outlet`/`source`/`source_name`/`domain`; `published`/`date`/
`published_date`/`publish_date` (ISO dates); `id`/`article_id`. Other columns are ignored.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from fogwatch.errors import BadInput
from fogwatch.ingest import files
from fogwatch.ingest.html import html_to_document
from fogwatch.ingest.meta import parse_published
from fogwatch.records import Document, Failure

COLUMNS = {
    "text": ("text", "body", "content", "article", "maintext"),
    "html": ("html",),
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "source_name", "domain"),
    "published": ("published", "date", "published_date", "publish_date"),
    "source_id": ("id", "article_id"),
}


def _columns(header: list[str]) -> dict[str, str]:
    """Our field → the CSV's column name, for the fields the header has."""
    by_lower = {name.strip().lower(): name for name in header}
    found = {}
    for field, names in COLUMNS.items():
        for name in names:
            if name in by_lower:
                found[field] = by_lower[name]
                break
    return found


def read_csv(path: Path) -> Iterator[Document | Failure]:
    if path.stat().st_size == 0:
        raise BadInput("empty file")
    csv.field_size_limit(files.MAX_BYTES)
    with files.open_binary(path) as raw:
        reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))
        try:
            columns = _columns(reader.fieldnames or [])
            if "text" not in columns and "html" not in columns:
                raise BadInput("no text column; name one of: " + ", ".join(COLUMNS["text"] + COLUMNS["html"]))
            start = reader.line_num + 1  # a row's first line: a quoted cell may span several
            for row in reader:
                origin, start = f"{path}:{start}", reader.line_num + 1
                try:
                    yield _document(row, columns, origin)
                except BadInput as exc:
                    yield Failure(origin, str(exc))
        except UnicodeDecodeError:
            raise BadInput("not UTF-8 (save the CSV as UTF-8)") from None
        except csv.Error as exc:
            raise BadInput(f"malformed CSV ({exc})") from None


def _document(row: dict, columns: dict[str, str], origin: str) -> Document:
    def value(field: str) -> str | None:
        cell = row.get(columns[field]) if field in columns else None
        return cell.strip() or None if isinstance(cell, str) else None

    known = {"url": value("url"), "title": value("title"), "outlet": value("outlet"),
             "published": parse_published(value("published")), "source_id": value("source_id")}
    text, html = value("text"), value("html")
    if text:
        return Document(origin=origin, text=text, **known)
    if html:
        return html_to_document(html, origin, **known)
    raise BadInput("row has no text")
