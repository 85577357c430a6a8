"""The link and timeline modules export a sorted ``__all__`` of names they define."""

from __future__ import annotations

import importlib

import pytest

MODULES = [
    "storyline.link", "storyline.link.claims", "storyline.link.dating", "storyline.link.entities",
    "storyline.link.events", "storyline.link.names", "storyline.timeline", "storyline.timeline.format",
    "storyline.timeline.ordering",
]


@pytest.mark.parametrize("name", MODULES)
def test_all_is_sorted_and_defined(name: str) -> None:
    module = importlib.import_module(name)
    assert list(module.__all__) == sorted(module.__all__)
    assert all(hasattr(module, attr) for attr in module.__all__)


def test_nickname_table_is_symmetric_enough() -> None:
    from storyline.link.names import nickname_pair

    assert nickname_pair("ed", "edward") and nickname_pair("edward", "ed") and nickname_pair("bob", "robert")
    assert not nickname_pair("john", "jane")
