"""Clauses as the tracked document's paragraphs: one sequence of paragraphs that Accept All turns
into the new text and Reject All into the old one, in Word, WPS and LibreOffice.

A ``Piece`` is one clause as the document writes it, with the side(s) it belongs to and whether it
begins a paragraph on each side (the old and the new document may break a clause's paragraphs
differently). ``layout`` places each side's paragraph breaks where a word processor expects them
(right after that side's last piece, so that a deleted paragraph's own mark is the deleted one)
and gives every paragraph mark that only one side has its revision: ``w:del`` or ``w:moveFrom``
(old only), ``w:ins`` or ``w:moveTo`` (new only), inside ``w:pPr/w:rPr``. ``write`` turns the
pieces into runs: equal text plain, deleted ``w:del``, inserted ``w:ins``; a move's old end
``w:moveFrom`` and its new end ``w:moveTo`` (inserted words inside it ``w:ins``; deleted ones are
left to the old end), each end between its range marks; a piece that states changes carries them
as a comment. ``keep_apart`` dates a revision two minutes later where it would touch one of its
kind across a paragraph end: LibreOffice merges revisions of one author less than a minute apart
into one, and rejecting that one would remove the paragraph end between them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, cast

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P

from ..compare.events import ClauseRow, DiffOp
from ..compare.kinds import RowStatus
from . import docxutil as dx

REVISIONS = ("w:ins", "w:del", "w:moveFrom", "w:moveTo")
OLD_ONLY = (RowStatus.REMOVED, RowStatus.MOVED_FROM)


@dataclass(frozen=True)
class Piece:
    """A clause (or a heading) as written in the tracked document. ``role``: ``both`` (its
    diff: equal, deleted, inserted), ``old`` (deleted), ``new`` (inserted), ``from`` / ``to``
    (the old / new end of the move ``move``)."""

    role: str
    ops: tuple[DiffOp, ...]
    old: bool  # read when every revision is rejected
    new: bool  # read when every revision is accepted
    old_starts: bool = True  # begins a paragraph of the old document
    new_starts: bool = True
    style: str | None = None  # a paragraph style id (Title, Heading1, Heading2)
    depth: int = 0
    move: str | None = None
    ids: tuple[str, ...] = ()  # the events it states


@dataclass
class Para:
    pieces: list[Piece] = field(default_factory=list)
    in_old: bool = True  # its paragraph mark is the old document's
    in_new: bool = True  # … and the new document's


# ---------------------------------------------------------------- rows to pieces


def _inside_moved(rows: list[ClauseRow]) -> list[bool]:
    """Which rows lie under a clause moved to here (their old sides are the move's old end)."""
    out, limit = [], None
    for r in rows:
        if limit is not None and r.depth <= limit:
            limit = None
        out.append(limit is not None)
        if r.status is RowStatus.MOVED_TO and limit is None:
            limit = r.depth
    return out


def _ops(r: ClauseRow) -> tuple[DiffOp, ...]:
    old, new = r.old_text or "", r.new_text or ""
    if r.diff:
        return r.diff
    if old == new:
        return ((0, new),)
    return tuple(x for x in ((-1, old), (1, new)) if x[1])


def _move_names(rows: list[ClauseRow], moves: Callable[[str], str]) -> dict[str, str]:
    """A move's name for each moved clause (the field both of its ends carry)."""
    return {str(r.location): moves(str(r.location)) for r in rows if r.status is RowStatus.MOVED_TO}


def row_pieces(rows: list[ClauseRow], moves: Callable[[str], str], styles: dict[str, str],
               ) -> list[Piece]:
    """The pieces of a direction or a part that both documents have, clause by clause."""
    names = _move_names(rows, moves)
    out: list[Piece] = []
    root: ClauseRow | None = None  # the clause whose old end is being written (moved_from)
    for r, under in zip(rows, _inside_moved(rows), strict=True):
        style = styles.get("heading") if r.location.heading else None
        if under and r.status in OLD_ONLY:
            continue  # its old text is in the old end of the move it lies under
        if r.status is RowStatus.MOVED_FROM:
            if root is None or r.depth <= root.depth:
                root = r
            out.append(Piece("from", ((-1, r.old_text or ""),), True, False,
                             old_starts=r.old_paragraph, style=style, depth=r.depth,
                             move=names.get(str(root.location)) or names.setdefault(
                                 str(root.location), moves(str(root.location))),
                             ids=r.change_ids))
            continue
        root = None
        if under or r.status is RowStatus.MOVED_TO:
            name = names[str(r.location)] if not under else (out[-1].move if out else None)
            ops = _ops(r) if r.status is not RowStatus.ADDED else ((1, r.new_text or ""),)
            out.append(Piece("to", ops, False, True, new_starts=r.new_paragraph, style=style,
                             depth=r.depth, move=name, ids=r.change_ids))
            continue
        role = {RowStatus.REMOVED: "old", RowStatus.ADDED: "new"}.get(r.status, "both")
        out.append(Piece(role, _ops(r), role != "new", role != "old",
                         old_starts=r.old_paragraph, new_starts=r.new_paragraph, style=style,
                         depth=r.depth, ids=r.change_ids))
    return out


def side_pieces(rows: list[ClauseRow], side: str, role: str, move: str | None,
                styles: dict[str, str], with_ids: Callable[[ClauseRow], bool]) -> list[Piece]:
    """One side of a direction alone: a dropped one (``old``), an added one (``new``), or one
    end of a moved one (``from``: its old text; ``to``: its new text, inserted words marked)."""
    out: list[Piece] = []
    for r, under in zip(rows, _inside_moved(rows), strict=True):
        style = styles.get("heading") if r.location.heading else None
        ids = r.change_ids if with_ids(r) else ()
        if side == "old":
            if r.status in (RowStatus.ADDED, RowStatus.MOVED_TO) or under:
                continue
            out.append(Piece(role, ((-1, r.old_text or ""),), True, False,
                             old_starts=r.old_paragraph, style=style, depth=r.depth,
                             move=move, ids=ids))
        else:
            if r.status in OLD_ONLY:
                continue
            ops = (_ops(r) if role == "to" and r.status is not RowStatus.ADDED
                   else ((1, r.new_text or ""),))
            out.append(Piece(role, ops, False, True, new_starts=r.new_paragraph, style=style,
                             depth=r.depth, move=move, ids=ids))
    return out


# ---------------------------------------------------------------- paragraphs


def layout(pieces: list[Piece]) -> list[Para]:
    """Pieces cut into paragraphs. Each side's break goes right after that side's previous
    piece; a paragraph's mark is in the old document, the new one, or both."""
    old_gaps: set[int] = set()
    new_gaps: set[int] = set()
    last_old = last_new = None
    for k, p in enumerate(pieces):
        if p.old:
            if last_old is not None and p.old_starts:
                old_gaps.add(last_old + 1)
            last_old = k
        if p.new:
            if last_new is not None and p.new_starts:
                new_gaps.add(last_new + 1)
            last_new = k
    if last_old is not None:
        old_gaps.add(last_old + 1)
    if last_new is not None:
        new_gaps.add(last_new + 1)
    out: list[Para] = []
    current = Para()
    for k, p in enumerate(pieces):
        if k and k in old_gaps | new_gaps:
            current.in_old, current.in_new = k in old_gaps, k in new_gaps
            out.append(current)
            current = Para()
        current.pieces.append(p)
    if current.pieces:
        n = len(pieces)
        current.in_old, current.in_new = n in old_gaps, n in new_gaps
        out.append(current)
    return out


def _mark_tag(para: Para) -> str | None:
    if para.in_old and para.in_new:
        return None
    if para.in_old:
        return "w:moveFrom" if all(p.role == "from" for p in para.pieces) else "w:del"
    return "w:moveTo" if all(p.role == "to" for p in para.pieces) else "w:ins"


# ---------------------------------------------------------------- runs


class Writer:
    """Writes pieces as paragraphs of one document body, numbering revisions and moves; a piece
    that states changes gets its comment through ``comment`` (text of the ids not yet said)."""

    def __init__(self, append: Callable[[Any], None], rev: dx.Revisions,
                 comment: Callable[[tuple[str, ...]], int | None]) -> None:
        self.append, self.rev, self.comment = append, rev, comment
        self.open_move: tuple[str, str, str] | None = None  # (kind, name, range id)

    def _wrapped(self, tag: str, text: str) -> Any:
        el = self.rev.mark(tag)
        el.append(dx._run(text, tag == "w:del"))
        return el

    def _runs(self, piece: Piece) -> list[Any]:
        out: list[Any] = []
        for op, text in piece.ops:
            if not text:
                continue
            if piece.role == "both":
                out.append(dx.run(text) if op == 0 else
                           self._wrapped("w:del" if op < 0 else "w:ins", text))
            elif piece.role == "old":
                out.append(self._wrapped("w:del", text))
            elif piece.role == "new":
                out.append(self._wrapped("w:ins", text))
            elif piece.role == "from":
                out.append(self._wrapped("w:moveFrom", text))
            elif op >= 0:  # to: inserted words inside the move are insertions
                out.append(self._wrapped("w:moveTo" if op == 0 else "w:ins", text))
        return out

    def _range(self, p: Any, piece: Piece) -> None:
        """Close the open move if this piece is not part of it; open this piece's move."""
        kind = "moveFrom" if piece.role == "from" else "moveTo"
        if self.open_move is not None and (piece.move is None
                                           or self.open_move[:2] != (kind, piece.move)):
            self.close(p)
        if piece.move is not None and piece.role in ("from", "to") and self.open_move is None:
            rid = str(self.rev.next_id)
            self.rev.next_id += 1
            start = OxmlElement(f"w:{kind}RangeStart")
            for k, v in (("id", rid), ("author", self.rev.author), ("date", self.rev.date),
                         ("name", piece.move)):
                start.set(qn(f"w:{k}"), v)
            p.append(start)
            self.open_move = (kind, piece.move, rid)

    def close(self, p: Any) -> None:
        if self.open_move is not None:
            kind, _, rid = self.open_move
            end = OxmlElement(f"w:{kind}RangeEnd")
            end.set(qn("w:id"), rid)
            p.append(end)
            self.open_move = None

    def _piece(self, p: Any, piece: Piece) -> None:
        self._range(p, piece)
        runs = self._runs(piece)
        cid = self.comment(piece.ids) if piece.ids else None
        if cid is not None:
            p.append(comment_mark("w:commentRangeStart", cid))
        for r in runs:
            p.append(r)
        if cid is not None:
            p.append(comment_mark("w:commentRangeEnd", cid))
            p.append(comment_reference(cid))

    def _paragraph(self, para: Para) -> Any:
        p = cast(CT_P, OxmlElement("w:p"))
        style = next((x.style for x in para.pieces if x.style), None)
        depth = para.pieces[0].depth
        if style or depth:
            ppr = p.get_or_add_pPr()
            if style:
                ppr.style = style
            if depth:
                ppr.get_or_add_ind().set(qn("w:left"), str(420 * depth))
        self.append(p)
        return p

    def write(self, paras: list[Para]) -> list[Any]:
        """Append the paragraphs; a move's range ends after its last piece."""
        flat = [(k, piece) for k, para in enumerate(paras) for piece in para.pieces]
        out = [self._paragraph(para) for para in paras]
        for n, (k, piece) in enumerate(flat):
            self._piece(out[k], piece)
            nxt = flat[n + 1][1] if n + 1 < len(flat) else None
            if nxt is None or (nxt.role, nxt.move) != (piece.role, piece.move):
                self.close(out[k])
        for p, para in zip(out, paras, strict=True):
            tag = _mark_tag(para)
            if tag is not None:
                _ppr_rpr(p).append(self.rev.mark(tag))
        return out


def _ppr_rpr(p: Any) -> Any:
    ppr = p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    return rpr


def comment_mark(tag: str, cid: int) -> Any:
    el = OxmlElement(tag)
    el.set(qn("w:id"), str(cid))
    return el


def comment_reference(cid: int) -> Any:
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "CommentReference")
    rpr.append(style)
    r.append(rpr)
    r.append(comment_mark("w:commentReference", cid))
    return r


# ---------------------------------------------------------------- keeping revisions apart


def _content(p: Any) -> list[Any]:
    """A paragraph's runs and revisions, without marks that hold no text (ranges, comment
    references)."""
    revisions = {qn(t) for t in REVISIONS}
    return [el for el in p if el.tag in revisions
            or (el.tag == qn("w:r") and el.find(qn("w:commentReference")) is None)]


def _revised_mark(p: Any) -> bool:
    rpr = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    return rpr is not None and any(rpr.find(qn(t)) is not None for t in REVISIONS)


def keep_apart(paragraphs: list[Any], date: str) -> int:
    """Date two minutes later the first revision of a paragraph that would touch a revision of
    its kind, of the same date, ending the paragraph before across a mark that both documents
    keep. Returns how many were moved."""
    later = (dt.datetime.fromisoformat(date.replace("Z", "+00:00"))
             + dt.timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    moved = 0
    for before, after in pairwise(paragraphs):
        if _revised_mark(before):
            continue
        a, b = _content(before), _content(after)
        if not a or not b or a[-1].tag != b[0].tag or a[-1].tag == qn("w:r"):
            continue
        when = a[-1].get(qn("w:date"))
        if b[0].get(qn("w:date")) == when:
            b[0].set(qn("w:date"), later if when == date else date)
            moved += 1
    return moved
