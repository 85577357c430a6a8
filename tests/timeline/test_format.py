from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from storyline import dates
from storyline.model import DateValue, Event, EventMention, Span
from storyline.timeline import describe, format_date


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
        (dv("2011-W45-WE", "week"), "weekend of week 45 of 2011"),
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
        "weekend",
        "decade",
        "open",
        "none",
    ],
)
def test_format_date(value: DateValue | None, expected: str) -> None:
    assert format_date(value) == expected


def _event(modality: str) -> Event:
    span = Span("a-1", 0, 4, "word")
    mention = EventMention(id="m-1", span=span, trigger=span, type="SANCTION", modality=modality)  # type: ignore[arg-type]
    return Event(id="v-1", type="SANCTION", modality=modality, mentions=(mention,), summary="x",  # type: ignore[arg-type]
                 actors=("e-1",), targets=("e-2",))


@pytest.mark.parametrize(
    ("modality", "expected"),
    [
        ("asserted", "Congress -> SANCTION -> Norway"),
        ("requested", "Congress -> SANCTION (requested, not done) -> Norway"),
        ("negated", "Congress -> SANCTION (did not happen) -> Norway"),
        ("hypothetical", "Congress -> SANCTION (planned or possible, not done) -> Norway"),
        ("reported", "Congress -> SANCTION (reported) -> Norway"),
    ],
    ids=str,
)
def test_describe_marks_events_not_stated_as_fact(modality: str, expected: str) -> None:
    assert describe(_event(modality), {"e-1": "Congress", "e-2": "Norway"}) == expected


def test_describe_without_named_actor() -> None:
    assert describe(_event("asserted"), {}) == "? -> SANCTION"


def test_describe_quotes_the_words_of_an_unnamed_actor() -> None:
    event = _event("asserted")
    words = Span("a-1", 0, 4, "both  leaders")
    unnamed = msgspec.structs.replace(
        event, actors=(), mentions=(msgspec.structs.replace(event.mentions[0], subject=words),))
    assert describe(unnamed, {"e-2": "Norway"}) == '"both leaders" -> SANCTION -> Norway'
