"""Fixtures for the store tests: a fresh store on each backend, and one holding the sample records.

``target`` (and so ``store`` and ``filled``) is parametrised over both backends: a
SQLite file and a fresh PostgreSQL database (skipped without ``$STORYLINE_TEST_PG``).
``db_path`` is for the tests that are about SQLite's file alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from store import records
from storyline.store import Store, open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "story.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a new story goes: a SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return tmp_path / "story.db"
    url: str = request.getfixturevalue("pg_db")
    return url


@pytest.fixture
def store(target: str | Path) -> Iterator[Store]:
    with open_store(target) as s:
        yield s


@pytest.fixture
def filled(store: Store) -> Store:
    """A store holding :func:`records.batch` (not yet linked)."""
    store.add_articles(records.batch())
    return store
