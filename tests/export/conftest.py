"""Fixtures for the export tests: a store holding the sample records, and its bundle."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store import records

from storyline.export import build_bundle
from storyline.store import Store, open_store


@pytest.fixture
def story_store(tmp_path: Path) -> Iterator[Store]:
    """Two analysed articles, a copy, and the story linking them."""
    with open_store(tmp_path / "story.db") as store:
        store.add_articles(records.batch())
        store.write_story(records.story())
        yield store


@pytest.fixture
def bundle(story_store: Store) -> dict[str, Any]:
    return build_bundle(story_store)
