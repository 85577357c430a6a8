"""Near-duplicate detection: syndicated copies of one report, with small edits.

Each article's text is cut into overlapping word 5-grams ("shingles"); a
MinHash signature of :data:`PERMUTATIONS` 32-bit values estimates the Jaccard
similarity of two shingle sets as the share of equal positions.  LSH banding
(:data:`BANDS` bands of :data:`ROWS` values) proposes candidates in near-linear
time; a candidate is confirmed when its estimated Jaccard is at least the
threshold.  Hashing is deterministic (blake2b and fixed universal-hash
coefficients, never Python's salted ``hash()``), so signatures stored by one
build are valid in the next.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import msgspec
import numpy as np

from storyline.model import Article

__all__ = ["BANDS", "Deduplicator", "PERMUTATIONS", "ROWS", "SHINGLE_WORDS", "jaccard", "signature"]

SHINGLE_WORDS = 5
PERMUTATIONS = 128
# 32 bands of 4 rows: a pair at Jaccard 0.8 shares a band with probability
# 1 - (1 - 0.8**4)**32 > 0.9999, at 0.5 with about 0.87; the exact check that
# follows keeps precision, so recall is what the banding must protect.
BANDS = 32
ROWS = PERMUTATIONS // BANDS

# Universal hashing h(x) = (a*x + b) mod p over 32-bit shingle hashes, with
# p = 2**32 + 15 (prime) and a, b < 2**31 so a*x + b never overflows uint64.
_PRIME = np.uint64(4294967311)
_MASK = np.uint64(0xFFFFFFFF)
_CHUNK = 4096


def _coefficients() -> tuple[np.ndarray, np.ndarray]:
    seed = hashlib.blake2b(b"storyline-minhash", digest_size=64).digest()
    values: list[int] = []
    counter = 0
    while len(values) < 2 * PERMUTATIONS:
        block = hashlib.blake2b(seed + counter.to_bytes(4, "little"), digest_size=64).digest()
        values.extend(int.from_bytes(block[i:i + 4], "little") >> 1 for i in range(0, 64, 4))
        counter += 1
    a = np.array([v | 1 for v in values[:PERMUTATIONS]], dtype=np.uint64)  # a must not be 0
    b = np.array(values[PERMUTATIONS:2 * PERMUTATIONS], dtype=np.uint64)
    return a, b


_A, _B = _coefficients()
_WORD = re.compile(r"\w+")


def _shingle_hashes(text: str) -> np.ndarray:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)}
    else:
        shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    hashes = [
        int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "little")
        for s in sorted(shingles)
    ]
    return np.array(hashes, dtype=np.uint64)


def signature(text: str) -> bytes:
    """The MinHash signature of ``text``: ``PERMUTATIONS`` little-endian uint32 values."""
    x = _shingle_hashes(text)
    minimum = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    # In chunks, so a book-length text does not need a PERMUTATIONS x shingles matrix at once.
    for start in range(0, len(x), _CHUNK):
        permuted = ((np.outer(_A, x[start:start + _CHUNK]) + _B[:, None]) % _PRIME) & _MASK
        minimum = np.minimum(minimum, permuted.min(axis=1))
    return minimum.astype("<u4").tobytes()


def jaccard(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of the texts behind two signatures."""
    a = np.frombuffer(first, dtype="<u4")
    b = np.frombuffer(second, dtype="<u4")
    return float(np.count_nonzero(a == b)) / PERMUTATIONS


class Deduplicator:
    """Mark each article that is a near-copy of one seen before it.

    ``known`` are ``(article id, signature)`` pairs from earlier builds; they
    count as seen first, in the order given.  ``check`` returns the article,
    with ``duplicate_of`` set to the earliest-seen article whose estimated
    Jaccard similarity is at least ``threshold``, and its signature.  An exact
    copy (same id) is not marked: the caller handles same-id articles.

    The index is compact, so that a client holding a large store's signatures
    stays small: signatures live in ``uint32`` blocks of :data:`_BLOCK`, and the band
    keys (a 64-bit hash of each band's values and number) in one sorted ``uint64``
    array searched by bisection, with the latest additions in a small dict merged
    in every :data:`_RECENT` articles.  A hash collision only
    adds a candidate, which the Jaccard check then judges.
    """

    def __init__(self, threshold: float, known: Iterable[tuple[str, bytes]] = ()) -> None:
        self.threshold = threshold
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

    @staticmethod
    def _band_keys(values: np.ndarray) -> np.ndarray:
        """One 64-bit key per band: the band's ``ROWS`` values and its number mixed with fixed odd
        multipliers (all bands share one index; keys of two bands that collide only add candidates)."""
        bands = values.astype(np.uint64).reshape(BANDS, ROWS)
        return (bands * _BAND_MIX).sum(axis=1, dtype=np.uint64) ^ (np.arange(BANDS, dtype=np.uint64) * _BAND_SALT)

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
        for key in self._band_keys(values).tolist():
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

    def _earliest_match(self, article_id: str, sig: bytes) -> str | None:
        values = np.frombuffer(sig, dtype="<u4")
        keys = self._band_keys(values)
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
            same = int(np.count_nonzero(self._sigs[row // _BLOCK][row % _BLOCK] == values))
            if other_id != article_id and same / PERMUTATIONS >= self.threshold:
                return other_id
        return None

    def check(self, article: Article) -> tuple[Article, bytes]:
        """The article (``duplicate_of`` set if it is a near-copy) and its signature."""
        sig = signature(article.text)
        original = self._earliest_match(article.id, sig)
        self._add(article.id, sig)
        if original is not None:
            article = msgspec.structs.replace(article, duplicate_of=original)
        return article, sig


_BLOCK = 4096
"""Signatures per block of the signature store (2 MB a block)."""
_RECENT = 2048
"""Articles whose band keys wait in the small dict before they are merged into the sorted arrays
(a few MB at most, whatever the store's size)."""
_BAND_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5],
                     dtype=np.uint64)[:ROWS]
_BAND_SALT = np.uint64(0xFF51AFD7ED558CCD)
"""Odd 64-bit multipliers (golden-ratio and xxHash primes, MurmurHash's finaliser constant for
the band number) that mix a band's values into one key."""
