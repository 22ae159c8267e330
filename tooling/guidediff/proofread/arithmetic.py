"""Class 4: arithmetic inside a direction: a per-project cap times the number of projects that
cannot reach the budget (2个 × 每项不超过500万元 < 1500万元), and sub-quotas that do not add up to
the direction's number of projects (2个（A领域1个，B领域2个）)."""

from __future__ import annotations

from decimal import Decimal

from ..compare.facts import DirectionFacts, DocumentFacts
from .document import Document, Spot
from .model import Finding, FindingKind, Severity, finding


def _num(x: Decimal) -> str:
    return format(x.normalize(), "f")


def _clause_spot(f: DirectionFacts, name: str) -> Spot:
    d = f.direction
    fld = d.field(name)
    if fld is not None and fld.paras:
        return Spot(fld.paras[0], d, fld)
    return Spot(d.title, d)


def _caps(doc: Document, f: DirectionFacts) -> list[Finding]:
    b, p = f.budget, f.projects
    if b is None or p is None or b.per_project is None or b.amount_wan is None:
        return []
    n = p.max
    if n is None or p.approx or b.approx or b.per_project.approx:
        return []
    reach = b.per_project.amount_wan * n
    if reach >= b.amount_wan:
        return []
    return [finding(FindingKind.ARITHMETIC, Severity.ERROR, doc.place(_clause_spot(f, "budget")),
                    "arithmetic.cap", projects=n, cap=_num(b.per_project.amount_wan),
                    reach=_num(reach), budget=_num(b.amount_wan))]


def _quotas(doc: Document, f: DirectionFacts) -> list[Finding]:
    p = f.projects
    if p is None or p.max is None or p.approx:
        return []
    subsets = [c for c in p.parts if c.of == "subset"]
    if len(subsets) < 2 or any(c.max is None or c.approx for c in subsets):
        return []
    total = sum(c.max for c in subsets if c.max is not None)
    exact = not p.cap and p.min == p.max
    if (exact and total == p.max) or (not exact and total <= p.max):
        return []
    return [finding(FindingKind.ARITHMETIC, Severity.ERROR,
                    doc.place(_clause_spot(f, p.field)), "arithmetic.quotas",
                    parts="+".join(str(c.max) for c in subsets), sum=total, projects=p.max)]


def find(doc: Document, facts: DocumentFacts) -> list[Finding]:
    out: list[Finding] = []
    for f in facts.directions:
        out.extend(_caps(doc, f))
        out.extend(_quotas(doc, f))
    return out
