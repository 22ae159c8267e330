"""Say when the structure read disagrees with the document: a wrong parse must never look like a
right one. The directions found are checked against the number the document states, and every
direction against what a direction always has (a title, a number of projects, a budget). A
number that cannot be read with certainty is kept as text and named here, with its line."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from ..model import Block, Direction, Guideline, Part, id_key, printed_id
from . import facts
from .parse import Head
from .values import unreadable


def _id_key(did: str) -> tuple[int, ...]:
    return id_key(did)[:-1]  # the printed numbers


def _gaps(ids: list[str]) -> list[str]:
    """Numbers the sequence skips inside a group (1.5 then 1.7: 1.6 is missing)."""
    out: list[str] = []
    for a, b in itertools.pairwise(ids):
        ka, kb = _id_key(a), _id_key(b)
        if len(ka) == len(kb) == 2 and ka[0] == kb[0] and kb[1] > ka[1] + 1:
            out.extend(f"{ka[0]}.{k}" for k in range(ka[1] + 1, kb[1]))
    return out


class StructureWatch:
    """Gathers what ``structure_warnings`` says from a document's pieces as they arrive (the
    Head, each Part, each Direction; annotated), so that a document is never whole in memory."""

    def __init__(self) -> None:
        self.summary: Block | None = None
        self.ids: list[str] = []
        self.missing: dict[str, list[str]] = {"title": [], "number of projects": [],
                                              "budget": []}
        self.values: list[str] = []
        self.twice: list[str] = []  # a number printed again: a drafting slip, read on
        self.lines: dict[str, int] = {}

    def _blocks(self, blocks: Iterable[Block]) -> None:
        self.values.extend(f"line {b.source.line}: {w}" for b in blocks
                           for w in unreadable(b.text))

    def feed(self, piece: Head | Part | Direction) -> None:
        if isinstance(piece, Head):
            self._blocks(piece.front)
        elif isinstance(piece, Part):
            if self.summary is None and piece.kind == "directions" and piece.paras:
                self.summary = piece.paras[0]
            heading = () if piece.heading is None else (piece.heading,)
            self._blocks((*heading, *piece.paras))
        else:
            self.ids.append(piece.id)
            self.lines[piece.id] = piece.source.line
            base = printed_id(piece.id)
            if base != piece.id:
                self.twice.append(f"direction {base} appears twice (lines {self.lines.get(base)} "
                                  f"and {piece.source.line}): both are read, the second as "
                                  f"{piece.id}")
            if not facts.title_text(piece):
                self.missing["title"].append(piece.id)
            if facts.projects(piece) is None:
                self.missing["number of projects"].append(piece.id)
            if facts.budget(piece) is None:
                self.missing["budget"].append(piece.id)
            self._blocks(piece.blocks())

    def warnings(self) -> tuple[str, ...]:
        """One sentence per disagreement, naming the directions concerned."""
        out: list[str] = []
        out.extend(self.twice)
        ids = self.ids
        stated = facts.stated_in(self.summary).directions
        if stated is not None and stated.max is not None and stated.max != len(ids):
            skipped = _gaps([d for d in ids if printed_id(d) == d])
            more = f"; the numbering skips {', '.join(skipped)}" if skipped else ""
            span = f" ({ids[0]}…{ids[-1]})" if ids else ""
            out.append(f"the document states {stated.max} directions but {len(ids)} were found"
                       f"{span}{more}")
        for what, which in self.missing.items():
            if which:
                out.append(f"{'direction' if len(which) == 1 else 'directions'} "
                           f"{', '.join(which)} {'has' if len(which) == 1 else 'have'} no {what}")
        return (*out, *self.values)


def structure_warnings(g: Guideline) -> tuple[str, ...]:
    """One sentence per disagreement, naming the directions concerned."""
    watch = StructureWatch()
    watch.feed(Head(g.meta, g.front))
    for part in g.parts:
        watch.feed(part)
        for d in part.directions:
            watch.feed(d)
    return watch.warnings()
