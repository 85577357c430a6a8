"""PLOVER JSONL: one record per event with the manual's field names, CAMEO code and citations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.export.plover import write_plover
from storyline.store import Store


@pytest.fixture
def record(story_store: Store, tmp_path: Path) -> dict[str, Any]:
    write_plover(story_store, tmp_path / "events.jsonl")
    lines = (tmp_path / "events.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 1
    return dict(json.loads(lines[0]))


@pytest.mark.parametrize(
    ("field", "value"),
    [("event", ["AGREE"]), ("cameo", "057"), ("date", "2017-07-11"), ("enddate", None), ("modality", "asserted"),
     ("date_precision", "day")],
    ids=["event", "cameo", "date", "single-day-no-enddate", "modality", "precision"],
)
def test_fields(record: dict[str, Any], field: str, value: Any) -> None:
    assert record[field] == value


def test_actor_is_a_list_of_entity_objects(record: dict[str, Any]) -> None:
    assert [a["entity_text"] for a in record["actor"]] == ["Senate"]


def test_required_fields_are_present(record: dict[str, Any]) -> None:
    assert {"id", "date", "actor", "event"} <= set(record)


def test_cites_every_reporting_article(record: dict[str, Any]) -> None:
    assert sorted(c["outlet"] for c in record["cite_info"]) == ["Paper", "Wire"]


def test_output_is_deterministic(story_store: Store, tmp_path: Path) -> None:
    write_plover(story_store, tmp_path / "a.jsonl")
    write_plover(story_store, tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
