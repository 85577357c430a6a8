"""Exports of a stored story; one module per format, listed in :data:`FORMATS`.

``bundle``: the canonical JSON bundle (shape in ``bundle.md``, schema in
``bundle.schema.json``); ``timelinejs`` and ``timelinejs-csv``: TimelineJS 3; ``timelinejs-key-dates``: the key dates;
``csv``: one file per table; ``plover``: PLOVER event JSONL; ``ftm``:
FollowTheMoney entity lines; ``markdown``: a report with footnoted sources.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from storyline.export.bundle import (
    build_bundle,
    check_spans,
    encode_bundle,
    load_schema,
    validate_bundle,
    write_bundle,
)
from storyline.export.csvs import write_csvs
from storyline.export.ftm import write_ftm
from storyline.export.markdown import write_markdown
from storyline.export.plover import write_plover
from storyline.export.timelinejs import write_key_dates_timelinejs, write_timelinejs, write_timelinejs_csv
from storyline.store.base import Store

__all__ = [
    "FORMATS",
    "Format",
    "build_bundle",
    "check_spans",
    "encode_bundle",
    "load_schema",
    "validate_bundle",
    "write_bundle",
]


@dataclasses.dataclass(frozen=True)
class Format:
    """One export format: its name, what it is, where it goes by default, how to write it."""

    name: str
    help: str
    default_output: str
    write: Callable[[Store, Path], None]
    folder: bool = False
    """True when the output is a folder of files rather than one file."""


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("bundle", "the JSON bundle (every record, with its evidence)", "story.json", write_bundle),
        Format("timelinejs", "TimelineJS 3 JSON", "story.timeline.json", write_timelinejs),
        Format("timelinejs-csv", "TimelineJS's spreadsheet layout", "story.timeline.csv", write_timelinejs_csv),
        Format(
            "timelinejs-key-dates", "the key dates (timeline --summary) as TimelineJS 3 JSON",
            "story.key-dates.json", write_key_dates_timelinejs,
        ),
        Format("csv", "one CSV file per table, into a folder", "story-csv", write_csvs, folder=True),
        Format("plover", "PLOVER event records, JSON lines, with CAMEO codes", "story.plover.jsonl", write_plover),
        Format("ftm", "FollowTheMoney entities, JSON lines", "story.ftm.jsonl", write_ftm),
        Format("markdown", "a readable report with footnoted sources", "story.md", write_markdown),
    )
}
"""Every export format by name, in the order the CLI lists them."""
