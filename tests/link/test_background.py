from __future__ import annotations

import math

import pytest

from storyline.link.background import ENTITY_SHARE, feature_idf, list_version, word_share


def test_a_common_word_is_in_most_articles_and_a_rare_one_in_few() -> None:
    assert word_share("people") > 0.3
    assert word_share("flooding") < 0.01
    assert word_share("levees") < word_share("flooding") < word_share("people") < word_share("about") < 1.0


def test_a_word_the_list_does_not_know_is_as_rare_as_a_name() -> None:
    assert 0.0 < word_share("qzxvbrntk") < 1e-6
    assert feature_idf("w:qzxvbrntk") > feature_idf("w:levees") > feature_idf("w:people") > 0.0


def test_the_tail_of_a_capitalised_word_counts_some_of_its_uses() -> None:
    # "Thursday" read as lower-case letters is "hursday": nobody writes it, but every Thursday
    # at the start of a sentence or a dateline leaves it
    assert word_share("hursday") > 100 * word_share("qzxvbrntk")
    assert word_share("hursday") < word_share("thursday")


def test_a_hyphenated_word_is_rarer_than_its_rarest_part() -> None:
    joined = word_share("ceasefire-related")
    assert word_share("qzxvbrntk") < joined < min(word_share("ceasefire"), word_share("related"))


def test_entities_and_days_weigh_as_a_word_of_the_entity_share() -> None:
    assert feature_idf("e:abc123") == feature_idf("d:2017-07-13") == feature_idf("md:07-13")
    assert feature_idf("e:abc123") == pytest.approx(math.log(1 / ENTITY_SHARE))


def test_the_list_is_named_with_its_version() -> None:
    assert list_version().startswith("wordfreq-")
