"""FollowTheMoney entities, one JSON object a line (what ``ftm`` tools and Aleph import).

Written by hand from the bundle, no ``followthemoney`` dependency.  Each line is
``{"id", "schema", "properties"}`` with every property a list of strings:

- ``Person`` (PERSON entities), ``PublicBody`` (organisations whose name says
  they are part of a state: a ministry, a senate, a court, a police force ...),
  ``Organization`` (every other ORG).  Places, groups and laws have no schema in
  this list and are left out, with their mentions.
- ``Article`` per article (title, author, publisher, publishedAt, sourceUrl, bodyText).
- ``Mention`` per mention of an exported entity (``document`` -> the Article,
  ``resolved`` -> the entity, ``name`` the words in the text).
- ``Event`` per event (``date`` as precise as the evidence, or ``startDate``/
  ``endDate`` for a week, season or quarter; ``organizer`` its actors,
  ``involved`` actors and targets, ``proof`` the articles that report it).

Lines come in a fixed order: entities, articles, events, mentions; each by id.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.export._common import safe_url, write_atomic
from storyline.export.bundle import build_bundle
from storyline.ids import make_id
from storyline.store.base import Store

__all__ = ["PUBLIC_BODY_WORDS", "ftm_entities", "schema_of", "write_ftm"]

Json = dict[str, Any]

PUBLIC_BODY_WORDS = frozenset({
    "administration", "agency", "army", "assembly", "authority", "bureau", "cabinet", "commission",
    "congress", "council", "court", "department", "government", "house", "military", "ministry", "navy",
    "parliament", "police", "senate",
})
_WORD = re.compile(r"\w+")
_PLAIN_DATE = {"day", "month", "year"}


def schema_of(entity: Json) -> str | None:
    """The FollowTheMoney schema for a bundle entity, or ``None`` when it has none here."""
    if entity["type"] == "PERSON":
        return "Person"
    if entity["type"] == "ORG":
        words = {w.casefold() for w in _WORD.findall(entity["name"])}
        return "PublicBody" if words & PUBLIC_BODY_WORDS else "Organization"
    return None


def _props(**values: Any) -> Json:
    out: Json = {}
    for key, value in values.items():
        items = value if isinstance(value, list) else [value]
        items = [str(v) for v in items if v not in (None, "")]
        if items:
            out[key] = items
    return out


def _event_dates(d: Json | None) -> Json:
    if d is None:
        return {}
    if d["precision"] in _PLAIN_DATE and d.get("mod") is None:
        return {"date": d["value"]}
    return {"startDate": d["earliest"], "endDate": d["latest"]}


def ftm_entities(bundle: Json) -> Iterator[Json]:
    """The FollowTheMoney entities of a story bundle, in a fixed order."""
    schemas = {e["id"]: s for e in bundle["entities"] if (s := schema_of(e)) is not None}
    names = {e["id"]: e["name"] for e in bundle["entities"]}
    for e in bundle["entities"]:
        if e["id"] not in schemas:
            continue
        aliases = [a for a in e["aliases"] if a != e["name"]]
        extra = {"position": e["attributes"].get("title")} if schemas[e["id"]] == "Person" else {}
        yield {"id": e["id"], "schema": schemas[e["id"]], "properties": _props(name=e["name"], alias=aliases, **extra)}
    for a in bundle["articles"]:
        published = a.get("published") or {}
        yield {"id": a["id"], "schema": "Article", "properties": _props(
            title=a.get("title"), author=a.get("author"), publisher=a.get("outlet"),
            publishedAt=published.get("value"), sourceUrl=safe_url(a.get("url")), bodyText=a["text"],
            fileName=a["source"],
        )}
    for v in bundle["events"]:
        known = [i for i in v["actors"] + v["targets"] if i in schemas]
        yield {"id": v["id"], "schema": "Event", "properties": _props(
            name=v["summary"], summary=f"{v['type']} ({v['modality']})", **_event_dates(v.get("date")),
            organizer=[i for i in v["actors"] if i in schemas], involved=known,
            location=names.get(v.get("location") or ""),
            proof=sorted({m["article"] for m in v["mentions"]}),
        )}
    for e in bundle["entities"]:
        if e["id"] not in schemas:
            continue
        for m in e["mentions"]:
            yield {"id": make_id("mention", e["id"], m["article"], m["start"], m["end"]), "schema": "Mention",
                   "properties": _props(document=m["article"], resolved=e["id"], name=m["text"],
                                        detectedSchema=schemas[e["id"]])}


def write_ftm(store: Store, path: str | Path) -> None:
    lines = (json.dumps(x, ensure_ascii=False) + "\n" for x in ftm_entities(build_bundle(store)))
    write_atomic(path, "".join(lines).encode("utf-8"))
