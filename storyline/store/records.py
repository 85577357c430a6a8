"""What both backends share above SQL: the msgspec codecs of stored records, the story read
back from its tables, and the counts.  The statements here are plain SQL that SQLite and
PostgreSQL read alike (no parameters), so each backend only supplies a way to run them."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import msgspec

from storyline.model import Article, ArticleAnalysis, Claim, Conflict, Entity, Event, Published, Sentence, Story

__all__ = [
    "ANALYSIS", "ARTICLE", "BAND_CHUNK", "Query", "analysis_counts", "backfill_bands", "check_pairs", "count_all",
    "encode", "linked_by", "query_pieces", "read_story", "story_meta", "stored_sentences",
]

BAND_CHUNK = 2000
"""Articles whose band keys one transaction writes when an older store is brought up to date."""

encode = msgspec.json.Encoder().encode
ARTICLE = msgspec.json.Decoder(Article)
ANALYSIS = msgspec.json.Decoder(ArticleAnalysis)
_ENTITY = msgspec.json.Decoder(Entity)
_EVENT = msgspec.json.Decoder(Event)
_CLAIM = msgspec.json.Decoder(Claim)
_CONFLICT = msgspec.json.Decoder(Conflict)
_PUBLISHED_MAP = msgspec.json.Decoder(dict[str, Published])
_SPEAKERS_MAP = msgspec.json.Decoder(dict[str, str])


class _Sentences(msgspec.Struct, frozen=True):
    """An analysis record read for its sentences only (the other fields are skipped unparsed)."""

    sentences: tuple[Sentence, ...] = ()


_SENTENCES = msgspec.json.Decoder(_Sentences)


def stored_sentences(record: bytes) -> tuple[Sentence, ...]:
    """The sentence boundaries of a stored analysis record, without decoding the rest."""
    return _SENTENCES.decode(record).sentences


def check_pairs(pairs: Iterable[tuple[Article, ArticleAnalysis | None]]) -> None:
    """Refuse a batch that gives an article another article's analysis (``ValueError``), before
    anything of it is written."""
    for article, analysis in pairs:
        if analysis is not None and analysis.article != article.id:
            raise ValueError(f"analysis of {analysis.article} given for article {article.id}")


def analysis_counts(analysis: ArticleAnalysis) -> tuple[int, int, int, int, int]:
    """The ``analyses`` row's counts: mentions, times, quotes, events, claims."""
    return (
        len(analysis.mentions), len(analysis.times), len(analysis.quotes), len(analysis.events), len(analysis.claims)
    )

Query = Callable[[str], Iterable[Sequence[Any]]]
"""Runs one parameterless statement inside the caller's read transaction and returns its rows."""


def story_meta(story: Story, linker: str | None) -> list[tuple[str, bytes]]:
    """The ``story_meta`` rows of ``story``: its article dates and speakers, and the linker that
    made it when known."""
    rows = [("published", encode(story.published)), ("speakers", encode(story.speakers))]
    if linker is not None:
        rows.append(("linker", linker.encode()))
    return rows


def linked_by(query: Query) -> str | None:
    """The linker recorded with the stored story (see :func:`story_meta`), or ``None``."""
    rows = list(query("SELECT value FROM story_meta WHERE key = 'linker'"))
    return bytes(rows[0][0]).decode() if rows else None


def read_story(query: Query) -> Story:
    """The stored story (an empty :class:`Story` before the first link), in the linker's order."""
    def records(table: str) -> Iterable[bytes]:
        return (bytes(r[0]) for r in query(f"SELECT record FROM {table} ORDER BY pos"))

    meta = {k: bytes(v) for k, v in query("SELECT key, value FROM story_meta")}
    return Story(
        entities=tuple(_ENTITY.decode(r) for r in records("entities")),
        events=tuple(_EVENT.decode(r) for r in records("events")),
        claims=tuple(_CLAIM.decode(r) for r in records("claims")),
        conflicts=tuple(_CONFLICT.decode(r) for r in records("conflicts")),
        published=_PUBLISHED_MAP.decode(meta["published"]) if "published" in meta else {},
        speakers=_SPEAKERS_MAP.decode(meta["speakers"]) if "speakers" in meta else {},
    )


_COUNTS = (
    ("articles", "SELECT COUNT(*) FROM articles"),
    ("duplicates", "SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"),
    ("analyses", "SELECT COUNT(*) FROM analyses"),
    ("sentences", "SELECT COUNT(*) FROM sentences"),
    ("mentions", "SELECT SUM(mentions) FROM analyses"),
    ("times", "SELECT SUM(times) FROM analyses"),
    ("quotes", "SELECT SUM(quotes) FROM analyses"),
    ("event_mentions", "SELECT SUM(events) FROM analyses"),
    ("claim_mentions", "SELECT SUM(claims) FROM analyses"),
    ("entities", "SELECT COUNT(*) FROM entities"),
    ("events", "SELECT COUNT(*) FROM events"),
    ("claims", "SELECT COUNT(*) FROM claims"),
    ("conflicts", "SELECT COUNT(*) FROM conflicts"),
    ("problems", "SELECT COUNT(*) FROM problems WHERE run = (SELECT value FROM state WHERE key = 'run')"),
)


def count_all(query: Query) -> dict[str, int]:
    """How many of each kind of record the store holds (0 for an empty sum)."""
    out: dict[str, int] = {}
    for key, sql in _COUNTS:
        row = next(iter(query(sql)), None)
        out[key] = int(row[0] or 0) if row is not None else 0
    return out


_PIECE = re.compile(r'"([^"]*)"|([^\s"]+)')


def query_pieces(query: str) -> Iterator[str]:
    """The pieces of a search box's input, each searched as one phrase: a ``"quoted phrase"``
    or a run of non-space characters (a stray quote is dropped)."""
    for match in _PIECE.finditer(query):
        yield match.group(1) if match.group(1) is not None else match.group(2)


def backfill_bands(
    write: Callable[[], contextlib.AbstractContextManager[Any]],
    mark: str,
    index: Callable[[Any, list[tuple[int, bytes]]], None],
) -> None:
    """Band keys for the articles stored before schema version 3, :data:`BAND_CHUNK` articles a
    transaction, from ``state.unbanded`` (the highest seq still without keys) down to 0, so an
    interrupted open resumes where it stopped.  ``write`` opens a backend's write transaction,
    ``mark`` is its parameter marker (``?`` or ``%s``), ``index(conn, [(seq, signature)])``
    writes the keys."""
    while True:
        with write() as conn:
            row = conn.execute(f"SELECT value FROM state WHERE key = {mark}", ("unbanded",)).fetchone()
            top = int(row[0]) if row is not None else 0
            if top <= 0:
                return
            rows = [(int(seq), bytes(sig)) for seq, sig in conn.execute(
                "SELECT a.seq, s.sig FROM articles a JOIN signatures s ON s.article_id = a.id "
                f"WHERE a.seq <= {mark} ORDER BY a.seq DESC LIMIT {mark}", (top, BAND_CHUNK),
            ).fetchall()]
            index(conn, rows)
            left = rows[-1][0] - 1 if len(rows) == BAND_CHUNK else 0
            conn.execute(f"UPDATE state SET value = {mark} WHERE key = 'unbanded'", (left,))
