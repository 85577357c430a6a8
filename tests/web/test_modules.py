"""The web and export modules export a sorted ``__all__`` of names they define."""

import importlib

import pytest

MODULES = [
    "storyline.web", "storyline.web.app", "storyline.web.queries", "storyline.web.server", "storyline.export",
    "storyline.export._common", "storyline.export.timelinejs", "storyline.export.csvs", "storyline.export.plover",
    "storyline.export.ftm", "storyline.export.markdown", "storyline.cli.serve", "storyline.cli.export",
]


@pytest.mark.parametrize("name", MODULES)
def test_all_is_sorted_and_defined(name: str) -> None:
    module = importlib.import_module(name)
    assert list(module.__all__) == sorted(module.__all__)
    assert all(hasattr(module, attr) for attr in module.__all__)
