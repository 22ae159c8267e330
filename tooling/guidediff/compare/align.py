"""Align the directions of two versions by content, never by number.

Evidence, strongest first: the cooperation agreements, the partner, the title, the areas. A
partner alone is not enough (one country can have several directions under different agreements),
so when both directions name agreements and none of them is shared, the pair scores low whatever
the partner. The pairing is one-to-one and global (``assign``) with a threshold; each pair carries
its score and evidence in words, each unpaired direction its nearest rejected candidate.
"""

from __future__ import annotations

from ..model import Guideline
from .assign import assign_sparse
from .candidates import Candidates
from .events import AlignmentRow, Nearest
from .facts import DocumentFacts, facts_of
from .features import THRESHOLD, Features, features
from .kinds import AlignStatus
from .measures import Measures
from .score import OUTSIDE, WEIGHTS, most, score, score_value

__all__ = ["THRESHOLD", "WEIGHTS", "Features", "align", "features", "score", "score_value"]
def align(old: Guideline | DocumentFacts, new: Guideline | DocumentFacts,
          threshold: float = THRESHOLD, measures: Measures | None = None) -> list[AlignmentRow]:
    """Rows in new-document order (matched and added), then the dropped in old-document order.

    Only the candidate pairs (``Candidates``: every pair that can reach the threshold) are
    scored, and the assignment runs on each group of directions that can pair; an unpaired
    direction's nearest is then looked for among its candidates (from either side: the bounds
    that make them are of the pair), and among all only when none of them scores above what a
    non-candidate can (``OUTSIDE``)."""
    measures = measures if measures is not None else Measures()
    do, dn = facts_of(old).directions, facts_of(new).directions
    fo, fn = [f.features for f in do], [f.features for f in dn]
    index = Candidates.of(fo)
    matchable = [sorted(index.query(f, matchable=True)) for f in fn]  # old, for each new
    edges = {(i, j): v for j, found in enumerate(matchable) for i in found
             if (v := score_value(fo[i], fn[j], measures=measures)) >= threshold}
    pairs = {j: i for i, j in assign_sparse(edges, threshold)}
    new_of = {i: j for j, i in pairs.items()}
    rows: list[AlignmentRow] = []
    for j, b in enumerate(fn):
        if j in pairs:
            i = pairs[j]
            s, ev = score(fo[i], b, measures)
            rows.append(AlignmentRow(AlignStatus.MATCHED, fo[i].id, b.id, s, ev, None,
                                     fo[i].title, b.title, do[i].partners, dn[j].partners))
        else:
            rows.append(AlignmentRow(AlignStatus.ADDED, None, b.id, None, (),
                                     _nearest(fn[j], fo, sorted(index.query(b)), new_of, fn,
                                              measures),
                                     "", b.title, (), dn[j].partners))
    back: Candidates | None = None  # the new directions' index, made if one old is unpaired
    for i, a in enumerate(fo):
        if i not in new_of:
            back = back if back is not None else Candidates.of(fn)
            rows.append(AlignmentRow(AlignStatus.DROPPED, a.id, None, None, (),
                                     _nearest(a, fn, sorted(back.query(a)), pairs, fo,
                                              measures),
                                     a.title, "", do[i].partners, ()))
    return rows


def _nearest(f: Features, others: list[Features], candidates: list[int],
             paired: dict[int, int], back: list[Features], measures: Measures
             ) -> Nearest | None:
    """The closest direction on the other side (the first of equals), and the pair that took
    it, if one did, for the unpaired ones only: among the candidates when one of them scores
    above ``OUTSIDE`` (no other can then reach it), else among all, where a direction whose
    score could not pass the best so far even with areas alike is not scored."""
    if not others:
        return None
    values = {k: score_value(f, others[k], measures=measures) for k in candidates}
    if values and max(values.values()) > OUTSIDE:
        near = max(values, key=lambda k: (values[k], -k))
    else:
        near, best = -1, -1.0
        for k, o in enumerate(others):
            v = values.get(k)
            if v is None:
                if near >= 0 and most(f, o) <= best:
                    continue
                v = score_value(f, o, disjoint=True, measures=measures)
            if v > best:
                near, best = k, v
        values[near] = best
    took = paired.get(near)
    return Nearest(others[near].id, values[near], back[took].id if took is not None else None,
                   score_value(others[near], back[took], measures=measures)
                   if took is not None else None)


