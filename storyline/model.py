"""The typed records that flow from stage to stage.

One definition each.  The :class:`Article` owns its cleaned text; every other
per-article record is a view into it: a ``(article, start, end)`` span whose
``text`` equals ``article.text[start:end]``.

Records are :mod:`msgspec` structs: immutable, cheap to build, picklable across
process pools, and encoded to / decoded from JSON by the store without any
hand-written serialisation code.  They are built once and never point back at
what holds them, so none can be part of a reference cycle: each is declared
``gc=False``, which keeps the millions a large story decodes out of the cyclic
garbage collector's passes (10% of linking time) and a little smaller.

Dates are ``datetime.date`` values; ISO strings cut to a precision ("2017",
"2017-07", "2017-07-13") live in ``value`` fields.
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal

import msgspec

__all__ = [
    "Article",
    "ArticleAnalysis",
    "Claim",
    "ClaimMention",
    "Conflict",
    "DateValue",
    "Entity",
    "EntityMention",
    "Event",
    "EventMention",
    "MergeReason",
    "Problem",
    "Published",
    "Quote",
    "Removed",
    "Sentence",
    "Span",
    "Story",
    "TimeExpr",
]

Precision = Literal["day", "week", "month", "season", "quarter", "half", "year", "decade", "century"]
PublishedMethod = Literal["metadata", "explicit", "inferred"]
Modality = Literal["asserted", "reported", "requested", "negated", "hypothetical"]
QuoteKind = Literal["direct", "partial", "indirect"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


class Span(msgspec.Struct, frozen=True, order=True, gc=False):
    """A view into one article's text: ``text == article.text[start:end]``."""

    article: str
    start: int
    end: int
    text: str


class DateValue(msgspec.Struct, frozen=True, gc=False):
    """A calendar date as precise as its evidence and no more.

    ``value`` is ISO 8601 cut to the precision ("2017", "2017-07", "2017-07-13",
    "2017-W27", "2017-SU", "2017-Q2", "2017-H1", "201" for a decade);
    ``earliest``/``latest`` are the full days of the interval it covers
    (``latest`` is ``None`` only for an open-ended "on or after" bound).
    ``mod`` carries a TIMEX3 modifier (EARLY, MID, LATE, START, END, APPROX, ...).
    """

    value: str
    earliest: _dt.date
    latest: _dt.date | None
    precision: Precision
    mod: str | None = None


class Removed(msgspec.Struct, frozen=True, gc=False):
    """A piece of reader-facing debris that cleaning took out of an article."""

    text: str
    reason: str


class Published(msgspec.Struct, frozen=True, gc=False):
    """When an article was published, how we know, and the spans that say so.

    ``method`` is ``metadata`` (a header line, HTML metadata, a JSON field),
    ``explicit`` (a dateline in the text) or ``inferred`` (reasoned from the
    dates the text mentions and from other articles).
    """

    date: DateValue
    method: PublishedMethod
    evidence: tuple[Span, ...] = ()


class Article(msgspec.Struct, frozen=True, gc=False):
    """One news article, cleaned.  ``id`` is ``"a-"`` + a hash of ``text``."""

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: Published | None = None
    removed: tuple[Removed, ...] = ()
    duplicate_of: str | None = None
    """Id of the earlier article this one is a (near-)copy of; such copies are
    stored and exported but never analysed or counted as an independent source."""


class Problem(msgspec.Struct, frozen=True, gc=False):
    """A piece of input that could not be read: one line of the build report."""

    source: str
    code: str
    message: str

    def line(self) -> str:
        return f"{self.source}: [{self.code}] {self.message}"


class Sentence(msgspec.Struct, frozen=True, gc=False):
    start: int
    end: int


class EntityMention(msgspec.Struct, frozen=True, gc=False):
    """A name (or title, acronym, pronoun standing for a name) in one article.

    ``key`` is the normalised name used to block and merge across articles;
    ``attributes`` holds what the surrounding text says (title, party, state,
    affiliation).  ``refers_to`` points, for a surname-only, title-only or
    pronoun mention, at the start offset of the fuller mention it stands for.
    """

    span: Span
    label: str
    key: str
    attributes: dict[str, str] = {}
    refers_to: int | None = None


class TimeExpr(msgspec.Struct, frozen=True, gc=False):
    """A time expression normalised with TIMEX3 semantics.

    ``id`` is ``"t-"`` + hash of (article, start, end).  ``anchor`` is what a
    relative expression was resolved against: ``"dct"`` (the publication date),
    another time id, an event id, or ``None``.  ``date`` is the calendar
    interval of a DATE/TIME value when it has one.
    """

    id: str
    span: Span
    type: TimeType
    value: str
    mod: str | None = None
    anchor: str | None = None
    date: DateValue | None = None


class Quote(msgspec.Struct, frozen=True, gc=False):
    """Words attributed to a speaker.  ``span`` covers the quoted words only."""

    id: str
    span: Span
    kind: QuoteKind
    cue: str | None
    speaker: Span | None = None
    """The words naming the speaker (a name, a pronoun, "the letter")."""
    authors: tuple[Span, ...] = ()
    """For a non-person source ("the letter", "a statement"), the names of its authors where the
    text says who they are ("a letter signed by X and Y"); empty otherwise."""


class EventMention(msgspec.Struct, frozen=True, gc=False):
    """One clause that reports an action.

    ``span`` is the clause or sentence, ``trigger`` the word(s) naming the event,
    ``actors``/``targets`` spans of entity mentions (same article), ``date`` from
    the clause's own time expression (``time`` is its id) or, failing that, from
    the article's date with the precision it supports (``date_basis`` says which:
    ``"clause"``, ``"narrative"``, ``"article"``).
    """

    id: str
    span: Span
    trigger: Span
    type: str
    modality: Modality
    mode: str | None = None
    cameo: str | None = None
    actors: tuple[Span, ...] = ()
    targets: tuple[Span, ...] = ()
    location: Span | None = None
    date: DateValue | None = None
    time: str | None = None
    date_basis: str | None = None
    actor_codes: tuple[str, ...] = ()
    """CAMEO-style code of each actor ("USAGOV", "RUSMIL", "IGO"; "" when unknown), same order."""
    target_codes: tuple[str, ...] = ()
    """CAMEO-style code of each target, as ``actor_codes``."""
    lemma: str | None = None
    """The lemma of the word naming the event (the event noun of "imposed sanctions"), for linking."""
    subject: Span | None = None
    """The words naming who acted when no entity does ("both leaders", "the officials"): the
    event has an actor, only not a named one (``None`` when ``actors`` names it, or nothing does)."""


class ClaimMention(msgspec.Struct, frozen=True, gc=False):
    """A numeric claim: ``low``..``high`` of ``unit`` about ``subject``.

    ``subject`` is a normalised key ("people detained", "members of congress
    signed"); ``approx`` the qualifier read from the text ("more than",
    "about", ...).  "More than 50" is ``low=51, high=None``.
    """

    id: str
    span: Span
    subject: str
    value: str
    unit: str
    low: float | None
    high: float | None
    approx: str | None = None


class ArticleAnalysis(msgspec.Struct, frozen=True, gc=False):
    """Everything the per-article stage found in one article."""

    article: str
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[EntityMention, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[EventMention, ...] = ()
    claims: tuple[ClaimMention, ...] = ()
    dateline: Published | None = None
    """A publication date read from the text itself (method ``explicit``)."""


# ----------------------------------------------------------------- the story


class MergeReason(msgspec.Struct, frozen=True, gc=False):
    """Why two records were merged: ``rule`` names the rule, ``detail`` says how."""

    rule: str
    detail: str


class Entity(msgspec.Struct, frozen=True, gc=False):
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]
    attributes: dict[str, str] = {}
    reasons: tuple[MergeReason, ...] = ()


class Event(msgspec.Struct, frozen=True, gc=False):
    """A canonical event: every mention that reports it, merged across articles."""

    id: str
    type: str
    modality: Modality
    mentions: tuple[EventMention, ...]
    summary: str
    date: DateValue | None = None
    mode: str | None = None
    cameo: str | None = None
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    location: str | None = None
    sources: int = 1
    """Number of independent articles reporting it (copies not counted)."""
    reasons: tuple[MergeReason, ...] = ()
    codes: dict[str, str] = {}
    """Actor/target entity id -> its CAMEO-style code, where the mentions gave one."""
    salience: float = 0.0
    """How much the event matters to the story (``timeline.salience``): sources, actors, centrality."""


class Claim(msgspec.Struct, frozen=True, gc=False):
    id: str
    subject: str
    value: str
    unit: str
    span: Span
    low: float | None = None
    high: float | None = None
    approx: str | None = None


class Conflict(msgspec.Struct, frozen=True, gc=False):
    id: str
    about: str
    claims: tuple[str, ...]


class Story(msgspec.Struct, frozen=True, gc=False):
    """What linking produces from all the analyses (articles stay in the store).

    ``published`` holds the dates linking inferred for undated articles
    (article id -> :class:`Published` with method ``inferred`` or ``explicit``).
    ``quotes`` maps quote id -> entity id of the speaker when one was resolved.
    """

    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    published: dict[str, Published] = {}
    speakers: dict[str, str] = {}
