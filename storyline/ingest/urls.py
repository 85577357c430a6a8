"""URL lists (``.urls``): one URL a line, fetched and read as HTML.

All HTTP goes through :class:`Fetcher`, the one seam to the network: it takes
an :class:`httpx.Client` (tests pass one built on :class:`httpx.MockTransport`),
sends ``settings.user_agent``, gives up after ``settings.http_timeout`` seconds,
retries ``settings.http_retries`` times on network errors and 5xx answers, and,
when ``settings.respect_robots`` is set, obeys each host's robots.txt (fetched
once per host with the same client; a missing robots.txt allows everything).
A URL that cannot be fetched is E009; one robots.txt disallows is E010.
"""

from __future__ import annotations

import dataclasses
import time
import urllib.robotparser
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

import httpx

from storyline.errors import E, problem
from storyline.model import Article, Problem
from storyline.settings import Settings

from .html import article_from_html, markup_too_large

__all__ = ["Fetched", "Fetcher", "parse_url_lines", "read_url_list", "read_urls_file"]

# Seconds before the first retry, doubled for each one after.
_BACKOFF = 0.5


@dataclasses.dataclass(frozen=True, slots=True)
class Fetched:
    """A page that was fetched: the final URL (after redirects) and its bytes."""

    url: str
    content: bytes


class Fetcher:
    """Fetch pages politely.  ``fetch(url)`` returns :class:`Fetched` or a :class:`Problem`.

    Use as a context manager; the client is closed on exit only if this
    fetcher created it.
    """

    def __init__(
        self, settings: Settings, client: httpx.Client | None = None, *, backoff: float = _BACKOFF
    ) -> None:
        self.settings = settings
        self.backoff = backoff
        self._own_client = client is None
        self.client = client if client is not None else httpx.Client()
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    def _get(self, url: str) -> httpx.Response:
        """GET with retries on network errors and 5xx; the last error or answer wins."""
        attempts = 1 + max(self.settings.http_retries, 0)
        for attempt in range(attempts):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self.client.get(
                    url, headers={"User-Agent": self.settings.user_agent},
                    timeout=self.settings.http_timeout, follow_redirects=True,
                )
            except httpx.TransportError:
                if attempt == attempts - 1:
                    raise
                continue
            if response.status_code < 500 or attempt == attempts - 1:
                return response
        raise AssertionError("unreachable")  # the loop always returns or raises

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._robots:
            parser = urllib.robotparser.RobotFileParser(host + "/robots.txt")
            try:
                response = self._get(host + "/robots.txt")
            except httpx.HTTPError:
                # No answer about robots: let the page fetch itself fail or succeed.
                response = None
            if response is not None and response.status_code in (401, 403):
                # The convention urllib.robotparser follows: a guarded robots.txt guards the site.
                parser.parse(["User-agent: *", "Disallow: /"])
            elif response is not None and response.status_code == 200:
                parser.parse(response.text.splitlines())
            else:
                # Missing (404) or unanswered: everything is allowed.  parse() also marks
                # the parser as read, without which can_fetch() refuses everything.
                parser.parse([])
            self._robots[host] = parser
        return self._robots[host]

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets our user agent fetch ``url`` (always, if not respected)."""
        if not self.settings.respect_robots:
            return True
        return self._robots_for(url).can_fetch(self.settings.user_agent, url)

    def fetch(self, url: str) -> Fetched | Problem:
        """The page at ``url``, or E010 (robots) / E009 (network error, non-200 answer)."""
        if not _is_http_url(url):
            return problem(url, E.FETCH_FAILED, detail="not an http(s) URL")
        if not self.allowed(url):
            return problem(url, E.ROBOTS)
        try:
            response = self._get(url)
        except httpx.HTTPError as exc:
            return problem(url, E.FETCH_FAILED, detail=f"{type(exc).__name__}: {exc}".rstrip(": "))
        if response.status_code != 200:
            return problem(url, E.FETCH_FAILED, detail=f"HTTP {response.status_code}")
        return Fetched(str(response.url), response.content)


def _is_http_url(url: str) -> bool:
    # Both parsers see the URL: httpx to fetch it, urllib for robots.txt.
    try:
        parsed = httpx.URL(url)
        urlsplit(url)
    except (httpx.InvalidURL, ValueError):
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.host)


def read_url_list(
    urls: Iterator[str] | list[str], settings: Settings, fetcher: Fetcher
) -> Iterator[Article | Problem]:
    """Fetch each URL in order and read it as HTML; the article's ``source`` is the URL."""
    for url in urls:
        fetched = fetcher.fetch(url)
        if isinstance(fetched, Problem):
            yield fetched
            continue
        if (large := markup_too_large(url, len(fetched.content), settings)) is not None:
            yield large
            continue
        yield article_from_html(fetched.content, url, settings, url=fetched.url)


def parse_url_lines(text: str) -> list[str]:
    """The URLs in a ``.urls`` file: one a line; blank lines and ``#`` comments skipped."""
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]


def read_urls_file(
    path: Path, settings: Settings, client: httpx.Client | None = None
) -> Iterator[Article | Problem]:
    """Yield one article or problem per URL listed in ``path``, in file order."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        yield problem(source, E.UNREADABLE, detail=exc.strerror or type(exc).__name__)
        return
    urls = parse_url_lines(text)
    if not urls:
        yield problem(source, E.EMPTY)
        return
    with Fetcher(settings, client) as fetcher:
        yield from read_url_list(urls, settings, fetcher)
