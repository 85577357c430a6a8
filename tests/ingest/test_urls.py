"""URL lists: fetching behind the Fetcher seam (MockTransport), and once over a real local socket."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from storyline.ingest.urls import Fetcher, parse_url_lines, read_url_list, read_urls_file
from storyline.model import Article, Problem
from storyline.settings import Settings

SETTINGS = Settings(quiet=True, http_timeout=2.0)
DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
PAGE = (DATA / "article.html").read_bytes()

Handler = Callable[[httpx.Request], httpx.Response]


def site(pages: dict[str, httpx.Response], seen: list[httpx.Request] | None = None) -> Handler:
    """A fake site: path -> response; anything else is a 404."""

    def handle(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        return pages.get(request.url.path, httpx.Response(404))

    return handle


def read(urls: list[str], handler: Handler, settings: Settings = SETTINGS) -> list[Article | Problem]:
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        fetcher = Fetcher(settings, client, backoff=0)
        return list(read_url_list(urls, settings, fetcher))


def test_lines_blank_and_comments_skipped() -> None:
    assert parse_url_lines("# list\nhttps://a.org/1\n\n  https://a.org/2  \n#x\n") == [
        "https://a.org/1", "https://a.org/2",
    ]


def test_page_becomes_article_with_url_as_source() -> None:
    (article,) = read(["https://news.example/ferry"], site({"/ferry": httpx.Response(200, content=PAGE)}))
    assert isinstance(article, Article)
    assert (article.source, article.url) == ("https://news.example/ferry", "https://news.example/ferry")
    assert article.title == "Harbour ferry service to resume after storm repairs"


def test_user_agent_is_sent() -> None:
    seen: list[httpx.Request] = []
    read(["https://news.example/ferry"], site({"/ferry": httpx.Response(200, content=PAGE)}, seen))
    assert {r.headers["user-agent"] for r in seen} == {SETTINGS.user_agent}


@pytest.mark.parametrize(
    ("robots", "code"),
    [
        pytest.param("User-agent: *\nDisallow: /ferry\n", "E010", id="disallowed"),
        pytest.param("User-agent: storyline\nDisallow: /\n", "E010", id="disallowed-for-us"),
        pytest.param("User-agent: otherbot\nDisallow: /\n", None, id="other-agent"),
        pytest.param(None, None, id="no-robots-txt"),
    ],
)
def test_robots_txt_is_obeyed(robots: str | None, code: str | None) -> None:
    pages = {"/ferry": httpx.Response(200, content=PAGE)}
    if robots is not None:
        pages["/robots.txt"] = httpx.Response(200, text=robots)
    (result,) = read(["https://news.example/ferry"], site(pages))
    assert (result.code if isinstance(result, Problem) else None) == code


@pytest.mark.parametrize(("status", "code"), [(403, "E010"), (404, None), (500, None)])
def test_robots_txt_status(status: int, code: str | None) -> None:
    pages = {"/ferry": httpx.Response(200, content=PAGE), "/robots.txt": httpx.Response(status)}
    (result,) = read(["https://news.example/ferry"], site(pages), Settings(http_retries=0))
    assert (result.code if isinstance(result, Problem) else None) == code


def test_robots_txt_is_ignored_when_not_respected() -> None:
    pages = {
        "/ferry": httpx.Response(200, content=PAGE),
        "/robots.txt": httpx.Response(200, text="User-agent: *\nDisallow: /\n"),
    }
    (result,) = read(["https://news.example/ferry"], site(pages), Settings(respect_robots=False))
    assert isinstance(result, Article)


def test_robots_txt_is_fetched_once_per_host() -> None:
    seen: list[httpx.Request] = []
    pages = {"/a": httpx.Response(200, content=PAGE), "/b": httpx.Response(200, content=PAGE)}
    read(["https://news.example/a", "https://news.example/b"], site(pages, seen))
    assert [r.url.path for r in seen] == ["/robots.txt", "/a", "/b"]


def test_server_errors_are_retried() -> None:
    answers = iter([httpx.Response(503), httpx.Response(502), httpx.Response(200, content=PAGE)])

    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404) if request.url.path == "/robots.txt" else next(answers)

    (result,) = read(["https://news.example/ferry"], handle, Settings(http_retries=2))
    assert isinstance(result, Article)


def test_network_errors_are_retried_then_reported() -> None:
    calls: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        raise httpx.ConnectError("connection refused", request=request)

    (result,) = read(["https://down.example/page"], handle, Settings(http_retries=1))
    assert isinstance(result, Problem) and result.code == "E009"
    assert calls.count("/page") == 2


@pytest.mark.parametrize(
    ("url", "status"),
    [("https://news.example/missing", 404), ("https://news.example/broken", 500)],
    ids=["not-found", "server-error"],
)
def test_failed_answer_is_e009(url: str, status: int) -> None:
    (result,) = read([url], site({"/broken": httpx.Response(500)}), Settings(http_retries=0))
    assert isinstance(result, Problem)
    assert (result.code, result.source) == ("E009", url)
    assert result.message == f"could not fetch the URL (HTTP {status})"


@pytest.mark.parametrize(
    "url", ["ftp://files.example/a", "http://", "http://[bad/x", "not a url"],
    ids=["ftp", "no-host", "bad-ipv6", "words"],
)
def test_not_an_http_url_is_e009(url: str) -> None:
    (result,) = read([url], site({}))
    assert isinstance(result, Problem)
    assert (result.code, result.source) == ("E009", url)


def test_page_without_article_is_e005() -> None:
    empty = httpx.Response(200, content=(DATA / "no_article.html").read_bytes())
    (result,) = read(["https://news.example/empty"], site({"/empty": empty}))
    assert isinstance(result, Problem) and result.code == "E005"


def test_empty_url_file_is_e001(tmp_path: Path) -> None:
    path = tmp_path / "list.urls"
    path.write_text("# nothing yet\n\n")
    (result,) = read_urls_file(path, SETTINGS)
    assert isinstance(result, Problem) and result.code == "E001"


# --------------------------------------------------------------- a real socket


class _Site(BaseHTTPRequestHandler):
    pages = {"/robots.txt": b"User-agent: *\nDisallow: /private\n", "/ferry": PAGE, "/private": PAGE}

    def do_GET(self) -> None:  # the name http.server calls
        body = self.pages.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def local_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.network
def test_urls_file_over_a_local_server(tmp_path: Path, local_site: str) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}/gone"
    path = tmp_path / "list.urls"
    path.write_text(f"# three pages\n{local_site}/ferry\n{local_site}/private\n{dead}\n")
    ferry, private, gone = read_urls_file(path, Settings(http_retries=0, http_timeout=2.0))
    assert isinstance(ferry, Article) and ferry.url == f"{local_site}/ferry"
    assert isinstance(private, Problem) and private.code == "E010"
    assert isinstance(gone, Problem) and (gone.code, gone.source) == ("E009", dead)
