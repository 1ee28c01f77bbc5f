"""Watching feeds: poll, ingest the items not seen before, reconcile, say what is new.

Where each feed is (the items already read, its ETag and Last-Modified for conditional requests,
its failures) is kept in a JSON file beside the ledger, written after each poll, so a restarted
watch neither re-reads old items nor forgets a failing feed's back-off. A feed that fails is
reported and retried after 1, 2, 4, ... minutes (at most `MAX_BACKOFF`); the others go on.
"""
from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from fogwatch.errors import BadInput
from fogwatch.ingest import Fetcher
from fogwatch.ingest.feeds import entry_document, item_key, parse_feed
from fogwatch.ingest.fetch import is_url
from fogwatch.ingest.files import read_bytes
from fogwatch.ledger import Ledger
from fogwatch.ledger.store import default_url
from fogwatch.pipeline import Summary, reconcile_ledger, run
from fogwatch.records import Dispute, Document, Event, Failure
from fogwatch.registry.actors import Registry

BACKOFF = 60.0  # seconds before the first retry of a failed feed; doubled each failure
MAX_BACKOFF = 6 * 3600.0
SEEN_PER_FEED = 5000  # item keys remembered per feed (a feed lists its latest few dozen)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def parse_every(text: str) -> float:
    """Seconds in a duration such as `90s`, `15m`, `2h`, `1d` (a bare number is seconds)."""
    match = _DURATION.match(text)
    if not match or float(match[1]) <= 0:
        raise BadInput(f"--every {text!r} is not a duration such as 90s, 15m, 2h or 1d")
    return float(match[1]) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match[2]]


@dataclass
class FeedState:
    seen: list[str] = field(default_factory=list)
    etag: str | None = None
    modified: str | None = None
    failures: int = 0
    retry_at: float = 0.0
    last_error: str | None = None

    def due(self, now: float) -> bool:
        return self.failures == 0 or self.retry_at <= now

    def failed(self, reason: str, now: float) -> float:
        """Record a failure; the seconds until the next try."""
        self.failures += 1
        self.last_error = reason
        wait = min(BACKOFF * 2 ** (self.failures - 1), MAX_BACKOFF)
        self.retry_at = now + wait
        return wait

    def remember(self, keys: list[str]) -> None:
        self.seen = (self.seen + [k for k in keys if k not in set(self.seen)])[-SEEN_PER_FEED:]


@dataclass
class WatchState:
    path: Path
    feeds: dict[str, FeedState] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> WatchState:
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(path, {name: FeedState(**feed) for name, feed in data["feeds"].items()})
        except (ValueError, KeyError, TypeError) as exc:
            raise BadInput(f"watch state {path} is damaged ({exc}); move it away to start afresh") from None

    def feed(self, name: str) -> FeedState:
        return self.feeds.setdefault(name, FeedState())

    def save(self) -> None:
        """Written whole to a temporary file and renamed, so a crash never leaves half a state."""
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps({"feeds": {n: asdict(f) for n, f in self.feeds.items()}}, indent=1),
                             encoding="utf-8")
        os.replace(temporary, self.path)


def state_path(db: str | None) -> Path:
    """`<ledger file>.watch.json` beside a SQLite ledger; `fogwatch-watch.json` here for a server's."""
    url = default_url(db)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url.split("///", 1)[1] + ".watch.json")
    return Path("fogwatch-watch.json")


@dataclass
class Poll:
    """What one round of polling found."""

    new_items: dict[str, int] = field(default_factory=dict)  # feed → items not seen before
    failed: list[tuple[str, str, float]] = field(default_factory=list)  # (feed, reason, seconds to retry)
    summary: Summary | None = None
    new_events: list[Event] = field(default_factory=list)
    new_disputes: list[tuple[Event, Dispute]] = field(default_factory=list)


def _fetch_feed(feed: str, state: FeedState, fetcher: Fetcher) -> bytes | None:
    """The feed's bytes, or None when it has not changed since the last poll (HTTP 304)."""
    if not is_url(feed):
        return read_bytes(Path(feed))
    headers = {k: v for k, v in (("If-None-Match", state.etag), ("If-Modified-Since", state.modified)) if v}
    response = fetcher.get(feed, headers)
    if response.status == 304:
        return None
    state.etag, state.modified = response.headers.get("etag"), response.headers.get("last-modified")
    return response.body


def _new_items(feed: str, data: bytes, state: FeedState) -> tuple[list[Document | Failure], list[str]]:
    """The items of the feed not read before (an item that fails is reported once, like the others)."""
    items, keys, seen = [], [], set(state.seen)
    parsed = parse_feed(data)
    for number, entry in enumerate(parsed.entries, start=1):
        key = item_key(entry)
        if key and key in seen:
            continue
        try:
            items.append(entry_document(entry, f"{feed}:{number}", parsed.feed.get("title")))
        except BadInput as exc:
            items.append(Failure(f"{feed}:{number}", str(exc)))
        if key:
            keys.append(key)
    return items, keys


def poll(feeds: list[str], ledger: Ledger, registry: Registry, state: WatchState, fetcher: Fetcher,
         on_failure: Callable[[Failure], None] | None = None, now: float | None = None) -> Poll:
    """One round: every feed that is due is read, its new items ingested, the ledger reconciled."""
    now = time.time() if now is None else now
    result, documents, read = Poll(), [], {}
    for feed in feeds:
        feed_state = state.feed(feed)
        if not feed_state.due(now):
            continue
        try:
            data = _fetch_feed(feed, feed_state, fetcher)
            items, keys = _new_items(feed, data, feed_state) if data is not None else ([], [])
        except (BadInput, OSError) as exc:
            reason = str(exc) if isinstance(exc, BadInput) else exc.strerror or str(exc)
            result.failed.append((feed, reason, feed_state.failed(reason, now)))
            continue
        feed_state.failures, feed_state.last_error = 0, None
        result.new_items[feed] = sum(isinstance(i, Document) for i in items)
        documents.extend(items)
        read[feed] = keys
    if documents:
        result.summary = run([], ledger, registry, on_failure=on_failure, documents=documents)
    for feed, keys in read.items():
        state.feed(feed).remember(keys)
    if result.summary and result.summary.added:
        _reconcile(ledger, result)
    state.save()
    return result


def _reconcile(ledger: Ledger, result: Poll) -> None:
    before = {e["event_id"]: {(d["kind"], d["subject"]) for d in e["disputes"]} for e in ledger.iter_events()}
    for event in reconcile_ledger(ledger, incremental=True):
        if event.event_id not in before:
            result.new_events.append(event)
        for dispute in event.disputes:
            if (dispute.kind, dispute.subject) not in before.get(event.event_id, set()):
                result.new_disputes.append((event, dispute))


def describe_event(event: Event) -> str:
    when = event.when.start.isoformat() if event.when else "undated"
    where = ", ".join(p.name for p in event.places[:2]) or "no place"
    figures = "; ".join(f"{m.predicate} {m.unit} {m.best} ({m.low}-{m.high}, {m.n_sources} "
                        f"source{'s' if m.n_sources != 1 else ''})" for m in event.measures)
    return f"{event.event_id}: {event.type} / {event.subtype}, {when}, {where}" + (f"; {figures}" if figures else "")


def describe_dispute(event: Event, dispute: Dispute) -> str:
    sides = " vs ".join(f"{p.value} ({', '.join(p.sides) or '?'})" for p in dispute.parties)
    return f"{event.event_id}: {dispute.kind}, {dispute.subject}: {sides}"


def watch(feeds: list[str], ledger: Ledger, registry: Registry, state: WatchState, fetcher: Fetcher,
          every: float, once: bool, say: Callable[[str], None], tell: Callable[[str], None]) -> bool:
    """Poll every `every` seconds (once with `once`); `say` prints what is new (stdout), `tell`
    reports progress and problems (stderr). True when the last round had no failure."""
    while True:
        skipped: list[Failure] = []

        def skip(failure: Failure) -> None:
            skipped.append(failure)
            tell(f"fogwatch: skipped {failure.origin}: {failure.reason}")

        result = poll(feeds, ledger, registry, state, fetcher, on_failure=skip)
        for feed, count in result.new_items.items():
            tell(f"fogwatch: {feed}: {count} new items")
        for feed, reason, wait in result.failed:
            tell(f"fogwatch: feed {feed} failed: {reason}; retrying in {wait / 60:.0f} min")
        if result.summary:
            tell(f"fogwatch: {result.summary.added} new articles, {result.summary.already} already in the ledger, "
                 f"{result.summary.claims} claims added")
        for event in result.new_events:
            say(f"new event {describe_event(event)}")
        for event, dispute in result.new_disputes:
            say(f"new dispute {describe_dispute(event, dispute)}")
        if once:
            return not (result.failed or skipped)
        time.sleep(every)
