"""A publication date the article states about itself, in a dateline at its start.

``find_dateline(article)`` looks only at the first :data:`WINDOW` characters and only at dates
in dateline position: at the start of a line (after an optional city and weekday), followed by
a dateline separator ("—", "-", "|", "(Reuters)", the end of the line), or after a label such as
"Published:", "Updated", "Posted on", "date", or in a stamp: beside a clock time and its zone
with no word between ("Mon Mar 2, 2009 4:23 pm EST", "| 14:07, Monday, 1 June 2009").  A date
inside a sentence ("On July 13, 2017, the Senate voted") is an event date, not a dateline, and
is left alone.  Only full day dates count.

It reports what the text says even when the article already has a publication date from its
metadata; the caller decides which to trust.  When several are present, a "published"/"posted"
date wins over an "updated" one, and otherwise the first.
"""

from __future__ import annotations

import datetime as dt
import re

from storyline import dates
from storyline.model import Article, Published, Span

__all__ = ["WINDOW", "find_dateline", "opens_dateline"]

WINDOW = 300
"""How many characters from the start of the text a dateline may begin in."""

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_MON = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
        r"|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept\.?|sep\.?|oct\.?|nov\.?|dec\.?)(?![a-z])")
_WD = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?\s?,?\s+)"
_DATE = (
    rf"(?P<date>(?P<mon>{_MON})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s?,?\s+(?P<y>(?:19|20)\d\d)"
    rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon2>{_MON})\s?,?\s+(?P<y2>(?:19|20)\d\d)"
    r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)"
    r"|(?P<a4>[0-3]?\d)/(?P<b4>[0-3]?\d)/(?P<y4>(?:19|20)\d\d))(?![\d])"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?|T\d\d:\d\d(?::\d\d)?\S*)?"
_LABEL = r"(?P<label>published|posted|updated|last\s+updated|first\s+published|date|dated|created)"
_CITY = r"(?:[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,20})?,?\s+(?:\([^)\n]{1,30}\)\s*)?)"

# label form: "Published: July 13, 2017", "Updated 2017-07-13 10:32", "date 2017-07-13"
_LABELLED = re.compile(rf"(?im)(?:^|[|•·]\s*|\s)\s*{_LABEL}(?:\s+on)?\s*:?\s*{_WD}?{_DATE}{_TIME}")
# dateline form: "July 13, 2017 —", "WASHINGTON, July 13, 2017 (Reuters) -", "Thursday, 13 July 2017\n"
_DATELINE = re.compile(
    rf"(?m)(?:^[ \t]*{_CITY}?|[|•·][ \t]*)(?i:{_WD})?(?i:{_DATE}){_TIME}"
    r"[ \t]*(?:\([^)\n]{1,30}\)[ \t]*)?(?:[—–\-|:/]|$)"
)

# stamp form: a date and a clock time with its zone side by side, with no word between them
# ("Tuesday 5 May 2009 21.31 BST", "| 14:07 PM, Monday, 1 June 2009"), wherever it stands in the
# window (a page whose line breaks were lost runs headline, byline and stamp together): a
# sentence dates an event to the minute with words ("at 4:23 pm on March 2"), a page stamp without
_HOUR = r"\d{1,2}[:.]\d\d\s*(?i:[ap]\.?m\.?)?"
_CLOCK = rf"{_HOUR}\s*(?:[ECMP][SD]T|ET|GMT|UTC|BST|CET|UK\s+time)\b"
_STAMPS = (
    re.compile(rf"(?i:{_WD})?(?i:{_DATE})\s*,?\s*{_CLOCK}"),
    re.compile(rf"(?m)(?:^|[|•·])[ \t]*(?:{_CLOCK}|{_HOUR})\s*,?\s*(?i:{_WD})?(?i:{_DATE})"),
)
_BEFORE_STAMP = re.compile(r"(?i)\b(?:on|at|by|since|until|till|from|before|after|of|to|between|and|that)\s*,?\s*$")
"""A preposition before a date puts it in a sentence ("as of 17:00 GMT 15 June"), not in a stamp."""


def _parse(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    try:
        if g["mon"]:
            return dt.date(int(g["y"]), _MONTHS[g["mon"].lower().rstrip(".")], int(g["d"]))
        if g["mon2"]:
            return dt.date(int(g["y2"]), _MONTHS[g["mon2"].lower().rstrip(".")], int(g["d2"]))
        if g["y3"]:
            return dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        a, b = int(g["a4"]), int(g["b4"])
        mon, d = (b, a) if a > 12 else (a, b)  # US order unless the first cannot be a month
        return dt.date(int(g["y4"]), mon, d)
    except ValueError:
        return None


def find_dateline(article: Article) -> Published | None:
    """The publication day stated at the start of ``article.text`` (method ``explicit``), if any."""
    head = article.text[: WINDOW + 60]
    found: list[tuple[int, int, re.Match[str]]] = []
    for m in _LABELLED.finditer(head):
        if m.start("date") >= WINDOW:
            break
        label = m["label"].lower()
        found.append((1 if "updated" in label else 0, m.start("date"), m))
    for m in _DATELINE.finditer(head):
        if m.start("date") >= WINDOW:
            break
        found.append((0, m.start("date"), m))
    for pattern in _STAMPS:
        for m in pattern.finditer(head):
            if m.start("date") >= WINDOW:
                break
            if _BEFORE_STAMP.search(head[max(0, m.start() - 12):m.start()]) is None:
                found.append((0, m.start("date"), m))
    for _, _, m in sorted(found, key=lambda f: (f[0], f[1])):
        day = _parse(m)
        if day is None:
            continue
        start, end = m.span("date")
        span = Span(article.id, start, end, article.text[start:end])
        return Published(date=dates.day(day), method="explicit", evidence=(span,))
    return None


_PLACE_TAIL = re.compile(r"\s*(?:\([^)\n]{0,40}\))?\s*[–—-]{1,2}\s")


def opens_dateline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the place of a dateline: it opens a line and is followed by
    an optional "(Wire)" and a dash ("WASHINGTON – ...", "LONDON (Reuters) -- ...")."""
    return (start == 0 or text[start - 1] == "\n") and _PLACE_TAIL.match(text, end) is not None
