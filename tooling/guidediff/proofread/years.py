"""Class 3: years that should have moved with the guideline's year.

Outside the directions (the front matter, the goals, the summary), the sentences that name the
guideline's own year (2022年度第一批, 本专项2022年度指南, 2022年，本专项…, 2022年第一批项目)
must name the year of its title, and the agreements signed ``年度签署`` the year before. With a
previous version, a sentence carried over from it unchanged that holds a year from the
year before the previous version's on (2021年1月1日前, 2020年度签署) is named: the usual slip of a
draft made from last year's text (the titles of agreements, 《…》, are names and never
move)."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Guideline
from ..text import canonical
from .document import Document, Spot
from .model import Finding, FindingKind, Severity, finding

_BATCH = "[一二三四五六七八九十]+批"
# (pattern, the year it must hold relative to the guideline's year)
_RULES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"((?:19|20)\d\d)\s*年度\s*第{_BATCH}"), 0),
    (re.compile(rf"((?:19|20)\d\d)\s*年\s*第{_BATCH}项目"), 0),
    (re.compile(r"本专项\s*((?:19|20)\d\d)\s*年度\s*指南"), 0),
    (re.compile(r"((?:19|20)\d\d)\s*年\s*[，,]\s*本专项"), 0),
    (re.compile(r"((?:19|20)\d\d)\s*年度\s*签署"), -1),
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:年|—|-|～|、)")
_TITLE = re.compile(r"《[^《》]*》")
_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")


def _outside(spot: Spot) -> bool:
    return spot.direction is None


def _matches(doc: Document) -> list[tuple[Spot, re.Match[str], int]]:
    return [(spot, m, delta) for spot in doc.spots() if _outside(spot)
            for rule, delta in _RULES for m in rule.finditer(spot.block.text)]


def guideline_year(doc: Document) -> int | None:
    """The guideline's year: what most of its own-year sentences say (a slip in the sentence
    the title is read from does not move it), else the year of its title."""
    votes = Counter(int(m.group(1)) - delta for _, m, delta in _matches(doc))
    title = doc.guideline.meta.year
    if not votes:
        return title
    best = max(votes.values())
    tied = [y for y, n in votes.items() if n == best]
    return title if title in tied else (tied[0] if len(tied) == 1 else None)


def find(doc: Document, previous: Guideline | None = None) -> list[Finding]:
    year = guideline_year(doc)
    out: list[Finding] = []
    if year is not None:
        for spot, m, delta in _matches(doc):
            got, want = int(m.group(1)), year + delta
            if got != want:
                out.append(finding(FindingKind.YEAR, Severity.ERROR, doc.place(spot, m.start(1)),
                                   "year.moved", printed=m.group(0).strip(), got=got,
                                   want=want, year=year))
    if previous is not None:
        out.extend(_carried(doc, previous))
    return out


def _sentences(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def _said(sentence: str) -> str:
    """What a sentence says, whatever mark ends it (an item's ； or 。)."""
    return canonical(sentence).rstrip("。；;.！？")


def _carried(doc: Document, previous: Guideline) -> list[Finding]:
    since = previous.meta.year
    if since is None or doc.guideline.meta.year is None or doc.guideline.meta.year <= since:
        return []
    before = {_said(s) for b in previous.blocks() for _, s in _sentences(b.text)}
    out = []
    for spot in doc.spots():
        if spot.field is not None and spot.field.name == "agreements":
            continue  # an agreement's title is a name: its year never moves
        for at, s in _sentences(spot.block.text):
            years = [int(y) for y in _YEAR.findall(_TITLE.sub("", s))]
            if not any(y >= since - 1 for y in years) or _said(s) not in before or \
                    len(_said(s)) < 8:
                continue
            out.append(finding(FindingKind.YEAR, Severity.WARNING, doc.place(spot, at),
                               "year.carried", sentence=s.strip(),
                               years="、".join(str(y) for y in years if y >= since - 1),
                               previous=since))
    return out
