"""Reconciliation: each document's stated figures against the sums over its directions.

The stated total budget is compared within the rounding the document uses: ``约 6.2 亿元`` is
printed to 0.1 亿元, so any sum from 6.15 to 6.25 亿元 agrees. Counts stated with 左右/约 are
approximate: they agree within 5 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Guideline
from .facts import DocumentFacts, facts_of
from .kinds import Figure

APPROX_TOLERANCE = Decimal("0.05")


@dataclass(frozen=True)
class Check:
    """A stated figure against the sum over the directions."""

    document: str  # old | new | the document id
    figure: Figure
    stated: int | Decimal | None
    computed: int | Decimal | None
    ok: bool
    note: str = ""
    approx: bool = False  # the document states the figure with 约 or 左右
    tolerance: Decimal = Decimal(0)  # how far apart stated and computed may be (its rounding)


def _compare(doc: str, figure: Figure, stated: int | Decimal | None,
             computed: int | Decimal | None, tolerance: Decimal, note: str,
             approx: bool = False) -> Check:
    if stated is None:
        return Check(doc, figure, None, computed, True, "not stated in the document")
    if computed is None:
        return Check(doc, figure, stated, None, False, "cannot be computed from the directions",
                     approx, tolerance)
    ok = abs(Decimal(computed) - Decimal(stated)) <= tolerance
    return Check(doc, figure, stated, computed, ok, note, approx, tolerance)


def reconcile(g: Guideline | DocumentFacts, doc: str = "") -> list[Check]:
    """Each stated figure of a guideline checked against its directions' facts."""
    f = facts_of(g)
    doc = doc or f.guideline.meta.id
    st = f.stated
    dirs = f.directions
    checks = []
    n_stated = st.directions.max if st.directions else None
    checks.append(_compare(doc, Figure.DIRECTIONS, n_stated, len(dirs), Decimal(0),
                           "directions numbered in the document"))
    partners = sorted({p for d in dirs for p in d.partners})
    p_stated = st.partners.max if st.partners else None
    checks.append(_compare(doc, Figure.PARTNERS, p_stated, len(partners), Decimal(0),
                           "distinct partners: " + "、".join(partners)))
    projects = [d.projects for d in dirs]
    tasks = (sum(p.max if p.max is not None else (p.min or 0) for p in projects if p)
             if all(projects) else None)
    t_stated = st.tasks.max if st.tasks else None
    t_tol = (Decimal(t_stated) * APPROX_TOLERANCE if st.tasks and st.tasks.approx and t_stated
             else Decimal(0))
    checks.append(_compare(doc, Figure.TASKS, t_stated, tasks, t_tol,
                           "sum of each direction's (maximum) number of projects",
                           bool(st.tasks and st.tasks.approx)))
    budgets = [d.budget for d in dirs]
    amounts = [b.amount_wan if b else None for b in budgets]
    total = sum((a for a in amounts if a is not None), Decimal(0)) \
        if all(a is not None for a in amounts) else None
    b_stated = st.budget.amount_wan if st.budget else None
    step = st.budget.step if st.budget is not None else Decimal(0)
    checks.append(_compare(doc, Figure.BUDGET, b_stated, total, step / 2,
                           "sum of the direction budgets in 万元, within the printed rounding",
                           bool(st.budget and st.budget.approx)))
    return checks
