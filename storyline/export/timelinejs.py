"""TimelineJS 3: its JSON format and its spreadsheet (CSV) layout.

One slide per dated event (TimelineJS needs a start date; undated events are
left out).  Dates are cut to their precision: a day gives year/month/day, a
month year/month, a year the year alone; a week, season, quarter, half or
decade becomes a range (``start_date`` .. ``end_date``) at the precision its
ends support, and ``display_date`` says it in words.  ``text.text`` is HTML
(TimelineJS renders it), so every piece of article text in it is escaped and
only ``http(s)`` links are kept.  ``group`` is the first actor's name.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.export._common import (
    Cited,
    cited_ids,
    cited_sources,
    dated,
    format_date,
    safe_url,
    sources_for,
    write_atomic,
)
from storyline.model import DateValue, Event, Story
from storyline.store.base import Store
from storyline.timeline import select_events

__all__ = [
    "CSV_COLUMNS",
    "build_key_dates_timelinejs",
    "build_timelinejs",
    "encode_timelinejs",
    "timelinejs_csv",
    "validate_timelinejs",
    "write_key_dates_timelinejs",
    "write_timelinejs",
    "write_timelinejs_csv",
]

Json = dict[str, Any]

_DAY_LIKE = {"day", "week"}
_MONTH_LIKE = {"month", "season", "quarter", "half"}
_HEADLINE_MAX = 120


def _cut(day: dt.date, precision: str) -> Json:
    if precision in _DAY_LIKE:
        return {"year": day.year, "month": day.month, "day": day.day}
    if precision in _MONTH_LIKE:
        return {"year": day.year, "month": day.month}
    return {"year": day.year}


def dates_of(d: DateValue) -> tuple[Json, Json | None]:
    """``(start_date, end_date or None)`` for a date value, cut to its precision."""
    start = _cut(d.earliest, d.precision)
    if d.latest is None:
        return start, None
    end = _cut(d.latest, d.precision)
    return start, (end if end != start else None)


def _headline(event: Event) -> str:
    text = " ".join(event.summary.split()) or event.type
    if len(text) > _HEADLINE_MAX:
        text = text[: _HEADLINE_MAX - 1].rstrip() + "\u2026"
    return text if event.modality == "asserted" else f"{text} ({event.modality})"


def _citation(source: Cited, quote: str | None) -> str:
    name = html.escape(source.name)
    url = safe_url(source.url)
    link = f'<a href="{html.escape(url)}">{name}</a>' if url else name
    when = f", {html.escape(format_date(source.published))}" if source.published is not None else ""
    said = f"\u201c{html.escape(quote)}\u201d \u2014 " if quote else ""
    return f"<li>{said}{link}{when}</li>"


def _text(event: Event, names: Mapping[str, str], sources: Mapping[str, Cited]) -> str:
    facts = [html.escape(event.type)]
    if event.modality != "asserted":
        facts.append(html.escape(event.modality))
    if event.cameo:
        facts.append(f"CAMEO {html.escape(event.cameo)}")
    who = [names[a] for a in event.actors if a in names]
    whom = [names[t] for t in event.targets if t in names]
    if who:
        facts.append("actors: " + html.escape(", ".join(who)))
    if whom:
        facts.append("targets: " + html.escape(", ".join(whom)))
    facts.append(f"{event.sources} source{'s' if event.sources != 1 else ''}")
    first: dict[str, str] = {}
    for m in sorted(event.mentions, key=lambda m: (m.span.article, m.span.start)):
        first.setdefault(m.span.article, m.span.text)
    items = "".join(_citation(s, first.get(s.id)) for s in sources_for(sources, event))
    line = " \u00b7 ".join(facts)
    return f"<p>{line}</p>" + (f"<ol>{items}</ol>" if items else "")


def build_timelinejs(
    story: Story, events: Sequence[Event], sources: Mapping[str, Cited], *, title: str = "Story timeline"
) -> Json:
    """The TimelineJS 3 JSON object for ``events`` (in date order; undated ones left out)."""
    names = {e.id: e.name for e in story.entities}
    slides = []
    for event in dated(events):
        assert event.date is not None
        start, end = dates_of(event.date)
        slide: Json = {
            "unique_id": event.id,
            "start_date": start,
        }
        if end is not None:
            slide["end_date"] = end
        slide["display_date"] = format_date(event.date)
        slide["text"] = {"headline": html.escape(_headline(event)), "text": _text(event, names, sources)}
        group = next((names[a] for a in event.actors if a in names), None)
        if group:
            slide["group"] = html.escape(group)
        slides.append(slide)
    articles = len({s.id for s in sources.values() if s.duplicate_of is None})
    return {
        "title": {"text": {"headline": html.escape(title),
                           "text": f"<p>{len(slides)} dated events from {articles} articles</p>"}},
        "events": slides,
    }


def encode_timelinejs(data: Json) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _all(store: Store) -> tuple[Story, list[Event], dict[str, Cited]]:
    story = store.story()
    events = select_events(story)
    return story, events, cited_sources(store, cited_ids(events), story)


def write_timelinejs(store: Store, path: str | Path) -> None:
    """The whole story as TimelineJS 3 JSON."""
    write_atomic(path, encode_timelinejs(build_timelinejs(*_all(store))))


def build_key_dates_timelinejs(store: Store, *, dates: int | None = None, sentences: int | None = None,
                               query: str | None = None) -> Json:
    """The story's key dates (``timeline.summary``) as TimelineJS 3 JSON: one slide a day, whose
    text is the chosen sentences quoted verbatim, each with its source."""
    from storyline.timeline.summary import key_dates

    story = store.story()
    keys = key_dates(store, dates=dates, sentences=sentences, query=query)
    sources = cited_sources(store, sorted({s.article for k in keys for s in k.sentences}), story)
    slides = []
    for k in keys:
        headline = " ".join(k.sentences[0].text.split()) if k.sentences else k.date.isoformat()
        if len(headline) > _HEADLINE_MAX:
            headline = headline[: _HEADLINE_MAX - 1].rstrip() + "\u2026"
        items = "".join(_citation(sources[s.article], s.text) for s in k.sentences if s.article in sources)
        slides.append({
            "unique_id": f"k-{k.date.isoformat()}",
            "start_date": _cut(k.date, "day"),
            "display_date": k.date.isoformat(),
            "text": {"headline": html.escape(headline), "text": f"<ol>{items}</ol>"},
        })
    return {
        "title": {"text": {"headline": "Key dates", "text": f"<p>{len(slides)} key dates</p>"}},
        "events": slides,
    }


def write_key_dates_timelinejs(store: Store, path: str | Path) -> None:
    """The key dates with their cited sentences as TimelineJS 3 JSON (sizes from the story)."""
    write_atomic(path, encode_timelinejs(build_key_dates_timelinejs(store)))


# ------------------------------------------------------------------ spreadsheet layout

CSV_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
    "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group",
    "Background",
)


def timelinejs_csv(data: Json) -> str:
    """A TimelineJS JSON object in the layout of TimelineJS's Google Sheets template."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    title = data.get("title")
    if title:
        writer.writerow(["", "", "", "", "", "", "", "", "", title["text"]["headline"], title["text"]["text"],
                         "", "", "", "", "title", "", ""])
    for slide in data["events"]:
        start, end = slide["start_date"], slide.get("end_date") or {}
        writer.writerow([
            start.get("year", ""), start.get("month", ""), start.get("day", ""), "",
            end.get("year", ""), end.get("month", ""), end.get("day", ""), "",
            slide.get("display_date", ""), slide["text"]["headline"], slide["text"]["text"],
            "", "", "", "", "", slide.get("group", ""), "",
        ])
    return buf.getvalue()


def write_timelinejs_csv(store: Store, path: str | Path) -> None:
    write_atomic(path, timelinejs_csv(build_timelinejs(*_all(store))).encode("utf-8"))


# ------------------------------------------------------------------ validation


def _date_errors(where: str, d: Any) -> list[str]:
    if not isinstance(d, dict):
        return [f"{where}: not an object"]
    if not isinstance(d.get("year"), int):
        return [f"{where}.year: missing or not an integer"]
    if "day" in d and "month" not in d:
        return [f"{where}: day without month"]
    try:
        dt.date(d["year"], d.get("month", 1), d.get("day", 1))
    except (TypeError, ValueError) as exc:
        return [f"{where}: {exc}"]
    unknown = set(d) - {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}
    return [f"{where}: unknown keys {sorted(unknown)}"] if unknown else []


def _key(d: Json, last: bool) -> tuple[int, int, int]:
    return (d["year"], d.get("month", 12 if last else 1), d.get("day", 31 if last else 1))


def validate_timelinejs(data: Any) -> list[str]:
    """Every way ``data`` breaks the TimelineJS 3 JSON format, one line each (empty when valid)."""
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        return ["(root): an object with an events list is required"]
    errors: list[str] = []
    seen: set[str] = set()
    for i, slide in enumerate(data["events"]):
        where = f"events/{i}"
        if not isinstance(slide, dict):
            errors.append(f"{where}: not an object")
            continue
        errors += _date_errors(f"{where}/start_date", slide.get("start_date"))
        if "end_date" in slide:
            found = _date_errors(f"{where}/end_date", slide["end_date"])
            errors += found
            if not found and not errors and _key(slide["end_date"], True) < _key(slide["start_date"], False):
                errors.append(f"{where}: end_date before start_date")
        text = slide.get("text")
        if not isinstance(text, dict) or not all(isinstance(text.get(k, ""), str) for k in ("headline", "text")):
            errors.append(f"{where}/text: headline and text must be strings")
        uid = slide.get("unique_id")
        if uid is not None:
            if not isinstance(uid, str) or uid in seen:
                errors.append(f"{where}/unique_id: not a unique string")
            seen.add(str(uid))
    return errors
