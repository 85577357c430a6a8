"""Schema versioning: numbered migrations, each applied once, in one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.errors import E, StorylineError
from storyline.store import SCHEMA_VERSION, open_store, schema
from storyline.store import sqlite as backend


def _tables(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    conn.close()
    return rows


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return schema.read_version(conn)
    finally:
        conn.close()


def test_new_database_is_at_current_version(db_path: Path) -> None:
    open_store(db_path).close()
    assert _version(db_path) == SCHEMA_VERSION


def test_reopening_applies_nothing_twice(db_path: Path) -> None:
    open_store(db_path).close()
    before = _tables(db_path)
    open_store(db_path).close()
    assert _tables(db_path) == before


def test_statements_splits_every_migration_into_complete_statements() -> None:
    for script in schema.MIGRATIONS:
        parts = list(schema.statements(script))
        assert parts and all(sqlite3.complete_statement(p) for p in parts)


def test_missing_database_without_create_is_no_db(db_path: Path) -> None:
    with pytest.raises(StorylineError) as info:
        open_store(db_path, create=False)
    assert info.value.error is E.NO_DB
    assert not db_path.exists()


def test_file_that_is_not_a_database_is_no_db(db_path: Path) -> None:
    db_path.write_bytes(b"this is not sqlite, just some text that is long enough" * 20)
    with pytest.raises(StorylineError) as info:
        open_store(db_path)
    assert info.value.error is E.NO_DB


def test_newer_schema_is_refused(db_path: Path) -> None:
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    conn.close()
    with pytest.raises(StorylineError) as info:
        open_store(db_path)
    assert info.value.error is E.BAD_SCHEMA
    assert str(SCHEMA_VERSION + 1) in str(info.value)


@pytest.mark.parametrize(
    ("pragma", "expected"),
    [("journal_mode", "wal"), ("synchronous", 1), ("foreign_keys", 1)],
    ids=["wal", "synchronous-normal", "foreign-keys"],
)
def test_connection_pragmas(db_path: Path, pragma: str, expected: object) -> None:
    with open_store(db_path) as store:
        assert isinstance(store, backend.SQLiteStore)
        assert store._conn.execute(f"PRAGMA {pragma}").fetchone()[0] == expected


def test_pending_migration_is_applied_on_open(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(db_path).close()
    monkeypatch.setattr(backend, "MIGRATIONS", (*schema.MIGRATIONS, "CREATE TABLE extra (x INTEGER);"))
    monkeypatch.setattr(backend, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    open_store(db_path).close()
    assert _version(db_path) == SCHEMA_VERSION + 1
    assert "extra" in {name for name, _ in _tables(db_path)}


def test_failing_migration_leaves_nothing_behind(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(db_path).close()
    broken = "CREATE TABLE extra (x INTEGER);\nINSERT INTO no_such_table VALUES (1);"
    monkeypatch.setattr(backend, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    monkeypatch.setattr(backend, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        open_store(db_path)
    assert _version(db_path) == SCHEMA_VERSION
    assert "extra" not in {name for name, _ in _tables(db_path)}
