"""How rare an article feature is in news at large, read from a public word list, not from the story.

Dating by neighbours (:mod:`storyline.link.dating`) weighs a feature that an undated article
shares with a dated one by its rarity: sharing "levees" says more than sharing "people".  The
rarity is taken from English at large (the word frequencies of
`wordfreq <https://pypi.org/project/wordfreq/>`_, pinned), not from the story's own articles, and
a word is left out of the vote only when news at large uses it often.  So an undated article's
look-alikes, and what they weigh, depend on the articles that share its features alone: dated
articles about something else do not move its date.  On Timeline17 (``benchmarks/dating.py``,
2026-12-08, 50 articles a topic) this took the 90th percentile of the error from 114 to 83 days,
the median error staying at 2.0 days and coverage going from 96.2% to 95.8% (40 a topic: 124 to
97 days, 95.6% both).

Event and claim linking do not use it: their article likeness keeps the story's own idf and its
typical cosine.  Weighing it by this table too, with no story-relative bar, scored level on ECB+
and Timeline17, but on a long affair (every article naming its protagonists, rare words in news
at large) it merged acts years apart: the seeds' timeline went from 88 events to 68, with 19
events told across articles instead of 4 (``docs/scaling.md``).

A word's *share* is the fraction of news articles expected to use it in the window that
features are read from: with ``f`` its frequency among running words and a window of
:data:`WINDOW_WORDS` words, ``1 - exp(-f * WINDOW_WORDS)`` (a word that occurs once in a thousand
words is in about 45% of articles).  Its weight is ``log(1 / share)``, the idf it would have in a
large archive.  The window and :data:`CAPITALISED` were chosen so that the shares of the words of
two news corpora (the first 4,000 characters of 772 ECB+ and 2,991 Timeline17 articles, about 280
and 700 running words) matched their document frequencies: the median error was within 15%.

Features are lower-case runs of letters, so "Flooding" at the start of a sentence gives
``looding``: such a run counts :data:`CAPITALISED` of the frequency of every word it is the
tail of.  A hyphenated word ("year-old") is as rare as wordfreq rates a phrase of its parts
(one over the sum of their inverse frequencies).  A word the list does not know (a name's
tail, a misspelling) is as rare as the rarest words it holds.  An entity or a calendar day
weighs as a word in :data:`ENTITY_SHARE` of articles.
"""

from __future__ import annotations

import functools
import math

__all__ = ["CAPITALISED", "ENTITY_SHARE", "WINDOW_WORDS", "feature_idf", "list_version", "word_share"]

WINDOW_WORDS = 600
"""Running words in the window features are read from (4,000 characters of news)."""
CAPITALISED = 0.3
"""Part of a word's uses taken to be capitalised (sentence starts, titles, names), for the
lower-case tail that a capitalised word leaves."""
ENTITY_SHARE = 0.03
"""An entity or a day of the calendar weighs as a word used in this fraction of articles (set in
the trial of this table for event linking, where 0.003 to 0.1 scored alike on ECB+ and
Timeline17; dating was measured with it)."""
_RAREST = 1e-9
"""Frequency given to a word the list does not know (the list stops near 1e-8)."""
_LANGUAGE = "en"


@functools.cache
def _frequencies() -> tuple[dict[str, float], dict[str, float]]:
    """wordfreq's English word -> frequency, and lower-case tail -> summed frequency of the
    words it is the tail of (made once a process, when a story has an undated article: 0.6 s
    and about 60 MB, 26 of them the tails)."""
    import wordfreq

    words: dict[str, float] = wordfreq.get_frequency_dict(_LANGUAGE, wordlist="best")
    tails: dict[str, float] = {}
    for word, f in words.items():
        if len(word) > 5:
            tail = word[1:]
            tails[tail] = tails.get(tail, 0.0) + f
    return words, tails


def list_version() -> str:
    """The word list's package and version, for the linker's fingerprint."""
    from importlib.metadata import version

    return f"wordfreq-{version('wordfreq')}"


@functools.lru_cache(maxsize=1 << 18)
def _frequency(word: str) -> float:
    words, tails = _frequencies()
    f = words.get(word, 0.0) + CAPITALISED * tails.get(word, 0.0)
    if f == 0.0 and "-" in word:
        parts = [p for p in word.split("-") if p]
        known = [words.get(p, 0.0) for p in parts]
        if parts and all(known):
            f = 1.0 / math.fsum(1.0 / k for k in known)
    return f or _RAREST


def word_share(word: str) -> float:
    """The fraction of news articles expected to hold ``word`` (lower case) in their window."""
    return -math.expm1(-_frequency(word) * WINDOW_WORDS)


_ENTITY_IDF = math.log(1.0 / ENTITY_SHARE)


def feature_idf(feature: str) -> float:
    """``log(1 / share)`` of an article feature (:func:`~storyline.link.similarity.article_features`):
    ``w:`` words by :func:`word_share`, entities and days at :data:`ENTITY_SHARE`."""
    if feature.startswith("w:"):
        return -math.log(word_share(feature[2:]))
    return _ENTITY_IDF
