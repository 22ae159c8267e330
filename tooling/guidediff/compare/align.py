"""Align the directions of two versions by content, never by number.

Evidence, strongest first: the cooperation agreements, the partner, the title, the areas. A
partner alone is not enough (one country can have several directions under different agreements),
so when both directions name agreements and none of them is shared, the pair scores low whatever
the partner. The pairing is one-to-one and global (``assign``) with a threshold; each pair carries
its score and evidence in words, each unpaired direction its nearest rejected candidate.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Guideline
from .assign import assign_sparse
from .candidates import OUTSIDE, Candidates
from .events import AlignmentRow, Nearest
from .evidence import (
    DifferentPartners,
    Evidence,
    NoAgreementInCommon,
    Part,
    PartSimilarity,
    RewordedAgreement,
    SameAgreement,
    SamePartner,
)
from .facts import DocumentFacts, facts_of
from .features import REWORDED, THRESHOLD, Features, features
from .kinds import AlignStatus
from .measures import Measures
from .tokens import profile_similarity, similarity

__all__ = ["THRESHOLD", "WEIGHTS", "Features", "align", "features", "score", "score_value"]

WEIGHTS = {"agreements": 0.5, "partner": 0.15, "title": 0.25, "areas": 0.10}


@dataclass(frozen=True)
class _Parts:
    """The evidence of a pair, as numbers: what ``score_value`` weighs and ``score`` words."""

    agreements: float | None  # the share in common (reworded ones by their similarity)
    shared: tuple[str, ...]  # agreements in common
    near: float | None  # the best similarity of a reworded agreement
    partner: float | None
    partners: tuple[str, ...]  # partners in common
    title: float
    areas: float | None


def _agreements(fa: Features, fb: Features) -> tuple[float, tuple[str, ...], float | None]:
    """Share of agreements in common (a reworded one counts by its similarity, if >= 0.9)."""
    a, b = fa.agreements, fb.agreements
    shared = sorted(set(a) & set(b))
    rest_a, rest_b = [x for x in a if x not in shared], [y for y in b if y not in shared]
    near = []
    pa, pb = fa.agreements_p, fb.agreements_p
    for x in rest_a:
        best = max(((profile_similarity(pa[x], pb[y]), y) for y in rest_b), default=(0.0, ""))
        if best[0] >= REWORDED:
            near.append(best[0])
            rest_b.remove(best[1])
    value = (len(shared) + sum(near)) / max(len(set(a)), len(set(b)))
    return min(1.0, value), tuple(shared), max(near) if near else None


def _content(f: Features) -> tuple[object, ...]:
    return (f.title, f.agreements, f.partners, f.areas)


def _parts(a: Features, b: Features, disjoint: bool = False,
           measures: Measures | None = None) -> _Parts:
    """``disjoint``: the pair is known not to be a candidate (``Candidates``), so that no
    agreement is shared or reworded and the agreement part, if any, is 0 uncompared.
    ``measures`` remembers the parts by content (not by number: a programme unchanged from one
    version to the next is scored once)."""
    if measures is None:
        return _compute_parts(a, b, disjoint)
    return measures.remember(("parts", _content(a), _content(b)),
                             lambda: _compute_parts(a, b, disjoint))


def _compute_parts(a: Features, b: Features, disjoint: bool = False,
                   areas_alike: bool = False) -> _Parts:
    """``areas_alike``: the areas taken as alike, unread (for a bound)."""
    ag: float | None
    shared: tuple[str, ...]
    near: float | None
    if not (a.agreements and b.agreements):
        ag, shared, near = None, (), None
    elif disjoint:
        ag, shared, near = 0.0, (), None
    else:
        ag, shared, near = _agreements(a, b)
    partner: float | None = None
    partners: tuple[str, ...] = ()
    if a.partners and b.partners:
        common = a.partners & b.partners
        partner, partners = len(common) / len(a.partners | b.partners), tuple(sorted(common))
    areas = None
    if a.areas and b.areas:
        areas = 1.0 if areas_alike else profile_similarity(a.areas_p, b.areas_p)
    return _Parts(ag, shared, near, partner, partners,
                  profile_similarity(a.title_p, b.title_p), areas)


def _value(p: _Parts) -> float:
    total: float = 0  # summed in this order, as ever (the rounding depends on it)
    weight: float = 0
    for name, v in (("agreements", p.agreements), ("partner", p.partner), ("title", p.title),
                    ("areas", p.areas)):
        if v is not None:
            total += WEIGHTS[name] * v
            weight += WEIGHTS[name]
    s = total / weight
    if p.agreements is not None and p.agreements < 0.6:
        s *= 0.6  # named agreements, none shared: another programme, even with the same partner
    if p.partner == 0.0:
        s *= 0.5
    return round(s, 4)


def score_value(a: Features, b: Features, disjoint: bool = False,
                measures: Measures | None = None) -> float:
    """A symmetric score in [0, 1]. ``disjoint``, ``measures``: see ``_parts``."""
    return _value(_parts(a, b, disjoint, measures))


def score(a: Features, b: Features, measures: Measures | None = None
          ) -> tuple[float, tuple[Evidence, ...]]:
    """The score and its evidence: only for the pairs a report shows."""
    p = _parts(a, b, measures=measures)
    evidence: list[Evidence] = []
    if p.agreements is not None:
        if p.shared:
            evidence.append(SameAgreement(dict(a.printed).get(p.shared[0], p.shared[0]),
                                          len(p.shared) - 1))
        elif p.near is not None:
            evidence.append(RewordedAgreement(p.near))
        else:
            measure = measures.similarity if measures is not None else similarity
            best = max((measure(x, y) for x in a.agreements for y in b.agreements),
                       default=0.0)
            evidence.append(NoAgreementInCommon(best))
    if p.partner is not None:
        evidence.append(SamePartner(p.partners) if p.partners else DifferentPartners())
    evidence.append(PartSimilarity(Part.TITLE, p.title))
    if p.areas is not None:
        evidence.append(PartSimilarity(Part.AREAS, p.areas))
    return _value(p), tuple(evidence)


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
                if near >= 0 and _most(f, o) <= best:
                    continue
                v = score_value(f, o, disjoint=True, measures=measures)
            if v > best:
                near, best = k, v
        values[near] = best
    took = paired.get(near)
    return Nearest(others[near].id, values[near], back[took].id if took is not None else None,
                   score_value(others[near], back[took], measures=measures)
                   if took is not None else None)


def _most(a: Features, b: Features) -> float:
    """The most a pair that is not a candidate can score, its areas unread (taken as alike):
    the score grows with each part, so this bounds it."""
    return _value(_compute_parts(a, b, disjoint=True, areas_alike=True))
