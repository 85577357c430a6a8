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
    """

    def __init__(self, threshold: float, known: Iterable[tuple[str, bytes]] = ()) -> None:
        self.threshold = threshold
        self._signatures: list[tuple[str, bytes]] = []
        self._ids: set[str] = set()
        self._buckets: dict[bytes, list[int]] = {}
        for article_id, sig in known:
            if len(sig) == 4 * PERMUTATIONS:  # a signature from another scheme is ignored
                self._add(article_id, sig)

    def _bands(self, sig: bytes) -> list[bytes]:
        width = 4 * ROWS
        return [bytes([band]) + sig[band * width:(band + 1) * width] for band in range(BANDS)]

    def _add(self, article_id: str, sig: bytes) -> None:
        if article_id in self._ids:
            return
        index = len(self._signatures)
        self._signatures.append((article_id, sig))
        self._ids.add(article_id)
        for key in self._bands(sig):
            self._buckets.setdefault(key, []).append(index)

    def _earliest_match(self, article_id: str, sig: bytes) -> str | None:
        candidates = sorted({i for key in self._bands(sig) for i in self._buckets.get(key, ())})
        for index in candidates:  # in the order seen, so the first match is the earliest
            other_id, other_sig = self._signatures[index]
            if other_id != article_id and jaccard(sig, other_sig) >= self.threshold:
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
