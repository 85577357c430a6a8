"""Fixtures for the store tests: a fresh database file, and one holding the sample records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from store import records
from storyline.store import Store, open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "story.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with open_store(db_path) as s:
        yield s


@pytest.fixture
def filled(store: Store) -> Store:
    """A store holding :func:`records.batch` (not yet linked)."""
    store.add_articles(records.batch())
    return store
