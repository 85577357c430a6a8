from __future__ import annotations

import math

import pytest

from storyline.link.background import feature_idf
from storyline.link.entities import resolve_entities
from storyline.link.events import word_families
from storyline.link.similarity import ArticleSimilarity, article_features, named_entities

from .records import analysis, art, ent


def test_features_are_entities_words_and_days() -> None:
    a = art("The flooding reached the harbour district, officials said.", published="2017-08-01")
    an = analysis(a, mentions=(ent(a, "harbour district", "LOC"),))
    _, index = resolve_entities([(a, an)])
    feats = article_features(an, index, a.text)
    assert {"w:flooding", "w:reached", "w:officials"} <= feats
    assert any(f.startswith("e:") for f in feats)
    assert "w:harbour" not in feats and "w:district" not in feats  # the entity counts, not its words again
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


def test_likeness_of_two_articles_reads_nothing_of_the_other_articles() -> None:
    """Weights come from news at large, not the story: adding articles (here, ones that share
    the two's words) leaves the likeness of two articles as it was."""
    two = {"a": frozenset({"w:levees", "w:storm", "w:mayor", "e:x1"}), "b": frozenset({"w:levees", "w:storm", "e:x1"})}
    alone = ArticleSimilarity(two)("a", "b")
    more = dict(two, **{f"c{i}": frozenset({"w:levees", "w:storm", f"e:y{i}"}) for i in range(50)})
    assert ArticleSimilarity(more)("a", "b") == alone
    weight = {f: feature_idf(f) ** 2 for f in two["a"]}
    shared = weight["w:levees"] + weight["w:storm"] + weight["e:x1"]
    assert alone == pytest.approx(shared / math.sqrt(sum(weight.values()) * shared))


def test_beyond_leaves_the_words_out_of_both_articles() -> None:
    feats = {
        "a": frozenset({"w:urged", "w:chapel", "w:dredging", "w:governor"}),
        "b": frozenset({"w:urged", "w:chapel", "w:dredging", "w:wetlands"}),
        "c": frozenset({"w:urged", "w:trawler"}),
    }
    sim = ArticleSimilarity(feats)
    without = ArticleSimilarity({k: v - {"w:urged"} for k, v in feats.items()})
    assert sim.beyond("a", "b", frozenset({"w:urged"})) == pytest.approx(without("a", "b"))
    assert sim.beyond("a", "c", frozenset({"w:urged"})) == 0.0 < sim("a", "c")  # only the word was shared
    assert sim.beyond("a", "b", frozenset({"w:absent"})) == sim("a", "b")
    assert sim.beyond("a", "a", frozenset({"w:urged"})) == 1.0


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
