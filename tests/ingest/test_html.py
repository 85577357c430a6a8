"""HTML reader: main text and metadata via trafilatura / htmldate; pages without an article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storyline.ingest.html import article_from_html, read_html_file
from storyline.model import Article, Problem
from storyline.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
SETTINGS = Settings(quiet=True)


def read_one(path: Path, settings: Settings = SETTINGS) -> Article | Problem:
    results = list(read_html_file(path, settings))
    assert len(results) == 1
    return results[0]


@pytest.fixture(scope="module")
def article() -> Article:
    result = read_one(DATA / "article.html")
    assert isinstance(result, Article)
    return result


def test_main_text_is_extracted_without_navigation(article: Article) -> None:
    assert "tore away part of the main landing stage" in article.text
    assert "Weather" not in article.text
    assert "All rights reserved" not in article.text


def test_blocks_become_paragraphs(article: Article) -> None:
    assert article.text.count("\n\n") >= 4
    assert "\n\n\n" not in article.text


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", "Harbour ferry service to resume after storm repairs"),
        ("outlet", "The Coastal Ledger"),
        ("author", "Mira Okafor"),
    ],
)
def test_metadata_fields(article: Article, field: str, expected: str) -> None:
    assert getattr(article, field) == expected


def test_published_comes_from_page_metadata(article: Article) -> None:
    assert article.published is not None
    assert article.published.method == "metadata"
    assert article.published.date.earliest == dt.date(2021, 10, 5)


def test_debris_in_the_article_is_cleaned(article: Article) -> None:
    assert "Share this" not in article.text
    assert [r.reason for r in article.removed] == ["share prompt"]


def test_page_without_article_is_e005() -> None:
    result = read_one(DATA / "no_article.html")
    assert isinstance(result, Problem)
    assert (result.code, result.source) == ("E005", str(DATA / "no_article.html"))


@pytest.mark.parametrize(
    ("html", "code"),
    [
        pytest.param(b"", "E001", id="empty"),
        pytest.param(b"\x00\x01\x02\x03" * 50, "E005", id="binary"),
        pytest.param(b"<html><body></body></html>", "E005", id="empty-body"),
    ],
)
def test_unusable_files_give_one_problem(tmp_path: Path, html: bytes, code: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(html)
    result = read_one(path)
    assert isinstance(result, Problem)
    assert (result.code, result.source) == (code, str(path))


def test_file_over_the_size_limit_is_refused() -> None:
    result = read_one(DATA / "article.html", Settings(max_text_bytes=100))
    assert isinstance(result, Problem)
    assert result.code == "E004"


def test_extracted_text_over_the_limit_is_refused() -> None:
    # The markup is under 4 x the limit, so it is parsed; its extracted text is over the limit.
    html = (DATA / "article.html").read_bytes()
    result = article_from_html(html, "page", Settings(max_text_bytes=len(html) // 4 + 1))
    assert isinstance(result, Problem)
    assert result.code == "E004"


def test_url_is_passed_through() -> None:
    html = (DATA / "article.html").read_bytes()
    result = article_from_html(html, "https://example.org/ferry", SETTINGS, url="https://example.org/ferry")
    assert isinstance(result, Article)
    assert (result.source, result.url) == ("https://example.org/ferry", "https://example.org/ferry")
