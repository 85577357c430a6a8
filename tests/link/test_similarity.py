from __future__ import annotations

import pytest

from storyline.link.entities import resolve_entities
from storyline.link.events import word_families
from storyline.link.similarity import ArticleSimilarity, article_features, named_entities

from .records import analysis, art, ent


def test_features_are_entities_words_and_days() -> None:
    a = art("The flooding reached the harbour district, officials said.", published="2017-08-01")
    an = analysis(a, mentions=(ent(a, "harbour district", "LOC"),))
    _, index = resolve_entities([(a, an)])
    feats = article_features(an, index, a.text)
    assert {"w:flooding", "w:reached", "w:harbour", "w:district", "w:officials"} <= feats
    assert any(f.startswith("e:") for f in feats)
    assert "w:said" not in feats  # words of five letters or more only
    assert named_entities(feats) == frozenset(index.entities_at(m.span for m in an.mentions)) != frozenset()


def test_similarity_weighs_rare_shared_features() -> None:
    sim = ArticleSimilarity({
        "a": frozenset({"w:levees", "w:storm", "w:city"}),
        "b": frozenset({"w:levees", "w:storm", "w:mayor"}),
        "c": frozenset({"w:storm", "w:budget", "w:school"}),
        "d": frozenset({"w:storm", "w:election"}),
    })
    assert sim("a", "a") == 1.0
    assert sim("a", "b") == pytest.approx(sim("b", "a"))
    assert sim("a", "b") > sim("a", "c") > 0.0  # "levees" is rarer than "storm"
    assert sim("a", "unknown") == 0.0


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ({"shooting", "shootings"}, {"shootings": "shooting", "shooting": "shooting"}),
        ({"nominate", "nomination", "nominations"}, {"nominations": "nominate", "nomination": "nominate"}),
        ({"die", "death", "dead"}, {"death": "die", "dead": "die"}),
        ({"arrive", "arrival"}, {"arrival": "arrive"}),
        ({"check", "checks", "checked"}, {"checks": "check", "checked": "check"}),
        ({"nomination"}, {"nomination": "nomination"}),  # its simpler form is not a word of the story
        ({"death"}, {"death": "death"}),
        ({"kill", "killer"}, {"killer": "killer"}),  # an agent noun is no event
    ],
)
def test_word_families(words: set[str], expected: dict[str, str]) -> None:
    families = word_families(words)
    assert set(families) == words
    for word, base in expected.items():
        assert families[word] == base


def test_typical_is_the_median_over_related_pairs_and_none_for_a_small_story() -> None:
    small = ArticleSimilarity({k: frozenset({"w:storm", f"w:{k}x"}) for k in "abcd"})
    assert small.typical() is None  # four articles: six pairs say nothing of what is usual
    feats = {k: frozenset({"w:storm", f"w:{k}only"}) for k in "abcdef"}
    feats["g"] = frozenset({"w:unrelated"})  # shares nothing: not counted
    story = ArticleSimilarity(feats)
    related = [story(a, b) for a in "abcdef" for b in "abcdef" if a < b]
    assert story.typical() == pytest.approx(sorted(related)[len(related) // 2])


def test_typical_of_a_large_story_is_sampled_the_same_way_every_time() -> None:
    feats = {f"a{i:03d}": frozenset({"w:storm", f"w:t{i % 7}", f"w:u{i % 11}"}) for i in range(120)}
    first, second = ArticleSimilarity(feats).typical(), ArticleSimilarity(dict(reversed(feats.items()))).typical()
    assert first is not None and first == second


def test_a_feature_two_articles_share_is_one_string() -> None:
    """Features are interned: a story holds each distinct one once, however many articles have it."""
    first, second = art("The flooding closed the harbour bridge."), art("The harbour bridge reopened after flooding.")
    _, index = resolve_entities([(first, analysis(first)), (second, analysis(second))])
    a = article_features(analysis(first), index, first.text)
    b = article_features(analysis(second), index, second.text)
    shared = a & b
    assert shared == {"w:flooding", "w:harbour", "w:bridge"}
    by_value = {f: f for f in b}
    assert all(f is by_value[f] for f in a if f in shared)
