"""Put a story's events in date order and filter them for a timeline."""

from __future__ import annotations

import datetime as dt

from storyline import dates
from storyline.errors import E, StorylineError
from storyline.model import DateValue, Event, Story

__all__ = ["event_order", "parse_bound", "select_events"]

_RANK = {p: i for i, p in enumerate(["day", "week", "month", "season", "quarter", "half", "year", "decade",
                                     "century"])}


def event_order(event: Event) -> tuple[int, dt.date, int, str]:
    """Sort key: dated before undated, then earliest day, then the more precise first, then id."""
    d = event.date
    if d is None:
        return (1, dt.date.max, 99, event.id)
    return (0, d.earliest, _RANK.get(d.precision, 99), event.id)


def parse_bound(text: str) -> DateValue:
    """``"2017"``, ``"2017-01"`` or ``"2017-01-15"`` -> the interval it names."""
    value = dates.parse_iso(text) if len(text.strip()) in (4, 7, 10) else None
    if value is None:
        raise StorylineError(E.BAD_OPTION, detail=f"not a date: {text!r} (use 2017, 2017-01 or 2017-01-15)")
    return value


def _names(story: Story) -> dict[str, list[str]]:
    return {e.id: [n.casefold() for n in (e.name, *e.aliases)] for e in story.entities}


def select_events(
    story: Story, *, date_from: str | None = None, date_to: str | None = None, actor: str | None = None,
    type: str | None = None, modality: str | None = None,  # the contract names it `type`
) -> list[Event]:
    """Events in date order (undated last), keeping those that pass every filter given.

    ``date_from``/``date_to`` are inclusive and keep an event whose interval overlaps
    the window (undated events are left out when either is given); ``actor`` is a
    case-insensitive substring of a name or alias of one of the event's actors or
    targets; ``type`` and ``modality`` match exactly, ignoring case.
    """
    lo = parse_bound(date_from).earliest if date_from else None
    hi_value = parse_bound(date_to) if date_to else None
    hi = hi_value.latest if hi_value else None
    names = _names(story) if actor else {}
    needle = actor.casefold() if actor else ""
    out = []
    for event in story.events:
        if type and event.type.casefold() != type.casefold():
            continue
        if modality and event.modality.casefold() != modality.casefold():
            continue
        if lo is not None or hi is not None:
            d = event.date
            if d is None:
                continue
            if hi is not None and d.earliest > hi:
                continue
            if lo is not None and d.latest is not None and d.latest < lo:
                continue
        if actor and not any(needle in n for e in (*event.actors, *event.targets) for n in names.get(e, ())):
            continue
        out.append(event)
    out.sort(key=event_order)
    return out
