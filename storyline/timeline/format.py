"""Dates for people: as precise as the value and no more."""

from __future__ import annotations

from collections.abc import Mapping

from storyline.model import DateValue, Event

__all__ = ["MODALITY_MARKS", "describe", "format_date", "unnamed_actor"]

_SEASONS = {"SP": "spring", "SU": "summer", "FA": "fall", "AU": "autumn", "WI": "winter"}
_HALVES = {"1": "first half of", "2": "second half of"}
_MODS = {
    "EARLY": "early", "MID": "mid", "LATE": "late", "START": "start of", "END": "end of",
    "APPROX": "about", "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "on or before",
    "ON_OR_AFTER": "on or after",
}


def _plain(d: DateValue) -> str:
    value = d.value
    year, _, rest = value.partition("-")
    if d.precision == "season" and rest in _SEASONS:
        return f"{_SEASONS[rest]} {year}"
    if d.precision == "quarter" and rest.startswith("Q"):
        return f"{rest} {year}"
    if d.precision == "half" and rest[1:] in _HALVES:
        return f"{_HALVES[rest[1:]]} {year}"
    if d.precision == "week" and rest.startswith("W"):
        week, _, part = rest[1:].partition("-")
        if week.isdigit():
            return ("weekend of " if part == "WE" else "") + f"week {int(week)} of {year}"
    if d.precision == "decade" and len(value) == 3 and value.isdigit():
        return f"{value}0s"
    if d.precision == "century" and len(value) == 2 and value.isdigit():
        return f"{value}00s"
    return value


def format_date(d: DateValue | None) -> str:
    """``"2017-06-27"``, ``"2017-05"``, ``"early 2017"``, ``"summer 2017"``, ``"undated"``.

    An open interval (``latest`` is ``None``: "on or after") reads ``"on or after 2017-07-13"``.
    """
    if d is None:
        return "undated"
    text = _plain(d)
    if d.mod and d.mod.upper() in _MODS:
        text = f"{_MODS[d.mod.upper()]} {text}"
    elif d.latest is None:
        text = f"on or after {text}"
    return text


MODALITY_MARKS: dict[str, str] = {
    "asserted": "", "reported": "reported", "requested": "requested, not done", "negated": "did not happen",
    "hypothetical": "planned or possible, not done",
}
"""How a timeline marks an event that is not stated as a fact (asserted events carry no mark)."""


def unnamed_actor(event: Event) -> str | None:
    """The words its first mention gives for an actor that is no named entity ("both leaders"),
    whitespace collapsed; ``None`` when no mention has such words."""
    words = next((m.subject.text for m in event.mentions if m.subject is not None), None)
    return " ".join(words.split()) if words else None


def describe(event: Event, names: Mapping[str, str]) -> str:
    """``"Actor -> TYPE -> Target"``, with the modality mark when the event is not asserted.

    ``names`` maps entity id -> display name.  An event with no named actor reads as the words
    its first mention gives for one, quoted (``'"both leaders" -> REJECT'``: someone the text
    does not name), else ``"?"``.
    """
    words = unnamed_actor(event)
    actors = ", ".join(names[a] for a in event.actors if a in names) or (f'"{words}"' if words else "?")
    targets = ", ".join(names[t] for t in event.targets if t in names)
    mark = MODALITY_MARKS.get(event.modality, event.modality)
    what = f"{event.type} ({mark})" if mark else event.type
    return f"{actors} -> {what}" + (f" -> {targets}" if targets else "")
