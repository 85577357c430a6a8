"""The SQLite backend: one file, WAL journal, FTS5 over sentences.

All SQL is parameterised; every write goes through :meth:`SQLiteStore._write`
(``BEGIN IMMEDIATE`` ... ``COMMIT``, ``ROLLBACK`` on any error), so a process
killed mid-build leaves the last committed batch and nothing half-written, and
two processes writing one file take turns.  Records are stored as msgspec JSON
in ``record`` columns, beside a few plain columns that queries filter or sort
on.  Linkers in several processes serialise on ``flock`` of ``<db>.link-lock``.
"""

from __future__ import annotations

import contextlib
import fcntl
import re
import sqlite3
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import Path

import msgspec

from storyline.errors import E, StorylineError
from storyline.minhash import band_keys
from storyline.model import (
    Article,
    ArticleAnalysis,
    Problem,
    Span,
    Story,
)
from storyline.store.base import Store
from storyline.store.records import (
    ANALYSIS,
    ARTICLE,
    analysis_counts,
    backfill_bands,
    check_pairs,
    count_all,
    encode,
    linked_by,
    query_pieces,
    read_story,
    stored_sentences,
    story_meta,
)
from storyline.store.schema import MIGRATIONS, SCHEMA_VERSION, read_version, readable, statements, version_error

__all__ = ["SQLiteStore", "fts_query"]


_WORD = re.compile(r"\w+")


def fts_query(query: str) -> str:
    """Turn free user input into safe FTS5 syntax: every whitespace-separated piece
    (or ``"quoted phrase"``) becomes one quoted phrase of its word characters, and
    the phrases are ANDed.  Operators, brackets, stars and stray quotes lose their
    meaning, so no input can raise a syntax error.  Returns ``""`` when nothing
    searchable is left."""
    phrases = []
    for piece in query_pieces(query):
        words = _WORD.findall(piece)
        if words:
            phrases.append('"' + " ".join(words) + '"')
    return " ".join(phrases)


_TIMEOUT = 30.0  # seconds a connection waits for another one's lock


def _wal(conn: sqlite3.Connection) -> None:
    """Switch to the WAL journal.  Retried: this pragma does not wait on the busy
    timeout, and two builds opening a new file at once would otherwise see
    "database is locked" one time in ten or so."""
    deadline = time.monotonic() + _TIMEOUT
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class SQLiteStore(Store):
    """A story database in one SQLite file.  Open it with :func:`storyline.store.open_store`."""

    def __init__(self, path: str | Path, *, create: bool = True, read_only: bool = False) -> None:
        self.path = str(path)
        memory = self.path == ":memory:" or self.path.startswith("file:")
        self._memory = memory
        if not memory:
            file = Path(self.path)
            if not file.exists():
                if not create or read_only:
                    raise StorylineError(E.NO_DB, path=self.path)
                file.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: the sqlite3 module never opens transactions on its
        # own; _write() and _read() say where each one begins and ends.
        target, uri = self.path, memory
        if read_only and not memory:
            target, uri = "file:" + urllib.parse.quote(str(Path(self.path).resolve())) + "?mode=ro", True
        # a read-only store may be closed by another thread than the one that used it (the web
        # app's shutdown closes every request thread's store); it never writes, so nothing races
        self._conn = sqlite3.connect(target, isolation_level=None, timeout=_TIMEOUT, uri=uri,
                                     check_same_thread=not read_only)
        try:
            if read_only:
                found = read_version(self._conn)
                if not readable(found):
                    raise version_error(found, self.path)
                return
            _wal(self._conn)
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            backfill_bands(self._write, "?", self._index_bands)
        except sqlite3.DatabaseError as err:
            self._conn.close()
            if "not a database" in str(err) or "malformed" in str(err):
                raise StorylineError(E.NO_DB, path=self.path) from err
            raise
        except BaseException:
            self._conn.close()
            raise

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # ------------------------------------------------------------- plumbing

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """The one write path: a transaction that commits on success, rolls back on error."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: several queries see one snapshot."""
        conn = self._conn
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    def _migrate(self) -> None:
        """Apply pending migrations, each in its own transaction (re-reading the
        version inside it, so two processes opening a new file do not race)."""
        found = read_version(self._conn)
        if found > SCHEMA_VERSION:
            raise StorylineError(E.BAD_SCHEMA, found=found, supported=SCHEMA_VERSION)
        while found < SCHEMA_VERSION:
            with self._write() as conn:
                found = read_version(conn)
                if found >= SCHEMA_VERSION:
                    break
                for sql in statements(MIGRATIONS[found].sqlite):
                    conn.execute(sql)
                found += 1
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(found),),
                )

    @property
    def schema_version(self) -> int:
        return read_version(self._conn)

    def _state(self, key: str) -> int:
        row = self._conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row is not None else 0

    # ------------------------------------------------------------- articles

    def article_ids(self) -> set[str]:
        return {row[0] for row in self._conn.execute("SELECT id FROM articles")}

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        cur = self._conn.execute(
            "SELECT s.article_id, s.sig FROM signatures s JOIN articles a ON a.id = s.article_id "
            "ORDER BY a.seq"
        )
        try:
            for article_id, sig in cur:
                yield article_id, bytes(sig)
        finally:
            cur.close()

    def add_articles(
        self, batch: Sequence[tuple[Article, ArticleAnalysis | None, bytes]], *, analyzer: str | None = None
    ) -> int:
        check_pairs((article, analysis) for article, analysis, _ in batch)
        added = 0
        with self._write() as conn:
            for article, analysis, sig in batch:
                pub = article.published.date if article.published is not None else None
                cur = conn.execute(
                    "INSERT INTO articles (id, seq, source, outlet, title, published_value, "
                    "published_earliest, duplicate_of, text, record) "
                    "VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM articles), ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (id) DO NOTHING RETURNING seq",
                    (
                        article.id, article.source, article.outlet, article.title,
                        pub.value if pub else None,
                        pub.earliest.isoformat() if pub else None,
                        article.duplicate_of, article.text,
                        # the text is stored once, in its own column
                        encode(msgspec.structs.replace(article, text="")),
                    ),
                )
                row = cur.fetchone()
                if row is None:
                    continue
                added += 1
                conn.execute(
                    "INSERT INTO signatures (article_id, sig) VALUES (?, ?)", (article.id, bytes(sig))
                )
                self._index_bands(conn, [(row[0], bytes(sig))])
                if analysis is None:
                    continue
                conn.execute(
                    "INSERT INTO analyses (article_id, mentions, times, quotes, events, claims, record, analyzer) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (article.id, *analysis_counts(analysis), encode(analysis), analyzer),
                )
                self._index_sentences(conn, article, analysis)
            if added:
                conn.execute(
                    "UPDATE state SET value = value + 1 WHERE key = ?", ("articles_generation",)
                )
        return added

    @staticmethod
    def _index_sentences(conn: sqlite3.Connection, article: Article, analysis: ArticleAnalysis) -> None:
        conn.executemany(
            'INSERT INTO sentences (article_id, start, "end", text) VALUES (?, ?, ?, ?)',
            [(article.id, s.start, s.end, article.text[s.start:s.end]) for s in analysis.sentences],
        )

    @staticmethod
    def _index_bands(conn: sqlite3.Connection, rows: Sequence[tuple[int, bytes]]) -> None:
        conn.executemany(
            "INSERT INTO bands (key, seq) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(key, seq) for seq, sig in rows for key in band_keys(sig)],
        )

    def has_article(self, article_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def near_copies(self, keys: Sequence[int]) -> list[tuple[str, bytes]]:
        if not keys:
            return []
        rows = self._conn.execute(
            "SELECT a.id, s.sig FROM articles a JOIN signatures s ON s.article_id = a.id "
            f"WHERE a.seq IN (SELECT seq FROM bands WHERE key IN ({', '.join('?' * len(keys))})) ORDER BY a.seq",
            list(keys),
        ).fetchall()
        return [(article_id, bytes(sig)) for article_id, sig in rows]

    def stale_analyses(self, analyzer: str) -> list[str]:
        return [
            row[0] for row in self._conn.execute(
                "SELECT article_id FROM analyses WHERE analyzer IS NOT ? ORDER BY article_id", (analyzer,)
            )
        ]

    def replace_analyses(self, batch: Sequence[tuple[Article, ArticleAnalysis]], *, analyzer: str) -> int:
        check_pairs(batch)
        replaced = 0
        with self._write() as conn:
            moved: list[tuple[Article, ArticleAnalysis]] = []
            for article, analysis in batch:
                row = conn.execute("SELECT record FROM analyses WHERE article_id = ?", (article.id,)).fetchone()
                if row is None:
                    continue
                conn.execute(
                    "UPDATE analyses SET mentions = ?, times = ?, quotes = ?, events = ?, claims = ?, "
                    "record = ?, analyzer = ? WHERE article_id = ?",
                    (*analysis_counts(analysis), encode(analysis), analyzer, article.id),
                )
                replaced += 1
                if stored_sentences(row[0]) != analysis.sentences:
                    moved.append((article, analysis))
            if moved:
                # ``article_id`` is an UNINDEXED column of the FTS5 table: one scan for the batch
                # (sentence boundaries seldom move, so most replacements skip this).
                ids = [article.id for article, _ in moved]
                conn.execute(f"DELETE FROM sentences WHERE article_id IN ({', '.join('?' * len(ids))})", ids)
                for article, analysis in moved:
                    self._index_sentences(conn, article, analysis)
            if replaced:
                conn.execute("UPDATE state SET value = value + 1 WHERE key = ?", ("articles_generation",))
        return replaced

    @staticmethod
    def _article(text: str, record: bytes) -> Article:
        return msgspec.structs.replace(ARTICLE.decode(record), text=text)

    def iter_pairs(self) -> Iterator[tuple[Article, ArticleAnalysis | None]]:
        cur = self._conn.execute(
            "SELECT a.text, a.record, n.record FROM articles a "
            "LEFT JOIN analyses n ON n.article_id = a.id ORDER BY a.id"
        )
        try:
            for text, record, analysis in cur:
                yield (
                    self._article(text, record),
                    ANALYSIS.decode(analysis) if analysis is not None else None,
                )
        finally:
            cur.close()

    def iter_articles(self) -> Iterator[Article]:
        cur = self._conn.execute("SELECT text, record FROM articles ORDER BY id")
        try:
            for text, record in cur:
                yield self._article(text, record)
        finally:
            cur.close()

    def get_article(self, article_id: str) -> Article | None:
        row = self._conn.execute(
            "SELECT text, record FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return self._article(*row) if row is not None else None

    def get_analysis(self, article_id: str) -> ArticleAnalysis | None:
        row = self._conn.execute(
            "SELECT record FROM analyses WHERE article_id = ?", (article_id,)
        ).fetchone()
        return ANALYSIS.decode(row[0]) if row is not None else None

    # ---------------------------------------------------------------- story

    def needs_link(self) -> bool:
        with self._read():
            return self._state("articles_generation") > self._state("linked_generation")

    def generation(self) -> int:
        return self._state("articles_generation")

    def write_story(self, story: Story, *, generation: int | None = None, linker: str | None = None) -> bool:
        with self._write() as conn:
            target = self._state("articles_generation") if generation is None else generation
            if target < self._state("linked_generation"):
                return False
            conn.execute("DELETE FROM entities")
            conn.execute("DELETE FROM events")
            conn.execute("DELETE FROM claims")
            conn.execute("DELETE FROM conflicts")
            conn.execute("DELETE FROM story_meta")
            conn.executemany(
                "INSERT INTO entities (id, pos, name, type, record) VALUES (?, ?, ?, ?, ?)",
                [(e.id, i, e.name, e.type, encode(e)) for i, e in enumerate(story.entities)],
            )
            conn.executemany(
                "INSERT INTO events (id, pos, type, modality, date_earliest, date_latest, record) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        v.id, i, v.type, v.modality,
                        v.date.earliest.isoformat() if v.date else None,
                        v.date.latest.isoformat() if v.date and v.date.latest else None,
                        encode(v),
                    )
                    for i, v in enumerate(story.events)
                ],
            )
            conn.executemany(
                "INSERT INTO claims (id, pos, subject, record) VALUES (?, ?, ?, ?)",
                [(c.id, i, c.subject, encode(c)) for i, c in enumerate(story.claims)],
            )
            conn.executemany(
                "INSERT INTO conflicts (id, pos, about, record) VALUES (?, ?, ?, ?)",
                [(x.id, i, x.about, encode(x)) for i, x in enumerate(story.conflicts)],
            )
            conn.executemany("INSERT INTO story_meta (key, value) VALUES (?, ?)", story_meta(story, linker))
            conn.execute("UPDATE state SET value = ? WHERE key = ?", (target, "linked_generation"))
        return True

    @contextlib.contextmanager
    def link_lock(self) -> Iterator[None]:
        """``flock`` of ``<db>.link-lock`` (created beside the database and left there:
        removing it would race with a process about to lock it); a no-op in memory."""
        if self._memory:
            yield
            return
        with open(self.path + ".link-lock", "ab") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def story(self) -> Story:
        with self._read() as conn:
            return read_story(conn.execute)

    def linked_by(self) -> str | None:
        with self._read() as conn:
            return linked_by(conn.execute)

    # ---------------------------------------------------------------- query

    def search(self, query: str, *, limit: int = 20) -> list[Span]:
        match = fts_query(query)
        if not match or limit <= 0:
            return []
        try:
            rows = self._conn.execute(
                'SELECT article_id, start, "end", text FROM sentences WHERE sentences MATCH ? '
                "ORDER BY rank, article_id, start LIMIT ?",
                (match, limit),
            ).fetchall()
        except sqlite3.OperationalError as err:  # pragma: no cover - fts_query makes this unreachable
            if str(err).startswith("fts5"):
                return []
            raise
        return [Span(article=a, start=int(s), end=int(e), text=t) for a, s, e, t in rows]

    def iter_sentences(self) -> Iterator[tuple[int, str, int, int]]:
        cur = self._conn.execute('SELECT rowid, article_id, start, "end" FROM sentences')
        for rowid, article_id, start, end in cur:
            yield int(rowid), article_id, int(start), int(end)

    def search_ids(self, query: str, *, limit: int, rank_limit: int) -> tuple[int, list[int]]:
        match = fts_query(query)
        if not match or limit <= 0:
            return 0, []
        with self._read() as conn:
            row = conn.execute("SELECT count(*) FROM sentences WHERE sentences MATCH ?", (match,)).fetchone()
            matches = int(row[0])
            order = "ORDER BY rank" if matches <= rank_limit else ""
            ids = [int(r[0]) for r in conn.execute(
                f"SELECT rowid FROM sentences WHERE sentences MATCH ? {order} LIMIT ?", (match, limit),
            )]
        return matches, ids

    def sentence_texts(self, ids: Sequence[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for lo in range(0, len(ids), 500):
            chunk = list(ids[lo:lo + 500])
            marks = ",".join("?" * len(chunk))
            out.update((int(r), t) for r, t in self._conn.execute(
                f"SELECT rowid, text FROM sentences WHERE rowid IN ({marks})", chunk))
        return out

    def counts(self) -> dict[str, int]:
        with self._read() as conn:
            return count_all(conn.execute)

    # ------------------------------------------------------------- problems

    def add_problems(self, problems: Sequence[Problem], *, run: int | None = None) -> int:
        with self._write() as conn:
            if run is None:
                conn.execute("UPDATE state SET value = value + 1 WHERE key = ?", ("run",))
                run = self._state("run")
            conn.executemany(
                "INSERT INTO problems (run, source, code, message) VALUES (?, ?, ?, ?)",
                [(run, p.source, p.code, p.message) for p in problems],
            )
        return run

    def problems(self, *, run: int | None = None) -> list[Problem]:
        with self._read() as conn:
            number = self._state("run") if run is None else run
            rows = conn.execute(
                "SELECT source, code, message FROM problems WHERE run = ? ORDER BY id", (number,)
            ).fetchall()
        return [Problem(source=s, code=c, message=m) for s, c, m in rows]

    # ------------------------------------------------------------ lifecycle

    def close(self) -> None:
        self._conn.close()
