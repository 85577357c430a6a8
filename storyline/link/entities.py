"""Merge entity mentions across articles into :class:`~storyline.model.Entity` records.

The passes, each near-linear thanks to a blocking dict, each merge leaving a
:class:`~storyline.model.MergeReason`:

1. ``refers-to``: within an article, a mention joins the mention its ``refers_to`` points at;
   then ``same-article``: equal keys in one article, and a surname-only mention that names
   exactly one full-name person of the article; ``relative-pronoun``: "who"/"which" right after
   a mention joins it; ``apposition``: a common-noun mention written against a name of its kind
   ("spokesman Ed Royce", "Ed Royce, the spokesman") joins it; ``name-head``: a bare common noun
   ("the institute") joins the one name of its kind in the article ending in it.
2. ``same-name``: equal normalised keys (case, accents, hyphens, "the", titles) across articles.
3. ``spelling-variant`` / ``nickname`` / ``middle-name`` / ``same-words``: names blocked by
   (label group, prefix or suffix of the surname / first and last word) and compared with
   rapidfuzz, under guard rails: people need compatible first names (the nickname table) and
   no conflicting party; other names may differ only in near-identical spellings of a word,
   never in a different word ("Human Rights Watch" / "Human Rights First").
4. ``acronym``: a lone acronym joins the one name in the story whose initials it spells
   (an acronym that some article defined already joined in pass 2 through its shared key).
5. ``surname-only``: a surname-only person joins a full-name person only when that person is
   the one person of the story with the surname.
6. ``short-form``: a one-word organisation joins the one organisation named by that word and
   company designators ("Halvern" / "Halvern Chemicals").
7. ``same-head``: common-noun mentions ("the quake", "the 6.1-magnitude quake") with one head
   noun and agreeing numbers and capitalised modifiers join across the story; the group joins
   the named entity such a mention was written against when there is exactly one.

Times (DATE/TIME labels) join on equal keys only (the caller's normalised value, else the
words), across articles only when a calendar name or a number anchors them.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

import msgspec
import numpy as np

from storyline.ids import make_id
from storyline.link import names, unionfind
from storyline.model import Article, ArticleAnalysis, Entity, EntityMention, MergeReason, Span

__all__ = ["EntityIndex", "WINDOW", "entity_type", "explain", "resolve_entities"]

WINDOW = 64
"""In a block of names sorted by key, each name is compared with the next ``WINDOW`` only
(sorted neighbourhood), so a huge block ("-son" surnames) stays linear."""


class _M(msgspec.Struct, gc=False):  # nothing in it points back: no cycle to collect
    """One mention with what the passes need, precomputed once."""

    mention: EntityMention
    group: str
    tokens: tuple[str, ...]
    key: str
    surface: str
    pronoun: bool
    acronym: bool
    person: bool
    full: bool
    """A name that can be matched across articles on its own (people: two words or more)."""
    nominal: names.Nominal | None
    """Head and modifiers of a common-noun mention ("the actress", "a rehab centre"); None for a
    name or a pronoun."""


def _surface(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _prepare(mention: EntityMention, shapes: dict[tuple[str, str, str | None], _M]) -> _M:
    """The mention with its name read; ``shapes`` caches the reading by label, text and key (a
    story names its protagonists thousands of times)."""
    cache_key = (mention.label, mention.span.text, mention.key)
    shape = shapes.get(cache_key)
    if shape is None:
        shape = shapes[cache_key] = _read(mention)
    return msgspec.structs.replace(shape, mention=mention)


def _read(mention: EntityMention) -> _M:
    group = names.label_group(mention.label)
    person = group == "person"
    surface = _surface(mention.span.text)
    # structure (first name, surname, how many words) from the words on the page, where a
    # hyphenated surname is one word; equality from analyze's key, which for a linked surname
    # or acronym is the key of the full name it stands for
    tokens = names.name_tokens(surface, person=person)
    key = names.norm_key(mention.key or surface, person=person)
    pronoun = names.norm_key(surface) in names.PRONOUNS or not tokens or not key
    if group == "time":
        # a time joins across articles on its key alone (the caller's normalised value, else its
        # words), and only when a calendar name or a number anchors it: "today" or "last week"
        # in two articles are two different days unless their values say otherwise
        full = not pronoun and any(c.isupper() or c.isdigit() for c in surface + key)
        return _M(mention=mention, group=group, tokens=tokens, key=key, surface=surface, pronoun=pronoun,
                  acronym=False, person=False, full=full, nominal=None)
    full = not pronoun and any(c.isupper() for c in surface) and (len(tokens) >= 2 or not person)
    return _M(
        mention=mention, group=group, tokens=tokens, key=key,
        surface=surface, pronoun=pronoun, acronym=names.is_acronym(surface), person=person, full=full,
        nominal=None if pronoun else names.nominal(surface),
    )


_NONE: frozenset[str] = frozenset()


class _Clusters:
    """Union-find over mention indexes, with per-cluster facts for the guard rails."""

    def __init__(self, items: Sequence[_M]) -> None:
        self.items = items
        self.parent = list(range(len(items)))
        # frozensets, one shared empty one: most mentions have neither, and a set each was a
        # few hundred bytes a mention (union makes new sets, it never changes one)
        self.firsts: list[frozenset[str]] = []
        self.parties: list[frozenset[str]] = []
        self.named = [not m.pronoun and m.nominal is None for m in items]
        """Per root: whether the cluster holds a name (not only common nouns and pronouns)."""
        for m in items:
            self.firsts.append(frozenset({m.tokens[0]}) if m.person and m.full else _NONE)
            party = m.mention.attributes.get("party")
            self.parties.append(frozenset({party.strip().casefold()[:1]}) if party else _NONE)
        self.reasons: list[tuple[int, MergeReason]] = []

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def compatible(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        pa, pb = self.parties[ra], self.parties[rb]
        if pa and pb and pa != pb:
            return False
        return all(names.first_names_compatible(x, y) for x in self.firsts[ra] for y in self.firsts[rb])

    def union(self, a: int, b: int, rule: str, detail: str | Callable[[], str], *, guard: bool = True,
              common: bool = False) -> bool:
        """Merge the clusters of ``a`` and ``b`` unless the guard rails forbid it; ``common``: the
        link is a common noun's, which may never bridge two clusters that each hold a name.
        ``detail`` may be a function, called only when the merge happens."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb or (guard and not self.compatible(ra, rb)) or (common and self.named[ra] and self.named[rb]):
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        if self.firsts[rb]:
            self.firsts[ra] = self.firsts[ra] | self.firsts[rb]
        if self.parties[rb]:
            self.parties[ra] = self.parties[ra] | self.parties[rb]
        self.named[ra] = self.named[ra] or self.named[rb]
        self.reasons.append((ra, MergeReason(rule=rule, detail=detail if isinstance(detail, str) else detail())))
        return True


class EntityIndex:
    """Maps a span of an article to the entity whose mention it overlaps."""

    def __init__(self, rows: Mapping[str, list[tuple[int, int, str]]] | None = None) -> None:
        """``rows``: article -> its mentions' (start, end, entity) rows, in any order (each list
        is sorted in place and kept)."""
        self._at: dict[str, tuple[list[tuple[int, int, str]], list[int], int]] = {}
        """Article -> its rows sorted, their starts, and its longest mention (rows starting
        further back cannot overlap a span): one lookup a span."""
        for article, found in (rows or {}).items():
            found.sort()
            self._at[article] = (found, [r[0] for r in found], max(end - start for start, end, _ in found))
        self._of_mentions: dict[str, tuple[ArticleAnalysis, tuple[str | None, ...]]] = {}

    def of_mentions(self, analysis: ArticleAnalysis) -> tuple[str | None, ...]:
        """:meth:`entity_at` of each of the analysis's mentions, in its order.  Kept for the
        analysis (article features, dating and claims each ask; one reference a mention)."""
        kept = self._of_mentions.get(analysis.article)
        if kept is None or kept[0] is not analysis:
            kept = self._of_mentions[analysis.article] = (
                analysis, tuple(self.entity_at(m.span) for m in analysis.mentions))
        return kept[1]

    def entity_at(self, span: Span | None) -> str | None:
        """The entity with the most overlap with ``span`` (same article); ties: smallest id."""
        if span is None or (at := self._at.get(span.article)) is None:
            return None
        rows, starts, longest = at
        first, last = span.start, span.end
        hi = bisect.bisect_left(starts, last)
        lo = bisect.bisect_left(starts, first - longest, max(0, hi - 32), hi)
        best: tuple[int, str] | None = None
        # mentions are short: look back a bounded number of rows for overlaps
        for start, end, entity in rows[lo:hi]:
            overlap = (end if end < last else last) - (start if start > first else first)
            if overlap > 0 and (best is None or overlap > best[0] or (overlap == best[0] and entity < best[1])):
                best = (overlap, entity)
        return best[1] if best else None

    def entities_at(self, spans: Iterable[Span]) -> tuple[str, ...]:
        found = {e for s in spans if (e := self.entity_at(s)) is not None}
        return tuple(sorted(found))


def resolve_entities(
    analyses: Sequence[tuple[Article, ArticleAnalysis]],
) -> tuple[tuple[Entity, ...], EntityIndex]:
    """Merge the mentions of all ``analyses`` into entities (sorted by id) and a span index."""
    items: list[_M] = []
    offsets: list[tuple[str, int]] = []
    shapes: dict[tuple[str, str, str | None], _M] = {}
    for article, analysis in sorted(analyses, key=lambda p: p[0].id):
        offsets.append((article.id, len(items)))
        items.extend(_prepare(m, shapes) for m in sorted(analysis.mentions, key=lambda m: (m.span.start, m.span.end)))
    _capitalised_common_nouns(items)
    uf = _Clusters(items)
    bounds = [(start, (offsets[k + 1][1] if k + 1 < len(offsets) else len(items)))
              for k, (_, start) in enumerate(offsets)]
    texts = {article.id: article.text for article, _ in analyses}
    for (aid, _), (lo, hi) in zip(offsets, bounds, strict=True):
        # appositions first: a common noun written twice against two names stays two mentions
        _relatives(uf, lo, hi, texts[aid])
        _appositions(uf, lo, hi, texts[aid])
        _within_article(uf, lo, hi)
        _named_heads(uf, lo, hi)
    _same_name(uf)
    _fuzzy(uf)
    _acronyms(uf)
    _surnames(uf)
    _short_forms(uf)
    _same_head(uf)
    return _build(uf)


def _capitalised_common_nouns(items: list[_M]) -> None:
    """A one-word capitalised mention ("Inmate", "Navy" in a headline) is read as the common noun
    when the story writes that word in lower case as a mention of its kind and no person of the
    story has it as a surname."""
    heads = {(m.group, m.nominal.head) for m in items if m.nominal is not None}
    surnames = {m.tokens[-1] for m in items if m.person and m.full}
    for m in items:
        if m.pronoun or m.nominal is not None or m.acronym or m.group == "time" or len(m.tokens) != 1:
            continue
        word = m.tokens[0]
        if (m.group, word) in heads and word not in surnames and m.key == word:
            m.nominal = names.Nominal(word, frozenset(), frozenset())
            m.full = False


def _within_article(uf: _Clusters, lo: int, hi: int) -> None:
    items = uf.items
    by_start: dict[int, int] = {}
    for i in range(lo, hi):
        by_start.setdefault(items[i].mention.span.start, i)
    for i in range(lo, hi):
        ref = items[i].mention.refers_to
        if ref is not None and (j := by_start.get(ref)) is not None and j != i:
            uf.union(j, i, "refers-to", f'"{items[i].surface}" -> "{items[j].surface}" (same article)',
                     guard=False)
    by_key: dict[tuple[str, str], int] = {}
    for i in range(lo, hi):
        m = items[i]
        if m.pronoun or not m.key:
            continue
        first = by_key.setdefault((m.group, m.key), i)
        if first != i:
            uf.union(first, i, "same-article", f'"{m.surface}" = "{items[first].surface}"',
                     common=m.nominal is not None)
    # a surname-only person naming exactly one full-name person of the article
    surnames: dict[str, set[int]] = defaultdict(set)
    for i in range(lo, hi):
        m = items[i]
        if m.person and m.full:
            surnames[m.tokens[-1].replace("-", " ")].add(uf.find(i))
    with_full = {uf.find(i) for i in range(lo, hi) if items[i].full}
    for i in range(lo, hi):
        m = items[i]
        if m.person and not m.pronoun and len(m.tokens) == 1 and uf.find(i) not in with_full:
            roots = surnames.get(m.key, set())
            if len(roots) == 1:
                j = next(iter(roots))
                detail = f'"{m.surface}" -> "{items[j].surface}" (only one in the article)'
                uf.union(j, i, "same-article", detail)


def _gap(text: str, a: _M, b: _M) -> str | None:
    """The text between mention ``a`` and the later mention ``b``, or None when they overlap."""
    start, end = a.mention.span.end, b.mention.span.start
    return text[start:end] if start <= end else None


def _relatives(uf: _Clusters, lo: int, hi: int, text: str) -> None:
    """A relative pronoun right after a mention ("Jane Doe, who ...") joins that mention."""
    items = uf.items
    for i in range(lo + 1, hi):
        m, prev = items[i], items[i - 1]
        if m.surface.casefold() not in names.RELATIVES or prev.pronoun:
            continue
        gap = _gap(text, prev, m)
        if gap is not None and gap.strip(" ,") == "":
            uf.union(i - 1, i, "relative-pronoun", f'"{m.surface}" -> "{prev.surface}" (right after it)',
                     guard=False)


def _appositions(uf: _Clusters, lo: int, hi: int, text: str) -> None:
    """A common-noun mention written against a name of its kind joins it: right before it
    ("spokesman Ed Royce") or after it and a comma ("Ed Royce, the spokesman")."""
    items = uf.items
    for i in range(lo, hi):
        m = items[i]
        if m.nominal is None:
            continue
        for j, before in ((i + 1, True), (i - 1, False)):
            if not lo <= j < hi:
                continue
            other = items[j]
            if other.pronoun or other.nominal is not None or other.group != m.group:
                continue
            gap = _gap(text, m, other) if before else _gap(text, other, m)
            if gap is not None and (gap.strip() == "" if before else gap.strip() == ","):
                uf.union(j, i, "apposition", f'"{m.surface}" = "{other.surface}" (written against it)', common=True)
                break


def _named_heads(uf: _Clusters, lo: int, hi: int) -> None:
    """A common noun with no modifier of its own ("the institute") joins the one name of its kind
    in the article that ends in that noun ("the Halvern Institute")."""
    items = uf.items
    by_head: dict[tuple[str, str], set[int]] = defaultdict(set)
    example: dict[int, int] = {}
    for i in range(lo, hi):
        m = items[i]
        if not m.pronoun and m.nominal is None and not m.person and (head := names.name_head(m.surface)):
            root = uf.find(i)
            by_head[(m.group, head)].add(root)
            example.setdefault(root, i)
    for i in range(lo, hi):
        m = items[i]
        if m.nominal is None or m.nominal.numbers or m.nominal.propers:
            continue
        roots = by_head.get((m.group, m.nominal.head), set())
        if len(roots) == 1:
            j = example[next(iter(roots))]
            uf.union(j, i, "name-head", f'"{m.surface}" -> "{items[j].surface}" (the only such name in the article)',
                     common=True)


def _same_name(uf: _Clusters) -> None:
    first_of: dict[tuple[str, str], int] = {}
    for i, m in enumerate(uf.items):
        if not m.full:
            continue
        j = first_of.setdefault((m.group, m.key), i)
        if j != i and uf.find(i) != uf.find(j):
            uf.union(j, i, "same-name", f'"{m.surface}" = "{uf.items[j].surface}"', guard=False)


def _blocks(m: _M) -> list[tuple[str, ...]]:
    words = [w.replace("-", "") for w in m.tokens if w not in names.STOPWORDS] or [""]
    last = words[-1]
    keys: list[tuple[str, ...]] = [(m.group, "p", last[:3]), (m.group, "s", last[-4:])]
    if not m.person:
        keys.append((m.group, "f", words[0][:3]))
    return keys


def _compare(a: _M, b: _M) -> tuple[str, str, float] | None:
    """(rule, detail, score) when the two names may name one entity, else None."""
    if a.person:
        if len(a.tokens) < 2 or len(b.tokens) < 2:
            return None
        score = names.spelling_variant(a.tokens[-1], b.tokens[-1])
        if score is None:
            return None
        how = names.first_names_compatible(a.tokens[0], b.tokens[0])
        if how is None or how == "initial":
            return None
        mid_a, mid_b = a.tokens[1:-1], b.tokens[1:-1]
        if mid_a and mid_b and len(mid_a[0]) > 1 and len(mid_b[0]) > 1 and \
                names.spelling_variant(mid_a[0], mid_b[0]) is None:
            return None
        if score < 1.0:
            detail = f'"{a.surface}" ~ "{b.surface}" (jaro-winkler {score:.2f} on the surname'
            if how == "nickname":
                detail += f", nickname {a.tokens[0]}/{b.tokens[0]}"
            return "spelling-variant", detail + ")", score
        if how == "nickname":
            return "nickname", f'"{a.surface}" ~ "{b.surface}" (nickname {a.tokens[0]}/{b.tokens[0]})', 0.99
        if how == "spelling":
            return "spelling-variant", f'"{a.surface}" ~ "{b.surface}" (first-name spelling)', 0.98
        return "middle-name", f'"{a.surface}" ~ "{b.surface}" (same first and last name)', 0.995
    pairs = names.tokens_compatible(a.tokens, b.tokens)
    if pairs is None:
        return None
    if not pairs:
        return "same-words", f'"{a.surface}" ~ "{b.surface}" (same words)', 1.0
    score = min(s for _, _, s in pairs)
    words = ", ".join(f"{x}/{y} {s:.2f}" for x, y, s in pairs)
    return "spelling-variant", f'"{a.surface}" ~ "{b.surface}" (jaro-winkler {words})', score


def _fuzzy(uf: _Clusters) -> None:
    items = uf.items
    nodes: dict[tuple[str, str], int] = {}
    for i, m in enumerate(items):
        if m.full and not m.acronym and m.group != "time":
            nodes.setdefault((m.group, m.key), i)
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in sorted(nodes.values()):
        for key in _blocks(items[i]):
            blocks[key].append(i)
    seen: set[tuple[int, int]] = set()
    accepted: list[tuple[float, int, int, str, str]] = []
    for members in blocks.values():
        # sorted neighbourhood: same-surname (or same-word) names sit next to each other
        members.sort(key=lambda i: (items[i].tokens[-1], items[i].key, i))
        for x, first in enumerate(members):
            for second in members[x + 1 : x + 1 + WINDOW]:
                a, b = min(first, second), max(first, second)
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                found = _compare(items[a], items[b])
                if found is not None:
                    rule, detail, score = found
                    accepted.append((-score, a, b, rule, detail))
    for _, a, b, rule, detail in sorted(accepted):
        party = uf.parties[uf.find(a)] & uf.parties[uf.find(b)]
        if party and rule != "same-words":
            detail = detail[:-1] + f", same party {next(iter(party)).upper()})"
        uf.union(a, b, rule, detail)


def _root_has(uf: _Clusters, pred: Callable[[_M], bool]) -> dict[int, bool]:
    """Root -> whether any mention of its cluster satisfies ``pred``."""
    out: dict[int, bool] = {}
    for r, m in zip(unionfind.roots(uf.parent).tolist(), uf.items, strict=True):
        out[r] = out.get(r, False) or pred(m)
    return out


def _acronyms(uf: _Clusters) -> None:
    items = uf.items
    expanded = _root_has(uf, lambda m: m.full and not m.acronym and len(m.tokens) >= 2)
    by_initials: dict[tuple[str, str], set[int]] = defaultdict(set)
    example: dict[int, int] = {}
    for i, m in enumerate(items):
        if m.full and not m.acronym and not m.person and len(m.tokens) >= 2:
            root = uf.find(i)
            by_initials[(m.group, names.initials(m.surface))].add(root)
            example.setdefault(root, i)
    done: set[int] = set()
    for i, m in enumerate(items):
        if not m.acronym or m.person:
            continue
        root = uf.find(i)
        if expanded.get(root) or root in done:
            continue
        done.add(root)
        roots = by_initials.get((m.group, names.acronym_of(m.surface)), set())
        if len(roots) == 1:
            j = example[next(iter(roots))]
            uf.union(j, i, "acronym", f'"{m.surface}" = initials of "{items[j].surface}"')


def _surnames(uf: _Clusters) -> None:
    items = uf.items
    has_full = _root_has(uf, lambda m: m.person and m.full)
    lone: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(items):
        if m.person and not m.pronoun and m.nominal is None and len(m.tokens) == 1 and not has_full[uf.find(i)]:
            lone[m.key].append(i)
    for key in sorted(lone):
        first = lone[key][0]
        for i in lone[key][1:]:
            if uf.find(i) != uf.find(first):
                uf.union(first, i, "same-name", f'"{items[i].surface}" = "{items[first].surface}"')
    by_surname: dict[str, set[int]] = defaultdict(set)
    example: dict[int, int] = {}
    for i, m in enumerate(items):
        if m.person and m.full:
            root = uf.find(i)
            by_surname[m.tokens[-1].replace("-", " ")].add(root)
            example.setdefault(root, i)
    for key in sorted(lone):
        roots = by_surname.get(key, set())
        if len(roots) == 1:
            j = example[next(iter(roots))]
            i = lone[key][0]
            uf.union(j, i, "surname-only",
                     f'"{items[i].surface}" -> "{items[j].surface}" (the only person with that surname)')


def _short_forms(uf: _Clusters) -> None:
    """A one-word organisation ("Halvern") joins the one organisation of the story named by
    that word plus company designators only ("Halvern Chemicals", "Halvern Inc.")."""
    items = uf.items
    by_head: dict[tuple[str, str], set[int]] = defaultdict(set)
    example: dict[int, int] = {}
    for i, m in enumerate(items):
        if m.group == "org" and m.full and len(m.tokens) >= 2 and \
                all(w in names.DESIGNATORS for w in m.tokens[1:]):
            root = uf.find(i)
            by_head[(m.group, m.tokens[0])].add(root)
            example.setdefault(root, i)
    done: set[int] = set()
    for i, m in enumerate(items):
        if m.group != "org" or not m.full or len(m.tokens) != 1 or m.acronym:
            continue
        root = uf.find(i)
        if root in done:
            continue
        done.add(root)
        roots = by_head.get((m.group, m.tokens[0]), set()) - {root}
        if len(roots) == 1:
            j = example[next(iter(roots))]
            uf.union(j, i, "short-form", f'"{m.surface}" -> "{items[j].surface}" (the only one of that name)')


def _same_head(uf: _Clusters) -> None:
    """Common-noun mentions with one head ("the quake", "the 6.1-magnitude quake") and agreeing
    modifiers join across the story; such a group also joins the one named entity that a mention
    with that head was written against, never when two named entities were."""
    items = uf.items
    blocks: dict[tuple[str, str], list[tuple[int, names.Nominal]]] = defaultdict(list)
    for i, m in enumerate(items):
        if m.nominal is not None:
            blocks[(m.group, m.nominal.head)].append((i, m.nominal))
    for (_, head), members in sorted(blocks.items()):
        groups: list[tuple[int, names.Nominal]] = []
        named: dict[int, tuple[int, names.Nominal]] = {}
        for i, nom in members:
            if uf.named[uf.find(i)]:
                named.setdefault(uf.find(i), (i, nom))
                continue
            for g, (rep, seen) in enumerate(groups[:WINDOW]):
                if names.modifiers_compatible(seen, nom) and \
                        uf.union(rep, i, "same-head", functools.partial(_head_detail, items[rep], items[i], head),
                                 common=True):
                    groups[g] = (rep, names.Nominal(head, seen.numbers | nom.numbers, seen.propers | nom.propers))
                    break
            else:
                groups.append((i, nom))
        if len({uf.find(i) for i, _ in named.values()}) != 1:
            continue
        j, described = next(iter(named.values()))
        for rep, seen in groups:
            if names.modifiers_compatible(seen, described):
                uf.union(j, rep, "same-head", _head_detail(items[j], items[rep], head), common=True)


def _head_detail(a: _M, b: _M, head: str) -> str:
    return f'"{b.surface}" ~ "{a.surface}" (same head noun "{head}", modifiers agree)'


def _pick_name(members: list[_M]) -> str:
    full = [m for m in members if m.full] or [m for m in members if not m.pronoun] or members
    if any(m.person for m in full) and any(len(m.tokens) >= 2 for m in full):
        full = [m for m in full if len(m.tokens) >= 2]
    counts = Counter(m.surface for m in full)
    return min(counts, key=lambda s: (-counts[s], -len(s), s))


def entity_type(mentions: Sequence[EntityMention]) -> str:
    """The entity's type: the majority label of its mentions (ties: alphabetical), except that a
    mention read with a person's title ("Sen. X", "Mr. X") makes it a PERSON."""
    if any(m.label == "PERSON" and m.attributes.get("title") for m in mentions):
        return "PERSON"
    labels = Counter(m.label for m in mentions if m.label)
    if not labels:
        return "PERSON"
    return min(labels, key=lambda s: (-labels[s], s))


def explain(entity: Entity) -> list[str]:
    """Lines for ``storyline entities --explain ID``: who the entity is and why each merge happened."""
    articles = {s.article for s in entity.mentions}
    lines = [
        f"{entity.id}  {entity.name}  ({entity.type})",
        f"  {len(entity.mentions)} mention(s) in {len(articles)} article(s)",
        "  aliases: " + ("; ".join(entity.aliases) if entity.aliases else "(none)"),
    ]
    if entity.attributes:
        lines.append("  attributes: " + ", ".join(f"{k}={v}" for k, v in sorted(entity.attributes.items())))
    merges = [r for r in entity.reasons if r.rule != "attribute-conflict"]
    conflicts = [r for r in entity.reasons if r.rule == "attribute-conflict"]
    lines.append(f"  merges ({len(merges)}):" if merges else "  merges: none (a single mention or equal mentions)")
    lines.extend(f"    {r.rule}: {r.detail}" for r in merges)
    if conflicts:
        lines.append("  attribute conflicts:")
        lines.extend(f"    {r.detail}" for r in conflicts)
    return lines


def _merge_attributes(members: list[_M]) -> tuple[dict[str, str], list[MergeReason]]:
    values: dict[str, Counter[str]] = defaultdict(Counter)
    for m in members:
        if m.mention.attributes:  # most mentions have none
            for k, v in m.mention.attributes.items():
                if v:
                    values[k][v.strip()] += 1
    attrs: dict[str, str] = {}
    reasons: list[MergeReason] = []
    for k in sorted(values):
        forms = values[k]
        distinct = {v.casefold() for v in forms}
        if len(distinct) == 1:
            attrs[k] = min(forms, key=lambda v: (-forms[v], v))
        else:
            shown = " vs ".join(f'"{v}"' for v in sorted(forms))
            reasons.append(MergeReason(rule="attribute-conflict", detail=f"{k}: {shown} (left out)"))
    return attrs, reasons


def _build(uf: _Clusters) -> tuple[tuple[Entity, ...], EntityIndex]:
    items = uf.items
    roots = unionfind.roots(uf.parent)
    # the clusters as runs of one sorted array (a root is its cluster's smallest index)
    order = np.argsort(roots, kind="stable")
    cuts = (np.flatnonzero(np.diff(roots[order])) + 1).tolist()
    order_list, root_of = order.tolist(), roots.tolist()
    reasons: dict[int, list[MergeReason]] = defaultdict(list)
    for root, reason in uf.reasons:
        reasons[root_of[root]].append(reason)
    drafts = []
    for lo, hi in zip([0, *cuts], [*cuts, len(order_list)], strict=True):
        members = [items[i] for i in order_list[lo:hi]]
        if all(m.pronoun for m in members):
            continue  # a pronoun that names nobody is not an entity
        name = _pick_name(members)
        label = entity_type([m.mention for m in members])
        group = names.label_group(label)
        spans = tuple(sorted(m.mention.span for m in members))
        key = names.norm_key(name, person=group == "person") or name
        drafts.append((group, key, (spans[0].article, spans[0].start), order_list[lo], name, label, members, spans))
    base_count = Counter((d[0], d[1]) for d in drafts)
    entities: list[Entity] = []
    rows: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for group, key, first, root, name, label, members, spans in drafts:
        eid = make_id("e", group, key) if base_count[(group, key)] == 1 else make_id("e", group, key, *first)
        attrs, conflicts = _merge_attributes(members)
        aliases = tuple(sorted({m.surface for m in members if not m.pronoun}))
        entities.append(Entity(
            id=eid, name=name, type=label, aliases=aliases, mentions=spans, attributes=attrs,
            reasons=tuple(reasons[root]) + tuple(conflicts),
        ))
        for s in spans:
            rows[s.article].append((s.start, s.end, eid))
    entities.sort(key=lambda e: e.id)
    return tuple(entities), EntityIndex(rows)
