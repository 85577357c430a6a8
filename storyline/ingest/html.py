"""HTML pages (``.html``, ``.htm``), and the HTML step shared by WARC and URL readers.

:func:`article_from_html` extracts the main text, title, author and site name
with trafilatura, and the publication date with htmldate (the page's own
metadata, so ``Published.method`` is ``metadata``).  Each block trafilatura
returns (paragraph, heading, list item) becomes a paragraph of the article.
A page with no main text (no block of at least eight words) is E005;
extracted text over ``settings.max_text_bytes`` is E004.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import htmldate
import trafilatura

from storyline import dates
from storyline.errors import E, problem
from storyline.model import Article, Problem, Published
from storyline.settings import Settings

from ._common import build_article, too_large

__all__ = ["MARKUP_FACTOR", "article_from_html", "markup_too_large", "read_html_file"]

# Markup is several times bigger than the text it carries; a page is refused
# unread only when it is this many times over ``settings.max_text_bytes``.
MARKUP_FACTOR = 4
# trafilatura falls back to whatever text a page has ("Home About" from a
# navigation bar); a page is an article only if some block reads like a
# sentence, i.e. has at least this many words.
_MIN_BLOCK_WORDS = 8


def markup_too_large(source: str, size: int, settings: Settings) -> Problem | None:
    """E004 for a page of ``size`` bytes beyond ``MARKUP_FACTOR * settings.max_text_bytes``."""
    limit = MARKUP_FACTOR * settings.max_text_bytes
    if size > limit:
        return problem(source, E.TOO_LARGE, size=size, limit=limit)
    return None


def _published(html: str | bytes, url: str | None) -> Published | None:
    # extensive_search=False: only the page's metadata and markup, not guesses
    # from free text, which analysis handles itself (datelines, time expressions).
    try:
        found = htmldate.find_date(html, extensive_search=False, original_date=True, url=url)
    except ValueError:
        # htmldate raises on markup it cannot parse at all; no date is the honest answer.
        return None
    if not found:
        return None
    try:
        return Published(date=dates.day(dt.date.fromisoformat(found)), method="metadata")
    except ValueError:
        return None


def article_from_html(
    html: str | bytes, source: str, settings: Settings, url: str | None = None
) -> Article | Problem:
    """One article from one HTML document, or the problem that stops it."""
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        deduplicate=False,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or max((len(line.split()) for line in text.splitlines()), default=0) < _MIN_BLOCK_WORDS:
        return problem(source, E.NO_ARTICLE)
    if (large := too_large(source, len(text.encode("utf-8")), settings)) is not None:
        return large
    # trafilatura puts one block per line; articles separate paragraphs by a blank line.
    text = "\n\n".join(line for line in text.splitlines() if line.strip())
    return build_article(
        text, source,
        title=getattr(document, "title", None),
        outlet=getattr(document, "sitename", None),
        author=getattr(document, "author", None),
        url=url or getattr(document, "url", None),
        published=_published(html, url),
    )


def read_html_file(path: Path, settings: Settings) -> Iterator[Article | Problem]:
    """Yield the article in an HTML file, or the one problem that stops it.

    A file over :func:`markup_too_large` is refused before it is read (E004);
    so is a page whose extracted text is over ``settings.max_text_bytes``.
    """
    source = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            yield problem(source, E.EMPTY)
            return
        if (large := markup_too_large(source, size, settings)) is not None:
            yield large
            return
        data = path.read_bytes()
    except OSError as exc:
        yield problem(source, E.UNREADABLE, detail=exc.strerror or type(exc).__name__)
        return
    yield article_from_html(data, source, settings)
