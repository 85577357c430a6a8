"""End to end in a real browser: Debian's Chromium driven by Playwright.

Each page opens without a script error or a Content-Security-Policy violation;
the timeline filters and draws; event -> entity -> article span clicks through;
a search runs; the TimelineJS export downloads and validates; the hostile
article runs nothing.  Screenshots go to ``$STORYLINE_SCREENSHOTS`` when set (the
project keeps them in ``docs/screenshots/``), else to a temporary folder.  Set
``STORYLINE_WEB_DB`` to run the tour over another story (the hostile-article
test then skips).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.export.timelinejs import validate_timelinejs

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

pytestmark = [pytest.mark.browser]

if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)
try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - playwright is a dev dependency
    pytest.skip("browser tests need playwright (pip install playwright)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def story_db(web_db: Path) -> Path:
    other = os.environ.get("STORYLINE_WEB_DB")
    return Path(other) if other else web_db


@pytest.fixture(scope="module")
def base_url(story_db: Path) -> Iterator[str]:
    import uvicorn

    from storyline.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(story_db), host="127.0.0.1", port=port, log_level="error", lifespan="off",
                            ws="none", http="h11")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, accept_downloads=True)
    opened = context.new_page()
    opened.problems = []
    opened.on("console", lambda m: opened.problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: opened.problems.append(str(e)))
    opened.on("dialog", lambda d: (opened.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield opened
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("STORYLINE_SCREENSHOTS")
    target = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    target.mkdir(parents=True, exist_ok=True)
    return target


def _first(page: Any, base_url: str, api: str, key: str) -> str:
    data = page.request.get(base_url + api).json()
    return str(data[key][0]["id"])


def _pages(page: Any, base_url: str) -> dict[str, str]:
    article = page.request.get(base_url + "/api/events?limit=1").json()["events"][0]["mentions"][0]["span"]["article"]
    return {
        "home": "/",
        "timeline": "/timeline",
        "event": "/events/" + _first(page, base_url, "/api/events?limit=1", "events"),
        "entity": "/entities/" + _first(page, base_url, "/api/entities?limit=1", "entities"),
        "entities": "/entities",
        "quotes": "/quotes",
        "conflicts": "/conflicts",
        "article": "/articles/" + article,
        "search": "/search?q=the",
        "key-dates": "/key-dates",
    }


def test_every_page_opens_cleanly(page: Any, base_url: str, shots: Path) -> None:
    for name, url in _pages(page, base_url).items():
        response = page.goto(base_url + url)
        assert response.status == 200, url
        if name == "timeline":
            page.wait_for_selector("#chart[data-ready='1']")
        page.screenshot(path=str(shots / f"{name}.png"))
    assert page.problems == []


def test_timeline_filters_and_draws(page: Any, base_url: str) -> None:
    page.goto(base_url + "/timeline")
    page.wait_for_selector("#chart[data-ready='1']")
    before = page.locator("#event-list tbody tr").count()
    first_type = page.locator("select[name=type] option").nth(1).get_attribute("value") or \
        page.locator("select[name=type] option").nth(1).inner_text()
    page.select_option("select[name=type]", first_type)
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#chart[data-ready='1']")
    assert f"type={first_type}" in page.url
    rows = page.locator("#event-list tbody tr")
    assert 0 < rows.count() <= before
    assert all(first_type in rows.nth(i).inner_text() for i in range(rows.count()))
    assert page.locator("#chart svg .ev").count() >= 1
    assert page.problems == []


def test_timeline_zooms_and_pans(page: Any, base_url: str) -> None:
    page.goto(base_url + "/timeline")
    page.wait_for_selector("#chart svg")
    labels = page.locator("#chart svg .axis text").all_text_contents()
    page.click("#zoom-in")
    page.click("#zoom-in")
    zoomed = page.locator("#chart svg .axis text").all_text_contents()
    box = page.locator("#chart-body").bounding_box()
    page.mouse.move(box["x"] + 600, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + 300, box["y"] + 20, steps=5)
    page.mouse.up()
    panned = page.locator("#chart svg .axis text").all_text_contents()
    assert labels != zoomed and zoomed != panned
    assert page.problems == []


def test_group_by_outlet_draws_outlet_lanes(page: Any, base_url: str) -> None:
    page.goto(base_url + "/timeline?group=outlet")
    page.wait_for_selector("#chart svg")
    lanes = page.locator("#chart svg .lane-label").all_text_contents()
    outlets = [o["outlet"] for o in page.request.get(base_url + "/api/summary").json()["outlets"]]
    assert any(lane in outlets or lane.rstrip("\u2026") in "".join(outlets) for lane in lanes)


def test_click_through_event_entity_article_span(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + "/timeline")
    page.locator("#event-list tbody tr td:nth-child(2) a").first.click()
    assert "/events/" in page.url
    page.locator("dl.facts a.entity").first.click()
    assert "/entities/" in page.url
    name = page.locator("h1").inner_text()
    page.locator("ul.mentions a.span-link").first.click()
    assert "/articles/" in page.url and "#s-" in page.url
    anchor = page.url.split("#", 1)[1]
    target = page.locator(f"[id='{anchor}'] + a.hl")
    assert target.count() == 1 and target.inner_text() in name + " " + page.locator("article.text").inner_text()
    page.screenshot(path=str(shots / "article-span.png"))
    assert page.problems == []


def test_key_dates_click_through_to_the_cited_sentence(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.locator("nav a", has_text="Key dates").click()
    assert page.url.endswith("/key-dates")
    quoted = page.locator("#key-dates q a").first
    text = quoted.inner_text()
    quoted.click()
    assert "/articles/" in page.url and "#s-" in page.url
    assert text in page.locator("article.text").inner_text()
    assert page.problems == []


def test_search_runs_and_facets_narrow(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("header .quick input[name=q]", "the")
    page.press("header .quick input[name=q]", "Enter")
    page.wait_for_selector("#hits")
    assert page.locator("#hits li mark").count() >= 1
    facet = page.locator("#facets ul li a").first
    facet.click()
    page.wait_for_selector("#hits")
    assert "q=the" in page.url and "&" in page.url
    assert page.problems == []


def test_timelinejs_export_downloads_and_validates(page: Any, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "/timeline")
    with page.expect_download() as info:
        page.click("#export-timelinejs")
    target = tmp_path / "story.timeline.json"
    info.value.save_as(str(target))
    data = json.loads(target.read_text("utf-8"))
    assert validate_timelinejs(data) == [] and data["events"]


def test_hostile_article_runs_nothing(page: Any, base_url: str, story_db: Path, web_db: Path) -> None:
    if story_db != web_db:
        pytest.skip("the hostile article is only in the test story")
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    article = page.request.get(base_url + "/api/search?q=council").json()["hits"][0]["article"]
    event = page.request.get(base_url + "/api/events?type=SANCTION").json()["events"][0]["id"]
    for url in (f"/articles/{article}", f"/events/{event}", "/timeline", "/search?q=script", "/quotes", "/entities"):
        page.goto(base_url + url)
        page.wait_for_load_state("load")
        for link in page.locator("a").all():
            href = link.get_attribute("href") or ""
            assert not href.strip().lower().startswith("javascript:"), url
        assert page.evaluate("typeof window.__xss") == "undefined", url
    page.goto(base_url + f"/articles/{article}")
    assert "<script>window.__xss = 1</script>" in page.locator("article.text").inner_text()
    page.goto(base_url + "/timeline?type=SANCTION")
    page.wait_for_selector("#chart svg .ev")
    page.locator("#chart svg .ev").first.hover()
    assert "onerror" in page.locator("#chart-tip").inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.problems == [] and violations == []

