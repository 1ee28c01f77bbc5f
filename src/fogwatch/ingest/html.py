"""HTML pages: body and metadata by trafilatura, publication date by htmldate."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fogwatch.errors import BadInput
from fogwatch.ingest.files import decode, read_bytes
from fogwatch.ingest.meta import parse_published
from fogwatch.records import Document


def html_to_document(html: str, origin: str, **known: object) -> Document:
    """Extract an article from `html`; values in `known` (from a JSONL line, say) win over the page's."""
    import htmldate
    import trafilatura

    if "<" not in html:
        raise BadInput("not HTML: no markup found")
    try:
        # Precision over recall: a sidebar's sentences would become claims of this article. Tables
        # stay in: a page laid out in tables keeps its whole story in cells, and without them
        # favor_precision leaves nothing (shingle F1 on the extraction benchmark's dev pages: 0.963
        # with tables off, 0.972 on; `fogwatch eval extraction`).
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                                include_tables=True, favor_precision=True)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise BadInput(f"broken HTML ({type(exc).__name__})") from None
    if extracted is None or not (extracted.text or "").strip():
        raise BadInput("no article text found in the HTML")
    published = known.get("published")
    if published is None:
        try:
            found = htmldate.find_date(html, original_date=True, extensive_search=False)
        except Exception:
            found = None
        published = parse_published(found or extracted.date)
    return Document(
        origin=origin,
        text=extracted.text,
        html=None,
        url=known.get("url") or extracted.url,
        outlet=known.get("outlet") or extracted.sitename or extracted.hostname,
        title=known.get("title") or extracted.title,
        published=published,
        source_id=known.get("source_id"),
    )


def read_html(path: Path) -> Iterator[Document]:
    yield html_to_document(decode(read_bytes(path)), str(path))
