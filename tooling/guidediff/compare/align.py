"""Align the directions of two versions by content, never by number.

Evidence, strongest first: the cooperation agreements, the partner, the title, the areas. A
partner alone is not enough (one country can have several directions under different agreements),
so when both directions name agreements and none of them is shared, the pair scores low whatever
the partner. The pairing is one-to-one and global (``assign``) with a threshold; each pair carries
its score and evidence in words, each unpaired direction its nearest rejected candidate.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import Agreement, Direction, Guideline
from ..normalize import facts
from .assign import assign
from .events import AlignmentRow, Nearest
from .tokens import similarity

THRESHOLD = 0.5
REWORDED = 0.9  # two agreement titles this similar are one agreement reworded
WEIGHTS = {"agreements": 0.5, "partner": 0.15, "title": 0.25, "areas": 0.10}


@dataclass(frozen=True)
class Features:
    id: str
    title: str
    agreements: tuple[str, ...]  # normalized for comparison
    partners: frozenset[str]
    areas: str
    printed: tuple[tuple[str, str], ...] = ()  # normalized -> as printed, for the evidence


def _norm_agreement(title: str) -> str:
    t = unicodedata.normalize("NFKC", title)
    t = re.sub(r"\s+", "", t)
    t = re.sub(r"[-—–－~～至]", "-", t)
    return t.replace("中华人民共和国科学技术部", "中国科技部").replace("科学技术部", "科技部")


def features(d: Direction) -> Features:
    f = d.field("agreements")
    titles: list[str] = []
    if f is not None:
        titles = [v.title for b in f.blocks() for v in b.values(Agreement)
                  if isinstance(v, Agreement)]
        titles = titles or [b.text for b in f.blocks() if b.text.strip()]
    agreements = tuple(_norm_agreement(t) for t in titles)
    areas = d.field("areas")
    area_text = "".join(b.text for b in areas.blocks()) if areas is not None else ""
    return Features(d.id, facts.title_text(d), agreements, frozenset(facts.partners(d)),
                    area_text, tuple(zip(agreements, titles, strict=True)))


def _agreement_score(a: tuple[str, ...], b: tuple[str, ...],
                     printed: dict[str, str]) -> tuple[float, str]:
    """Share of agreements in common (a reworded one counts by its similarity, if >= 0.9)."""
    shared = sorted(set(a) & set(b))
    rest_a, rest_b = [x for x in a if x not in shared], [y for y in b if y not in shared]
    near = []
    for x in rest_a:
        best = max(((similarity(x, y), y) for y in rest_b), default=(0.0, ""))
        if best[0] >= REWORDED:
            near.append(best[0])
            rest_b.remove(best[1])
    value = (len(shared) + sum(near)) / max(len(set(a)), len(set(b)))
    if shared:
        more = f" (+{len(shared) - 1})" if len(shared) > 1 else ""
        why = f"same agreement 《{printed.get(shared[0], shared[0])}》{more}"
    elif near:
        why = f"reworded agreement (similarity {max(near):.2f})"
    else:
        best_any = max((similarity(x, y) for x in a for y in b), default=0.0)
        why = f"no agreement in common (closest similarity {best_any:.2f})"
    return min(1.0, value), why


def score(a: Features, b: Features) -> tuple[float, tuple[str, ...]]:
    """A symmetric score in [0, 1] and the evidence for it (memoized on content: a programme
    unchanged from one version to the next is scored once, whatever its number)."""
    return _score(replace(a, id=""), replace(b, id=""))


@lru_cache(maxsize=16384)
def _score(a: Features, b: Features) -> tuple[float, tuple[str, ...]]:
    evidence: list[str] = []
    parts: dict[str, float] = {}
    if a.agreements and b.agreements:
        parts["agreements"], why = _agreement_score(a.agreements, b.agreements,
                                                    dict(a.printed))
        evidence.append(why)
    if a.partners and b.partners:
        shared = a.partners & b.partners
        parts["partner"] = len(shared) / len(a.partners | b.partners)
        evidence.append(f"same partner {'、'.join(sorted(shared))}" if shared
                        else "different partners")
    parts["title"] = similarity(a.title, b.title)
    evidence.append(f"title similarity {parts['title']:.2f}")
    if a.areas and b.areas:
        parts["areas"] = similarity(a.areas, b.areas)
        evidence.append(f"areas similarity {parts['areas']:.2f}")
    total = sum(WEIGHTS[k] for k in parts)
    s = sum(WEIGHTS[k] * v for k, v in parts.items()) / total
    if "agreements" in parts and parts["agreements"] < 0.6:
        s *= 0.6  # named agreements, none shared: another programme, even with the same partner
    if parts.get("partner", 1.0) == 0.0:
        s *= 0.5
    return round(s, 4), tuple(evidence)


def align(old: Guideline, new: Guideline, threshold: float = THRESHOLD) -> list[AlignmentRow]:
    """Rows in new-document order (matched and added), then the dropped in old-document order."""
    fo = [features(d) for d in old.directions]
    fn = [features(d) for d in new.directions]
    scored = [[score(a, b) for b in fn] for a in fo]
    matrix = [[s for s, _ in row] for row in scored]
    pairs = dict((j, i) for i, j in assign(matrix, threshold))
    paired_old = set(pairs.values())
    rows: list[AlignmentRow] = []
    new_of = {i: j for j, i in pairs.items()}
    for j, b in enumerate(fn):
        if j in pairs:
            i = pairs[j]
            s, ev = scored[i][j]
            rows.append(AlignmentRow("matched", fo[i].id, b.id, s, ev, None, fo[i].title, b.title))
        else:
            near = max(range(len(fo)), key=lambda i: (matrix[i][j], -i), default=None)
            nearest = None
            if near is not None:
                took = new_of.get(near)
                nearest = Nearest(fo[near].id, matrix[near][j],
                                  fn[took].id if took is not None else None,
                                  matrix[near][took] if took is not None else None)
            rows.append(AlignmentRow("added", None, b.id, None, (), nearest, "", b.title))
    for i, a in enumerate(fo):
        if i not in paired_old:
            near = max(range(len(fn)), key=lambda j: (matrix[i][j], -j), default=None)
            nearest = None
            if near is not None:
                took = pairs.get(near)
                nearest = Nearest(fn[near].id, matrix[i][near],
                                  fo[took].id if took is not None else None,
                                  matrix[took][near] if took is not None else None)
            rows.append(AlignmentRow("dropped", a.id, None, None, (), nearest, a.title, ""))
    return rows
