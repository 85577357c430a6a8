"""What the union-find structures of linking share: every index's root at once."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["roots"]


def roots(parent: Sequence[int]) -> np.ndarray:
    """Every index's root in the union-find forest ``parent`` (index -> parent, a root its own),
    by pointer jumping in numpy; ``parent`` is left as it is.  For passes that look up the roots
    of many indexes and merge nothing meanwhile (a ``find`` each was millions of calls)."""
    up = np.asarray(parent, dtype=np.int64)
    while True:
        upper = up[up]
        if np.array_equal(upper, up):
            return up
        up = upper
