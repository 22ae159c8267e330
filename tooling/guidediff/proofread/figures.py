"""Class 1: the figures the document states (directions, partners, projects, total budget)
against the sums over its directions, within the document's own precision (the project's
reconciliation, ``compare.reconcile``, as findings)."""

from __future__ import annotations

from decimal import Decimal

from ..compare.facts import DocumentFacts
from ..compare.kinds import Figure
from ..compare.reconcile import reconcile
from .document import Document, Spot
from .model import Finding, FindingKind, Place, Severity, finding

_CODES = {Figure.DIRECTIONS: "figures.directions", Figure.PARTNERS: "figures.partners",
          Figure.TASKS: "figures.tasks", Figure.BUDGET: "figures.budget"}


def _num(x: int | Decimal) -> str:
    return format(x.normalize(), "f") if isinstance(x, Decimal) else str(x)


def find(doc: Document, facts: DocumentFacts) -> list[Finding]:
    summary = doc.guideline.summary
    place = doc.place(Spot(summary, part="directions")) if summary is not None else Place(1)
    out = []
    for c in reconcile(facts):
        if c.ok or c.stated is None or c.computed is None or c.figure not in _CODES:
            continue
        out.append(finding(FindingKind.FIGURES, Severity.ERROR, place, _CODES[c.figure],
                           stated=_num(c.stated), computed=_num(c.computed)))
    return out
