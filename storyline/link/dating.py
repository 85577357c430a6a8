"""Publication dates for articles that carry none in their metadata.

Order of trust: metadata (``article.published``) > a dateline in the text
(``analysis.dateline``, method ``explicit``) > an ``inferred`` lower bound:

* from the article's own text: the latest absolute date it mentions (a time
  expression with a calendar ``date`` and no ``anchor``; relative ones cannot be
  resolved without the date we are looking for).  A mention of "July 13, 2017"
  means the article was written on or after 2017-07-13, a mention of "2017" on
  or after 2017-01-01 (``date.earliest``); future-tense mentions cannot be told
  apart in the records, which is why only the earliest day is used;
* from other articles: an event the article reports (same type, a shared actor
  entity) that a dated article dates from its own clause happened on or after
  that date's earliest day; with several such events the smallest date is used.

An inferred date is an open interval: ``earliest`` is the bound, ``latest`` is
``None``, ``value``/``precision`` those of the expression that set the bound.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from storyline.link.entities import EntityIndex
from storyline.model import Article, ArticleAnalysis, DateValue, EventMention, Published, Span

__all__ = ["ArticleDates", "date_articles"]

_PRECISION_RANK = {p: i for i, p in enumerate(
    ["day", "week", "month", "season", "quarter", "half", "year", "decade", "century"])}


@dataclasses.dataclass(frozen=True)
class ArticleDates:
    """``published``: what linking found for articles without metadata (goes to the story);
    ``effective``: the date each article is taken to have (metadata > dateline > inferred)."""

    published: dict[str, Published]
    effective: dict[str, Published]


def date_articles(
    pairs: Sequence[tuple[Article, ArticleAnalysis | None]], entities: EntityIndex,
) -> ArticleDates:
    effective: dict[str, Published] = {}
    published: dict[str, Published] = {}
    undated: list[tuple[Article, ArticleAnalysis]] = []
    for article, analysis in pairs:
        if article.published is not None:
            effective[article.id] = article.published
        elif analysis is not None and analysis.dateline is not None:
            effective[article.id] = published[article.id] = analysis.dateline
        elif analysis is not None:
            undated.append((article, analysis))
    dated_events = _index_dated_events(pairs, effective, entities)
    for article, analysis in undated:
        found = _infer(analysis, dated_events, entities)
        if found is not None:
            effective[article.id] = published[article.id] = found
    return ArticleDates(published=dict(sorted(published.items())), effective=dict(sorted(effective.items())))


_Bound = tuple[dt.date, DateValue, tuple[Span, ...]]


def _index_dated_events(
    pairs: Sequence[tuple[Article, ArticleAnalysis | None]], effective: dict[str, Published],
    entities: EntityIndex,
) -> dict[tuple[str, str], EventMention]:
    """(type, actor entity) -> the earliest-dated mention of a dated article."""
    index: dict[tuple[str, str], EventMention] = {}
    for article, analysis in pairs:
        if analysis is None or article.id not in effective:
            continue
        for ev in analysis.events:
            if ev.date is None or ev.date_basis not in ("clause", "narrative"):
                continue
            for actor in entities.entities_at(ev.actors):
                known = index.get((ev.type, actor))
                if known is None or _earliest(ev) < _earliest(known):
                    index[(ev.type, actor)] = ev
    return index


def _earliest(ev: EventMention) -> tuple[dt.date, str]:
    return (ev.date.earliest if ev.date else dt.date.max, ev.id)


def _own_bound(analysis: ArticleAnalysis) -> _Bound | None:
    times = [t for t in analysis.times
             if t.date is not None and t.anchor is None and t.type in ("DATE", "TIME")]
    if not times:
        return None
    lower = max(t.date.earliest for t in times if t.date is not None)
    at = [t for t in times if t.date is not None and t.date.earliest == lower]
    best = min(at, key=lambda t: (_PRECISION_RANK.get(t.date.precision, 99) if t.date else 99, t.span))
    assert best.date is not None
    value = DateValue(value=best.date.value, earliest=lower, latest=None, precision=best.date.precision)
    return lower, value, tuple(sorted(t.span for t in at))


def _cross_bound(
    analysis: ArticleAnalysis, dated: dict[tuple[str, str], EventMention], entities: EntityIndex,
) -> _Bound | None:
    best: _Bound | None = None
    for ev in analysis.events:
        candidates = [m for actor in entities.entities_at(ev.actors) if (m := dated.get((ev.type, actor)))]
        if not candidates:
            continue
        # with several dated candidates the earliest one is the safe bound
        other = min(candidates, key=_earliest)
        assert other.date is not None
        lower = other.date.earliest
        if best is None or lower > best[0]:
            value = DateValue(value=other.date.value, earliest=lower, latest=None,
                              precision=other.date.precision)
            best = (lower, value, tuple(sorted((ev.span, other.span))))
    return best


def _infer(
    analysis: ArticleAnalysis, dated: dict[tuple[str, str], EventMention], entities: EntityIndex,
) -> Published | None:
    own = _own_bound(analysis)
    cross = _cross_bound(analysis, dated, entities)
    if own is None and cross is None:
        return None
    if own is None or (cross is not None and cross[0] > own[0]):
        assert cross is not None
        return Published(date=cross[1], method="inferred", evidence=cross[2])
    evidence = own[2]
    if cross is not None and cross[0] == own[0]:
        evidence = tuple(sorted(set(evidence) | set(cross[2])))
    return Published(date=own[1], method="inferred", evidence=evidence)
