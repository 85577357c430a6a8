"""Schema versioning: numbered migrations, each applied once, in one transaction, on each backend.

The pragma and not-a-database tests are about SQLite's file alone.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from types import ModuleType

import psycopg
import pytest

from store import backends, records
from storyline.errors import E, StorylineError
from storyline.minhash import band_keys, signature
from storyline.store import SCHEMA_VERSION, open_store, schema
from storyline.store import postgres as pg_backend
from storyline.store import records as store_records
from storyline.store import sqlite as sqlite_backend


def _module(target: str | Path) -> ModuleType:
    return pg_backend if backends.is_postgres(target) else sqlite_backend


def _add_migration(monkeypatch: pytest.MonkeyPatch, target: str | Path, script: str) -> None:
    """Make the backend of ``target`` believe ``script`` (for both dialects) is the next migration."""
    module = _module(target)
    extra = schema.Migration(sqlite=script, postgresql=script)
    monkeypatch.setattr(module, "MIGRATIONS", (*schema.MIGRATIONS, extra))
    monkeypatch.setattr(module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)


def test_new_database_is_at_current_version(target: str | Path) -> None:
    open_store(target).close()
    assert backends.version(target) == SCHEMA_VERSION


def test_reopening_applies_nothing_twice(target: str | Path) -> None:
    open_store(target).close()
    before = backends.columns(target)
    open_store(target).close()
    assert backends.columns(target) == before
    assert backends.version(target) == SCHEMA_VERSION


def test_two_stores_opening_a_new_database_at_once(target: str | Path) -> None:
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def open_one() -> None:
        start.wait()
        try:
            open_store(target).close()
        except BaseException as err:  # collected: the assertion below shows it
            errors.append(err)

    threads = [threading.Thread(target=open_one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert backends.version(target) == SCHEMA_VERSION


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_statements_splits_every_migration_into_complete_statements(dialect: str) -> None:
    for migration in schema.MIGRATIONS:
        parts = list(schema.statements(getattr(migration, dialect)))
        assert parts and all(sqlite3.complete_statement(p) for p in parts)


def test_both_dialects_make_the_same_tables_and_columns(db_path: Path, pg_db: str) -> None:
    open_store(db_path).close()
    open_store(pg_db).close()
    lite = backends.columns(db_path)
    # FTS5's rowid is PostgreSQL's explicit id; ``words`` is the full-text index's column.
    assert backends.columns(pg_db) == {**lite, "sentences": ["id", *lite["sentences"], "words"]}


def test_missing_file_without_create_is_no_db(db_path: Path) -> None:
    with pytest.raises(StorylineError) as info:
        open_store(db_path, create=False)
    assert info.value.error is E.NO_DB
    assert not db_path.exists()


def test_file_that_is_not_a_database_is_no_db(db_path: Path) -> None:
    db_path.write_bytes(b"this is not sqlite, just some text that is long enough" * 20)
    with pytest.raises(StorylineError) as info:
        open_store(db_path)
    assert info.value.error is E.NO_DB


def test_newer_schema_is_refused(target: str | Path) -> None:
    open_store(target).close()
    backends.set_version(target, SCHEMA_VERSION + 1)
    with pytest.raises(StorylineError) as info:
        open_store(target)
    assert info.value.error is E.BAD_SCHEMA
    assert str(SCHEMA_VERSION + 1) in str(info.value)


@pytest.mark.parametrize(
    ("pragma", "expected"),
    [("journal_mode", "wal"), ("synchronous", 1), ("foreign_keys", 1)],
    ids=["wal", "synchronous-normal", "foreign-keys"],
)
def test_connection_pragmas(db_path: Path, pragma: str, expected: object) -> None:
    with open_store(db_path) as store:
        assert isinstance(store, sqlite_backend.SQLiteStore)
        assert store._conn.execute(f"PRAGMA {pragma}").fetchone()[0] == expected


def test_pending_migration_is_applied_on_open(target: str | Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(target).close()
    _add_migration(monkeypatch, target, "CREATE TABLE extra (x INTEGER);")
    open_store(target).close()
    assert backends.version(target) == SCHEMA_VERSION + 1
    assert "extra" in backends.columns(target)


def test_failing_migration_leaves_nothing_behind(target: str | Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(target).close()
    _add_migration(monkeypatch, target, "CREATE TABLE extra (x INTEGER);\nINSERT INTO no_such_table VALUES (1);")
    with pytest.raises((sqlite3.OperationalError, psycopg.errors.UndefinedTable)):
        open_store(target)
    assert backends.version(target) == SCHEMA_VERSION
    assert "extra" not in backends.columns(target)


def _as_version_1(target: str | Path) -> None:
    """Take a current store back to schema version 1 (analyses without their analyser, no band index)."""
    backends.query(target, "DROP TABLE bands")
    backends.query(target, "DELETE FROM state WHERE key = 'unbanded'")
    backends.query(target, "DROP INDEX analyses_analyzer")
    backends.query(target, "ALTER TABLE analyses DROP COLUMN analyzer")
    backends.set_version(target, 1)


def test_a_version_1_store_is_read_as_it_is(target: str | Path) -> None:
    with open_store(target) as store:
        store.add_articles(records.batch(), analyzer="v2")
        store.write_story(records.story())
    _as_version_1(target)
    with open_store(target, create=False, read_only=True) as ro:
        assert ro.story() == records.story()
        assert [a.id for a, _ in ro.iter_pairs()] == sorted(a.id for a, _, _ in records.batch())
    assert backends.version(target) == 1  # reading upgraded nothing


def test_upgrading_a_version_1_store_marks_its_analyses_stale(target: str | Path) -> None:
    with open_store(target) as store:
        store.add_articles(records.batch(), analyzer="v2")
    _as_version_1(target)
    with open_store(target) as store:
        assert store.stale_analyses("v2") == sorted(a.id for a, x, _ in records.batch() if x is not None)
    assert backends.version(target) == SCHEMA_VERSION


def test_upgrading_a_version_1_store_indexes_its_signatures(
    target: str | Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_records, "BAND_CHUNK", 2)  # three articles: two chunks
    batch = [(a, x, signature(a.text)) for a, x, _ in records.batch()]
    with open_store(target) as store:
        store.add_articles(batch)
        before = {a.id: store.near_copies(band_keys(sig)) for a, _, sig in batch}
    assert [i for i, _ in before[batch[2][0].id]] == [batch[1][0].id, batch[2][0].id]  # the copy and itself
    _as_version_1(target)
    with open_store(target) as store:
        assert {a.id: store.near_copies(band_keys(sig)) for a, _, sig in batch} == before
    assert backends.query(target, "SELECT value FROM state WHERE key = 'unbanded'") == [(0,)]
