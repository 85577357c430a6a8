"""Merge event mentions (within and across articles) into canonical :class:`Event` s.

Two mentions report one event when they have the same type, share an actor (or a
target) entity, do not conflict on participants (both name actors: the sets meet;
both name targets: the sets meet), and their dates are compatible: the intervals
overlap, and a merged event keeps a non-empty intersection of its mentions'
intervals, so a year-precision mention cannot chain two different days together.

Event words are taken by family (:func:`word_families`): an inflected or derived word
("shootings", "nomination", "death") links as a simpler word of its family that the story
also uses as an event word ("shooting", "nominate", "die").

First, verbs of one type joined in one clause, with one actor and object, are one act ("both
ministers have denied or dismissed the charges"; rule ``same-clause``).  Then, within one
article, a mention joins the previous mention of its event word (its
``lemma``) when their participants and dates do not clash, nor those of the event it would
join, unless one's actor is words that name no entity while the other's is named (or both are
such words, and different ones) and the two clauses share nothing but the event word
(``EventMention.subject``: "both leaders denied the accusations" after "the ministry denied
visas"; "a motion that condemns X" and "the mayors who condemned it") (rule
``same-word-in-article``: an article
that says "the quake" twice means one quake, but "a House resolution condemning X" and "the
Senate condemns X" are two condemnations, and a third "condemned" that names nobody does not tie
them together).

Mentions that name no participant at all merge only with such mentions of the same
type and trigger word on compatible dates, in one article or in two whose features meet with a
cosine of at least :data:`SAME_HAPPENING` (rule ``same-trigger``: "met" the same week in two
unrelated reports of a large archive is two meetings).  Mentions with the
same event word (``EventMention.lemma``: "the vote" / "voted") merge on compatible
dates when neither names an actor (or a target) the other contradicts and their articles
tell of the same happening: one article, or two that name a common entity and whose features
(:mod:`storyline.link.similarity`: entities, days, words, idf-weighted) meet with a cosine of
at least :data:`SAME_HAPPENING` and well above the story's typical cosine (:data:`ABOVE_TYPICAL`;
rule ``same-lemma``: two reports of two earthquakes share the word and often a place, not their
details, and every article of a long affair shares its names; see ``benchmarks/event_coref.py``).
Across articles such a merge checks the two mentions' participants, not their whole clusters'
(another outlet may name other participants of one event); within one article, the whole
clusters'.  A mention whose trigger the
lexicon does not know (type ``UNTYPED``) merges on shared participants only with mentions of its
own word.

No rule merges mentions of different moods: an event told as done or planned, one asked for
("X urged Y to condemn it"), one denied.

Two mentions of different words that share a type and a participant are one event by that alone
(rule ``same-event``) only when a date ties them: one of them is dated by its own clause.  Two acts
of one actor told in an article and dated only by its day ("the ministry criticized the raid",
"the ministry called for an inquiry", both "by August 1") stay two.  Across articles the rule also
needs the two articles alike (cosine at least :data:`SAME_HAPPENING`): one actor acting twice on one
day in two unrelated stories of an archive (sanctions on two countries) is two events.

Blocking: dated mentions are blocked by (type, role, entity, month) and by (lemma,
month) and swept in date order; a mention that is undated (or dated coarser than about a year) joins
the one dated event of its (type, entity) block (or of its word) that an article alike enough
tells (:func:`_same_happening`) when there is exactly one (not one told by another word in the
same article and dated by its clause there: the writer dated that act and not this one), else
the other undated mentions of that block (or word; these cannot tie two dated events together: a
merge never joins clusters whose dates are apart).  A date whose basis is the article's
own date (``date_basis == "article"``) only says the event happened by then, so
for matching its interval is widened by :data:`ARTICLE_DATE_SLACK_DAYS` back.  A date
that linking inferred for an undated article is matched as undated.

Each event gets ``codes`` (entity -> CAMEO-style actor code, the mentions' majority) and
``salience`` (:mod:`storyline.timeline.salience`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence

import msgspec
import numpy as np

from storyline.analyze.lexicon import EVENT_WORD_BASES, UNTYPED
from storyline.ids import make_id
from storyline.link import unionfind
from storyline.link.dating import ArticleDates
from storyline.link.entities import EntityIndex
from storyline.link.similarity import ArticleSimilarity, named_entities, story_features
from storyline.model import Article, ArticleAnalysis, DateValue, Event, EventMention, MergeReason
from storyline.settings import Settings
from storyline.timeline.salience import with_salience

__all__ = ["ARTICLE_DATE_SLACK_DAYS", "build_events", "summarize"]

ARTICLE_DATE_SLACK_DAYS = 7
"""News reports an action within days; a report dated D covers events from D-7 to D."""

SAME_HAPPENING = 0.04
"""Two articles that name a common entity and whose features (:mod:`storyline.link.similarity`)
meet with at least this cosine tell of the same happening (chosen on ECB+ topics 1-22; two
reports of one happening score 0.07 at the median there, reports of two happenings of one kind 0.02)."""

ABOVE_TYPICAL = 1.5
"""...and with at least this multiple of the story's typical cosine
(:meth:`~storyline.link.similarity.ArticleSimilarity.typical`): in a story about one long affair
every article shares its names and words, so what marks two reports of one happening is a
cosine well above the story's usual one."""

_MAX_ROOTS = 256  # dated events looked at per block for one undated mention (bounds the cost)
_COARSE_DAYS = 400  # intervals longer than this (decades, open bounds) block like undated ones
_RANK = {p: i for i, p in enumerate(["day", "week", "month", "season", "quarter", "half", "year", "decade",
                                     "century"])}
_SHORT_CLAUSE_WORDS = 5
_Interval = tuple[dt.date, dt.date]


class _V(msgspec.Struct, gc=False):  # nothing in it points back: no cycle to collect
    mention: EventMention
    independent: bool
    actors: frozenset[str]
    targets: frozenset[str]
    location: str | None
    interval: _Interval | None
    codes: dict[str, str] = {}
    lemma: str | None = None
    context: frozenset[str] = frozenset()
    inferred: bool = False
    """Dated only by the date linking inferred for its article: matched like an undated mention."""
    trigger: str = ""
    """The trigger's words, case-folded (what mentions that name no participant match by)."""
    unnamed: frozenset[str] = frozenset()
    """The words of its actor when they name no entity ("both leaders"): someone acted, only not
    someone named (empty when the actor is named, or nothing is; see :func:`_actor_words`)."""

    @property
    def coarse(self) -> bool:
        return self.inferred or self.interval is None or (self.interval[1] - self.interval[0]).days > _COARSE_DAYS


def _interval(d: DateValue | None, basis: str | None) -> _Interval | None:
    if d is None:
        return None
    lo, hi = d.earliest, d.latest or dt.date.max
    if basis == "article":
        lo = lo - dt.timedelta(days=ARTICLE_DATE_SLACK_DAYS)
    return lo, hi


def _meet(a: _Interval | None, b: _Interval | None) -> _Interval | None | bool:
    """The intersection, ``None`` when either is undated, ``False`` when they are disjoint."""
    if a is None:
        return b
    if b is None:
        return a
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else False


def _participants_ok(a: _V, b: _V) -> bool:
    if a.mention.type == UNTYPED and a.lemma != b.lemma:
        return False  # an event word the lexicon does not know says nothing about its type
    if a.actors and b.actors and not (a.actors & b.actors):
        return False
    if a.targets and b.targets and not (a.targets & b.targets):
        return False
    return bool((a.actors & b.actors) or (a.targets & b.targets))


_MOOD = {"asserted": "told", "reported": "told", "hypothetical": "told", "requested": "requested",
         "negated": "negated"}
"""What a mention says of its event: told (done, or planned: "will host" and "hosted" are one
event once it happens), asked for, or denied.  Mentions of different moods never merge: "X urged
Y to condemn it" is not the condemnation it asks for, and merging them would show a request as a
fact."""


class _Clusters:
    def __init__(self, items: Sequence[_V], similar: ArticleSimilarity) -> None:
        self.items = items
        self.similar = similar
        typical = similar.typical()
        self.same_happening = max(SAME_HAPPENING, ABOVE_TYPICAL * typical) if typical is not None else SAME_HAPPENING
        self.parent = list(range(len(items)))
        self.interval: list[_Interval | None] = [v.interval for v in items]
        self.actors = [v.actors for v in items]  # frozensets: union makes new ones, never changes one
        self.mood = [_MOOD[v.mention.modality] for v in items]
        self.targets = [v.targets for v in items]
        self.reasons: list[tuple[int, MergeReason]] = []

    def alike(self, a: _V, b: _V) -> bool:
        """Whether the articles of ``a`` and ``b`` are alike enough to tell of one happening."""
        return self.similar(a.mention.span.article, b.mention.span.article) >= self.same_happening

    @functools.cached_property
    def in_text_order(self) -> list[int]:
        """The mentions' indexes by article, then by where they stand in it."""
        items = self.items
        return sorted(range(len(items)), key=lambda i: (items[i].mention.span.article, items[i].mention.span.start, i))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, rule: str, detail: str | Callable[[], str], *, whole: bool = True) -> bool:
        """Merge the clusters of ``a`` and ``b`` unless their dates or moods (or, when ``whole``,
        the participants of the two clusters, not only of ``a`` and ``b``) conflict.  ``detail``
        may be a function, called only when the merge happens (most candidate pairs of a large
        story are already one event)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        met = _meet(self.interval[ra], self.interval[rb])
        if met is False or self.mood[ra] != self.mood[rb]:
            return False
        for sets in (self.actors, self.targets) if whole else ():
            if sets[ra] and sets[rb] and not (sets[ra] & sets[rb]):
                return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.interval[ra] = met  # type: ignore[assignment]
        if self.actors[rb]:
            self.actors[ra] = self.actors[ra] | self.actors[rb]
        if self.targets[rb]:
            self.targets[ra] = self.targets[ra] | self.targets[rb]
        self.reasons.append((ra, MergeReason(rule=rule, detail=detail if isinstance(detail, str) else detail())))
        return True


def _collect(
    pairs: Sequence[tuple[Article, ArticleAnalysis | None]], dates: ArticleDates, entities: EntityIndex,
    features: Mapping[str, frozenset[str]],
) -> list[_V]:
    items: list[_V] = []
    for article, analysis in sorted(pairs, key=lambda p: p[0].id):
        if analysis is None:
            continue
        # analysis dated article-based mentions from metadata and datelines itself; linking
        # only adds dates it found, and an open "on or after" bound is not a date: such
        # mentions stay undated rather than get an invented date.
        found = dates.published.get(article.id)
        context = named_entities(features[article.id]) if analysis.events else frozenset()
        for ev in analysis.events:
            inferred = False
            if ev.date is None and ev.date_basis in (None, "article") and found is not None \
                    and found.method == "inferred" and found.date.latest is not None:
                ev = msgspec.structs.replace(ev, date=found.date, date_basis="article")
                inferred = True
            # each participant's entity looked up once, for its set and for its code
            actors = [entities.entity_at(s) for s in ev.actors]
            targets = [entities.entity_at(s) for s in ev.targets]
            items.append(_V(
                mention=ev, independent=article.duplicate_of is None,
                actors=frozenset(e for e in actors if e is not None),
                targets=frozenset(e for e in targets if e is not None),
                location=entities.entity_at(ev.location),
                interval=_interval(ev.date, ev.date_basis),
                codes=_codes(ev, actors, targets),
                lemma=ev.lemma or None,
                context=context,
                inferred=inferred,
                trigger=" ".join(ev.trigger.text.casefold().split()),
                unnamed=_actor_words(ev.subject.text) if ev.subject is not None and not ev.actors else frozenset(),
            ))
    items.sort(key=lambda v: v.mention.id)
    family = word_families({v.lemma for v in items if v.lemma is not None})
    for v in items:
        if v.lemma:
            v.lemma = family[v.lemma]
    return items


_SUFFIXES = (("ies", ("y",)), ("ied", ("y",)), ("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")), ("s", ("",)),
             ("ation", ("ate", "e", "")), ("ition", ("ite", "")), ("ion", ("e", "")), ("ment", ("",)),
             ("al", ("e", "")), ("ure", ("e", "")), ("ee", ("ate", "")))
"""Inflections and event-naming derivations (suffix -> endings of the simpler word); an agent noun
("killer") is no event, so -er is not among them."""


def word_families(lemmas: set[str]) -> dict[str, str]:
    """Event word -> the word of its family it links by: an inflected or derived form
    ("shootings", "nomination", "death") goes to a simpler form that the story also uses as an
    event word ("shooting", "nominate", "die"); a word whose simpler form the story never uses
    stays itself, so the families come from the story's own words."""
    def base(word: str) -> str:
        if (w := EVENT_WORD_BASES.get(word)) is not None and w in lemmas:
            return w
        for suffix, endings in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[: -len(suffix)]
                for end in endings:
                    for cand in (stem + end, stem[:-1] + end if len(stem) > 3 and stem[-1] == stem[-2] else None):
                        if cand and cand != word and cand in lemmas:
                            return cand
        return word

    out: dict[str, str] = {}
    for word in sorted(lemmas):
        seen = {word}
        w = base(word)
        while w not in seen:  # "nominations" -> "nomination" -> "nominate"
            seen.add(w)
            w = base(w)
        out[word] = min(seen, key=lambda x: (len(x), x)) if len(seen) > 1 else word
    return out


def _codes(ev: EventMention, actors: Sequence[str | None], targets: Sequence[str | None]) -> dict[str, str]:
    """Entity id -> the CAMEO-style code the mention gave that actor or target (``actors`` and
    ``targets``: the entity of each of its actor and target spans, ``None`` for none)."""
    out: dict[str, str] = {}
    for found, codes in ((actors, ev.actor_codes), (targets, ev.target_codes)):
        for entity, code in zip(found, codes, strict=False):
            if code and entity is not None:
                out.setdefault(entity, code)
    return out


def _merged_codes(vs: Sequence[_V]) -> dict[str, str]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for v in vs:
        for entity, code in v.codes.items():
            votes[entity][code] += 1
    return {e: min(c, key=lambda k: (-c[k], k)) for e, c in sorted(votes.items())}


def _blocks(v: _V) -> list[tuple[str, str, str]]:
    if not v.actors and not v.targets:
        return [(v.mention.type, "w", _trigger(v))]
    return [(v.mention.type, "a", e) for e in sorted(v.actors)] + \
           [(v.mention.type, "t", e) for e in sorted(v.targets)]


def _trigger(v: _V) -> str:
    return v.trigger


def _bare_match(a: _V, b: _V) -> bool:
    """Neither names a participant: the same trigger word on compatible dates is all there is."""
    return not (a.actors or a.targets or b.actors or b.targets) and _trigger(a) == _trigger(b)


def _lends_actor(a: _V, b: _V) -> bool:
    """Whether merging would give a mention whose actor names no entity ("both leaders denied the
    accusations") the other's named actor ("the ministry denied visas"), or another unnamed one
    ("a motion that condemns X" / "the mayors who condemned it"), on no evidence but
    the event word: the two clauses share no other word of four letters or more.  A headline and
    its lead ("State opens investigation into X leak" / "The state agency opened an investigation
    into the leak at X") share theirs; two acts that only share a verb do not."""
    if not ((a.unnamed and b.actors) or (b.unnamed and a.actors)
            or (a.unnamed and b.unnamed and a.unnamed.isdisjoint(b.unnamed))):
        return False
    return _content(a).isdisjoint(_content(b))


def _actor_words(text: str) -> frozenset[str]:
    """An unnamed actor's words (:attr:`_V.unnamed`); one with none of four letters ("two men")
    is the word ``"?"``: an actor all the same, unlike any worded one, like another such."""
    return _words(text) or frozenset({"?"})


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.casefold())) - _FUNCTION_WORDS


def _content(v: _V) -> frozenset[str]:
    return _words(v.mention.span.text) - set(_WORD.findall(v.trigger))


_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_FUNCTION_WORDS = frozenset(
    "that this these those with from have has had been were was will would could should also into onto "
    "than then them they their there what when where which while who whom whose about after before said "
    "says".split())


def _no_conflict(a: _V, b: _V) -> bool:
    if a.actors and b.actors and not (a.actors & b.actors):
        return False
    return not (a.targets and b.targets and not (a.targets & b.targets))


def _lemma_match(uf: _Clusters, a: _V, b: _V) -> bool:
    """The same event word, no clash of participants, and articles about the same happening.

    Two articles are about the same happening when they are one article or their features
    (:mod:`storyline.link.similarity`: entities, days, words) meet with a cosine of at least
    :data:`SAME_HAPPENING` and :data:`ABOVE_TYPICAL` times the story's typical one; this keeps
    two votes (or two arrests) of unrelated stories, or of one story years apart, apart when
    neither mention names its participants.
    """
    if a.lemma is None or a.lemma != b.lemma or not _no_conflict(a, b):
        return False
    if _one_article(a, b):
        return not _lends_actor(a, b)  # one outlet names its actors alike: unnamed is someone else
    return not a.context.isdisjoint(b.context) and uf.alike(a, b)


def _one_article(a: _V, b: _V) -> bool:
    """Whether ``a`` and ``b`` are told in one article: a same-word merge there checks the
    participants of the whole events (one outlet names each event's actors), across articles
    only those of the two mentions (another outlet may name other participants of one event)."""
    return a.mention.span.article == b.mention.span.article


def _told_alike(uf: _Clusters, a: _V, b: _V) -> bool:
    """Whether ``a`` and ``b`` are told in one article, or in two whose likeness is at least
    :data:`SAME_HAPPENING` (the story's typical likeness aside): what a merge across articles on
    a shared type and participant, or on a bare trigger word, needs."""
    return _one_article(a, b) or uf.similar(a.mention.span.article, b.mention.span.article) >= SAME_HAPPENING


def _same_happening(uf: _Clusters, a: _V, b: _V) -> bool:
    """Whether ``a`` and ``b`` are told in one article, or in two whose likeness clears the
    story's bar (:data:`SAME_HAPPENING`, :data:`ABOVE_TYPICAL`)."""
    return _one_article(a, b) or uf.alike(a, b)


def _pair_blocks(v: _V) -> list[tuple[str, str, str, str]]:
    return [(v.mention.type, "at", a, t) for a in sorted(v.actors) for t in sorted(v.targets)]


def _date_text(v: _V) -> str:
    return v.mention.date.value if v.mention.date else "undated"


def _detail(a: _V, b: _V) -> str:
    shared = ", ".join(sorted((a.actors & b.actors) | (a.targets & b.targets))) or (
        f'word "{a.lemma}"' if a.lemma and a.lemma == b.lemma else f'trigger "{_trigger(a)}"')
    return (f"{a.mention.id} ~ {b.mention.id}: type {a.mention.type}, shared {shared}, "
            f"dates {_date_text(a)} / {_date_text(b)}")


def _merge_dated(uf: _Clusters) -> None:
    """Merge dated mentions that share a block (see the module docstring), the pairs with the
    most specific dates first: (sum of the two dates' precision ranks, then the pair).

    A candidate pair is judged only when its turn comes, and only when its two events could
    still merge: not one event yet, and dates that still meet (:meth:`_Clusters.union` refuses
    any other pair, whatever the rule).  In a large story most candidate pairs are such, and
    judging them (the articles' likeness above all) was most of the linking time.  Both tests
    are first made in numpy for a run of :data:`_JUDGED_PER_STEP` pairs against the clusters as
    they stand at its start: a pair that fails them then fails them for good (clusters only
    grow, and their dates only narrow), so leaving it out changes nothing."""
    items, interval = uf.items, uf.interval
    rank = [_RANK.get(v.mention.date.precision, 9) if v.mention.date is not None else 9 for v in items]
    mask = (1 << _PAIR_BITS) - 1
    # each cluster's dates as day ordinals, kept by root (an undated cluster is never a candidate's)
    start = np.fromiter((iv[0].toordinal() if iv else 0 for iv in interval), np.int64, len(items))
    end = np.fromiter((iv[1].toordinal() if iv else 0 for iv in interval), np.int64, len(items))
    keys = _candidate_pairs(items, rank)
    for at in range(0, len(keys), _JUDGED_PER_STEP):
        run = keys[at : at + _JUDGED_PER_STEP]
        root = unionfind.roots(uf.parent)
        ra, rb = root[(run >> _PAIR_BITS) & mask], root[run & mask]
        live = (ra != rb) & (np.maximum(start[ra], start[rb]) <= np.minimum(end[ra], end[rb]))
        for key in run[live].tolist():
            a, b = (key >> _PAIR_BITS) & mask, key & mask
            ra_, rb_ = uf.find(a), uf.find(b)
            if ra_ == rb_ or _meet(interval[ra_], interval[rb_]) is False:
                continue
            va, vb = items[a], items[b]
            if _participants_ok(va, vb) and _dated_alike(va, vb) and _told_alike(uf, va, vb):
                rule = "same-event"
            elif _bare_match(va, vb) and _told_alike(uf, va, vb):
                rule = "same-trigger"
            elif _lemma_match(uf, va, vb):
                rule = "same-lemma"
            else:
                continue
            if uf.union(a, b, rule, functools.partial(_detail, va, vb),
                        whole=rule != "same-lemma" or _one_article(va, vb)):
                joined = uf.find(a)
                lo, hi = interval[joined]  # type: ignore[misc]
                start[joined], end[joined] = lo.toordinal(), hi.toordinal()


_JUDGED_PER_STEP = 1 << 16
"""Candidate pairs tested in numpy against one snapshot of the clusters (a snapshot costs a few
milliseconds; the pairs it leaves are judged one by one)."""
_PAIR_BITS = 29
"""A candidate pair is one int64: (rank sum << 2 * _PAIR_BITS) | (a << _PAIR_BITS) | b.  A rank
sum is at most 18 (five bits), so a story may hold up to 2**29 (536 million) event mentions,
more than one machine can link (about 17 a Timeline17 article)."""
_DAY_BITS = 22
"""Date ordinals (up to ``date.max``, 3,652,059) fit in 22 bits."""
_PAIRS_PER_STEP = 1 << 22
"""Candidate pairs made at once (about 32 MB each of the few int64 arrays that make them)."""


def _distinct(keys: np.ndarray) -> np.ndarray:
    """``keys`` sorted, each once (``np.unique`` hashes first, several times slower)."""
    keys.sort()
    return keys[_firsts(keys)]


def _firsts(ordered: np.ndarray) -> np.ndarray:
    """Of a sorted array, whether each row is the first of its run of equal values."""
    return np.concatenate(([True], ordered[1:] != ordered[:-1])) if len(ordered) else np.empty(0, dtype=bool)


def _places(runs: np.ndarray) -> np.ndarray:
    """For runs of the given lengths laid end to end, each row's place in its run: 0, 1, ..."""
    return np.arange(int(runs.sum()), dtype=np.int64) - np.repeat(np.cumsum(runs) - runs, runs)


_MONTH_BITS = 17
"""A month is ``year * 12 + month - 1``: below 2**17 up to the year 9999."""


def _dated_blocks(items: Sequence[_V]) -> tuple[np.ndarray, np.ndarray]:
    """The blocks of the dated mentions: (type, role, entity, month), the bare trigger's (type,
    word, month), and (lemma, month) (see :func:`_blocks`); blocks of one mention left out.

    Returned flat, as two int64 arrays of equal length: each row a mention (its index) in one block
    (a block number), rows sorted by block.  A dated mention spans at most 14 months
    (:data:`_COARSE_DAYS`), so its rows are made in numpy from its keys and its first and last month.
    """
    key_ids: dict[tuple[str, str, str], int] = {}
    mentions: list[int] = []
    keys: list[int] = []
    firsts: list[int] = []
    lasts: list[int] = []
    for i, v in enumerate(items):
        if v.coarse:
            continue
        assert v.interval is not None
        lo, hi = v.interval
        first, last = lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month - 1
        own = _blocks(v)
        if v.lemma is not None:
            own.append(("", "l", v.lemma))
        for key in own:
            mentions.append(i)
            keys.append(key_ids.setdefault(key, len(key_ids)))
            firsts.append(first)
            lasts.append(last)
    spans = np.asarray(lasts, dtype=np.int64) - np.asarray(firsts, dtype=np.int64) + 1
    member = np.repeat(np.asarray(mentions, dtype=np.int64), spans)
    month = np.repeat(np.asarray(firsts, dtype=np.int64), spans) + _places(spans)
    block = (np.repeat(np.asarray(keys, dtype=np.int64), spans) << _MONTH_BITS) | month
    order = np.argsort(block, kind="stable")
    member, block = member[order], block[order]
    # number the blocks 0, 1, 2, ... in order, and leave out those of one mention
    number = np.cumsum(_firsts(block)) - 1
    sizes = np.bincount(number) if len(number) else np.empty(0, dtype=np.int64)
    keep = sizes[number] > 1
    kept = number[keep]
    renumber = np.cumsum(sizes > 1) - 1
    return member[keep], renumber[kept] if len(kept) else kept


def _candidate_pairs(items: Sequence[_V], rank: Sequence[int]) -> np.ndarray:
    """Every pair of dated mentions that meet in a block, once, as sorted int64 keys (see
    :data:`_PAIR_BITS`; made :data:`_PAIRS_PER_STEP` at a time).

    In a block sorted by (start, end, index), a mention pairs with the next
    :data:`_MAX_ROOTS` whose intervals start before its own ends (a chain still links longer
    runs).  Pairs whose moods differ are left out: no merge joins two moods.
    """
    if len(items) >= 1 << _PAIR_BITS:
        raise ValueError(f"{len(items)} event mentions: more than one story can link (2**{_PAIR_BITS})")
    member, block = _dated_blocks(items)
    if not len(member):
        return np.empty(0, dtype=np.int64)
    start = np.fromiter((v.interval[0].toordinal() if v.interval else 0 for v in items), np.int64, len(items))
    end = np.fromiter((v.interval[1].toordinal() if v.interval else 0 for v in items), np.int64, len(items))
    order = np.lexsort((member, end[member], start[member], block))
    member, block = member[order], block[order]
    # (block, start) rises along the flat array: where a mention's run ends is one search
    since = (block << _DAY_BITS) | start[member]
    until = np.searchsorted(since, (block << _DAY_BITS) | end[member], side="right")
    first = np.arange(len(member), dtype=np.int64) + 1
    count = np.minimum(first + _MAX_ROOTS, until) - first
    mood_of = {m: k for k, m in enumerate(sorted(set(_MOOD.values())))}
    mood = np.fromiter((mood_of[_MOOD[v.mention.modality]] for v in items), np.int64, len(items))
    ranks = np.asarray(rank, dtype=np.int64)
    found: list[np.ndarray] = []
    total = np.cumsum(count)
    lo = 0
    while lo < len(member):
        hi = int(np.searchsorted(total, (total[lo - 1] if lo else 0) + _PAIRS_PER_STEP, side="right"))
        hi = max(hi, lo + 1)
        n = count[lo:hi]
        here = np.repeat(np.arange(lo, hi, dtype=np.int64), n)
        x, y = member[here], member[here + 1 + _places(n)]
        a, b = np.minimum(x, y), np.maximum(x, y)
        keep = (a != b) & (mood[a] == mood[b])
        a, b = a[keep], b[keep]
        found.append(_distinct(((ranks[a] + ranks[b]) << (2 * _PAIR_BITS)) | (a << _PAIR_BITS) | b))
        lo = hi
    return _distinct(np.concatenate(found))


def _dated_alike(a: _V, b: _V) -> bool:
    """Whether two mentions that share a type and a participant are dated alike enough to be one
    event by that alone: one of them by its own clause ("on Monday"), or both by one word.  Two
    mentions dated only by their articles' days (the ministry "criticized the raid" and "called
    for an inquiry", both by August 1) are two acts of one actor unless a date ties them."""
    return a.mention.date_basis == "clause" or b.mention.date_basis == "clause" or \
        (a.lemma is not None and a.lemma == b.lemma)


def _merge_one_clause(uf: _Clusters) -> None:
    """Verbs of one type joined in one clause ("both ministers have denied or dismissed the
    charges", "were arrested and detained") tell one act (rule ``same-clause``): their mentions
    share the clause, its actor and its object."""
    items = uf.items
    first: dict[tuple[str, int, int, str, str], int] = {}
    for i in uf.in_text_order:
        m = items[i].mention
        if m.type == UNTYPED:
            continue
        key = (m.span.article, m.span.start, m.span.end, m.type, m.modality)
        j = first.setdefault(key, i)
        if j != i and items[j].actors == items[i].actors and items[j].targets == items[i].targets \
                and items[j].unnamed == items[i].unnamed:
            uf.union(j, i, "same-clause", _detail(items[j], items[i]) + " (one clause)")


def _merge_in_article(uf: _Clusters) -> None:
    """Within one article, mentions of one event word are one event ("the quake struck ... the
    quake killed"): each joins the previous mention of its word when their participants and dates
    do not clash, nor the participants of the two events."""
    items = uf.items
    last: dict[tuple[str, str], int] = {}
    for i in uf.in_text_order:
        v = items[i]
        if v.lemma is None:
            continue
        key = (v.mention.span.article, v.lemma)
        j = last.get(key)
        last[key] = i
        if j is not None and _no_conflict(items[j], v) and not _lends_actor(items[j], v):
            uf.union(j, i, "same-word-in-article", _detail(items[j], v))


def _merge_undated(uf: _Clusters) -> None:
    items = uf.items
    dated: dict[tuple[str, ...], dict[int, int]] = defaultdict(dict)
    for i, v in enumerate(items):
        if not v.coarse:
            for key in _blocks(v) + _pair_blocks(v):
                dated[key].setdefault(uf.find(i), i)
    waiting: dict[tuple[str, str, str], int] = {}
    _merge_undated_by_lemma(uf, dated)
    for i, v in enumerate(items):
        if not v.coarse or not (v.actors or v.targets):
            continue  # a bare undated mention has nothing to be matched on
        roots = _dated_roots(uf, dated, _pair_blocks(v), v) or _dated_roots(uf, dated, _blocks(v), v)
        if len(roots) == 1:
            j = next(iter(roots.values()))
            uf.union(j, i, "undated-join", _detail(items[j], v) + " (the one dated event of its kind)")
        elif not roots:
            for key in _blocks(v):
                j = waiting.setdefault(key, i)
                if j != i and _participants_ok(items[j], v):
                    uf.union(j, i, "same-event", _detail(items[j], v))


def _merge_undated_by_lemma(uf: _Clusters, dated: dict[tuple[str, ...], dict[int, int]]) -> None:
    """An undated mention joins the one dated event of its word that fits, else its undated look-alikes."""
    items = uf.items
    for i, v in enumerate(items):
        if not v.coarse and v.lemma is not None:
            dated[("", "l", v.lemma)].setdefault(uf.find(i), i)
    waiting: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(items):
        if not v.coarse or v.lemma is None:
            continue
        roots: dict[int, int] = {}
        for root, j in list(dated.get(("", "l", v.lemma), {}).items())[:_MAX_ROOTS]:
            root = uf.find(root)
            if root not in roots and _lemma_match(uf, items[j], v) and _fits(uf, root, v):
                roots[root] = j
                if len(roots) > 1:
                    break
        if len(roots) == 1:
            j = next(iter(roots.values()))
            uf.union(j, i, "undated-join", _detail(items[j], v) + " (the one dated event of its word)", whole=False)
            continue
        # two dated events fit (which one is not known), or none: it meets its undated look-alikes;
        # a merge never joins two clusters whose dates are apart
        others = waiting[v.lemma]
        for j in others[-_MAX_ROOTS:]:
            if uf.find(j) != uf.find(i) and _lemma_match(uf, items[j], v):
                uf.union(j, i, "same-lemma", _detail(items[j], v), whole=_one_article(items[j], v))
        others.append(i)


def _dated_roots(
    uf: _Clusters, dated: dict[tuple[str, ...], dict[int, int]], keys: Sequence[tuple[str, ...]], v: _V,
) -> dict[int, int]:
    """Up to two dated events (root -> a member) in the ``keys`` blocks that ``v`` fits."""
    roots: dict[int, int] = {}
    for key in keys:
        for root, j in list(dated.get(key, {}).items())[:_MAX_ROOTS]:
            root = uf.find(root)  # an undated mention may have joined it since
            if root not in roots and _fits(uf, root, v) and _same_happening(uf, uf.items[j], v) \
                    and not _dated_apart(uf.items[j], v):
                roots[root] = j
                if len(roots) > 1:
                    return roots
    return roots


def _dated_apart(dated: _V, v: _V) -> bool:
    """Whether an undated mention told in the same article as a mention its writer dated ("in
    2017, X condemned Y"), in other words, is another act: the writer would have dated it alike
    ("officials accused of a second wave" is not what was condemned in 2017)."""
    return dated.mention.date_basis == "clause" and _one_article(dated, v) and dated.lemma != v.lemma


def _fits(uf: _Clusters, root: int, v: _V) -> bool:
    """Whether mention ``v`` may join dated event ``root`` (participants and dates)."""
    for mine, theirs in ((v.actors, uf.actors[root]), (v.targets, uf.targets[root])):
        if mine and theirs and not (mine & theirs):
            return False
    return _meet(v.interval, uf.interval[root]) is not False


def summarize(text: str, limit: int) -> str:
    """One line of the evidence: whitespace collapsed, cut at a word boundary with "..."."""
    line = re.sub(r"\s+", " ", text).strip()
    if len(line) <= limit:
        return line
    cut = line[: max(limit - 3, 1)]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-") + "..."


def _best_date(vs: list[_V]) -> DateValue | None:
    def width(d: DateValue) -> tuple[int, dt.date, str]:
        days = (d.latest - d.earliest).days if d.latest else 10**6
        return (days, d.earliest, d.value)

    clause = [v.mention.date for v in vs if v.mention.date is not None and v.mention.date_basis == "clause"]
    rest = [v.mention.date for v in vs if v.mention.date is not None]
    pool = clause or rest
    return min(pool, key=width) if pool else None


def _most_common(values: Sequence[str]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda s: (-counts[s], s)) if counts else None


def _build(uf: _Clusters, settings: Settings) -> list[Event]:
    groups: dict[int, list[_V]] = defaultdict(list)
    for i, v in enumerate(uf.items):
        groups[uf.find(i)].append(v)
    reasons: dict[int, list[MergeReason]] = defaultdict(list)
    for root, reason in uf.reasons:
        reasons[uf.find(root)].append(reason)
    events = []
    for root, vs in groups.items():
        mentions = [v.mention for v in vs]
        modalities = [m.modality for m in mentions]
        modality = "asserted" if "asserted" in modalities else _most_common(modalities)
        best = min(vs, key=lambda v: (  # a clause of a few words ("tortured") summarises nothing
            v.mention.modality != "asserted", len(v.mention.span.text.split()) < _SHORT_CLAUSE_WORDS,
            v.mention.date_basis != "clause", v.mention.date is None,
            _RANK.get(v.mention.date.precision, 9) if v.mention.date else 9,
            v.mention.span.article, v.mention.span.start))
        events.append(Event(
            id=make_id("v", min(m.id for m in mentions)),
            type=_most_common([m.type for m in mentions]) or mentions[0].type,
            modality=modality,  # type: ignore[arg-type]
            mentions=tuple(sorted(mentions, key=lambda m: (m.span.article, m.span.start, m.id))),
            summary=summarize(best.mention.span.text, settings.max_summary_chars),
            date=_best_date(vs),
            mode=_most_common([m.mode or "" for m in mentions]),
            cameo=_most_common([m.cameo or "" for m in mentions]),
            actors=tuple(sorted(actors := set().union(*(v.actors for v in vs)))),
            targets=tuple(sorted(set().union(*(v.targets for v in vs)) - actors)),  # nobody acts on itself
            location=_most_common([v.location or "" for v in vs]),
            sources=len({v.mention.span.article for v in vs if v.independent}),
            reasons=tuple(reasons[root]),
            codes=_merged_codes(vs),
        ))
    events.sort(key=lambda e: e.id)
    return events


def build_events(
    pairs: Sequence[tuple[Article, ArticleAnalysis | None]], dates: ArticleDates, entities: EntityIndex,
    settings: Settings, features: Mapping[str, frozenset[str]] | None = None,
    similar: ArticleSimilarity | None = None,
) -> tuple[Event, ...]:
    """Canonical events (sorted by id) from every analysis's event mentions.

    ``features`` (:func:`~storyline.link.similarity.story_features`) and ``similar`` (their
    :class:`ArticleSimilarity`, which claims comparison shares) are computed here when the
    caller has not already.
    """
    if features is None:
        features = story_features(pairs, entities)
    uf = _Clusters(_collect(pairs, dates, entities, features), similar or ArticleSimilarity(features))
    _merge_one_clause(uf)
    _merge_in_article(uf)
    _merge_dated(uf)
    _merge_undated(uf)
    return with_salience(_build(uf, settings))
