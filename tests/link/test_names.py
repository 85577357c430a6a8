from __future__ import annotations

import pytest

from storyline.link.names import Nominal, modifiers_compatible, name_head, nominal, spelling_variant


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("the actress", "actress"),
        ("in a rehab centre in the north", "centre"),
        ("the ferry's", "ferry"),
        ("spokesman , Ivo Brandt", "spokesman"),
        ("the vessels", "vessels"),
    ],
    ids=["determiner", "preposition-and-post-modifier", "possessive", "comma", "plural-kept"],
)
def test_nominal_head_is_the_last_word_before_a_post_modifier(text: str, head: str) -> None:
    found = nominal(text)
    assert found is not None and found.head == head


@pytest.mark.parametrize("text", ["Ivo Brandt", "the Halvern Institute", "the"], ids=["name", "org", "no-word"])
def test_no_nominal_without_a_common_noun_head(text: str) -> None:
    assert nominal(text) is None


def test_nominal_reads_numbers_and_capitalised_modifiers() -> None:
    found = nominal("the 6.1-magnitude quake near Ostrava")
    assert found == Nominal("quake", frozenset({"6.1"}), frozenset({"ostrava"}))
    assert nominal("a three-month stay") == Nominal("stay", frozenset({"three"}), frozenset())


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("the 6.1-magnitude quake", "the quake", True),
        ("the 6.1-magnitude quake", "the 5.9-magnitude quake", False),
        ("a Halvern bank", "the bank in Halvern", True),
        ("a Halvern bank", "an Ostrava bank", False),
    ],
    ids=["one-number", "numbers-differ", "same-place", "places-differ"],
)
def test_modifiers_compatible(a: str, b: str, ok: bool) -> None:
    na, nb = nominal(a), nominal(b)
    assert na is not None and nb is not None
    assert modifiers_compatible(na, nb) is ok


def test_weekdays_are_never_spelling_variants() -> None:
    assert spelling_variant("tuesday", "thursday") is None


@pytest.mark.parametrize(
    ("text", "head"), [("the Halvern Institute in Ostrava", "institute"), ("Halvern", None)], ids=["name", "one-word"]
)
def test_name_head(text: str, head: str | None) -> None:
    assert name_head(text) == head
