"""Key dates: the days of a story that matter most, each with a few cited sentences.

This is timeline summarisation (TLS).  :func:`key_dates` reads what the store
holds (articles, their analyses, the linked story) and returns
:class:`KeyDate` records in date order, each with verbatim sentences quoted as
:class:`~storyline.model.Span` s into the articles.

**Date importance.**  Every calendar day the story touches is scored from four
signals, each divided by its total over the story so that none dominates by
scale alone:

* *reports*: independent articles that name the day (a time expression of day
  precision: "Thursday", "January 25", "the day before");
* *recall*: articles published *after* the day that still name it; a day that
  later reporting keeps referring back to is a day that mattered;
* *events*: sources of the canonical events dated to the day (asserted or
  reported only: a requested or hypothetical action did not happen that day);
* *coverage*: articles published that day.

An article's vote is not 1 but its TF-IDF closeness to the whole story (cosine
to the centroid of the articles), so pages that merely sit in the collection
(a sports blog among court reports) count for little.

**Sentences per day.**  The candidates are sentences that name the day, and
sentences that report an event dated to it, and the opening sentences of the
articles published that day that name no other day (ranked below the first
two).  Each is scored by its TF-IDF cosine to the day's candidates (what that
day's reporting agrees on) and to the whole story (its subject), and held back
when it is a direct quote or in the first person; they are then picked greedily with a near-duplicate filter,
preferring articles and outlets not yet quoted.

Nothing here is trained.  The weights (:class:`Weights`) were set a priori,
except that the position prior is off: on the Timeline17 subset it lifted the
headlines and photo captions that open articles over the sentences that report
the day.  ``benchmarks/tls.py`` scores the defaults (14 timelines): alignment
ROUGE-1 F1 0.120, ROUGE-2 F1 0.035, date F1 0.550, and a leave-one-topic-out
choice over a small grid of weights 0.123 / 0.036 / 0.560 (news-tls DATEWISE:
0.106 / 0.031 / 0.517).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import msgspec

from storyline.model import Article, ArticleAnalysis, Published, Span, Story

__all__ = ["KeyDate", "Weights", "default_sizes", "key_dates", "summarize"]


class KeyDate(msgspec.Struct, frozen=True):
    """One key date: its importance ``score`` (the larger the more important; comparable within one
    summary only), the ``sentences`` chosen for it (verbatim, cited) and ``articles``, the number of
    independent articles that published on it or named it."""

    date: dt.date
    score: float
    sentences: tuple[Span, ...]
    articles: int


# ---------------------------------------------------------------- constants


class Weights(msgspec.Struct, frozen=True):
    """How much each signal counts.

    Date signals (``reports``, ``recall``, ``events``, ``coverage``) weigh each signal after it is
    divided by its story total; equal weights trust no signal over another a priori.  Sentence
    terms: ``position`` adds ``position / (1 + i)`` to the ``i``-th sentence of its article (news
    puts what happened first, but so do headlines and photo captions glued to the text: off by
    default, as it scored worse on Timeline17); ``quote`` is subtracted from a sentence inside a direct quote or
    in the first person (what someone said, not what happened).  ``benchmarks/tls.py`` scores
    these defaults on Timeline17.  ``subject``: an article's vote for a day is its TF-IDF cosine
    to the story's centroid raised to this power (0: every article counts 1).  ``fresh`` is added
    to a sentence from an article published on the day or up to two days after it (contemporary
    reporting rather than background); off by default.
    """

    reports: float = 1.0
    recall: float = 1.0
    events: float = 1.0
    coverage: float = 1.0
    position: float = 0.0
    quote: float = 0.5
    subject: float = 1.0
    fresh: float = 0.0
    max_words: int = 60
    """Longest sentence (in words) a key date may quote; longer ones pack background into the fact
    or are paragraphs the sentence splitter could not cut (lists, transcripts)."""


# A sentence this short says too little to stand alone (the longest is ``Weights.max_words``).
_MIN_WORDS = 6
# Opening sentences of an article published on the day (naming no other day) are candidates too:
# news puts the day's event first.
_LEAD = 5
# Two sentences at or above this TF-IDF cosine say the same thing: keep the first.
_DUPLICATE = 0.5
# Candidates that name the day beat opening sentences that merely share its publication date.
_NAMED_BONUS = 1.0
_LEAD_BONUS = 0.5

_FRESH_DAYS = 2
_MODALITIES = frozenset({"asserted", "reported"})

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own s said same
    says she should so some such t than that the their theirs them themselves then there these they this
    those through to too under until up very was we were what when where which while who whom why will
    with would you your yours yourself yourselves mr mrs ms new one two told according""".split()
)


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold()) if w not in _STOP and not w.isdigit()]


# ---------------------------------------------------------------- records


class _Sent(msgspec.Struct):
    """One candidate sentence: where it is and the day its article was published."""

    span: Span
    article: str
    outlet: str
    published: dt.date | None
    index: int
    quoted: bool


class _Doc(msgspec.Struct):
    article: Article
    analysis: ArticleAnalysis
    published: dt.date | None
    outlet: str


def _day(published: Published | None) -> dt.date | None:
    if published is None or published.date.precision != "day":
        return None
    return published.date.earliest


def _published(article: Article, analysis: ArticleAnalysis, story: Story) -> dt.date | None:
    for p in (article.published, analysis.dateline, story.published.get(article.id)):
        if p is not None:
            return _day(p)
    return None


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _matches(text: str, terms: list[str]) -> bool:
    low = text.casefold()
    return all(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", low) for t in terms)


# ---------------------------------------------------------------- vectors


def _vector(words: Iterable[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(words)
    vec = {w: c * idf.get(w, 0.0) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {w: v / norm for w, v in vec.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _centroid(vectors: Iterable[dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for vec in vectors:
        for w, v in vec.items():
            total[w] += v
    norm = math.sqrt(sum(v * v for v in total.values()))
    return {w: v / norm for w, v in total.items()} if norm else {}


# ---------------------------------------------------------------- the summary


def default_sizes(articles: int, days: int) -> tuple[int, int]:
    """(dates, sentences per date) for a story of ``articles`` independent articles touching ``days``
    distinct days: about 2.5 x sqrt(articles) dates (3 to 30, never more days than there are), and
    1 sentence per date up to 20 articles, 2 up to 500, 3 beyond."""
    dates = max(3, min(30, round(2.5 * math.sqrt(max(articles, 1)))))
    sentences = 1 if articles <= 20 else 2 if articles <= 500 else 3
    return min(dates, days), sentences


def summarize(
    pairs: Iterable[tuple[Article, ArticleAnalysis | None]],
    story: Story,
    *,
    dates: int | None = None,
    sentences: int | None = None,
    query: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    weights: Weights | None = None,
) -> list[KeyDate]:
    """The key dates of the articles in ``pairs`` (copies, with analysis ``None``, are skipped).

    ``dates``/``sentences`` default from the story's size (:func:`default_sizes`).  ``query``
    keeps only articles containing every one of its words (case-insensitive).  ``date_from`` and
    ``date_to`` (inclusive) keep only articles published in that window (undated articles are then
    left out) and only key dates inside it.  ``weights`` defaults to :class:`Weights` ().
    """
    weights = weights or Weights()
    terms = _words(query) if query else []
    if query and not terms:
        terms = [w.casefold() for w in query.split()]
    docs = [
        doc for doc in _docs(pairs, story)
        if _inside(doc.published, date_from, date_to, need=date_from is not None or date_to is not None)
        and (not terms or _matches(doc.article.text, terms))
    ]
    if not docs:
        return []
    sents: dict[str, list[_Sent]] = {d.article.id: list(_sentences(d)) for d in docs}
    space = _Space(docs, weights)
    ev = _evidence(docs, sents, story, date_from, date_to, space.vote)
    days = set(ev.named) | set(ev.published) | set(ev.event_sources)
    if not days:
        return []
    score = _day_scores(days, ev, space.vote, weights)
    want_dates, want_sents = default_sizes(len(docs), len(days))
    if dates is not None:
        want_dates = dates
    if sentences is not None:
        want_sents = sentences
    ranked = sorted(days, key=lambda d: (-score[d], d))[:want_dates]
    out: list[KeyDate] = []
    used: list[_Sent] = []  # a sentence told for one key date is not told again for another
    for day in ranked:
        chosen = _choose(day, want_sents, sents, ev, space, terms, weights, used)
        independent = set(ev.named.get(day, {})) | ev.published.get(day, set())
        out.append(KeyDate(date=day, score=round(score[day], 6), sentences=tuple(chosen),
                           articles=len(independent)))
    out.sort(key=lambda k: k.date)
    return out


class _Space:
    """TF-IDF over the kept articles (document frequency per article), the story's centroid, and
    each article's vote: its cosine to the centroid raised to ``weights.subject``, so that
    off-topic pages that happen to sit in a collection (a sports blog among court reports)
    count for little."""

    def __init__(self, docs: list[_Doc], weights: Weights) -> None:
        words = {d.article.id: _words(d.article.text) for d in docs}
        df: Counter[str] = Counter()
        for ws in words.values():
            df.update(set(ws))
        n = len(docs)
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
        doc_vectors = {aid: _vector(ws, self.idf) for aid, ws in words.items()}
        self.topic = _centroid(doc_vectors.values())
        self.vote = {aid: _cosine(v, self.topic) ** weights.subject for aid, v in doc_vectors.items()}
        self._cache: dict[tuple[str, int], dict[str, float]] = {}

    def vec(self, s: _Sent) -> dict[str, float]:
        key = (s.article, s.index)
        if key not in self._cache:
            self._cache[key] = _vector(_words(s.span.text), self.idf)
        return self._cache[key]


class _Evidence(msgspec.Struct):
    """Which articles (and which of their sentences) name each day, report an event dated to it,
    or were published on it; ``event_sources`` is the summed vote of the articles reporting
    the day's events; ``sentence_days`` the days each (article, sentence) names."""

    named: dict[dt.date, dict[str, set[int]]]
    sentence_days: dict[tuple[str, int], set[dt.date]]
    event_sources: dict[dt.date, float]
    event_sents: dict[dt.date, dict[str, set[int]]]
    published: dict[dt.date, set[str]]
    pub_of: dict[str, dt.date | None]


def _evidence(docs: list[_Doc], sents: dict[str, list[_Sent]], story: Story, lo: dt.date | None,
              hi: dt.date | None, vote: dict[str, float]) -> _Evidence:
    named: dict[dt.date, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    sentence_days: dict[tuple[str, int], set[dt.date]] = defaultdict(set)
    starts_of = {aid: [s.span.start for s in ss] for aid, ss in sents.items()}
    for doc in docs:
        starts = starts_of[doc.article.id]
        for t in doc.analysis.times:
            if t.date is None or t.date.precision != "day" or t.type not in ("DATE", "TIME"):
                continue
            day = t.date.earliest
            index = _index(starts, t.span.start)
            sentence_days[(doc.article.id, index)].add(day)
            if _inside(day, lo, hi, need=False):
                named[day][doc.article.id].add(index)
    event_sources: dict[dt.date, float] = defaultdict(float)
    event_sents: dict[dt.date, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for event in story.events:
        d = event.date
        if d is None or d.precision != "day" or event.modality not in _MODALITIES:
            continue
        if not _inside(d.earliest, lo, hi, need=False):
            continue
        reporting = {m.span.article for m in event.mentions if m.span.article in vote}
        if not reporting:
            continue
        event_sources[d.earliest] += sum(vote[aid] for aid in reporting)
        for m in event.mentions:
            if m.span.article in vote and m.date_basis in ("clause", "narrative"):
                event_sents[d.earliest][m.span.article].add(_index(starts_of[m.span.article], m.span.start))
    published: dict[dt.date, set[str]] = defaultdict(set)
    for doc in docs:
        if doc.published is not None:
            published[doc.published].add(doc.article.id)
    return _Evidence(named=named, sentence_days=sentence_days, event_sources=event_sources,
                     event_sents=event_sents, published=published,
                     pub_of={d.article.id: d.published for d in docs})


def _day_scores(days: set[dt.date], ev: _Evidence, vote: dict[str, float], weights: Weights) -> dict[dt.date, float]:
    """Each day's importance: the four signals, each divided by its story total, weighted."""
    reports = {day: sum(vote[aid] for aid in ev.named.get(day, {})) for day in days}
    recall = {
        day: sum(vote[aid] for aid in ev.named.get(day, {}) if (p := ev.pub_of[aid]) is not None and p > day)
        for day in days
    }
    events = {day: ev.event_sources.get(day, 0.0) for day in days}
    coverage = {day: sum(vote[aid] for aid in ev.published.get(day, ())) for day in days}
    parts = [(weights.reports, reports), (weights.recall, recall), (weights.events, events),
             (weights.coverage, coverage)]
    totals = [sum(x.values()) or 1.0 for _, x in parts]
    return {day: sum(w * x[day] / t for (w, x), t in zip(parts, totals, strict=True)) for day in days}


def _inside(day: dt.date | None, lo: dt.date | None, hi: dt.date | None, *, need: bool) -> bool:
    if day is None:
        return not need
    return (lo is None or day >= lo) and (hi is None or day <= hi)


def _index(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _docs(pairs: Iterable[tuple[Article, ArticleAnalysis | None]], story: Story) -> Iterator[_Doc]:
    for article, analysis in pairs:
        if analysis is None or article.duplicate_of is not None:
            continue
        outlet = article.outlet or article.source
        yield _Doc(article=article, analysis=analysis, published=_published(article, analysis, story), outlet=outlet)


# A wire dateline in front of a lead: "CAIRO (Wire) - ", "BERLIN/LONDON, Nov 17 (Wire) - ",
# "CITY | Fri Apr 22, 2011 12:12 pm EDT CITY (Wire) - ", "CAIRO — ".
_WIRE_LEAD = re.compile(
    # a page's date and byline glued to the lead: "January 25, 2011 | By Jane Doe, Wire "
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}(?: at [\d:]+ ?[ap]\.?m\.?)?[^\S\n]*\|[^\S\n]*(?:By|From) [^|\n]{2,80}?,"
    r"[^\S\n]*[A-Z][\w.]*(?: [A-Z][\w.]*)?[^\S\n]+(?=[A-Z\d\"“‘']))|"
    r"(?:[^\n]{0,100}?\([A-Z][\w.&' ]{1,30}\)|[A-Z][A-Z.'/ ]{2,40}(?:,[^\S\n]*[A-Z][a-z]{2,8}\.?[^\S\n]+\d{1,2})?)"
    r"[^\S\n]*[-–—]{1,2}[^\S\n]+(?=[A-Z\d\"“‘'])"
)



def news_start(text: str, start: int, end: int) -> int:
    """Where the news of the sentence ``text[start:end]`` begins: after a wire dateline in front of
    it, if there is one and enough of the sentence is left."""
    lead = _WIRE_LEAD.match(text, start, end)
    return lead.end() if lead is not None and end - lead.end() >= 20 else start


_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Mm]y|[Oo]ur|[Uu]s|[Mm]e)\b")


def _sentences(doc: _Doc) -> Iterator[_Sent]:
    text = doc.article.text
    direct = [(q.span.start, q.span.end) for q in doc.analysis.quotes if q.kind == "direct"]
    for i, s in enumerate(doc.analysis.sentences):
        start, end = _stripped(text, s.start, s.end)
        start = news_start(text, start, end)
        piece = text[start:end]
        quoted = any(a < end and start < b for a, b in direct) or bool(_FIRST_PERSON.search(piece))
        yield _Sent(span=Span(doc.article.id, start, end, piece), article=doc.article.id,
                    outlet=doc.outlet, published=doc.published, index=i, quoted=quoted)


# Page furniture that reads like a sentence but says nothing about the day: transcript speaker
# labels ("JANE DOE, HOST:"), update stamps and notes in parentheses, editor's notes, air times,
# bylines glued to a lead, lists of headlines joined by semicolons, words in capitals.
_FURNITURE = re.compile(
    r"^\s*(?:\(|\[|[*•]\s|full article\b|[A-Z][A-Z.'’ -]{2,}(?:,[A-Z.'’ -]+)?:\s)"
    r"|\b(?:editor['’]s note|rush transcript|all rights reserved|click here|photo(?:graph)?s?:|"
    r"aired (?:on )?[A-Z][a-z]+ \d|by (?:the )?[A-Z][\w ]{0,30} staff)\b",
    re.IGNORECASE,
)


_STAMP = re.compile(
    r"[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}(?: at [\d:]+ ?[ap]\.?m\.?)?(?:[^\S\n]*\|(?:[^\S\n]*(?:By|From) [^\n]*)?)?\s*"
)


def furniture(text: str) -> bool:
    """True for a sentence that is page furniture rather than news (see ``_FURNITURE``), or only a
    date stamp (with a byline)."""
    if text.count(";") >= 2 or _FURNITURE.search(text) or _STAMP.fullmatch(text):
        return True
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) > 0.3 * len(letters)


def _usable(s: _Sent, max_words: int) -> bool:
    words = len(s.span.text.split())
    text = s.span.text
    return _MIN_WORDS <= words <= max_words and not text.rstrip().endswith("?") and not furniture(text)


def _choose(
    day: dt.date,
    k: int,
    sents: dict[str, list[_Sent]],
    ev: _Evidence,
    space: _Space,
    terms: list[str],
    weights: Weights,
    used: list[_Sent],
) -> list[Span]:
    """Up to ``k`` sentences for ``day``, best first by centrality, spread over articles and
    outlets, none a near-duplicate of another or of one ``used`` for an earlier key date (added to)."""
    pool: dict[tuple[str, int], tuple[_Sent, float]] = {}
    vec = space.vec
    named = ev.named.get(day, {})
    for source, bonus in ((named, _NAMED_BONUS), (ev.event_sents.get(day, {}), _NAMED_BONUS)):
        for aid, indexes in source.items():
            for i in indexes:
                s = sents[aid][i]
                if _usable(s, weights.max_words):
                    pool[(aid, i)] = (s, bonus)
    for aid in sorted(ev.published.get(day, set())):
        for s in sents[aid][:_LEAD]:
            elsewhere = ev.sentence_days.get((aid, s.index), set()) - {day}
            if (aid, s.index) in pool or not _usable(s, weights.max_words) or elsewhere:
                continue
            pool[(aid, s.index)] = (s, _LEAD_BONUS)
    if not pool:
        return []
    items = list(pool.values())
    center = _centroid(vec(s) for s, _ in items)
    scored = []
    for s, bonus in items:
        v = vec(s)
        relevance = _cosine(v, center) + _cosine(v, space.topic) + weights.position / (1 + s.index)
        if s.quoted:
            relevance -= weights.quote
        if s.published is not None and 0 <= (s.published - day).days <= _FRESH_DAYS:
            relevance += weights.fresh
        if terms and any(_matches(s.span.text, [t]) for t in terms):
            relevance += 0.5
        scored.append((bonus + relevance, s))
    scored.sort(key=lambda x: (-x[0], x[1].span))
    picked = _pick(scored, k, vec, used) or _pick(scored, k, vec, [])  # rather a told sentence than none
    used.extend(picked)
    return [s.span for s in picked]


def _pick(scored: list[tuple[float, _Sent]], k: int, vec: Any, used: list[_Sent]) -> list[_Sent]:
    """Greedy: the best remaining sentence, less a penalty for an article or outlet already quoted,
    skipping near-duplicates of those picked and of ``used``."""
    picked: list[_Sent] = []
    used_articles: set[str] = set()
    used_outlets: Counter[str] = Counter()
    remaining = list(scored)
    while len(picked) < k and remaining:
        best_i = None
        best = -math.inf
        for i, (value, s) in enumerate(remaining):
            penalty = (0.5 if s.article in used_articles else 0.0) + 0.1 * used_outlets[s.outlet]
            if value - penalty > best:
                best, best_i = value - penalty, i
        assert best_i is not None
        _, s = remaining.pop(best_i)
        v = vec(s)
        if any(_cosine(v, vec(p)) >= _DUPLICATE or p.span.text == s.span.text for p in (*picked, *used)):
            continue
        picked.append(s)
        used_articles.add(s.article)
        used_outlets[s.outlet] += 1
    return picked


def key_dates(
    source: object,
    *,
    dates: int | None = None,
    sentences: int | None = None,
    query: str | None = None,
    date_from: dt.date | str | None = None,
    date_to: dt.date | str | None = None,
) -> list[KeyDate]:
    """The key dates of a built story, in date order; see :func:`summarize` for the options.

    ``source`` is a :class:`~storyline.api.StoryView`, a :class:`~storyline.store.Store`, or the
    path of a story database.  ``date_from``/``date_to`` take dates or ISO strings
    (``"2011"``, ``"2011-02"``, ``"2011-02-11"``: the whole interval they name).
    """
    from storyline.api import StoryView, open_view
    from storyline.store import Store
    from storyline.timeline.ordering import parse_bound

    lo = parse_bound(date_from).earliest if isinstance(date_from, str) else date_from
    hi = parse_bound(date_to).latest if isinstance(date_to, str) else date_to
    opts = {"dates": dates, "sentences": sentences, "query": query, "date_from": lo, "date_to": hi}
    if isinstance(source, (str, Path)):
        with open_view(source) as view:
            return summarize(view.store.iter_pairs(), view.story, **opts)  # type: ignore[arg-type]
    if isinstance(source, StoryView):
        return summarize(source.store.iter_pairs(), source.story, **opts)  # type: ignore[arg-type]
    if isinstance(source, Store):
        return summarize(source.iter_pairs(), source.story(), **opts)  # type: ignore[arg-type]
    raise TypeError(f"key_dates() needs a StoryView, a Store or a database path, not {type(source).__name__}")
