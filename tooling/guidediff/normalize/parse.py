"""Stage 3: paragraphs → Guideline model (front matter, parts, directions, fields, nested items).

Structure comes from what the document prints: part headings (``二、领域和方向``), direction
headings (``2.8中国和…项目``), field labels (``共拟支持经费：``) and list markers (``（一）`` ``1.``
``（1）`` ``1）`` ``——``). A label the parser does not know never loses its text: it stays in the
paragraph it starts. Typed values are added afterwards by ``annotate``.

The paragraphs go in one at a time and the model comes out a piece at a time
(``parse_stream``: the head, each part, each direction once the next heading shows it complete);
``assemble`` makes the whole ``Guideline`` of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from ..errors import StructureError
from ..model import (
    Artifact,
    Block,
    Direction,
    DocMeta,
    Field,
    Guideline,
    Item,
    Paragraph,
    Part,
    Source,
    occurrence_id,
)
from ..read.raw import RawText
from ..text import TERMINAL, ascii_view, ends_with
from . import patterns as pt
from .vocabulary import vocabulary

_YEAR_BATCH_RE = re.compile(
    r"(?<!\d)(\d{4})\s*年度\s*第\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*批")
_ENDINGS = TERMINAL + "）)》”\"'’。.：:"


def _block(text: str, src: Source) -> Block:
    return Block(text, src)


@dataclass
class _ItemB:
    """A list item being read."""

    marker: str
    style: str
    source: Source
    paras: list[Block] = field(default_factory=list)
    fields: list[_FieldB] = field(default_factory=list)
    children: list[_ItemB] = field(default_factory=list)

    def freeze(self) -> Item:
        fields = tuple(f.freeze() for f in self.fields)  # (each once: nested items nest deep)
        children = tuple(c.freeze() for c in self.children)
        end = max([self.source.end_line] + [b.source.end_line for b in self.paras]
                  + [f.source.end_line for f in fields] + [c.source.end_line for c in children])
        return Item(self.marker, self.style, tuple(self.paras),
                    Source(self.source.line, end, self.source.page), fields, children)


_COUNTS_IN = {"digit": "arabic", "circled": "arabic", "cn": "cn", "letter": "latin"}


def _continues(prev: _ItemB, style: str, marker: str) -> bool:
    """Does ``marker`` number the item after ``prev``, in the same kind of numeral (1） then
    （2）), whatever the style of either?"""
    a, b = pt.marker_value(prev.marker, prev.style), pt.marker_value(marker, style)
    same_kind = _COUNTS_IN.get(pt.STYLES[prev.style].numeral) == \
        _COUNTS_IN.get(pt.STYLES[style].numeral)
    return a is not None and b == a + 1 and same_kind


@dataclass
class _FieldB:
    """A field being read."""

    name: str
    label: str
    label_text: str
    source: Source
    paras: list[Block] = field(default_factory=list)
    items: list[_ItemB] = field(default_factory=list)
    stack: list[_ItemB] = field(default_factory=list)  # open items, outermost first

    def add_item(self, style: str, marker: str, src: Source) -> _ItemB:
        styles = [it.style for it in self.stack]
        if style in styles:
            del self.stack[styles.index(style):]
        elif self.stack and _continues(self.stack[-1], style, marker):
            self.stack.pop()  # 1） then （2）: a typo in the numbering style, not a sub-list
        item = _ItemB(marker, style, src)
        (self.stack[-1].children if self.stack else self.items).append(item)
        self.stack.append(item)
        return item

    def freeze(self) -> Field:
        frozen_items = tuple(i.freeze() for i in self.items)
        end = max([self.source.end_line] + [b.source.end_line for b in self.paras]
                  + [i.source.end_line for i in frozen_items])
        return Field(self.name, self.label, self.label_text, tuple(self.paras),
                     Source(self.source.line, end, self.source.page), frozen_items)


@dataclass
class _DirectionB:
    """A direction being read."""

    id: str
    title: Block
    source: Source
    fields: list[_FieldB] = field(default_factory=list)
    # where an unmarked paragraph goes: the field, the innermost item, or an item's sub-field
    target: _FieldB | _ItemB | None = None

    def freeze(self) -> Direction:
        fields = tuple(f.freeze() for f in self.fields)
        end = max([self.source.end_line] + [f.source.end_line for f in fields])
        return Direction(self.id, self.title, fields, Source(self.source.line, end,
                                                              self.source.page))


def _split_label(text: str) -> tuple[str, str, str]:
    """'其他要求：1）…' -> ('其他要求', '其他要求：', '1）…')."""
    m = pt.LABEL_RE.match(text)
    assert m is not None
    return m.group(1), text[: m.end()], text[m.end():]


class _DirectionParser:
    """Feeds the paragraphs of one direction into fields and nested items."""

    def __init__(self, d: _DirectionB):
        self.d = d

    def feed(self, p: Paragraph) -> None:
        label = pt.match_label(p.text)
        known = pt.field_of(label) if label is not None else None
        if known is not None and known.subfield and self._open_item() is not None:
            self._subfield(known.name, p)
        elif known is not None:
            self._field(known.name, p)
        elif self._open_item() is None and pt.match_any_label(p.text):
            self._field("other", p)  # a label we do not know: its own field, never dropped
        else:
            self._body(p.text, p.source)

    def continues_list(self, style: str, value: int | None) -> bool:
        """Is an item of ``style`` numbered ``value - 1`` open in the current field?"""
        f = self.d.fields[-1] if self.d.fields else None
        return f is not None and value is not None and any(
            it.style == style and pt.marker_value(it.marker, it.style) == value - 1
            for it in f.stack)

    def _open_item(self) -> _ItemB | None:
        f = self.d.fields[-1] if self.d.fields else None
        return f.stack[-1] if f is not None and f.stack else None

    def _field(self, name: str, p: Paragraph) -> None:
        label, label_text, rest = _split_label(p.text)
        f = _FieldB(name, label, label_text, p.source)
        self.d.fields.append(f)
        self.d.target = f
        if rest.strip():
            self._body(rest, p.source)

    def _subfield(self, name: str, p: Paragraph) -> None:
        item = self._open_item()
        assert item is not None
        label, label_text, rest = _split_label(p.text)
        sub = _FieldB(name, label, label_text, p.source)
        if rest.strip():
            sub.paras.append(_block(rest, p.source))
        item.fields.append(sub)
        self.d.target = item

    def _body(self, text: str, src: Source) -> None:
        if not self.d.fields:  # text before any label: keep it in an unlabelled field
            f = _FieldB("text", "", "", src)
            self.d.fields.append(f)
            self.d.target = f
        f = self.d.fields[-1]
        marker = pt.match_marker(text)
        if marker is not None:
            style, printed = marker
            item = f.add_item(style, printed, src)
            rest = text[len(printed):]
            if rest.strip():
                item.paras.append(_block(rest, src))
            self.d.target = item
            return
        target = self.d.target or f
        if isinstance(target, _ItemB) and target.fields:
            target.fields[-1].paras.append(_block(text, src))
        else:
            target.paras.append(_block(text, src))


def title_block(texts: list[str]) -> int:
    """How many leading paragraphs form the title block: the short lines before the first
    sentence (an 附件 mark included)."""
    n = 0
    for t in texts:
        if ends_with(t, TERMINAL) or len(t) > 40:
            break
        n += 1
    return n


def _title_lines(front: list[Paragraph]) -> list[str]:
    """The title block's lines, minus an 附件 mark."""
    lines = [p.text.strip() for p in front[:title_block([p.text for p in front])]]
    marks = vocabulary().attachment_marks
    return [t for t in lines if t not in marks]


_DATE_RE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")


def _printed_date(paras: list[Paragraph]) -> str | None:
    """The date a document prints on a line of its own (its 成文日期), as YYYY-MM-DD."""
    for p in paras:
        m = _DATE_RE.match(ascii_view(p.text))
        if m:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return None


def detect_meta(raw: RawText, front: list[Paragraph], doc_id: str) -> DocMeta:
    """Title, year, batch and stage as the document prints them (the manifest may override)."""
    title = "".join(_title_lines(front))
    head = title or " ".join(p.text for p in front)
    m = _YEAR_BATCH_RE.search(head)
    if not title and m:  # no title block: use the sentence that names the guideline
        for p in front:
            mm = re.search(r"[“\"]?[^，。“]{0,80}?\d{4}\s*年度\s*第.{1,3}批[^，。]{0,80}?指南"
                           r"(?:\s*[（(]\s*征求意见稿\s*[）)])?", p.text)  # (a draft says so)
            if mm:
                title = mm.group(0)
                break
    year = int(m.group(1)) if m else None
    batch = (int(m.group(2)) if m.group(2).isdigit() else pt.cn_int(m.group(2))) if m else None
    # a guideline that names its year and batch is the final text unless it says it is a draft
    stage = "draft" if "征求意见稿" in head else ("final" if m else None)
    return DocMeta(id=doc_id, title=title or doc_id, year=year, batch=batch, stage=stage,
                   source=raw.path, sha256=raw.sha256, encoding=raw.encoding,
                   date=_printed_date(front))


@dataclass(frozen=True, slots=True)
class Head:
    """The document's beginning: what it says of itself, and its front matter."""

    meta: DocMeta
    front: tuple[Block, ...]


# What ``parse_stream`` yields, in document order: the Head, then each Part (its heading and
# paragraphs, without directions) followed by its Directions.
Piece = Head | Part | Direction


class _Builder:
    """Feeds paragraphs in order; each call gives back the pieces it completed."""

    def __init__(self, raw: RawText, doc_id: str) -> None:
        self.raw, self.doc_id = raw, doc_id
        self.front: list[Paragraph] = []
        self.head_sent = False
        self.part: tuple[str, Block | None, Source, list[Block]] | None = None
        self.part_sent = False
        self.direction: _DirectionParser | None = None
        self.part_no = 0  # the number of the last part heading (二、领域和方向 → 2)

    def _is_part(self, text: str) -> tuple[str, str] | None:
        """A part heading (二、领域和方向), not an item numbered 一、 inside a direction: inside
        one, only the next part's number can start a part, and not where it continues a list."""
        part = pt.match_part(text)
        if part is None or self.direction is None:
            return part
        value = pt.cn_int(part[0])
        if value != self.part_no + 1 or self.direction.continues_list("cn-comma", value):
            return None
        return part

    def _close(self, out: list[Piece]) -> None:
        """Send what is complete: the head, the open direction, the part's own text."""
        if not self.head_sent:
            meta = detect_meta(self.raw, self.front, self.doc_id or _default_id(self.raw.path))
            out.append(Head(meta, tuple(_block(p.text, p.source) for p in self.front)))
            self.front, self.head_sent = [], True
        if self.direction is not None:
            out.append(self.direction.d.freeze())
            self.direction = None
        if self.part is not None and not self.part_sent:
            kind, heading, src, blocks = self.part
            out.append(Part(kind, heading, tuple(blocks), src))
            self.part_sent = True

    def feed(self, p: Paragraph, nxt: str) -> list[Piece]:
        out: list[Piece] = []
        part = self._is_part(p.text)
        if part is not None:
            self._close(out)
            self.part, self.part_sent = (vocabulary().part_kind(part[1]), _block(p.text, p.source),
                                         p.source, []), False
            self.part_no = pt.cn_int(part[0]) or self.part_no + 1
            return out
        head = pt.match_direction(p.text, nxt)
        if head is not None:
            if self.part is None:
                self.part, self.part_sent = ("directions", None, p.source, []), False
            self._close(out)
            d = _DirectionB(head[0], _block(p.text, p.source), p.source)
            self.direction = _DirectionParser(d)
            return out
        if self.direction is not None:
            self.direction.feed(p)
        elif self.part is not None:
            self.part[3].append(_block(p.text, p.source))
        else:
            self.front.append(p)
        return out

    def finish(self) -> list[Piece]:
        out: list[Piece] = []
        self._close(out)
        return out


class _StructureCheck:
    """What makes a document a guideline, checked as its directions arrive: directions, each
    once and each with fields, and an end that is not cut off."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.seen: dict[str, int] = {}  # printed number -> how many directions print it
        self.budget_before = False  # a direction before the last one has a budget
        self.last: Direction | None = None

    def direction(self, d: Direction) -> Direction:
        """The direction checked; a number printed before is a drafting slip, not a fatal
        error: the direction is kept, told apart by its occurrence (2.4（第二处）), and the
        structure's warnings name it (``structure.StructureWatch``)."""
        n = self.seen.get(d.id, 0) + 1
        self.seen[d.id] = n
        if n > 1:
            d = replace(d, id=occurrence_id(d.id, n))
        if not any(f.name != "text" for f in d.fields):
            raise StructureError(f"direction {d.id} has no fields (no 合作协议/领域方向/"
                                 "拟支持项目数/共拟支持经费… label)", self.path, d.source.line)
        self.budget_before = self.budget_before or (
            self.last is not None and self.last.field("budget") is not None)
        self.last = d
        return d

    def finish(self, last: Paragraph | None) -> None:
        if self.last is None:
            raise StructureError("no numbered directions found (expected headings such as "
                                 "'1.1 中国和西班牙政府间科技合作项目')", self.path)
        last_dir = self.last
        if self.budget_before and last_dir.field("budget") is None:
            raise StructureError(f"the file looks truncated: the last direction {last_dir.id} "
                                 "has no budget (共拟支持经费)", self.path,
                                 last_dir.source.end_line)
        if last is not None and not ends_with(last.text.rstrip(), _ENDINGS):
            raise StructureError("the file looks truncated: its last paragraph ends "
                                 f"mid-sentence ('…{last.text[-12:]}')", self.path,
                                 last.source.end_line)


def parse_stream(raw: RawText, paragraphs: Iterable[Paragraph],
                 doc_id: str = "") -> Iterator[Piece]:
    """The document's pieces as soon as each is complete (a direction when the next heading
    starts), so that a document of any length is never whole in memory. Raises
    StructureError when there is nothing to model, at the point where that is known."""
    b = _Builder(raw, doc_id)
    check = _StructureCheck(raw.path)
    last: list[Paragraph] = []  # the last paragraph fed, once there is one

    def completed() -> Iterator[Piece]:
        it = iter(paragraphs)
        p = next(it, None)
        while p is not None:
            nxt = next(it, None)
            yield from b.feed(p, nxt.text if nxt is not None else "")
            last[:], p = [p], nxt
        yield from b.finish()

    for piece in completed():
        if isinstance(piece, Direction):
            piece = check.direction(piece)
        yield piece
    check.finish(last[0] if last else None)


def assemble(pieces: Iterable[Piece], artifacts: Iterable[Artifact] = ()) -> Guideline:
    """The whole model from its pieces in document order."""
    head: Head | None = None
    parts: list[tuple[Part, list[Direction]]] = []
    for piece in pieces:
        if isinstance(piece, Head):
            head = piece
        elif isinstance(piece, Part):
            parts.append((piece, []))
        else:
            parts[-1][1].append(piece)
    assert head is not None
    return Guideline(head.meta, head.front,
                     tuple(Part(p.kind, p.heading, p.paras, p.source, tuple(ds))
                           for p, ds in parts), tuple(artifacts))


def _default_id(path: str) -> str:
    from pathlib import Path

    return Path(path).stem
