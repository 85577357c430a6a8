"""JSON records: ``.jsonl`` (one record a line) and ``.json`` (a list of records, or one).

A record is an object with a ``text`` string and, optionally, ``title``,
``date`` (ISO or written out; also read from ``published``), ``url``,
``outlet`` (or ``source`` / ``site``) and ``author`` strings.  A line that is
not JSON is E006 with its line number; a record without a ``text`` string is
E007 (for ``.json`` lists the "line" is the record's 1-based position).  Every
other record is still read.  A record whose text is over
``settings.max_text_bytes`` is E004.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from storyline.errors import E, problem
from storyline.model import Article, Problem
from storyline.settings import Settings

from ._common import build_article, metadata_date, too_large

__all__ = ["article_from_record", "read_json_file", "read_jsonl_file"]


def _first(record: dict[str, Any], *keys: str) -> object:
    return next((record[k] for k in keys if isinstance(record.get(k), str) and record[k].strip()), None)


def article_from_record(record: object, source: str, line: int, settings: Settings) -> Article | Problem:
    """One article from one decoded JSON record (``line`` is for messages)."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return problem(source, E.MISSING_TEXT, line=line)
    text: str = record["text"]
    if (large := too_large(source, len(text.encode("utf-8")), settings)) is not None:
        return large
    return build_article(
        text, source,
        title=_first(record, "title", "headline"),
        outlet=_first(record, "outlet", "source", "site", "sitename"),
        author=_first(record, "author", "byline"),
        url=_first(record, "url", "link"),
        published=metadata_date(_first(record, "date", "published", "published_at")),
    )


def _detail(exc: msgspec.DecodeError) -> str:
    return str(exc).rstrip(".")


def read_jsonl_file(path: Path, settings: Settings) -> Iterator[Article | Problem]:
    """Yield one article or problem per non-blank line of a JSON Lines file, in file order."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield problem(source, E.UNREADABLE, detail=exc.strerror or type(exc).__name__)
        return
    seen = False
    with handle:
        # Stream line by line: a JSONL dump can be far bigger than one article.
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            seen = True
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")  # a BOM is not part of the JSON
            try:
                record = msgspec.json.decode(raw)
            except msgspec.DecodeError as exc:
                yield problem(source, E.BAD_JSON, line=number, detail=_detail(exc))
                continue
            yield article_from_record(record, source, number, settings)
    if not seen:
        yield problem(source, E.EMPTY)


def read_json_file(path: Path, settings: Settings) -> Iterator[Article | Problem]:
    """Yield the articles of a ``.json`` file holding one record or a list of them."""
    source = str(path)
    try:
        data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    except OSError as exc:
        yield problem(source, E.UNREADABLE, detail=exc.strerror or type(exc).__name__)
        return
    if not data.strip():
        yield problem(source, E.EMPTY)
        return
    try:
        decoded = msgspec.json.decode(data)
    except msgspec.DecodeError as exc:
        # msgspec reports a byte offset; turn it into the line a user can open.
        offset = _offset(str(exc))
        line = data.count(b"\n", 0, offset) + 1 if offset is not None else 1
        yield problem(source, E.BAD_JSON, line=line, detail=_detail(exc))
        return
    records = decoded if isinstance(decoded, list) else [decoded]
    for number, record in enumerate(records, start=1):
        yield article_from_record(record, source, number, settings)


def _offset(message: str) -> int | None:
    # msgspec: "JSON is malformed: invalid character (byte 12)"
    head, _, tail = message.rpartition("(byte ")
    digits = tail.rstrip(")")
    return int(digits) if head and digits.isdigit() else None
