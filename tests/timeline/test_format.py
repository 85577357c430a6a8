from __future__ import annotations

import datetime as dt

import pytest

from storyline import dates
from storyline.model import DateValue
from storyline.timeline import format_date


def dv(
    value: str, precision: str, mod: str | None = None, latest: dt.date | None = dt.date(2017, 12, 31)
) -> DateValue:
    return DateValue(
        value=value,
        earliest=dt.date(2017, 1, 1),
        latest=latest,
        precision=precision,  # type: ignore[arg-type]
        mod=mod,
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dates.day(dt.date(2017, 6, 27)), "2017-06-27"),
        (dates.month(2017, 5), "2017-05"),
        (dates.year(2017), "2017"),
        (dates.year(2017, mod="EARLY"), "early 2017"),
        (dates.year(2017, mod="LATE"), "late 2017"),
        (dv("2017-SU", "season"), "summer 2017"),
        (dv("2017-Q2", "quarter"), "Q2 2017"),
        (dv("2017-H1", "half"), "first half of 2017"),
        (dv("2017-W27", "week"), "week 27 of 2017"),
        (dv("201", "decade"), "2010s"),
        (dv("2017-07-13", "day", latest=None), "on or after 2017-07-13"),
        (None, "undated"),
    ],
    ids=[
        "day",
        "month",
        "year",
        "early",
        "late",
        "season",
        "quarter",
        "half",
        "week",
        "decade",
        "open",
        "none",
    ],
)
def test_format_date(value: DateValue | None, expected: str) -> None:
    assert format_date(value) == expected
