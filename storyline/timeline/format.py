"""Dates for people: as precise as the value and no more."""

from __future__ import annotations

from storyline.model import DateValue

__all__ = ["format_date"]

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
        return f"week {int(rest[1:])} of {year}"
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
