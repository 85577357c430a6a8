"""What is PostgreSQL's alone: URLs and connection errors, the tsvector/tsquery made in
Python, streams through server-side cursors on connections of their own.

The tests that need no server (bad URLs, the query builder) run without ``$STORYLINE_TEST_PG``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import database_url

from store import backends, records
from storyline.errors import E, StorylineError
from storyline.store import Store, open_store
from storyline.store.postgres import MAX_WORD, redact, ts_query, ts_vector


@pytest.fixture
def pg_filled(pg_db: str) -> Iterator[Store]:
    with open_store(pg_db) as store:
        store.add_articles(records.batch())
        yield store


def _sessions(url: str) -> list[str]:
    """The last query of every storyline session on the database of ``url``, but this one."""
    rows = backends.query(
        url,
        "SELECT query FROM pg_stat_activity WHERE datname = current_database() "
        "AND application_name = 'storyline' AND pid <> pg_backend_pid()",
    )
    return [r[0] for r in rows]


# ------------------------------------------------------------------ URLs and errors


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://ann:s3cret@db.example:5432/story", "postgresql://ann@db.example:5432/story"),
        ("postgresql://ann@db.example/story", "postgresql://ann@db.example/story"),
        ("postgres://db.example/story?password=s3cret&sslmode=require",
         "postgres://db.example/story?password=***&sslmode=require"),
        ("postgresql://ann:s3c@ret@db.example/story", "postgresql://ann@db.example/story"),
        ("postgresql://ann:s3cret@[bad", "postgresql://ann@[bad"),
    ],
    ids=["user-password", "no-password", "query-password", "at-in-password", "malformed"],
)
def test_redact_drops_the_password(url: str, expected: str) -> None:
    assert redact(url) == expected


def test_unreachable_server_is_no_db_on_one_line() -> None:
    with pytest.raises(StorylineError) as info:
        open_store("postgresql://ann:s3cret@127.0.0.1:1/story")
    message = str(info.value)
    assert info.value.error is E.NO_DB
    assert "postgresql://ann@127.0.0.1:1/story" in message
    assert "s3cret" not in message and "\n" not in message


def test_malformed_url_is_no_db_without_the_password() -> None:
    with pytest.raises(StorylineError) as info:
        open_store("postgresql://ann:s3cret@[bad/story")
    assert info.value.error is E.NO_DB
    assert "s3cret" not in str(info.value)


def test_url_collapsed_by_a_path_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StorylineError) as info:
        open_store(Path("postgresql://ann:s3cret@127.0.0.1:1/story"))
    assert info.value.error is E.BAD_OPTION
    assert "s3cret" not in str(info.value)
    assert list(tmp_path.iterdir()) == []  # no SQLite file named after the URL


def test_missing_database_is_no_db(pg_url: str) -> None:
    with pytest.raises(StorylineError) as info:
        open_store(database_url(pg_url, "storyline_no_such_database"))
    assert info.value.error is E.NO_DB
    assert "does not exist" in str(info.value)


def test_empty_database_without_create_is_no_db(pg_db: str) -> None:
    with pytest.raises(StorylineError) as info:
        open_store(pg_db, create=False)
    assert info.value.error is E.NO_DB
    assert backends.columns(pg_db) == {}


def test_postgres_scheme_is_accepted(pg_db: str) -> None:
    with open_store("postgres://" + pg_db.removeprefix("postgresql://")) as store:
        assert store.add_articles(records.batch()) == 3


# ------------------------------------------------------------------ full-text search


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("senate vote", "('senate') & ('vote')"),
        ('"passed the bill"', "('passed' <-> 'the' <-> 'bill')"),
        ("U.S.", "('u' <-> 's')"),
        ("Zürich", "('zurich')"),
        ("snake_case", "('snake' <-> 'case')"),
        ('AND ( * " OR & ! <->', "('and') & ('or')"),
        ("* ! :*", ""),
    ],
    ids=["words", "phrase", "dotted", "diacritics", "underscore", "operators", "nothing-left"],
)
def test_ts_query_chains_every_piece(query: str, expected: str) -> None:
    assert ts_query(query) == expected


def test_ts_vector_keeps_positions_of_folded_words() -> None:
    assert ts_vector("Zürich, then ZURICH again.") == "'zurich':1,3 'then':2 'again':4"


def test_ts_vector_cuts_long_words() -> None:
    assert ts_vector("x" * (MAX_WORD + 10)) == f"'{'x' * MAX_WORD}':1"


@pytest.mark.parametrize(
    "text",
    ["It's a \\ back'slash", "😀 emoji", "ﬁ ligature ²", "word " * 20000, "é" * 3000, "", "...", "日本語のテキスト"],
    ids=["quotes", "emoji", "compatibility", "many-words", "long-accented-word", "empty", "no-words", "cjk"],
)
def test_ts_vector_is_valid_on_the_server(pg_db: str, text: str) -> None:
    query = ts_query(text)
    rows = backends.query(pg_db, "SELECT ?::tsvector @@ ?::tsquery", (ts_vector(text), query))
    assert rows == [(bool(query),)]


# ------------------------------------------------------------------ streams


def test_stream_reads_through_a_server_side_cursor(pg_filled: Store, pg_db: str) -> None:
    pairs = pg_filled.iter_pairs()
    next(pairs)
    try:
        assert any(q.startswith("FETCH FORWARD") for q in _sessions(pg_db))
    finally:
        pairs.close()


def test_write_during_a_stream_commits_at_once(pg_db: str) -> None:
    batch = records.batch()
    with open_store(pg_db) as store:
        store.add_articles(batch[:1])
        pairs = store.iter_pairs()
        next(pairs)
        store.add_articles(batch[1:])
        try:
            with open_store(pg_db) as other:
                assert other.counts()["articles"] == 3
        finally:
            pairs.close()


def test_close_ends_open_streams(pg_filled: Store, pg_db: str) -> None:
    pairs = pg_filled.iter_pairs()
    next(pairs)
    pg_filled.close()
    assert _sessions(pg_db) == []
