"""CSV export: one file per table, rows from the bundle, lists joined; the filtered events table."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from store import records

from storyline.export.csvs import TABLES, events_csv, write_csvs
from storyline.store import Store


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / name).read_text("utf-8"))))


def test_writes_one_file_per_table(story_store: Store, tmp_path: Path) -> None:
    write_csvs(story_store, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{t}.csv" for t in TABLES)


@pytest.mark.parametrize(
    ("table", "rows"),
    [("articles", 3), ("entities", 2), ("mentions", 4), ("events", 1), ("event_mentions", 2), ("quotes", 2),
     ("times", 2), ("claims", 2), ("conflicts", 1)],
    ids=lambda x: str(x),
)
def test_each_table_has_one_row_per_record(story_store: Store, tmp_path: Path, table: str, rows: int) -> None:
    write_csvs(story_store, tmp_path)
    assert len(_read(tmp_path, f"{table}.csv")) == rows


def test_article_rows_leave_the_text_out(story_store: Store, tmp_path: Path) -> None:
    write_csvs(story_store, tmp_path)
    assert "text" not in _read(tmp_path, "articles.csv")[0]


def test_lists_are_joined_in_one_cell(story_store: Store, tmp_path: Path) -> None:
    write_csvs(story_store, tmp_path)
    event = _read(tmp_path, "events.csv")[0]
    assert event["articles"].count("; ") == 1


def test_output_is_deterministic(story_store: Store, tmp_path: Path) -> None:
    write_csvs(story_store, tmp_path / "one")
    write_csvs(story_store, tmp_path / "two")
    assert all((tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes()
               for f in (f"{t}.csv" for t in TABLES))


def test_events_csv_uses_names_not_ids() -> None:
    story = records.story()
    row = next(csv.DictReader(io.StringIO(events_csv(story, list(story.events), {}))))
    assert (row["actors"], row["display_date"]) == ("Senate", "2017-07-11")
