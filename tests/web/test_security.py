"""Untrusted text stays text, no inline script runs, nothing outside the store can be read."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from storyline.web.app import CSP

HOSTILE_PAGES = ["/", "/timeline", "/entities", "/quotes", "/conflicts", "/search?q=council"]


def _hostile_urls(client: Any) -> list[str]:
    article = next(a for a in client.app.state.index.articles.values() if a.source == "evil.html")
    event = next(v for v in client.app.state.index.events if v.type == "SANCTION")
    people = [e.id for e in client.app.state.index.story.entities if e.name.startswith("Ann")]
    return [f"/articles/{article.id}", f"/events/{event.id}", f"/entities/{people[0]}", *HOSTILE_PAGES]


def test_every_page_carries_the_csp(client: Any) -> None:
    assert all(client.get(u).headers["content-security-policy"] == CSP for u in _hostile_urls(client))


def test_csp_forbids_inline_script() -> None:
    script = next(d for d in CSP.split(";") if d.strip().startswith("script-src"))
    assert script.strip() == "script-src 'self'"


class _Active(HTMLParser):
    """Collects every piece of markup that could run code: inline scripts, on* handlers, javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not values.get("src"):
            self.found.append("inline <script>")
        self.found += [f"{tag} {k}" for k in values if k.startswith("on")]
        self.found += [f"{tag} {k}=javascript:" for k, v in values.items()
                       if k in ("href", "src", "action") and (v or "").strip().lower().startswith("javascript:")]


def test_no_page_contains_active_markup(client: Any) -> None:
    for url in _hostile_urls(client):
        parser = _Active()
        parser.feed(client.get(url).text)
        assert parser.found == [], url


def test_hostile_text_is_shown_escaped(client: Any) -> None:
    text = client.get(_hostile_urls(client)[0]).text
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in text


def test_javascript_url_is_not_a_link(client: Any) -> None:
    text = client.get(_hostile_urls(client)[0]).text
    assert "javascript:window.__xss=5" in text and 'href="javascript:' not in text


def test_static_file_is_served(client: Any) -> None:
    response = client.get("/static/timeline.js")
    assert response.status_code == 200 and "use strict" in response.text


@pytest.mark.parametrize(
    "url",
    ["/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/pyproject.toml", "/static//etc/passwd",
     "/static/..%5c..%5cpyproject.toml", "/static/../../../../etc/passwd"],
    ids=["dotdot", "encoded-slash", "encoded-dots", "absolute", "backslash", "deep"],
)
def test_path_traversal_reads_nothing(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (400, 404) and "import" not in response.text and "root:" not in response.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_the_api_is_read_only(client: Any, method: str) -> None:
    assert client.request(method, "/api/events").status_code == 405
