"""Stable ids: the same input gives the same id on every build."""

from __future__ import annotations

import hashlib

__all__ = ["article_id", "make_id"]


def _digest(data: str, length: int) -> str:
    return hashlib.blake2b(data.encode("utf-8"), digest_size=16).hexdigest()[:length]


def article_id(text: str) -> str:
    """``"a-"`` + 16 hex digits of a hash of the cleaned text."""
    return "a-" + _digest(text, 16)


def make_id(prefix: str, *parts: object) -> str:
    """``prefix-`` + 12 hex digits of a hash of the parts (joined by U+241F)."""
    return f"{prefix}-" + _digest("\u241f".join(str(p) for p in parts), 12)
