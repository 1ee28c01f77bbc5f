"""The web page: events with a map and a timeline, an event's claims side by side, articles with
their claims highlighted, and a JSON API mirroring the pages. Server-rendered (FastAPI + Jinja2);
the only script is static/map.js, which draws the map with Leaflet and Leaflet.markercluster (from
the xstatic-leaflet packages) over Natural Earth country outlines shipped in static/basemap, so it
needs no tile server. All article text is escaped by the templates, and a
strict Content-Security-Policy forbids inline scripts and styles.

Every query parameter is bounded and checked (a bad one is a 422, never a 500), every list is paged
in SQL, links to sources are http(s) only, and control and bidi-override characters in stored text
are neutralised in the pages (`fogwatch.views.neutral`)."""
from __future__ import annotations

import datetime as dt
import json
import logging
from collections import defaultdict
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from fogwatch.ledger import EventFilter, Ledger, open_ledger
from fogwatch.registry.actors import INDEPENDENT_KINDS
from fogwatch.views.export import interchange
from fogwatch.views.neutral import neutralise
from fogwatch.views.web.highlight import pieces

HERE = Path(__file__).parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
PAGE = 50
MAX_PAGE = 100_000  # far past any ledger's last page; a bigger number is a 422, not an overflow
LINK_SCHEMES = {"http", "https"}
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
log = logging.getLogger(__name__)

# Query parameters, each bounded: a filter value is at most a place or actor name long.
Name = Annotated[str, Query(max_length=200)]
Day = Annotated[str, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="YYYY-MM-DD")]
Flag = Annotated[str, Query(max_length=5)]
Page = Annotated[int, Query(ge=1, le=MAX_PAGE)]
SIDE_ORDER = {"independent": "zy", "unknown": "zz"}


def _day(value: str, name: str) -> str:
    """A date filter as given, once it is a real day: "2024-02-30" is a 422, not a string compare."""
    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise HTTPException(422, f"{name}: not a date (YYYY-MM-DD)") from None
    return value


def safe_url(url: str | None) -> str | None:
    """`url` if a link to it is safe to show (http or https), else None: no javascript: or data:."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in LINK_SCHEMES else None


def _filter(date_from, date_to, type, actor, side, place, disputed) -> EventFilter:
    date_from, date_to = _day(date_from, "date_from"), _day(date_to, "date_to")
    return EventFilter(date_from=date_from or None, date_to=date_to or None, type=type or None, actor=actor or None,
                       side=side or None, place=place or None, disputed=bool(disputed))


def axis_range(days: list[int], fence: float = 3.0) -> tuple[int, int]:
    """The span of day numbers a timeline's axis shows: all of them, except outliers beyond
    `fence` interquartile ranges of the quartiles (a 1944 anniversary among 2024 strikes)."""
    days = sorted(days)
    if len(days) < 4:
        return days[0], days[-1]
    q1, q3 = days[len(days) // 4], days[(3 * len(days)) // 4]
    spread = max(q3 - q1, 7)
    low, high = q1 - fence * spread, q3 + fence * spread
    kept = [d for d in days if low <= d <= high]
    return kept[0], kept[-1]


def timeline(rows: list[dict], width: int = 900) -> dict:
    """Bars of an SVG timeline: x from the event's start/end within the shown range. Events dated
    far outside the rest are listed apart (`outside`), as are undated ones (`undated`), so that
    one outlier does not squeeze every other bar into a pixel."""
    dated = [e for e in rows if e["when"]]
    undated = [e for e in rows if not e["when"]]
    if not dated:
        return {"bars": [], "width": width, "height": 0, "ticks": [], "outside": [], "undated": undated}
    day = {e["event_id"]: dt.date.fromisoformat(e["when"]["start"]).toordinal() for e in dated}
    lo, hi = axis_range(list(day.values()))
    outside = [e for e in dated if not lo <= day[e["event_id"]] <= hi]
    dated = [e for e in dated if lo <= day[e["event_id"]] <= hi]
    first = min(dt.date.fromisoformat(e["when"]["start"]) for e in dated)
    last = max(dt.date.fromisoformat(e["when"]["end"]) for e in dated)
    days = max((last - first).days, 1)
    scale = (width - 20) / days
    bars = []
    for i, e in enumerate(sorted(dated, key=lambda e: e["when"]["start"])):
        s = dt.date.fromisoformat(e["when"]["start"])
        t = dt.date.fromisoformat(e["when"]["end"])
        bars.append({"x": 10 + (s - first).days * scale, "w": max(4.0, ((t - s).days + 1) * scale),
                     "y": 8 + (i % 12) * 14, "event": e, "disputed": bool(e["disputes"])})
    ticks = []
    month = dt.date(first.year, first.month, 1)
    step = max(1, days // 300 + 1)
    while month <= last:
        ticks.append({"x": 10 + max(0, (month - first).days) * scale, "label": month.strftime("%Y-%m")})
        for _ in range(step):
            month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return {"bars": bars, "width": width, "height": 8 + min(len(bars), 12) * 14 + 24, "ticks": ticks[-40:],
            "outside": sorted(outside, key=lambda e: e["when"]["start"]), "undated": undated}


def found(value: dict | None, what: str, key: str) -> dict:
    if value is None:
        raise HTTPException(404, f"no {what} {key}")
    return value


def side_of(claim: dict) -> str:
    if claim["speaker"] is None:
        return "outlet"
    speaker = claim["speaker"]
    if speaker.get("side"):
        return speaker["side"]
    return "independent" if speaker.get("kind") in INDEPENDENT_KINDS else "unknown"


def create_app(db: str | None = None, ledger: Ledger | None = None) -> FastAPI:
    ledger = ledger or open_ledger(db)
    app = FastAPI(title="fogwatch", version="1", docs_url=None, redoc_url=None,
                  description="The fogwatch ledger: events, claims and articles, in the fogwatch/1 format.")
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.finalize = neutralise
    templates.env.filters["safe_url"] = safe_url
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    app.mount("/vendor/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="leaflet")
    app.mount("/vendor/markercluster", StaticFiles(directory=markercluster.BASE_DIR), name="markercluster")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        try:
            response = await call_next(request)
        except Exception:  # noqa: BLE001 - answered here so that the error page carries the headers too
            log.exception("fogwatch: error serving %s", request.url.path)
            response = PlainTextResponse("internal error", status_code=500)
        response.headers.update(SECURITY_HEADERS)
        return response

    def page_events(f: EventFilter, page: int) -> tuple[int, list[dict]]:
        return ledger.find_events(f, limit=PAGE, offset=(max(page, 1) - 1) * PAGE)

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, date_from: Day = "", date_to: Day = "", type: Name = "", actor: Name = "",
              side: Name = "", place: Name = "", disputed: Flag = "", page: Page = 1):
        f = _filter(date_from, date_to, type, actor, side, place, disputed)
        total, rows = page_events(f, page)
        points = [{"href": f"/events/{e['event_id']}", "lat": p["lat"], "lon": p["lon"],
                   "label": f"{e['subtype']} — {p['name']}", "disputed": bool(e["disputes"])}
                  for e in rows for p in e["places"] if p.get("lat") is not None]
        return templates.TemplateResponse(request, "index.html", {
            "rows": rows, "total": total, "page": page, "pages": (total + PAGE - 1) // PAGE, "f": f,
            "types": ledger.event_types(), "actors": ledger.event_actors(), "sides": ledger.facet_values("side"),
            "points": json.dumps(points), "timeline": timeline(rows)})

    @app.get("/events/{event_id}", response_class=HTMLResponse)
    def event_page(request: Request, event_id: str):
        event = found(ledger.get_event(event_id), "event", event_id)
        claims = list(ledger.iter_claims(event_id=event_id))
        columns: dict[str, list[dict]] = defaultdict(list)
        for claim in claims:
            columns[side_of(claim)].append(claim)
        order = sorted(columns, key=lambda s: SIDE_ORDER.get(s, "a" if s != "outlet" else "zzz") + s)
        by_id = {c["claim_id"]: c for c in claims}
        points = [{"lat": p["lat"], "lon": p["lon"], "label": p["name"], "disputed": bool(event["disputes"])}
                  for p in event["places"] if p.get("lat") is not None]
        return templates.TemplateResponse(request, "event.html", {
            "event": event, "columns": [(s, columns[s]) for s in order], "by_id": by_id, "points": json.dumps(points)})

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(request: Request, article_id: str):
        article = found(ledger.get_article(article_id), "article", article_id)
        claims = list(ledger.iter_claims(article_id=article_id))
        return templates.TemplateResponse(request, "article.html", {
            "article": article, "pieces": pieces(article["text"], claims), "n_claims": len(claims)})

    @app.get("/api/events")
    def api_events(date_from: Day = "", date_to: Day = "", type: Name = "", actor: Name = "", side: Name = "",
                   place: Name = "", disputed: bool = False, page: Page = 1,
                   per_page: int = Query(PAGE, ge=1, le=500)):
        f = _filter(date_from, date_to, type, actor, side, place, disputed)
        total, rows = ledger.find_events(f, limit=per_page, offset=(page - 1) * per_page)
        return {"total": total, "page": page, "per_page": per_page, "events": rows}

    @app.get("/api/events/{event_id}")
    def api_event(event_id: str):
        return found(ledger.get_event(event_id), "event", event_id)

    @app.get("/api/articles/{article_id}")
    def api_article(article_id: str):
        return found(ledger.get_article(article_id), "article", article_id)

    @app.get("/api/claims")
    def api_claims(event_id: Name = "", article_id: Name = "", page: Page = 1,
                   per_page: int = Query(200, ge=1, le=1000)):
        total = ledger.count_claims(article_id=article_id or None, event_id=event_id or None)
        rows = ledger.iter_claims(article_id=article_id or None, event_id=event_id or None,
                                  limit=per_page, offset=(page - 1) * per_page)
        return {"total": total, "page": page, "per_page": per_page, "claims": [interchange(r) for r in rows]}

    return app
