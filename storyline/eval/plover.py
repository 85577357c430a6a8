"""Coded example sentences for the event-type benchmark: the PLOVER gold standard and CAMEO codebook.

Two readers, both returning :class:`CodedSentence` records with a PLOVER 2.0 type:

* :func:`read_gsr` reads ``PLOVER_GSR_CAMEO.txt`` (a JSON array of 322 sentences coded with the
  older 18-type PLOVER 0.5 labels).  :func:`plover2` maps those labels to PLOVER 2.0 as the
  bench README says: DEMAND is REQUEST, DISAPPROVE and INVESTIGATE fall under ACCUSE, FIGHT
  under ASSAULT, and CRIME (and the DOCUMENT header record) have no 2.0 type and are left out.
* :func:`read_cameo_examples` reads the CAMEO codebook (``cameo_eventtypes_andybega.csv``: code,
  name, example sentence) and gives each example the PLOVER event its code maps to in the
  derived ``cameo_to_plover.tsv``; codes PLOVER dropped (public statements, 01/02) are left out,
  and a code that maps to two events ("CONCEDE/RETREAT") keeps the first.

The data stays in ``../shared/bench/events``; nothing here is used by the pipeline.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec

__all__ = [
    "OLD_LABELS",
    "PLOVER_TYPES",
    "CodedActor",
    "CodedSentence",
    "distinct",
    "plover2",
    "read_cameo_examples",
    "read_gsr",
]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
"""The 16 event types of the PLOVER 2.0 manual, in its order."""

OLD_LABELS: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
"""PLOVER 0.5 labels renamed or folded in 2.0 (the other 0.5 labels kept their names)."""


class CodedActor(msgspec.Struct, frozen=True):
    """A coded actor: the words in the sentence and the CAMEO-style code (``"USA"``, ``"IGO"``)."""

    text: str
    code: str | None = None
    sector: str | None = None


class CodedSentence(msgspec.Struct, frozen=True):
    """One example sentence with its gold PLOVER 2.0 type (and CAMEO code, actors when coded)."""

    id: str
    text: str
    type: str
    origin: str
    """``"gsr"`` or ``"cameo"``."""
    label: str
    """The label as the file writes it (PLOVER 0.5 type, or the CAMEO code)."""
    cameo: str | None = None
    actors: tuple[CodedActor, ...] = ()
    targets: tuple[CodedActor, ...] = ()


def plover2(label: str) -> str | None:
    """The PLOVER 2.0 type of an old (0.5) or current label; ``None`` when 2.0 has none."""
    label = label.strip().upper()
    label = OLD_LABELS.get(label, label)
    return label if label in PLOVER_TYPES else None


def _actors(value: Any) -> tuple[CodedActor, ...]:
    if not isinstance(value, list):
        return ()
    out = []
    for a in value:
        if isinstance(a, dict) and isinstance(a.get("actorText"), str) and a["actorText"].strip():
            out.append(CodedActor(text=a["actorText"].strip(), code=a.get("code") or None,
                                  sector=a.get("sector") or None))
    return tuple(out)


def read_gsr(path: Path) -> list[CodedSentence]:
    """The coded sentences of ``PLOVER_GSR_CAMEO.txt`` that have a PLOVER 2.0 type, in file order."""
    records = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for r in records:
        if not isinstance(r, dict) or not isinstance(r.get("text"), str):
            continue
        type_ = plover2(str(r.get("event", "")))
        if type_ is None:
            continue
        out.append(CodedSentence(
            id=str(r["id"]), text=r["text"].strip(), type=type_, origin="gsr", label=str(r["event"]),
            actors=_actors(r.get("source")), targets=_actors(r.get("target")),
        ))
    return out


def _mapping(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            event = (row.get("plover_event") or "").split("/")[0]
            type_ = plover2(event) if event else None
            if type_ is not None:
                out[row["cameo_code"].strip()] = type_
    return out


def read_cameo_examples(codebook: Path, mapping: Path) -> list[CodedSentence]:
    """The CAMEO codebook's example sentences whose code maps to a PLOVER 2.0 type."""
    to_plover = _mapping(mapping)
    out = []
    with codebook.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code, example = row["code"].strip(), (row.get("example") or "").strip()
            if not example or example == "NULL" or code not in to_plover:
                continue
            out.append(CodedSentence(
                id=f"cameo-{code}", text=example, type=to_plover[code], origin="cameo", label=code, cameo=code,
            ))
    return out


def distinct(sentences: Iterable[CodedSentence]) -> list[CodedSentence]:
    """The sentences with duplicate texts (whitespace and case ignored) left out, first kept."""
    seen: set[str] = set()
    out = []
    for s in sentences:
        key = " ".join(s.text.casefold().split())
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
