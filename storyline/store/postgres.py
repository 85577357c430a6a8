"""The PostgreSQL backend: a story shared by a team, written by several builds at once.

``open_store("postgresql://user@host:port/name")`` opens it; the database must
exist (``create=True`` creates the tables in an empty one, it never runs
``CREATE DATABASE``).  The tables, columns and numbered migrations are those of
the SQLite backend (:mod:`storyline.store.schema`), and so is the behaviour of
every method; where the dialects differ:

* **Writers take turns.**  Every write transaction first takes a transaction
  advisory lock (``pg_advisory_xact_lock``), as SQLite's ``BEGIN IMMEDIATE``
  takes the file's write lock: batches from two builds never interleave or
  deadlock, and ``articles.seq`` (an identity column, never ``MAX + 1``)
  follows commit order.  Readers are never blocked.
* **Linkers take turns** on a session advisory lock held by a connection of
  its own (:meth:`PostgresStore.link_lock`); closing it, or a crash, releases it.
* **Full-text search** uses a ``TSVECTOR`` column under a GIN index instead of
  FTS5.  The lexemes are made here, in Python, with SQLite's ``unicode61
  remove_diacritics`` rules (runs of letters and digits, lower-cased,
  combining marks removed), and queries are built the same way, so ``Zürich``
  matches ``ZURICH`` without the ``unaccent`` extension and a word is the same
  word on both backends.  Like the ``simple`` configuration there is no
  stemming and no stop word.  Quoted phrases become ``<->`` chains.  Words
  after the 16,383rd of one sentence share its last position (a tsvector
  limit), words are cut at :data:`MAX_WORD` characters, and one lexeme keeps
  at most 256 positions.  Hits are ranked by ``ts_rank`` (normalised by
  length) rather than FTS5's bm25, so the order among equal matches may
  differ between backends; ties still break on ``(article, start)``.
* **Streams** (:meth:`~PostgresStore.iter_pairs`, :meth:`~PostgresStore.iter_articles`,
  :meth:`~PostgresStore.signatures`) read through a server-side cursor on a
  connection of their own, :data:`ITERSIZE` rows at a time, so a write made
  while one is open commits at once, as in SQLite.
* ``create=False`` on a database without the story tables is ``E.NO_DB``
  (the empty database is the PostgreSQL form of the missing file); a server
  that cannot be reached or a database that does not exist is ``E.NO_DB``
  too, with the reason, naming the URL without its password.
* Text columns cannot hold NUL characters in PostgreSQL (SQLite's can).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
import uuid
from collections.abc import Generator, Iterator, Sequence
from typing import Any

import msgspec
import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import TupleRow

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
from storyline.store.schema import MIGRATIONS, SCHEMA_VERSION, readable, statements, version_error

__all__ = ["ITERSIZE", "MAX_WORD", "PostgresStore", "is_postgres_url", "redact", "ts_query", "ts_vector"]

ITERSIZE = 500
"""Rows a stream fetches from the server at a time."""

MAX_WORD = 500
"""Longer words are cut to this many characters (a lexeme is at most 2,046 bytes)."""

# Advisory lock keys (64-bit, per database): one for the write path, one for linkers.
_WRITE_LOCK = 0x73746F72796C0001
_LINK_LOCK = 0x73746F72796C0002
_MAX_POSITION = 16383  # tsvector positions run from 1 to 16,383
_MAX_POSITIONS = 256  # positions kept per lexeme
_MAX_LEXEME_BYTES = 512 * 1024  # a tsvector holds at most 1 MiB: stop well before


Connection = psycopg.Connection[TupleRow]

# ------------------------------------------------------------------ URLs


def is_postgres_url(target: str) -> bool:
    """True for a ``postgresql://`` or ``postgres://`` URL (the schemes libpq accepts)."""
    return target.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """``url`` without its password (in the user part or a ``password=`` parameter), for messages."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    end = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
    authority, tail = rest[:end], rest[end:]
    userinfo, at, host = authority.rpartition("@")
    if at:
        authority = userinfo.partition(":")[0] + "@" + host
    tail = re.sub(r"([?&]password=)[^&]*", r"\1***", tail)
    return f"{scheme}://{authority}{tail}"


def _reason(err: psycopg.Error, url: str) -> str:
    """The gist of a libpq connection error, on one line ("Connection refused",
    'database "x" does not exist'), with ``url`` redacted where it quotes it."""
    text = str(err).replace(url, redact(url)).strip()
    first = text.splitlines()[0] if text else type(err).__name__
    gist = first.rpartition(" failed: ")[2] or first
    gist = re.sub(r"^(FATAL|ERROR):\s+", "", gist)
    return " ".join(gist.split())


# ------------------------------------------------------------------ full-text search

_TOKEN = re.compile(r"[^\W_]+")  # unicode61: letters and digits; "_" separates
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _words(text: str) -> list[str]:
    """The searchable words of ``text``: lower-cased, without diacritics, cut at :data:`MAX_WORD`."""
    if text.isascii():
        folded = text.lower()
    else:
        folded = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text))).lower()
    return [w[:MAX_WORD] for w in _TOKEN.findall(folded)]


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def ts_vector(text: str) -> str:
    """The ``tsvector`` literal of a sentence: each word with its positions."""
    positions: dict[str, list[int]] = {}
    for i, word in enumerate(_words(text), start=1):
        where = positions.get(word)
        if where is None:
            positions[word] = [i]
        else:
            where.append(i)
    if len(text) > _MAX_POSITION:  # only so long a text can pass a tsvector's limits
        positions = _within_limits(positions)
    # _TOKEN's words hold no quote or backslash: only letters and digits.
    return " ".join([
        f"'{word}':{','.join(map(str, where[:_MAX_POSITIONS]))}" if len(where) > 1 else f"'{word}':{where[0]}"
        for word, where in positions.items()
    ])


def _within_limits(positions: dict[str, list[int]]) -> dict[str, list[int]]:
    """Positions past 16,383 become 16,383, and lexemes stop before the literal nears 1 MiB."""
    kept: dict[str, list[int]] = {}
    size = 0
    for word, where in positions.items():
        size += len(word.encode("utf-8")) + 2 * min(len(where), _MAX_POSITIONS)
        if size > _MAX_LEXEME_BYTES:
            break
        kept[word] = sorted({min(p, _MAX_POSITION) for p in where})
    return kept


def ts_query(query: str) -> str:
    """Free user input as a ``tsquery`` literal: every whitespace-separated piece (or
    ``"quoted phrase"``) becomes a ``<->`` chain of its words, and the chains are
    ANDed, as :func:`storyline.store.sqlite.fts_query` does for FTS5.  No input can
    make a syntax error; ``""`` when nothing searchable is left."""
    phrases = []
    for piece in query_pieces(query):
        words = _words(piece)
        if words:
            phrases.append("(" + " <-> ".join(_lexeme(w) for w in words) + ")")
    return " & ".join(phrases)


# ------------------------------------------------------------------ the store


def _article_row(article: Article) -> tuple[Any, ...]:
    """The ``articles`` columns of an article (its text stored once, in its own column)."""
    pub = article.published.date if article.published is not None else None
    return (
        article.id, article.source, article.outlet, article.title,
        pub.value if pub else None,
        pub.earliest.isoformat() if pub else None,
        article.duplicate_of, article.text,
        encode(msgspec.structs.replace(article, text="")),
    )


class PostgresStore(Store):
    """A story in a PostgreSQL database.  Open it with :func:`storyline.store.open_store`."""

    def __init__(self, url: str, *, create: bool = True, read_only: bool = False) -> None:
        self.url = url
        self.safe_url = redact(url)
        try:
            given = conninfo_to_dict(url)
        except psycopg.Error as err:
            raise StorylineError(E.NO_DB, path=f"{self.safe_url} ({_reason(err, self.url)})") from err
        # Fail fast on an unreachable host, and say who we are in pg_stat_activity,
        # unless the URL says otherwise.
        self._options: dict[str, Any] = {
            key: value for key, value in (("connect_timeout", 10), ("application_name", "storyline"))
            if key not in given
        }
        self._streams: set[Connection] = set()
        if read_only:
            self._options["options"] = "-c default_transaction_read_only=on"
        self._conn = self._connect()
        try:
            if read_only:
                found = self._version()
                if not readable(found):
                    raise version_error(found, self.safe_url)
                return
            self._migrate(create)
            backfill_bands(self._write, "%s", lambda conn, rows: self._index_bands(conn.cursor(), rows))
        except BaseException:
            self._conn.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresStore({self.safe_url!r})"

    # ------------------------------------------------------------- plumbing

    def _connect(self, *, autocommit: bool = True) -> Connection:
        try:
            return psycopg.connect(self.url, autocommit=autocommit, **self._options)
        except psycopg.Error as err:
            raise StorylineError(E.NO_DB, path=f"{self.safe_url} ({_reason(err, self.url)})") from err

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        """The one write path: a transaction holding the write lock, committed on
        success, rolled back on any error."""
        conn = self._conn
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
            yield conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        """A read-only transaction: several queries see one snapshot."""
        conn = self._conn
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            yield conn
            return
        with conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield conn

    def _stream(self, sql: str) -> Generator[TupleRow, None, None]:
        """Rows of ``sql`` from a server-side cursor on a connection of its own,
        :data:`ITERSIZE` at a time; the connection closes when the stream does."""
        conn = self._connect(autocommit=False)
        self._streams.add(conn)
        try:
            with conn.cursor(name=f"storyline_{uuid.uuid4().hex}") as cur:
                cur.itersize = ITERSIZE
                cur.execute(sql)
                yield from cur
        finally:
            self._streams.discard(conn)
            conn.close()

    def _version(self) -> int:
        """The schema version (0 when the database has no ``meta`` table).

        It reads ``pg_class`` rather than calling ``to_regclass``, whose cached
        catalog lookups can miss a table committed while this transaction waited
        for the write lock."""
        row = self._conn.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
            "ON n.oid = c.relnamespace WHERE c.relname = 'meta' AND n.nspname = current_schema())"
        ).fetchone()
        if row is None or not row[0]:
            return 0
        row = self._conn.execute("SELECT value FROM meta WHERE key = %s", ("schema_version",)).fetchone()
        return int(row[0]) if row is not None else 0

    def _migrate(self, create: bool) -> None:
        """Apply pending migrations, each in its own transaction under the write lock
        (re-reading the version inside it, so two builds opening a new database do not race)."""
        found = self._version()
        if found > SCHEMA_VERSION:
            raise StorylineError(E.BAD_SCHEMA, found=found, supported=SCHEMA_VERSION)
        if found == 0 and not create:
            raise StorylineError(E.NO_DB, path=self.safe_url)
        while found < SCHEMA_VERSION:
            with self._write() as conn:
                found = self._version()
                if found >= SCHEMA_VERSION:
                    break
                for sql in statements(MIGRATIONS[found].postgresql):
                    conn.execute(sql)
                found += 1
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(found),),
                )

    @property
    def schema_version(self) -> int:
        return self._version()

    def _state(self, key: str) -> int:
        row = self._conn.execute("SELECT value FROM state WHERE key = %s", (key,)).fetchone()
        return int(row[0]) if row is not None else 0

    # ------------------------------------------------------------- articles

    def article_ids(self) -> set[str]:
        return {row[0] for row in self._conn.execute("SELECT id FROM articles")}

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        with contextlib.closing(self._stream(
            "SELECT s.article_id, s.sig FROM signatures s JOIN articles a ON a.id = s.article_id ORDER BY a.seq"
        )) as rows:
            for article_id, sig in rows:
                yield article_id, bytes(sig)

    def add_articles(
        self, batch: Sequence[tuple[Article, ArticleAnalysis | None, bytes]], *, analyzer: str | None = None
    ) -> int:
        check_pairs((article, analysis) for article, analysis, _ in batch)
        with self._write() as conn:
            # One pipelined INSERT per article, in batch order (so ``seq`` follows it);
            # RETURNING says which ids were new.
            cur = conn.cursor()
            cur.executemany(
                "INSERT INTO articles (id, source, outlet, title, published_value, "
                "published_earliest, duplicate_of, text, record) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO NOTHING RETURNING id, seq",
                [_article_row(article) for article, _, _ in batch],
                returning=True,
            )
            new: dict[str, int] = {}
            while True:
                row = cur.fetchone()
                if row is not None:
                    new[row[0]] = int(row[1])
                if not cur.nextset():
                    break
            fresh: dict[str, tuple[Article, ArticleAnalysis | None, bytes]] = {}
            for article, analysis, sig in batch:
                if article.id in new:
                    fresh.setdefault(article.id, (article, analysis, sig))
            if not fresh:
                return 0
            cur.executemany(
                "INSERT INTO signatures (article_id, sig) VALUES (%s, %s)",
                [(article.id, bytes(sig)) for article, _, sig in fresh.values()],
            )
            self._index_bands(cur, [(new[article.id], bytes(sig)) for article, _, sig in fresh.values()])
            analysed = [(article, analysis) for article, analysis, _ in fresh.values() if analysis is not None]
            cur.executemany(
                "INSERT INTO analyses (article_id, mentions, times, quotes, events, claims, record, analyzer) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                [(a.id, *analysis_counts(an), encode(an), analyzer) for a, an in analysed],
            )
            self._index_sentences(cur, analysed)
            conn.execute("UPDATE state SET value = value + 1 WHERE key = %s", ("articles_generation",))
        return len(fresh)

    @staticmethod
    def _index_sentences(cur: Any, analysed: Sequence[tuple[Article, ArticleAnalysis]]) -> None:
        with cur.copy('COPY sentences (article_id, start, "end", text, words) FROM STDIN') as copy:
            for article, analysis in analysed:
                for s in analysis.sentences:
                    text = article.text[s.start:s.end]
                    copy.write_row((article.id, s.start, s.end, text, ts_vector(text)))

    @staticmethod
    def _index_bands(cur: Any, rows: Sequence[tuple[int, bytes]]) -> None:
        keyed = [(key, seq) for seq, sig in rows for key in band_keys(sig)]
        if keyed:
            cur.executemany("INSERT INTO bands (key, seq) VALUES (%s, %s) ON CONFLICT DO NOTHING", keyed)

    def has_article(self, article_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM articles WHERE id = %s", (article_id,)).fetchone() is not None

    def near_copies(self, keys: Sequence[int]) -> list[tuple[str, bytes]]:
        if not keys:
            return []
        rows = self._conn.execute(
            "SELECT a.id, s.sig FROM articles a JOIN signatures s ON s.article_id = a.id "
            "WHERE a.seq IN (SELECT seq FROM bands WHERE key = ANY(%s)) ORDER BY a.seq", (list(keys),),
        ).fetchall()
        return [(article_id, bytes(sig)) for article_id, sig in rows]

    def stale_analyses(self, analyzer: str) -> list[str]:
        with self._read():
            rows = self._conn.execute(
                "SELECT article_id FROM analyses WHERE analyzer IS DISTINCT FROM %s ORDER BY article_id",
                (analyzer,),
            ).fetchall()
        return [row[0] for row in rows]

    def replace_analyses(self, batch: Sequence[tuple[Article, ArticleAnalysis]], *, analyzer: str) -> int:
        check_pairs(batch)
        with self._write() as conn:
            cur = conn.cursor()
            wanted = {article.id: (article, analysis) for article, analysis in batch}
            rows = conn.execute(
                "SELECT article_id, record FROM analyses WHERE article_id = ANY(%s) FOR UPDATE", (list(wanted),)
            ).fetchall()
            stored = {row[0]: bytes(row[1]) for row in rows}
            todo = [(article, analysis) for article, analysis in wanted.values() if article.id in stored]
            if not todo:
                return 0
            cur.executemany(
                "UPDATE analyses SET mentions = %s, times = %s, quotes = %s, events = %s, claims = %s, "
                "record = %s, analyzer = %s WHERE article_id = %s",
                [(*analysis_counts(analysis), encode(analysis), analyzer, article.id) for article, analysis in todo],
            )
            moved = [(a, an) for a, an in todo if stored_sentences(stored[a.id]) != an.sentences]
            if moved:
                cur.execute("DELETE FROM sentences WHERE article_id = ANY(%s)", ([a.id for a, _ in moved],))
                self._index_sentences(cur, moved)
            conn.execute("UPDATE state SET value = value + 1 WHERE key = %s", ("articles_generation",))
        return len(todo)

    @staticmethod
    def _article(text: str, record: bytes) -> Article:
        return msgspec.structs.replace(ARTICLE.decode(record), text=text)

    def iter_pairs(self) -> Iterator[tuple[Article, ArticleAnalysis | None]]:
        with contextlib.closing(self._stream(
            "SELECT a.text, a.record, n.record FROM articles a "
            "LEFT JOIN analyses n ON n.article_id = a.id ORDER BY a.id"
        )) as rows:
            for text, record, analysis in rows:
                yield self._article(text, record), ANALYSIS.decode(analysis) if analysis is not None else None

    def iter_articles(self) -> Iterator[Article]:
        with contextlib.closing(self._stream("SELECT text, record FROM articles ORDER BY id")) as rows:
            for text, record in rows:
                yield self._article(text, record)

    def get_article(self, article_id: str) -> Article | None:
        row = self._conn.execute("SELECT text, record FROM articles WHERE id = %s", (article_id,)).fetchone()
        return self._article(row[0], row[1]) if row is not None else None

    def get_analysis(self, article_id: str) -> ArticleAnalysis | None:
        row = self._conn.execute("SELECT record FROM analyses WHERE article_id = %s", (article_id,)).fetchone()
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
            # DELETE, not TRUNCATE: readers keep seeing the previous story until the commit.
            for table in ("entities", "events", "claims", "conflicts", "story_meta"):
                conn.execute(f"DELETE FROM {table}")
            tables: dict[str, list[tuple[Any, ...]]] = {
                "entities (id, pos, name, type, record)": [
                    (e.id, i, e.name, e.type, encode(e)) for i, e in enumerate(story.entities)
                ],
                "events (id, pos, type, modality, date_earliest, date_latest, record)": [
                    (
                        v.id, i, v.type, v.modality,
                        v.date.earliest.isoformat() if v.date else None,
                        v.date.latest.isoformat() if v.date and v.date.latest else None,
                        encode(v),
                    )
                    for i, v in enumerate(story.events)
                ],
                "claims (id, pos, subject, record)": [
                    (c.id, i, c.subject, encode(c)) for i, c in enumerate(story.claims)
                ],
                "conflicts (id, pos, about, record)": [
                    (x.id, i, x.about, encode(x)) for i, x in enumerate(story.conflicts)
                ],
                "story_meta (key, value)": story_meta(story, linker),
            }
            cur = conn.cursor()
            for columns, rows in tables.items():
                if rows:
                    with cur.copy(f"COPY {columns} FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
            conn.execute("UPDATE state SET value = %s WHERE key = %s", (target, "linked_generation"))
        return True

    @contextlib.contextmanager
    def link_lock(self) -> Iterator[None]:
        """A session advisory lock on a connection of its own; closing it releases the lock."""
        conn = self._connect()
        try:
            conn.execute("SELECT pg_advisory_lock(%s)", (_LINK_LOCK,))
            yield
        finally:
            conn.close()

    def story(self) -> Story:
        with self._read() as conn:
            return read_story(conn.execute)

    def linked_by(self) -> str | None:
        with self._read() as conn:
            return linked_by(conn.execute)

    # ---------------------------------------------------------------- query

    def search(self, query: str, *, limit: int = 20) -> list[Span]:
        match = ts_query(query)
        if not match or limit <= 0:
            return []
        rows = self._conn.execute(
            'SELECT s.article_id, s.start, s."end", s.text FROM sentences s, CAST(%s AS tsquery) q '
            "WHERE s.words @@ q ORDER BY ts_rank(s.words, q, 1) DESC, s.article_id, s.start LIMIT %s",
            (match, limit),
        ).fetchall()
        return [Span(article=a, start=int(s), end=int(e), text=t) for a, s, e, t in rows]

    def iter_sentences(self) -> Iterator[tuple[int, str, int, int]]:
        for sid, article_id, start, end in self._stream('SELECT id, article_id, start, "end" FROM sentences'):
            yield int(sid), article_id, int(start), int(end)

    def search_ids(self, query: str, *, limit: int, rank_limit: int) -> tuple[int, list[int]]:
        match = ts_query(query)
        if not match or limit <= 0:
            return 0, []
        with self._read() as conn:
            row = conn.execute("SELECT count(*) FROM sentences WHERE words @@ CAST(%s AS tsquery)", (match,)).fetchone()
            matches = int(row[0]) if row else 0
            order = "ORDER BY ts_rank(s.words, q, 1) DESC, s.id" if matches <= rank_limit else ""
            ids = [int(r[0]) for r in conn.execute(
                f"SELECT s.id FROM sentences s, CAST(%s AS tsquery) q WHERE s.words @@ q {order} LIMIT %s",
                (match, limit),
            )]
        return matches, ids

    def sentence_texts(self, ids: Sequence[int]) -> dict[int, str]:
        rows = self._conn.execute("SELECT id, text FROM sentences WHERE id = ANY(%s)", (list(ids),)).fetchall()
        return {int(r[0]): r[1] for r in rows}

    def counts(self) -> dict[str, int]:
        with self._read() as conn:
            return count_all(conn.execute)

    # ------------------------------------------------------------- problems

    def add_problems(self, problems: Sequence[Problem], *, run: int | None = None) -> int:
        with self._write() as conn:
            if run is None:
                row = conn.execute(
                    "UPDATE state SET value = value + 1 WHERE key = %s RETURNING value", ("run",)
                ).fetchone()
                run = int(row[0]) if row is not None else 0
            if problems:
                conn.cursor().executemany(
                    "INSERT INTO problems (run, source, code, message) VALUES (%s, %s, %s, %s)",
                    [(run, p.source, p.code, p.message) for p in problems],
                )
        return run

    def problems(self, *, run: int | None = None) -> list[Problem]:
        with self._read() as conn:
            number = self._state("run") if run is None else run
            rows = conn.execute(
                "SELECT source, code, message FROM problems WHERE run = %s ORDER BY id", (number,)
            ).fetchall()
        return [Problem(source=s, code=c, message=m) for s, c, m in rows]

    # ------------------------------------------------------------ lifecycle

    def close(self) -> None:
        for conn in list(self._streams):
            conn.close()
        self._streams.clear()
        self._conn.close()
