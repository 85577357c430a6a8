"""Where a story lives between commands: articles, analyses, the linked story.

:func:`open_store` opens (or creates) a SQLite file and brings its schema up to
date.  Everything else talks to the :class:`Store` interface, so another
backend (PostgreSQL for a team) can sit behind the same methods.
"""

from __future__ import annotations

from pathlib import Path

from storyline.store.base import Store
from storyline.store.schema import SCHEMA_VERSION
from storyline.store.sqlite import SQLiteStore

__all__ = ["SCHEMA_VERSION", "SQLiteStore", "Store", "open_store"]


def open_store(path: str | Path, *, create: bool = True) -> Store:
    """Open the story database at ``path``, applying pending schema migrations.

    Raises :class:`~storyline.errors.StorylineError` ``E.NO_DB`` when the file is
    missing and ``create`` is false (or is not a database at all), and
    ``E.BAD_SCHEMA`` when a newer storyline wrote it.
    """
    return SQLiteStore(path, create=create)
