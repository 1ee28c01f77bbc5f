"""Web archives (WARC, gzipped or not, e.g. Common Crawl's CC-NEWS), read record by record (warcio).

Only successful HTML responses are articles: requests, metadata, revisits (which carry no body),
redirects and non-HTML responses are passed over without a word, as they are not articles. The
record's target URI is the article's `url`; its WARC-Date dates the article when the page gives no
date. A page captured twice is two documents: the existing dedupe keeps one (the same text) or
marks the other `duplicate_of` (a near-identical re-capture).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from fogwatch.errors import BadInput
from fogwatch.ingest import files
from fogwatch.ingest.html import html_to_document
from fogwatch.records import Document, Failure, PartialDate

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path) -> Iterator[Document | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if path.stat().st_size == 0:
        raise BadInput("empty file")
    with path.open("rb") as handle:
        try:
            for number, record in enumerate(ArchiveIterator(handle), start=1):
                if _is_html_page(record):
                    yield _document(record, f"{path}:{number}")
        except ArchiveLoadFailed as exc:
            raise BadInput(f"not a readable WARC ({str(exc).splitlines()[0]})") from None


def _is_html_page(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode()
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return status == "200" and content_type in HTML_TYPES


def _document(record, origin: str) -> Document | Failure:
    url = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read(files.MAX_BYTES + 1)
    try:
        if len(body) > files.MAX_BYTES:
            raise BadInput("page too large")
        if not body.strip():
            raise BadInput("empty page")
        doc = html_to_document(files.decode(body), origin, url=url)
    except BadInput as exc:
        return Failure(origin, f"{url}: {exc}")
    if doc.published is None:
        doc = replace(doc, published=_warc_date(record.rec_headers.get_header("WARC-Date")))
    return doc


def _warc_date(value: str | None) -> PartialDate | None:
    if not value:
        return None
    try:
        return PartialDate(dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date(), "day")
    except ValueError:
        return None
