"""Time expressions: found by rules, normalised with TIMEX3 semantics, resolved against the DCT.

``find_times(doc, article, dct)`` returns one :class:`TimeExpr` per time expression, in text
order, never two overlapping (the longest match wins).  Candidates come from precompiled regular
expressions, each run only in windows around the anchor words it needs (a month name, a unit, a
digit...); spaCy's DATE/TIME entities decide the ambiguous bare ones (a lone "2018" or "July"
counts only inside a DATE entity, or after a cue such as "in", "since", "early").  A clock time
joins the day next to it ("5 p.m. EST Nov. 9", "noon Thursday", "the night of April 18, 1775").

Types and values follow TIMEX3:

* DATE: ``2017-07-13``, ``2017-07``, ``2017``, ``2017-W28``, ``2017-W27-WE`` (a weekend),
  ``2017-SU`` (seasons SP/SU/FA/WI), ``2017-Q1``, ``2017-H1``, ``201`` (the 2010s), ``20`` (the
  21st century counted ISO-style, 2000-2099), ``BC0480``, ``BC0480-09``, ``BC03`` (the 4th
  century BC; such values have no calendar interval); a range ("between June and August
  2017", "2017-18", "April 6-7") is two expressions, one per end, as TimeML annotates it, each
  end with the year the range gives it; ``FY2020`` for a fiscal year (no calendar interval: fiscal years differ);
  ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` for "now", "recently", "the future" ("now" gets
  the DCT as its ``date``).
* TIME: ``2017-07-13TMO`` (a part of a day), ``XXXX-XX-XXT15:00`` (a clock time).
* DURATION: ``P6W``, ``P7M``, ``P10Y`` ("a decade"), ``PT3H``, ``P2Y6M`` ("2 1/2 years"),
  ``PT1H30M`` ("an hour and a half"); ``PXM`` for "months", "several months".
* SET: ``P1Y`` ("every year", "annually"), ``P1W``, ``P1D`` ("10,000 per day"), ``XXXX-WXX-1``
  ("every Monday").  "The quarterly dividend" names a kind of payment, no time.

``mod`` is a TIMEX3 modifier: EARLY/MID/LATE ("early March", "mid-2018"), START/END ("the end
of July"), APPROX/MORE_THAN/LESS_THAN/EQUAL_OR_MORE/EQUAL_OR_LESS for quantified durations
("more than a decade"), BEFORE/AFTER/APPROX for quantified "ago".  A modifier never narrows the
interval: "early March" keeps the whole month as ``date`` (value ``2017-03``, mod ``EARLY``),
because the text does not say where early March ends.  "Earlier this month" / "later this year"
do narrow it, to the part before / after the DCT, since that much the text does say.

Relative expressions ("on Monday", "in December", "last year", "three weeks ago", "over the
weekend") resolve
against ``dct`` (the publication day; ``anchor="dct"``).  Direction comes from the tense of
the governing verb (spaCy morphology; "will"/"shall" = future, "has"/"had" = past) and cue
words ("since", "last", "next"); a clause without a tensed verb counts as past for a weekday
and takes the nearest candidate for a month or a day.  A year-less day in a past-tense clause may
still fall up to 45 days after the DCT (the past tense is often the reporting verb's), a month
up to 15 days ("gave it until mid-November" at the end of October).
"Payable Dec. 15", "effective Feb. 1" lie ahead whatever the verb's tense.  A past-tense weekday
is the most recent such day on or before the DCT (news names the publication day by its weekday
too); a month or season without a year is the latest one that had begun by the DCT in past
tense, the first one not yet over in future tense (for a quarter or half, one that ended up to
a quarter before the DCT: "will report third-quarter results" in October), the nearest
otherwise; "this September" is the DCT year's; a month listed with a dated one takes its year
("in April and June 1955").  Without a DCT they get
underspecified values (``XXXX-WXX-1``, ``XXXX-12``, ``PAST_REF``) and ``date=None``.

Anaphoric expressions ("the next day", "later that month", "the following year", "the end of
the year", "six days later", "two years earlier") resolve against the previous calendar date in
the text (``anchor`` = its time id) when that date is at least as fine as the unit; otherwise
they are left out ("six days later" then stays the duration "six days"), except that "the next
day" with no date before it counts from the DCT.  A coarser period around the date just told
("In 1941, ..." after "December 7, 1941") and a look back ("the previous year", "two years
earlier") do not move the date later expressions count from.

Results news compares a quarter with the same quarter a year before: "a year ago", "a year
earlier", "year-earlier", "the year-ago period", "last year's quarter", "up from last year's $2
billion" and "the 1988 period" take the quarter under discussion (the first current one named,
within a few paragraphs) and become ``1988-Q3`` rather than ``1988``.

History told as a story (most explicit years two or more years before the DCT: an encyclopedia
article, a retrospective) resolves year-less dates ("in June", "December 7", "the summer")
against the date just told instead of the DCT: the same year, or the next when the month lies
more than half a year before that date.  News that tells some history is no such story: words
that count from the DCT ("Tuesday", "yesterday", "last week") are about as common there as the
old years.  A year after "since" ("the emergency law, in place since 1963") counts for neither:
it opens a state that lasts to the writer's day, and later dates do not count from it.  In a
history a bare part of the day ("moved only at night") is any night
(``XXXX-XX-XXTNI``).  A history of antiquity (years BC) puts its year-less dates in the year BC
just told ("In September" after "480 BC" is ``BC0480-09``) and never in the DCT's.

Colloquial forms are read too: "tmrw", "2day", "last nite", "30 mins", "1130pm", lower-case and
abbreviated weekdays after a cue ("this Sat"), parts of the day ("in the morning"), fixed
holidays ("Christmas", "Xmas", "Thanksgiving 2016"), "two more weeks".

spaCy entities that no rule can normalise ("that time", "the period") are left out: a time
expression without a value helps nobody downstream.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from storyline import dates
from storyline.ids import make_id
from storyline.model import Article, DateValue, Span, TimeExpr

__all__ = ["find_times", "parse_number", "resolve_in_sentence"]

# ------------------------------------------------------------------------- numbers (shared)

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "mln": 1_000_000, "bn": 1_000_000_000,
           "k": 1_000, "m": 1_000_000}
_SPLIT_NUM = re.compile(r"[\s\-–]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def parse_number(text: str) -> float | None:
    """``"53"``, ``"1,500"``, ``"2.5 million"``, ``"fifty-three"``, ``"a hundred"``, ``"a dozen"``.

    Returns ``None`` for anything that is not a plain number written in digits or words.
    """
    words = [w for w in _SPLIT_NUM.split(text.lower().replace(",", "").strip()) if w]
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for w in words:
        if _DIGITS.fullmatch(w):
            current += float(w)
        elif w in _SMALL:
            current += _SMALL[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in ("a", "an"):
            current += 1
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in _SCALES and (seen or w not in ("k", "m")):
            total += (current or 1) * _SCALES[w]
            current = 0
        elif w == "and" and seen:
            continue
        else:
            return None
        seen = True
    return total + current


# ------------------------------------------------------------------------- vocabulary

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "final": 4, "last": 4, "latter": 2}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
# unit word -> (ISO designator, multiplier, is a time-of-day unit)
_UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False),
    "month": ("M", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
}
_QUANT_MOD = {
    "more than": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
    "over": "MORE_THAN", "less than": "LESS_THAN", "fewer than": "LESS_THAN",
    "just under": "LESS_THAN", "under": "LESS_THAN", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "close to": "LESS_THAN", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "about": "APPROX",
    "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX",
}
_AGO_MOD = {"MORE_THAN": "BEFORE", "EQUAL_OR_MORE": "ON_OR_BEFORE", "LESS_THAN": "AFTER",
            "EQUAL_OR_LESS": "ON_OR_AFTER", "APPROX": "APPROX"}
_MOD_WORDS = {"early": "EARLY", "late": "LATE", "mid": "MID", "middle": "MID", "start": "START",
              "beginning": "START", "end": "END", "early part": "EARLY", "latter part": "LATE",
              "first half": "EARLY", "second half": "LATE"}

# ------------------------------------------------------------------------- pattern pieces

_MON_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MON_ANY = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)(?![a-z])"
)
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?<![\d,.$£€/])(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d)"
_NUMW = (
    r"(?:\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three"
    r"|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|an?)"
)
_VAGUE = r"(?:a\s+few|a\s+couple\s+of|several|few|many|some|dozens\s+of|hundreds\s+of)"
_UNIT = (r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|fortnights?|months?|mths?|years?|yrs?"
         r"|decades?|centur(?:y|ies))")
_UNIT_ABBR = {"sec": "second", "min": "minute", "hr": "hour", "wk": "week", "mth": "month", "yr": "year"}
_QUANT = "(?:" + "|".join(sorted((k.replace(" ", r"\s+") for k in _QUANT_MOD), key=len, reverse=True)) + ")"
_MODP = (
    r"(?:(?P<mod>early|late|mid|(?:the\s+)?(?:start|beginning|end|middle|early\s+part|latter\s+part"
    r"|first\s+half|second\s+half)\s+of)(?:\s+|-))"
)
_COMMA = r"(?:\s?,\s+|\s+)"
"""Between a weekday or a day and what follows: a space or a comma, also the detached comma of
tokenised or OCR'd text ("Mon Mar 2 , 2009")."""
_PREP = (r"(?:in|In|since|Since|by|By|until|Until|till|from|From|during|During|through|throughout"
         r"|before|Before|after|After|of|around|circa|for|For|between|Between)")


def _c(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


class _Ctx:
    """What a rule handler may read: the dct and, lazily, the tense around an offset."""

    __slots__ = ("dct", "doc", "narrative", "_starts")

    def __init__(self, doc: Any, dct: dt.date | None, narrative: bool = False) -> None:
        self.dct = dct
        self.doc = doc
        self.narrative = narrative
        """``dct`` is the date of the narrative just told, not the publication day."""
        self._starts: list[int] | None = None

    def token_at(self, char: int) -> Any:
        if self._starts is None:
            self._starts = self.doc.to_array("IDX").tolist() if len(self.doc) else []
        i = bisect.bisect_right(self._starts, char) - 1
        return self.doc[max(i, 0)] if len(self.doc) else None

    def direction(self, char: int) -> str:
        """``"past"``, ``"future"``, ``"present"`` or ``"unknown"`` (no finite verb with a tense)
        for the clause around ``char``."""
        if self.narrative:
            return "narrative"
        tok = self.token_at(char) if self.doc is not None else None
        return _tense(tok) if tok is not None else "unknown"


_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_FUTURE_HEADS = frozenset({"expect", "plan", "schedule", "set", "due", "intend", "aim", "vow",
                           "promise", "go", "hope", "prepare"})


_FUTURE_ADJS = frozenset({"payable", "effective", "due", "scheduled", "slated"})
"""Words between a date and its verb that make the date a coming one whatever the verb's tense:
"declared a dividend payable Dec. 15", "a pact effective June 1"."""


def _tense(tok: Any) -> str:
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
        if t.lower_ in _FUTURE_ADJS:
            return "future"
    if t.pos_ not in ("VERB", "AUX"):
        return "unknown"
    for _ in range(3):
        auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
        if t.tag_ == "VBG" and not auxes and t.head.i != t.i and t.head.pos_ in ("VERB", "AUX"):
            t = t.head  # "began surfacing in April": the finite verb carries the tense
            continue
        if t.tag_ in ("VB", "VBN") and any(a.lower_ == "to" for a in auxes) and t.head.i != t.i:
            # "plans to sell in March" looks ahead; "agreed to sell in February", "decided to admit
            # them in March" name a time after a past decision, before or after the DCT
            return "future" if t.head.lemma_ in _FUTURE_HEADS else "unknown"
        for a in auxes:
            low = a.lower_
            if low in _FUTURE_AUX:
                return "future"
            if a.lemma_ == "have":
                return "past"
            tense = a.morph.get("Tense")
            if tense:
                return "past" if tense[0] == "Past" else "present"
            if a.tag_ == "MD":
                return "future" if low in _FUTURE_AUX else "present"
        tense = t.morph.get("Tense")
        if tense:
            return "past" if tense[0] == "Past" else "present"
        break
    return "unknown"


# ------------------------------------------------------------------------- calendar helpers


def _season(y: int, s: str, mod: str | None = None) -> DateValue:
    start, end = {"SP": ((y, 3, 1), (y, 5, 31)), "SU": ((y, 6, 1), (y, 8, 31)),
                  "FA": ((y, 9, 1), (y, 11, 30)),
                  "WI": ((y, 12, 1), (y + 1, 2, calendar.monthrange(y + 1, 2)[1]))}[s]
    return DateValue(value=f"{y:04d}-{s}", earliest=dt.date(*start), latest=dt.date(*end),
                     precision="season", mod=mod)


def _quarter(y: int, q: int, mod: str | None = None) -> DateValue:
    first = 3 * q - 2
    return DateValue(value=f"{y:04d}-Q{q}", earliest=dt.date(y, first, 1),
                     latest=dates.month(y, first + 2).latest, precision="quarter", mod=mod)


def _half(y: int, h: int, mod: str | None = None) -> DateValue:
    return DateValue(value=f"{y:04d}-H{h}", earliest=dt.date(y, 1 if h == 1 else 7, 1),
                     latest=dt.date(y, 6, 30) if h == 1 else dt.date(y, 12, 31),
                     precision="half", mod=mod)


def _week(d: dt.date, mod: str | None = None, weekend: bool = False) -> DateValue:
    iy, iw, _ = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    if weekend:
        return DateValue(value=f"{iy:04d}-W{iw:02d}-WE", earliest=monday + dt.timedelta(days=5),
                         latest=monday + dt.timedelta(days=6), precision="week", mod=mod)
    return DateValue(value=f"{iy:04d}-W{iw:02d}", earliest=monday,
                     latest=monday + dt.timedelta(days=6), precision="week", mod=mod)


def _decade(d3: int, mod: str | None = None) -> DateValue:
    return DateValue(value=f"{d3:03d}", earliest=dt.date(d3 * 10, 1, 1),
                     latest=dt.date(d3 * 10 + 9, 12, 31), precision="decade", mod=mod)


def _century(c2: int, mod: str | None = None) -> DateValue:
    return DateValue(value=f"{c2:02d}", earliest=dt.date(max(c2 * 100, 1), 1, 1),
                     latest=dt.date(c2 * 100 + 99, 12, 31), precision="century", mod=mod)


def _range(a: DateValue, b: DateValue) -> DateValue | None:
    if b.earliest < a.earliest:
        return None
    return DateValue(value=f"{a.value}/{b.value}", earliest=a.earliest, latest=b.latest,
                     precision=a.precision)


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _quarter_of(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


_DAY_SLACK = 45
"""A year-less day ("Nov. 17") in a past-tense clause may still lie this many days after the DCT:
the tense is often the reporting verb's ("said the dividend is payable Nov. 17"), and news would
write the year of a day eleven months back."""
_MONTH_AHEAD = 15
"""A year-less month in a past-tense clause may still begin this many days after the DCT (the past
tense is often the reporting verb's: "gave it until mid-November" at the end of October); not
more: "the uprising began in March" in February is last year's March."""
_FLASHBACK = dt.timedelta(days=180)
"""In narrative, a month name up to this far before the date just told stays in its year."""


def _pick_year(make: Callable[[int], DateValue], dct: dt.date, direction: str,
               slack: int = 0, behind: int = 0, ahead: int = 0) -> DateValue | None:
    """The candidate year (dct's, the one before or after) that fits the tense.

    ``slack`` days either side of the DCT still fit either tense; ``behind`` days before it
    still fit the future tense (a quarter's results come out after it ends)."""
    cands: list[DateValue] = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            cands.append(make(y))
        except ValueError:  # 29 February in a common year, 31 April
            continue
    if not cands:
        return None
    if direction == "narrative":  # the story moves forward: same year, or the next when far behind
        ok = [c for c in cands if c.earliest.year >= dct.year and c.earliest >= dct - _FLASHBACK]
        return ok[0] if ok else cands[-1]
    limit_hi = dct + dt.timedelta(days=max(slack, ahead))
    limit_lo = dct - dt.timedelta(days=max(slack, behind))
    if direction == "past":
        ok = [c for c in cands if c.earliest <= limit_hi]
        return ok[-1] if ok else cands[0]
    if direction == "future":
        ok = [c for c in cands if (c.latest or c.earliest) >= limit_lo]
        return ok[0] if ok else cands[-1]

    def distance(c: DateValue) -> tuple[int, int]:
        latest = c.latest or c.earliest
        if c.earliest <= dct <= latest:
            return (0, 0)
        if latest < dct:
            return ((dct - latest).days, 0)
        return ((c.earliest - dct).days, 1)

    return min(cands, key=distance)


def _narrow(dv: DateValue, adv: str | None, dct: dt.date) -> DateValue:
    """"earlier this month" -> the month up to the DCT; "later this year" -> from the DCT."""
    if adv == "earlier" and dv.earliest <= dct <= (dv.latest or dct):
        return DateValue(dv.value, dv.earliest, dct, dv.precision, dv.mod)
    if adv == "later" and dv.earliest <= dct <= (dv.latest or dct):
        return DateValue(dv.value, dct, dv.latest, dv.precision, dv.mod)
    return dv


# ------------------------------------------------------------------------- rules


class _Norm(NamedTuple):
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None
    date: DateValue | None = None


_Handler = Callable[[re.Match[str], _Ctx], "_Norm | None"]


def _g(m: re.Match[str], name: str) -> str:
    """Group ``name`` of ``m``; ``""`` when it did not match or the pattern has no such group."""
    return m.groupdict().get(name) or ""


def _mod_of(m: re.Match[str]) -> str | None:
    raw = m.groupdict().get("mod")
    if not raw:
        return None
    key = re.sub(r"\s+", " ", raw.lower()).removeprefix("the ").removesuffix(" of").strip()
    return _MOD_WORDS.get(key)


def _month_num(raw: str) -> int:
    return _MONTHS[raw.lower().rstrip(".")]


def _dated(dv: DateValue | None, anchor: str | None = None, type_: str = "DATE") -> _Norm | None:
    if dv is None:
        return None
    return _Norm(type_, dv.value, dv.mod, anchor, dv)


def _h_day(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    mon = _month_num(_g(m, "mon"))
    d = int(re.match(r"\d+", _g(m, "d")).group())  # type: ignore[union-attr]
    d2 = int(re.match(r"\d+", _g(m, "d2")).group()) if _g(m, "d2") else None  # type: ignore[union-attr]
    if _g(m, "y"):
        y = int(_g(m, "y"))
        try:
            first = dates.day(dt.date(y, mon, d))
            return _dated(_range(first, dates.day(dt.date(y, mon, d2))) if d2 else first)
        except ValueError:
            return None
    if ctx.dct is None:
        if d2:
            return _Norm("DATE", f"XXXX-{mon:02d}-{d:02d}/XXXX-{mon:02d}-{d2:02d}")
        return _Norm("DATE", f"XXXX-{mon:02d}-{d:02d}")
    dv = _pick_year(lambda y: dates.day(dt.date(y, mon, d)), ctx.dct, ctx.direction(m.start()), _DAY_SLACK)
    if dv is not None and d2:
        try:
            dv = _range(dv, dates.day(dt.date(dv.earliest.year, mon, d2)))
        except ValueError:
            return None
    return _dated(dv, "dct")


def _h_iso(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    try:
        d = dt.date(int(_g(m, "y")), int(_g(m, "m")), int(_g(m, "d")))
    except ValueError:
        return None
    if _g(m, "t"):
        return _Norm("TIME", d.isoformat() + "T" + _g(m, "t"), None, None, dates.day(d))
    return _dated(dates.day(d))


def _h_slash(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    a, b, y = int(_g(m, "a")), int(_g(m, "b")), int(_g(m, "y"))
    mon, d = (b, a) if a > 12 else (a, b)  # US order unless the first cannot be a month
    try:
        return _dated(dates.day(dt.date(y, mon, d)))
    except ValueError:
        return None


def _h_month_year(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    if _g(m, "ry"):  # "June last year", "in January this year"
        if ctx.dct is None:
            return None
        k = {"last": -1, "this": 0, "next": 1}[_g(m, "ry").lower()]
        return _dated(dates.month(ctx.dct.year + k, _month_num(_g(m, "mon")), mod=_mod_of(m)), "dct")
    return _dated(dates.month(int(_g(m, "y")), _month_num(_g(m, "mon")), mod=_mod_of(m)))


def _h_month_range(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    a, b = _month_num(_g(m, "mon")), _month_num(_g(m, "mon2"))
    if _g(m, "y"):
        y = int(_g(m, "y"))
        return _dated(_range(dates.month(y if b >= a else y - 1, a), dates.month(y, b)))
    if ctx.dct is None:
        return _Norm("DATE", f"XXXX-{a:02d}/XXXX-{b:02d}")
    span = b - a if b >= a else b + 12 - a

    def make(y: int) -> DateValue:
        yb, mb = _shift_month(y, a, span)
        r = _range(dates.month(y, a), dates.month(yb, mb))
        assert r is not None
        return r

    return _dated(_pick_year(make, ctx.dct, ctx.direction(m.start())), "dct")


def _direction(m: re.Match[str], ctx: _Ctx) -> str:
    prep = (m.groupdict().get("prep") or "").lower()
    rel = (m.groupdict().get("rel") or "").lower()
    if ctx.narrative and not rel:
        return "narrative"
    if prep == "since" or rel in ("last", "past"):
        return "past"
    if rel in ("next", "coming"):
        return "future"
    if rel == "this":
        return "present"
    return ctx.direction(m.start("x"))


def _h_month(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    mon = _month_num(_g(m, "mon"))
    mod = _mod_of(m)
    if ctx.dct is None:
        return _Norm("DATE", f"XXXX-{mon:02d}", mod)
    rel = (_g(m, "rel") or "").lower()
    if rel in ("last", "past"):  # "last December": the latest one strictly before this month
        y = ctx.dct.year if mon < ctx.dct.month else ctx.dct.year - 1
        return _dated(dates.month(y, mon, mod=mod), "dct")
    if rel in ("next", "coming"):
        y = ctx.dct.year if mon > ctx.dct.month else ctx.dct.year + 1
        return _dated(dates.month(y, mon, mod=mod), "dct")
    if rel == "this":  # "this September": the one of the DCT's year
        return _dated(dates.month(ctx.dct.year, mon, mod=mod), "dct")
    return _dated(_pick_year(lambda y: dates.month(y, mon, mod=mod), ctx.dct, _direction(m, ctx),
                             ahead=_MONTH_AHEAD), "dct")


def _year_of(raw: str) -> int:
    return int(raw)


def _h_year(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    return _dated(dates.year(int(_g(m, "y")), mod=_mod_of(m)))


def _h_year_range(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    y = int(_g(m, "y"))
    raw2 = _g(m, "y2")
    y2 = int(raw2) if len(raw2) == 4 else (y // 100) * 100 + int(raw2)
    if len(raw2) == 2:  # "2017-18", "1999-00"; never "2017-07" (a month)
        if y2 < y:
            y2 += 100
        if y2 - y > 10:
            return None
    joiner = _g(m, "j").lower()
    if not (y < y2 <= y + 100) or (joiner == "and" and not _g(m, "b")):
        return None
    return _dated(_range(dates.year(y), dates.year(y2)))


def _h_decade(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    if _g(m, "y3"):
        d3 = int(_g(m, "y3"))
    else:
        dd = int(_g(m, "dd"))
        d3 = (190 if dd >= 3 else 200) + dd
    return _dated(_decade(d3, _mod_of(m)))


_CENT_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
               "eighteenth": 18}


def _h_century(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    raw = _g(m, "n").lower()
    n = _CENT_WORDS.get(raw) or int(re.match(r"\d+", raw).group())  # type: ignore[union-attr]
    if not 1 <= n <= 21:
        return None
    return _dated(_century(n - 1, _mod_of(m)))


_REPORT_LAG = 92
"""A quarter or half that ended up to this many days before the DCT is still the one a future
tense means: "will report third-quarter results" in October is the quarter just ended."""


def _rel_year(m: re.Match[str], ctx: _Ctx, make: Callable[[int], DateValue]) -> _Norm | None:
    """Resolve a period ("the first quarter", "summer") whose year is given, relative or absent."""
    if _g(m, "y") or _g(m, "yb"):
        return _dated(make(int(_g(m, "y") or _g(m, "yb"))))
    ry = (_g(m, "ry") or _g(m, "ry2")).lower()
    if ctx.dct is None:
        return None  # caller builds the underspecified value
    if ry:
        k = {"last": -1, "this": 0, "the": 0, "next": 1}[ry.split()[0]]
        return _dated(make(ctx.dct.year + k), "dct")
    return _dated(_pick_year(make, ctx.dct, _direction(m, ctx), behind=_REPORT_LAG), "dct")


def _h_quarter(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    q = int(_g(m, "qn")) if _g(m, "qn") else _ORDINALS[_g(m, "qw").lower()]
    got = _rel_year(m, ctx, lambda y: _quarter(y, q))
    if got is None:
        return _Norm("DATE", f"XXXX-Q{q}")
    if _g(m, "ya") and got.date is not None:  # "the year-ago third quarter"
        return _dated(_quarter(got.date.earliest.year - 1, q), got.anchor)
    return got


def _h_half(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    h = int(_g(m, "hn")) if _g(m, "hn") else min(_ORDINALS[_g(m, "hw").lower()], 2)
    got = _rel_year(m, ctx, lambda y: _half(y, h))
    return got or _Norm("DATE", f"XXXX-H{h}")


def _h_season(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = _SEASONS[_g(m, "s").lower()]
    mod = _mod_of(m)
    if _g(m, "y"):
        return _dated(_season(int(_g(m, "y")), s, mod))
    if ctx.dct is None:
        return _Norm("DATE", f"XXXX-{s}", mod)
    rel = (_g(m, "rel") or "").lower()
    dct = ctx.dct
    if rel in ("last", "past", "next", "coming", "this"):
        cands = [_season(y, s, mod) for y in (dct.year - 2, dct.year - 1, dct.year, dct.year + 1)]
        if rel in ("last", "past"):
            dv = [c for c in cands if c.latest is not None and c.latest < dct][-1]
        elif rel == "this":
            dv = min(cands, key=lambda c: abs((c.earliest - dct).days))
        else:
            dv = [c for c in cands if c.earliest > dct][0]
        return _dated(dv, "dct")
    return _dated(_pick_year(lambda y: _season(y, s, mod), dct, _direction(m, ctx)), "dct")


def _h_fiscal(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    raw = _g(m, "y")
    y = int(raw) if len(raw) == 4 else 2000 + int(raw)
    return _Norm("DATE", f"FY{y:04d}")


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    raw_wd = _g(m, "wd").lower()
    wd = _WEEKDAYS.get(raw_wd)
    if wd is None:
        wd = next(i for name, i in _WEEKDAYS.items() if name.startswith(raw_wd[:3]))
    part = _PARTS.get((_g(m, "part") or "").lower())
    mod = {"early": "EARLY", "late": "LATE"}.get((_g(m, "rel") or "").lower())
    type_ = "TIME" if part else "DATE"
    if ctx.dct is None:
        return _Norm(type_, f"XXXX-WXX-{wd + 1}" + (f"T{part}" if part else ""), mod)
    dct = ctx.dct
    back = (dct.weekday() - wd) % 7
    fwd = (wd - dct.weekday()) % 7
    rel = (_g(m, "rel") or "").lower()
    if rel == "last":
        day = dct - dt.timedelta(days=back or 7)
    elif rel in ("next", "coming"):
        day = dct + dt.timedelta(days=fwd or 7)
    else:
        direction = "present" if rel == "this" else ctx.direction(m.start("x"))
        if direction == "unknown":
            direction = "past"  # news names past days by their weekday far more than coming ones
        if direction == "past":
            day = dct - dt.timedelta(days=back)
        elif direction == "future":
            day = dct + dt.timedelta(days=fwd)
        else:
            day = dct - dt.timedelta(days=back) if back <= fwd else dct + dt.timedelta(days=fwd)
    dv = dates.day(day, mod=mod)
    return _Norm(type_, dv.value + (f"T{part}" if part else ""), mod, "dct", dv)


_COLLOQUIAL = {"tmr": "tomorrow", "tmrw": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow",
               "tomoro": "tomorrow", "tdy": "today", "2day": "today", "tonite": "tonight", "2nite": "tonight",
               "last nite": "last night", "nite": "night"}
_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1,
            "this morning": 0, "this afternoon": 0, "this evening": 0}
_REF_OF = {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}


def _h_deictic(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    raw = re.sub(r"\s+", " ", _g(m, "x").lower())
    if raw.startswith("last ni"):
        raw = "last night"
    raw = _COLLOQUIAL.get(raw, raw)
    words = [_COLLOQUIAL.get(w, w) for w in raw.split()]
    raw = " ".join(words)
    offset = _DEICTIC.get(raw, _DEICTIC.get(words[0], 0))
    part = "NI" if words[0] == "tonight" or raw == "last night" else _PARTS.get(words[-1])
    type_ = "TIME" if part else "DATE"
    if ctx.dct is None:
        return _Norm(type_, _REF_OF[offset])
    dv = dates.day(ctx.dct + dt.timedelta(days=offset))
    return _Norm(type_, dv.value + (f"T{part}" if part else ""), None, "dct", dv)


def _h_relative(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    rel = _g(m, "rel").lower()
    unit = _g(m, "u").lower()
    k = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[rel]
    mod = _mod_of(m)
    adv = (_g(m, "adv") or "").lower() or None
    if ctx.dct is None:
        return _Norm("DATE", _REF_OF[k], mod)
    dct = ctx.dct
    if unit in ("week", "weekend"):
        dv = _week(dct + dt.timedelta(days=7 * k), mod, weekend=unit == "weekend")
    elif unit == "month":
        y, mo = _shift_month(dct.year, dct.month, k)
        dv = dates.month(y, mo, mod=mod)
    elif unit == "year":
        dv = dates.year(dct.year + k, mod=mod)
    elif unit == "quarter":
        y, q = _quarter_of(dct)
        n = y * 4 + (q - 1) + k
        dv = _quarter(n // 4, n % 4 + 1, mod)
    elif unit == "decade":
        dv = _decade(dct.year // 10 + k, mod)
    else:
        dv = _century(dct.year // 100 + k, mod)
    if k == 0 and adv:
        dv = _narrow(dv, adv, dct)
    return _dated(dv, "dct")


def _unit(raw: str) -> tuple[str, int, bool]:
    u = raw.lower()
    u = "century" if u.startswith("centur") else u.rstrip("s")
    u = _UNIT_ABBR.get(u, u)
    return _UNITS[u]


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _duration_value(n: float | None, raw_unit: str) -> str:
    des, mult, is_time = _unit(raw_unit)
    t = "T" if is_time else ""
    if n is None:
        if mult == 10:
            return "PXDE"
        if mult == 100:
            return "PXCE"
        return f"P{t}X{des}"
    whole, part = divmod(n * mult, 1)
    if part and (des, t) in _SPLIT_UNIT:  # "2 1/2 years" = P2Y6M, "5 1/2 hours" = PT5H30M
        lower, times = _SPLIT_UNIT[(des, t)]
        rest = part * times
        if rest.is_integer():
            head = f"{_fmt(whole)}{des}" if whole else ""
            return f"P{t}{head}{lower}" % _fmt(rest) if des != "D" else f"P{head}T{_fmt(rest)}H"
    return f"P{t}{_fmt(n * mult)}{des}"


_SPLIT_UNIT = {("Y", ""): ("%sM", 12), ("D", ""): ("%sH", 24), ("H", "T"): ("%sM", 60), ("M", "T"): ("%sS", 60)}
"""A fractional amount goes into the next smaller unit when it comes out whole there."""


def _quant_mod(raw: str | None) -> str | None:
    if not raw:
        return None
    return _QUANT_MOD.get(re.sub(r"\s+", " ", raw.lower()))


def _h_duration(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    n = parse_number(_g(m, "n")) if _g(m, "n") else None
    if not _g(m, "n") and not _g(m, "u").lower().endswith("s"):
        n = 1.0  # "the past year"
    if _g(m, "n") and n is None and not re.fullmatch(_VAGUE, _g(m, "n").lower()):
        return None
    if n is not None and n <= 0:
        return None
    if _g(m, "u").lower() == "second" and n == 1:
        return None  # "a second wave": the ordinal, not a duration
    if n is not None and (_g(m, "half") or _g(m, "half2")):
        n += 0.5  # "2 1/2 years", "two and a half years", "an hour and a half"
    mod = _quant_mod(_g(m, "q"))
    return _Norm("DURATION", _duration_value(n, _g(m, "u")), mod)


def _h_vague_duration(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    return _Norm("DURATION", _duration_value(None, _g(m, "u")))


def _h_ago(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    n = parse_number(_g(m, "n"))
    mod = _AGO_MOD.get(_quant_mod(_g(m, "q")) or "")
    if ctx.dct is None or n is None:
        return _Norm("DATE", "PAST_REF", mod)
    des, mult, is_time = _unit(_g(m, "u"))
    k = int(round(n * mult))
    dct = ctx.dct
    if _g(m, "today") and not is_time:  # "a year ago today": that very day
        if des in ("D", "W"):
            back = dct - dt.timedelta(days=k * (7 if des == "W" else 1))
        else:
            y, mo = _shift_month(dct.year, dct.month, -k * (12 if des == "Y" else 1))
            back = dt.date(y, mo, min(dct.day, calendar.monthrange(y, mo)[1]))
        return _dated(dates.day(back, mod=mod), "dct")
    if is_time:
        dv = dates.day(dct, mod=mod)
    elif des == "D":
        dv = dates.day(dct - dt.timedelta(days=k), mod=mod)
    elif des == "W":
        dv = _week(dct - dt.timedelta(days=7 * k), mod)
    elif des == "M":
        y, mo = _shift_month(dct.year, dct.month, -k)
        dv = dates.month(y, mo, mod=mod)
    else:
        dv = dates.year(dct.year - k, mod=mod)
    return _dated(dv, "dct")


_SET_UNITS = {"day": "P1D", "daily": "P1D", "week": "P1W", "weekly": "P1W", "month": "P1M",
              "monthly": "P1M", "year": "P1Y", "yearly": "P1Y", "annually": "P1Y",
              "quarter": "P3M", "quarterly": "P3M", "hourly": "PT1H", "hour": "PT1H",
              "nightly": "P1D", "night": "P1D", "morning": "P1D", "evening": "P1D",
              "weekend": "P1W", "decade": "P10Y"}


def _h_set(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    u = _g(m, "u").lower()
    if u == "quarterly" and ctx.doc is not None and ctx.token_at(m.start("u")).pos_ in ("ADJ", "NOUN"):
        return None  # "the quarterly dividend": a kind of payment, not a recurring time
    if u in _WEEKDAYS:
        return _Norm("SET", f"XXXX-WXX-{_WEEKDAYS[u] + 1}")
    base = _SET_UNITS.get(u.rstrip("s") if u not in _SET_UNITS else u)
    if base is None:
        return None
    every = (m.groupdict().get("n") or "").lower()
    if every:
        n = 2.0 if every == "other" else parse_number(every)
        if n is None:
            return None
        num = re.search(r"\d+", base)
        assert num is not None
        base = base[: num.start()] + _fmt(n * int(num.group())) + base[num.end():]
    return _Norm("SET", base)


def _h_clock(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    raw = _g(m, "x").lower()
    if raw in ("noon", "midday"):
        h, mi = 12, 0
    elif raw == "midnight":
        h, mi = 24, 0
    else:
        h = int(_g(m, "h"))
        mi = int(_g(m, "mi") or 0)
        ap = (_g(m, "ap") or "").lower().replace(".", "")
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
        if h > 24:
            return None
    if ctx.dct is not None:
        return _Norm("TIME", f"{ctx.dct.isoformat()}T{h:02d}:{mi:02d}", None, "dct", dates.day(ctx.dct))
    return _Norm("TIME", f"XXXX-XX-XXT{h:02d}:{mi:02d}")


_REFS = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
         "at present": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
         "the past": "PAST_REF", "the future": "FUTURE_REF"}


def _h_ref(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    raw = re.sub(r"\s+", " ", (_g(m, "x") or _g(m, "x2")).lower())
    value = _REFS.get(raw) or ("FUTURE_REF" if raw.endswith("future") else "PAST_REF")
    if value == "PRESENT_REF" and ctx.dct is not None:
        return _Norm("DATE", value, None, "dct", dates.day(ctx.dct))
    return _Norm("DATE", value)


_ANAPHOR = "@"
"""Value prefix of a candidate that names its period relative to the previous time expression."""
_UNIT_RANK = {"day": 0, "week": 1, "month": 2, "year": 6, "morning": 0, "afternoon": 0, "evening": 0, "night": 0}


def _h_anaphor(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    det = re.sub(r"\s+", " ", _g(m, "det").lower()).removeprefix("the ").strip()
    unit = _g(m, "u").lower()
    mod = _mod_of(m)
    if det == "the" and mod is None:
        return None  # "the year" alone is too vague to anchor
    if unit in _PARTS and det not in ("following", "next", "previous", "preceding"):
        return None  # "that night", "the morning": a part of the day at hand (see _h_part_of_day)
    if det == "next" and unit != "day" and unit not in _PARTS and not _opens_clause(m):
        return None  # "the next month" is mostly a duration ("over the next month")
    return _Norm("DATE", f"{_ANAPHOR}{det}|{unit}|{_g(m, 'adv').lower()}", mod)


_CLAUSE_OPENER = re.compile(r"(?:^|[.;:!?]\s*|\n\s*|\b(?:in|In|by|By|during|During)\s+)$")


def _opens_clause(m: re.Match[str]) -> bool:
    """"The next year, ..." / "in the next year": a date, not the span of a duration."""
    start = m.start("x")
    return _CLAUSE_OPENER.search(m.string, max(0, start - 12), start) is not None


def _h_quantity(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"six weeks", "six weeks ago", "six weeks later": one pattern, three readings."""
    tail = _g(m, "tail").lower()
    if tail == "ago":
        return _h_ago(m, ctx)
    if tail and (_g(m, "half") or _g(m, "half2")):
        dur = _h_duration(m, ctx)  # "an hour and a half later": a shift never resolved, so a duration
        return dur and _Norm("DATE", f"{_ANAPHOR}shift|0|X|1|{dur.value}", dur.mod)
    if tail:
        return _h_shift(m, ctx) or _h_duration(m, ctx)
    return _h_duration(m, ctx)


def _h_shift(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"six days later", "two years earlier": a date counted from the one just told."""
    n = parse_number(_g(m, "n"))
    if n is None or not n.is_integer() or n <= 0:
        return None
    unit = _unit(_g(m, "u"))
    sign = 1 if (_g(m, "dir") or _g(m, "tail")).lower() in ("later", "after") else -1
    dur = _duration_value(n, _g(m, "u"))
    return _Norm("DATE", f"{_ANAPHOR}shift|{int(n) * unit[1]}|{unit[0]}{'T' if unit[2] else ''}|{sign}|{dur}",
                 _quant_mod(_g(m, "q")))


def _resolve_shift(norm: _Norm, anchor: TimeExpr) -> _Norm | None:
    _, k_raw, des, sign_raw, _dur = norm.value[len(_ANAPHOR):].split("|")
    assert anchor.date is not None
    a = anchor.date
    k = int(k_raw) * int(sign_raw)
    if des.endswith("T") or "/" in a.value:
        return None
    d = a.earliest
    if des == "D" and a.precision == "day":
        dv = dates.day(d + dt.timedelta(days=k))
    elif des == "W" and a.precision in ("day", "week"):
        dv = _week(d + dt.timedelta(days=7 * k))
    elif des == "M" and a.precision in ("day", "month"):
        y, mo = _shift_month(d.year, d.month, k)
        dv = dates.month(y, mo)
    elif des == "Y" and abs(k) % 10 == 0 and k and a.precision in ("day", "month", "year", "decade"):
        dv = _decade(d.year // 10 + k // 10) if abs(k) >= 10 else dates.year(d.year + k)
    elif des == "Y" and a.precision in ("day", "month", "season", "quarter", "half", "year"):
        dv = dates.year(d.year + k)
    else:
        return None
    return _Norm("DATE", dv.value, None, anchor.id, dv)


def _period(d: dt.date, unit: str, mod: str | None) -> DateValue:
    if unit == "day":
        return dates.day(d, mod=mod)
    if unit == "week":
        return _week(d, mod)
    if unit == "month":
        return dates.month(d.year, d.month, mod=mod)
    return dates.year(d.year, mod=mod)


_STEPS = {"following": 1, "next": 1, "previous": -1, "preceding": -1}


def _dct_expr(article: Article, dct: dt.date) -> TimeExpr:
    """The publication day as a time expression an anaphor can count from."""
    return TimeExpr(id="dct", span=Span(article.id, 0, 0, ""), type="DATE", value=dct.isoformat(),
                    date=dates.day(dct))


def _resolve_anaphor(norm: _Norm, anchor: TimeExpr) -> _Norm | None:
    """"the following day", "later that month", "the end of the year" against an earlier date."""
    assert anchor.date is not None
    if norm.value.startswith(f"{_ANAPHOR}shift|"):
        return _resolve_shift(norm, anchor)
    det, unit, adv = norm.value[len(_ANAPHOR):].split("|")
    a = anchor.date
    if _PRECISION_RANK[a.precision] > _UNIT_RANK[unit] or "/" in a.value:
        return None  # "that day" after "in 2018": the text does not say which day
    step = _STEPS.get(det, 0)
    d = a.earliest
    if unit in _PARTS:  # "the next morning"
        day = dates.day(d + dt.timedelta(days=step))
        return _Norm("TIME", f"{day.value}T{_PARTS[unit]}", norm.mod, anchor.id, day)
    if step:
        if unit == "day":
            d += dt.timedelta(days=step)
        elif unit == "week":
            d += dt.timedelta(days=7 * step)
        elif unit == "month":
            y, mo = _shift_month(d.year, d.month, step)
            d = dt.date(y, mo, 1)
        else:
            d = dt.date(d.year + step, 1, 1)
    dv = _period(d, unit, norm.mod)
    if not step and adv and a.precision == "day" and unit != "day":
        dv = _narrow(dv, adv, a.earliest)
    return _Norm("DATE", dv.value, norm.mod, anchor.id, dv)


def _h_bc(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"480 BC", "April 480 BC", "autumn of 481 BC", "the 4th century BC" (BC03), "the 470s BC"."""
    if _g(m, "c"):
        return _Norm("DATE", f"BC{int(_g(m, 'c')) - 1:02d}", _mod_of(m))
    if _g(m, "d"):
        return _Norm("DATE", f"BC{int(_g(m, 'd')):03d}", _mod_of(m))
    value = f"BC{int(_g(m, 'y') or _g(m, 'y2')):04d}"
    if _g(m, "mon"):
        value += f"-{_month_num(_g(m, 'mon')):02d}"
    elif _g(m, "s"):
        value += f"-{_SEASONS[_g(m, 's').lower()]}"
    return _Norm("DATE", value, _mod_of(m))


def _h_weekend(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"over the weekend", "a long weekend": the weekend the tense points to (past when the clause
    has none, as for a weekday); "weekends" is any weekend."""
    if _g(m, "pl"):
        return _Norm("SET", "XXXX-WE")
    if ctx.dct is None:
        return _Norm("DATE", "XXXX-WXX-WE")
    dct = ctx.dct
    saturday = dct + dt.timedelta(days=5 - dct.weekday())  # the DCT's week's Saturday
    ahead = m.string.endswith("ahead of ", 0, m.start("x")) or m.string.endswith("Ahead of ", 0, m.start("x"))
    if ahead or ctx.direction(m.start("x")) in ("future", "narrative"):  # a story moves on to the next
        day = saturday if dct.weekday() < 6 else saturday + dt.timedelta(days=7)
    else:
        day = saturday if dct.weekday() >= 5 else saturday - dt.timedelta(days=7)
    return _dated(_week(day, weekend=True), "dct")


def _h_part_of_day(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    part = _PARTS[_g(m, "part").lower().rstrip("s").replace("nite", "night")]
    if ctx.dct is None:
        return _Norm("TIME", f"XXXX-XX-XXT{part}")
    return _Norm("TIME", f"{ctx.dct.isoformat()}T{part}", None, "dct", dates.day(ctx.dct))


def _h_report_period(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"the quarter", "the latest quarter", "the year-earlier quarter", "year-ago": business news
    means the last quarter reported (the one before the DCT's, early in a quarter)."""
    if ctx.dct is None:
        return None
    y, q = _quarter_of(ctx.dct)
    if ctx.dct.month - (3 * q - 2) < 2:
        y, q = (y, q - 1) if q > 1 else (y - 1, 4)
    if _g(m, "bare"):
        return _dated(dates.year(ctx.dct.year - 1), "dct")
    if _g(m, "yq"):  # "the 1988 period": that year's same quarter
        return _dated(_quarter(int(_g(m, "yq")), q))
    return _dated(_quarter(y - (1 if _ago(m) else 0), q), "dct")


def _ago(m: re.Match[str]) -> bool:
    """Whether a reporting period is the one a year before ("the year-ago quarter")."""
    return any(_g(m, g) for g in ("ya", "ya2", "ya3", "ya4", "bare"))


def _thanksgiving(y: int) -> dt.date:
    first = dt.date(y, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas": lambda y: dt.date(y, 12, 25), "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24), "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31), "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14), "boxing day": lambda y: dt.date(y, 12, 26),
    "thanksgiving": _thanksgiving, "thanksgiving day": _thanksgiving,
}


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    name = re.sub(r"\s+", " ", _g(m, "h").lower().replace("’", "'")).replace("xmas", "christmas")
    day_of = _HOLIDAYS[name]
    if _g(m, "y"):
        return _dated(dates.day(day_of(int(_g(m, "y")))))
    if ctx.dct is None:
        return None
    return _dated(_pick_year(lambda y: dates.day(day_of(y)), ctx.dct, ctx.direction(m.start("x")), 1), "dct")


class _Rule(NamedTuple):
    pattern: re.Pattern[str]
    handler: _Handler
    weak: bool = False
    """Accepted only inside a spaCy DATE/TIME entity (a bare "2018", a bare "July")."""
    cues: tuple[str, ...] = ()
    """Groups of which one must match for the candidate to stand on its own; else it is weak."""
    kinds: str = "DMUWSPXRFHYEB"
    """Anchor kinds (see ``_anchors``) of which every match holds at least one word."""


def _r(kinds: str, pattern: re.Pattern[str], handler: _Handler, weak: bool = False,
       cues: tuple[str, ...] = ()) -> _Rule:
    return _Rule(pattern, handler, weak, cues, kinds)


_RULES: tuple[_Rule, ...] = (
    _r("M", _c(rf"\b(?P<x>(?:(?P<wd>{_WD}){_COMMA})?(?:the\s+)?(?<![\d,.])(?P<d>{_DAY})"
             rf"(?:\s*(?:-|–|(?i:to|and))\s*(?P<d2>{_DAY}))?\s+(?:of\s+)?(?P<mon>{_MON_ANY})"
             rf"(?:{_COMMA}(?P<y>{_YEAR}))?)"), _h_day),
    _r("M", _c(rf"\b(?P<x>(?:(?P<wd>{_WD}){_COMMA})?(?P<mon>{_MON_ANY})\s+(?P<d>{_DAY})"
             rf"(?:\s*(?:-|–|(?i:to|through|and))\s*(?P<d2>{_DAY}))?(?!\d|:\d)(?:{_COMMA}(?P<y>{_YEAR}))?)"), _h_day),
    _r("D", _c(rf"(?P<x>(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
             r"(?:[T ](?P<t>[0-2]\d:[0-5]\d(?::[0-5]\d)?))?)(?![\d])"), _h_iso),
    _r("D", _c(r"(?<![\d/.])(?P<x>(?P<a>3[01]|[12]\d|0?[1-9])/(?P<b>3[01]|[12]\d|0?[1-9])"
             r"/(?P<y>(?:1[6-9]|20)\d\d))(?![\d/])"),
          _h_slash),
    _r("U", _c(rf"\b(?P<x>(?i:the\s+)?(?:(?P<yb>{_YEAR})\s+|(?P<ry2>(?i:last|this|next))\s+(?i:year)['’]s\s+"
             r"|(?P<ya>(?i:year-earlier|year-ago))\s+)?(?i:fiscal[\s-]+)?"
             rf"(?P<qw>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th))[\s-]+"
             rf"(?i:(?:fiscal\s+|calendar\s+)?quarter)(?:\s+(?i:of)\s+(?:(?P<y>{_YEAR})|(?P<ry>(?i:last|this|next|the)\s+year)"
             rf"))?)"), _h_quarter),
    _r("D", _c(rf"\b(?P<x>Q(?P<qn>[1-4])\s*(?P<y>{_YEAR}))"), _h_quarter),
    _r("U", _c(rf"\b(?P<x>(?i:the\s+)?(?P<hw>(?i:first|second|latter|last|1st|2nd))\s+(?i:half)\s+(?i:of)\s+"
             rf"(?:(?P<y>{_YEAR})|(?P<ry>(?i:last|this|next|the)\s+year)))"), _h_half),
    _r("D", _c(rf"\b(?P<x>H(?P<hn>[12])\s*(?P<y>{_YEAR}))"), _h_half),
    _r("S", _c(rf"\b(?P<x>(?i:{_MODP})?(?:(?P<rel>(?i:last|this|next|past|coming))\s+)?(?P<s>(?i:spring|summer|fall|"
             rf"autumn|winter))(?:\s+(?i:of))?(?:\s?,)?\s+(?P<y>{_YEAR}))"), _h_season),
    _r("S", _c(r"\b(?P<x>(?i:" + _MODP + r")?(?P<rel>(?i:last|this|next|past|coming))\s+"
             r"(?P<s>(?i:spring|summer|fall|autumn|winter)))\b"), _h_season),
    _r("S", _c(r"\b(?P<x>(?i:" + _MODP + r")?(?:(?i:the)\s+)?(?P<s>(?i:spring|summer|autumn|winter)))\b"
               r"(?!\s+of\b)(?![-’'])"), _h_season),
    _r("S", _c(r"\b(?P<prep>(?i:in|during|by|since|until|through|over|throughout))\s+(?P<x>(?i:" + _MODP
             + r")?(?i:the\s+)?(?P<s>(?i:spring|summer|fall|autumn|winter)))\b(?!\s+of)"),
          _h_season),
    _r("M", _c(rf"\b(?P<x>(?i:{_MODP})?(?P<mon>{_MON_ANY})(?:\s+of)?(?:\s?,)?\s+(?P<y>{_YEAR}))"), _h_month_year),
    _r("M", _c(rf"\b(?P<x>(?i:{_MODP})?(?P<mon>{_MON_FULL}|{_MON_ANY}(?<=\.))\s+"
               r"(?:(?i:of)\s+)?(?P<ry>(?i:last|this|next))\s+(?i:year))\b"),
          _h_month_year),
    _r("M", _c(rf"\b(?P<x>(?i:between|from)\s+(?P<mon>{_MON_FULL})\s+(?i:and|to|through|until)\s+"
             rf"(?P<mon2>{_MON_FULL})(?:(?:\s?,)?\s+(?P<y>{_YEAR}))?)"), _h_month_range),
    _r("M", _c(rf"\b(?P<x>(?P<mon>{_MON_FULL})\s*[-–]\s*(?P<mon2>{_MON_FULL})(?:(?:\s?,)?\s+(?P<y>{_YEAR}))?)"),
          _h_month_range),
    _r("M", _c(rf"(?:\b(?P<prep>{_PREP})\s+)?\b(?P<x>(?i:{_MODP})?(?:(?P<rel>(?i:last|next|this|past|coming))\s+)?"
             rf"(?P<mon>{_MON_FULL}))(?![a-z])(?!\s+\d)(?!['’]s\b)"), _h_month, cues=("prep", "mod", "rel")),
    _r("D", _c(rf"\b(?P<x>(?:(?P<b>(?i:between|from))\s+)?(?P<y>{_YEAR})\s*(?P<j>-|–|(?i:to|through|until|and))\s*"
             rf"(?P<y2>{_YEAR}|\d\d(?![\d%])))"), _h_year_range),
    _r("D", _c(rf"\b(?P<x>(?i:{_MODP})(?P<y>{_YEAR}))"), _h_year),
    _r("D", _c(rf"\b(?P<prep>{_PREP})\s+(?P<x>(?P<y>{_YEAR}))"), _h_year),
    _r("D", _c(rf"(?P<x>(?P<y>{_YEAR}))"), _h_year, weak=True),
    _r("E", _c(rf"\b(?P<x>(?i:{_MODP})?(?:the\s+)?(?P<y3>1[6-9]\d|20\d)0[’']?s)\b"), _h_decade),
    _r("E", _c(rf"(?P<x>(?i:{_MODP})?[’'](?P<dd>\d)0s)\b"), _h_decade),
    _r("U", _c(rf"\b(?P<x>(?i:{_MODP})?(?i:the\s+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|(?i:nineteenth|twentieth|"
             r"twenty[- ]first|eighteenth))\s+(?i:century))"), _h_century),
    _r("Y", _c(rf"\b(?P<x>(?:FY|(?i:fiscal)(?:\s+(?i:year))?)\s*[-’']?(?P<y>{_YEAR}|\d\d))(?![\d])"),
          _h_fiscal),
    _r("UP", _c(r"\b(?P<x>(?:(?P<adv>(?i:earlier|later))\s+|(?i:" + _MODP + r"))?"
                r"(?P<det>(?i:that\s+same|that|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding|the))\s+"
             r"(?P<u>(?i:day|week|month|year|morning|afternoon|evening|night)))\b"
             r"(?(adv)|(?!\s+(?:of|before|after|that|when|in|on)\b))"), _h_anaphor),
    _r("W", _c(r"\b(?:(?P<on>(?i:on))\s+)?(?P<x>(?:(?P<rel>(?i:last|next|this|coming))\s+)?(?P<wd>(?i:mon|tues?|wed"
             r"|thu|thur|thurs|fri|sat|sun))\.?)\b(?P<part>(?!))?"), _h_weekday, cues=("on", "rel")),
    _r("W", _c(rf"\b(?P<x>(?:(?P<rel>(?i:last|next|this|coming|early|late))\s+)?(?P<wd>{_WD}|(?i:{_WD}))"
             r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?)\b"), _h_weekday),
    _r("XP", _c(r"(?<!USA )\b(?P<x>(?i:(?:yesterday|tomorrow)\s+(?:morning|afternoon|evening|night)|today"
             r"|yesterday|tomorrow|tonight|last\s+ni(?:ght|te)s?|this\s+(?:morning|afternoon|evening)|tmrw?|2moro|2morrow"
             r"|tdy|2day|tonite|2nite))\b"),
          _h_deictic),
    _r("U", _c(r"\b(?P<x>(?:(?P<adv>(?i:earlier|later))\s+|(?i:" + _MODP + r"))?"
             r"(?P<rel>(?i:last|this|next|past|coming))\s+"
             r"(?P<u>(?i:week|weekend|month|year|quarter|decade|century)))\b(?!\s+of\b)"), _h_relative),
    _r("U", _c(rf"\b(?P<x>(?:(?P<q>(?i:{_QUANT}))\s+)?(?P<n>(?i:{_NUMW}|{_VAGUE}))"
             r"(?P<half>\s+1/2|\s*½|\s+(?i:and\s+(?:a\s+)?half))?"
             rf"(?:\s+(?i:more|additional|extra|full))?(?:[\s-]+|(?<=\d))(?P<u>(?i:{_UNIT}))"
             r"(?P<half2>\s+(?i:and\s+a\s+half)\b)?(?:\s+(?P<tail>(?i:ago|later|earlier))(?P<today>\s+(?i:today))?)?)"
             r"\b(?(tail)|(?![\s-]+old\b)(?!-))"),
          _h_quantity),
    _r("U", _c(rf"\b(?P<x>(?i:the\s+)(?i:past|last|next|coming)\s+(?:(?P<n>(?i:{_NUMW}|{_VAGUE}))\s+)?"
               rf"(?P<u>(?i:{_UNIT})))\b"
             r"(?P<q>(?!))?"), _h_duration),
    _r("U", _c(rf"\b(?P<x>(?i:half\s+a\s+)(?P<u>(?i:{_UNIT})))\b(?P<n>(?!))?(?P<q>(?!))?"),
          lambda m, ctx: _Norm("DURATION", _duration_value(0.5, _g(m, "u")))),
    _r("U", _c(r"\b(?i:for|over|in\s+recent|recent)\s+(?P<x>(?P<u>(?i:days|weeks|months|years|decades|centuries)))\b"
             r"(?!\s+(?:ago|of|to)\b)"), _h_vague_duration),
    _r("UPW", _c(rf"\b(?P<x>(?i:every|each)\s+(?:(?P<n>(?i:other|{_NUMW}))\s+)?(?P<u>(?i:days?|weeks?|months?|years?|"
             rf"mornings?|nights?|evenings?|weekends?|quarters?|decades?|hour)|{_WD}))\b"), _h_set),
    _r("F", _c(r"\b(?P<x>(?P<u>annually|yearly|daily|weekly|monthly|quarterly|hourly|nightly))\b"), _h_set),
    _r("U", _c(r"(?<=\d )(?P<x>(?i:per)\s+(?P<u>(?i:day|week|month|year|hour)))\b"), _h_set),
    _r("U", _c(r"\b(?P<x>(?i:once|twice|three\s+times|\d+\s+times)\s+(?i:a|per|each|every)\s+"
             r"(?P<u>(?i:day|week|month|year)))\b"), _h_set),
    _r("D", _c(r"\b(?P<x>(?P<h>1[0-2]|0?[1-9])(?::?(?P<mi>[0-5]\d))?\+?\s*(?P<ap>(?i:a\.m\.|p\.m\.|am\b|pm\b))"
             r"(?:\s+(?:[ECMP][SD]T|ET|GMT|UTC|BST|CET|(?i:local\s+time))\b)?)"), _h_clock),
    _r("D", _c(r"\b(?P<x>(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\s+"
               r"(?:GMT|UTC|[ECMP][SD]T|ET|BST|CET|(?i:local\s+time))\b)"
             r"(?P<ap>(?!))?"), _h_clock),
    _r("P", _c(r"\b(?P<x>(?i:noon|midnight|midday))\b"), _h_clock),
    _r("R", _c(r"\b(?P<x>(?i:now|currently|nowadays|at\s+present|recently|lately))\b"
             r"|\b(?P<x2>(?i:the\s+(?:near\s+|distant\s+)?future|(?<=in\s)future|(?<=for\s)future|(?<=in\s)the\s+past))\b"),
          _h_ref),
    _r("U", _c(r"\b(?P<x>(?i:the|its)\s+(?:(?:(?i:comparable|corresponding|same)\s+)?"
               r"(?:(?P<ya>(?i:year-earlier|year-ago))"
             rf"|(?P<yq>{_YEAR}))\s+(?i:quarter|period)"
             r"|(?i:comparable|corresponding|same)\s+(?i:quarter|period)\s+(?P<ya2>(?i:last\s+year|a\s+year\s+(?:ago|earlier)))"
             r"|(?i:quarter)\s+(?P<ya3>(?i:a\s+year\s+(?:ago|earlier)))"
             r"|(?:(?i:latest|most\s+recent)\s+)?(?i:quarter)|(?i:latest|most\s+recent)\s+(?i:period)))\b(?!\s+of\b)(?!-)"
             r"|\b(?P<x2>(?P<ya4>(?i:last\s+year['’]s))\s+(?i:quarter|period))\b"
             r"|\b(?P<bare>(?i:year-earlier|year-ago))\b(?!\s+(?i:quarter|period)\b)"), _h_report_period),
    _r("B", _c(rf"\b(?P<x>(?i:{_MODP})?(?:(?:(?P<mon>{_MON_FULL})\s+"
               r"|(?:(?i:the)\s+)?(?P<s>(?i:spring|summer|fall|autumn|winter))"
             r"\s+(?:(?i:of)\s+)?)?(?P<y>\d{1,4})|(?i:the\s+)?(?:(?P<c>\d{1,2})(?:st|nd|rd|th)\s+(?i:century)|(?P<d>\d{2,3})0s))"
             r"\s*(?:BC|B\.C\.?|BCE)(?![a-z]))"
             r"|\b(?P<x2>(?P<y2>\d{2,4}))(?=\s*(?:-|–|to|and)\s*\d{1,4}\s*(?:BC|B\.C\.?|BCE)(?![a-z]))"), _h_bc),
    _r("U", _c(r"(?<!\bthis )(?<!\blast )(?<!\bnext )(?<!\bevery )(?<!\beach )(?<!\bcoming )"
               r"\b(?P<x>(?:(?i:the|a|this)\s+)?(?:(?i:long)\s+)?(?i:weekend)(?P<pl>s)?)\b(?!\s+of\b)"), _h_weekend),
    _r("P", _c(r"\b(?P<x>(?:(?i:the|this|that|every)\s+)?(?P<part>(?i:morning|afternoon|evening|night|nite)))\b"
             r"(?!\s+(?:of|before|after)\b)"), _h_part_of_day),
    _r("HU", _c(r"\b(?P<x>(?P<h>(?:Christmas|X[Mm]as|XMAS)(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Halloween"
                r"|Valentine['’]s\s+Day"
             rf"|Boxing\s+Day|Thanksgiving(?:\s+Day)?)(?:(?:\s?,)?\s+(?P<y>{_YEAR}))?)"), _h_holiday),
)


_RANGE_GROUPS: dict[Any, tuple[str, str]] = {
    _h_year_range: ("y", "y2"), _h_month_range: ("mon", "mon2"), _h_day: ("d", "d2"),
}
_DAY_BOUND = frozenset({_h_clock, _h_part_of_day, _h_weekday, _h_weekend})
"""Handlers that place a time on the DCT's day: in narrative, on the day just told instead."""
_YEARLESS = frozenset({_h_day, _h_month, _h_month_range, _h_season, _h_quarter, _h_half, _h_holiday})
"""Handlers that pick a year for a date that names none: in narrative they re-run against the
date just told."""

# ------------------------------------------------------------------------- the stage


def _date_ent_ranges(doc: Any) -> list[tuple[int, int]]:
    if doc is None:
        return []
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(ranges, (start, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= start and end <= ranges[i][1]


def _span_of(m: re.Match[str]) -> tuple[int, int]:
    gd = m.groupdict()
    if gd.get("x") is not None:
        return m.span("x")
    if gd.get("x2") is not None:
        return m.span("x2")
    return m.span()


class _Cand(NamedTuple):
    start: int
    end: int
    rule: int
    norm: _Norm
    match: re.Match[str]
    clock: str | None = None
    """``HH:MM`` of a clock time joined to this day ("9 a.m. Tuesday")."""


# Every rule needs an anchor word of some kind (or a digit) inside its match: the rules run only
# in windows around anchors of the kinds they name, which keeps the cost of ~45 patterns well
# below the parse's.  Anchors come from one pass over the words of the text.
_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "U": ("second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs",
          "day", "days", "week", "weeks", "wk", "wks", "weekend", "weekends", "fortnight", "fortnights", "month",
          "months", "mth", "mths", "year", "years", "yr", "yrs", "decade", "decades", "century", "centuries",
          "quarter", "quarters", "half", "period"),
    "W": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
          "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
    "S": ("spring", "summer", "fall", "autumn", "winter"),
    "P": ("morning", "mornings", "afternoon", "afternoons", "evening", "evenings", "night", "nights", "nite",
          "nites", "tonight", "tonite", "noon", "midnight", "midday"),
    "X": ("today", "yesterday", "tomorrow", "tonight", "tonite", "tmr", "tmrw", "tdy", "2moro", "2morrow", "2day",
          "2nite"),
    "R": ("now", "currently", "nowadays", "present", "recently", "lately", "past", "future"),
    "F": ("annually", "yearly", "daily", "weekly", "monthly", "quarterly", "hourly", "nightly"),
    "H": ("christmas", "xmas", "halloween", "thanksgiving", "valentine"),
    "Y": ("fiscal", "fy"),
}
_KIND_BIT = {k: 1 << i for i, k in enumerate("DMUWSPXRFHYEB")}
_WORD_KINDS: dict[str, int] = {}
for _kind, _words in _KIND_WORDS.items():
    for _w in _words:
        _WORD_KINDS[_w] = _WORD_KINDS.get(_w, 0) | _KIND_BIT[_kind]
_MONTH_WORDS = frozenset(("January February March April May June July August September October November December "
                          "Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec").split())
_EXACT_KINDS: dict[str, int] = dict(_WORD_KINDS)
"""Kinds of a word as written: the lower-case anchor words and the capitalised month names."""
for _w in _MONTH_WORDS:
    _EXACT_KINDS[_w] = _WORD_KINDS.get(_w.lower(), 0) | _KIND_BIT["M"]
for _w in ("BC", "BCE", "B"):  # "480 BC", "149 B.C."
    _EXACT_KINDS[_w] = _KIND_BIT["B"]
_WORD = re.compile(r"[^\W_]+")
_DIGITS_HEAD = re.compile(r"\d+")
_BEFORE, _AFTER = 48, 32
_SPACE = re.compile(r"\s")


def _mask(kinds: str) -> int:
    out = 0
    for k in kinds:
        out |= _KIND_BIT[k]
    return out


def _anchors(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, kinds)`` of every anchor word in ``text``: a digit run (D), a month name (M),
    a unit (U), a weekday (W), a season (S), a part of the day (P), a day counted from today (X),
    a reference to now or then (R), a frequency (F), a holiday (H), a fiscal year (Y), a decade
    ("1990s", E), an era ("BC", B)."""
    out: list[tuple[int, int, int]] = []
    d_bit, decade_bit = _KIND_BIT["D"], _KIND_BIT["E"]
    exact, lower = _EXACT_KINDS.get, _WORD_KINDS.get
    for m in _WORD.finditer(text):
        w = m.group()
        kinds = exact(w)
        if kinds is None:
            if w[0].isdigit():
                kinds = d_bit | lower(w.lower(), 0)
                head = _DIGITS_HEAD.match(w)
                if head is not None and head.end() < len(w):  # "30mins", "2nite"
                    kinds |= lower(w[head.end():].lower(), 0)
                if w.endswith("0s") or text.startswith(("'s", "’s"), m.end()):  # "1990s", "the 1990's"
                    kinds |= decade_bit
            elif w.islower():
                continue
            else:
                kinds = lower(w.lower(), 0)
        if kinds:
            out.append((m.start(), m.end(), kinds))
    return out


def _windows(text: str, anchors: list[tuple[int, int, int]], mask: int) -> list[tuple[int, int]]:
    """Merged ``[start, end)`` stretches of ``text`` around the anchors of the kinds in ``mask``,
    cut at white space."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for a_start, a_end, kinds in anchors:
        if not kinds & mask:
            continue
        start = max(0, a_start - _BEFORE)
        if out and start <= out[-1][1]:
            if a_end + _AFTER > out[-1][1]:
                out[-1] = (out[-1][0], a_end + _AFTER)
            continue
        if start > 0:
            start = text.rfind(" ", 0, start) + 1
        out.append((start, a_end + _AFTER))
    cut: list[tuple[int, int]] = []
    for start, end in out:
        if end >= n:
            end = n
        else:
            sp = _SPACE.search(text, end)
            end = sp.start() if sp else n
        if cut and start <= cut[-1][1]:
            cut[-1] = (cut[-1][0], end)
        else:
            cut.append((start, end))
    return cut


def _matches(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterable[re.Match[str]]:
    for start, end in windows:
        yield from pattern.finditer(text, start, end)


def _candidates(text: str, ctx: _Ctx, ents: list[tuple[int, int]]) -> Iterable[_Cand]:
    anchors = _anchors(text)
    windows: dict[int, list[tuple[int, int]]] = {}
    for i, rule in enumerate(_RULES):
        mask = _mask(rule.kinds)
        if mask not in windows:
            windows[mask] = _windows(text, anchors, mask)
        for m in _matches(rule.pattern, text, windows[mask]):
            start, end = _span_of(m)
            # trailing sentence period swallowed by "a.m." / "Jan." is kept; spaces are not
            while end > start and text[end - 1].isspace():
                end -= 1
            weak = rule.weak or (rule.cues and not any(m[g] for g in rule.cues))
            if start >= end or (weak and not _inside(ents, start, end)):
                continue
            norm = rule.handler(m, ctx)
            if norm is not None:
                yield _Cand(start, end, i, norm, m)


def find_times(doc: Any, article: Article, dct: dt.date | None) -> tuple[TimeExpr, ...]:
    """Every time expression in ``article`` (parsed as ``doc``), normalised; see the module doc.

    ``dct`` is the document creation time (publication day) that relative expressions resolve
    against; ``None`` leaves them underspecified.  ``doc`` may be ``None`` (no entities, tense
    defaults to past), which tests and callers without a parse can use.
    """
    text = article.text
    ctx = _Ctx(doc, dct)
    ents = _date_ent_ranges(doc)
    cands = sorted(_candidates(text, ctx, ents), key=lambda c: (c.start - c.end, c.start, c.rule))
    taken: list[tuple[int, int]] = []
    kept: list[_Cand] = []
    for c in cands:
        i = bisect.bisect_left(taken, (c.start, c.end))
        if i > 0 and taken[i - 1][1] > c.start:
            continue
        if i < len(taken) and taken[i][0] < c.end:
            continue
        taken.insert(i, (c.start, c.end))
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    kept = _join_clocks(kept, text)
    kept = _share_years(kept, text)
    narrative = _is_narrative(text, dct)
    ancient = _is_ancient(text)
    last_bc: int | None = None  # the latest year BC named, in a history of antiquity
    out: list[TimeExpr] = []
    last: TimeExpr | None = None  # the latest calendar date so far: what "that day" points back to
    topic_q: TimeExpr | None = None  # the quarter under discussion: what "a year ago" compares with
    q_end = -_QUARTER_REACH  # where the latest quarter named ends
    for c in kept:
        n: _Norm | None = c.norm
        compared = _compared_year(c, text)
        if compared is not None and topic_q is not None and c.start - q_end <= _QUARTER_REACH:
            assert topic_q.date is not None
            year, q = _quarter_of(topic_q.date.earliest)
            dv = _quarter(compared(year), q)
            n = _Norm("DATE", dv.value, None, topic_q.id, dv)
        elif ancient and n is not None and (n.anchor == "dct" or n.value.startswith(_ANAPHOR)):
            n = _in_antiquity(c, n, last_bc)
            if n is None:
                continue
        elif n is not None and n.value.startswith(_ANAPHOR):
            if last is not None:
                n = _resolve_anaphor(n, last)
            elif dct is not None and not narrative and n.value.split("|")[0][1:] in _STEPS:
                n = _resolve_anaphor(n, _dct_expr(article, dct))  # "the next day" with no date before it
                n = n and n._replace(anchor="dct")
            else:
                n = None
            if n is None:
                n = _unanchored(c.norm)
                if n is None:
                    continue
                c = c._replace(end=c.match.end("half2") if _g(c.match, "half2") else c.match.end("u"))
        elif (narrative and n is not None and n.anchor == "dct" and _RULES[c.rule].handler is _h_part_of_day
              and (c.match["x"] == c.match["part"] or last is None or last.date is None
                   or last.date.precision != "day")):
            n = _Norm("TIME", n.value.replace(n.value.split("T")[0], "XXXX-XX-XX"))  # "at night": any night
        elif narrative and last is not None and n is not None and _yearless(n) and (
                _RULES[c.rule].handler in _YEARLESS
                or (_RULES[c.rule].handler in _DAY_BOUND and last.date is not None and last.date.precision == "day")):
            assert last.date is not None
            again = _RULES[c.rule].handler(c.match, _Ctx(doc, last.date.earliest, narrative=True))
            if again is not None and again.date is not None:
                n = _Norm(again.type, again.value, again.mod, last.id, again.date)
        assert n is not None
        if c.clock and n.date is not None and n.date.precision == "day" and "/" not in n.value:
            n = _Norm("TIME", f"{n.date.value}T{c.clock}", n.mod, n.anchor, n.date)
        for start, end, part in _split_range(c, n):
            t = TimeExpr(
                id=make_id("t", article.id, start, end),
                span=Span(article.id, start, end, text[start:end]),
                type=part.type,  # type: ignore[arg-type]
                value=part.value, mod=part.mod, anchor=part.anchor, date=part.date,
            )
            out.append(t)
            if ancient and re.match(r"BC\d{4}", t.value):
                last_bc = int(t.value[2:6])
            if (compared is None and t.date is not None and t.date.precision == "quarter" and "/" not in t.value
                    and (dct is None or t.date.earliest.year >= dct.year - 1)):  # a quarter being reported
                topic_q = topic_q or t
                q_end = end
            if t.date is not None and t.type in ("DATE", "TIME") and not t.value.endswith("_REF") and not (
                    narrative and t.anchor == "dct") and not _keeps_anchor(t, last, c.norm) and not (
                    _OPENS.search(text, max(0, start - 16), start)):
                last = t
    return tuple(out)


_QUARTER_REACH = 2000
"""A comparison ("a year ago") takes the quarter under discussion when one was named this close
before it (in characters, a few paragraphs)."""
_COMPARED = re.compile(r"\b(?:from|compared\s+with|compared\s+to|versus|than)\b[^.;:,]{0,40}$", re.I)


def _compared_year(c: _Cand, text: str) -> Callable[[int], int] | None:
    """For a comparison with an earlier period, the year it means given the year of the quarter
    under discussion: "up from $4 million a year ago", "the year-earlier quarter" (one year
    before), "the 1988 period" (1988); ``None`` for anything else.

    Results news compares a quarter with the same quarter a year before, so such a comparison
    is that quarter ("third-quarter profit rose 5% from a year ago" = the third quarter of the
    year before); without a quarter named it keeps its own reading.
    """
    handler = _RULES[c.rule].handler
    m = c.match
    if handler is _h_report_period:
        if _g(m, "yq"):
            year = int(_g(m, "yq"))
            return lambda _: year
        return (lambda y: y - 1) if _ago(m) else None
    if handler is _h_quantity and _g(m, "tail").lower() in ("ago", "earlier"):
        n = parse_number(_g(m, "n"))
        des, mult, _ = _unit(_g(m, "u"))
        if des == "Y" and mult == 1 and n is not None and n.is_integer() and 0 < n <= 3:
            return lambda y: y - int(n)  # type: ignore[arg-type]
        return None
    if (handler is _h_relative and _g(m, "rel").lower() == "last" and _g(m, "u").lower() == "year"
            and not _g(m, "mod") and _COMPARED.search(text, max(0, c.start - 80), c.start)):
        return lambda y: y - 1
    return None


_CLOCK_DAY = re.compile(r",?\s+(?:(?:[ECMP][SD]T|ET|GMT|UTC|BST|CET)\b,?\s*)?")
_DAY_CLOCK = re.compile(r",?\s*")
_DAYS = frozenset({_h_weekday, _h_day, _h_deictic})


_PART_OF = re.compile(
    r"(?:(?i:early|late)\s+(?:in\s+)?)?(?i:the)\s+(?P<p>(?i:morning|afternoon|evening|night))\s+(?i:of)\s+$")


def _join_clocks(kept: list[_Cand], text: str) -> list[_Cand]:
    """A clock time next to the day it falls on is one expression: "9 a.m. Tuesday", "5 p.m. EST,
    Nov. 9", "this Sat, 4:30pm"; so is a part of the day named with it: "the night of April 18"."""
    out: list[_Cand] = []
    for c in kept:
        prev = out[-1] if out else None
        if _RULES[c.rule].handler in _DAYS and c.clock is None:
            part = _PART_OF.search(text, max(0, c.start - 30), c.start)
            if part is not None and (prev is None or prev.end <= part.start()):
                out.append(c._replace(start=part.start(), clock=_PARTS[part["p"].lower()]))
                continue
        if prev is not None and prev.clock is None:
            h1, h2 = _RULES[prev.rule].handler, _RULES[c.rule].handler
            if h1 is _h_clock and h2 in _DAYS and _CLOCK_DAY.fullmatch(text, prev.end, c.start):
                out[-1] = c._replace(start=prev.start, clock=prev.norm.value.rsplit("T", 1)[1])
                continue
            if h1 in _DAYS and h2 is _h_clock and _DAY_CLOCK.fullmatch(text, prev.end, c.start):
                out[-1] = prev._replace(end=c.end, clock=c.norm.value.rsplit("T", 1)[1])
                continue
            if (h1 is _h_holiday and h2 is _h_part_of_day and c.match["x"] == c.match["part"]
                    and text[prev.end:c.start] == " "):  # "Christmas night"
                out[-1] = prev._replace(end=c.end, clock=c.norm.value.rsplit("T", 1)[1])
                continue
        out.append(c)
    return out


_BC_YEAR = re.compile(r"\b\d{1,4}\s*(?:BC|B\.C\.?|BCE)(?![a-z])")


def _is_ancient(text: str) -> bool:
    """Whether the text tells a history before the common era ("in 480 BC"): its year-less dates
    belong to years the calendar helpers cannot hold, never to the publication year."""
    if "BC" not in text and "B.C" not in text:
        return False
    bc = len(_BC_YEAR.findall(text))
    return bc >= 2 and bc >= len(_STORY_YEAR.findall(text))


def _in_antiquity(c: _Cand, n: _Norm, last_bc: int | None) -> _Norm | None:
    """A year-less or anaphoric expression in a history of antiquity: in the year BC just told
    ("the summer" after "481 BC" is BC0481-SU, "the following year" BC0480), else underspecified;
    never the publication year.  Such values have no calendar interval."""
    handler = _RULES[c.rule].handler
    if n.value.startswith(_ANAPHOR):
        kind, unit, *_ = n.value[len(_ANAPHOR):].split("|")
        if kind != "shift" and unit == "year" and last_bc is not None:
            return _Norm("DATE", f"BC{last_bc - _STEPS.get(kind, 0):04d}", n.mod)
        return _unanchored(n)
    under = handler(c.match, _Ctx(None, None))  # the value without a year: "XXXX-SU"
    if under is None:
        return None
    if last_bc is not None and handler in _YEARLESS and under.value.startswith("XXXX"):
        return _Norm(under.type, f"BC{last_bc:04d}" + under.value[4:], under.mod)
    return _Norm(under.type, under.value, under.mod)


_LIST_JOIN = re.compile(r"\s*(?:,\s*)?(?:(?i:and|or|to|through|until)\s+|[-–]\s*)?")


def _share_years(kept: list[_Cand], text: str) -> list[_Cand]:
    """A year-less month listed with a dated one takes its year: "in April and June 1955",
    "August, September and October 1914" (a month after the dated one, the year before)."""
    out = list(kept)
    for i in range(len(out) - 2, -1, -1):
        c, nxt = out[i], out[i + 1]
        if _RULES[c.rule].handler is not _h_month:
            continue
        if nxt.norm.anchor is not None or nxt.norm.date is None or nxt.norm.date.precision not in ("month", "day"):
            continue
        if not _LIST_JOIN.fullmatch(text, c.end, nxt.start) or nxt.start - c.end > 12:
            continue
        other = nxt.norm.date.earliest
        mon = _month_num(_g(c.match, "mon"))
        dv = dates.month(other.year if mon <= other.month else other.year - 1, mon, mod=c.norm.mod)
        out[i] = c._replace(norm=_Norm("DATE", dv.value, dv.mod, None, dv))
    return out


def _keeps_anchor(t: TimeExpr, last: TimeExpr | None, raw: _Norm) -> bool:
    """Whether the date just told stays the one later dates count from after ``t``.

    ``t`` is only "today" told in a history (the writer's day, not the story's), a coarser period
    around that date ("On December 7, 1941, ... In 1941, ..."), or a look back from it ("the
    previous year", "two days earlier"): the story has not moved.
    """
    if last is None or last.date is None or t.date is None:
        return False
    a, b = last.date, t.date
    if (_PRECISION_RANK[b.precision] > _PRECISION_RANK[a.precision] and b.earliest <= a.earliest
            and (a.latest or a.earliest) <= (b.latest or b.earliest)):
        return True
    if raw.value.startswith(_ANAPHOR):
        kind, *rest = raw.value[len(_ANAPHOR):].split("|")
        return kind in ("previous", "preceding") or (kind == "shift" and rest[2] == "-1")
    return False


def _split_range(c: _Cand, n: _Norm) -> list[tuple[int, int, _Norm]]:
    """A range is two TIMEX3s, one per end ("between [June] and [August 2017]", "[1998]-[99]").

    TimeML annotates the ends of a range separately (the joining word is a signal); each end
    keeps the year the range gave it.
    """
    handler = _RULES[c.rule].handler
    m = c.match
    if "/" not in n.value or handler not in _RANGE_GROUPS:
        return [(c.start, c.end, n)]
    first_end, second_start = _RANGE_GROUPS[handler]
    if not m.groupdict().get(second_start):
        return [(c.start, c.end, n)]
    start1 = m.start("mon") if handler is _h_month_range else (m.start("y") if handler is _h_year_range else c.start)
    spans = ((start1, m.end(first_end)), (m.start(second_start), c.end))
    parts: list[tuple[int, int, _Norm]] = []
    for (start, end), value in zip(spans, n.value.split("/", 1), strict=True):
        dv = dates.parse_iso(value) if not value.startswith("X") else None
        parts.append((start, end, _Norm(n.type, value, n.mod, n.anchor, dv)))
    return parts


def _yearless(n: _Norm) -> bool:
    """A value a year-less handler resolved against the DCT or left underspecified."""
    return n.anchor == "dct" or n.value.startswith("XXXX")


_STORY_YEAR = re.compile(
    rf"\b(?:in|In|of|By|by|until|early|late|mid-?|{_MON_FULL}(?:\s+\d{{1,2}},?)?)\s+(?P<y>{_YEAR})")
"""An explicit year a story may be told in.  "Since 1963" is not one: it opens a state that lasts
to the writer's day ("the emergency law, in place since 1963"), which is the present's view."""
_OPENS = re.compile(r"(?i)\bsince\s+(?:(?:early|late|mid-?)\s*)?$")
"""A date right after "since": where a state begins, not a time the story moves to."""


_DCT_WORDS = re.compile(
    rf"\b(?:{_WD}|(?i:yesterday|today|tomorrow|tonight)|(?i:last|this|next)\s+(?i:week|month|year))\b")


def _is_narrative(text: str, dct: dt.date | None) -> bool:
    """Whether year-less dates ("in June", "March 3") follow the story's own time line.

    Without a DCT they do not (news means the current year, which is unknown; the values stay
    underspecified for linking to resolve).  With one, a text whose explicit years ("in 1944",
    "by 1917"; not "since 1963") lie mostly two years or more before the DCT is history told as a
    story (an encyclopedia article, a retrospective); news names its own year only in passing.
    Unless words that count from the publication day ("Tuesday", "yesterday", "last week") are
    about as common as those years: then it is news that tells some history.
    """
    if dct is None:
        return False  # news without a date: "in June" is this year's June, which nobody knows yet
    years = sorted(int(m["y"]) for m in _STORY_YEAR.finditer(text))
    if len(years) < 2 or years[len(years) // 2] > dct.year - 2:
        return False
    return 2 * len(_DCT_WORDS.findall(text)) < len(years)


def _unanchored(norm: _Norm) -> _Norm | None:
    """An anaphor with nothing to point back to: a shift ("seven months later") is a duration
    (its span is cut to the quantity by the caller); "the next morning" is a morning of a day
    the text does not say; "that day" is dropped."""
    kind, *rest = norm.value[len(_ANAPHOR):].split("|")
    if kind == "shift":
        return _Norm("DURATION", rest[3], norm.mod)
    if rest and rest[0] in _PARTS:
        return _Norm("TIME", f"XXXX-XX-XXT{_PARTS[rest[0]]}", norm.mod)
    return None


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 4, "half": 5,
                   "year": 6, "decade": 7, "century": 8}


def resolve_in_sentence(times: Iterable[TimeExpr], sent_start: int, sent_end: int) -> TimeExpr | None:
    """The DATE/TIME expression with a calendar date inside ``[sent_start, sent_end)``.

    The most specific wins: a real date before a reference ("now"), then the finer precision,
    a single period before a range, and the earlier one on a tie.
    """
    best: TimeExpr | None = None
    best_key: tuple[int, int, int, int] | None = None
    for t in times:
        if t.date is None or t.type not in ("DATE", "TIME"):
            continue
        if t.span.start < sent_start or t.span.end > sent_end:
            continue
        key = (1 if t.value.endswith("_REF") else 0, _PRECISION_RANK[t.date.precision],
               1 if "/" in t.value else 0, t.span.start)
        if best_key is None or key < best_key:
            best, best_key = t, key
    return best
