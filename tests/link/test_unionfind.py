from __future__ import annotations

import random

from storyline.link.unionfind import roots


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        i = parent[i]
    return i


def test_roots_are_each_index_root() -> None:
    rng = random.Random(5)
    parent = list(range(500))
    for _ in range(400):  # a forest with long chains: each root hung under another index's root
        a, b = _find(parent, rng.randrange(500)), _find(parent, rng.randrange(500))
        if a != b:
            parent[max(a, b)] = min(a, b)
    before = list(parent)
    assert roots(parent).tolist() == [_find(parent, i) for i in range(500)]
    assert parent == before
    assert len(set(roots(parent).tolist())) < 200


def test_roots_of_singletons_and_nothing() -> None:
    assert roots([0, 1, 2]).tolist() == [0, 1, 2]
    assert roots([]).tolist() == []
