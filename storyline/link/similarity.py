"""What two articles of a story share: features, and an idf-weighted cosine over them.

The features of an article are the entities it names (ids from linking), the calendar days it
mentions (``d:2017-07-13``, and ``md:07-13`` so that a year-less "July 13" of an undated
article meets them) and the lower-case words of five letters or more of its start
(``w:levees``: the same story told on the same days shares its vocabulary, names or not).
A capitalised word gives its lower-case run ("Flooding" gives ``w:looding``, "Halvern"
``w:alvern``): a feature that only another capitalised use meets, much like a name. The bars
built on this cosine were tuned with it; reading such words whole (``w:flooding``) or not at all
scored ECB+ CoNLL 71.1 and 70.7 against 71.3 (2026-12-07).

Dating (:mod:`storyline.link.dating`) looks up an undated article's most similar dated
articles by these features; event linking (:mod:`storyline.link.events`) asks whether two
articles tell of the same happening (:class:`ArticleSimilarity`) before it merges two mentions
of one event word that name no common participant.
"""

from __future__ import annotations

import math
import random
import re
import statistics
import sys
from collections.abc import Iterable, Mapping

from storyline.link.entities import EntityIndex
from storyline.model import Article, ArticleAnalysis

__all__ = ["ArticleSimilarity", "article_features", "named_entities", "story_features"]

TYPICAL_SAMPLE = 3000
"""Article pairs drawn (with a fixed seed, so the same story always gives the same answer) to
find a story's typical similarity."""
TYPICAL_MIN_PAIRS = 10
"""Fewer related pairs than this (a story of four articles or fewer) say nothing of what is typical."""

_WORDS = re.compile(r"[a-z][a-z'-]{4,}")
_WORD_CHARS = 4000
"""Words are read from the start of an article only: its news, and a bounded feature set."""
_MONTH_DAY = re.compile(r"XXXX-(\d\d-\d\d)")


def article_features(analysis: ArticleAnalysis, entities: EntityIndex, text: str) -> frozenset[str]:
    """The entities, days and words of an article (see the module docstring)."""
    feats = {f"e:{e}" for e in entities.of_mentions(analysis) if e is not None}
    feats.update(f"w:{w}" for w in _WORDS.findall(text, 0, _WORD_CHARS))
    for t in analysis.times:
        if t.date is not None and t.date.precision == "day" and not t.value.endswith("_REF"):
            feats.add(f"d:{t.date.earliest.isoformat()}")
            feats.add(f"md:{t.date.earliest.isoformat()[5:]}")
        elif (m := _MONTH_DAY.fullmatch(t.value)) is not None:
            feats.add(f"md:{m[1]}")
    # one string per distinct feature of the story, not one per article that has it: 2,991 T17
    # articles hold 617,000 features of 59,000 distinct values (35 MB of strings)
    return frozenset(map(sys.intern, feats))


def named_entities(features: frozenset[str]) -> frozenset[str]:
    """The entity ids among an article's :func:`article_features`."""
    return frozenset(f[2:] for f in features if f.startswith("e:"))


def story_features(
    pairs: Iterable[tuple[Article, ArticleAnalysis | None]], entities: EntityIndex,
) -> dict[str, frozenset[str]]:
    """Article id -> :func:`article_features` for every analysed article of the story: the one
    set that idf weights and the story's typical likeness are taken over."""
    return {a.id: article_features(an, entities, a.text) for a, an in pairs if an is not None}


class ArticleSimilarity:
    """Cosine similarity of articles' feature sets, each feature weighted by its idf in the story.

    A feature every article of a large story has weighs next to nothing (idf ``log((n+1)/df)``);
    one shared by two articles of a hundred weighs much.  Scores are computed on demand for the
    pairs asked about (linking asks only about blocked candidates, so the cost stays
    near-linear) and cached.
    """

    def __init__(self, features: Mapping[str, frozenset[str]]) -> None:
        df: dict[str, int] = {}
        for feats in features.values():
            for f in feats:
                df[f] = df.get(f, 0) + 1
        n = len(features)
        self._weight = {f: math.log((n + 1) / k) ** 2 for f, k in df.items()}
        self._features = dict(features)
        # fsum is exact: a score does not depend on the order a set happens to iterate in
        self._norm = {a: math.sqrt(math.fsum(self._weight[f] for f in feats)) for a, feats in features.items()}
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

    def _cosine(self, a: str, b: str) -> float:
        fa, fb = self._features.get(a), self._features.get(b)
        if not (fa and fb and self._norm[a] and self._norm[b]):
            return 0.0
        return math.fsum(map(self._weight.__getitem__, fa & fb)) / (self._norm[a] * self._norm[b])

    def typical(self) -> float | None:
        """The median similarity of the story's article pairs that share any feature, or ``None``
        when fewer than :data:`TYPICAL_MIN_PAIRS` do.

        Every pair is looked at in a story of up to about 80 articles; in a larger one,
        :data:`TYPICAL_SAMPLE` pairs drawn with a fixed seed, so the cost stays flat.
        """
        ids = sorted(self._features)
        n = len(ids)
        if n * (n - 1) // 2 <= TYPICAL_SAMPLE:
            pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
        else:
            rng = random.Random(0)
            pairs = []
            for _ in range(TYPICAL_SAMPLE):
                i, j = rng.sample(range(n), 2)
                pairs.append((ids[i], ids[j]))
        scores = [s for a, b in pairs if (s := self._cosine(a, b)) > 0.0]
        return statistics.median(scores) if len(scores) >= TYPICAL_MIN_PAIRS else None
