"""Class 9: what every other direction has and one lacks: a contact, a budget, a number of
projects. A note, not an error: a direction may well have none."""

from __future__ import annotations

from ..compare.facts import DirectionFacts, DocumentFacts
from .document import Document, Spot
from .model import Finding, FindingKind, Severity, finding

_MIN_DIRECTIONS = 4

_HAS = {
    "contact": lambda f: bool(f.contacts),
    "budget": lambda f: f.budget is not None,
    "projects": lambda f: f.projects is not None,
}


def find(doc: Document, facts: DocumentFacts) -> list[Finding]:
    dirs: tuple[DirectionFacts, ...] = facts.directions
    out: list[Finding] = []
    if len(dirs) < _MIN_DIRECTIONS:
        return out
    for what, has in _HAS.items():
        lacking = [f for f in dirs if not has(f)]
        if len(lacking) > max(1, len(dirs) // 10) or not lacking:
            continue
        for f in lacking:
            d = f.direction
            out.append(finding(FindingKind.MISSING, Severity.NOTE, doc.place(Spot(d.title, d)),
                               f"missing.{what}", others=len(dirs) - len(lacking)))
    return out
