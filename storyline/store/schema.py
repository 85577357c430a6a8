"""The story schema as numbered migrations, one script per SQL dialect.

``MIGRATIONS[n]`` takes a database from schema version ``n`` to ``n + 1``; it
holds the same change written for SQLite (:attr:`Migration.sqlite`) and for
PostgreSQL (:attr:`Migration.postgresql`), so both backends have the same
tables and columns at every version.  The version lives in the ``meta`` table
(key ``schema_version``); a database without that table is version 0.
Migrations are append-only: never edit one that has shipped, add the next.

Where the dialects differ (the scripts say why beside each table):

* ``BLOB`` is ``BYTEA``; ``INTEGER PRIMARY KEY`` row ids and ``articles.seq``
  are identity columns, so two writers never draw the same number;
* FTS5's ``sentences`` virtual table is a plain table with a ``words``
  ``TSVECTOR`` column under a GIN index (the backend fills it);
* ids and ISO dates compare with ``COLLATE "C"``, so ``ORDER BY`` is code-point
  order, as in SQLite and in Python, whatever the database's locale.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator

from storyline.errors import E, StorylineError

__all__ = [
    "MIGRATIONS", "READABLE_FROM", "SCHEMA_VERSION", "Migration", "read_version", "readable", "statements",
    "version_error",
]


@dataclasses.dataclass(frozen=True)
class Migration:
    """One schema change, written once per dialect."""

    sqlite: str
    postgresql: str


_V1_SQLITE = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per article.  ``record`` is the msgspec JSON of the Article with its
-- ``text`` left empty (the text lives once, in the ``text`` column).
CREATE TABLE articles (
    id                 TEXT PRIMARY KEY,
    seq                INTEGER NOT NULL UNIQUE,
    source             TEXT NOT NULL,
    outlet             TEXT,
    title              TEXT,
    published_value    TEXT,
    published_earliest TEXT,
    duplicate_of       TEXT,
    text               TEXT NOT NULL,
    record             BLOB NOT NULL
);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);

CREATE TABLE analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    mentions   INTEGER NOT NULL DEFAULT 0,
    times      INTEGER NOT NULL DEFAULT 0,
    quotes     INTEGER NOT NULL DEFAULT 0,
    events     INTEGER NOT NULL DEFAULT 0,
    claims     INTEGER NOT NULL DEFAULT 0,
    record     BLOB NOT NULL
);

CREATE TABLE signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    sig        BLOB NOT NULL
);

CREATE VIRTUAL TABLE sentences USING fts5 (
    article_id UNINDEXED,
    start UNINDEXED,
    "end" UNINDEXED,
    text,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The story: what linking produced, replaced as a whole by each link.
-- ``pos`` keeps the order the linker gave.
CREATE TABLE entities (
    id     TEXT PRIMARY KEY,
    pos    INTEGER NOT NULL,
    name   TEXT NOT NULL,
    type   TEXT NOT NULL,
    record BLOB NOT NULL
);
CREATE INDEX entities_name ON entities (name);

CREATE TABLE events (
    id            TEXT PRIMARY KEY,
    pos           INTEGER NOT NULL,
    type          TEXT NOT NULL,
    modality      TEXT NOT NULL,
    date_earliest TEXT,
    date_latest   TEXT,
    record        BLOB NOT NULL
);
CREATE INDEX events_date ON events (date_earliest);

CREATE TABLE claims (
    id      TEXT PRIMARY KEY,
    pos     INTEGER NOT NULL,
    subject TEXT NOT NULL,
    record  BLOB NOT NULL
);

CREATE TABLE conflicts (
    id     TEXT PRIMARY KEY,
    pos    INTEGER NOT NULL,
    about  TEXT NOT NULL,
    record BLOB NOT NULL
);

-- Story-wide maps: ``published`` (article id -> Published) and
-- ``speakers`` (quote id -> entity id), each as one msgspec JSON value.
CREATE TABLE story_meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

-- Counters: ``articles_generation`` grows with every batch that adds articles,
-- ``linked_generation`` is the generation the stored story was written for,
-- ``run`` numbers the builds that recorded their problems.
CREATE TABLE state (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO state (key, value) VALUES
    ('articles_generation', 0), ('linked_generation', 0), ('run', 0);

CREATE TABLE problems (
    id      INTEGER PRIMARY KEY,
    run     INTEGER NOT NULL,
    source  TEXT NOT NULL,
    code    TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX problems_run ON problems (run);
"""

_V1_POSTGRESQL = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- ``seq`` is an identity: concurrent writers draw distinct numbers (there may be
-- gaps; only the order matters).  ``record`` as in SQLite.
CREATE TABLE articles (
    id                 TEXT COLLATE "C" PRIMARY KEY,
    seq                BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    source             TEXT NOT NULL,
    outlet             TEXT,
    title              TEXT,
    published_value    TEXT,
    published_earliest TEXT COLLATE "C",
    duplicate_of       TEXT COLLATE "C",
    text               TEXT NOT NULL,
    record             BYTEA NOT NULL
);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);

CREATE TABLE analyses (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    mentions   INTEGER NOT NULL DEFAULT 0,
    times      INTEGER NOT NULL DEFAULT 0,
    quotes     INTEGER NOT NULL DEFAULT 0,
    events     INTEGER NOT NULL DEFAULT 0,
    claims     INTEGER NOT NULL DEFAULT 0,
    record     BYTEA NOT NULL
);

CREATE TABLE signatures (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    sig        BYTEA NOT NULL
);

-- FTS5's table as a plain one: ``id`` plays SQLite's rowid, ``words`` holds the
-- sentence's words (lower-cased, diacritics removed, by the backend) for the
-- full-text index.  No foreign key, as in FTS5: it would cost a lookup per sentence
-- (rows come with their article, in its transaction).
CREATE TABLE sentences (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id TEXT COLLATE "C" NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    words      TSVECTOR NOT NULL
);
CREATE INDEX sentences_article ON sentences (article_id);
CREATE INDEX sentences_words ON sentences USING GIN (words);

CREATE TABLE entities (
    id     TEXT COLLATE "C" PRIMARY KEY,
    pos    INTEGER NOT NULL,
    name   TEXT NOT NULL,
    type   TEXT NOT NULL,
    record BYTEA NOT NULL
);
CREATE INDEX entities_name ON entities (name);

CREATE TABLE events (
    id            TEXT COLLATE "C" PRIMARY KEY,
    pos           INTEGER NOT NULL,
    type          TEXT NOT NULL,
    modality      TEXT NOT NULL,
    date_earliest TEXT COLLATE "C",
    date_latest   TEXT COLLATE "C",
    record        BYTEA NOT NULL
);
CREATE INDEX events_date ON events (date_earliest);

CREATE TABLE claims (
    id      TEXT COLLATE "C" PRIMARY KEY,
    pos     INTEGER NOT NULL,
    subject TEXT NOT NULL,
    record  BYTEA NOT NULL
);

CREATE TABLE conflicts (
    id     TEXT COLLATE "C" PRIMARY KEY,
    pos    INTEGER NOT NULL,
    about  TEXT NOT NULL,
    record BYTEA NOT NULL
);

CREATE TABLE story_meta (
    key   TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);

CREATE TABLE state (
    key   TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO state (key, value) VALUES
    ('articles_generation', 0), ('linked_generation', 0), ('run', 0);

CREATE TABLE problems (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run     BIGINT NOT NULL,
    source  TEXT NOT NULL,
    code    TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX problems_run ON problems (run);
"""

# Version 2: each analysis records the analyser that made it (storyline's analysis code, spaCy,
# the model: :func:`storyline.analyze.version.analysis_version`).  Rows of version 1 get NULL,
# "unknown": the next build re-analyses them.  The index lets a build list the stale rows
# without reading the records.
_V2_SQLITE = """
ALTER TABLE analyses ADD COLUMN analyzer TEXT;
CREATE INDEX analyses_analyzer ON analyses (analyzer, article_id);
"""

_V2_POSTGRESQL = """
ALTER TABLE analyses ADD COLUMN analyzer TEXT;
CREATE INDEX analyses_analyzer ON analyses (analyzer, article_id);
"""

# Version 3: the near-duplicate index lives in the store, so a build's memory does not grow with
# the store (storyline.minhash.band_keys: one signed 64-bit key per LSH band of an
# article's signature; ``seq`` is the article's, so the earliest stored copy comes first).
# Articles stored before version 3 get their keys from the next writable open, which
# works down from ``state.unbanded`` (the highest seq still without keys) to 0.
_V3_SQLITE = """
CREATE TABLE bands (
    key INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, seq)
) WITHOUT ROWID;
INSERT INTO state (key, value) SELECT 'unbanded', COALESCE(MAX(seq), 0) FROM articles;
"""

_V3_POSTGRESQL = """
CREATE TABLE bands (
    key BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (key, seq)
);
INSERT INTO state (key, value) SELECT 'unbanded', COALESCE(MAX(seq), 0) FROM articles;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(sqlite=_V1_SQLITE, postgresql=_V1_POSTGRESQL),
    Migration(sqlite=_V2_SQLITE, postgresql=_V2_POSTGRESQL),
    Migration(sqlite=_V3_SQLITE, postgresql=_V3_POSTGRESQL),
)
"""Applying ``MIGRATIONS[n]`` (the script for the database's dialect) moves it to version ``n + 1``."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this storyline writes and reads."""

READABLE_FROM = 1
"""The oldest schema version a read-only store opens as it is: the migrations after it only add
what readers never read (version 2's ``analyses.analyzer``, version 3's ``bands``), so
``timeline`` or ``serve`` work on a database that no build of this storyline has upgraded yet.
Raise it with a migration that changes what readers read."""


def statements(script: str) -> Iterator[str]:
    """Split a script into complete SQL statements (so each runs parameterised
    inside our own transaction; ``executescript`` would commit on its own)."""
    buf: list[str] = []
    for line in script.splitlines(keepends=True):
        buf.append(line)
        chunk = "".join(buf)
        if sqlite3.complete_statement(chunk):
            if chunk.strip():
                yield chunk.strip()
            buf.clear()
    rest = "".join(buf).strip()
    if rest and not all(ln.strip().startswith("--") or not ln.strip() for ln in rest.splitlines()):
        raise ValueError(f"incomplete SQL statement in migration: {rest[:60]!r}")


def read_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open SQLite database (0 when it has no ``meta`` table)."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if row is None:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = ?", ("schema_version",)).fetchone()
    return int(row[0]) if row is not None else 0


def readable(found: int) -> bool:
    """Whether a read-only store of schema version ``found`` can be read without migrating."""
    return READABLE_FROM <= found <= SCHEMA_VERSION


def version_error(found: int, where: str) -> StorylineError:
    """Why a database opened read-only cannot be read: not a story, a newer one, or an older one."""
    if found == 0:
        return StorylineError(E.NO_DB, path=where)
    if found > SCHEMA_VERSION:
        return StorylineError(E.BAD_SCHEMA, found=found, supported=SCHEMA_VERSION)
    return StorylineError(E.BAD_OPTION, detail=f"{where} has schema version {found}, older than this storyline's "
                          f"{SCHEMA_VERSION}: run `storyline build` on it once to upgrade it")
