"""bundle.schema.json: a valid draft 2020-12 schema that our bundles meet and broken ones fail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storyline.export import build_bundle, load_schema, validate_bundle
from storyline.store import open_store


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_built_bundle_validates(bundle: dict[str, Any]) -> None:
    assert validate_bundle(bundle) == []


def test_empty_bundle_validates(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db") as store:
        assert validate_bundle(build_bundle(store)) == []


Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: object) -> Mutation:
    """Set ``value`` at a ``/``-separated path (list indexes as numbers)."""
    *parents, last = path.split("/")

    def mutate(data: dict[str, Any]) -> None:
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[int(last) if isinstance(node, list) else last] = value

    return mutate


def _drop(key: str) -> Mutation:
    return lambda data: data.pop(key)


BROKEN: dict[str, Mutation] = {
    "wrong-format": _set("format", "other"),
    "wrong-version": _set("version", 2),
    "missing-times": _drop("times"),
    "negative-start": _set("quotes/0/start", -1),
    "float-end": _set("times/0/end", 3.5),
    "article-id-prefix": _set("articles/0/id", "x-123"),
    "entity-id-prefix": _set("entities/0/id", "a-123"),
    "quote-id-prefix": _set("quotes/0/id", "z-1"),
    "event-id-prefix": _set("events/0/id", "e-1"),
    "time-id-prefix": _set("times/0/id", "v-1"),
    "claim-id-prefix": _set("claims/0/id", "x-1"),
    "conflict-id-prefix": _set("conflicts/0/id", "c-1"),
    "speaker-not-entity": _set("quotes/0/speaker", "Mitch McConnell"),
    "actor-not-entity": _set("events/0/actors", ["Senate"]),
    "quote-kind": _set("quotes/0/kind", "reported"),
    "event-modality": _set("events/0/modality", "maybe"),
    "time-type": _set("times/0/type", "EPOCH"),
    "published-method": _set("articles/0/published/method", "guessed"),
    "date-precision": _set("events/0/date/precision", "minute"),
    "date-not-a-day": _set("events/0/date/earliest", "2017-07"),
    "time-anchor": _set("times/0/anchor", "yesterday"),
    "one-claim-conflict": _set("conflicts/0/claims", ["c-1"]),
    "event-without-mentions": _set("events/0/mentions", []),
    "trigger-missing-text": lambda data: data["events"][0]["mentions"][0]["trigger"].pop("text"),
    "article-missing-text": lambda data: data["articles"][0].pop("text"),
}


@pytest.mark.parametrize("name", list(BROKEN), ids=list(BROKEN))
def test_broken_bundle_fails_validation(bundle: dict[str, Any], name: str) -> None:
    BROKEN[name](bundle)
    assert validate_bundle(bundle) != []


def test_validation_errors_name_the_path(bundle: dict[str, Any]) -> None:
    bundle["quotes"][0]["start"] = -1
    assert validate_bundle(bundle)[0].startswith("quotes/0/start:")


def test_extra_fields_are_allowed(bundle: dict[str, Any]) -> None:
    bundle["articles"][0]["language"] = "en"
    bundle["notes"] = "added by a later version"
    assert validate_bundle(bundle) == []
