"""What every reader shares: clean, id and build an Article; read metadata dates."""

from __future__ import annotations

import datetime as dt
import re

from storyline import dates
from storyline.errors import E, problem
from storyline.ids import article_id
from storyline.model import Article, Problem, Published
from storyline.settings import Settings

from .clean import clean

__all__ = ["build_article", "metadata_date", "parse_date", "too_large"]

# Written-out dates seen in metadata lines and JSON fields ("July 13, 2017",
# "13 July 2017", "Jul 13 2017").  ISO dates are handled by dates.parse_iso.
_FORMATS = ("%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%b. %d, %Y")


def parse_date(value: str) -> dt.date | None:
    """A day from ``2017-07-13`` (or a longer ISO timestamp) or a written-out date."""
    value = value.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    # "Sept." and "Sept" are common in news copy; strptime knows only "Sep".
    value = re.sub(r"\bSept\b\.?", "Sep", value)
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def metadata_date(value: object) -> Published | None:
    """A :class:`Published` (method ``metadata``) from a header or field value, if it parses.

    ISO values cut to a month or a year keep that precision.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    day = parse_date(value)
    if day is not None:
        return Published(date=dates.day(day), method="metadata")
    loose = dates.parse_iso(value)
    return Published(date=loose, method="metadata") if loose is not None else None


def too_large(source: str, size: int, settings: Settings) -> Problem | None:
    """E004 when ``size`` bytes is over ``settings.max_text_bytes``."""
    if size > settings.max_text_bytes:
        return problem(source, E.TOO_LARGE, size=size, limit=settings.max_text_bytes)
    return None


def _field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def build_article(
    text: str,
    source: str,
    *,
    title: object = None,
    outlet: object = None,
    author: object = None,
    url: object = None,
    published: Published | None = None,
) -> Article | Problem:
    """Clean ``text`` and build the :class:`Article`; E014 when nothing is left.

    Metadata values that are not non-empty strings are dropped, so readers can
    pass through whatever a JSON record or an extractor gave them.
    """
    cleaned, removed = clean(text)
    if not cleaned:
        return problem(source, E.EMPTY_TEXT)
    return Article(
        id=article_id(cleaned),
        source=source,
        text=cleaned,
        title=_field(title),
        outlet=_field(outlet),
        author=_field(author),
        url=_field(url),
        published=published,
        removed=removed,
    )
