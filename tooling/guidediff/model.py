"""Typed model passed between stages: lines → paragraphs → Guideline → parts, directions, fields.

Text stays text: every ``Block`` holds the exact text of one paragraph, and typed values are spans
over that text (``Span``), never a separate copy. Only ``xmlio`` maps this model to XML names.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from .text import canonical


@dataclass(frozen=True, slots=True)
class Source:
    """Where a piece of text came from: 1-based lines of the input file and the printed page."""

    line: int
    end_line: int
    page: int | None = None


# ---------------------------------------------------------------- typed values (markup on text)


_IN_WAN = {"亿": Decimal(10000), "千万": Decimal(1000), "百万": Decimal(100), "万": Decimal(1),
           "千": Decimal("0.1"), "": Decimal("0.0001")}  # a printed multiplier, in 万元


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in 万元 (10,000 CNY unless ``currency`` says otherwise), with how it is printed:
    its unit and the digits after its point (约6.2亿元: unit 亿, 1 decimal)."""

    amount_wan: Decimal
    cap: bool = False  # 不超过 / 以内
    approx: bool = False  # 约 / 左右
    minimum: bool = False  # 至少 / 不少于
    currency: str = "CNY"
    per: str | None = None  # "project" for 每个项目不超过…: a per-project cap, not a total
    # how it is printed, not what it is (4500万元 and 0.45亿元 are one amount: equal values)
    unit: str = field(default="万", compare=False)  # the printed multiplier: 亿, 千万, 百万,
    # 万, 千, or "" (an amount in 元)
    decimals: int = field(default=0, compare=False)  # digits printed after the point

    @property
    def step(self) -> Decimal:
        """The printed precision in 万元: 6.2亿元 is printed to 0.1亿元, 1000 万元."""
        return _IN_WAN.get(self.unit, Decimal(1)) / (Decimal(10) ** self.decimals)


@dataclass(frozen=True, slots=True)
class Count:
    """A number of things: directions, partners, tasks or projects (min/max for ranges)."""

    of: str  # directions | partners | tasks | projects | subset
    min: int | None
    max: int | None
    cap: bool = False
    approx: bool = False


@dataclass(frozen=True, slots=True)
class Duration:
    """A project duration in years (``2～3年``) or a period of calendar years (``2021-2023年``)."""

    min_years: int | None = None
    max_years: int | None = None
    cap: bool = False
    from_year: int | None = None
    to_year: int | None = None


@dataclass(frozen=True, slots=True)
class Phone:
    """A phone number as printed."""

    number: str


@dataclass(frozen=True, slots=True)
class Email:
    """An e-mail address."""

    address: str


@dataclass(frozen=True, slots=True)
class Link:
    """A printed URL; ``href`` is repaired (full-width colon, split lines), the text is not."""

    href: str


@dataclass(frozen=True, slots=True)
class Agreement:
    """A cooperation agreement, one 《…》 title."""

    title: str

    @classmethod
    def from_printed(cls, printed: str) -> Agreement:
        """The agreement a printed 《…》 names, canonical: spacing folded, ``（`` is ``(``."""
        inner = printed[1:-1] if printed.startswith("《") and printed.endswith("》") else printed
        return cls(canonical(inner))


@dataclass(frozen=True, slots=True)
class Contact:
    """A person to contact: name, organisation, phones, e-mail and web site, where printed."""

    name: str | None
    org: str | None
    phones: tuple[str, ...]
    email: str | None
    web: str | None


Value = Money | Count | Duration | Phone | Email | Link | Agreement | Contact


@dataclass(frozen=True, slots=True)
class Span:
    """A typed value over ``text[start:end]`` of a Block. Spans nest (a Contact holds its Email)."""

    start: int
    end: int
    value: Value


# ---------------------------------------------------------------- structure


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of body text with its markup and provenance."""

    text: str
    source: Source
    spans: tuple[Span, ...] = ()

    def values(self, kind: type | None = None) -> list[Value]:
        return [s.value for s in self.spans if kind is None or isinstance(s.value, kind)]


@dataclass(frozen=True, slots=True)
class Item:
    """A list entry (``（1）智慧城市；``), possibly with sub-fields (研究内容) and nested items."""

    marker: str
    style: str  # cn-paren | digit-dot | digit-paren | digit-half-paren | dash
    paras: tuple[Block, ...]
    source: Source
    fields: tuple[Field, ...] = ()
    children: tuple[Item, ...] = ()

    def blocks(self) -> Iterator[Block]:
        yield from self.paras
        for f in self.fields:
            yield from f.blocks()
        for c in self.children:
            yield from c.blocks()


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled clause of a direction (``共拟支持经费：…``); unknown labels get name ``other``."""

    name: str
    label: str  # the label without its colon, e.g. 共拟支持经费
    label_text: str  # the label as printed, e.g. 共拟支持经费：
    paras: tuple[Block, ...]
    source: Source
    items: tuple[Item, ...] = ()

    @property
    def key(self) -> str:
        """What matches a field across versions: its name, or its label for unknown labels."""
        return f"other:{self.label}" if self.name == "other" else self.name

    def blocks(self) -> Iterator[Block]:
        yield from self.paras
        for it in self.items:
            yield from it.blocks()


_CN_ORDINAL = "一二三四五六七八九十"


def occurrence_id(printed: str, n: int) -> str:
    """The id of the ``n``-th direction printed with one number: the first keeps it, a second
    is told apart by a mark (a duplicated number is a drafting slip: 2.4 and 2.4（第二处）)."""
    if n <= 1:
        return printed
    word = _CN_ORDINAL[n - 1] if n <= 10 else str(n)
    return f"{printed}（第{word}处）"


def printed_id(did: str) -> str:
    """The number a direction's id was printed with (2.4（第二处） was printed 2.4)."""
    return did.split("（", 1)[0]


def id_key(did: str) -> tuple[int, ...]:
    """The order of a direction id: its printed numbers, then which occurrence it is."""
    printed = printed_id(did)
    base = tuple(int(x) for x in re.findall(r"\d+", printed))
    mark = did[len(printed):]  # （第二处）, or nothing
    word = mark[2:-2] if mark.startswith("（第") and mark.endswith("处）") else ""
    n = _CN_ORDINAL.index(word) + 1 if word in _CN_ORDINAL else int(word) if word.isdigit() \
        else 1
    return (*base, n - 1)


@dataclass(frozen=True, slots=True)
class Direction:
    """One direction (指南方向): its printed number, title, fields and source."""

    id: str  # as printed: "1.1", "2.0"; a second direction printed 2.4 is 2.4（第二处）
    title: Block
    fields: tuple[Field, ...]
    source: Source

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def field_by_key(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    def blocks(self) -> Iterator[Block]:
        yield self.title
        for f in self.fields:
            yield from f.blocks()


@dataclass(frozen=True, slots=True)
class Part:
    """A part of the document (一、总体目标): its kind, heading, own paragraphs and directions."""

    kind: str  # goals | directions | other
    heading: Block | None
    paras: tuple[Block, ...]
    source: Source
    directions: tuple[Direction, ...] = ()

    def blocks(self) -> Iterator[Block]:
        if self.heading is not None:
            yield self.heading
        yield from self.paras
        for d in self.directions:
            yield from d.blocks()


@dataclass(frozen=True, slots=True)
class Artifact:
    """Text of the input that is not body text: a page number, a dumped link annotation."""

    kind: str  # page-number | link-annotation
    text: str
    line: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class DocMeta:
    """What a document says of itself (or the manifest says of it)."""

    id: str
    title: str
    program: str | None = None
    year: int | None = None
    batch: int | None = None
    stage: str | None = None  # draft | final
    source: str = ""
    date: str | None = None  # ISO date the document prints (成文日期), if it prints one
    sha256: str = ""
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Guideline:
    """A whole guideline: its metadata, front matter, parts and the artifacts cleaning took out."""

    meta: DocMeta
    front: tuple[Block, ...]
    parts: tuple[Part, ...]
    artifacts: tuple[Artifact, ...] = ()

    @cached_property
    def directions(self) -> tuple[Direction, ...]:
        return tuple(d for p in self.parts for d in p.directions)

    @cached_property
    def _by_id(self) -> dict[str, Direction]:
        out: dict[str, Direction] = {}
        for d in self.directions:
            out.setdefault(d.id, d)
        return out

    def direction(self, did: str) -> Direction | None:
        return self._by_id.get(did)

    def blocks(self) -> Iterator[Block]:
        """Every body paragraph in document order."""
        yield from self.front
        for p in self.parts:
            yield from p.blocks()

    @property
    def summary(self) -> Block | None:
        """The paragraph of the directions part that states the totals (设立 N 个指南方向…)."""
        for p in self.parts:
            if p.kind == "directions" and p.paras:
                return p.paras[0]
        return None


@dataclass(frozen=True, slots=True)
class Line:
    """One input line with its provenance.

    ``number`` is what a reader looks up: the line of a text or PDF text layer, the paragraph of
    a DOCX or HTML page (the lines a paragraph is split into at its line breaks share it).
    ``sheet`` counts the pages of the source from 0 (the container's pages, or the pages the
    text's own marks show); ``page`` is the printed page number where it is known.
    """

    number: int
    text: str
    page: int | None
    page_start: bool = False  # a page of the source starts here (or the extractor marked one)
    hard_break: bool = False  # the source marks a paragraph end here (DOCX, HTML)
    sheet: int = 0


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Lines joined by the cleaner into one paragraph. ``starts`` says where each source line
    begins in ``text``: (offset, line, page), in order."""

    text: str
    source: Source
    starts: tuple[tuple[int, int, int | None], ...] = ()

    def source_of(self, start: int, end: int) -> Source:
        """The lines and page of ``text[start:end]``."""
        if not self.starts:
            return self.source
        first = last = self.starts[0]
        for s in self.starts:
            if s[0] <= start:
                first = s
            if s[0] < max(end, start + 1):
                last = s
        return Source(first[1], max(first[1], last[1]), first[2])

    def split(self, cuts: list[int]) -> list[Paragraph]:
        """The paragraph cut before each offset of ``cuts`` (nothing is lost)."""
        bounds = [0, *cuts, len(self.text)]
        out = []
        for a, b in itertools.pairwise(bounds):
            starts = tuple((o - a, ln, pg) for o, ln, pg in self.starts if a <= o < b)
            src = self.source_of(a, b)
            if not starts or starts[0][0] > 0:
                starts = ((0, src.line, src.page), *starts)
            out.append(Paragraph(self.text[a:b], src, starts))
        return out
