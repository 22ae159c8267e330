"""The document a proofreader reads: its model, each paragraph with the direction and clause it
belongs to (``Spot``), and its source lines, to say on which line of a paragraph a slip is."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..model import Block, Direction, Field, Guideline, Item
from ..read.raw import DEFAULT_MAX_BYTES, RawText
from .model import Place

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Spot:
    """A paragraph of body text where it stands: its direction, its field and its item."""

    block: Block
    direction: Direction | None = None
    field: Field | None = None
    item: Item | None = None
    part: str = ""  # the kind of the part it is in (goals, directions, other), "" the front

    @property
    def clause(self) -> str | None:
        """The clause a reader looks it up by: the field's label, with the item's marker."""
        if self.field is None:
            return None
        marker = self.item.marker.strip() if self.item is not None else ""
        return f"{self.field.label}{marker}"


def _item_spots(it: Item, d: Direction, f: Field, part: str) -> Iterator[Spot]:
    for b in it.paras:
        yield Spot(b, d, f, it, part)
    for sub in it.fields:
        for b in sub.blocks():
            yield Spot(b, d, sub, it, part)
    for c in it.children:
        yield from _item_spots(c, d, f, part)


def direction_spots(d: Direction, part: str = "directions") -> Iterator[Spot]:
    yield Spot(d.title, d, None, None, part)
    for f in d.fields:
        for b in f.paras:
            yield Spot(b, d, f, None, part)
        for it in f.items:
            yield from _item_spots(it, d, f, part)


@dataclass
class Document:
    """A guideline read for proofreading: its model, its source lines (None for normalized
    XML, which keeps no source), and the warnings reading gave."""

    path: str
    guideline: Guideline
    raw: RawText | None
    warnings: tuple[str, ...] = ()
    # each paragraph's lines as _line_of reads them, made once per paragraph (a long paragraph
    # with many findings is read once, not once per finding)
    _paragraphs: dict[tuple[int, int, str], _Lines] = field(default_factory=dict, repr=False)

    @property
    def kind(self) -> str:
        return self.raw.encoding if self.raw is not None else "xml"

    def spots(self) -> Iterator[Spot]:
        """Every body paragraph in document order, with where it stands."""
        g = self.guideline
        for b in g.front:
            yield Spot(b)
        for p in g.parts:
            if p.heading is not None:
                yield Spot(p.heading, part=p.kind)
            for b in p.paras:
                yield Spot(b, part=p.kind)
            for d in p.directions:
                yield from direction_spots(d, p.kind)

    @cached_property
    def _by_number(self) -> dict[int, list[tuple[str, int | None]]]:
        out: dict[int, list[tuple[str, int | None]]] = {}
        if self.raw is not None:
            for ln in self.raw.lines:
                out.setdefault(ln.number, []).append((ln.text, ln.page))
        return out

    def place(self, spot: Spot, start: int = 0) -> Place:
        """The place of ``spot.block.text[start:]``: the source line it begins on."""
        b = spot.block
        line, page = self._line_of(b, start)
        return Place(line, page, spot.direction.id if spot.direction else None, spot.clause)

    def _line_of(self, b: Block, start: int) -> tuple[int, int | None]:
        src = b.source
        if start <= 0 or src.end_line <= src.line or not self._by_number:
            return src.line, src.page
        lines = self._lines_of(b)
        # the slip's text is looked up in the paragraph's lines without spaces: where the
        # paragraph is its lines (as it is but where reading mended a line), at that place
        # itself; else the occurrence nearest to it within 2,000 characters (else the
        # paragraph's first line)
        before = lines.before[min(start, len(b.text))]
        needle = lines.text[before:before + 10]
        if not needle:
            return src.line, src.page
        if lines.joined.startswith(needle, before):
            return lines.owner[before]
        window = 2000  # a mended paragraph is near its lines: look around, not everywhere
        lo = max(0, before - window)
        hits = [lo + m.start() for m in re.finditer(re.escape(needle),
                                                    lines.joined[lo:before + window])]
        if not hits:
            return src.line, src.page
        at = min(hits, key=lambda h: abs(h - before))
        return lines.owner[at]

    def _lines_of(self, b: Block) -> _Lines:
        key = (b.source.line, b.source.end_line, b.text)
        found = self._paragraphs.get(key)
        if found is None:
            chars: list[str] = []
            owner: list[tuple[int, int | None]] = []
            for n in range(b.source.line, b.source.end_line + 1):
                for text, page in self._by_number.get(n, ()):
                    for ch in _SPACE.sub("", text):
                        chars.append(ch)
                        owner.append((n, page))
            before = [0]
            for ch in b.text:
                before.append(before[-1] + (not ch.isspace()))
            found = self._paragraphs[key] = _Lines("".join(chars), owner,
                                                   _SPACE.sub("", b.text), before)
        return found


@dataclass(frozen=True)
class _Lines:
    """A paragraph's source lines without spaces (``joined``, each character's line and page in
    ``owner``), its text without spaces, and how many of its characters before each position
    are not spaces."""

    joined: str
    owner: list[tuple[int, int | None]]
    text: str
    before: list[int]


def read_document(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES,
                  warn: Callable[[str], None] | None = None) -> Document:
    """A guideline text, PDF, DOCX or HTML page, or normalized XML, read for proofreading."""
    from ..read.raw import read_bytes

    return document_of(read_bytes(Path(path), max_bytes), path, warn)


def document_of(data: bytes, path: str | Path, warn: Callable[[str], None] | None = None
                ) -> Document:
    """The document of bytes already read, named ``path`` (in its messages and findings)."""
    from ..read.detect import detect
    from ..read.ingest import ingest_bytes

    p = Path(path)
    if data and detect(data, p) == "xml":
        from .. import xmlio
        from ..normalize.structure import structure_warnings

        g = xmlio.parse_xml(data, p)
        doc = Document(str(path), g, None, tuple(f"{p}: {w}" for w in structure_warnings(g)))
    else:
        from ..normalize.pipeline import normalize_raw

        n = normalize_raw(ingest_bytes(data, p))
        doc = Document(str(path), n.guideline, n.raw, n.warnings)
    if warn is not None:
        for w in doc.warnings:
            warn(w)
    return doc
