"""Small builders for the records that link consumes, written by hand (no spaCy)."""

from __future__ import annotations

import datetime as dt

import msgspec

from storyline import dates
from storyline.ids import article_id, make_id
from storyline.model import (
    Article,
    ArticleAnalysis,
    ClaimMention,
    DateValue,
    EntityMention,
    EventMention,
    Published,
    Quote,
    Span,
    TimeExpr,
)


def art(text: str, *, published: str | None = None, duplicate_of: str | None = None) -> Article:
    pub = None
    if published is not None:
        pub = Published(date=dates.day(dt.date.fromisoformat(published)), method="metadata")
    return Article(id=article_id(text), source="t.txt", text=text, published=pub, duplicate_of=duplicate_of)


def span(article: Article, text: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(text, start + 1)
    return Span(article=article.id, start=start, end=start + len(text), text=text)


def ent(
    article: Article,
    text: str,
    label: str = "PERSON",
    *,
    key: str | None = None,
    nth: int = 0,
    refers_to: str | None = None,
    attrs: dict[str, str] | None = None,
    **attributes: str,
) -> EntityMention:
    ref = span(article, refers_to).start if refers_to else None
    return EntityMention(
        span=span(article, text, nth),
        label=label,
        key=key or text.lower(),
        attributes={**(attrs or {}), **attributes},
        refers_to=ref,
    )


def day(iso: str) -> DateValue:
    return dates.day(dt.date.fromisoformat(iso))


def timex(article: Article, text: str, value: DateValue, *, anchor: str | None = None) -> TimeExpr:
    s = span(article, text)
    return TimeExpr(
        id=make_id("t", s.article, s.start, s.end),
        span=s,
        type="DATE",
        value=value.value,
        anchor=anchor,
        date=value,
    )


def event(
    article: Article,
    trigger: str,
    type: str = "SANCTION",
    *,
    clause: str | None = None,
    actors: tuple[str, ...] = (),
    targets: tuple[str, ...] = (),
    date: DateValue | None = None,
    basis: str | None = None,
    modality: str = "asserted",
    nth: int = 0,
) -> EventMention:
    trig = span(article, trigger, nth)
    sp = span(article, clause) if clause else trig
    return EventMention(
        id=make_id("m", article.id, trig.start),
        span=sp,
        trigger=trig,
        type=type,
        modality=modality,  # type: ignore[arg-type]
        actors=tuple(span(article, a) for a in actors),
        targets=tuple(span(article, t) for t in targets),
        date=date,
        date_basis=basis if basis else ("clause" if date else None),
    )


def claim(
    article: Article,
    text: str,
    subject: str,
    low: float | None,
    high: float | None,
    *,
    approx: str | None = None,
    unit: str = "",
) -> ClaimMention:
    s = span(article, text)
    return ClaimMention(
        id=make_id("c", s.article, s.start),
        span=s,
        subject=subject,
        value=text,
        unit=unit,
        low=low,
        high=high,
        approx=approx,
    )


def quote(article: Article, words: str, speaker: str) -> Quote:
    s = span(article, words)
    return Quote(
        id=make_id("q", s.article, s.start), span=s, kind="direct", cue="said", speaker=span(article, speaker)
    )


def analysis(article: Article, **fields: object) -> ArticleAnalysis:
    return msgspec.structs.replace(ArticleAnalysis(article=article.id), **fields)
