"""The document's own parts compared like any clause: its title, the front matter, each part's
heading and text (总体目标, the directions part's statement of figures, 申报说明…).

A part's text is compared sentence by sentence (where a wrapped text ends a paragraph is layout):
sentences are matched by content, moved, reworded, added or removed as list clauses are; every
edit is a ``text_changed`` event whose field names the part and the sentence
(``preamble:goals[2]``: the second sentence of 总体目标).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Block, Guideline, Part, Source
from ..normalize import patterns as pt
from ..normalize.parse import title_block
from ..normalize.vocabulary import vocabulary
from ..text import canonical
from .clausediff import Comparer
from .clauses import Node, split_outside_parens
from .kinds import Kind, Operation, RowStatus, Subject
from .location import DIRECTIONS, FRONT, GOALS, PART, Location
from .location import TITLE as TITLE_SECTION
from .measures import Measures
from .tokens import comparable

TITLE = Location.in_preamble(TITLE_SECTION)
# every edit of the preamble is a text_changed (a sentence that moved is not reported)
TEXT_KINDS: dict[Operation, Kind | None] = {
    Operation.CHANGED: Kind.TEXT_CHANGED, Operation.ADDED: Kind.TEXT_CHANGED,
    Operation.REMOVED: Kind.TEXT_CHANGED, Operation.MOVED: None}


def _node(b: Block) -> Node:
    """A heading as a clause; a leading list marker is its marker (a change of style is
    format, not content)."""
    marker = pt.match_marker(b.text)
    if marker is not None:
        return Node(marker[1], b.text[len(marker[1]):], b.source)
    return Node("", b.text, b.source)


def _sentences(blocks: list[Block]) -> list[Node]:
    """The sentences of a section's paragraphs, the first of each paragraph marked as such:
    where a wrapped text ends a paragraph is layout, what its sentences say is content."""
    out: list[Node] = []
    for b in blocks:
        first = _node(b)
        pieces = split_outside_parens(first.text, vocabulary().sentence_ends)
        for k, piece in enumerate(pieces):
            out.append(Node(first.marker if k == 0 else "", piece, b.source, (), k == 0))
    return out


def _part_key(p: Part, k: int) -> str:
    return p.kind if p.kind in ("goals", "directions") else \
        f"part:{canonical(p.heading.text) if p.heading else k}"


def _sections(g: Guideline) -> list[tuple[str, Location, list[Node]]]:
    """(key, location, paragraphs) of each section of the preamble, in document order: the
    front matter after the title block, then each part's heading and its paragraphs."""
    front = list(g.front)
    out = [("front", Location.in_preamble(FRONT),
            _sentences(front[title_block([b.text for b in front]):]))]
    seen: dict[str, int] = {}
    for k, p in enumerate(g.parts, 1):
        key = _part_key(p, k)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:  # a part printed twice (a heading repeated): the n-th matches the n-th
            key = f"{key}#{seen[key]}"
        own = {"goals": GOALS, "directions": DIRECTIONS}.get(p.kind)
        where = Location.in_preamble(own) if own else Location.in_preamble(PART, part=k)
        if p.heading is not None:
            out.append((key + ":heading", replace(where, heading=True), [_node(p.heading)]))
        out.append((key, where, _sentences(list(p.paras))))
    return out


def compare_preamble(old: Guideline, new: Guideline, measures: Measures | None = None
                     ) -> Comparer:
    """The rows of the preamble, old beside new, and its text_changed events."""
    cmp = Comparer(None, None, kinds=TEXT_KINDS, measures=measures or Measures())
    if title_printed(old) and title_printed(new):  # (a name read from a sentence is no title)
        _title(cmp, old, new)
    olds = {key: nodes for key, _, nodes in _sections(old)}
    seen: set[str] = set()
    for key, where, nodes in _sections(new):
        seen.add(key)
        cmp.nodes(Subject.TEXT, where, "", olds.get(key, []), nodes, (), 0, False)
    for key, where, nodes in _sections(old):
        if key not in seen:
            cmp.nodes(Subject.TEXT, where, "", nodes, [], (), 0, False)
    return cmp


def _title(cmp: Comparer, old: Guideline, new: Guideline) -> None:
    """The two titles as a clause: a row, and an event where they differ."""
    to, tn = old.meta.title, new.meta.title
    ids: tuple[str, ...] = ()
    if to != tn:
        ids = (cmp.event(Kind.TEXT_CHANGED, TITLE, old_text=to, new_text=tn, with_diff=True,
                         format_only=_same(to, tn), old_source=title_source(old),
                         new_source=title_source(new)),)
    cmp.row(TITLE, "", RowStatus.EQUAL if to == tn else RowStatus.CHANGED, to, tn, ids,
            old_source=title_source(old), new_source=title_source(new))


def _same(a: str, b: str) -> bool:
    return comparable(a) == comparable(b)


def title_printed(g: Guideline) -> bool:
    """Does the document print a title (its title block, an 附件 mark aside)? The 2022 final
    does not: its name is read from the sentence that names the guideline."""
    texts = [b.text for b in g.front]
    marks = vocabulary().attachment_marks
    return any(t.strip() not in marks for t in texts[:title_block(texts)])


def title_source(g: Guideline) -> Source | None:
    """Where the title is printed: the title block, or the sentence that names the guideline
    (``…编制形成了…2022年度第一批项目申报指南。``)."""
    front = list(g.front)
    n = title_block([b.text for b in front])
    if n:
        first, last = front[0].source, front[n - 1].source
        return Source(first.line, last.end_line, first.page)
    year = str(g.meta.year or "")
    named = next((b for b in front if "指南" in b.text and year in b.text), None)
    return named.source if named is not None else None
