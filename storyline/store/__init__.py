"""Where a story lives between commands: articles, analyses, the linked story.

:func:`open_store` opens (or creates) a story in a SQLite file, or in a
PostgreSQL database when given a ``postgresql://`` URL, and brings its schema
up to date.  Everything else talks to the :class:`Store` interface, so both
backends sit behind the same methods.
"""

from __future__ import annotations

import re
from pathlib import Path

from storyline.errors import E, StorylineError
from storyline.store.base import Store
from storyline.store.schema import SCHEMA_VERSION
from storyline.store.sqlite import SQLiteStore

__all__ = ["SCHEMA_VERSION", "SQLiteStore", "Store", "open_store"]


# "postgresql:/user@host/db": what str(Path("postgresql://user@host/db")) gives.
_COLLAPSED = re.compile(r"(postgres(?:ql)?):/(?!/)")


def open_store(path: str | Path, *, create: bool = True, read_only: bool = False) -> Store:
    """Open the story database at ``path``, applying pending schema migrations.

    ``path`` is a SQLite file (created with its folders when missing and
    ``create`` is true), ``":memory:"``, or a ``postgresql://user@host:port/name``
    URL (``postgres://`` too) of an existing database, whose tables are created
    when it is empty and ``create`` is true.

    Raises :class:`~storyline.errors.StorylineError` ``E.NO_DB`` when the file is
    missing (or the database unreachable or empty) and ``create`` is false, or
    when it is not a story database at all; ``E.BAD_SCHEMA`` when a newer
    storyline wrote it; ``E.BAD_OPTION`` for a URL whose ``//`` a
    :class:`~pathlib.Path` collapsed (pass URLs as ``str``).

    ``read_only=True`` (what ``storyline serve`` uses) never writes: no file is created, no
    migration is applied (a database of another schema version is refused with a clear
    error), and the connection itself refuses writes.
    """
    target = str(path)
    if target.startswith(("postgresql://", "postgres://")):
        from storyline.store.postgres import PostgresStore  # psycopg loads only when needed

        return PostgresStore(target, create=create, read_only=read_only)
    collapsed = _COLLAPSED.match(target)
    if collapsed:
        from storyline.store.postgres import redact

        url = redact(f"{collapsed.group(1)}://{target[collapsed.end():]}")
        raise StorylineError(
            E.BAD_OPTION, detail=f"not a PostgreSQL URL: '{collapsed.group(0)}' lost a '/' (a Path collapses "
            f"'//'); pass the URL as a string: {url}",
        )
    return SQLiteStore(path, create=create, read_only=read_only)
