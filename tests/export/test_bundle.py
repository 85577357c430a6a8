"""The JSON bundle: shape, provenance of each field, determinism, atomic writes, span checks."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from store import records

import storyline
from storyline.export import build_bundle, check_spans, encode_bundle, write_bundle
from storyline.model import Story
from storyline.store import Store, open_store

TOP_LEVEL = ["format", "version", "generator", "articles", "entities", "quotes", "events", "times",
             "claims", "conflicts"]


def _article(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    article_id = records.batch()[index][0].id
    return next(a for a in bundle["articles"] if a["id"] == article_id)


def test_top_level_keys_in_order(bundle: dict[str, Any]) -> None:
    assert list(bundle) == TOP_LEVEL


def test_header(bundle: dict[str, Any]) -> None:
    assert (bundle["format"], bundle["version"], bundle["generator"]) == (
        "storyline.bundle", 1, f"storyline {storyline.__version__}",
    )


def test_empty_store_gives_empty_lists(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db") as store:
        data = build_bundle(store)
    assert all(data[key] == [] for key in TOP_LEVEL[3:])


@pytest.mark.parametrize(
    ("index", "method", "value"),
    [(0, "explicit", "2017-07-13"), (1, "metadata", "2017-07-14"), (2, "inferred", "2017-07")],
    ids=["dateline-from-analysis", "metadata-from-article", "inferred-by-story"],
)
def test_published_comes_from_the_best_source(
    bundle: dict[str, Any], index: int, method: str, value: str
) -> None:
    published = _article(bundle, index)["published"]
    assert (published["method"], published["value"]) == (method, value)


def test_published_dates_are_iso_days(bundle: dict[str, Any]) -> None:
    published = _article(bundle, 2)["published"]
    assert (published["earliest"], published["latest"]) == ("2017-07-01", "2017-07-31")


def test_article_without_any_date_has_null_published(story_store: Store) -> None:
    story_store.write_story(Story())
    assert _article(build_bundle(story_store), 2)["published"] is None


def test_copy_keeps_duplicate_of_and_removed(bundle: dict[str, Any]) -> None:
    copy = _article(bundle, 2)
    assert (copy["duplicate_of"], copy["removed"]) == (
        records.batch()[1][0].id, [{"text": "Share this", "reason": "share-button"}],
    )


def test_quote_speaker_comes_from_the_story(bundle: dict[str, Any]) -> None:
    story = records.story()
    quote = next(q for q in bundle["quotes"] if q["id"] in story.speakers)
    assert (quote["speaker"], quote["speaker_text"]) == (story.speakers[quote["id"]], "Mitch McConnell")


def test_quote_without_speaker_has_nulls(bundle: dict[str, Any]) -> None:
    quote = next(q for q in bundle["quotes"] if q["kind"] == "indirect")
    assert (quote["speaker"], quote["speaker_text"], quote["speaker_start"]) == (None, None, None)


def test_quotes_and_times_come_from_every_analysis(bundle: dict[str, Any]) -> None:
    assert (len(bundle["quotes"]), len(bundle["times"])) == (2, 2)


def test_event_mentions_carry_their_trigger(bundle: dict[str, Any]) -> None:
    triggers = {m["trigger"]["text"] for m in bundle["events"][0]["mentions"]}
    assert triggers == {"passed", "approved"}


def test_event_date(bundle: dict[str, Any]) -> None:
    assert bundle["events"][0]["date"] == {
        "value": "2017-07-11", "earliest": "2017-07-11", "latest": "2017-07-11", "precision": "day",
        "mod": None,
    }


def test_claims_carry_their_span(bundle: dict[str, Any]) -> None:
    claim = next(c for c in bundle["claims"] if c["approx"] == "about")
    assert (claim["text"], claim["low"], claim["high"]) == ("About 40 people were detained", 40, 40)


@pytest.mark.parametrize("key", TOP_LEVEL[3:], ids=TOP_LEVEL[3:])
def test_top_level_lists_are_sorted(bundle: dict[str, Any], key: str) -> None:
    items = bundle[key]
    if key in ("quotes", "times"):
        keys = [(i["article"], i["start"], i["end"], i["id"]) for i in items]
    else:
        keys = [i["id"] for i in items]
    assert keys == sorted(keys)


def test_entity_mentions_are_sorted(bundle: dict[str, Any]) -> None:
    for entity in bundle["entities"]:
        keys = [(m["article"], m["start"]) for m in entity["mentions"]]
        assert keys == sorted(keys)


def test_every_span_matches_its_article(bundle: dict[str, Any]) -> None:
    assert check_spans(bundle) == []


# ------------------------------------------------------------------ determinism


def test_two_builds_are_byte_identical(story_store: Store) -> None:
    assert encode_bundle(build_bundle(story_store)) == encode_bundle(build_bundle(story_store))


def test_bytes_do_not_depend_on_insertion_or_story_order(story_store: Store, tmp_path: Path) -> None:
    story = records.story()
    shuffled = Story(
        entities=story.entities[::-1], events=story.events, claims=story.claims[::-1],
        conflicts=story.conflicts, published=story.published, speakers=story.speakers,
    )
    with open_store(tmp_path / "other.db") as other:
        for item in records.batch()[::-1]:
            other.add_articles([item])
        other.write_story(shuffled)
        assert encode_bundle(build_bundle(other)) == encode_bundle(build_bundle(story_store))


def test_encoding_keeps_non_ascii_text(bundle: dict[str, Any]) -> None:
    assert "Zürich".encode() in encode_bundle(bundle)


# ------------------------------------------------------------------ writing


def test_write_bundle_writes_the_encoded_bytes(story_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "out" / "story.json"
    write_bundle(story_store, path)
    assert path.read_bytes() == encode_bundle(build_bundle(story_store))


def test_written_bundle_is_json(story_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    write_bundle(story_store, path)
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "storyline.bundle"


def test_failed_write_keeps_the_old_file_and_no_temp(
    story_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out" / "story.json"
    path.parent.mkdir()
    path.write_text("old", encoding="utf-8")

    def fail(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="disk full"):
        write_bundle(story_store, path)
    assert (path.read_text(encoding="utf-8"), [p.name for p in path.parent.iterdir()]) == (
        "old", ["story.json"],
    )


# ------------------------------------------------------------------ check_spans


def _first(items: list[dict[str, Any]]) -> dict[str, Any]:
    return items[0]


def _subject(mention: dict[str, Any]) -> dict[str, Any]:
    """The mention's unnamed-actor words, set (correctly) to its trigger's span first when it has none."""
    if mention["subject"] is None:
        mention["subject"] = dict(mention["trigger"])
    subject: dict[str, Any] = mention["subject"]
    return subject


BREAKS = {
    "quote": lambda b: _first(b["quotes"]),
    "entity-mention": lambda b: _first(b["entities"])["mentions"][0],
    "event-mention": lambda b: _first(b["events"])["mentions"][0],
    "event-trigger": lambda b: _first(b["events"])["mentions"][0]["trigger"],
    "event-subject": lambda b: _subject(_first(b["events"])["mentions"][0]),
    "time": lambda b: _first(b["times"]),
    "claim": lambda b: _first(b["claims"]),
    "published-evidence": lambda b: next(a for a in b["articles"] if a["published"]
                                         and a["published"]["evidence"])["published"]["evidence"][0],
}


@pytest.mark.parametrize("where", list(BREAKS), ids=list(BREAKS))
def test_check_spans_catches_wrong_text(bundle: dict[str, Any], where: str) -> None:
    BREAKS[where](bundle)["text"] += "!"
    assert len(check_spans(bundle)) == 1


@pytest.mark.parametrize("where", list(BREAKS), ids=list(BREAKS))
def test_check_spans_catches_shifted_offsets(bundle: dict[str, Any], where: str) -> None:
    span = BREAKS[where](bundle)
    span["start"] += 1
    span["end"] += 1
    assert len(check_spans(bundle)) == 1


def test_check_spans_catches_offsets_past_the_end(bundle: dict[str, Any]) -> None:
    quote = bundle["quotes"][0]
    quote["start"], quote["end"] = 10_000, 10_007
    assert "outside article" in check_spans(bundle)[0]


def test_check_spans_catches_unknown_article(bundle: dict[str, Any]) -> None:
    bundle["times"][0]["article"] = "a-ffffffffffffffff"
    assert "unknown article" in check_spans(bundle)[0]


def test_check_spans_catches_wrong_speaker_span(bundle: dict[str, Any]) -> None:
    quote = next(q for q in bundle["quotes"] if q["speaker_text"])
    quote["speaker_text"] = "Someone Else"
    assert check_spans(bundle)[0].startswith(f"quotes/{quote['id']}/speaker")
