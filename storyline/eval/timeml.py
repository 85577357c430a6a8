"""Read TimeML ``.tml`` files: the raw text, its TIMEX3 annotations (character offsets), the DCT.

``read_timeml(source)`` parses one document.  The text is the content of ``<TEXT>`` with every
tag removed (entities decoded), so offsets of the TIMEX3 elements are offsets into that text.
The document creation time is the TIMEX3 with ``functionInDocument="CREATION_TIME"`` (usually
inside ``<DCT>``); it is reported as ``dct`` and never listed among the ``timexes``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

__all__ = ["TimeMLDoc", "Timex", "read_timeml"]


@dataclasses.dataclass(frozen=True)
class Timex:
    """One TIMEX3: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    tid: str | None = None


@dataclasses.dataclass(frozen=True)
class TimeMLDoc:
    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[Timex, ...]


_ISO_DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


def _day(value: str | None) -> dt.date | None:
    m = _ISO_DAY.match(value or "")
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _is_dct(el: ET.Element) -> bool:
    return el.tag == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME"


def read_timeml(source: str | Path, *, name: str | None = None) -> TimeMLDoc:
    """One TimeML document from a path or from its XML text (``name`` labels the latter)."""
    if isinstance(source, Path) or (not source.lstrip().startswith("<") and Path(source).exists()):
        path = Path(source)
        xml = path.read_text(encoding="utf-8")
        name = name or path.name
    else:
        xml = str(source)
    root = ET.fromstring(xml)
    dct: dt.date | None = None
    for el in root.iter("TIMEX3"):
        if _is_dct(el):
            dct = _day(el.get("value"))
            break
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{name or 'document'}: no <TEXT> element")
    parts: list[str] = []
    found: list[Timex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3" and not _is_dct(el) and pos > start:
            found.append(Timex(start=start, end=pos, text="", type=el.get("type") or "DATE",
                               value=el.get("value") or "", mod=el.get("mod"), tid=el.get("tid")))

    walk(body)
    text = "".join(parts)
    timexes = tuple(sorted(
        (dataclasses.replace(t, text=text[t.start:t.end]) for t in found), key=lambda t: (t.start, t.end)))
    return TimeMLDoc(name=name or "document", text=text, dct=dct, timexes=timexes)
