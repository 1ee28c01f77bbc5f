"""RSS and Atom feeds (feedparser): one article per item, from the item's own content.

An item's text is its full content (`content:encoded`, Atom `content`) when the feed carries it,
else its summary; its link is the article's `url`, its publication (else update) time the date,
the feed's title the outlet. The linked page is not fetched: pass the link as a URL for that.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from fogwatch.errors import BadInput
from fogwatch.ingest.files import read_bytes
from fogwatch.records import Document, Failure, PartialDate

BLOCKS = ("p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr")


def is_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in data[:4096].lower() or b"<feed" in data[:4096].lower()) \
        or head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def item_key(entry) -> str | None:
    """What names an item across polls: its id (guid), else its link."""
    return entry.get("id") or entry.get("link")


def parse_feed(data: bytes):
    """The parsed feed; bytes only, so that feedparser never fetches anything itself."""
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except ValueError as exc:  # its loose parser raises on some markup (`&#2000000;`: chr() out of range)
        raise BadInput(f"not a readable RSS/Atom feed ({' '.join(str(exc).split())[:120]})") from None
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or "no items"
        raise BadInput(f"not an RSS/Atom feed ({reason})")
    return parsed


def feed_documents(data: bytes, origin: str) -> Iterator[Document | Failure]:
    """An article per item of the feed in `data`; an item without text is a failure `origin:N`."""
    parsed = parse_feed(data)
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield entry_document(entry, f"{origin}:{number}", outlet)
        except BadInput as exc:
            yield Failure(f"{origin}:{number}", str(exc))


def entry_document(entry, origin: str, outlet: str | None) -> Document:
    bodies = [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "")]
    body = max(bodies, key=len).strip()
    if not body:
        raise BadInput("feed item has no content or summary")
    text = fragment_text(body) if "<" in body else body
    return Document(origin=origin, text=text, url=entry.get("link"), outlet=outlet,
                    title=entry.get("title"), published=_entry_date(entry), source_id=item_key(entry))


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (feedparser has sanitised it), one paragraph per block."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml's parser errors have no common base worth naming
        raise BadInput("feed item's HTML cannot be parsed") from None
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines()).strip()


def _entry_date(entry) -> PartialDate | None:
    # dict.get, not the entry's own: feedparser maps a missing key to the other one, with a warning.
    stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    if not stamp:
        return None
    return PartialDate(dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday), "day")


def read_feed(path: Path) -> Iterator[Document | Failure]:
    yield from feed_documents(read_bytes(path), str(path))
