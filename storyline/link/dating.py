"""Publication dates for articles that carry none in their metadata.

Order of trust: metadata (``article.published``) > a dateline in the text
(``analysis.dateline``, method ``explicit``) > an ``inferred`` interval.

An inferred date is an interval ``[earliest, latest]`` with a point estimate (``value``, cut
to the precision the evidence supports) and the spans it rests on.  Constraints:

In the article (its time expressions; relative ones stay unresolved without a DCT):

* lower bound: the latest absolute date it mentions (an expression with a calendar ``date``
  and no ``anchor``): "July 13, 2017" means written on or after 2017-07-13, "2017" on or
  after 2017-01-01.  A bare year later than every day or month the article names is taken for
  a plan ("the 2035 target") and ignored, and so is a date the words before it put in the
  future ("will be sentenced on May 3", "is due to resume on 8 October"), and so is a date
  stamped with a clock time in the body of the page (a reader's comment, an update, the print
  edition: "At 6:19 pm on 1 June, X wrote"), made after the article;
* upper bound: a weekday named in the text ("on Tuesday") that is the weekday of that latest day,
  outside the sentence naming that day ("Thursday, June 25, 2009" only spells out an old day),
  puts the article within the week after it (past-tense news names the days of the current week
  by their weekday); otherwise the article alone gives none (news dates past years explicitly,
  so an explicit old date says nothing about how much later the article was written);
* "last year" / "next year" beside an explicit year in the same sentence pins the year.

Across articles of the story (the other articles' dates known):

* an event the article tells as done (same type, a shared actor entity that is not a whole
  people, and a shared target entity when either names one) that a dated article dates
  from its own clause, tells as done (asserted or reported) and dates no later than its own
  publication, happened on or after that date's earliest day (a lower bound);
* the dated articles most like it (shared entities, days and words, weighted by rarity;
  year-less "July 13" meets "2017-07-13") bound it from above and place the point estimate at
  their median date weighted by similarity (a near copy outvotes looser look-alikes): their date
  range widened by :data:`HORIZON` ``["day"]`` days, by half a year when fewer than three are alike;
  their range also raises a lower bound from an old date the article recalls ("since 1952");
* the look-alikes outvote weak bounds: a bound from a matched event that lies after their
  (weighted) median date is dropped, and so is a lower bound from the article's own dates that
  lies after their whole range plus the margin (a plan or a schedule the future words missed),
  and an upper bound of its own (a weekday) before that median (a weekday that only happens to
  fall on an old day it recalls);
* the dated articles whose latest mentioned day is the same day tell how soon this story
  reports such a day: the point estimate is that day plus their median lag.

Without context the point estimate is the latest day mentioned plus one day (news reports
yesterday's events), or the start of the latest period mentioned.  ``value`` is the point cut
to what the interval supports: a day within a quarter's width, a month within less than a
year's (a whole year stays the year), else the year.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import statistics
from collections.abc import Mapping, Sequence

import numpy as np

from storyline.analyze.dateline import WINDOW
from storyline.link.background import feature_idf, word_share
from storyline.link.entities import EntityIndex
from storyline.link.similarity import article_features
from storyline.model import Article, ArticleAnalysis, DateValue, EventMention, Published, Span, TimeExpr

__all__ = ["ArticleDates", "HORIZON", "date_articles", "infer_published"]

_PRECISION_RANK = {p: i for i, p in enumerate(
    ["day", "week", "month", "season", "quarter", "half", "year", "decade", "century"])}

HORIZON = {"day": 30, "half": 90}
"""Margins in days: ``day`` around the dates of three or more similar articles (and the least
room above a lower bound they leave); ``half``, doubled, around one or two."""

_WEEKDAY = re.compile(r"XXXX-WXX-([1-7])")
_LAST_YEAR = re.compile(r"(?i)\b(last|next)\s+year\b")


@dataclasses.dataclass(frozen=True)
class ArticleDates:
    """``published``: what linking found for articles without metadata (goes to the story);
    ``effective``: the date each article is taken to have (metadata > dateline > inferred)."""

    published: dict[str, Published]
    effective: dict[str, Published]


@dataclasses.dataclass(frozen=True)
class _Context:
    """What the dated articles of the story say."""

    events: dict[tuple[str, str], EventMention]
    lags: dict[dt.date, list[int]]
    """A day mentioned as the latest absolute day of a dated article -> its publication lags in days."""
    neighbours: _Neighbours | None = None
    features: Mapping[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    """Article id -> :func:`article_features`, where the caller computed them already."""

    def features_of(self, article: Article, analysis: ArticleAnalysis, entities: EntityIndex) -> frozenset[str]:
        found = self.features.get(article.id)
        return found if found is not None else article_features(analysis, entities, article.text)


_NEIGHBOURS = 5
"""How many most similar dated articles vote on an undated article's date."""
_COMMON_WORD = 0.1
"""A word in more than this share of news articles (:func:`~storyline.link.background.word_share`)
says nothing of when an article was written, and would make the vote cost quadratic: it is not
looked up."""


class _Neighbours:
    """Dated articles described by what they share with others (:func:`article_features`:
    entities, days, month-days, words); a rarer feature weighs more (its idf in news at large,
    :func:`~storyline.link.background.feature_idf`, not in the story: the neighbours of an undated
    article do not change when an article about something else is added), and a common word is
    not looked up.
    """

    def __init__(self, dated: list[tuple[str, dt.date, frozenset[str]]]) -> None:
        self.dated = dated
        postings: dict[str, list[int]] = {}
        for i, (_, _, feats) in enumerate(dated):
            for f in feats:
                postings.setdefault(f, []).append(i)
        weights = {f: w for f in postings
                   if not (f.startswith("w:") and word_share(f[2:]) > _COMMON_WORD) and (w := feature_idf(f)) > 0}
        # the looked-up features, numbered in sorted order, each with its dated articles (one
        # array, cut at ``_starts``) and its weight
        order = sorted(weights)
        self._feature = {f: k for k, f in enumerate(order)}
        self._starts = np.zeros(len(order) + 1, dtype=np.int64)
        np.cumsum([len(postings[f]) for f in order], out=self._starts[1:])
        self._rows = np.fromiter(itertools.chain.from_iterable(postings[f] for f in order), dtype=np.int64,
                                 count=int(self._starts[-1]))
        self._weight = np.array([weights[f] for f in order], dtype=np.float64)
        self._place = {article_id: i for i, (article_id, _, _) in enumerate(dated)}
        self.span = (min(d for _, d, _ in dated), max(d for _, d, _ in dated)) if dated else None

    def nearest(self, article_id: str, feats: frozenset[str]) -> list[tuple[float, dt.date, frozenset[str]]]:
        """The :data:`_NEIGHBOURS` dated articles (not ``article_id``) whose shared features weigh
        most, most first (ties: the earlier in ``dated``), with their score, date and the shared
        features.  Each score is summed in the features' sorted order, so it is the same whatever
        order a set iterates in."""
        found = sorted(k for f in feats if (k := self._feature.get(f)) is not None)
        if not found:
            return []
        keys = np.array(found, dtype=np.int64)
        firsts, lasts = self._starts[keys], self._starts[keys + 1]
        rows = np.concatenate([self._rows[a:b] for a, b in zip(firsts.tolist(), lasts.tolist(), strict=True)])
        scores = np.bincount(rows, weights=np.repeat(self._weight[keys], lasts - firsts), minlength=len(self.dated))
        me = self._place.get(article_id)
        if me is not None:
            scores[me] = 0.0
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > _NEIGHBOURS:  # only those scoring at least the fifth best can rank
            fifth = np.partition(scores[candidates], len(candidates) - _NEIGHBOURS)[len(candidates) - _NEIGHBOURS]
            candidates = candidates[scores[candidates] >= fifth]
        ranked = sorted(candidates.tolist(), key=lambda i: (-scores[i], i))[:_NEIGHBOURS]
        return [(float(scores[i]), self.dated[i][1], self.dated[i][2] & feats) for i in ranked]


def date_articles(
    pairs: Sequence[tuple[Article, ArticleAnalysis | None]], entities: EntityIndex,
    features: Mapping[str, frozenset[str]] | None = None,
) -> ArticleDates:
    """Publication dates: each article's own, else inferred (see the module docstring).

    ``features`` (article id -> :func:`~storyline.link.similarity.article_features`) saves
    computing them again when the caller has them.
    """
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
    context = _Context(_index_dated_events(pairs, effective, entities), _index_lags(pairs, effective),
                       features=features or {})
    neighbours = _Neighbours([
        (article.id, effective[article.id].date.earliest, context.features_of(article, analysis, entities))
        for article, analysis in pairs if analysis is not None and article.id in effective
    ]) if undated else None
    context = dataclasses.replace(context, neighbours=neighbours)
    for article, analysis in undated:
        found = infer_published(article, analysis, context, entities)
        if found is not None:
            effective[article.id] = published[article.id] = found
    return ArticleDates(published=dict(sorted(published.items())), effective=dict(sorted(effective.items())))


def _index_dated_events(
    pairs: Sequence[tuple[Article, ArticleAnalysis | None]], effective: dict[str, Published],
    entities: EntityIndex,
) -> dict[tuple[str, str], EventMention]:
    """(type, actor entity) -> the earliest-dated mention of a dated article: an event it tells as
    done (asserted or reported) on a day no later than its own, never a plan or a request."""
    index: dict[tuple[str, str], EventMention] = {}
    for article, analysis in pairs:
        if analysis is None or article.id not in effective:
            continue
        written = effective[article.id].date.latest or effective[article.id].date.earliest
        peoples = _peoples(analysis, entities)
        for ev in analysis.events:
            if ev.date is None or ev.date_basis not in ("clause", "narrative") or ev.date.earliest > written \
                    or ev.modality not in _DONE:
                continue
            for actor in _agents(ev, peoples, entities):
                known = index.get((ev.type, actor))
                if known is None or _earliest(ev) < _earliest(known):
                    index[(ev.type, actor)] = ev
    return index


def _index_lags(
    pairs: Sequence[tuple[Article, ArticleAnalysis | None]], effective: dict[str, Published],
) -> dict[dt.date, list[int]]:
    lags: dict[dt.date, list[int]] = {}
    for article, analysis in pairs:
        pub = effective.get(article.id)
        if analysis is None or pub is None or pub.date.precision != "day":
            continue
        day = pub.date.earliest
        mentioned = [t.date.earliest for t in _absolute(analysis.times)
                     if t.date is not None and t.date.precision == "day" and t.date.earliest <= day]
        if mentioned:
            latest = max(mentioned)
            if (day - latest).days <= HORIZON["day"]:
                lags.setdefault(latest, []).append((day - latest).days)
    return lags


_DONE = frozenset({"asserted", "reported"})
"""Modalities of an event told as having happened (not requested, negated or hypothetical)."""


def _peoples(analysis: ArticleAnalysis, entities: EntityIndex) -> frozenset[str]:
    """The entities the article names as a whole people or group ("Egyptian", "Democrats")."""
    return frozenset(e for m, e in zip(analysis.mentions, entities.of_mentions(analysis), strict=True)
                     if e is not None and m.label == "NORP")


def _agents(ev: EventMention, peoples: frozenset[str], entities: EntityIndex) -> list[str]:
    """The entities acting in ``ev`` that can tie it to one event elsewhere: a people ("Egyptian
    protesters", "the Egyptian people") acts in countless events of a story, so it does not."""
    return [e for e in entities.entities_at(ev.actors) if e not in peoples]


def _earliest(ev: EventMention) -> tuple[dt.date, str]:
    return (ev.date.earliest if ev.date else dt.date.max, ev.id)


def _absolute(times: Sequence[TimeExpr]) -> list[TimeExpr]:
    """Dates the text fixes on its own: no anchor, a calendar interval, not a reference."""
    return [t for t in times if t.date is not None and t.anchor is None and t.type in ("DATE", "TIME")
            and t.date.latest is not None and not t.value.endswith("_REF")]


# Words that put the date after them in the future ("will be sentenced on May 3", "is due to
# resume on 8 October", "scheduled for next month", "set for", "expected by", "a new trial date of"): such a date says
# the article was written *before* it, so it never bounds the date from below.
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|due|scheduled|set to|set for|expected|plans?|planned|planning|upcoming|"
    r"aims? to|deadline|until|by the end of|(?:is|are|was|were) to|take place|(?:new|next)\s+(?:\w+\s+)?date)\b"
    r"[^,;:.!?]*$",
    re.IGNORECASE,
)
_CLAUSE_REACH = 80


def _future(text: str, t: TimeExpr) -> bool:
    """Whether the words just before ``t`` in its clause put it in the future."""
    before = text[max(0, t.span.start - _CLAUSE_REACH):t.span.start]
    return _FUTURE.search(before) is not None


_CLOCK = re.compile(r"\d{1,2}[:.]\d\d(?!\d)")
_CLOCK_REACH = 15


def _stamped(text: str, t: TimeExpr) -> bool:
    """Whether ``t`` is a date with a clock time beside it in the body of the page ("At 6:19 pm on
    1 June, a reader wrote", "12 August - 23:07", "printed on 08.53 BST on 6 May"): the stamp of a
    comment, an update or a print edition, made after the article; the dateline window is left
    to :func:`~storyline.analyze.dateline.find_dateline`."""
    if t.span.start < WINDOW:
        return False
    around = text[max(0, t.span.start - _CLOCK_REACH):t.span.end + _CLOCK_REACH]
    return _CLOCK.search(around) is not None


def _bounding(times: list[TimeExpr]) -> list[TimeExpr]:
    """The mentions that may bound the date from below.

    A bare year later than every day or month the article names is most often a plan ("the
    2035 target", "elections in 2013"), so years count only up to the year of the latest finer
    date when there is one.
    """
    fine = [t for t in times if t.date is not None and _PRECISION_RANK[t.date.precision] <= 2]
    if not fine:
        return times
    top = max(t.date.earliest for t in fine if t.date is not None).year
    return [t for t in times if t.date is not None and (_PRECISION_RANK[t.date.precision] <= 2
                                                         or t.date.earliest.year <= top)]


@dataclasses.dataclass
class _Interval:
    earliest: dt.date
    latest: dt.date | None
    point: dt.date
    precision: str
    evidence: set[Span]


def _own(analysis: ArticleAnalysis, text: str) -> _Interval | None:
    times = _bounding([t for t in _absolute(analysis.times) if not (_future(text, t) or _stamped(text, t))])
    if not times:
        return None
    lower = max(t.date.earliest for t in times if t.date is not None)
    at = [t for t in times if t.date is not None and t.date.earliest == lower]
    best = min(at, key=lambda t: (_PRECISION_RANK.get(t.date.precision, 99) if t.date else 99, t.span))
    assert best.date is not None
    precision = best.date.precision
    point = lower + dt.timedelta(days=1) if precision == "day" else lower
    interval = _Interval(lower, None, point, precision, {t.span for t in at})
    if precision == "day":
        # a weekday in the sentence of the day itself ("Thursday, June 25") only spells that day
        told = {_sentence_of(analysis, t.span.start) for t in at}
        for t in analysis.times:
            m = _WEEKDAY.fullmatch(t.value)
            if m and t.date is None and int(m[1]) - 1 == lower.weekday() \
                    and _sentence_of(analysis, t.span.start) not in told:
                interval.latest = lower + dt.timedelta(days=6)
                interval.evidence.add(t.span)
                break
    _year_words(analysis, times, interval)
    return interval


def _sentence_of(analysis: ArticleAnalysis, offset: int) -> int:
    """The index of the sentence holding ``offset`` (-1 when none does)."""
    return next((i for i, s in enumerate(analysis.sentences) if s.start <= offset < s.end), -1)


def _year_words(analysis: ArticleAnalysis, times: Sequence[TimeExpr], iv: _Interval) -> None:
    """"last year" beside "2016" in the same sentence: the article is from 2017."""
    years = [t for t in times if t.date is not None and t.date.precision == "year"]
    if not years:
        return
    for t in analysis.times:
        m = _LAST_YEAR.fullmatch(t.span.text)
        if m is None or t.date is not None:
            continue
        sent = next((s for s in analysis.sentences if s.start <= t.span.start < s.end), None)
        if sent is None:
            continue
        same = [y for y in years if sent.start <= y.span.start < sent.end]
        if not same:
            continue
        assert same[0].date is not None
        y = same[0].date.earliest.year + (1 if m[1].lower() == "last" else -1)
        lo, hi = dt.date(y, 1, 1), dt.date(y, 12, 31)
        if (iv.latest is None or lo <= iv.latest) and hi >= iv.earliest:
            iv.earliest, iv.latest = max(lo, iv.earliest), min(hi, iv.latest or hi)
            iv.point = min(max(iv.point, iv.earliest), iv.latest)
            iv.evidence.update((t.span, same[0].span))
        return


def _cross(analysis: ArticleAnalysis, context: _Context, entities: EntityIndex) -> tuple[dt.date, set[Span]] | None:
    best: tuple[dt.date, set[Span]] | None = None
    peoples = _peoples(analysis, entities)
    for ev in analysis.events:
        if ev.modality not in _DONE:  # "X would resign", "urged X to resign": not yet happened
            continue
        targets = set(entities.entities_at(ev.targets))
        candidates = [m for actor in _agents(ev, peoples, entities) if (m := context.events.get((ev.type, actor)))
                      and _same_targets(targets, set(entities.entities_at(m.targets)))]
        if not candidates:
            continue
        # with several dated candidates the earliest one is the safe bound
        other = min(candidates, key=_earliest)
        assert other.date is not None
        lower = other.date.earliest
        if best is None or lower > best[0]:
            best = (lower, {ev.span, other.span})
    return best


def _same_targets(mine: set[str], theirs: set[str]) -> bool:
    """Whether two mentions of an event type by one actor may be one event: neither names a
    target, or they share one ("X met Y" is not "X met Z")."""
    return (not mine and not theirs) or bool(mine & theirs)


def _near(
    article: Article, analysis: ArticleAnalysis, context: _Context | None, entities: EntityIndex | None,
) -> _Interval | None:
    """The interval spanned by the dated articles most like this one, around their median date."""
    if context is None or context.neighbours is None or entities is None:
        return None
    found = context.neighbours.nearest(article.id, context.features_of(article, analysis, entities))
    if not found:
        return None
    days = sorted(d for _, d, _ in found)
    # one or two look-alikes say little: widen to half a year either side
    margin = dt.timedelta(days=HORIZON["day"] if len(days) >= 3 else 2 * HORIZON["half"])
    lo, hi = days[0] - margin, days[-1] + margin
    point = _weighted_median([(d, sc) for sc, d, _ in found])
    return _Interval(lo, hi, point, "day", _shared_spans(analysis, entities, found[0][2]))


def _weighted_median(votes: Sequence[tuple[dt.date, float]]) -> dt.date:
    """The date at which half the total weight of the votes is reached, in date order: a
    look-alike far more similar than the rest (a rewrite of the same report) outvotes them."""
    ordered = sorted(votes)
    half = sum(w for _, w in ordered) / 2
    acc = 0.0
    for d, w in ordered:
        acc += w
        if acc >= half:
            return d
    return ordered[-1][0]


def _shared_spans(analysis: ArticleAnalysis, entities: EntityIndex, shared: frozenset[str]) -> set[Span]:
    """Evidence for a neighbour vote: the first mentions (up to three, in text order) of what this
    article shares with its closest dated look-alike (entities, days)."""
    spans: dict[str, Span] = {}
    named = zip(analysis.mentions, entities.of_mentions(analysis), strict=True)
    for m, e in sorted(named, key=lambda p: p[0].span.start):
        if e is not None and f"e:{e}" in shared and f"e:{e}" not in spans:
            spans[f"e:{e}"] = m.span
    for t in analysis.times:
        for f in (f"d:{t.date.earliest.isoformat()}" if t.date else "", f"md:{t.value[5:]}"):
            if f in shared and f not in spans:
                spans[f] = t.span
    return set(sorted(spans.values())[:3])


def _cut(iv: _Interval) -> DateValue:
    """The point estimate cut to what the interval supports: a day within a quarter's width, a
    month within less than a year's (a whole year stays the year), else a year.  (A coarser
    cut moves the estimate to the middle of its period: "2011" for a point in January reads
    as July, often outside the interval itself.)"""
    p = iv.point
    if iv.latest is None:  # open: as precise as the bounding mention
        value = {"day": p.isoformat(), "month": f"{p.year:04d}-{p.month:02d}"}.get(iv.precision, f"{p.year:04d}")
        precision = iv.precision if iv.precision in ("day", "month") else "year"
        return DateValue(value=value, earliest=iv.earliest, latest=None, precision=precision)  # type: ignore[arg-type]
    width = (iv.latest - iv.earliest).days
    if width <= 92:
        value, precision = p.isoformat(), "day"
    elif width < 360:
        value, precision = f"{p.year:04d}-{p.month:02d}", "month"
    else:
        value, precision = f"{p.year:04d}", "year"
    return DateValue(value=value, earliest=iv.earliest, latest=iv.latest, precision=precision)  # type: ignore[arg-type]


def infer_published(
    article: Article, analysis: ArticleAnalysis, context: _Context | None = None,
    entities: EntityIndex | None = None,
) -> Published | None:
    """The inferred publication interval of an undated article, or ``None`` without evidence."""
    iv = _own(analysis, article.text)
    mentioned = iv.earliest if iv is not None else None  # the latest day the article names
    cross = _cross(analysis, context, entities) if context is not None and entities is not None else None
    near = _near(article, analysis, context, entities)
    if near is not None and near.latest is not None:
        # the look-alikes outvote weak bounds: an event matched on type and one actor that a dated
        # article reports after most of them (often another event of the kind), a date of the
        # article's own after all of them (a plan the words missed: "in 2013", "by August 23"),
        # and an upper bound of its own before their median (a weekday that only happens to fall
        # on an old day it recalls)
        if cross is not None and cross[0] > near.point:
            cross = None
        if iv is not None and iv.earliest > near.latest:
            iv = mentioned = None
        if iv is not None and iv.latest is not None and iv.latest < near.point:
            iv.latest = None
    if cross is not None:
        lower, spans = cross
        if iv is None:
            iv = _Interval(lower, None, lower, "day", set(spans))
        elif lower > iv.earliest:
            iv.earliest, iv.point = lower, max(iv.point, lower)
            iv.latest = max(iv.latest, lower) if iv.latest is not None else None
            iv.evidence |= spans
    if iv is None:
        if near is None:
            return None
        iv = near
    elif near is not None and near.latest is not None and near.point >= iv.earliest:
        # the dated articles most like this one bound it from above and place the point
        if iv.latest is None:
            iv.latest = max(near.latest, iv.earliest + dt.timedelta(days=HORIZON["day"]))
        # and from below: an old date the article recalls ("since 1952") says less than they do
        if iv.earliest < near.earliest <= iv.latest:
            iv.earliest = near.earliest
        if not (iv.precision == "day" and iv.latest - iv.earliest <= dt.timedelta(days=7)):
            iv.point = near.point
    if context is not None and iv.precision == "day" and iv is not near:
        lags = context.lags.get(mentioned) if mentioned is not None else None
        if lags and mentioned is not None:
            iv.point = mentioned + dt.timedelta(days=int(statistics.median(lags)))
    iv.point = max(iv.point, iv.earliest)
    if iv.latest is not None:
        iv.point = min(iv.point, iv.latest)
    return Published(date=_cut(iv), method="inferred", evidence=tuple(sorted(iv.evidence)))
