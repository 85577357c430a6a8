"""WARC reader: HTML responses become articles; damage gives one E008 and keeps what came before."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from storyline.ingest.warc import read_warc_file
from storyline.model import Article, Problem
from storyline.settings import Settings

SETTINGS = Settings(quiet=True)


def page(n: int) -> bytes:
    sentences = " ".join(
        f"Report number {n} says the river rose {n + i} centimetres overnight near bridge {i}."
        for i in range(6)
    )
    html = f"<html><body><article><h1>Flood report {n}</h1><p>{sentences}</p></article></body></html>"
    return html.encode()


def record(
    uri: str, body: bytes, *, status: str = "200 OK", content_type: str = "text/html; charset=utf-8",
    warc_type: str = "response",
) -> bytes:
    """One WARC/1.0 record, written by hand so the bytes (and truncations) are under our control."""
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + body
    head = (
        f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\n"
        "WARC-Date: 2021-06-01T12:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        f"Content-Type: application/http; msgtype={warc_type}\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def write(tmp_path: Path, records: list[bytes], *, gz: bool, keep: float = 1.0) -> Path:
    """Write the records; ``keep`` is the share of the last one's bytes that survive."""
    parts = [gzip.compress(r, mtime=0) for r in records] if gz else records
    data = b"".join(parts)
    cut = len(parts[-1]) - int(len(parts[-1]) * keep)
    path = tmp_path / ("archive.warc.gz" if gz else "archive.warc")
    path.write_bytes(data[: len(data) - cut])
    return path


PAGES = [record(f"https://example.org/{n}", page(n)) for n in range(3)]


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_html_responses_become_articles_in_order(tmp_path: Path, gz: bool) -> None:
    path = write(tmp_path, PAGES, gz=gz)
    results = list(read_warc_file(path, SETTINGS))
    urls = [r.url for r in results if isinstance(r, Article)]
    assert urls == [f"https://example.org/{n}" for n in range(3)]
    assert all(isinstance(r, Article) and r.source == str(path) for r in results)


@pytest.mark.parametrize(
    "skipped",
    [
        pytest.param(record("https://example.org/x", page(9), status="404 Not Found"), id="status-404"),
        pytest.param(record("https://example.org/x.png", b"\x89PNG", content_type="image/png"), id="image"),
        pytest.param(record("https://example.org/x", b"GET / HTTP/1.1", warc_type="request"), id="request"),
    ],
)
def test_other_records_are_skipped(tmp_path: Path, skipped: bytes) -> None:
    path = write(tmp_path, [PAGES[0], skipped, PAGES[1]], gz=False)
    assert [type(r).__name__ for r in read_warc_file(path, SETTINGS)] == ["Article", "Article"]


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize("keep", [0.9, 0.5, 0.1], ids=["cut-near-end", "cut-in-half", "cut-in-header"])
def test_truncated_record_gives_e008_after_earlier_articles(tmp_path: Path, gz: bool, keep: float) -> None:
    path = write(tmp_path, PAGES, gz=gz, keep=keep)
    *articles, problem = read_warc_file(path, SETTINGS)
    assert [type(a).__name__ for a in articles] == ["Article", "Article"]
    assert isinstance(problem, Problem)
    assert (problem.code, problem.source) == ("E008", str(path))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("junk.warc", b"this is not a web archive\n" * 3, id="text"),
        pytest.param("junk.warc.gz", gzip.compress(b"this is not a web archive\n", mtime=0), id="gzip-text"),
        pytest.param("junk.warc.gz", b"\x1f\x8b\x08 broken gzip", id="broken-gzip"),
    ],
)
def test_garbage_is_e008(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (problem,) = read_warc_file(path, SETTINGS)
    assert isinstance(problem, Problem) and problem.code == "E008"


def test_empty_archive_is_e001(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    path.write_bytes(b"")
    (problem,) = read_warc_file(path, SETTINGS)
    assert isinstance(problem, Problem) and problem.code == "E001"


def test_html_record_without_article_names_the_record(tmp_path: Path) -> None:
    empty = record("https://example.org/empty", b"<html><body><nav>Home</nav></body></html>")
    path = write(tmp_path, [empty, PAGES[0]], gz=False)
    problem, article = read_warc_file(path, SETTINGS)
    assert isinstance(problem, Problem) and isinstance(article, Article)
    assert problem.code == "E005"
    assert problem.source == f"{path} <https://example.org/empty>"
