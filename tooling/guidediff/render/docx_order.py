"""The order of the tracked document's directions: one sequence that reads as the new document's
order with every revision accepted and as the old document's with every revision rejected.

Matched directions whose order both documents share stay where they are (the heaviest such
sequence: a direction weighs one more than its changed clauses, so that the most edited ones keep
their word-by-word revisions); every other matched direction is a move, written twice: its old
text where the old document had it (``from``, a ``w:moveFrom``) and its new text where the new
document has it (``to``, a ``w:moveTo``). Dropped directions sit in the old order, added ones in
the new, between the directions that stay.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from ..compare.events import ChangeLog, PairView
from ..compare.kinds import AlignStatus, RowStatus
from ..model import id_key


@dataclass(frozen=True)
class Placed:
    """A direction at its place in the tracked document, and the role it has there:
    ``both`` (kept in place), ``from``/``to`` (the two ends of a move), ``dropped``, ``added``."""

    view: PairView
    role: str


def _key(did: str | None) -> tuple[int, ...]:
    return id_key(did or "0")


def _weight(v: PairView) -> int:
    return 1 + sum(1 for r in v.rows if r.status is not RowStatus.EQUAL)


def _heaviest_increasing(keys: list[int], weights: list[int]) -> set[int]:
    """The indices of a heaviest strictly increasing subsequence of ``keys`` (O(n log n): a
    Fenwick tree of the best chain ending at each key rank)."""
    ranks = {k: r + 1 for r, k in enumerate(sorted(set(keys)))}
    size = len(ranks)
    tree: list[tuple[int, int]] = [(0, -1)] * (size + 1)  # (weight, index of its end)
    back = [-1] * len(keys)
    best: tuple[int, int] = (0, -1)
    for i, k in enumerate(keys):
        r, found = ranks[k] - 1, (0, -1)
        while r > 0:
            found = max(found, tree[r])
            r -= r & -r
        back[i] = found[1]
        chain = (found[0] + weights[i], i)
        best = max(best, chain)
        r = ranks[k]
        while r <= size:
            tree[r] = max(tree[r], chain)
            r += r & -r
    out, i = set(), best[1]
    while i >= 0:
        out.add(i)
        i = back[i]
    return out


def _stay(matched: list[PairView]) -> set[int]:
    keys = sorted({_key(v.old) for v in matched})
    rank = {k: n for n, k in enumerate(keys)}
    chosen = _heaviest_increasing([rank[_key(v.old)] for v in matched],
                                  [_weight(v) for v in matched])
    return {id(matched[i]) for i in chosen}


def tracked_order(log: ChangeLog) -> list[Placed]:
    """Every direction in the order of the tracked document (see the module's docstring):
    between two directions that stay, the old-only ones in the old order, then the new-only
    ones in the new order."""
    new_order = [v for v in log.views if v.status is not AlignStatus.DROPPED]
    stay = _stay([v for v in new_order if v.status is AlignStatus.MATCHED])
    spine = [v for v in new_order if id(v) in stay]
    news: dict[int, list[Placed]] = defaultdict(list)
    gap = 0
    for v in new_order:
        if id(v) in stay:
            gap += 1
        else:
            news[gap].append(Placed(v, "added" if v.status is AlignStatus.ADDED else "to"))
    olds: dict[int, list[Placed]] = defaultdict(list)
    spine_keys = [_key(v.old) for v in spine]
    for v in sorted((v for v in log.views if v.status is AlignStatus.DROPPED
                     or (v.status is AlignStatus.MATCHED and id(v) not in stay)),
                    key=lambda v: _key(v.old)):
        olds[bisect_left(spine_keys, _key(v.old))].append(
            Placed(v, "dropped" if v.status is AlignStatus.DROPPED else "from"))
    out: list[Placed] = []
    for g in range(len(spine) + 1):
        out.extend(olds[g] + news[g])
        if g < len(spine):
            out.append(Placed(spine[g], "both"))
    return out
