"""How alike two directions are: a pair's parts (agreements, partner, title, areas), their
weights, the score, and the bound that blocking rests on.

``OUTSIDE`` is derived from the weights (``outside_bound``), not written down: it is the most a
pair that is not a candidate (``candidates.Candidates``) can score, whatever its title and
areas, so a change of weights moves it with them.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from .features import REWORDED, Features
from .measures import Measures
from .tokens import profile_similarity, similarity

WEIGHTS = {"agreements": 0.5, "partner": 0.15, "title": 0.25, "areas": 0.10}


@dataclass(frozen=True)
class Parts:
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
           measures: Measures | None = None) -> Parts:
    """``disjoint``: the pair is known not to be a candidate (``Candidates``), so that no
    agreement is shared or reworded and the agreement part, if any, is 0 uncompared.
    ``measures`` remembers the parts by content (not by number: a programme unchanged from one
    version to the next is scored once)."""
    if measures is None:
        return _compute_parts(a, b, disjoint)
    return measures.remember(("parts", _content(a), _content(b)),
                             lambda: _compute_parts(a, b, disjoint))


def _compute_parts(a: Features, b: Features, disjoint: bool = False,
                   areas_alike: bool = False) -> Parts:
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
    return Parts(ag, shared, near, partner, partners,
                  profile_similarity(a.title_p, b.title_p), areas)


def value(p: Parts, weights: dict[str, float] = WEIGHTS) -> float:
    """The score of a pair's parts: their weighted mean (of the parts both sides have), times
    0.6 when both name agreements and share under 0.6 of them, times 0.5 when both name
    partners and share none."""
    total: float = 0  # summed in this order, as ever (the rounding depends on it)
    weight: float = 0
    for name, v in (("agreements", p.agreements), ("partner", p.partner), ("title", p.title),
                    ("areas", p.areas)):
        if v is not None:
            total += weights[name] * v
            weight += weights[name]
    s = total / weight
    if p.agreements is not None and p.agreements < 0.6:
        s *= 0.6  # named agreements, none shared: another programme, even with the same partner
    if p.partner == 0.0:
        s *= 0.5
    return round(s, 4)


def score_value(a: Features, b: Features, disjoint: bool = False,
                measures: Measures | None = None) -> float:
    """A symmetric score in [0, 1]. ``disjoint``, ``measures``: see ``_parts``."""
    return value(_parts(a, b, disjoint, measures))


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
    return value(p), tuple(evidence)


def most(a: Features, b: Features) -> float:
    """The most a pair that is not a candidate can score, its areas unread (taken as alike):
    the score grows with each part, so this bounds it."""
    return value(_compute_parts(a, b, disjoint=True, areas_alike=True))


def outside_bound(weights: dict[str, float] = WEIGHTS) -> float:
    """The most a pair that is not a candidate can score with these weights. A pair is no
    candidate only when both name agreements and share none (nor a reworded one: its agreement
    part is 0) or one names none; and when both name partners and share none (its partner part
    is 0) or one names none; not both parts missing (such a pair is always a candidate). The
    score grows with the title and the areas: at their best (alike, or the areas unnamed) on
    each such shape, the greatest score is the bound."""
    shapes = [(agreements, partner, areas) for agreements in (0.0, None)
              for partner in (0.0, None) for areas in (1.0, None)
              if agreements is not None or partner is not None]
    return max(value(Parts(agreements, (), None, partner, (), 1.0, areas), weights)
               for agreements, partner, areas in shapes)


OUTSIDE = outside_bound()  # 0.35 with the weights above
