"""PLOVER event records, one JSON object a line (the JSONL the PLOVER manual suggests).

Fields follow the manual's "PLOVER JSON" table: ``id``, ``date`` (YYYY-MM-DD,
the first day the evidence allows) and ``enddate`` (the last, when the date is
not a single day), ``actor``/``recipient`` (entity objects with
``entity_text`` and ``identifier_id``), ``event`` and ``mode`` (lists),
``event_text`` (the reporting clauses), ``cite_info`` (one object per cited
article), ``comment``.  Fields beyond the manual's: ``cameo`` (the CAMEO code),
``modality``, ``date_value``/``date_precision`` (the date as precise as the
evidence), ``sources``.  Undated events have ``date: null``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.export._common import Cited, cited_ids, cited_sources, safe_url, sources_for, write_atomic
from storyline.model import Event, Story
from storyline.store.base import Store
from storyline.timeline import select_events

__all__ = ["encode_plover", "plover_records", "write_plover"]

Json = dict[str, Any]


def _actors(ids: Sequence[str], names: Mapping[str, str]) -> list[Json]:
    return [{"entity_text": names[i], "identifier_id": i} for i in ids if i in names]


def _record(event: Event, names: Mapping[str, str], sources: Mapping[str, Cited]) -> Json:
    d = event.date
    single = d is not None and d.latest == d.earliest
    texts = sorted({m.span.text for m in event.mentions})
    return {
        "id": event.id,
        "date": d.earliest.isoformat() if d else None,
        "enddate": d.latest.isoformat() if d and d.latest and not single else None,
        "date_value": d.value if d else None,
        "date_precision": d.precision if d else None,
        "actor": _actors(event.actors, names),
        "recipient": _actors(event.targets, names),
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "cameo": event.cameo,
        "modality": event.modality,
        "event_loc": {"entity_text": names[event.location], "identifier_id": event.location}
        if event.location and event.location in names else None,
        "event_text": texts,
        "sources": event.sources,
        "cite_info": [
            {"article": s.id, "outlet": s.name, "title": s.title, "url": safe_url(s.url),
             "published": s.published.value if s.published else None, "copy_of": s.duplicate_of}
            for s in sources_for(sources, event)
        ],
        "comment": event.summary,
        "coder": "storyline",
    }


def plover_records(story: Story, events: Sequence[Event], sources: Mapping[str, Cited]) -> list[Json]:
    names = {e.id: e.name for e in story.entities}
    return [_record(v, names, sources) for v in events]


def encode_plover(records: Sequence[Json]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in records).encode("utf-8")


def write_plover(store: Store, path: str | Path) -> None:
    """Every event of the story, in date order, as PLOVER JSONL."""
    story = store.story()
    events = select_events(story)
    write_atomic(path, encode_plover(plover_records(story, events, cited_sources(store, cited_ids(events), story))))
