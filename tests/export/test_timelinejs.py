"""TimelineJS 3: dates cut to their precision, escaped HTML text, groups, the CSV layout, validation."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from store import records

from storyline import dates
from storyline.export._common import Cited
from storyline.export.timelinejs import (
    CSV_COLUMNS,
    build_timelinejs,
    dates_of,
    timelinejs_csv,
    validate_timelinejs,
    write_timelinejs,
)
from storyline.model import DateValue, Event, Story
from storyline.store import Store


def _event(**changes: Any) -> Event:
    base = records.story().events[0]
    fields = {f: getattr(base, f) for f in base.__struct_fields__}
    fields.update(changes)
    return Event(**fields)


def _slides(event: Event, sources: dict[str, Cited] | None = None) -> list[dict[str, Any]]:
    return build_timelinejs(records.story(), [event], sources or {})["events"]


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        (dates.day(dt.date(2017, 7, 11)), {"year": 2017, "month": 7, "day": 11}, None),
        (dates.month(2017, 7), {"year": 2017, "month": 7}, None),
        (dates.year(2017), {"year": 2017}, None),
        (DateValue("2017-W27", dt.date(2017, 7, 3), dt.date(2017, 7, 9), "week"),
         {"year": 2017, "month": 7, "day": 3}, {"year": 2017, "month": 7, "day": 9}),
        (DateValue("2017-SU", dt.date(2017, 6, 1), dt.date(2017, 8, 31), "season"),
         {"year": 2017, "month": 6}, {"year": 2017, "month": 8}),
        (DateValue("201", dt.date(2010, 1, 1), dt.date(2019, 12, 31), "decade"), {"year": 2010}, {"year": 2019}),
        (DateValue("2017-07-13", dt.date(2017, 7, 13), None, "day", mod="AFTER"),
         {"year": 2017, "month": 7, "day": 13}, None),
    ],
    ids=["day", "month", "year", "week-range", "season-range", "decade-range", "open-ended"],
)
def test_dates_are_cut_to_their_precision(value: DateValue, start: dict[str, int], end: dict[str, int] | None) -> None:
    assert dates_of(value) == (start, end)


def test_a_month_event_has_no_day_key() -> None:
    slide = _slides(_event(date=dates.month(2017, 7)))[0]
    assert "day" not in slide["start_date"] and "end_date" not in slide


def test_display_date_says_the_precision_in_words() -> None:
    season = DateValue("2017-SU", dt.date(2017, 6, 1), dt.date(2017, 8, 31), "season")
    assert _slides(_event(date=season))[0]["display_date"] == "summer 2017"


def test_undated_events_are_left_out() -> None:
    assert _slides(_event(date=None)) == []


def test_group_is_the_first_actor_name() -> None:
    assert _slides(_event())[0]["group"] == "Senate"


def test_text_cites_each_source_with_its_outlet_and_date(story_store: Store) -> None:
    data = json.loads(_write(story_store, story_store.path))
    text = data["events"][0]["text"]["text"]
    assert "Wire, 2017-07-13" in text and "Paper, 2017-07-14" in text


def _write(store: Store, db: str) -> str:
    out = Path(db).with_suffix(".timeline.json")
    write_timelinejs(store, out)
    return out.read_text("utf-8")


@pytest.mark.parametrize(
    ("field", "value", "absent"),
    [
        ("summary", "<script>alert(1)</script>", "<script>"),
        ("type", "<img src=x onerror=alert(1)>", "<img"),
    ],
    ids=["summary-in-headline", "type-in-text"],
)
def test_untrusted_text_is_escaped(field: str, value: str, absent: str) -> None:
    slide = _slides(_event(**{field: value}))[0]
    assert absent not in json.dumps(slide["text"])


@pytest.mark.parametrize(
    ("url", "linked"),
    [("https://example.org/a", True), ("javascript:alert(1)", False), ("data:text/html,x", False)],
    ids=["https", "javascript", "data"],
)
def test_only_http_links_are_kept(url: str, linked: bool) -> None:
    event = _event()
    article = event.mentions[0].span.article
    sources = {article: Cited(id=article, source="x.txt", outlet="Wire", url=url)}
    assert ("<a href=" in _slides(event, sources)[0]["text"]["text"]) is linked


def test_written_file_validates(story_store: Store) -> None:
    assert validate_timelinejs(json.loads(_write(story_store, story_store.path))) == []


def test_written_file_is_deterministic(story_store: Store) -> None:
    assert _write(story_store, story_store.path) == _write(story_store, story_store.path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "(root)"),
        ({"events": [{"start_date": {"month": 7}, "text": {"headline": "x"}}]}, "year"),
        ({"events": [{"start_date": {"year": 2017, "month": 13}, "text": {}}]}, "month must be"),
        ({"events": [{"start_date": {"year": 2017, "day": 3}, "text": {}}]}, "day without month"),
        ({"events": [{"start_date": {"year": 2017}, "end_date": {"year": 2016}, "text": {}}]}, "before"),
        ({"events": [{"start_date": {"year": 2017}, "text": {"headline": 3}}]}, "strings"),
        ({"events": [{"start_date": {"year": 2017}, "text": {}, "unique_id": "a"},
                     {"start_date": {"year": 2017}, "text": {}, "unique_id": "a"}]}, "unique"),
    ],
    ids=["not-an-object", "no-year", "bad-month", "day-without-month", "end-before-start", "headline-not-text",
         "duplicate-id"],
)
def test_validator_reports_broken_timelines(data: Any, message: str) -> None:
    assert any(message in line for line in validate_timelinejs(data))


def test_csv_has_the_template_columns() -> None:
    data = build_timelinejs(records.story(), list(records.story().events), {})
    rows = list(csv.reader(io.StringIO(timelinejs_csv(data))))
    assert tuple(rows[0]) == CSV_COLUMNS


def test_csv_row_carries_the_date_parts_and_group() -> None:
    data = build_timelinejs(records.story(), list(records.story().events), {})
    rows = list(csv.DictReader(io.StringIO(timelinejs_csv(data))))
    row = rows[1]
    assert (row["Year"], row["Month"], row["Day"], row["Group"]) == ("2017", "7", "11", "Senate")


def test_csv_starts_with_the_title_row() -> None:
    data = build_timelinejs(Story(), [], {}, title="My story")
    rows = list(csv.DictReader(io.StringIO(timelinejs_csv(data))))
    assert (rows[0]["Type"], rows[0]["Headline"]) == ("title", "My story")
