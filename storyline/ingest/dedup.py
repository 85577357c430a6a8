"""Near-duplicate detection: syndicated copies of one report, with small edits.

MinHash signatures and LSH band keys come from :mod:`storyline.minhash`; a candidate that
shares a band is confirmed when its estimated Jaccard similarity is at least the threshold.
The names of :mod:`storyline.minhash` are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import msgspec
import numpy as np

from storyline.minhash import BANDS, PERMUTATIONS, ROWS, SHINGLE_WORDS, band_array, band_keys, jaccard, signature
from storyline.model import Article

__all__ = [
    "BANDS", "Deduplicator", "PERMUTATIONS", "ROWS", "SHINGLE_WORDS", "StoredCopies", "band_array", "band_keys",
    "jaccard", "signature",
]

StoredCopies = Callable[[Sequence[int]], Iterable[tuple[str, bytes]]]
"""Band keys -> ``(article id, signature)`` of the stored articles that have any of them, earliest
stored first (:meth:`storyline.store.Store.near_copies`)."""


class Deduplicator:
    """Mark each article that is a near-copy of one seen before it.

    ``known`` are ``(article id, signature)`` pairs from earlier builds; they
    count as seen first, in the order given.  ``check`` returns the article,
    with ``duplicate_of`` set to the earliest-seen article whose estimated
    Jaccard similarity is at least ``threshold``, and its signature.  An exact
    copy (same id) is not marked: the caller handles same-id articles.

    The articles seen here are held in memory (signature and band keys, by the order seen).
    With ``stored`` (a build over a store), the store's own band index answers for every
    stored article, so memory stays flat whatever the store's size: only the articles checked
    but not stored yet are held, until :meth:`stored` says they are written.  The result is
    the same as with every stored signature given as ``known``: stored articles were seen
    first, in the order they were stored, then this run's in the order checked.  A band-key
    collision only adds a candidate, which the Jaccard check then judges.
    """

    def __init__(
        self, threshold: float, known: Iterable[tuple[str, bytes]] = (), *, stored: StoredCopies | None = None
    ) -> None:
        self.threshold = threshold
        self._stored = stored
        self._held: dict[str, tuple[int, np.ndarray, np.ndarray]] = {}  # id -> (order seen, values, band keys)
        self._by_key: dict[int, list[str]] = {}
        self._seen = 0
        for article_id, sig in known:
            if len(sig) == 4 * PERMUTATIONS:  # a signature from another scheme is ignored
                values = np.frombuffer(sig, dtype="<u4")
                self._hold(article_id, values, band_array(values))

    def _match(self, article_id: str, values: np.ndarray, other_id: str, other: np.ndarray) -> bool:
        return other_id != article_id and int(np.count_nonzero(other == values)) / PERMUTATIONS >= self.threshold

    def _earliest_match(self, article_id: str, values: np.ndarray, keys: np.ndarray) -> str | None:
        if self._stored is not None:
            for other_id, other in self._stored(keys.view(np.int64).tolist()):
                if len(other) == 4 * PERMUTATIONS and self._match(
                        article_id, values, other_id, np.frombuffer(other, dtype="<u4")):
                    return other_id
        candidates = {i for key in keys.tolist() for i in self._by_key.get(key, ())}
        for other_id in sorted(candidates, key=lambda i: self._held[i][0]):  # the earliest seen first
            if self._match(article_id, values, other_id, self._held[other_id][1]):
                return other_id
        return None

    def _hold(self, article_id: str, values: np.ndarray, keys: np.ndarray) -> None:
        if article_id in self._held:
            return
        self._held[article_id] = (self._seen, values, keys)
        self._seen += 1
        for key in keys.tolist():
            self._by_key.setdefault(key, []).append(article_id)

    def check(self, article: Article) -> tuple[Article, bytes]:
        """The article (``duplicate_of`` set if it is a near-copy) and its signature."""
        sig = signature(article.text)
        values = np.frombuffer(sig, dtype="<u4")
        keys = band_array(values)
        original = self._earliest_match(article.id, values, keys)
        self._hold(article.id, values, keys)
        if original is not None:
            article = msgspec.structs.replace(article, duplicate_of=original)
        return article, sig

    def pending(self, article_id: str) -> bool:
        """Whether ``article_id`` was checked and is held: with a store, not stored yet."""
        return article_id in self._held

    def stored(self, article_ids: Iterable[str]) -> None:
        """These articles are in the store now (its index answers for them from here on), or
        will never be (their analysis failed): either way, no longer held."""
        for article_id in article_ids:
            held = self._held.pop(article_id, None)
            if held is None:
                continue
            for key in held[2].tolist():
                ids = self._by_key[key]
                ids.remove(article_id)
                if not ids:
                    del self._by_key[key]
