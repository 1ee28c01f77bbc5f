"""Fuzzing every reader and the cleaner with generated input (hypothesis): whatever the bytes, a
reader yields documents or one-line failures naming the input, and never raises anything but the
refusals `read_paths` turns into failures (BadInput, OSError). No NLP models.

FOGWATCH_FUZZ_EXAMPLES sets the examples per test (default 40, a few seconds in CI);
docs/reliability.md records the 10,000-input run (`FOGWATCH_FUZZ_EXAMPLES=1000`).
"""
from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEEDS, SHARED
from fogwatch.clean import clean_document
from fogwatch.errors import BadInput
from fogwatch.ingest import READERS
from fogwatch.records import Document, Failure

EXAMPLES = int(os.environ.get("FOGWATCH_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
GDELT = SHARED / "eval" / "corpora" / "ukraine-war-news" / "gdelt-articles"
RESERVED = SHARED / "eval" / "corpora" / "ukraine-war-news" / "RESERVED.txt"
PAGES = SHARED / "eval" / "article-extraction" / "html"


def _real_texts() -> list[bytes]:
    """A few real article bodies to mutate (never the reserved ones)."""
    reserved = RESERVED.read_text(encoding="utf-8") if RESERVED.exists() else ""
    found = sorted(p for p in GDELT.glob("*.txt") if p.name not in reserved)[:6] if GDELT.exists() else []
    found += sorted(SEEDS.glob("*.txt"))[:2] if SEEDS.exists() else []
    return [p.read_bytes()[:4000] for p in found] or [b"Officials said 3 people were killed in Kharkiv."]


REAL = _real_texts()

# Characters that break naive text handling: NUL and other controls, bidi overrides, surrogate-free
# astral characters, combining marks, BOMs, line and paragraph separators.
NASTY = st.sampled_from(["\x00", "\x1b[2J", "\r", "\u202e", "\u2066", "\ufeff", "\u2028", "\u0301", "\U0001F4A5",
                         "&amp;", "&#0;", "&#x110000;", "<!--", "]]>", "\\u0000", "99999999999999999999999"])
TEXT = st.lists(st.one_of(st.text(max_size=40), NASTY), max_size=30).map("".join)


@st.composite
def mutated(draw) -> bytes:
    """A real article with bytes replaced, inserted or cut, and perhaps re-encoded."""
    data = bytearray(draw(st.sampled_from(REAL)))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "replace", "cut"]))
        chunk = draw(st.binary(min_size=1, max_size=16))
        if action == "insert":
            data[at:at] = chunk
        elif action == "replace":
            data[at:at + len(chunk)] = chunk
        else:
            del data[at:at + len(chunk)]
    return bytes(data)


ANY_BYTES = st.one_of(st.binary(max_size=3000), mutated(), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))


@st.composite
def html_pages(draw) -> bytes:
    tags = draw(st.lists(st.sampled_from(["p", "div", "article", "h1", "script", "style", "table", "td", "a", "br",
                                          "main", "nav", "footer", "meta", "title", "time", "svg"]), max_size=12))
    body = "".join(f"<{t}>{draw(TEXT)}</{t}>" if draw(st.booleans()) else f"<{t} x='{draw(TEXT)}'>" for t in tags)
    charset = draw(st.sampled_from(["utf-8", "iso-8859-1", "windows-1251", "x-unknown", "utf-16"]))
    page = f"<html><head><meta charset='{charset}'><title>{draw(TEXT)}</title></head><body>{body}" \
           f"<p>{draw(st.sampled_from(REAL)).decode('utf-8', 'replace')}</p></body></html>"
    encoding = draw(st.sampled_from(["utf-8", "latin-1", "utf-16"]))
    return page.encode(encoding, "replace")


JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                          max_leaves=8)
FIELDS = st.sampled_from(["text", "html", "id", "url", "title", "outlet", "published", "body"])


@st.composite
def jsonl_files(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        record = draw(st.dictionaries(FIELDS, st.one_of(JSON_VALUE, TEXT, st.sampled_from(REAL).map(
            lambda b: b.decode("utf-8", "replace"))), max_size=6))
        line = json.dumps(record, ensure_ascii=draw(st.booleans())).encode("utf-8")
        lines.append(draw(st.sampled_from([line, line[:len(line) // 2], draw(st.binary(max_size=60))])))
    return b"\n".join(lines)


@st.composite
def csv_files(draw) -> bytes:
    header = draw(st.lists(st.sampled_from(["text", "body", "content", "title", "url", "published", "date", "outlet",
                                            "id", "x"]), min_size=1, max_size=5))
    rows = [",".join(json.dumps(draw(TEXT)) if draw(st.booleans()) else draw(TEXT) for _ in header)
            for _ in range(draw(st.integers(0, 4)))]
    return "\n".join([",".join(header), *rows]).encode(draw(st.sampled_from(["utf-8", "latin-1", "utf-16"])), "replace")


@st.composite
def feeds(draw) -> bytes:
    items = "".join(f"<item><title>{draw(TEXT)}</title><link>{draw(TEXT)}</link><pubDate>{draw(TEXT)}</pubDate>"
                    f"<description>{draw(TEXT)}</description></item>" for _ in range(draw(st.integers(0, 3))))
    doc = f"<?xml version='1.0'?><rss version='2.0'><channel><title>{draw(TEXT)}</title>{items}</channel></rss>"
    return draw(st.sampled_from([doc, doc.replace("rss", "feed"), doc[:len(doc) // 2]])).encode("utf-8", "replace")


@st.composite
def warc_files(draw) -> bytes:
    records = []
    for _ in range(draw(st.integers(0, 3))):
        body = draw(html_pages())
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
        length = draw(st.sampled_from([len(http), len(http) + 10, max(len(http) - 10, 0), 0]))
        head = (f"WARC/1.0\r\nWARC-Type: {draw(st.sampled_from(['response', 'request', 'warcinfo']))}\r\n"
                f"WARC-Target-URI: {draw(TEXT)}\r\nWARC-Date: {draw(TEXT)}\r\n"
                f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n")
        records.append(head.encode("utf-8", "replace") + http + b"\r\n\r\n")
    return b"".join(records)


def check_reading(read, origin: str) -> None:
    """Run one reader over one input: documents that clean without raising, or failures that name
    the input in one line; the only exceptions are the refusals read_paths reports."""
    try:
        items = list(read())
    except BadInput as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    except OSError as exc:  # a truncated .gz, say: read_paths reports exc.strerror or str(exc)
        assert exc.strerror or str(exc)
        return
    for item in items:
        if isinstance(item, Failure):
            assert item.origin.startswith(origin) and item.reason and "\n" not in item.reason
            continue
        assert isinstance(item, Document) and isinstance(item.text, str)
        cleaned = clean_document(item)
        if not isinstance(cleaned, Failure):
            assert "\x00" not in cleaned.text and cleaned.text.strip()


def read_file(suffix: str, data: bytes):
    folder = Path(tempfile.mkdtemp(prefix="fogwatch-fuzz-"))
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    try:
        check_reading(lambda: READERS[suffix](path), str(path))
    finally:
        path.unlink()
        folder.rmdir()


GENERATORS = {".txt": ANY_BYTES, ".html": st.one_of(html_pages(), ANY_BYTES),
              ".jsonl": st.one_of(jsonl_files(), ANY_BYTES), ".csv": st.one_of(csv_files(), ANY_BYTES),
              ".rss": st.one_of(feeds(), ANY_BYTES), ".warc": st.one_of(warc_files(), ANY_BYTES)}


@pytest.mark.parametrize("suffix", [s for s in GENERATORS if s in READERS])
def test_file_readers_never_crash(suffix):
    @FUZZ
    @given(data=GENERATORS[suffix])
    def fuzz(data):
        read_file(suffix, data)

    fuzz()


@FUZZ
@given(data=st.one_of(html_pages(), ANY_BYTES), gzipped=st.booleans())
def test_gzipped_files_never_crash(data, gzipped):
    import gzip

    folder = Path(tempfile.mkdtemp(prefix="fogwatch-fuzz-"))
    path = folder / "input.html.gz"
    path.write_bytes(gzip.compress(data) if gzipped else data)  # plain bytes under a .gz name too
    try:
        from fogwatch.ingest.files import kind

        check_reading(lambda: READERS[kind(path)](path), str(path))
    finally:
        path.unlink()
        folder.rmdir()


@FUZZ
@given(data=st.one_of(jsonl_files(), ANY_BYTES))
def test_standard_input_never_crashes(data):
    from fogwatch.ingest.stdin import read_stdin

    check_reading(lambda: read_stdin(io.BufferedReader(io.BytesIO(data))), "-")


class FakeFetcher:
    """A fetcher that answers with generated bytes instead of the network."""

    def __init__(self, body: bytes, content_type: str):
        self.body, self.content_type = body, content_type

    def get(self, url: str):
        from fogwatch.ingest.fetch import Response

        return Response(url=url, status=200, headers={"content-type": self.content_type}, body=self.body)


@FUZZ
@given(body=st.one_of(html_pages(), feeds(), ANY_BYTES),
       content_type=st.sampled_from(["text/html", "application/rss+xml", "text/plain", "", "application/json"]))
def test_url_reader_never_crashes_on_what_a_server_sends(body, content_type):
    from fogwatch.ingest.fetch import read_url

    url = "https://news.example.org/a"
    check_reading(lambda: read_url(url, FakeFetcher(body, content_type)), url)


@FUZZ
@given(text=st.one_of(TEXT, mutated().map(lambda b: b.decode("utf-8", "replace"))), title=st.none() | TEXT,
       url=st.none() | TEXT)
def test_cleaning_never_crashes(text, title, url):
    cleaned = clean_document(Document(origin="fuzz", text=text, title=title, url=url))
    if isinstance(cleaned, Failure):
        assert cleaned.origin == "fuzz" and "\n" not in cleaned.reason
    else:
        assert "\x00" not in cleaned.text + (cleaned.title or "") + (cleaned.url or "")
