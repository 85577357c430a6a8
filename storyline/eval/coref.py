"""Coreference scores: MUC, B-cubed, CEAF-e and the CoNLL mean, as the CoNLL-2012 scorer defines them.

``key`` and ``response`` are lists of clusters, each a set of hashable mention ids.  Every
function returns ``(precision, recall, f1)``; a score with an empty denominator is 0.0.
Mentions present on one side only count as they do in the reference scorer (a response
mention missing from the key lowers precision, a key mention missing from the response lowers
recall).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

__all__ = ["b_cubed", "ceaf_e", "conll", "muc"]

Cluster = Iterable[Hashable]
Score = tuple[float, float, float]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _clean(clusters: Sequence[Cluster]) -> list[frozenset[Hashable]]:
    return [frozenset(c) for c in clusters if c]


def _muc_side(gold: list[frozenset[Hashable]], other: list[frozenset[Hashable]]) -> float:
    """Vilain et al. 1995: sum(|K| - |partitions of K by other|) / sum(|K| - 1)."""
    where = {m: i for i, c in enumerate(other) for m in c}
    num = den = 0
    for cluster in gold:
        parts = {where.get(m, ("alone", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num / den if den else 0.0


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> Score:
    k, r = _clean(key), _clean(response)
    recall = _muc_side(k, r)
    precision = _muc_side(r, k)
    return precision, recall, _f1(precision, recall)


def _b3_side(gold: list[frozenset[Hashable]], other: list[frozenset[Hashable]]) -> float:
    where = {m: c for c in other for m in c}
    total = 0.0
    count = 0
    for cluster in gold:
        for m in cluster:
            count += 1
            match = where.get(m)
            if match is not None:
                total += len(cluster & match) / len(cluster)
    return total / count if count else 0.0


def b_cubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> Score:
    """Bagga & Baldwin 1998, mention-weighted."""
    k, r = _clean(key), _clean(response)
    recall = _b3_side(k, r)
    precision = _b3_side(r, k)
    return precision, recall, _f1(precision, recall)


def ceaf_e(key: Sequence[Cluster], response: Sequence[Cluster]) -> Score:
    """Luo 2005, entity-based: phi4 similarity, best one-to-one alignment (Hungarian).

    The similarity is zero between clusters sharing no mention, so the alignment is solved per
    connected component of the key/response overlap graph, which keeps each problem small.
    """
    k, r = _clean(key), _clean(response)
    if not k or not r:
        return 0.0, 0.0, 0.0
    index: dict[Hashable, list[int]] = {}
    for j, c in enumerate(r):
        for m in c:
            index.setdefault(m, []).append(j)
    edges: dict[int, set[int]] = {i: {j for m in c for j in index.get(m, ())} for i, c in enumerate(k)}
    total = 0.0
    for rows, cols in _components(edges):
        sim = [[2 * len(k[i] & r[j]) / (len(k[i]) + len(r[j])) for j in cols] for i in rows]
        total += _max_assignment(sim)
    precision, recall = total / len(r), total / len(k)
    return precision, recall, _f1(precision, recall)


def _components(edges: dict[int, set[int]]) -> list[tuple[list[int], list[int]]]:
    """Connected components of a bipartite graph given as row -> columns (rows without edges dropped)."""
    by_col: dict[int, list[int]] = {}
    for i, cols in edges.items():
        for j in cols:
            by_col.setdefault(j, []).append(i)
    seen: set[int] = set()
    out: list[tuple[list[int], list[int]]] = []
    for start, cols in edges.items():
        if start in seen or not cols:
            continue
        rows_c: list[int] = []
        cols_c: set[int] = set()
        stack = [start]
        seen.add(start)
        while stack:
            i = stack.pop()
            rows_c.append(i)
            for j in edges[i]:
                if j not in cols_c:
                    cols_c.add(j)
                    for i2 in by_col[j]:
                        if i2 not in seen:
                            seen.add(i2)
                            stack.append(i2)
        out.append((sorted(rows_c), sorted(cols_c)))
    return out


def _max_assignment(sim: list[list[float]]) -> float:
    """Largest total similarity of a one-to-one row/column matching (Hungarian method, O(n^2 m))."""
    if len(sim) > len(sim[0]):
        sim = [list(col) for col in zip(*sim, strict=True)]
    n, m = len(sim), len(sim[0])
    cost = [[-v for v in row] for row in sim]
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    match, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sum(sim[match[j] - 1][j - 1] for j in range(1, m + 1) if match[j])


def conll(key: Sequence[Cluster], response: Sequence[Cluster]) -> dict[str, Score | float]:
    """All three scores and ``"conll"``, the mean of their F1s."""
    scores: dict[str, Score | float] = {
        "muc": muc(key, response),
        "b3": b_cubed(key, response),
        "ceaf_e": ceaf_e(key, response),
    }
    f1s = [s[2] for s in scores.values() if isinstance(s, tuple)]
    scores["conll"] = sum(f1s) / 3
    return scores
