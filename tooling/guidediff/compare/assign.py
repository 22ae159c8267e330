"""One-to-one global assignment maximizing the total score (the Hungarian algorithm), with a
threshold below which nothing is paired. Ties resolve to the earliest indices, deterministically."""

from __future__ import annotations

from collections.abc import Sequence


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Minimum-cost assignment for an n×m matrix with n <= m; returns the column of each row."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    p, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    col = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            col[p[j] - 1] = j - 1
    return col


def assign(scores: Sequence[Sequence[float]], threshold: float) -> list[tuple[int, int]]:
    """Pairs (row, col) of a maximum-total assignment, keeping only scores >= threshold.

    Scores under the threshold count as zero, so a weak pair never displaces a strong one.
    """
    rows = len(scores)
    cols = len(scores[0]) if rows else 0
    if not rows or not cols:
        return []
    transpose = rows > cols
    mat = [list(r) for r in scores]
    if transpose:
        mat = [list(c) for c in zip(*mat, strict=True)]
    cost = [[-(s if s >= threshold else 0.0) for s in r] for r in mat]
    pairs = []
    for r, c in enumerate(_hungarian(cost)):
        if c >= 0 and mat[r][c] >= threshold:
            pairs.append((c, r) if transpose else (r, c))
    return sorted(pairs)


def assign_sparse(edges: dict[tuple[int, int], float], threshold: float
                  ) -> list[tuple[int, int]]:
    """``assign`` over a sparse matrix: ``edges`` (row, col) -> score, the pairs that may
    reach the threshold. Rows and columns that can pair form groups (connected components);
    each group is assigned alone, so that the cost follows the groups' sizes, not the
    document's."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        ra, rb = find(("r", i)), find(("c", j))
        if ra != rb:
            parent[rb] = ra
    groups: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for i, j in sorted(edges):
        groups.setdefault(find(("r", i)), []).append((i, j))
    out: list[tuple[int, int]] = []
    for members in groups.values():
        rows = sorted({i for i, _ in members})
        cols = sorted({j for _, j in members})
        matrix = [[edges.get((i, j), 0.0) for j in cols] for i in rows]
        out.extend((rows[r], cols[c]) for r, c in assign(matrix, threshold))
    return sorted(out)
