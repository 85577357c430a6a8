"""What the publishing exports share: the cited articles' metadata, names, safe links, file writes.

The event-based formats (TimelineJS, PLOVER, Markdown) are pure functions of
``(story, events, sources)``: ``sources`` maps each cited article id to a
:class:`Cited` record (metadata only, never the text), so the web app can call
them on a filtered list of events with metadata it already holds in memory.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import msgspec

from storyline.model import Article, DateValue, Event, Published, Story
from storyline.store.base import Store
from storyline.timeline import format_date as _format_date

__all__ = [
    "Cited",
    "cited",
    "cited_ids",
    "cited_sources",
    "dated",
    "entity_names",
    "format_date",
    "safe_url",
    "sources_for",
    "write_atomic",
]


class Cited(msgspec.Struct, frozen=True):
    """The metadata of one cited article: enough to write a citation."""

    id: str
    source: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: DateValue | None = None
    duplicate_of: str | None = None

    @property
    def name(self) -> str:
        """The outlet, else the file or URL it came from."""
        return self.outlet or Path(self.source).name or self.source


def cited(article: Article, published: Published | None) -> Cited:
    return Cited(
        id=article.id, source=article.source, title=article.title, outlet=article.outlet, url=article.url,
        published=published.date if published is not None else None, duplicate_of=article.duplicate_of,
    )


def cited_ids(events: Iterable[Event]) -> list[str]:
    """Every article an event cites, sorted."""
    return sorted({m.span.article for e in events for m in e.mentions})


def cited_sources(store: Store, ids: Iterable[str], story: Story) -> dict[str, Cited]:
    """Metadata of the given articles, read from the store; the date as the bundle chooses it
    (the article's own, else its dateline, else what linking inferred)."""
    out: dict[str, Cited] = {}
    for article_id in ids:
        article = store.get_article(article_id)
        if article is None:
            continue
        published = article.published
        if published is None:
            analysis = store.get_analysis(article_id)
            published = analysis.dateline if analysis is not None and analysis.dateline else None
        if published is None:
            published = story.published.get(article_id)
        out[article_id] = cited(article, published)
    return out


def format_date(d: DateValue | None) -> str:
    """:func:`storyline.timeline.format_date`, falling back to the ISO value for a value it cannot
    word (an export or a page must not fail on one odd date)."""
    try:
        return _format_date(d)
    except (ValueError, IndexError):
        return d.value if d is not None else "undated"


def entity_names(story: Story) -> dict[str, str]:
    return {e.id: e.name for e in story.entities}


def safe_url(url: str | None) -> str | None:
    """The URL when it is plain ``http(s)``; ``None`` for anything else (``javascript:``, ``data:``...)."""
    if not url:
        return None
    lowered = url.strip().lower()
    if lowered.startswith(("http://", "https://")) and not any(c in url for c in "\"'<> \t\r\n"):
        return url.strip()
    return None


def dated(events: Sequence[Event]) -> list[Event]:
    return [e for e in events if e.date is not None]


def sources_for(sources: Mapping[str, Cited], event: Event) -> list[Cited]:
    """The articles an event cites, originals before copies, in id order."""
    ids = sorted({m.span.article for m in event.mentions})
    found = [sources[i] for i in ids if i in sources]
    return sorted(found, key=lambda c: (c.duplicate_of is not None, c.id))


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and one rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
