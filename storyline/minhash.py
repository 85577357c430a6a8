"""MinHash signatures and LSH band keys: the hashing behind near-duplicate detection.

Each article's text is cut into overlapping word 5-grams ("shingles"); a MinHash signature of
:data:`PERMUTATIONS` 32-bit values estimates the Jaccard similarity of two shingle sets as the
share of equal positions.  LSH banding (:data:`BANDS` bands of :data:`ROWS` values, one 64-bit
key each) proposes candidates in near-linear time.  Hashing is deterministic (blake2b and fixed
universal-hash coefficients, never Python's salted ``hash()``), so signatures and keys stored by
one build are valid in the next.  The policy (which article is a copy of which) is
:mod:`storyline.ingest.dedup`; the store keeps the keys (:meth:`storyline.store.Store.near_copies`).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

__all__ = ["BANDS", "PERMUTATIONS", "ROWS", "SHINGLE_WORDS", "band_array", "band_keys", "jaccard", "signature"]

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


def band_array(values: np.ndarray) -> np.ndarray:
    """One unsigned 64-bit key per band of a signature's values: the band's ``ROWS`` values and
    its number mixed with fixed odd multipliers (all bands share one index; keys of two bands
    that collide only add candidates)."""
    bands = values.astype(np.uint64).reshape(BANDS, ROWS)
    return (bands * _BAND_MIX).sum(axis=1, dtype=np.uint64) ^ (np.arange(BANDS, dtype=np.uint64) * _BAND_SALT)


def band_keys(sig: bytes) -> list[int]:
    """The :data:`BANDS` LSH keys of a signature, as signed 64-bit integers (what a database column
    holds): each band's ``ROWS`` values and its number mixed with fixed odd multipliers.  All bands
    share one index; two keys that collide only add a candidate, which the Jaccard check judges.
    Empty for a signature of another scheme."""
    if len(sig) != 4 * PERMUTATIONS:
        return []
    return band_array(np.frombuffer(sig, dtype="<u4")).view(np.int64).tolist()


def jaccard(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of the texts behind two signatures."""
    a = np.frombuffer(first, dtype="<u4")
    b = np.frombuffer(second, dtype="<u4")
    return float(np.count_nonzero(a == b)) / PERMUTATIONS


_BAND_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5],
                     dtype=np.uint64)[:ROWS]
_BAND_SALT = np.uint64(0xFF51AFD7ED558CCD)
"""Odd 64-bit multipliers (golden-ratio and xxHash primes, MurmurHash's finaliser constant for
the band number) that mix a band's values into one key."""
