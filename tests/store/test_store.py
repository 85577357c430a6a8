"""The SQLite store: articles in, pairs out, the story round-trip, search, counts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store import records
from storyline.model import Problem, Story
from storyline.store import Store, open_store
from storyline.store.sqlite import fts_query


def test_add_articles_returns_number_added(store: Store) -> None:
    assert store.add_articles(records.batch()) == 3


def test_re_adding_the_same_batch_adds_nothing(filled: Store) -> None:
    assert filled.add_articles(records.batch()) == 0
    assert filled.counts()["articles"] == 3


def test_ids_repeated_within_a_batch_are_added_once(store: Store) -> None:
    batch = records.batch()
    assert store.add_articles(batch + batch) == 3


def test_article_ids(filled: Store) -> None:
    assert filled.article_ids() == {a.id for a, _, _ in records.batch()}


def test_a_failing_batch_adds_nothing(store: Store) -> None:
    (a1, x1, s1), (a2, _, s2), _ = records.batch()
    with pytest.raises(ValueError, match="analysis of"):
        store.add_articles([(a1, x1, s1), (a2, x1, s2)])
    assert store.article_ids() == set()


def test_iter_pairs_is_ordered_by_article_id(filled: Store) -> None:
    assert [a.id for a, _ in filled.iter_pairs()] == sorted(filled.article_ids())


def test_iter_pairs_returns_what_was_added(filled: Store) -> None:
    expected = {a.id: (a, x) for a, x, _ in records.batch()}
    assert {a.id: (a, x) for a, x in filled.iter_pairs()} == expected


def test_iter_pairs_streams(filled: Store) -> None:
    pairs = filled.iter_pairs()
    first = next(pairs)
    pairs.close()
    assert first[0].id == min(filled.article_ids())


def test_iter_articles_returns_articles_by_id(filled: Store) -> None:
    assert list(filled.iter_articles()) == sorted((a for a, _, _ in records.batch()), key=lambda a: a.id)


@pytest.mark.parametrize("index", [0, 1, 2], ids=["dateline", "metadata", "copy"])
def test_get_article_round_trips(filled: Store, index: int) -> None:
    article = records.batch()[index][0]
    assert filled.get_article(article.id) == article


@pytest.mark.parametrize("index", [0, 1, 2], ids=["first", "second", "copy-has-none"])
def test_get_analysis_round_trips(filled: Store, index: int) -> None:
    article, analysis, _ = records.batch()[index]
    assert filled.get_analysis(article.id) == analysis


@pytest.mark.parametrize("getter", ["get_article", "get_analysis"])
def test_unknown_id_gives_none(filled: Store, getter: str) -> None:
    assert getattr(filled, getter)("a-0000000000000000") is None


def test_signatures_come_in_insertion_order(store: Store) -> None:
    batch = records.batch()
    store.add_articles(batch[2:])
    store.add_articles(batch[:2])
    assert list(store.signatures()) == [(a.id, sig) for a, _, sig in batch[2:] + batch[:2]]


# ------------------------------------------------------------------ linking state


def test_empty_store_needs_no_link(store: Store) -> None:
    assert not store.needs_link()


def test_adding_articles_needs_link(filled: Store) -> None:
    assert filled.needs_link()


def test_writing_the_story_clears_needs_link(filled: Store) -> None:
    filled.write_story(records.story())
    assert not filled.needs_link()


def test_adding_more_articles_after_link_needs_link_again(store: Store) -> None:
    batch = records.batch()
    store.add_articles(batch[:1])
    store.write_story(Story())
    store.add_articles(batch[1:])
    assert store.needs_link()


def test_re_adding_known_articles_after_link_needs_no_link(filled: Store) -> None:
    filled.write_story(records.story())
    filled.add_articles(records.batch())
    assert not filled.needs_link()


def test_needs_link_survives_reopening(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add_articles(records.batch())
    with open_store(db_path, create=False) as store:
        assert store.needs_link()


# ------------------------------------------------------------------ story


def test_story_is_empty_before_first_link(filled: Store) -> None:
    assert filled.story() == Story()


def test_story_round_trips(filled: Store) -> None:
    story = records.story()
    filled.write_story(story)
    assert filled.story() == story


def test_write_story_replaces_the_previous_one(filled: Store) -> None:
    filled.write_story(records.story())
    filled.write_story(Story())
    assert filled.story() == Story()


def test_failed_write_story_keeps_the_previous_one(filled: Store) -> None:
    story = records.story()
    filled.write_story(story)
    broken = Story(entities=story.entities + story.entities[:1])  # a repeated id
    with pytest.raises(sqlite3.IntegrityError):
        filled.write_story(broken)
    assert filled.story() == story


# ------------------------------------------------------------------ search


def test_search_finds_sentences_as_spans(filled: Store) -> None:
    a2 = records.batch()[1][0]
    hits = filled.search("reporters")
    assert hits == [records.span(a2, "The Senate approved the measure last week, McConnell told reporters.")]


def test_search_ands_the_words(filled: Store) -> None:
    assert {s.article for s in filled.search("senate passed")} == {records.batch()[0][0].id}


def test_search_keeps_quoted_phrases_together(filled: Store) -> None:
    assert filled.search('"passed senate"') == []


def test_search_ignores_case_and_diacritics(filled: Store) -> None:
    assert [s.text for s in filled.search("ZURICH")] == ["More than 50 people were detained in Zürich."]


def test_search_respects_limit(filled: Store) -> None:
    assert len(filled.search("senate", limit=1)) == 1


def test_search_span_text_is_the_article_slice(filled: Store) -> None:
    for hit in filled.search("senate"):
        article = filled.get_article(hit.article)
        assert article is not None and article.text[hit.start:hit.end] == hit.text


@pytest.mark.parametrize(
    "query",
    ['"', 'AND(', '*', "", "   ", "NEAR(a b", "senate AND", "OR OR", "-senate", "^senate", "col:senate",
     'sen"ate', "(((", "'", "\x00", "NOT", "a* b*", "😀", "{senate}"],
    ids=["quote", "and-paren", "star", "empty", "blank", "near", "trailing-and", "or-or", "minus",
         "caret", "column", "inner-quote", "parens", "apostrophe", "nul", "not", "prefixes", "emoji",
         "braces"],
)
def test_search_never_raises(filled: Store, query: str) -> None:
    assert isinstance(filled.search(query), list)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("senate vote", '"senate" "vote"'),
        ('"passed the bill"', '"passed the bill"'),
        ("U.S.", '"U S"'),
        ("NEAR(a b", '"NEAR a" "b"'),
        ('AND ( * " OR', '"AND" "OR"'),
        ("*", ""),
    ],
    ids=["words", "phrase", "dotted", "near", "operators", "nothing-left"],
)
def test_fts_query_quotes_every_piece(query: str, expected: str) -> None:
    assert fts_query(query) == expected


# ------------------------------------------------------------------ counts and problems


def test_counts(filled: Store) -> None:
    filled.write_story(records.story())
    counts = filled.counts()
    assert {k: counts[k] for k in ("articles", "duplicates", "analyses", "quotes", "times", "entities",
                                   "events", "claims", "conflicts", "problems")} == {
        "articles": 3, "duplicates": 1, "analyses": 2, "quotes": 2, "times": 2, "entities": 2,
        "events": 1, "claims": 2, "conflicts": 1, "problems": 0,
    }


OLD = [Problem(source="old.txt", code="E001", message="the file is empty")]
NEW = [
    Problem(source="a.bin", code="E002", message="binary"),
    Problem(source="b", code="E012", message="no such file"),
]


def test_problems_are_those_of_the_latest_run(store: Store) -> None:
    store.add_problems(OLD)
    store.add_problems(NEW)
    assert store.problems() == NEW


def test_a_clean_run_hides_earlier_problems(store: Store) -> None:
    store.add_problems(OLD)
    store.add_problems([])
    assert store.problems() == []


def test_problems_of_an_earlier_run(store: Store) -> None:
    first = store.add_problems(OLD)
    store.add_problems(NEW)
    assert store.problems(run=first) == OLD


def test_problems_added_to_a_given_run(store: Store) -> None:
    run = store.add_problems(NEW[:1])
    store.add_problems(NEW[1:], run=run)
    assert store.problems() == NEW


def test_counts_problems_of_the_latest_run(store: Store) -> None:
    store.add_problems(OLD + NEW)
    store.add_problems(NEW)
    assert store.counts()["problems"] == 2


# ------------------------------------------------------------------ lifecycle


def test_context_manager_closes(db_path: Path) -> None:
    with open_store(db_path) as store:
        pass
    with pytest.raises(sqlite3.ProgrammingError):
        store.article_ids()


def test_in_memory_store_works() -> None:
    with open_store(":memory:") as store:
        assert store.add_articles(records.batch()) == 3


def test_open_store_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "story.db"
    open_store(path).close()
    assert path.is_file()


def test_data_survives_reopening(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add_articles(records.batch())
        store.write_story(records.story())
    with open_store(db_path, create=False) as store:
        assert store.story() == records.story()
