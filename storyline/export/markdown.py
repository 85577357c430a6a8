"""A readable report in Markdown: the timeline, the people, the conflicts, footnoted sources.

Every fact carries footnotes ``[^n]``, one per cited article, numbered in the
order the report first cites them; the footnotes at the end give the outlet,
title, date, link and id.  Article text is untrusted, so Markdown and HTML
characters in it are escaped (a title cannot inject a link or a tag into the
rendered report).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from storyline.export._common import Cited, cited_sources, format_date, safe_url, write_atomic
from storyline.model import Event, Story
from storyline.store.base import Store
from storyline.timeline import select_events

__all__ = ["escape_markdown", "render_markdown", "write_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_TOP_ENTITIES = 20


def escape_markdown(text: str) -> str:
    """``text`` with every Markdown/HTML special character backslash-escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


class _Notes:
    """Footnote numbers, given out in order of first citation."""

    def __init__(self) -> None:
        self.order: dict[str, int] = {}

    def cite(self, article_ids: Sequence[str]) -> str:
        marks = []
        for a in sorted(set(article_ids)):
            n = self.order.setdefault(a, len(self.order) + 1)
            marks.append(f"[^{n}]")
        return "".join(marks)


def _footnote(n: int, article_id: str, sources: Mapping[str, Cited]) -> str:
    s = sources.get(article_id)
    if s is None:
        return f"[^{n}]: article `{article_id}`"
    parts = [escape_markdown(s.name)]
    if s.title:
        parts.append(f"\u201c{escape_markdown(s.title)}\u201d")
    if s.published is not None:
        parts.append(escape_markdown(format_date(s.published)))
    url = safe_url(s.url)
    if url:
        parts.append(f"<{url}>")
    parts.append(f"`{article_id}`" + (f" (copy of `{s.duplicate_of}`)" if s.duplicate_of else ""))
    return f"[^{n}]: " + ", ".join(parts)


def render_markdown(
    story: Story, events: Sequence[Event], sources: Mapping[str, Cited], *, title: str = "Story report"
) -> str:
    """The report for ``events`` (in the order given) and the story's entities and conflicts."""
    names = {e.id: e.name for e in story.entities}
    notes = _Notes()
    lines = [f"# {escape_markdown(title)}", ""]
    dated = [e.date for e in events if e.date is not None]
    span = ""
    if dated:
        first = min(dated, key=lambda d: d.earliest)
        last = max(dated, key=lambda d: d.latest or d.earliest)
        span = f", from {escape_markdown(format_date(first))} to {escape_markdown(format_date(last))}"
    originals = len({s.id for s in sources.values() if s.duplicate_of is None})
    plural = "s" if len(events) != 1 else ""
    lines += [f"{len(events)} event{plural} reported by {originals} articles{span}.", "", "## Timeline", ""]
    for v in events:
        who = ", ".join(names[a] for a in v.actors if a in names)
        what = v.type if v.modality == "asserted" else f"{v.type}, {v.modality}"
        head = f"**{escape_markdown(format_date(v.date))}**: {escape_markdown(v.summary)}"
        meta = escape_markdown(f"({what}" + (f"; {who}" if who else "") + ")")
        lines.append(f"- {head} {meta}{notes.cite([m.span.article for m in v.mentions])}")
    if not events:
        lines.append("No events.")
    people = sorted(story.entities, key=lambda e: (-len({m.article for m in e.mentions}), e.name))[:_TOP_ENTITIES]
    if people:
        lines += ["", "## Who and what", ""]
        for e in people:
            n = len({m.article for m in e.mentions})
            lines.append(f"- **{escape_markdown(e.name)}** ({e.type}), in {n} article{'s' if n != 1 else ''}")
    claims = {c.id: c for c in story.claims}
    if story.conflicts:
        lines += ["", "## Where the sources disagree", ""]
        for x in story.conflicts:
            lines.append(f"- {escape_markdown(x.about)}")
            for cid in x.claims:
                c = claims.get(cid)
                if c is not None:
                    lines.append(f"  - {escape_markdown(c.value)}: \u201c{escape_markdown(c.span.text)}\u201d"
                                 f"{notes.cite([c.span.article])}")
    if notes.order:
        lines += ["", "## Sources", ""]
        lines += [_footnote(n, a, sources) for a, n in notes.order.items()]
    return "\n".join(lines) + "\n"


def write_markdown(store: Store, path: str | Path) -> None:
    story = store.story()
    events = select_events(story)
    ids = {m.span.article for v in events for m in v.mentions} | {c.span.article for c in story.claims}
    text = render_markdown(story, events, cited_sources(store, sorted(ids), story))
    write_atomic(path, text.encode("utf-8"))
