"""Class 8: repetition: a requirement stated twice in one direction (the same paragraph, its
marker aside), and a contact given twice (the same e-mail or phone number twice in one
direction, outside one contact)."""

from __future__ import annotations

import re

from ..model import Contact, Email, Phone
from ..text import canonical
from .document import Document, Spot, direction_spots
from .model import Finding, FindingKind, Severity, finding

_MIN_CHARS = 16  # a shorter paragraph (先进材料。) may well be said twice
_PUNCT = re.compile(r"[\s。；;，,：:、]+")


def _key(text: str) -> str:
    return _PUNCT.sub("", canonical(text))


def _contacts(spot: Spot) -> list[tuple[str, int]]:
    out = []
    for s in spot.block.spans:
        v = s.value
        if isinstance(v, Email):
            out.append((v.address.lower(), s.start))
        elif isinstance(v, Phone):
            out.append((re.sub(r"\D", "", v.number), s.start))
        elif isinstance(v, Contact):
            pass
    return out


def find(doc: Document) -> list[Finding]:
    out: list[Finding] = []
    for d in doc.guideline.directions:
        said: dict[str, Spot] = {}
        given: dict[str, Spot] = {}
        for spot in direction_spots(d):
            if spot.field is None:
                continue
            k = _key(spot.block.text)
            if len(k) >= _MIN_CHARS:
                if k in said:
                    first = said[k]
                    out.append(finding(FindingKind.REPETITION, Severity.WARNING,
                                       doc.place(spot), "repetition.requirement",
                                       first=first.block.source.line,
                                       clause=first.clause or ""))
                else:
                    said[k] = spot
            for c, at in _contacts(spot):
                if len(c) < 5:
                    continue
                if c in given and given[c].block is not spot.block:
                    out.append(finding(FindingKind.REPETITION, Severity.WARNING,
                                       doc.place(spot, at), "repetition.contact",
                                       contact=c, first=given[c].block.source.line))
                given.setdefault(c, spot)
    return out
