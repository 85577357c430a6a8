"""Every backend: each analysis records its analyser, stale ones are listed and replaced."""

from __future__ import annotations

import msgspec
import pytest

from store import records
from storyline.model import Sentence
from storyline.store import Store


def _analysed() -> list[str]:
    return sorted(a.id for a, x, _ in records.batch() if x is not None)


def test_analyses_added_without_an_analyser_are_stale(filled: Store) -> None:
    assert filled.stale_analyses("v2") == _analysed()


def test_analyses_of_the_current_analyser_are_not_stale(store: Store) -> None:
    store.add_articles(records.batch(), analyzer="v2")
    assert store.stale_analyses("v2") == []
    assert store.stale_analyses("v3") == _analysed()  # copies have no analysis to list


def test_replace_analyses_stores_the_new_record_and_analyser(store: Store) -> None:
    (a1, x1, _), (a2, x2, _), _ = records.batch()
    store.add_articles(records.batch(), analyzer="v1")
    assert x1 is not None
    newer = msgspec.structs.replace(x1, claims=())
    assert store.replace_analyses([(a1, newer)], analyzer="v2") == 1
    assert store.get_analysis(a1.id) == newer
    assert store.get_analysis(a2.id) == x2
    assert store.stale_analyses("v2") == [a2.id]
    assert x2 is not None
    assert store.counts()["claim_mentions"] == len(x2.claims)  # the row's counts follow the record


def test_replacing_an_analysis_asks_for_a_new_link(store: Store) -> None:
    (a1, x1, _), _, _ = records.batch()
    store.add_articles(records.batch(), analyzer="v1")
    store.write_story(records.story())
    assert not store.needs_link()
    assert x1 is not None
    store.replace_analyses([(a1, x1)], analyzer="v2")
    assert store.needs_link()


def test_ids_without_a_stored_analysis_are_skipped(store: Store) -> None:
    _, (a2, x2, _), _ = records.batch()
    store.add_articles(records.batch()[:1], analyzer="v1")
    assert x2 is not None
    generation = store.generation()
    assert store.replace_analyses([(a2, x2)], analyzer="v2") == 0  # not stored
    assert store.generation() == generation  # nothing replaced: the story stays linked
    assert store.get_analysis(a2.id) is None


def test_an_analysis_of_another_article_is_refused_and_nothing_changes(filled: Store) -> None:
    (a1, x1, _), (a2, x2, _), _ = records.batch()
    with pytest.raises(ValueError, match="analysis of"):
        filled.replace_analyses([(a1, x1), (a2, x1)], analyzer="v2")  # type: ignore[list-item]
    assert filled.get_analysis(a1.id) == x1
    assert filled.stale_analyses("v2") == _analysed()


def test_moved_sentence_boundaries_are_re_indexed(filled: Store) -> None:
    (a1, x1, _), _, _ = records.batch()
    assert x1 is not None
    cut = a1.text.index("More than")
    whole = msgspec.structs.replace(x1, sentences=(Sentence(0, cut - 1), Sentence(cut, len(a1.text))))
    filled.replace_analyses([(a1, whole)], analyzer="v2")
    hits = filled.search("Tuesday")
    assert [s.text for s in hits] == [a1.text[: cut - 1]]
    assert [s.text for s in filled.search("Zurich")] == [a1.text[cut:]]
    assert filled.counts()["sentences"] == 2 + len(records.sentences(records.batch()[1][0]))


def test_unmoved_sentences_stay_searchable(filled: Store) -> None:
    (a1, x1, _), _, _ = records.batch()
    assert x1 is not None
    before = sorted(filled.iter_sentences())
    filled.replace_analyses([(a1, msgspec.structs.replace(x1, claims=()))], analyzer="v2")
    assert sorted(filled.iter_sentences()) == before
