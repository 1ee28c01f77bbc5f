"""Fetching pages and feeds over HTTP(S), politely and safely.

Polite: robots.txt is read once per site and obeyed, one request per site every `delay` seconds
(longer if robots.txt asks), a timeout on every request and a cap on every body.
Safe: a URL whose host resolves to a loopback, private, link-local (cloud metadata), multicast or
reserved address is refused unless `allow_private`; the check runs after DNS resolution and again
on every redirect, and the connection goes to the address that was checked, so a second lookup
cannot swap in another one.
"""
from __future__ import annotations

import ipaddress
import socket
import time
import urllib.robotparser
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import urllib3

from fogwatch import __version__
from fogwatch.errors import BadInput
from fogwatch.ingest.files import read_bytes
from fogwatch.records import Document, Failure

USER_AGENT = f"fogwatch/{__version__} (news claim ledger; respects robots.txt)"
MAX_REDIRECTS = 5
MAX_CRAWL_DELAY = 30.0
ROBOTS_TTL = 24 * 3600.0  # a long watch reads a site's robots.txt again after a day
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def _blocked(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


@dataclass
class Fetcher:
    allow_private: bool = False
    timeout: float = 20.0
    max_bytes: int = 20 * 1024 * 1024
    delay: float = 1.0  # seconds between two requests to one site
    user_agent: str = USER_AGENT
    _last_request: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = field(default_factory=dict)

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """GET `url`, following redirects; raises `BadInput` with the reason it cannot."""
        for _ in range(MAX_REDIRECTS + 1):
            self._check_robots(url)
            response = self._request(url, headers or {})
            if response.status in (301, 302, 303, 307, 308) and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                continue
            if response.status >= 400:
                raise BadInput(f"HTTP {response.status}")
            return response
        raise BadInput(f"more than {MAX_REDIRECTS} redirects")

    def _address(self, url: str) -> tuple[str, str, int]:
        """(scheme, checked IP address, port) for `url`, or the reason it is refused."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BadInput(f"not an http(s) URL: {url}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise BadInput(f"cannot resolve {parts.hostname} ({exc.strerror})") from None
        addresses = [info[4][0] for info in infos]
        blocked = [a for a in addresses if _blocked(a)]
        if blocked and not self.allow_private:
            raise BadInput(f"refused: {parts.hostname} resolves to the non-public address {blocked[0]} "
                           "(loopback, private, link-local or metadata; --allow-private allows it)")
        return parts.scheme, addresses[0], port

    def _request(self, url: str, headers: dict[str, str]) -> Response:
        scheme, address, port = self._address(url)
        parts = urlsplit(url)
        self._wait_turn(parts.netloc)
        if scheme == "https":
            pool = urllib3.HTTPSConnectionPool(address, port, server_hostname=parts.hostname,
                                               assert_hostname=parts.hostname, retries=False,
                                               timeout=self.timeout, cert_reqs="CERT_REQUIRED")
        else:
            pool = urllib3.HTTPConnectionPool(address, port, retries=False, timeout=self.timeout)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        sent = {"Host": parts.netloc, "User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate", **headers}
        try:
            raw = pool.urlopen("GET", path, headers=sent, redirect=False, preload_content=False)
            body = self._read_capped(raw)
        except urllib3.exceptions.HTTPError as exc:
            raise BadInput(f"cannot fetch ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})") from None
        finally:
            pool.close()
        return Response(url, raw.status, {k.lower(): v for k, v in raw.headers.items()}, body)

    def _read_capped(self, raw) -> bytes:
        chunks, size = [], 0
        for chunk in raw.stream(64 * 1024, decode_content=True):
            size += len(chunk)
            if size > self.max_bytes:
                raw.release_conn()
                raise BadInput(f"response too large (over {self.max_bytes:,} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_turn(self, site: str) -> None:
        robots = self._robots.get(site, (0, None))[1]
        delay = max(self.delay, min(float((robots and robots.crawl_delay(self.user_agent)) or 0), MAX_CRAWL_DELAY))
        wait = self._last_request.get(site, -1e9) + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_request[site] = time.monotonic()

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        site = parts.netloc
        if site not in self._robots or self._robots[site][0] < time.monotonic() - ROBOTS_TTL:
            self._robots[site] = (time.monotonic(), self._load_robots(f"{parts.scheme}://{site}/robots.txt"))
        robots = self._robots[site][1]
        if robots is not None and not robots.can_fetch(self.user_agent, url):
            raise BadInput("disallowed by the site's robots.txt")

    def _load_robots(self, robots_url: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's rules; None (all allowed) when it has no robots.txt (HTTP 4xx), as RFC 9309
        says, and nothing allowed when it answers 5xx. A site that cannot be reached at all raises
        here, with the reason (DNS, TLS, refused), which is the page's reason too."""
        response = self._request(robots_url, {})
        for _ in range(MAX_REDIRECTS):
            if response.status not in (301, 302, 303, 307, 308) or "location" not in response.headers:
                break
            response = self._request(urljoin(response.url, response.headers["location"]), {})
        if 400 <= response.status < 500:
            return None
        if response.status >= 300:
            return _disallow_all()
        parser = urllib.robotparser.RobotFileParser(robots_url)
        parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
        return parser


def _disallow_all() -> urllib.robotparser.RobotFileParser:
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(["User-agent: *", "Disallow: /"])
    return parser


def read_url(url: str, fetcher: Fetcher) -> Iterator[Document | Failure]:
    """The article at `url`, or an article per item when `url` is an RSS/Atom feed."""
    from fogwatch.ingest.feeds import feed_documents, is_feed
    from fogwatch.ingest.files import decode
    from fogwatch.ingest.html import html_to_document

    response = fetcher.get(url)
    if not response.body.strip():
        raise BadInput("empty response")
    if response.content_type in FEED_TYPES or is_feed(response.body):
        yield from feed_documents(response.body, url)
    else:
        yield html_to_document(decode(response.body), url, url=response.url)


def read_url_list(path: Path) -> Iterator[str | Failure]:
    """The http(s) URLs listed in a `.urls` file, one a line; blank lines and `#` comments skipped."""
    for number, line in enumerate(read_bytes(path).decode("utf-8", errors="replace").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        yield line if is_url(line) else Failure(f"{path}:{number}", f"not an http(s) URL: {line[:100]}")
