"""Numeric claims, grouped by what they are about, and the conflicts between sources.

Each :class:`ClaimMention` becomes a :class:`Claim` (same id).  Claims are grouped
by subject: subjects whose content words have the same Snowball stems are one ("people detained"
/ "detained people", "people were detained" / "people detained", "protesters protest" /
"protester protested"). Spelling likeness is not enough: "people killed" is not "people filled",
nor "people freed" ("fled" and "flee" stay apart too, which costs a comparison, never invents
one). A subject of two content words or more that only leaves out what the counted did
("members of congress" beside "members of congress sent") joins the one group it fits, and none
when it fits several (see :func:`_group`).
Within a group, two claims from different independent articles are compared only when they can
count one thing: the same happening, told at the same time. A count changes as a story unfolds
(the toll of a war, the cases of an epidemic) and one subject names many happenings (people
killed on different days, in different towns), so a pair is compared when

* both claims sit in mentions of one canonical event (:mod:`storyline.link.events`: the clause
  that holds the number, "a letter signed by 53 members"), or else
* they are not told of different times: a count's time is the date of its sentence's own time
  expression ("the leak on March 4 sent 37 people", "the 1918 pandemic killed 50 million"; not
  one that opens the counted period, "killed since March"), else its event mention's clause
  date, else its article's date widened a week back (a report covers the days before it); two
  known times must overlap, and be both of at most a month or both longer (a day's toll is
  not a year's); temporal claims skip this (when a thing began does not depend on when it was
  told), and
* they are not a running total and the count of one incident: a count is a running total when
  its sentence says so ("since", "so far", "to date", "in all", "toll", "over the past 12
  months"), unless it counts more of them ("five more", "a further 209"), which is an
  incident's count; so is a count whose sentence names its day ("on Monday", "Wednesday's
  clashes") or tells of one happening ("died when a van blew up", "killed in the raid"); a count
  that says neither meets both, and
* two incidents' counts are compared only when their sentences name a place in common or both
  name the day (one war's many incidents are told the same week, mostly without their town), and
* neither is a rate: a count per unit of time or of something else ("flu kills 500,000 people
  each year", "eight are killed on the roads on average each day", "infects two people for every
  case") tells a habit, not a happening, and two rates seldom count one thing ("12 a day" in one
  city's fighting, "500,000 a year" of flu); the phrase belongs to the count of its sentence
  nearest to it ("the virus, which kills 36,000 a year, has killed 20 in Mexico": 36,000 is the
  rate), and
* their sentences are not the same words: a sentence copied into two articles (a wire story's
  paragraph, a background line) is one report, and two readings of it (its "last year" read
  against two publication dates) are not two sources disagreeing, and
* for when something began or ended, their sentences name someone or somewhere in common, or
  neither names anyone ("protests against A began" is not about the protests against B), and
* their sentences do not name different places (both name places, none in common), and
* their articles tell of one story: article likeness (:class:`~storyline.link.similarity.ArticleSimilarity`)
  of at least :data:`SAME_STORY`.

A subject of one content word ("banks", "interviews") is never compared: it says what is
counted, not which ones. Two compared claims disagree when their ``[low, high]`` intervals are
disjoint (``None`` is open: "more than 50" is ``[51, inf)`` and agrees with "53"; an
approximate claim, "about 50", is widened by :data:`APPROX_SLACK` either way; claims of
different units are never compared, a claim without a unit is compared with all). Temporal
claims (unit ``"date"``, bounds are day ordinals) compare the same way, unwidened: "began in
early March" and "began in late autumn" of one year are disjoint, so they conflict; "began in
March" and "began on 3 March" agree. A :class:`Conflict` lists claims that can all count one
thing, each disagreeing with another of them (see :func:`_disagreeing`).

Blocking keeps this near-linear: a group's claims meet only those of the same event, of the
same weeks (years, for counts of longer times), or (claims of no known time) the next
:data:`WINDOW` in id order.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import msgspec
import snowballstemmer

from storyline.ids import make_id
from storyline.link import names
from storyline.link.dating import ArticleDates
from storyline.link.entities import EntityIndex
from storyline.link.similarity import ArticleSimilarity, story_features
from storyline.model import Article, ArticleAnalysis, Claim, ClaimMention, Conflict, DateValue, Event, Span

__all__ = [
    "APPROX_SLACK", "FINE_DAYS", "LONGEST_DAYS", "REPORT_DAYS", "SAME_STORY", "WINDOW", "compare_claims",
]

WINDOW = 64
"""Subjects sharing a word are compared with the next ``WINDOW`` in sorted order only; so are
the claims of one block (event, week, or no known time) when looking for disagreements."""

SAME_STORY = 0.04
"""Article likeness at or above which two articles can tell of one happening (the floor that
event linking uses, :data:`storyline.link.events.SAME_HAPPENING`, without its story-relative
part: a claim's subject, time and places already narrow what it counts). On the 2,896
Timeline17 articles stored together (nine unrelated stories) 7% of the article pairs from two
different stories reach it, 60% of those from one."""

FINE_DAYS = 31
"""A date of at most a month says when a count held (counts of such times meet by week); a
count of a longer time (a year: "the 1918 pandemic killed 50 million") is compared only with
counts of overlapping long times, never with a day's."""

LONGEST_DAYS = 3660
"""Dates longer than about ten years (a decade, an open bound) say nothing of a count's time."""

REPORT_DAYS = 7
"""A count taken from its article's date is the count of the week before it."""

APPROX_SLACK = 0.1
_APPROX = frozenset(
    "about around approximately roughly some nearly almost estimated an estimated close to".split()
)
_SINCE = re.compile(r"(?i)\b(?:since|from)\s+(?:the\s+)?$")
"""A date that opens the counted period ("killed since March") is not when the count held."""

_TOTAL = re.compile(
    r"(?i)\b(?:since|so far|to date|in (?:all|total)|totall?(?:ed|ing|s)?|toll|overall|altogether|"
    r"cumulative|tally|(?:in|over|during|throughout) the (?:past|last|previous|first) (?:\w+ )?"
    r"(?:months?|years?))\b"
)
"""Words that make a sentence's count a running total ("have been killed since March", "the death
toll rose to", "so far", "over the past 12 months") rather than the count of one incident ("in the
past two days" is neither: a few days' count)."""

_MORE_AFTER = re.compile(r"(?i)[\w.,-]+\s+(?:more|other|further|new|additional)\b")
_MORE_BEFORE = re.compile(r"(?i)\b(?:another|an additional|a further)\s+$")
"""A count of more of them ("five more people", "another five") is an incident's, even in a
sentence that also gives the total ("..., raising the toll to 95")."""
_HAPPENING = re.compile(
    r"(?i)\bwhen\b|\b(?:in|during|after)\s+(?:(?:a|an|the|that|this|[A-Z]\w+['’]s)\s+)?(?:\w+\s+)?"
    r"(?:attack|blast|bombing|explosion|raid|shelling|strike|airstrike|air\s+strike|clash|crash|ambush|"
    r"assault|massacre|incident|shooting|stampede|collapse|fire|bombardment)e?s?\b"
)
"""A sentence that tells of one happening ("died when a van blew up", "were killed in the
attack", "in Saturday's blast"): its count is that incident's."""
_UNIT = r"(?:year|day|week|month|night|hour|minute|season|winter|summer)"
_RATE = re.compile(
    rf"(?i)\b(?:(?:each|every|per)\s+(?:(?:\d+(?:\s*[-–]\s*\d+)?|few|several|other|two|three|four|five|ten)\s+)?"
    rf"{_UNIT}s?\b|for\s+every|(?:annually|yearly)\b|on\s+average|"
    rf"in\s+an?\s+(?:average|typical|normal|ordinary)\s+{_UNIT})"
)
"""A count per unit of time or of something else, anywhere in its sentence: "each year", "per day",
"every 30-40 years", "for every", "annually", "on average", "in an average year"."""
_A_UNIT = re.compile(rf"(?i)\W{{0,12}}\ba\s+{_UNIT}\b(?!\s+(?:ago|earlier|later|after|before|since|on|from|of)\b)")
"""..., or "a year" right after the count ("kills 36,000 people a year", "$400 million a month"):
further away "a week" is mostly a time ("spent a week", "for nearly a month")."""
_STOP = frozenset("the a an of in on at to by for and were was have has been had are is be".split())


def _norm(subject: str) -> str:
    return " ".join(re.findall(r"\w+", subject.casefold()))


def _bounds(c: ClaimMention) -> tuple[float, float] | None:
    if c.low is None and c.high is None:
        return None
    lo = -math.inf if c.low is None else c.low
    hi = math.inf if c.high is None else c.high
    if c.approx and c.approx.casefold().strip() in _APPROX and c.unit != "date":
        lo, hi = lo - abs(lo) * APPROX_SLACK, hi + abs(hi) * APPROX_SLACK
    return lo, hi


_STEMMER = snowballstemmer.stemmer("english")


def _content(subject: str) -> frozenset[str]:
    """The Snowball stems of a normalised subject's content words."""
    return frozenset(_stem(w) for w in subject.split() if w not in _STOP)


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A word's Snowball stem (a story's subjects repeat their words: each is stemmed once)."""
    return _STEMMER.stemWord(word)


def _group(subjects: list[str]) -> dict[str, str]:
    """Subject -> the smallest subject of its group (near-linear: blocked by content stem).

    Subjects with the same content stems are one group.  A vaguer subject of two content words
    or more, whose stems are a strict subset of another's ("members of congress" / "members of
    congress sponsored"), joins the one group it fits; when it fits several ("... sponsored" and
    "... sent"), it joins none: it cannot say which it counts, and through it two different counts
    would be compared.  A lone word ("people") is too vague to join any.
    """
    parent = {s: s for s in subjects}

    def find(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    def union(a: str, b: str) -> None:
        ra, rb = sorted((find(a), find(b)))
        parent[rb] = ra

    content = {s: _content(s) for s in subjects}
    same: dict[frozenset[str], str] = {}
    for s in subjects:
        if content[s] in same:
            union(same[content[s]], s)
        else:
            same[content[s]] = s
    fits: dict[str, set[str]] = defaultdict(set)
    blocks: dict[str, list[str]] = defaultdict(list)
    for s in same.values():
        for w in content[s]:
            blocks[w].append(s)
    for members in blocks.values():
        members.sort()
        for x, a in enumerate(members):
            for b in members[x + 1 : x + 1 + WINDOW]:
                if min(len(content[a]), len(content[b])) < 2:
                    continue
                if content[a] < content[b]:
                    fits[a].add(b)
                elif content[b] < content[a]:
                    fits[b].add(a)
    for vague in sorted(fits):
        roots = {find(s) for s in fits[vague]} - {find(vague)}
        if len(roots) == 1:
            union(vague, roots.pop())
    return {s: find(s) for s in subjects}


class _K(msgspec.Struct, gc=False):
    """One claim with what tells whether another counts the same thing (see the module doc)."""

    mention: ClaimMention
    unit: str
    bounds: tuple[float, float]
    event: str | None
    time: tuple[int, int] | None
    places: frozenset[str]
    scope: str | None = None
    named: frozenset[str] = frozenset()
    rate: bool = False
    sentence: str = ""


def compare_claims(
    pairs: Sequence[tuple[Article, ArticleAnalysis | None]],
    *,
    events: Sequence[Event] = (),
    entities: EntityIndex | None = None,
    similar: ArticleSimilarity | None = None,
    dates: ArticleDates | None = None,
) -> tuple[tuple[Claim, ...], tuple[Conflict, ...]]:
    """All claims (sorted by id) and the conflicts between independent articles.

    ``events``, ``entities``, ``similar`` and ``dates`` are what linking found before (the
    canonical events, the entity index, the story's article likeness, the articles' dates);
    without them a claim has no event, names no place, and takes its time from its article's
    own date, and the articles' likeness is taken over their words and days.
    """
    mentions: list[ClaimMention] = []
    independent: set[str] = set()
    for article, analysis in pairs:
        if analysis is None:
            continue
        if article.duplicate_of is None:
            independent.add(article.id)
        mentions.extend(analysis.claims)
    # Ids are spans: analyses stored by an older version may repeat one; keep the first.
    unique: dict[str, ClaimMention] = {}
    for m in mentions:
        unique.setdefault(m.id, m)
    mentions = list(unique.values())
    claims = tuple(sorted(
        (Claim(id=m.id, subject=m.subject, value=m.value, unit=m.unit, span=m.span, low=m.low, high=m.high,
               approx=m.approx) for m in mentions),
        key=lambda c: c.id,
    ))
    subjects = sorted({_norm(m.subject) for m in mentions if _norm(m.subject)})
    root = _group(subjects)
    index = entities if entities is not None else EntityIndex()
    if similar is None:
        similar = ArticleSimilarity(story_features([(a, an) for a, an in pairs if an is not None], index))
    keyed = _keyed(pairs, independent, unique, events, index, dates)
    groups: dict[str, list[_K]] = defaultdict(list)
    for k in sorted(keyed, key=lambda k: k.mention.id):
        s = _norm(k.mention.subject)
        if len(set(s.split()) - _STOP) >= 2:
            groups[root[s]].append(k)
    conflicts = []
    for members in groups.values():
        for part in _disagreeing(members, similar):
            ids = tuple(sorted(k.mention.id for k in part))
            about = Counter(k.mention.subject for k in part)
            conflicts.append(Conflict(
                id=make_id("x", *ids), about=min(about, key=lambda s: (-about[s], len(s), s)), claims=ids,
            ))
    conflicts.sort(key=lambda c: c.id)
    return claims, tuple(conflicts)


def _keyed(
    pairs: Sequence[tuple[Article, ArticleAnalysis | None]], independent: set[str],
    unique: Mapping[str, ClaimMention], events: Sequence[Event], index: EntityIndex,
    dates: ArticleDates | None,
) -> list[_K]:
    """The claims of independent articles that have bounds, each with its event, time and places."""
    event_of = {m.id: e.id for e in events for m in e.mentions}
    out: list[_K] = []
    for article, analysis in pairs:
        if analysis is None or article.id not in independent or not analysis.claims:
            continue
        published = dates.effective.get(article.id) if dates is not None else article.published
        told = _days(published.date) if published is not None else None
        if told is not None and told[1] - told[0] > FINE_DAYS:
            told = None  # a year, an inferred date: nothing that sets two counts apart
        if told is not None:
            told = (told[0] - REPORT_DAYS, told[1])
        starts = [s.start for s in analysis.sentences]
        counted = sorted((c.span.start, i, c.id, c.span) for i, c in enumerate(analysis.claims))  # by start
        read: dict[tuple[int, int], _Said] = {}  # each sentence read once, whatever counts it holds
        named_at = sorted(  # the article's entity mentions, each read once, by offset
            (x.span.start, e, names.label_group(x.label) == "place")
            for x, e in zip(analysis.mentions, index.of_mentions(analysis), strict=True) if e is not None
        )
        for m in analysis.claims:
            bounds = _bounds(m)
            if bounds is None or unique.get(m.id) is not m:
                continue
            at = bisect.bisect_right(starts, m.span.start) - 1
            sentence = analysis.sentences[at] if at >= 0 and m.span.start < analysis.sentences[at].end else None
            lo, hi = (sentence.start, sentence.end) if sentence is not None else (m.span.start, m.span.end)
            said = read.get((lo, hi))
            if said is None:
                said = read[lo, hi] = _read(article.text, lo, hi, counted)
            within = [e for e in analysis.events if e.span.start <= m.span.start and m.span.end <= e.span.end]
            anchor = min(within, key=lambda e: (e.span.end - e.span.start, e.id), default=None)
            time: tuple[int, int] | None = None
            scope: str | None = None
            if m.unit != "date":
                near = sorted(
                    (abs(t.span.start - m.span.start), t.id, f) for t in analysis.times
                    if lo <= t.span.start < hi and t.date is not None and not t.value.endswith("_REF")
                    and not _SINCE.search(article.text, max(0, t.span.start - 12), t.span.start)
                    and (f := _days(t.date)) is not None
                )
                if near:
                    time = near[0][2]
                    if time[1] - time[0] <= 1:
                        scope = "incident"  # its sentence names its day: "on Monday", "Wednesday's clashes"
                elif anchor is not None and anchor.date is not None and anchor.date_basis in ("clause", "narrative"):
                    time = _days(anchor.date)
                scope = _scope(article.text, m, lo, said) or scope
                time = time or told
            first = bisect.bisect_left(named_at, (lo, ""))
            inside = named_at[first:bisect.bisect_left(named_at, (hi, ""), first)]
            places = frozenset(e for _, e, place in inside if place)
            out.append(_K(
                mention=m, unit=_norm(m.unit).rstrip("s"), bounds=bounds,
                event=event_of.get(anchor.id) if anchor is not None else None, time=time, places=places,
                scope=scope, named=frozenset(e for _, e, _ in inside),
                rate=_is_rate(article.text, m, hi, said), sentence=said.words,
            ))
    return out


class _Said(msgspec.Struct, gc=False):
    """What one sentence says of every count in it, read once (see :func:`_read`)."""

    words: str
    """its text, whitespace normalised (a copy in another article reads the same)"""
    total: bool
    """it tells a running total (:data:`_TOTAL`)"""
    happening: bool
    """it tells of one happening (:data:`_HAPPENING`)"""
    rates: list[tuple[int, int]]
    """where its rate phrases are (:data:`_RATE`)"""
    counts: list[tuple[str, Span]]
    """its claims, by id: which count a rate phrase stands nearest to"""


def _read(text: str, lo: int, hi: int, counted: Sequence[tuple[int, int, str, Span]]) -> _Said:
    """The sentence ``text[lo:hi]``, with ``counted`` the article's claims sorted by start."""
    first = bisect.bisect_left(counted, (lo,))
    return _Said(
        words=" ".join(text[lo:hi].split()),
        total=_TOTAL.search(text, lo, hi) is not None,
        happening=_HAPPENING.search(text, lo, hi) is not None,
        rates=[phrase.span() for phrase in _RATE.finditer(text, lo, hi)],
        counts=[(cid, span) for _, _, cid, span in counted[first:bisect.bisect_left(counted, (hi,), first)]],
    )


def _scope(text: str, m: ClaimMention, lo: int, said: _Said) -> str | None:
    """What its sentence (starting at ``lo``) says the count ``m`` is: ``"incident"`` for a count of
    more of them ("five more", "a further 209") or one in a sentence of one happening, ``"total"``
    for a running total (see :data:`_TOTAL`), else ``None``."""
    if _MORE_AFTER.match(text, m.span.start, m.span.end) or _MORE_BEFORE.search(text, max(lo, m.span.start - 16),
                                                                                  m.span.start):
        return "incident"
    if said.total:
        return "total"
    return "incident" if said.happening else None


def _is_rate(text: str, m: ClaimMention, hi: int, said: _Said) -> bool:
    """Whether ``m`` is a rate: "a year" follows it (:data:`_A_UNIT`) before its sentence ends at
    ``hi``, or a rate phrase of its sentence belongs to it (no other count of the sentence stands
    nearer to the phrase)."""
    if _A_UNIT.match(text, m.span.end, hi):
        return True

    def distance(span: Span, start: int, end: int) -> int:
        return max(0, start - span.end, span.start - end)

    for start, end in said.rates:
        mine = distance(m.span, start, end)
        if all(mine <= distance(o, start, end) for cid, o in said.counts if cid != m.id):
            return True
    return False


def _days(d: DateValue) -> tuple[int, int] | None:
    """A date's first and last days as ordinals; ``None`` when open or longer than :data:`LONGEST_DAYS`."""
    if d.latest is None or (d.latest - d.earliest).days > LONGEST_DAYS:
        return None
    return d.earliest.toordinal(), d.latest.toordinal()


def _day(time: tuple[int, int] | None) -> bool:
    """A time of one day (a sentence's or clause's own: an article's is widened to a week)."""
    return time is not None and time[1] - time[0] <= 1


def _fine(time: tuple[int, int]) -> bool:
    return time[1] - time[0] <= FINE_DAYS + REPORT_DAYS


def _comparable(a: _K, b: _K, similar: ArticleSimilarity) -> bool:
    """Whether two claims of one subject group can count one thing (the module doc's rules)."""
    if a.rate or b.rate:
        return False  # a habit ("kills 500,000 a year") is not the count of one happening
    if a.event is not None and a.event == b.event:
        return True
    if a.scope is not None and b.scope is not None and a.scope != b.scope:
        return False  # a running total and the count of one day's incident count different things
    if a.scope == b.scope == "incident" and not (a.places & b.places) and not (_day(a.time) and _day(b.time)):
        return False  # two incidents' counts: one incident only when the same place or day is named
    if a.unit == "date" and (a.named or b.named) and not (a.named & b.named):
        return False  # "protests against A began" is not about the protests against B, nor about any
    if a.time is not None and b.time is not None and (
            a.time[0] > b.time[1] or b.time[0] > a.time[1] or _fine(a.time) != _fine(b.time)):
        return False  # told of different times, or one of a day and one of a whole year
    if a.places and b.places and not (a.places & b.places):
        return False
    return similar(a.mention.span.article, b.mention.span.article) >= SAME_STORY


def _disagreeing(members: list[_K], similar: ArticleSimilarity) -> list[list[_K]]:
    """The conflicts among one subject group's claims: sets of claims that can all count one thing,
    each disagreeing with another of its set (see the module doc).

    Candidate pairs come from blocks (one event, one week, or no known time), each swept in
    order with a window, so a subject told a million times does not cost a million squared.
    Disagreeing pairs are taken in order; a pair joins the conflict that holds one of its claims
    when its other claim can count the same thing as every claim there, else it starts its own:
    a claim of no known time that disagrees with Monday's count and with Tuesday's does not make
    those two one conflict.
    """
    blocks: dict[tuple[str, object], list[int]] = defaultdict(list)
    for i, k in enumerate(members):
        if k.event is not None:
            blocks["event", k.event].append(i)
        if k.time is None:
            blocks["any", None].append(i)
        elif _fine(k.time):
            for week in range(k.time[0] // 7, k.time[1] // 7 + 1):
                blocks["week", week].append(i)
        else:
            for year in range(k.time[0] // 365, k.time[1] // 365 + 1):
                blocks["year", year].append(i)
    seen: set[tuple[int, int]] = set()
    found: list[tuple[int, int]] = []
    untimed = blocks.get(("any", None), [])
    for key, ids in blocks.items():
        candidates = [(i, j) for x, i in enumerate(ids) for j in ids[x + 1 : x + 1 + WINDOW]]
        if key[0] != "any":  # claims of no known time meet the timed ones too
            candidates += [(min(i, j), max(i, j)) for j in untimed[:WINDOW] for i in ids[:WINDOW] if i != j]
        for i, j in candidates:
            if (i, j) in seen:
                continue
            seen.add((i, j))
            a, b = members[i], members[j]
            if a.mention.span.article == b.mention.span.article or (a.unit and b.unit and a.unit != b.unit):
                continue
            if a.sentence and a.sentence == b.sentence:
                continue  # one sentence copied into two articles: one report, whatever each made of it
            if a.bounds[1] >= b.bounds[0] and b.bounds[1] >= a.bounds[0]:
                continue  # they agree
            if _comparable(a, b, similar):
                found.append((i, j))
    conflicts: list[list[int]] = []
    holding: dict[int, list[list[int]]] = defaultdict(list)  # claim -> the conflicts it is in

    def fits(claim: int, conflict: list[int]) -> bool:
        k = members[claim]
        return all(
            (k.sentence and k.sentence == members[o].sentence)  # a copy of one of its reports
            or (k.mention.span.article != members[o].mention.span.article and _comparable(k, members[o], similar))
            for o in conflict if o != claim
        )

    for i, j in sorted(found):
        if any(j in c for c in holding[i]) or any(i in c for c in holding[j]):
            continue
        home: list[int] | None = next((c for c in holding[i] if fits(j, c)), None) \
            or next((c for c in holding[j] if fits(i, c)), None)
        if home is None:
            home = []
            conflicts.append(home)
        for claim in (i, j):
            if claim not in home:
                home.append(claim)
                holding[claim].append(home)
    return [[members[x] for x in sorted(c)] for c in conflicts]
