"""CSV: one file per table, for spreadsheets.

Built from the bundle (:func:`storyline.export.bundle.build_bundle`), so the
rows and their order are the bundle's: ``articles.csv`` (without the text),
``entities.csv``, ``mentions.csv`` (entity mentions), ``events.csv``,
``event_mentions.csv``, ``quotes.csv``, ``times.csv``, ``claims.csv``,
``conflicts.csv``.  Lists inside a cell are joined with ``"; "``.
:func:`events_csv` writes the one ``events`` table for a filtered list of events
(what the web app offers for the current filter).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.export._common import Cited, format_date, write_atomic
from storyline.export.bundle import build_bundle
from storyline.model import Event, Story
from storyline.store.base import Store

__all__ = ["TABLES", "events_csv", "tables", "write_csvs"]

Json = dict[str, Any]

TABLES: dict[str, tuple[str, ...]] = {
    "articles": ("id", "source", "title", "outlet", "author", "url", "duplicate_of", "published",
                 "published_earliest", "published_latest", "published_method"),
    "entities": ("id", "name", "type", "aliases", "attributes", "mentions"),
    "mentions": ("entity", "article", "start", "end", "text"),
    "events": ("id", "date", "date_earliest", "date_latest", "precision", "type", "mode", "cameo", "modality",
               "actors", "targets", "location", "summary", "sources", "articles"),
    "event_mentions": ("event", "id", "article", "start", "end", "text", "trigger", "modality", "date_basis"),
    "quotes": ("id", "article", "start", "end", "text", "kind", "speaker", "speaker_text", "cue"),
    "times": ("id", "article", "start", "end", "text", "type", "value", "mod", "anchor", "date"),
    "claims": ("id", "subject", "value", "unit", "low", "high", "approx", "article", "start", "end", "text"),
    "conflicts": ("id", "about", "claims"),
}


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    return value


def _render(columns: Sequence[str], rows: Iterable[Json]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def _published(p: Json | None) -> Json:
    if not p:
        return {}
    return {"published": p["value"], "published_earliest": p["earliest"], "published_latest": p["latest"],
            "published_method": p["method"]}


def _event_row(v: Json) -> Json:
    d = v.get("date") or {}
    return {**v, "date": d.get("value"), "date_earliest": d.get("earliest"), "date_latest": d.get("latest"),
            "precision": d.get("precision"), "articles": sorted({m["article"] for m in v["mentions"]})}


def tables(bundle: Json) -> dict[str, str]:
    """File name -> CSV text, for every table of a bundle."""
    rows: dict[str, list[Json]] = {
        "articles": [{**a, **_published(a.get("published"))} for a in bundle["articles"]],
        "entities": [{**e, "mentions": len(e["mentions"])} for e in bundle["entities"]],
        "mentions": [{"entity": e["id"], **m} for e in bundle["entities"] for m in e["mentions"]],
        "events": [_event_row(v) for v in bundle["events"]],
        "event_mentions": [
            {**m, "event": v["id"], "trigger": m["trigger"]["text"]} for v in bundle["events"] for m in v["mentions"]
        ],
        "quotes": bundle["quotes"],
        "times": [{**t, "date": (t.get("date") or {}).get("value")} for t in bundle["times"]],
        "claims": bundle["claims"],
        "conflicts": bundle["conflicts"],
    }
    return {f"{name}.csv": _render(TABLES[name], rows[name]) for name in TABLES}


def write_csvs(store: Store, folder: str | Path) -> None:
    """Write every table of the story into ``folder`` (created when missing)."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for name, text in tables(build_bundle(store)).items():
        write_atomic(target / name, text.encode("utf-8"))


def events_csv(story: Story, events: Sequence[Event], sources: Mapping[str, Cited]) -> str:
    """One CSV of ``events`` with names instead of ids and each cited outlet."""
    names = {e.id: e.name for e in story.entities}
    columns = ("id", "date", "display_date", "date_earliest", "date_latest", "precision", "type", "mode", "cameo",
               "modality", "actors", "targets", "summary", "sources", "articles", "outlets")
    rows = []
    for v in events:
        d = v.date
        ids = sorted({m.span.article for m in v.mentions})
        rows.append({
            "id": v.id, "date": d.value if d else None, "display_date": format_date(d),
            "date_earliest": d.earliest.isoformat() if d else None,
            "date_latest": d.latest.isoformat() if d and d.latest else None,
            "precision": d.precision if d else None, "type": v.type, "mode": v.mode, "cameo": v.cameo,
            "modality": v.modality, "actors": [names.get(a, a) for a in v.actors],
            "targets": [names.get(t, t) for t in v.targets], "summary": v.summary, "sources": v.sources,
            "articles": ids, "outlets": sorted({sources[i].name for i in ids if i in sources}),
        })
    return _render(columns, rows)
