"""Ingest: read files, folders, globs and URL lists into cleaned :class:`Article` s.

:func:`read_inputs` is the stage's entry point.  Each input is a file, a folder
(read recursively, paths sorted), a glob pattern (``**`` allowed, matches
sorted) or a ``.urls`` list; files are dispatched by suffix to one reader per
kind (:mod:`.text`, :mod:`.html`, :mod:`.jsonl`, :mod:`.warc`, :mod:`.urls`),
all yielding :class:`Article` or :class:`Problem`.  Bad input never raises: one
problem per bad file or record, and the rest goes on.  The order is
deterministic: inputs in the order given, sorted paths within each, file order
within a file; a path reached twice is read once.

In folders and glob matches only files with a known suffix are read, and hidden
files and folders (names starting with ``.``) are skipped; a file named
explicitly with an unknown suffix is E011, a missing path E012.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from storyline.errors import E, problem
from storyline.model import Article, Problem
from storyline.settings import Settings

from .dedup import Deduplicator
from .html import article_from_html, read_html_file
from .jsonl import read_json_file, read_jsonl_file
from .text import read_text_file
from .urls import Fetcher, read_urls_file
from .warc import read_warc_file

__all__ = ["Deduplicator", "Fetcher", "READERS", "article_from_html", "read_inputs", "reader_for"]

Reader = Callable[[Path, Settings], Iterator[Article | Problem]]

READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".jsonl": read_jsonl_file,
    ".json": read_json_file,
    ".warc": read_warc_file,
    ".warc.gz": read_warc_file,
    ".urls": read_urls_file,
}
"""Suffix (lower case) -> reader.  Two-part suffixes are matched before one-part ones."""

_GLOB_CHARS = frozenset("*?[")


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return next((s for s in sorted(READERS, key=len, reverse=True) if name.endswith(s)), path.suffix.lower())


def reader_for(path: Path) -> Reader | None:
    """The reader for ``path``'s suffix, or ``None`` for an unsupported kind."""
    return READERS.get(_suffix(path))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _expand(item: str) -> Iterator[Path | Problem]:
    """The files one input names: itself, a folder's known files, or a glob's matches."""
    path = Path(item)
    if path.is_dir():
        for found in sorted(p for p in path.rglob("*") if p.is_file()):
            if not _hidden(found, path) and reader_for(found) is not None:
                yield found
    elif path.is_file() or path.exists():
        yield path
    elif _GLOB_CHARS & set(item):
        matches = sorted(Path(m) for m in glob.glob(item, recursive=True))
        files = [m for m in matches if m.is_file() and not m.name.startswith(".") and reader_for(m)]
        if not files:
            yield problem(item, E.NOT_FOUND)
        yield from files
    else:
        yield problem(item, E.NOT_FOUND)


def _read_file(path: Path, settings: Settings) -> Iterator[Article | Problem]:
    reader = reader_for(path)
    if reader is None:
        yield problem(str(path), E.UNSUPPORTED, suffix=_suffix(path) or path.name)
        return
    try:
        yield from reader(path, settings)
    except Exception as exc:  # a bug in a parser must not end the whole build
        yield problem(str(path), E.UNREADABLE, detail=f"{type(exc).__name__}: {exc}")


def read_inputs(inputs: Sequence[str], settings: Settings) -> Iterator[Article | Problem]:
    """Yield every article (and every problem) in ``inputs``, in a deterministic order."""
    seen: set[Path] = set()
    for item in inputs:
        for found in _expand(item):
            if isinstance(found, Problem):
                yield found
                continue
            key = found.resolve()
            if key in seen:
                continue
            seen.add(key)
            yield from _read_file(found, settings)
