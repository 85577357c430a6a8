"""The web app's read-only questions over one story database.

:class:`StoryIndex` loads the linked story (entities, events, claims, the
speakers of quotes) and every article's metadata once, at start-up, and builds
the small indexes the pages need (entity -> events, article -> mentions, ...),
so most requests touch no database at all.  What stays on disk (article text,
analyses, the FTS5 sentence index) is read through one read-only SQLite
connection per thread (``mode=ro``): a SQLite connection belongs to the thread
that opened it, and the server answers from a thread pool.  Nothing here writes.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import threading
import urllib.parse
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

from storyline.export._common import Cited, format_date
from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    Conflict,
    Entity,
    Event,
    Quote,
    Story,
)
from storyline.store import Store, open_store
from storyline.timeline import event_order, select_events

__all__ = ["Facets", "Filters", "MEMO_SIZE", "RANK_LIMIT", "SEARCH_SCAN", "SearchResult", "Segment", "StoryIndex"]

_WORD = re.compile(r"\w+")

T = TypeVar("T")

MEMO_SIZE = 256
"""How many computed answers (filtered timelines, charts, exports) a served story keeps."""
SEARCH_SCAN = 5000
"""How many best-ranked sentence matches a search reads to count its facets."""
RANK_LIMIT = 20000
"""Past this many matches a search is not ranked by bm25 (ranking every match would cost more
than a page may); measured on the Timeline17 store, see ``benchmarks/web.py``."""


@dataclasses.dataclass(frozen=True)
class Filters:
    """The timeline's filters, as the page's query string gives them."""

    actor: str | None = None
    type: str | None = None
    modality: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None

    def query(self, **extra: Any) -> str:
        """The query string that reproduces these filters (plus ``extra``)."""
        pairs = {
            "actor": self.actor, "type": self.type, "modality": self.modality, "from": self.date_from,
            "to": self.date_to, "outlet": self.outlet, **extra,
        }
        return urllib.parse.urlencode({k: v for k, v in pairs.items() if v not in (None, "")})


@dataclasses.dataclass(frozen=True)
class Segment:
    """A run of article text and the spans covering it (for highlighting)."""

    text: str
    kinds: tuple[str, ...] = ()
    href: str | None = None
    title: str | None = None
    anchors: tuple[str, ...] = ()


@dataclasses.dataclass
class Facets:
    outlet: list[tuple[str, int]]
    entity: list[tuple[str, str, int]]
    type: list[tuple[str, int]]
    year: list[tuple[str, int]]


@dataclasses.dataclass
class SearchResult:
    query: str
    total: int
    capped: bool
    hits: list[dict[str, Any]]
    facets: Facets
    matches: int = 0
    """Every sentence matching the words (before the facets and the scan limit)."""
    ranked: bool = True
    """False when there were too many matches to rank (they come in document order)."""


class StoryIndex:
    """Everything the web app reads, from the story database at ``path`` (opened read-only)."""

    def __init__(self, path: str | Path) -> None:
        target = str(path)
        self.path = target if "://" in target else str(Path(target).resolve())
        self._local = threading.local()
        self._stores: list[Store] = []
        self._stores_lock = threading.Lock()
        store = self.store()
        story = store.story()
        counts = store.counts()
        self.story: Story = story
        self.counts = counts
        self.entities: dict[str, Entity] = {e.id: e for e in story.entities}
        self.events: list[Event] = select_events(story)
        self.event_by_id: dict[str, Event] = {e.id: e for e in self.events}
        self.claims: dict[str, Claim] = {c.id: c for c in story.claims}
        self.conflicts: list[Conflict] = list(story.conflicts)
        self._summary: dict[str, Any] | None = None
        self._memo: OrderedDict[Hashable, object] = OrderedDict()
        self._memo_lock = threading.Lock()
        self._conflict_rows = [(x, [self.claims[c] for c in x.claims if c in self.claims]) for x in self.conflicts]
        self._conflict_of_span = {c.span: x.id for x, cs in self._conflict_rows for c in cs}
        self._load()
        self._index()

    # ------------------------------------------------------------------ loading

    def store(self) -> Store:
        """This thread's read-only connection to the story (a SQLite file or a PostgreSQL database)."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.path, create=False, read_only=True)
            self._local.store = store
            with self._stores_lock:
                self._stores.append(store)
        return store

    def close(self) -> None:
        """Close every thread's connection (the app's shutdown)."""
        with self._stores_lock:
            for store in self._stores:
                store.close()
            self._stores.clear()
        self._local = threading.local()

    def _load(self) -> None:
        """One pass over the stored articles: the metadata of each, with the date as the bundle
        chooses it (its own, else its dateline, else what linking inferred), and the quotes with
        their speakers (the only analysis part the pages list)."""
        self.articles: dict[str, Cited] = {}
        self.quotes: list[tuple[Quote, str | None]] = []
        for a, analysis in self.store().iter_pairs():
            pub = a.published.date if a.published else None
            if pub is None and analysis is not None and analysis.dateline is not None:
                pub = analysis.dateline.date
            if pub is None and a.id in self.story.published:
                pub = self.story.published[a.id].date
            self.articles[a.id] = Cited(
                id=a.id, source=a.source, title=a.title, outlet=a.outlet, url=a.url,
                published=pub, duplicate_of=a.duplicate_of,
            )
            for q in analysis.quotes if analysis is not None else ():
                self.quotes.append((q, self.story.speakers.get(q.id)))

    def _index(self) -> None:
        self.entity_events: dict[str, list[Event]] = defaultdict(list)
        self.article_events: dict[str, list[tuple[int, int, int, int, Event]]] = defaultdict(list)
        for v in self.events:
            for who in dict.fromkeys((*v.actors, *v.targets)):
                self.entity_events[who].append(v)
            for m in v.mentions:
                self.article_events[m.span.article].append(
                    (m.span.start, m.span.end, m.trigger.start, m.trigger.end, v)
                )
        self.article_mentions: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self.entity_articles: dict[str, set[str]] = {}
        for e in self.story.entities:
            for s in e.mentions:
                self.article_mentions[s.article].append((s.start, s.end, e.id))
            self.entity_articles[e.id] = {s.article for s in e.mentions}
        for spans in self.article_mentions.values():
            spans.sort()
        for items in self.article_events.values():
            items.sort(key=lambda x: (x[0], x[1]))
        self._mention_starts = {a: [s[0] for s in spans] for a, spans in self.article_mentions.items()}
        self._event_starts = {a: [x[0] for x in items] for a, items in self.article_events.items()}
        self._outlets_of = {v.id: self._outlets(v) for v in self.events}
        self._index_sentences()
        self._quote_rows: list[tuple[Quote, Entity | None]] = []
        self._quote_names: list[str] = []
        for q, speaker_id in self.quotes:
            entity = self.entities.get(speaker_id) if speaker_id else None
            names = [entity.name, *entity.aliases] if entity else []
            if q.speaker is not None:
                names.append(q.speaker.text)
            self._quote_rows.append((q, entity))
            self._quote_names.append("\n".join(names).casefold())
        self.entity_quotes: dict[str, list[Quote]] = defaultdict(list)
        for q, speaker in self.quotes:
            if speaker is not None:
                self.entity_quotes[speaker].append(q)
        self.outlets = Counter(c.name for c in self.articles.values() if c.duplicate_of is None)
        self.event_types = sorted({v.type for v in self.events})
        self.modalities = sorted({v.modality for v in self.events})
        self.entity_rank = sorted(
            self.story.entities, key=lambda e: (-len(self.entity_articles[e.id]), e.name, e.id)
        )

    def _index_sentences(self) -> None:
        """rowid -> (rowid, article, start, end, outlet, year, entity ids, event types) for every sentence,
        so a search reads only rowids from FTS5 and counts its facets in memory."""
        none: frozenset[str] = frozenset()
        self._sentences: dict[int, tuple[int, str, int, int, str, str, frozenset[str], frozenset[str]]] = {}
        for rowid, article_id, start, end in self.store().iter_sentences():
            cited = self.articles.get(article_id)
            if cited is None:
                continue
            year = str(cited.published.earliest.year) if cited.published else "undated"
            ents = self._within(self.article_mentions, self._mention_starts, article_id, start, end)
            evs = self._within(self.article_events, self._event_starts, article_id, start, end)
            self._sentences[rowid] = (
                rowid, article_id, int(start), int(end), cited.name, year,
                frozenset(m[2] for m in ents) if ents else none, frozenset(x[4].type for x in evs) if evs else none,
            )

    # ------------------------------------------------------------------ summary

    def summary(self) -> dict[str, Any]:
        """The home page's numbers (computed once: the story does not change while served)."""
        if self._summary is None:
            self._summary = self._make_summary()
        return self._summary

    def _make_summary(self) -> dict[str, Any]:
        dated = [v.date for v in self.events if v.date is not None]
        first = min(dated, key=lambda d: d.earliest) if dated else None
        last = max(dated, key=lambda d: d.latest or d.earliest) if dated else None
        top_events = sorted(self.events, key=lambda v: (-v.sources, event_order(v)))[:10]
        people = [e for e in self.entity_rank if e.type == "PERSON"][:10]
        return {
            "counts": self.counts,
            "date_from": format_date(first) if first else None,
            "date_to": format_date(last) if last else None,
            "outlets": self.outlets.most_common(12),
            "top_events": top_events,
            "top_people": [(e, len(self.entity_articles[e.id])) for e in people],
            "conflicts": self.conflict_rows()[:10],
        }

    # ------------------------------------------------------------------ timeline

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, remembered under ``key``: the story never changes while it is served, so an answer
        computed once (a filtered timeline, an export) is reused; at most MEMO_SIZE answers are kept."""
        with self._memo_lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return cast(T, self._memo[key])
        value = make()
        with self._memo_lock:
            self._memo[key] = value
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return value

    def key_dates(self, dates: int | None = None, sentences: int | None = None,
                  query: str | None = None) -> list[dict[str, Any]]:
        """The story's key dates (``storyline timeline --summary``): the most important days, each with
        the sentences that say what happened, verbatim and cited.  Computed on first ask, then kept."""
        def make() -> list[dict[str, Any]]:
            from storyline.timeline.summary import key_dates

            chosen = key_dates(self.store(), dates=dates, sentences=sentences, query=query or None)
            rows = []
            for kd in chosen:
                cites = []
                for span in kd.sentences:
                    cited = self.articles.get(span.article)
                    cites.append({
                        "article": span.article, "start": span.start, "end": span.end, "text": span.text,
                        "outlet": cited.name if cited else None, "title": cited.title if cited else None,
                        "published": format_date(cited.published) if cited and cited.published else None,
                    })
                rows.append({"date": kd.date.isoformat(), "score": round(kd.score, 6), "articles": kd.articles,
                             "sentences": cites})
            return rows

        return self.memo(("key-dates", dates, sentences, query or None), make)

    def select(self, f: Filters) -> list[Event]:
        """Events passing the filters, in date order (undated last).  The list is shared: do not change it."""
        return self.memo(("select", f), lambda: self._select(f))

    def _select(self, f: Filters) -> list[Event]:
        events = select_events(
            self.story, date_from=f.date_from or None, date_to=f.date_to or None, actor=f.actor or None,
            type=f.type or None, modality=f.modality or None,
        ) if any((f.date_from, f.date_to, f.actor, f.type, f.modality)) else self.events
        if f.outlet:
            want = f.outlet.casefold()
            events = [v for v in events if any(o.casefold() == want for o in self.event_outlets(v))]
        return events

    def event_outlets(self, v: Event) -> list[str]:
        """The outlets of the articles reporting an event, sorted."""
        found = self._outlets_of.get(v.id)
        return found if found is not None else self._outlets(v)

    def _outlets(self, v: Event) -> list[str]:
        return sorted({self.articles[m.span.article].name for m in v.mentions if m.span.article in self.articles})

    def actor_names(self, v: Event) -> list[str]:
        return [self.entities[a].name for a in v.actors if a in self.entities]

    def sources(self, events: Iterable[Event]) -> dict[str, Cited]:
        ids = {m.span.article for v in events for m in v.mentions}
        return {a: self.articles[a] for a in sorted(ids) if a in self.articles}

    def chart(self, events: Sequence[Event], *, group: str, limit: int) -> dict[str, Any]:
        """The timeline chart's data: dated events (the best-sourced ``limit`` of them) in lanes."""
        dated = [v for v in events if v.date is not None]
        shown = dated
        if len(dated) > limit:
            keep = {v.id for v in sorted(dated, key=lambda v: (-v.sources, event_order(v)))[:limit]}
            shown = [v for v in dated if v.id in keep]
        rows = []
        lanes: Counter[str] = Counter()
        for v in shown:
            assert v.date is not None
            names = self.event_outlets(v) if group == "outlet" else self.actor_names(v)
            lane = names[0] if names else "(none)"
            lanes[lane] += 1
            rows.append({
                "id": v.id, "start": v.date.earliest.isoformat(),
                "end": (v.date.latest or v.date.earliest).isoformat(), "precision": v.date.precision,
                "open": v.date.latest is None, "date": format_date(v.date), "type": v.type,
                "modality": v.modality, "summary": v.summary, "sources": v.sources, "lane": lane,
            })
        order = [name for name, _ in sorted(lanes.items(), key=lambda kv: (kv[0] == "(none)", -kv[1], kv[0]))]
        return {"group": group, "total": len(events), "dated": len(dated), "shown": len(rows),
                "lanes": order, "events": rows}

    # ------------------------------------------------------------------ records

    def entity_list(self, q: str | None = None, *, limit: int = 200) -> list[tuple[Entity, int]]:
        needle = (q or "").casefold()
        out = []
        for e in self.entity_rank:
            if needle and not any(needle in n.casefold() for n in (e.name, *e.aliases)):
                continue
            out.append((e, len(self.entity_articles[e.id])))
            if len(out) >= limit:
                break
        return out

    def quote_rows(self, speaker: str | None = None) -> list[tuple[Quote, Entity | None]]:
        """Every quote with its speaker entity; with ``speaker``, those whose speaker's name, alias or
        words contain it (any case)."""
        needle = (speaker or "").casefold()
        if not needle:
            return self._quote_rows
        return [row for row, names in zip(self._quote_rows, self._quote_names, strict=True) if needle in names]

    def conflict_rows(self) -> list[tuple[Conflict, list[Claim]]]:
        return self._conflict_rows

    def article(self, article_id: str) -> tuple[Article, ArticleAnalysis | None] | None:
        store = self.store()
        article = store.get_article(article_id)
        if article is None:
            return None
        return article, store.get_analysis(article_id)

    def segments(self, article: Article, analysis: ArticleAnalysis | None) -> list[Segment]:
        """The article's text cut where highlighted spans begin and end; each piece links to the
        most specific record covering it and carries the anchors (``s-START-END``) of spans that
        begin there."""
        spans: list[tuple[int, int, str, str, str]] = []  # start, end, kind, href, title
        for start, end, eid in self.article_mentions.get(article.id, ()):
            e = self.entities.get(eid)
            spans.append((start, end, "entity", f"/entities/{eid}", f"{e.name} ({e.type})" if e else eid))
        for _s, _e, t_start, t_end, v in self.article_events.get(article.id, ()):
            spans.append((t_start, t_end, "event", f"/events/{v.id}", f"{v.type}, {v.modality}: {v.summary}"))
        if analysis is not None:
            for q in analysis.quotes:
                who = self.entities.get(self.story.speakers.get(q.id, ""))
                spans.append((q.span.start, q.span.end, "quote",
                              f"/entities/{who.id}" if who else f"/quotes#{q.id}",
                              f"quote ({q.kind}) by {who.name if who else (q.speaker.text if q.speaker else '?')}"))
            for t in analysis.times:
                spans.append((t.span.start, t.span.end, "time", f"/articles/{article.id}#s-{t.span.start}-"
                              f"{t.span.end}", f"{t.type} {t.value}"))
            for c in analysis.claims:
                x = self._conflict_of_span.get(c.span)
                spans.append((c.span.start, c.span.end, "claim", f"/conflicts#{x}" if x else
                              f"/articles/{article.id}#s-{c.span.start}-{c.span.end}", f"claim: {c.subject}"))
        text = article.text
        n = len(text)
        spans = [s for s in spans if 0 <= s[0] < s[1] <= n]
        cuts = sorted({0, n, *(s[0] for s in spans), *(s[1] for s in spans)})
        starts: dict[int, list[str]] = defaultdict(list)
        for s in sorted(spans):
            anchor = f"s-{s[0]}-{s[1]}"
            if anchor not in starts[s[0]]:
                starts[s[0]].append(anchor)
        by_start = sorted(spans)
        begins = [x[0] for x in by_start]
        out: list[Segment] = []
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            covering = [s for s in by_start[: bisect.bisect_right(begins, lo)] if s[1] > lo]
            if not covering:
                out.append(Segment(text=text[lo:hi], anchors=tuple(starts.get(lo, ()))))
                continue
            inner = min(covering, key=lambda s: (s[1] - s[0], s[2]))
            kinds = tuple(sorted({s[2] for s in covering}))
            out.append(Segment(text=text[lo:hi], kinds=kinds, href=inner[3], title=inner[4],
                               anchors=tuple(starts.get(lo, ()))))
        return out

    # ------------------------------------------------------------------ search

    def search(
        self, q: str, *, outlet: str | None = None, entity: str | None = None, type: str | None = None,
        year: str | None = None, limit: int = 50,
    ) -> SearchResult:
        """Sentences matching ``q`` (FTS5), narrowed by the facets chosen, with the facet counts."""
        store = self.store()
        # Ranking costs a score per match: past RANK_LIMIT matches, take them in storage order.
        matches, rowids = store.search_ids(q, limit=SEARCH_SCAN + 1, rank_limit=RANK_LIMIT)
        if not matches:
            return SearchResult(query=q, total=0, capped=False, hits=[], facets=Facets([], [], [], []), matches=0)
        order = matches <= RANK_LIMIT
        capped = len(rowids) > SEARCH_SCAN
        found = [self._sentences[r] for r in rowids[:SEARCH_SCAN] if r in self._sentences]
        kept = [
            r for r in found
            if (not outlet or r[4] == outlet) and (not year or r[5] == year)
            and (not entity or entity in r[6]) and (not type or type in r[7])
        ]
        outlets = Counter(r[4] for r in kept)
        years = Counter(r[5] for r in kept)
        ents_c: Counter[str] = Counter(e for r in kept for e in r[6])
        types_c: Counter[str] = Counter(t for r in kept for t in r[7])
        pattern = _pattern(_WORD.findall(q))
        hits = []
        if kept:
            shown = kept[:limit]
            texts = store.sentence_texts([r[0] for r in shown])
            for r in shown:
                cited = self.articles[r[1]]
                text = texts.get(r[0], "")
                hits.append({
                    "article": r[1], "start": r[2], "end": r[3], "text": text, "pieces": _marks(text, pattern),
                    "outlet": r[4], "year": r[5], "title": cited.title,
                    "date": format_date(cited.published) if cited.published else None,
                })
        facets = Facets(
            outlet=outlets.most_common(20),
            entity=[(e, self.entities[e].name, n) for e, n in ents_c.most_common(20) if e in self.entities],
            type=types_c.most_common(),
            year=sorted(years.items()),
        )
        return SearchResult(query=q, total=len(kept), capped=capped, hits=hits, facets=facets, matches=matches,
                            ranked=order)

    @staticmethod
    def _within(spans: dict[str, list[Any]], starts: dict[str, list[int]], article: str, lo: int, hi: int) -> list[Any]:
        """The spans of ``article`` that begin inside ``[lo, hi)`` (a mention lies inside its sentence)."""
        begins = starts.get(article)
        if not begins:
            return []
        return spans[article][bisect.bisect_left(begins, lo):bisect.bisect_left(begins, hi)]


def _pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    """One regex matching any of the query's words (whole words, any case)."""
    unique = sorted({w.casefold() for w in words}, key=len, reverse=True)
    if not unique:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in unique) + r")\b", re.IGNORECASE)


def _marks(text: str, pattern: re.Pattern[str] | None) -> list[tuple[str, bool]]:
    """``text`` cut into ``(piece, is_match)`` for the query's words."""
    if pattern is None:
        return [(text, False)]
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out
