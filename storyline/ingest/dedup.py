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

    With ``stored`` (a build over a store), the store's own band index answers for every
    stored article, so memory stays flat whatever the store's size: only the articles checked
    but not stored yet are held, until :meth:`stored` says they are written.  The result is
    the same as with every stored signature given as ``known``: stored articles were seen
    first, in the order they were stored, then this run's in the order checked.

    Without a store, the index is compact: signatures live in ``uint32`` blocks of
    :data:`_BLOCK`, and the band keys (a 64-bit hash of each band's values and number) in one
    sorted ``uint64`` array searched by bisection, with the latest additions in a small dict
    merged in every :data:`_RECENT` articles.  A hash collision only adds a candidate, which
    the Jaccard check then judges.
    """

    def __init__(
        self, threshold: float, known: Iterable[tuple[str, bytes]] = (), *, stored: StoredCopies | None = None
    ) -> None:
        self.threshold = threshold
        self._stored = stored
        self._pending: dict[str, tuple[np.ndarray, list[int]]] = {}  # with a store: checked, not yet stored
        self._pending_keys: dict[int, list[str]] = {}
        self._order: list[str] = []
        self._ids: set[str] = set()
        self._sigs: list[np.ndarray] = []  # blocks of _BLOCK signatures: growing never copies them
        self._keys = np.zeros(0, dtype=np.uint64)
        self._rows = np.zeros(0, dtype=np.uint32)
        self._recent: dict[int, list[int]] = {}
        self._recent_size = 0
        for article_id, sig in known:
            if len(sig) == 4 * PERMUTATIONS:  # a signature from another scheme is ignored
                self._add(article_id, sig)

    def _add(self, article_id: str, sig: bytes) -> None:
        if article_id in self._ids:
            return
        row = len(self._order)
        if row == len(self._sigs) * _BLOCK:
            self._sigs.append(np.zeros((_BLOCK, PERMUTATIONS), dtype=np.uint32))
        values = np.frombuffer(sig, dtype="<u4")
        self._sigs[row // _BLOCK][row % _BLOCK] = values
        self._order.append(article_id)
        self._ids.add(article_id)
        for key in band_array(values).tolist():
            self._recent.setdefault(key, []).append(row)
        self._recent_size += 1
        if self._recent_size >= _RECENT:
            self._merge()

    def _merge(self) -> None:
        pairs = [(k, r) for k, rows in self._recent.items() for r in rows]
        keys = np.concatenate([self._keys, np.array([k for k, _ in pairs], dtype=np.uint64)])
        rows = np.concatenate([self._rows, np.array([r for _, r in pairs], dtype=np.uint32)])
        # a stable sort finds the sorted run already there and merges the new keys into it; the
        # order of rows under one key does not matter (candidates are sorted by row when read)
        order = np.argsort(keys, kind="stable")
        self._keys, self._rows = keys[order], rows[order]
        self._recent = {}
        self._recent_size = 0

    def _match(self, article_id: str, values: np.ndarray, other_id: str, other: np.ndarray) -> bool:
        return other_id != article_id and int(np.count_nonzero(other == values)) / PERMUTATIONS >= self.threshold

    def _earliest_match(self, article_id: str, sig: bytes) -> str | None:
        values = np.frombuffer(sig, dtype="<u4")
        keys = band_array(values)
        if self._stored is not None:
            for other_id, other in self._stored(keys.view(np.int64).tolist()):
                if len(other) == 4 * PERMUTATIONS and self._match(
                        article_id, values, other_id, np.frombuffer(other, dtype="<u4")):
                    return other_id
            waiting = dict.fromkeys(i for key in keys.tolist() for i in self._pending_keys.get(key, ()))
            for other_id in self._pending:  # in the order checked
                if other_id in waiting and self._match(article_id, values, other_id, self._pending[other_id][0]):
                    return other_id
            return None
        lo = np.searchsorted(self._keys, keys, side="left")
        hi = np.searchsorted(self._keys, keys, side="right")
        candidates: set[int] = set()
        for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
            if b > a:
                candidates.update(self._rows[a:b].tolist())
        for key in keys.tolist():
            candidates.update(self._recent.get(key, ()))
        for row in sorted(candidates):  # in the order seen, so the first match is the earliest
            other_id = self._order[row]
            if self._match(article_id, values, other_id, self._sigs[row // _BLOCK][row % _BLOCK]):
                return other_id
        return None

    def _hold(self, article_id: str, sig: bytes) -> None:
        if article_id in self._pending:
            return
        values = np.frombuffer(sig, dtype="<u4").copy()
        keys = band_array(values).tolist()
        self._pending[article_id] = (values, keys)
        for key in keys:
            self._pending_keys.setdefault(key, []).append(article_id)

    def check(self, article: Article) -> tuple[Article, bytes]:
        """The article (``duplicate_of`` set if it is a near-copy) and its signature."""
        sig = signature(article.text)
        original = self._earliest_match(article.id, sig)
        if self._stored is not None:
            self._hold(article.id, sig)
        else:
            self._add(article.id, sig)
        if original is not None:
            article = msgspec.structs.replace(article, duplicate_of=original)
        return article, sig

    def pending(self, article_id: str) -> bool:
        """Whether ``article_id`` was checked and is not stored yet (with a store only)."""
        return article_id in self._pending

    def stored(self, article_ids: Iterable[str]) -> None:
        """These articles are in the store now (its index answers for them from here on), or
        will never be (their analysis failed): either way, no longer held."""
        for article_id in article_ids:
            held = self._pending.pop(article_id, None)
            if held is None:
                continue
            for key in held[1]:
                ids = self._pending_keys[key]
                ids.remove(article_id)
                if not ids:
                    del self._pending_keys[key]


_BLOCK = 4096
"""Signatures per block of the signature store (2 MB a block)."""
_RECENT = 2048
"""Articles whose band keys wait in the small dict before they are merged into the sorted arrays
(a few MB at most, whatever the store's size)."""
