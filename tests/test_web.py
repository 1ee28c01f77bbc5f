"""The web page and its API, on the seeds plus the sample corpus plus a hostile article.

Browser tests drive Debian's Chromium (/usr/bin/chromium, installed by .ci/run) with Playwright and
save a screenshot of each page to test-output/screenshots/.
"""
from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

SAMPLE = Path(str(resources.files("fogwatch") / "data" / "sample" / "reports.jsonl"))
SHOTS = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
HOSTILE = ("Officials said on Monday that 12 soldiers were killed near Kozinka. "
           "<script>window.pwned = 1; alert('xss')</script> "
           "<img src=x onerror=\"window.pwned = 2; alert('xss')\"> The ministry said the attack was repelled.")


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, seeds_jsonl):
    from fogwatch.ledger import open_ledger
    from fogwatch.pipeline import reconcile_ledger, run

    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps({"text": HOSTILE, "title": "<b>Hostile</b> <script>alert(1)</script>",
                                   "outlet": "Test <i>Wire</i>", "published": "2023-05-23"}) + "\n", encoding="utf-8")
    led = open_ledger(str(folder / "web.db"))
    run([seeds_jsonl, SAMPLE, hostile], led)
    reconcile_ledger(led)
    return led


@pytest.fixture(scope="module")
def client(ledger):
    from fogwatch.views.web import create_app

    return TestClient(create_app(ledger=ledger))


@pytest.fixture(scope="module")
def hostile_id(ledger):
    (article,) = [a for a in ledger.iter_articles() if "pwned" in a["text"]]
    return article["article_id"]


def test_api_events_filters_and_pages(client):
    everything = client.get("/api/events").json()
    assert everything["total"] >= 5
    disputed = client.get("/api/events", params={"disputed": "true"}).json()
    assert 0 < disputed["total"] < everything["total"] and all(e["disputes"] for e in disputed["events"])
    battles = client.get("/api/events", params={"type": "Battles", "side": "UA", "place": "belgorod"}).json()
    assert battles["total"] >= 1 and all(e["type"] == "Battles" for e in battles["events"])
    in_2023 = client.get("/api/events", params={"date_from": "2023-01-01", "date_to": "2023-12-31"}).json()
    assert in_2023["total"] >= 1 and all(e["when"]["start"].startswith("2023") for e in in_2023["events"])
    page = client.get("/api/events", params={"per_page": 2, "page": 2}).json()
    assert len(page["events"]) == 2 and page["page"] == 2


def test_the_pages_show_their_markup_not_its_source(client):
    page = client.get("/").text
    assert '<span class="muted">' in page and "&lt;span" not in page


def test_api_event_article_claims(client):
    event = client.get("/api/events", params={"disputed": "true"}).json()["events"][0]
    assert client.get(f"/api/events/{event['event_id']}").json()["claims"] == event["claims"]
    claims = client.get("/api/claims", params={"event_id": event["event_id"]}).json()["claims"]
    assert {c["claim_id"] for c in claims} == set(event["claims"])
    article = client.get(f"/api/articles/{claims[0]['article_id']}").json()
    start, end = claims[0]["span"]
    assert article["text"][start:end] == claims[0]["text"]
    assert client.get("/api/events/ev-nope").status_code == 404
    assert "/api/events" in client.get("/openapi.json").json()["paths"]


def test_pages_have_a_strict_csp(client):
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert 'id="map"' in response.text and "<svg" in response.text


def test_hostile_article_is_escaped(client, hostile_id):
    html = client.get(f"/articles/{hostile_id}").text
    assert "&lt;script&gt;window.pwned" in html and "<script>window.pwned" not in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=" in html
    assert "<b>Hostile</b>" not in html and "&lt;b&gt;Hostile" in html


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(ledger):
    import uvicorn

    from fogwatch.views.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(ledger=ledger), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip(f"needs Debian's chromium at {CHROMIUM} (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def test_filter_open_event_follow_claim_to_sentence(server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/")
    page.wait_for_selector("#map .leaflet-interactive")  # markers drawn: Leaflet loaded under the CSP
    page.wait_for_selector("#map path.country[data-country=Ukraine]")  # the offline basemap, under the CSP
    assert page.locator("#map path.country").count() >= 200
    page.screenshot(path=str(SHOTS / "index.png"), full_page=True)
    total = page.locator("table.events tbody tr").count()
    page.check("input[name=disputed]")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?*disputed=1*")
    rows = page.locator("table.events tbody tr")
    assert 0 < rows.count() < total
    assert rows.count() == page.locator("table.events tbody tr.disputed").count()
    page.locator("a.event-link").first.click()
    page.wait_for_selector("h2:has-text('Claims side by side')")
    assert page.locator(".dispute").count() >= 1
    page.screenshot(path=str(SHOTS / "event.png"), full_page=True)
    link = page.locator("a.claim-link.sentence").first
    sentence = link.inner_text()
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**/articles/**")
    target = page.locator(":target")
    assert target.count() == 1
    anchor = href[href.index("#"):]
    mark = page.locator(f"mark{anchor}, mark:has({anchor})")
    assert mark.count() >= 1 and sentence.strip()[:40] in mark.first.inner_text()
    page.screenshot(path=str(SHOTS / "article.png"), full_page=True)
    assert not errors


def test_hostile_article_runs_nothing(server, browser, hostile_id):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/articles/{hostile_id}")
    page.wait_for_selector(".article-text")
    page.wait_for_timeout(300)
    assert not dialogs
    assert page.evaluate("window.pwned === undefined")
    assert page.locator(".article-text img").count() == 0 and page.locator(".article-text script").count() == 0
    assert "<script>window.pwned" in page.locator(".article-text").inner_text()
    page.screenshot(path=str(SHOTS / "hostile-article.png"), full_page=True)


def test_actor_filter_lists_names(client):
    html = client.get("/").text
    assert '<option value="ua-frl"' in html and "Freedom of Russia Legion</option>" in html
    only = client.get("/api/events", params={"actor": "ua-frl"}).json()
    assert only["total"] >= 1 and all(any(a["actor_id"] == "ua-frl" for a in e["actors"]) for e in only["events"])


# Whether the centre of the first marker (or cluster) on the map lies inside the named country's
# outline, tested in the outline's own SVG coordinates.
MARKER_IN_COUNTRY = """country => {
  const marker = document.querySelector('#map .leaflet-overlay-pane path.leaflet-interactive, #map .marker-cluster');
  const outline = document.querySelector(`#map path.country[data-country="${country}"]`);
  const box = marker.getBoundingClientRect();
  const point = new DOMPoint(box.x + box.width / 2, box.y + box.height / 2).matrixTransform(outline.getScreenCTM().inverse());
  return outline.isPointInFill(point);
}"""


# Markers drawn one by one, and the markers the clusters stand for.
MARKERS = """() => [
  document.querySelectorAll('#map .leaflet-overlay-pane path.leaflet-interactive').length,
  [...document.querySelectorAll('#map .marker-cluster')].map(c => Number(c.textContent)).reduce((a, b) => a + b, 0)]"""


def test_event_map_puts_its_places_in_their_country(server, browser, client):
    # An event placed only at Belgorod (city or oblast), tens of kilometres inside Russia: a village
    # on the border could fall either side of a 1:50m outline.
    events = client.get("/api/events", params={"place": "belgorod"}).json()["events"]
    (event,) = [e for e in events if e["places"] and all(p["name"].startswith("Belgorod") for p in e["places"])][:1]
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/events/{event['event_id']}")
    page.wait_for_selector("#map path.country[data-country=Russia]")
    page.wait_for_selector("#map .leaflet-interactive")
    assert page.evaluate(MARKER_IN_COUNTRY, "Russia")
    assert not page.evaluate(MARKER_IN_COUNTRY, "Ukraine")
    assert page.evaluate(MARKERS) == [sum(p.get("lat") is not None for p in event["places"]), 0]  # none clustered
    assert not errors


def test_index_map_clusters_crowded_markers_and_loses_none(server, browser):
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.goto(server + "/")
    page.wait_for_selector("#map path.country", state="attached")  # outlines outside the view are empty paths
    points = len(json.loads(page.locator("#map").get_attribute("data-points")))
    assert points >= 5
    zoom_out = page.locator("#map a.leaflet-control-zoom-out")
    while "leaflet-disabled" not in (zoom_out.get_attribute("class") or ""):
        zoom_out.click()
        page.wait_for_timeout(400)
    single, clustered = page.evaluate(MARKERS)
    assert clustered >= 2 and single + clustered == points
