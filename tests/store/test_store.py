"""Every backend: articles in, pairs out, the story round-trip, search, counts, problems.

Each test runs on SQLite and on PostgreSQL (the ``target`` fixture); the tests
about one backend alone are in ``test_sqlite.py`` and ``test_postgres.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store import backends, records
from storyline.errors import StorylineError
from storyline.minhash import band_keys, signature
from storyline.model import Article, ArticleAnalysis, Problem, Story
from storyline.store import Store, open_store


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


def test_the_story_records_the_linker_that_made_it(filled: Store) -> None:
    assert filled.linked_by() is None  # no story yet
    filled.write_story(records.story(), linker="abc123 summary-160")
    assert filled.linked_by() == "abc123 summary-160"
    assert filled.story() == records.story()  # the record of the linker is no part of the story
    filled.write_story(records.story())
    assert filled.linked_by() is None  # a story written without one (an older storyline) has none


def test_a_stale_story_writes_no_linker(filled: Store) -> None:
    filled.write_story(records.story(), linker="new")
    assert not filled.write_story(Story(), generation=0, linker="old")
    assert filled.linked_by() == "new"


def test_needs_link_survives_reopening(target: str | Path) -> None:
    with open_store(target) as store:
        store.add_articles(records.batch())
    with open_store(target, create=False) as store:
        assert store.needs_link()


# ------------------------------------------------------------------ generations


def test_generation_starts_at_zero(store: Store) -> None:
    assert store.generation() == 0


def test_generation_grows_with_each_batch_that_adds(store: Store) -> None:
    batch = records.batch()
    store.add_articles(batch[:1])
    store.add_articles(batch[:1])
    store.add_articles(batch[1:])
    assert store.generation() == 2


def test_write_story_says_it_wrote(filled: Store) -> None:
    assert filled.write_story(records.story(), generation=filled.generation()) is True


def test_stale_story_does_not_overwrite_a_fresher_one(store: Store) -> None:
    batch = records.batch()
    store.add_articles(batch[:1])
    stale = store.generation()
    store.add_articles(batch[1:])
    store.write_story(records.story(), generation=store.generation())
    assert store.write_story(Story(), generation=stale) is False
    assert store.story() == records.story()


def test_story_of_an_older_generation_still_needs_link(store: Store) -> None:
    batch = records.batch()
    store.add_articles(batch[:1])
    older = store.generation()
    store.add_articles(batch[1:])
    store.write_story(Story(), generation=older)
    assert store.needs_link()


def test_story_of_the_same_generation_replaces_the_stored_one(filled: Store) -> None:
    filled.write_story(Story(), generation=filled.generation())
    assert filled.write_story(records.story(), generation=filled.generation()) is True
    assert filled.story() == records.story()


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


def test_failed_write_story_keeps_the_previous_one(filled: Store, target: str | Path) -> None:
    story = records.story()
    filled.write_story(story)
    broken = Story(entities=story.entities + story.entities[:1])  # a repeated id
    with pytest.raises(backends.integrity_error(target)):
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


def test_search_finds_a_quoted_phrase_across_punctuation(filled: Store) -> None:
    assert [s.text for s in filled.search('"week McConnell"')] == [
        "The Senate approved the measure last week, McConnell told reporters."
    ]


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
     'sen"ate', "(((", "'", "\x00", "NOT", "a* b*", "😀", "{senate}",
     "senate & !bill", "senate <-> bill", "sen:*", "'senate'", "\\", "a <1> b", "senate | bill", "x" * 3000],
    ids=["quote", "and-paren", "star", "empty", "blank", "near", "trailing-and", "or-or", "minus",
         "caret", "column", "inner-quote", "parens", "apostrophe", "nul", "not", "prefixes", "emoji",
         "braces", "tsquery-not", "tsquery-phrase", "tsquery-prefix", "quoted-lexeme", "backslash",
         "tsquery-distance", "tsquery-or", "long-word"],
)
def test_search_never_raises(filled: Store, query: str) -> None:
    assert isinstance(filled.search(query), list)


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


def test_context_manager_closes(target: str | Path) -> None:
    with open_store(target) as store:
        pass
    with pytest.raises(backends.closed_error(target)):
        store.article_ids()


def test_closing_twice_is_harmless(store: Store) -> None:
    store.close()
    store.close()


def test_data_survives_reopening(target: str | Path) -> None:
    with open_store(target) as store:
        store.add_articles(records.batch())
        store.write_story(records.story())
    with open_store(target, create=False) as store:
        assert store.story() == records.story()


# ------------------------------------------------------ sentences by id, read-only


def test_sentence_ids_search_and_texts_agree(filled: Store) -> None:
    rows = list(filled.iter_sentences())
    assert len(rows) == filled.counts()["sentences"] and len({r[0] for r in rows}) == len(rows)
    texts = filled.sentence_texts([r[0] for r in rows])
    for sid, article_id, start, end in rows:
        article = filled.get_article(article_id)
        assert article is not None and texts[sid] == article.text[start:end]
    matches, ids = filled.search_ids("senate", limit=10, rank_limit=100)
    assert matches == len(filled.search("senate", limit=100)) > 0
    assert sorted(filled.sentence_texts(ids).values()) == sorted(s.text for s in filled.search("senate", limit=10))


def test_search_ids_past_the_rank_limit_still_count_every_match(filled: Store) -> None:
    ranked = filled.search_ids("the", limit=1000, rank_limit=1000)
    unranked = filled.search_ids("the", limit=1000, rank_limit=0)
    assert ranked[0] == unranked[0] and sorted(ranked[1]) == sorted(unranked[1])
    assert filled.search_ids("", limit=10, rank_limit=10) == (0, [])
    assert filled.sentence_texts([]) == {}


def test_read_only_store_reads_and_refuses_writes(filled: Store, target: str | Path) -> None:
    filled.close()
    with open_store(target, create=False, read_only=True) as ro:
        assert ro.counts()["articles"] == len(records.batch())
        with pytest.raises(Exception) as info:
            ro.add_problems([])
        assert "read" in str(info.value).casefold()  # "readonly database" / "read-only transaction"
    with open_store(target, create=False) as rw:
        assert rw.counts()["articles"] == len(records.batch())


def test_read_only_open_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(StorylineError):
        open_store(tmp_path / "none.db", read_only=True)
    assert not (tmp_path / "none.db").exists()


# ------------------------------------------------------------ near-duplicate index


def _signed() -> list[tuple[Article, ArticleAnalysis | None, bytes]]:
    """:func:`records.batch` with real MinHash signatures (the third article copies the second)."""
    return [(a, x, signature(a.text)) for a, x, _ in records.batch()]


def test_has_article(filled: Store) -> None:
    assert filled.has_article(records.batch()[0][0].id)
    assert not filled.has_article("a-0000000000000000")


def test_near_copies_come_in_stored_order_with_their_signatures(store: Store) -> None:
    batch = _signed()
    store.add_articles(batch[::-1])  # the copy first
    (a1, _, s1), (a2, _, s2), (a3, _, s3) = batch
    assert store.near_copies(band_keys(s2)) == [(a3.id, s3), (a2.id, s2)]
    assert [i for i, _ in store.near_copies(band_keys(s1))] == [a1.id]


def test_near_copies_of_unknown_keys_and_of_none(filled: Store) -> None:
    assert filled.near_copies(band_keys(signature("Nothing like any stored text at all, five words or more."))) == []
    assert filled.near_copies([]) == []
