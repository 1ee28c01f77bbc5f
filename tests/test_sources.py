"""Inputs beyond local files: WARC archives, feeds, URLs, gzip, CSV, stdin, and `fogwatch watch`.

Built from real articles (GDELT bodies, news-API items) wrapped as the formats carry them; the only
network is a loopback HTTP server started by the test.
"""
from __future__ import annotations

import datetime as dt
import gzip
import html
import io
import json
import threading
from email.utils import format_datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from typer.testing import CliRunner

from conftest import SHARED, need
from fogwatch.cli import app
from fogwatch.ingest import Fetcher, expand, read_paths
from fogwatch.records import Document, Failure

runner = CliRunner()
NEWS = SHARED / "eval" / "corpora" / "ukraine-war-news"


def gdelt_bodies(n: int, start: int = 0) -> list[tuple[str, str]]:
    """(file name, text) of `n` GDELT bodies of ordinary length, never the reserved ones."""
    folder = need(NEWS / "gdelt-articles")
    reserved = {Path(line.strip()).name for line in (NEWS / "RESERVED.txt").read_text().splitlines()
                if line.strip() and not line.startswith("#")}
    names = [p for p in sorted(folder.glob("*.txt")) if p.name not in reserved and 1500 < p.stat().st_size < 3500]
    return [(p.name, p.read_text(encoding="utf-8")) for p in names[start:start + n]]


def as_page(text: str, title: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return (f"<html><head><title>{html.escape(title)}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>")


def seen_time(name: str) -> dt.datetime:
    """A GDELT body's file name starts with the time GDELT saw it: 20220125T090000Z."""
    return dt.datetime.strptime(name.split("_")[0], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)


def write_warc(path: Path, bodies: list[tuple[str, str]]) -> list[str]:
    """A gzipped WARC of the bodies as HTML responses (each page's request too), the first page
    captured again unchanged and the second again with a changed footer, an image and a 404.
    Returns the target URIs of the distinct pages."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    urls = [f"https://news.example.org/{name.removesuffix('.txt')}" for name, _ in bodies]
    captures = [(u, as_page(t, f"Report {i}"), seen_time(n)) for i, (u, (n, t)) in enumerate(zip(urls, bodies))]
    first_url, first_page, first_time = captures[0]
    second_url, second_page, second_time = captures[1]
    captures.append((first_url, first_page, first_time + dt.timedelta(hours=6)))
    captures.append((second_url, second_page.replace("</article>", "<p>Updated with corrections.</p></article>"),
                     second_time + dt.timedelta(days=1)))
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)

        def record(url, kind, body, status="200 OK", content_type="text/html; charset=utf-8", when=first_time):
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, kind, payload=io.BytesIO(body), http_headers=headers if kind == "response" else None,
                warc_headers_dict={"WARC-Date": when.strftime("%Y-%m-%dT%H:%M:%SZ")}))

        for url, page, when in captures:
            record(url, "request", "GET / HTTP/1.1\r\nHost: news.example.org\r\n\r\n".encode(), when=when)
            record(url, "response", page.encode("utf-8"), when=when)
        record("https://news.example.org/logo.png", "response", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png")
        record("https://news.example.org/gone", "response", b"<html><body>Not found</body></html>", status="404 Not Found")
    return urls


class Site:
    """A loopback web server over a folder, for feeds and pages in tests."""

    def __init__(self, root: Path):
        handler = type("Handler", (SimpleHTTPRequestHandler,), {"log_message": lambda *a: None})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), lambda *a, **k: handler(*a, directory=str(root), **k))
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    served = Site(root)
    yield root, served.url
    served.close()


def news_api_feed(root: Path, url: str, gdelt: tuple[str, str]) -> list[dict]:
    """An RSS feed of three real news-API items (title, link, date, body) and one GDELT body served
    on the site; returns the items as (link, date) expectations."""
    articles = json.loads(need(NEWS / "newsapi-samples" / "dummyArticles.json").read_text(encoding="utf-8"))
    picked = [articles["articles"][0][i] for i in (3, 4, 5)]
    name, text = gdelt
    (root / "articles").mkdir()
    (root / "articles" / "report.html").write_text(as_page(text, "Overnight attacks"), encoding="utf-8")
    items = [{"title": a["title"], "link": a["link"], "date": dt.datetime.fromisoformat(a["published_date"]),
              "body": a["body"]} for a in picked]
    items.append({"title": "Overnight attacks", "link": f"{url}/articles/report.html", "date": seen_time(name),
                  "body": text})
    entries = "".join(
        f"<item><title>{escape(i['title'])}</title><link>{escape(i['link'])}</link><guid>{escape(i['link'])}</guid>"
        f"<pubDate>{format_datetime(i['date'])}</pubDate>"
        f"<content:encoded>{escape(''.join(f'<p>{html.escape(p)}</p>' for p in i['body'].split(chr(10) * 2)))}"
        "</content:encoded></item>" for i in items)
    (root / "feed.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Sample Wire</title><link>{url}/</link>{entries}</channel></rss>", encoding="utf-8")
    return items


# --- readers, without the NLP models ----------------------------------------------------------

def test_warc_gives_html_responses_with_their_uri_and_date(tmp_path):
    bodies = gdelt_bodies(3)
    urls = write_warc(tmp_path / "crawl.warc.gz", bodies)
    items = list(read_paths([tmp_path / "crawl.warc.gz"]))
    docs = [i for i in items if isinstance(i, Document)]
    assert not [i for i in items if isinstance(i, Failure)]
    # 3 pages + 2 re-captures; the request, image and 404 records are not articles.
    assert [d.url for d in docs] == urls + urls[:2]
    assert all(d.published is not None for d in docs)
    assert " ".join(bodies[0][1].split()[:12]) in " ".join(docs[0].text.split())


def test_gz_folder_csv_feed_file_and_stdin(tmp_path, monkeypatch):
    (name, text), (_, other) = gdelt_bodies(2, start=3)
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html.gz").write_bytes(gzip.compress(as_page(text, "A").encode()))
    (folder / "b.txt.gz").write_bytes(gzip.compress(other.encode()))
    (folder / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    assert sorted(p.name for p in expand([folder])) == ["a.html.gz", "b.txt.gz", "broken.html.gz"]
    found = list(read_paths([folder]))
    assert [type(i).__name__ for i in found] == ["Document", "Document", "Failure"]
    assert found[1].text.startswith(other[:60])

    rows = tmp_path / "rows.csv"
    rows.write_text("Headline,Body,Link,Date,Extra\n"
                    f"First,\"{text.replace(chr(34), chr(34) * 2)}\",https://x.example/1,2022-02-01,z\n"
                    "Empty,,https://x.example/2,2022-02-02,z\n"
                    f"Third,\"{other[:400].replace(chr(34), chr(34) * 2)}\",,March,z\n", encoding="utf-8")
    csv_items = list(read_paths([rows]))
    assert isinstance(csv_items[0], Document) and csv_items[0].url == "https://x.example/1"
    assert csv_items[0].title == "First" and csv_items[0].published.isoformat() == "2022-02-01"
    text_lines = text.count("\n")
    assert csv_items[1] == Failure(f"{rows}:{3 + text_lines}", "row has no text")
    assert csv_items[2].origin == f"{rows}:{4 + text_lines}" and "not an ISO date" in csv_items[2].reason
    (tmp_path / "notext.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert "no text column" in list(read_paths([tmp_path / "notext.csv"]))[0].reason

    from fogwatch.ingest.stdin import read_stdin

    lines = json.dumps({"text": text, "url": "https://x.example/3"}) + "\n{broken\n"
    piped = list(read_stdin(io.BytesIO(lines.encode())))
    assert piped[0].url == "https://x.example/3" and piped[1].origin == "-:2"
    (plain,) = read_stdin(io.BytesIO(b"\n\n" + other.encode()))
    assert plain.origin == "-" and plain.text.startswith(other[:60])


def test_feed_file_items_keep_links_and_dates(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    items = news_api_feed(root, "https://wire.example", gdelt_bodies(1)[0])
    docs = list(read_paths([root / "feed.xml"]))
    assert [d.url for d in docs] == [i["link"] for i in items]
    assert [d.published.date for d in docs] == [i["date"].astimezone(dt.timezone.utc).date() for i in items]
    assert docs[1].outlet == "Sample Wire" and docs[1].title == items[1]["title"]
    assert "64th Separate Guards Motor Rifle Brigade" in docs[1].text and "<p>" not in docs[1].text


def test_urls_on_loopback_are_refused_unless_allowed(site, tmp_path):
    root, url = site
    (root / "page.html").write_text(as_page(gdelt_bodies(1)[0][1], "Page"), encoding="utf-8")
    result = runner.invoke(app, ["ingest", f"{url}/page.html", "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 2
    assert f"skipped {url}/page.html: refused: 127.0.0.1 resolves to the non-public address 127.0.0.1" in result.stderr
    for blocked in ("http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://10.0.0.8/"):
        (failure,) = read_paths([blocked])
        assert failure.reason.startswith("refused:"), failure

    fetcher = Fetcher(allow_private=True, delay=0)
    (page,) = read_paths([f"{url}/page.html"], fetcher=fetcher)
    assert page.url == f"{url}/page.html" and page.title == "Page"
    listed = tmp_path / "reading.urls"
    listed.write_text(f"# to read\n{url}/page.html\n\nftp://files.example/x\n", encoding="utf-8")
    from_list = list(read_paths([listed], fetcher=fetcher))
    assert from_list[0].url == f"{url}/page.html"
    assert from_list[1] == Failure(f"{listed}:4", "not an http(s) URL: ftp://files.example/x")
    (robots,) = read_paths([f"{url}/private/page.html"], fetcher=fetcher)
    assert robots.reason == "disallowed by the site's robots.txt"
    (missing,) = read_paths([f"{url}/nope.html"], fetcher=fetcher)
    assert missing.reason == "HTTP 404"
    (too_big,) = read_paths([f"{url}/page.html"], fetcher=Fetcher(allow_private=True, delay=0, max_bytes=1000))
    assert too_big.reason == "response too large (over 1,000 bytes)"

    import socket

    with socket.socket() as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        (slow,) = read_paths([f"http://127.0.0.1:{silent.getsockname()[1]}/story"],
                             fetcher=Fetcher(allow_private=True, delay=0, timeout=0.3))
    assert slow.reason.startswith("cannot fetch (ReadTimeoutError")


def test_one_request_per_site_at_a_time_and_crawl_delay_obeyed(site, monkeypatch):
    from fogwatch.ingest import fetch

    root, url = site
    (root / "robots.txt").write_text("User-agent: *\nCrawl-delay: 5\n", encoding="utf-8")
    for name in ("a.html", "b.html"):
        (root / name).write_text(as_page(gdelt_bodies(1)[0][1], name), encoding="utf-8")
    waits: list[float] = []
    monkeypatch.setattr(fetch.time, "sleep", waits.append)
    fetcher = Fetcher(allow_private=True, delay=1.0)
    found = list(read_paths([f"{url}/a.html", f"{url}/b.html"], fetcher=fetcher))
    assert [d.title for d in found] == ["a.html", "b.html"]
    # robots.txt, then each page 5 s (the site's Crawl-delay, over our 1 s) after the request before.
    assert len(waits) == 2 and all(4.5 < w <= 5 for w in waits)


def test_every_redirect_is_checked(site, monkeypatch):
    """A public page that redirects to a private address is refused at the redirect."""
    from fogwatch.ingest import fetch

    root, url = site
    port = url.rsplit(":", 1)[1]
    (root / "moved.html").write_text("x", encoding="utf-8")
    redirect = type("Redirect", (SimpleHTTPRequestHandler,), {
        "log_message": lambda *a: None,
        "do_GET": lambda self: (self.send_response(302), self.send_header("Location", f"http://127.0.0.2:{port}/moved.html"),
                                self.end_headers())})
    server = ThreadingHTTPServer(("127.0.0.1", 0), redirect)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    # Here only 127.0.0.1 counts as public, so the first hop passes and the redirect does not.
    monkeypatch.setattr(fetch, "_blocked", lambda address: address != "127.0.0.1")
    try:
        (failure,) = read_paths([f"http://127.0.0.1:{server.server_port}/story"], fetcher=Fetcher(delay=0))
    finally:
        server.shutdown()
        server.server_close()
    assert failure.reason.startswith("refused: 127.0.0.2 resolves to the non-public address 127.0.0.2")


def test_watch_state_and_durations(tmp_path):
    from fogwatch.errors import BadInput
    from fogwatch.watch import WatchState, parse_every, state_path

    assert [parse_every(t) for t in ("90s", "15m", "2h", "1d", "30")] == [90, 900, 7200, 86400, 30]
    with pytest.raises(BadInput):
        parse_every("soon")
    assert state_path(str(tmp_path / "x.db")) == tmp_path / "x.db.watch.json"
    state = WatchState.load(tmp_path / "w.json")
    feed = state.feed("https://wire.example/rss")
    waits = [feed.failed("HTTP 503", now=0) for _ in range(3)]
    assert waits == [60, 120, 240] and not feed.due(100) and feed.due(240)
    feed.remember(["a", "b"])
    state.save()
    again = WatchState.load(tmp_path / "w.json").feed("https://wire.example/rss")
    assert again.seen == ["a", "b"] and again.failures == 3
    (tmp_path / "w.json").write_text("{", encoding="utf-8")
    with pytest.raises(BadInput, match="damaged"):
        WatchState.load(tmp_path / "w.json")


# --- through the pipeline (loads the NLP models) -----------------------------------------------

def test_warc_gz_csv_and_stdin_ingest_with_recaptures_deduplicated(tmp_path):
    bodies = gdelt_bodies(3, start=6)
    urls = write_warc(tmp_path / "crawl.warc.gz", bodies)
    name, text = gdelt_bodies(1, start=9)[0]
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(as_page(text, "Gzipped").encode()))
    db = str(tmp_path / "t.db")
    piped = json.dumps({"text": gdelt_bodies(1, start=10)[0][1], "url": "https://piped.example/1"}) + "\n"
    result = runner.invoke(app, ["ingest", str(tmp_path / "crawl.warc.gz"), str(tmp_path / "page.html.gz"), "-",
                                 "--db", db, "--no-reconcile"], input=piped)
    assert result.exit_code == 0, result.output
    # 3 pages + the gzipped page + stdin; the unchanged re-capture is the same article, the changed one a copy.
    assert "5 new articles, 1 already in the ledger, 1 near-duplicates kept without claims" in result.stderr
    articles = [json.loads(line) for line in
                runner.invoke(app, ["export", "--what", "articles", "--db", db]).stdout.splitlines()]
    by_url = {}
    for article in articles:
        by_url.setdefault(article["url"], []).append(article)
    assert set(urls) | {"https://piped.example/1"} <= set(by_url)
    original, copy = sorted(by_url[urls[1]], key=lambda a: a["duplicate_of"] is not None)
    assert original["duplicate_of"] is None and copy["duplicate_of"] == original["article_id"]
    assert len(by_url[urls[0]]) == 1


def test_feed_on_loopback_ingested_then_watched(site, tmp_path):
    root, url = site
    items = news_api_feed(root, url, gdelt_bodies(1, start=45)[0])
    db = str(tmp_path / "t.db")
    result = runner.invoke(app, ["watch", f"{url}/feed.xml", f"{url}/missing.xml", "--once", "--allow-private",
                                 "--db", db])
    assert result.exit_code == 2, result.output  # the missing feed is reported, the other read
    assert f"fogwatch: {url}/feed.xml: 4 new items" in result.stderr
    assert f"feed {url}/missing.xml failed: HTTP 404; retrying in 1 min" in result.stderr
    assert "4 new articles" in result.stderr
    articles = {a["url"]: a for a in map(json.loads, runner.invoke(
        app, ["export", "--what", "articles", "--db", db]).stdout.splitlines())}
    assert {i["link"]: i["date"].astimezone(dt.timezone.utc).date().isoformat() for i in items} == \
        {u: a["published"] for u, a in articles.items()}
    events = json.loads("[" + ",".join(runner.invoke(app, ["events", "--format", "json", "--db", db]).stdout.splitlines()) + "]")
    assert events, "the GDELT report makes at least one event"
    assert {line.split()[2].rstrip(":") for line in result.stdout.splitlines() if line.startswith("new event")} == \
        {e["event_id"] for e in events}

    state = json.loads((tmp_path / "t.db.watch.json").read_text(encoding="utf-8"))["feeds"]
    assert len(state[f"{url}/feed.xml"]["seen"]) == 4 and state[f"{url}/missing.xml"]["failures"] == 1
    again = runner.invoke(app, ["watch", f"{url}/feed.xml", "--once", "--allow-private", "--db", db])
    assert again.exit_code == 0 and "new event" not in again.stdout
    assert f"{url}/feed.xml: 0 new items" in again.stderr
    # The feed read as a plain input gives the same articles, already in the ledger.
    direct = runner.invoke(app, ["ingest", f"{url}/feed.xml", "--allow-private", "--db", db])
    assert direct.exit_code == 0 and "0 new articles, 4 already" in direct.stderr
