"""Clean: turn a `Document` into an `Article` with a clean body and a content-derived id."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator

from fogwatch.clean.boilerplate import strip_boilerplate
from fogwatch.ingest.meta import stated_published
from fogwatch.records import Article, Document, Failure

MIN_CHARS = 40
# Control characters carry no text: NUL (which PostgreSQL refuses in a string), escapes, DEL. Tab,
# line feed and carriage return are whitespace and are unified below.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    """NFC, unified line ends, trimmed lines, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", CONTROL.sub("", text)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# A sentence glued to the one before ("published information on Tuesday.The presented data shows"),
# as machine-translated copies often come (972 times in the 104 Polish-English GDELT bodies, nearly
# never elsewhere): without a space the tokenizer reads "Tuesday.The" as one word, and the two
# sentences, their names and their speakers as one.
GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=“?[A-Z][a-z])|(?<=[a-z]{2}[.!?]”)(?=[A-Z][a-z])")


def unglue(text: str) -> str:
    """A space between sentences written without one."""
    return GLUED.sub(" ", text)


def article_id(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _drop_title(body: str, title: str | None) -> tuple[str | None, str]:
    first, sep, rest = body.partition("\n")
    if title and first.strip() == title.strip():
        return title, rest.lstrip("\n")
    if title is None and sep and rest.startswith("\n") and len(first) <= 200 and not first.endswith((".", "?", "!")):
        return first.strip(), rest.lstrip("\n")
    return title, body


def _field(value: str | None) -> str | None:
    """A metadata field (title, outlet, URL) without control characters, None if nothing is left."""
    return (CONTROL.sub("", value) or None) if value else None


def clean_document(doc: Document, now: dt.datetime | None = None) -> Article | Failure:
    body = normalise(doc.text or "")
    # The source's own date first (HTML metadata, a JSONL field); else the date the text states
    # in its first or last lines, read before boilerplate removal drops a "Published" line.
    published = doc.published or stated_published(body)
    title, body = _drop_title(body, doc.title.strip() if doc.title else None)
    body = normalise(strip_boilerplate(body))
    if len(body) < MIN_CHARS:
        return Failure(doc.origin, f"no article text left after cleaning ({len(body)} characters)")
    return Article(
        article_id=article_id(body),  # of the text as it came, so that an id never changes with `unglue`
        text=unglue(body),
        url=_field(doc.url),
        outlet=_field(doc.outlet),
        title=_field(title),
        published=published,
        ingested_at=now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        origin=doc.origin,
    )


def clean(items: Iterable[Document | Failure]) -> Iterator[Article | Failure]:
    for item in items:
        yield item if isinstance(item, Failure) else clean_document(item)
