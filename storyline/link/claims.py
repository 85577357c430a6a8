"""Numeric claims, grouped by what they are about, and the conflicts between sources.

Each :class:`ClaimMention` becomes a :class:`Claim` (same id).  Claims are grouped
by subject: equal normalised subjects, or subjects with rapidfuzz
``token_set_ratio`` >= :data:`SUBJECT_MIN` ("people detained" / "detained people",
"people were detained" / "people detained") when both have two content words or more
(a lone word such as "people" is too vague to join), blocked by their content words. A subject
that only leaves out what the counted did ("members of congress" beside "members of congress
sent") joins the one group it fits, and none when it fits several (see :func:`_group`).
Within a group two claims from different independent articles agree when their
``[low, high]`` intervals overlap (``None`` is open: "more than 50" is
``[51, inf)`` and agrees with "53"); an approximate claim ("about 50") is widened
by :data:`APPROX_SLACK` either way.  Temporal claims (unit ``"date"``, bounds are day ordinals)
compare the same way, unwidened: "began in early March" and "began in late autumn" of one year
are disjoint, so they conflict; "began in March" and "began on 3 March" agree.
A group with a disagreeing pair yields one :class:`Conflict` listing every claim of the group
that disagrees with another.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from storyline.ids import make_id
from storyline.model import Article, ArticleAnalysis, Claim, ClaimMention, Conflict

__all__ = ["APPROX_SLACK", "SUBJECT_MIN", "WINDOW", "compare_claims"]

SUBJECT_MIN = 90.0
"""token_set_ratio at or above which two subjects are one (set by hand on word-order and
"were"/"have been" variants, which score 100, against different counts such as
"people detained" / "people killed", which score about 70)."""

WINDOW = 64
"""Subjects sharing a word are compared with the next ``WINDOW`` in sorted order only."""

APPROX_SLACK = 0.1
_APPROX = frozenset(
    "about around approximately roughly some nearly almost estimated an estimated close to".split()
)
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


def _group(subjects: list[str]) -> dict[str, str]:
    """Subject -> the smallest subject of its group (near-linear: blocked by content word).

    A vaguer subject, whose content words are a strict subset of another's ("members of
    congress" / "members of congress sponsored"), joins the one group it fits; when it fits
    several ("... sponsored" and "... sent"), it joins none: it cannot say which it counts, and
    through it two different counts would be compared.
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

    content = {s: frozenset(s.split()) - _STOP for s in subjects}
    fits: dict[str, set[str]] = defaultdict(set)
    blocks: dict[str, list[str]] = defaultdict(list)
    for s in subjects:
        for w in content[s]:
            blocks[w].append(s)
    for members in blocks.values():
        members.sort()
        for x, a in enumerate(members):
            for b in members[x + 1 : x + 1 + WINDOW]:
                if find(a) == find(b) or not _same_subject(a, b):
                    continue
                if content[a] < content[b]:
                    fits[a].add(b)
                elif content[b] < content[a]:
                    fits[b].add(a)
                else:
                    union(a, b)
    for vague in sorted(fits):
        roots = {find(s) for s in fits[vague]} - {find(vague)}
        if len(roots) == 1:
            union(vague, roots.pop())
    return {s: find(s) for s in subjects}


def _same_subject(a: str, b: str) -> bool:
    ca, cb = set(a.split()) - _STOP, set(b.split()) - _STOP
    if ca == cb:
        return True
    # token_set_ratio is 100 for any subset ("people" / "people detained"): a lone word is too vague
    return min(len(ca), len(cb)) >= 2 and fuzz.token_set_ratio(a, b) >= SUBJECT_MIN


def compare_claims(
    pairs: Sequence[tuple[Article, ArticleAnalysis | None]],
) -> tuple[tuple[Claim, ...], tuple[Conflict, ...]]:
    """All claims (sorted by id) and the conflicts between independent articles."""
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
    groups: dict[str, list[ClaimMention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: m.id):
        if m.span.article in independent and (s := _norm(m.subject)):
            groups[root[s]].append(m)
    conflicts = []
    for members in groups.values():
        disagree = _disagreeing(members)
        if disagree:
            ids = tuple(sorted(disagree))
            about = Counter(m.subject for m in members if m.id in disagree)
            conflicts.append(Conflict(
                id=make_id("x", *ids), about=min(about, key=lambda s: (-about[s], len(s), s)), claims=ids,
            ))
    conflicts.sort(key=lambda c: c.id)
    return claims, tuple(conflicts)


def _disagreeing(members: list[ClaimMention]) -> set[str]:
    """Ids of the claims disjoint from some claim of another article (same or no unit).

    Sorting instead of comparing all pairs: a claim disagrees when the smallest ``high``
    or the largest ``low`` among the other articles' claims falls outside its interval.
    """
    by_unit: dict[str, list[ClaimMention]] = defaultdict(list)
    blank: list[ClaimMention] = []
    for m in members:
        unit = _norm(m.unit).rstrip("s")
        (by_unit[unit] if unit else blank).append(m)
    out: set[str] = set()
    for part in [ms + blank for ms in by_unit.values()] or [blank]:
        bounded = [(m, b) for m in part if (b := _bounds(m)) is not None]
        highs = _extremes([(b[1], m.span.article) for m, b in bounded])
        lows = _extremes([(-b[0], m.span.article) for m, b in bounded])
        for m, (lo, hi) in bounded:
            other_high = next((v for v, a in highs if a != m.span.article), math.inf)
            other_low = -next((v for v, a in lows if a != m.span.article), math.inf)
            if other_high < lo or other_low > hi:
                out.add(m.id)
    return out


def _extremes(values: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """The smallest value, and the smallest from another article than the first's."""
    ordered = sorted(values)
    if not ordered:
        return []
    second = next((v for v in ordered if v[1] != ordered[0][1]), None)
    return [ordered[0]] + ([second] if second else [])
