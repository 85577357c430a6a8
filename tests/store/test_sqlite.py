"""What is SQLite's alone: the FTS5 query syntax, in-memory stores, the file and its lock file."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import records
from storyline.store import open_store
from storyline.store.sqlite import fts_query


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("senate vote", '"senate" "vote"'),
        ('"passed the bill"', '"passed the bill"'),
        ("U.S.", '"U S"'),
        ("NEAR(a b", '"NEAR a" "b"'),
        ('AND ( * " OR', '"AND" "OR"'),
        ("*", ""),
    ],
    ids=["words", "phrase", "dotted", "near", "operators", "nothing-left"],
)
def test_fts_query_quotes_every_piece(query: str, expected: str) -> None:
    assert fts_query(query) == expected


def test_in_memory_store_works() -> None:
    with open_store(":memory:") as store:
        assert store.add_articles(records.batch()) == 3


def test_link_lock_in_memory_is_a_no_op() -> None:
    with open_store(":memory:") as store, store.link_lock(), store.link_lock():
        assert store.generation() == 0


def test_link_lock_is_a_file_beside_the_database(db_path: Path) -> None:
    with open_store(db_path) as store, store.link_lock():
        assert db_path.with_name(db_path.name + ".link-lock").is_file()


def test_open_store_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "story.db"
    open_store(path).close()
    assert path.is_file()
