"""DOCX with real tracked changes: the whole document, its preamble and its directions, with
every change from the old version a revision (author ``guidediff`` or ``--author``, dated
``--date``, else 1 January of the newer year). Accept All gives the new text, Reject All the old
one, in the old order: a direction or clause that moved is a move (``w:moveFrom`` where it was,
``w:moveTo`` where it is), dropped directions are deleted sections and added ones inserted
sections, and paragraph marks are revised where only one version has them. Each revision that
states a change carries its 说明 as a comment (批注), as the 对照表 words it (``--comments off``:
none). The fonts, styles and A4 pages of the memo (GB/T 9704), page numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from docx.oxml.ns import qn

from ..compare.events import Change, ChangeLog, ClauseRow, PairView
from ..compare.kinds import AlignStatus, Kind, RowStatus
from ..compare.location import DIRECTIONS, Scope
from ..compare.tokens import token_diff
from ..model import printed_id
from . import docxbase as base
from . import docxutil as dx
from .docx_order import tracked_order
from .docx_paragraphs import (
    Piece,
    Writer,
    comment_mark,
    comment_reference,
    keep_apart,
    layout,
    row_pieces,
    side_pieces,
)
from .options import RenderOptions
from .table import note_text

STYLES = {"title": "Title", "part": "Heading1", "direction": "Heading2"}


class _Comments:
    """Each substantive change said once, as a comment on the first revision that carries it."""

    def __init__(self, doc: Any, log: ChangeLog, opts: RenderOptions, date: str) -> None:
        self.doc, self.opts = doc, opts
        self.by_id: dict[str, Change] = {c.id: c for c in log.changes if not c.minor}
        self.stated: set[str] = set()
        self.when = dt.datetime.fromisoformat(date.replace("Z", "+00:00"))

    def __call__(self, ids: tuple[str, ...]) -> int | None:
        new = [i for i in dict.fromkeys(ids) if i in self.by_id and i not in self.stated]
        if not new or not self.opts.comments:
            return None
        self.stated.update(new)
        comment = self.doc.comments.add_comment(
            note_text([self.by_id[i] for i in new], self.opts.lang), author=self.opts.author,
            initials="")
        comment._comment_elm.date = self.when
        return int(comment.comment_id)

    def remaining(self, title: Any) -> None:
        """Changes no revision carries (none, as the events are attached to clauses): said on
        the document's title, so that every change is said once."""
        cid = self(tuple(i for i in self.by_id if i not in self.stated))
        if cid is not None:
            title.insert(1 if title.find(qn("w:pPr")) is not None else 0,
                         comment_mark("w:commentRangeStart", cid))
            title.append(comment_mark("w:commentRangeEnd", cid))
            title.append(comment_reference(cid))


def _heading_ops(v: PairView) -> tuple[tuple[int, str], ...]:
    title = next((r for r in v.rows if r.location.is_title), None)
    # the numbers as printed: the tracked document is the document (a second direction
    # printed 2.4 reads 2.4 there, its comment says 2.4（第二处）)
    old, new = printed_id(v.old or ""), printed_id(v.new or "")
    number = ((0, new),) if old == new else ((-1, old), (1, new))
    words = title.diff if title is not None and title.diff else ((0, v.new_title),)
    return (*number, (0, " "), *words)


def _events_of(log: ChangeLog, v: PairView) -> tuple[str, ...]:
    """The events a direction's heading states: added or dropped, its title."""
    kind = {AlignStatus.ADDED: Kind.PROGRAM_ADDED,
            AlignStatus.DROPPED: Kind.PROGRAM_DROPPED}.get(v.status)
    ids = [c.id for c in log.changes if kind and c.kind is kind
           and (c.new_direction if v.status is AlignStatus.ADDED else c.old_direction)
           == (v.new if v.status is AlignStatus.ADDED else v.old)]
    title = next((r for r in v.rows if r.location.is_title), None)
    return tuple(ids) + (title.change_ids if title is not None else ())


def _direction(log: ChangeLog, v: PairView, role: str, move: Callable[[str], str]
               ) -> list[Piece]:
    """A direction's pieces in its role (``both``, ``from``, ``to``, ``dropped``, ``added``)."""
    head = STYLES["direction"]
    rows = [r for r in v.rows if not r.location.is_title]
    styles = {"heading": STYLES["part"]}
    if role == "both":
        return [Piece("both", _heading_ops(v), True, True, style=head,
                      ids=_events_of(log, v)), *row_pieces(rows, move, styles)]
    name = move("direction") if role in ("from", "to") else None
    if role in ("from", "dropped"):
        kind = "from" if role == "from" else "old"
        text = f"{printed_id(v.old or '')} {v.old_title}"
        ids = _events_of(log, v) if role == "dropped" else ()
        return [Piece(kind, ((-1, text),), True, False, style=head, move=name, ids=ids),
                *side_pieces(rows, "old", kind, name, styles,
                             lambda r: role == "dropped" or r.status is RowStatus.REMOVED)]
    kind = "to" if role == "to" else "new"
    ops = _heading_ops(v) if role == "to" else ((1, f"{printed_id(v.new or '')} {v.new_title}"),)
    return [Piece(kind, ops, False, True, style=head, move=name, ids=_events_of(log, v)),
            *side_pieces(rows, "new", kind, name, styles, lambda r: True)]


def _split(rows: list[ClauseRow]) -> tuple[list[ClauseRow], list[ClauseRow]]:
    """The preamble before the directions (up to the directions part's own paragraphs), and
    what follows them (the parts printed after the directions)."""
    last = max((k for k, r in enumerate(rows) if r.location.scope is Scope.PREAMBLE
                and r.location.section == DIRECTIONS),
               default=len(rows) - 1)
    return rows[:last + 1], rows[last + 1:]


def _title(log: ChangeLog) -> list[Piece]:
    """The title as the documents print it: changed where both print one, deleted or inserted
    where one side prints none (its name read from a sentence is not a title), else none."""
    style = STYLES["title"]
    if not log.new.title_line:
        return [Piece("old", ((-1, log.old.title),), True, False, style=style)] \
            if log.old.title_line else []
    if not log.old.title_line:
        return [Piece("new", ((1, log.new.title),), False, True, style=style)]
    ops = ((0, log.new.title),) if log.old.title == log.new.title else \
        token_diff(log.old.title, log.new.title)
    row = next((r for r in log.preamble if r.location.is_title), None)
    return [Piece("both", tuple(ops), True, True, style=style,
                  ids=row.change_ids if row is not None else ())]


def _scoped(move: Callable[[str], str], scope: str) -> Callable[[str], str]:
    """Move names for one direction's clauses (unique in the document)."""
    return lambda key: move(f"{scope}:{key}")


def _blocks(log: ChangeLog) -> list[list[Piece]]:
    """The document as blocks of pieces: the title and preamble, each direction in the
    tracked order, the parts after the directions."""
    names: dict[str, str] = {}

    def move(key: str) -> str:
        return names.setdefault(key, f"move{len(names) + 1}")

    rows = [r for r in log.preamble if not r.location.is_title]
    before, after = _split(rows)
    styles = {"heading": STYLES["part"]}
    blocks = [[*_title(log), *row_pieces(before, move, styles)]]
    for placed in tracked_order(log):
        v = placed.view
        blocks.append(_direction(log, v, placed.role, _scoped(move, f"{v.old}>{v.new}")))
    if after:
        blocks.append(row_pieces(after, move, styles))
    return blocks


def render_docx(log: ChangeLog, opts: RenderOptions) -> bytes:
    """The whole new document, preamble and directions, with every change from the old one a
    revision: Accept All gives the new text, Reject All the old, in its order."""
    date = opts.revision_date(log.new.year)
    doc = base.new_document()
    base.official_styles(doc)
    sec = doc.sections[0]
    base.a4(sec)
    end = doc.element.body.find(qn("w:sectPr"))
    comments = _Comments(doc, log, opts, date)
    writer = Writer(end.addprevious, dx.Revisions(date, opts.author), comments)
    paragraphs: list[Any] = []
    for block in _blocks(log):
        paragraphs.extend(writer.write(layout(block)))
    comments.remaining(paragraphs[0])
    keep_apart(paragraphs, date)
    if opts.comments and len(doc.comments):
        base.comment_styles(doc)
    dx.add_page_number_footer(sec)
    base.set_properties(doc, log.new.title, base.pair_subject(log, opts.lang), opts.author,
                        date)
    return base.finish(doc)
