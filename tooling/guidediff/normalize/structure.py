"""Say when the structure read disagrees with the document: a wrong parse must never look like a
right one. The directions found are checked against the number the document states, and every
direction against what a direction always has (a title, a number of projects, a budget). A
number too long to be a value is kept as text and named here."""

from __future__ import annotations

import itertools

from ..model import Guideline
from . import facts
from .values import out_of_range


def _id_key(did: str) -> tuple[int, ...]:
    return tuple(int(x) for x in did.split(".") if x.isdigit())


def _gaps(ids: list[str]) -> list[str]:
    """Numbers the sequence skips inside a group (1.5 then 1.7: 1.6 is missing)."""
    out: list[str] = []
    for a, b in itertools.pairwise(ids):
        ka, kb = _id_key(a), _id_key(b)
        if len(ka) == len(kb) == 2 and ka[0] == kb[0] and kb[1] > ka[1] + 1:
            out.extend(f"{ka[0]}.{k}" for k in range(ka[1] + 1, kb[1]))
    return out


def structure_warnings(g: Guideline) -> tuple[str, ...]:
    """One sentence per disagreement, naming the directions concerned."""
    out: list[str] = []
    dirs = g.directions
    stated = facts.stated(g).directions
    if stated is not None and stated.max is not None and stated.max != len(dirs):
        ids = [d.id for d in dirs]
        skipped = _gaps(ids)
        more = f"; the numbering skips {', '.join(skipped)}" if skipped else ""
        out.append(f"the document states {stated.max} directions but {len(dirs)} were found "
                   f"({ids[0]}…{ids[-1]}){more}")
    missing: dict[str, list[str]] = {"title": [], "number of projects": [], "budget": []}
    for d in dirs:
        if not facts.title_text(d):
            missing["title"].append(d.id)
        if facts.projects(d) is None:
            missing["number of projects"].append(d.id)
        if facts.budget(d) is None:
            missing["budget"].append(d.id)
    for what, ids in missing.items():
        if ids:
            out.append(f"{'direction' if len(ids) == 1 else 'directions'} {', '.join(ids)} "
                       f"{'has' if len(ids) == 1 else 'have'} no {what}")
    return (*out, *value_warnings(g))


def value_warnings(g: Guideline) -> tuple[str, ...]:
    """One sentence per number too long to read as a value, with its line."""
    return tuple(f"line {b.source.line}: {w}" for b in g.blocks() for w in out_of_range(b.text))
