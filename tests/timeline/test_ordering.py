from __future__ import annotations

import datetime as dt

import pytest

from storyline import dates
from storyline.errors import StorylineError
from storyline.model import DateValue, Entity, Event, Modality, Span, Story
from storyline.timeline import select_events

SPAN = Span(article="a-1", start=0, end=1, text="x")


def ev(
    id: str,
    date: DateValue | None,
    *,
    type: str = "SANCTION",
    actors: tuple[str, ...] = (),
    targets: tuple[str, ...] = (),
    modality: Modality = "asserted",
) -> Event:
    return Event(
        id=id,
        type=type,
        modality=modality,
        mentions=(),
        summary=id,
        date=date,  # type: ignore[arg-type]
        actors=actors,
        targets=targets,
    )


def day(iso: str) -> DateValue:
    return dates.day(dt.date.fromisoformat(iso))


ROYCE = Entity(id="e-royce", name="Edward Royce", type="PERSON", aliases=("Ed Royce",), mentions=(SPAN,))
NORWAY = Entity(id="e-norway", name="Norway", type="GPE", aliases=("Norway",), mentions=(SPAN,))
STORY = Story(
    entities=(ROYCE, NORWAY),
    events=(
        ev("v-undated", None),
        ev("v-year", dates.year(2017), actors=("e-royce",)),
        ev("v-jan", day("2017-01-15"), type="ACCUSE", modality="reported"),
        ev("v-jul", day("2017-07-27"), actors=("e-royce",), targets=("e-norway",)),
        ev("v-jan-month", dates.month(2017, 1)),
        ev("v-2016", day("2016-12-31")),
    ),
)


def ids(**filters: str) -> list[str]:
    return [e.id for e in select_events(STORY, **filters)]  # type: ignore[arg-type]


def test_date_order_with_undated_last() -> None:
    assert ids() == ["v-2016", "v-jan-month", "v-year", "v-jan", "v-jul", "v-undated"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"date_from": "2017-07"}, ["v-year", "v-jul"]),
        ({"date_to": "2016"}, ["v-2016"]),
        ({"date_from": "2017-01-15", "date_to": "2017-01-15"}, ["v-jan-month", "v-year", "v-jan"]),
        ({"actor": "ed roy"}, ["v-year", "v-jul"]),
        ({"actor": "norway"}, ["v-jul"]),
        ({"type": "accuse"}, ["v-jan"]),
        ({"modality": "reported"}, ["v-jan"]),
    ],
    ids=["from-month", "to-year", "one-day-window", "actor-alias", "actor-as-target", "type", "modality"],
)
def test_filters(filters: dict[str, str], expected: list[str]) -> None:
    assert ids(**filters) == expected


@pytest.mark.parametrize("bad", ["17", "2017-13", "July 2017"], ids=["short", "bad-month", "words"])
def test_bad_window_is_an_error(bad: str) -> None:
    with pytest.raises(StorylineError, match="E105"):
        ids(date_from=bad)
