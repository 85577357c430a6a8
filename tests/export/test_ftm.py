"""FollowTheMoney lines: schemas per entity type, articles, events, mentions pointing at both."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from storyline.export.ftm import schema_of, write_ftm
from storyline.store import Store


@pytest.fixture
def lines(story_store: Store, tmp_path: Path) -> list[dict[str, Any]]:
    write_ftm(story_store, tmp_path / "story.ftm.jsonl")
    return [json.loads(x) for x in (tmp_path / "story.ftm.jsonl").read_text("utf-8").splitlines()]


@pytest.mark.parametrize(
    ("entity", "schema"),
    [
        ({"type": "PERSON", "name": "Ann Lee"}, "Person"),
        ({"type": "ORG", "name": "Ministry of Health"}, "PublicBody"),
        ({"type": "ORG", "name": "Acme Corp"}, "Organization"),
        ({"type": "GPE", "name": "Zürich"}, None),
    ],
    ids=["person", "public-body", "organization", "place-left-out"],
)
def test_schema_of(entity: dict[str, str], schema: str | None) -> None:
    assert schema_of(entity) == schema


def test_counts_per_schema(lines: list[dict[str, Any]]) -> None:
    assert Counter(x["schema"] for x in lines) == {
        "Person": 1, "PublicBody": 1, "Article": 3, "Event": 1, "Mention": 4,
    }


def test_every_property_is_a_list_of_strings(lines: list[dict[str, Any]]) -> None:
    assert all(isinstance(v, list) and all(isinstance(s, str) for s in v)
               for x in lines for v in x["properties"].values())


def test_mentions_point_at_exported_records(lines: list[dict[str, Any]]) -> None:
    ids = {x["id"] for x in lines}
    mentions = [x for x in lines if x["schema"] == "Mention"]
    assert all({m["properties"]["document"][0], m["properties"]["resolved"][0]} <= ids for m in mentions)


def test_event_has_its_date_and_proof(lines: list[dict[str, Any]]) -> None:
    event = next(x for x in lines if x["schema"] == "Event")
    assert (event["properties"]["date"], len(event["properties"]["proof"])) == (["2017-07-11"], 2)


def test_ids_are_unique(lines: list[dict[str, Any]]) -> None:
    assert len({x["id"] for x in lines}) == len(lines)
