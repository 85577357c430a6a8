"""Small calendar helpers shared by the stages: build and cut :class:`DateValue` s."""

from __future__ import annotations

import calendar
import datetime as dt

from storyline.model import DateValue

__all__ = ["day", "month", "parse_iso", "year"]


def day(d: dt.date, *, mod: str | None = None) -> DateValue:
    return DateValue(value=d.isoformat(), earliest=d, latest=d, precision="day", mod=mod)


def month(y: int, m: int, *, mod: str | None = None) -> DateValue:
    last = calendar.monthrange(y, m)[1]
    return DateValue(
        value=f"{y:04d}-{m:02d}", earliest=dt.date(y, m, 1), latest=dt.date(y, m, last),
        precision="month", mod=mod,
    )


def year(y: int, *, mod: str | None = None) -> DateValue:
    return DateValue(
        value=f"{y:04d}", earliest=dt.date(y, 1, 1), latest=dt.date(y, 12, 31),
        precision="year", mod=mod,
    )


def parse_iso(text: str) -> DateValue | None:
    """``"2017"``, ``"2017-07"``, ``"2017-07-13"`` (or a longer timestamp) -> DateValue."""
    text = text.strip()
    try:
        if len(text) >= 10:
            return day(dt.date.fromisoformat(text[:10]))
        if len(text) == 7:
            return month(int(text[:4]), int(text[5:7]))
        if len(text) == 4 and text.isdigit():
            return year(int(text))
    except ValueError:
        return None
    return None
