"""What two articles of a story share: features, and a cosine over them weighted by rarity.

The features of an article are the entities it names (ids from linking), the calendar days it
mentions (``d:2017-07-13``, and ``md:07-13`` so that a year-less "July 13" of an undated
article meets them) and the lower-case words of five letters or more of its start
(``w:levees``: the same story told on the same days shares its vocabulary, names or not).
A capitalised word gives its lower-case run ("Flooding" gives ``w:looding``, "Halvern"
``w:alvern``): a feature that only another capitalised use meets, much like a name. The bars
built on this cosine were tuned with it; reading such words whole (``w:flooding``) or not at all
scored ECB+ CoNLL 71.1 and 70.7 against 71.3 (2026-12-07, with the story's own idf).  Words that
a mention of an entity covers are not read again: the entity is a feature of its own.

A feature weighs the square of its idf in news at large (:mod:`storyline.link.background`),
not in the story: the likeness of two articles depends on those two alone, so an article added
to a story changes no other pair's likeness (with the story's own idf, each one shifted every
weight, and events far from it: 29, 11 and 11 events sharing no event with one article drawn
at random changed when it was added to a 2,991-article story; `docs/scaling.md`).

Dating (:mod:`storyline.link.dating`) looks up an undated article's most similar dated
articles by these features; event linking (:mod:`storyline.link.events`) asks whether two
articles tell of the same happening (:class:`ArticleSimilarity`) before it merges two mentions
of one event word that name no common participant.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable, Mapping

from storyline.link.background import feature_idf
from storyline.link.entities import EntityIndex
from storyline.model import Article, ArticleAnalysis

__all__ = ["ArticleSimilarity", "article_features", "named_entities", "story_features"]

_WORDS = re.compile(r"[a-z][a-z'-]{4,}")
_WORD_CHARS = 4000
"""Words are read from the start of an article only: its news, and a bounded feature set."""
_MONTH_DAY = re.compile(r"XXXX-(\d\d-\d\d)")


def article_features(analysis: ArticleAnalysis, entities: EntityIndex, text: str) -> frozenset[str]:
    """The entities, days and words of an article (see the module docstring)."""
    named = entities.of_mentions(analysis)
    feats = {f"e:{e}" for e in named if e is not None}
    feats.update(f"w:{w}" for w in _words(text, sorted(
        (m.span.start, m.span.end) for m, e in zip(analysis.mentions, named, strict=True)
        if e is not None and m.span.start < _WORD_CHARS)))
    for t in analysis.times:
        if t.date is not None and t.date.precision == "day" and not t.value.endswith("_REF"):
            feats.add(f"d:{t.date.earliest.isoformat()}")
            feats.add(f"md:{t.date.earliest.isoformat()[5:]}")
        elif (m := _MONTH_DAY.fullmatch(t.value)) is not None:
            feats.add(f"md:{m[1]}")
    # one string per distinct feature of the story, not one per article that has it: 2,991 T17
    # articles hold 617,000 features of 59,000 distinct values (35 MB of strings)
    return frozenset(map(sys.intern, feats))


def _words(text: str, named: list[tuple[int, int]]) -> list[str]:
    """The words of the start of ``text`` outside every mention of an entity (``named``: the
    mentions' (start, end), sorted): an entity counts once, as itself, not again as the
    lower-case tails of its name ("Harbor Authority" gives ``arbor`` and ``uthority``)."""
    window = text[:_WORD_CHARS]
    if not named:
        return _WORDS.findall(window)
    pieces, pos = [], 0
    for start, end in named:
        if end > pos:
            pieces.append(window[pos:start])
            pos = end
    pieces.append(window[pos:])
    return _WORDS.findall(" ".join(pieces))


def named_entities(features: frozenset[str]) -> frozenset[str]:
    """The entity ids among an article's :func:`article_features`."""
    return frozenset(f[2:] for f in features if f.startswith("e:"))


def story_features(
    pairs: Iterable[tuple[Article, ArticleAnalysis | None]], entities: EntityIndex,
) -> dict[str, frozenset[str]]:
    """Article id -> :func:`article_features` for every analysed article of the story."""
    return {a.id: article_features(an, entities, a.text) for a, an in pairs if an is not None}


class ArticleSimilarity:
    """Cosine similarity of articles' feature sets, each feature weighted by the square of its
    idf in news at large (:func:`~storyline.link.background.feature_idf`).

    A feature most articles have ("people") weighs little; a rare word or a named entity weighs
    much.  The weights read nothing of the story, so the likeness of two articles depends on
    those two alone.  Scores are computed on demand for the pairs asked about (linking asks
    only about blocked candidates, so the cost stays near-linear) and cached.
    """

    def __init__(self, features: Mapping[str, frozenset[str]]) -> None:
        self._weight: dict[str, float] = {}
        for feats in features.values():
            for f in feats:
                if f not in self._weight:
                    self._weight[f] = feature_idf(f) ** 2
        self._features = dict(features)
        # fsum is exact: a score does not depend on the order a set happens to iterate in
        self._norm = {a: math.sqrt(math.fsum(map(self._weight.__getitem__, feats))) for a, feats in features.items()}
        self._cache: dict[tuple[str, str], float] = {}

    def __call__(self, a: str, b: str) -> float:
        """The cosine of articles ``a`` and ``b`` (1.0 for one article, 0.0 for one unknown)."""
        if a == b:
            return 1.0
        pair = (a, b) if a < b else (b, a)
        cached = self._cache.get(pair)
        if cached is None:
            cached = self._cache[pair] = self._cosine(a, b)
        return cached

    def beyond(self, a: str, b: str, words: frozenset[str]) -> float:
        """The cosine of articles ``a`` and ``b`` with ``words`` (features) left out of both: how
        alike two reports are beyond the word that brought them together ("urged" in both tells
        nothing of whether both tell one request)."""
        if a == b:
            return 1.0
        fa, fb = self._features.get(a), self._features.get(b)
        if not (fa and fb) or (words.isdisjoint(fa) and words.isdisjoint(fb)):
            return self(a, b)
        weight = self._weight.__getitem__
        dot = self(a, b) * self._norm[a] * self._norm[b] - math.fsum(map(weight, words & fa & fb))
        na = self._norm[a] ** 2 - math.fsum(map(weight, words & fa))
        nb = self._norm[b] ** 2 - math.fsum(map(weight, words & fb))
        return dot / math.sqrt(na * nb) if dot > 1e-12 and na > 1e-12 and nb > 1e-12 else 0.0

    def _cosine(self, a: str, b: str) -> float:
        fa, fb = self._features.get(a), self._features.get(b)
        if not (fa and fb and self._norm[a] and self._norm[b]):
            return 0.0
        return math.fsum(map(self._weight.__getitem__, fa & fb)) / (self._norm[a] * self._norm[b])
