"""Web archives (``.warc``, ``.warc.gz``) read with warcio.

Every ``response`` record with HTTP status 200 and an HTML content type goes
through :func:`~storyline.ingest.html.article_from_html`, with ``url`` from
``WARC-Target-URI``; other records (requests, metadata, images, redirects) are
skipped silently.  A corrupt or truncated archive gives one E008 problem and
the articles read before the damage are kept.  warcio does not itself notice a
record cut short, so two checks do: a record whose block ends before its
``Content-Length``, and bytes left over after the last whole record (a gzip
member cut off mid-way, which warcio drops without a word).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import msgspec
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.errors import E, problem
from storyline.model import Article, Problem
from storyline.settings import Settings

from .html import article_from_html

__all__ = ["read_warc_file"]

# How warcio and the gzip layer under it report damage; anything else is a bug.
_DAMAGE = (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError, IndexError)


def _is_html_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return record.http_headers.get_statuscode() == "200" and "html" in content_type


def _trailing_garbage(handle: IO[bytes], end: int) -> bool:
    """True when something other than blank lines follows the last whole record."""
    handle.seek(end)
    return bool(handle.read(4096).strip())


def _records(handle: IO[bytes], source: str, settings: Settings) -> Iterator[Article | Problem]:
    iterator = ArchiveIterator(handle)
    end = 0
    try:
        for record in iterator:
            if record.format != "warc":
                # warcio falls back to the older ARC format, which reads any text as
                # records; we read WARC only, so this is not an archive we understand.
                yield problem(source, E.BAD_WARC, detail=f"not a WARC record at byte {iterator.offset}")
                return
            uri = record.rec_headers.get_header("WARC-Target-URI")
            if not _is_html_page(record):
                continue
            content = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0) > 0:
                yield problem(source, E.BAD_WARC, detail=f"record for {uri} is truncated")
                return
            built = article_from_html(content, source, settings, url=uri)
            if isinstance(built, Problem):
                # Name the record, not just the archive, so the user can find it.
                built = msgspec.structs.replace(built, source=f"{source} <{uri}>")
            yield built
        if iterator.member_info is not None:
            end = iterator.get_record_offset() + iterator.get_record_length()
    except _DAMAGE as exc:
        yield problem(source, E.BAD_WARC, detail=f"{type(exc).__name__}: {exc}".strip())
        return
    finally:
        iterator.close()
    if _trailing_garbage(handle, end):
        yield problem(source, E.BAD_WARC, detail=f"truncated or unreadable data after byte {end}")


def read_warc_file(path: Path, settings: Settings) -> Iterator[Article | Problem]:
    """Yield the articles in a WARC file, in record order, then any E008 problem."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield problem(source, E.UNREADABLE, detail=exc.strerror or type(exc).__name__)
        return
    with handle:
        head = handle.read(4096)
        if not head:
            yield problem(source, E.EMPTY)
            return
        if not _starts_like_warc(head):
            # Checked up front: warcio would read it as ARC records and print warnings.
            yield problem(source, E.BAD_WARC, detail="no WARC/1.x header at the start")
            return
        handle.seek(0)
        yield from _records(handle, source, settings)


def _starts_like_warc(head: bytes) -> bool:
    if head.startswith(b"\x1f\x8b"):  # gzip: look inside the first member
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip().startswith(b"WARC/")
