"""Class 2: the directions' numbers: a number used twice, a gap, a number out of order.

Two styles of numbering are read: counted on (1.9, 2.0, 2.1: the number is one decimal
counting up) when the document has an ``N.0``, else grouped (1.1…1.12, 2.1…)."""

from __future__ import annotations

import re

from ..model import printed_id
from .document import Document, Spot
from .model import Finding, FindingKind, Severity, finding

_ID = re.compile(r"^(\d{1,3})\.(\d{1,3})$")


def _key(did: str) -> tuple[int, int] | None:
    m = _ID.match(did)
    return (int(m.group(1)), int(m.group(2))) if m else None


def _expected(prev: tuple[int, int], counted: bool) -> set[tuple[int, int]]:
    a, b = prev
    if counted:
        n = a * 10 + b + 1
        return {(n // 10, n % 10)}
    return {(a, b + 1), (a + 1, 1), (a + 1, 0)}


def _name(k: tuple[int, int]) -> str:
    return f"{k[0]}.{k[1]}"


def _between(ka: tuple[int, int], kb: tuple[int, int], counted: bool) -> list[tuple[int, int]]:
    """The numbers a sequence passes over from ``ka`` to ``kb`` (counted on, or in a group)."""
    if counted:
        lo, hi = ka[0] * 10 + ka[1], kb[0] * 10 + kb[1]
        return [(n // 10, n % 10) for n in range(lo + 1, hi)]
    if ka[0] == kb[0]:
        return [(ka[0], n) for n in range(ka[1] + 1, kb[1])]
    return []


def find(doc: Document) -> list[Finding]:
    """A number printed twice (at the second); a number lower than the one before it (out of
    order); numbers the sequence passes over that the document prints nowhere (a gap). A
    second direction standing where a number is missing is that number's slip: the gap is not
    named again."""
    dirs = doc.guideline.directions
    keys = {k for d in dirs if (k := _key(printed_id(d.id))) is not None}
    counted = any(k[1] == 0 for k in keys)
    out: list[Finding] = []
    prev: tuple[int, int] | None = None
    accounted: set[tuple[int, int]] = set()
    for d in dirs:
        base = printed_id(d.id)
        k = _key(base)
        if k is None:
            continue
        place = doc.place(Spot(d.title, d))
        if base != d.id:
            first = doc.guideline.direction(base)
            want = next((e for e in sorted(_expected(prev, counted)) if e not in keys),
                        None) if prev is not None else None
            if want is not None:
                accounted.add(want)
            out.append(finding(FindingKind.NUMBERING, Severity.ERROR, place, "numbering.twice",
                               number=base,
                               first=first.source.line if first else "?",
                               want=_name(want) if want else ""))
            if want is not None:
                prev = want
            continue
        if prev is not None and k not in _expected(prev, counted):
            if k < prev:
                out.append(finding(FindingKind.NUMBERING, Severity.ERROR, place,
                                   "numbering.order", number=base, previous=_name(prev)))
            else:
                missing = [n for n in _between(prev, k, counted)
                           if n not in keys and n not in accounted]
                if missing:
                    out.append(finding(FindingKind.NUMBERING, Severity.ERROR, place,
                                       "numbering.gap", number=base, previous=_name(prev),
                                       missing="、".join(_name(n) for n in missing)))
        prev = k if prev is None or k > prev else prev
    return out
