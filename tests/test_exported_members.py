"""Every public module exports a sorted ``__all__`` of names it really defines."""

import importlib

import pytest

MODULES = [
    "storyline", "storyline.model", "storyline.settings", "storyline.errors", "storyline.ids", "storyline.dates",
    "storyline.api", "storyline.runner.local", "storyline.ingest", "storyline.ingest.dedup",
    "storyline.analyze", "storyline.analyze.nlp", "storyline.link", "storyline.timeline",
    "storyline.store", "storyline.export.bundle", "storyline.cli", "storyline.timeline.summary",
    "storyline.eval.tilse_io",
]


@pytest.mark.parametrize("name", MODULES)
def test_all_is_sorted_and_defined(name: str) -> None:
    module = importlib.import_module(name)
    exported = module.__all__
    assert list(exported) == sorted(exported)
    assert all(hasattr(module, attr) for attr in exported)
