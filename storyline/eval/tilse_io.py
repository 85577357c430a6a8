"""The tilse / Timeline17 timeline text format: read it, write it.

A timeline file is a sequence of blocks, each a date line (``YYYY-MM-DD``), one
sentence a line, and a separator line of dashes::

    2009-06-25
    Paramedics are called to the house .
    --------------------------------

This is the format of the Timeline17 and Crisis gold timelines and of
``tilse.data.timelines.Timeline.from_file``.  Two departures from tilse's own
reader, both deliberate: a date that appears in two blocks keeps the sentences
of both (tilse keeps only the last block), and a last block without its closing
separator is kept.  Blank lines are ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["SEPARATOR", "Timeline", "format_timeline", "parse_timeline", "read_timeline", "write_timeline"]

SEPARATOR = "-" * 32
"""The block separator tilse writes (a line of 32 dashes; any run of 5 or more is read as one)."""

Timeline = dict[dt.date, list[str]]
"""A timeline: date -> its sentences, in file order; dates in ascending order."""

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RULE = re.compile(r"^-{5,}$")


def parse_timeline(text: str) -> Timeline:
    """The timeline a tilse-format text holds.

    Raises ``ValueError`` (with the line number) for a sentence line before any
    date line, or for a date line that is not a calendar day.
    """
    out: dict[dt.date, list[str]] = {}
    current: dt.date | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if _RULE.match(line):
            current = None
            continue
        if _DATE.match(line):
            try:
                current = dt.date.fromisoformat(line)
            except ValueError:
                raise ValueError(f"line {number}: not a calendar date: {line!r}") from None
            out.setdefault(current, [])
            continue
        if current is None:
            raise ValueError(f"line {number}: sentence outside a dated block: {line[:60]!r}")
        out[current].append(line)
    return {d: out[d] for d in sorted(out)}


def read_timeline(path: str | Path) -> Timeline:
    """:func:`parse_timeline` of a UTF-8 file."""
    return parse_timeline(Path(path).read_text(encoding="utf-8"))


def format_timeline(timeline: Mapping[dt.date, Sequence[str]]) -> str:
    """The tilse text of ``timeline``: dates ascending, one sentence a line (line breaks inside a
    sentence become spaces), each block closed by :data:`SEPARATOR`."""
    lines: list[str] = []
    for date in sorted(timeline):
        lines.append(date.isoformat())
        lines.extend(" ".join(s.split()) for s in timeline[date] if s.strip())
        lines.append(SEPARATOR)
    return "".join(f"{line}\n" for line in lines)


def write_timeline(timeline: Mapping[dt.date, Sequence[str]], path: str | Path) -> None:
    """Write :func:`format_timeline` of ``timeline`` to ``path`` (UTF-8)."""
    Path(path).write_text(format_timeline(timeline), encoding="utf-8")
