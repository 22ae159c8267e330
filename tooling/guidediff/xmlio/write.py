"""Writing the corpus XML through lxml: the model as elements (mixed content: text with typed
values as inline elements), streamed by ``etree.xmlfile`` a piece at a time and laid out as
libxml2 pretty prints a tree, so that the bytes are the same as a whole tree's.

The layout: an element whose children are all elements has each on its own line, indented two
spaces a level (at most 30 levels, as libxml2); an element holding text (mixed content) is
written inline; an element with no content closes itself, unless it holds text (``<p></p>``).
lxml escapes every text and attribute. Every piece written is parsed back (``Writer``) and
validated against the schema, so the bytes, not a model of them, are what is checked.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from lxml import etree

from ..model import (
    Agreement,
    Artifact,
    Block,
    Contact,
    Count,
    Direction,
    DocMeta,
    Duration,
    Email,
    Field,
    Guideline,
    Item,
    Link,
    Money,
    Part,
    Phone,
    Source,
    Span,
    Value,
)
from ..text import heading_number_end
from .read import artifacts_in, element_text
from .schema import validate, validate_direction

_MAX_LEVEL = 30  # libxml2 indents no deeper
_BREAKS = tuple("\n" + "  " * min(k, _MAX_LEVEL) for k in range(_MAX_LEVEL + 2))


def _break(level: int) -> str:
    """The whitespace before an element at ``level`` in an element-only parent."""
    return _BREAKS[min(level, _MAX_LEVEL)]


# ---------------------------------------------------------------- the model as elements


def _num(x: Decimal | int) -> str:
    return format(x, "f") if isinstance(x, Decimal) else str(x)


def _value_tag(v: Value) -> tuple[str, list[tuple[str, str]]]:
    """The element name and attributes (in the order they are written) of a typed value."""
    a: list[tuple[str, str]] = []
    if isinstance(v, Money):
        a.append(("amount-wan", _num(v.amount_wan)))
        a.extend((k, "true") for k, on in (("cap", v.cap), ("approx", v.approx),
                                           ("min", v.minimum)) if on)
        if v.currency != "CNY":
            a.append(("currency", v.currency))
        if v.per:
            a.append(("per", v.per))
        return "money", a
    if isinstance(v, Count):
        a.append(("of", v.of))
        a.extend((k, str(x)) for k, x in (("min", v.min), ("max", v.max)) if x is not None)
        a.extend((k, "true") for k, on in (("cap", v.cap), ("approx", v.approx)) if on)
        return "count", a
    if isinstance(v, Duration):
        a.extend((k, str(y)) for k, y in (("min-years", v.min_years), ("max-years", v.max_years),
                                          ("from-year", v.from_year), ("to-year", v.to_year))
                 if y is not None)
        if v.cap:
            a.append(("cap", "true"))
        return "duration", a
    if isinstance(v, Contact):
        a.extend((k, x) for k, x in (("name", v.name), ("org", v.org), ("email", v.email),
                                     ("web", v.web)) if x)
        if v.phones:
            a.append(("phones", ", ".join(v.phones)))
        return "contact", a
    if isinstance(v, Link):
        return "link", [("href", v.href)]
    if isinstance(v, Email):
        return "email", a
    if isinstance(v, Phone):
        return "phone", a
    if isinstance(v, Agreement):
        return "agreement", a
    raise TypeError(v)  # pragma: no cover - the Value union is closed


def _source(src: Source) -> dict[str, str]:
    a = {"line": str(src.line)}
    if src.end_line != src.line:
        a["end-line"] = str(src.end_line)
    if src.page is not None:
        a["page"] = str(src.page)
    return a


def _mixed(el: etree._Element, text: str, spans: list[Span], start: int, end: int) -> None:
    """``text[start:end]`` as the content of ``el``, each span a (nested) child element."""
    last: etree._Element | None = None
    pos, i = start, 0
    while i < len(spans):
        s = spans[i]
        j = i + 1
        while j < len(spans) and spans[j].start < s.end:
            j += 1
        before = text[pos:s.start]
        if last is None:
            el.text = before
        else:
            last.tail = before or None
        tag, attrs = _value_tag(s.value)
        last = etree.SubElement(el, tag, dict(attrs))
        _mixed(last, text, spans[i + 1:j], s.start, s.end)
        pos, i = s.end, j
    rest = text[pos:end]
    if last is None:
        el.text = rest
    else:
        last.tail = rest or None


def _inline(tag: str, text: str, attrs: dict[str, str] | None = None) -> etree._Element:
    el = etree.Element(tag, attrs or {})
    el.text = text
    return el


def _block(tag: str, b: Block) -> etree._Element:
    el = etree.Element(tag, _source(b.source))
    spans = sorted(b.spans, key=lambda s: (s.start, -s.end)) if b.spans else []
    _mixed(el, b.text, spans, 0, len(b.text))
    return el


def _children(el: etree._Element, level: int, children: Iterable[etree._Element]) -> None:
    """Element children of ``el`` (at ``level``), each on its own line."""
    last = None
    for child in children:
        if last is None:
            el.text = _break(level + 1)
        else:
            last.tail = _break(level + 1)
        el.append(child)
        last = child
    if last is not None:
        last.tail = _break(level)


def _field(f: Field, level: int) -> etree._Element:
    attrs = {"name": f.name, **_source(f.source)}
    if f.label:
        attrs["label"] = f.label
    el = etree.Element("field", attrs)
    parts = [_inline("label", f.label_text)] if f.label else []
    parts += [_block("p", b) for b in f.paras] + [_item(it, level + 1) for it in f.items]
    _children(el, level, parts)
    return el


def _item(it: Item, level: int) -> etree._Element:
    el = etree.Element("item", {"marker": it.marker.strip(), "style": it.style,
                                **_source(it.source)})
    _children(el, level, [_inline("marker", it.marker), *(_block("p", b) for b in it.paras),
                          *(_field(f, level + 1) for f in it.fields),
                          *(_item(c, level + 1) for c in it.children)])
    return el


def direction_element(d: Direction, level: int = 2) -> etree._Element:
    el = etree.Element("direction", {"id": d.id, **_source(d.source)})
    cut = heading_number_end(d.title.text)
    title = _inline("title", "", _source(d.title.source))
    num = etree.SubElement(title, "num")
    num.text = d.title.text[:cut]
    num.tail = d.title.text[cut:] or None
    _children(el, level, [title, *(_field(f, level + 1) for f in d.fields)])
    return el


def _meta(m: DocMeta) -> dict[str, str]:
    a = {"id": m.id, "title": m.title}
    a.update((k, str(x)) for k, x in (("program", m.program), ("year", m.year),
                                      ("batch", m.batch), ("stage", m.stage), ("date", m.date))
             if x is not None)
    a.update(source=m.source, sha256=m.sha256, encoding=m.encoding)
    return a


def _front(blocks: list[Block]) -> etree._Element:
    el = etree.Element("front")
    _children(el, 1, [_block("p", b) for b in blocks])
    return el


def _part_content(part: Part) -> list[etree._Element]:
    """A part's own text: its heading, its summary (the directions part's first paragraph) and
    its paragraphs."""
    out = [_block("heading", part.heading)] if part.heading is not None else []
    out += [_block("summary" if part.kind == "directions" and k == 0 else "p", b)
            for k, b in enumerate(part.paras)]
    return out


def _artifacts(artifacts: list[Artifact]) -> etree._Element:
    el = etree.Element("artifacts")
    items = []
    for a in artifacts:
        attrs = {"kind": a.kind, "line": str(a.line)}
        if a.page is not None:
            attrs["page"] = str(a.page)
        items.append(_inline("artifact", a.text, attrs))
    _children(el, 1, items)
    return el


# ---------------------------------------------------------------- the stream


class ReadBack(Protocol):
    """What a check reads of the bytes written, as they are parsed back: each body element's
    text in document order, and the artifacts."""

    def body(self, text: str) -> None: ...

    def artifacts(self, artifacts: list[Artifact]) -> None: ...


_READ_BACK_TAGS = ("front", "part", "direction", "artifacts")


class Writer:
    """The XML of a guideline written a piece at a time (``head``, then each ``part`` and its
    ``direction``s, then ``end``) through one ``etree.xmlfile``: each call returns its bytes,
    which together are the whole document. The bytes are parsed back as they are made: each
    direction is validated against the schema as it completes (then dropped), the rest of the
    document (root, front, parts' own text, artifacts) at ``end``; ``read_back`` is told each
    body element's text and the artifacts as parsed. A document is never whole in memory."""

    def __init__(self, path: str | Path = "<xml>", read_back: ReadBack | None = None) -> None:
        self.path = path
        self.read_back = read_back
        self.sink = io.BytesIO()
        self.stack = ExitStack()
        self.xf = self.stack.enter_context(etree.xmlfile(self.sink, encoding="UTF-8"))
        self.part_open: ExitStack | None = None  # the open <part> element's context
        self.pending: dict[str, str] | None = None  # a part yet without content: its attributes
        # events for these elements only (the parser itself reads every element, in C)
        self.parser = etree.XMLPullParser(events=("end",), tag=_READ_BACK_TAGS,
                                          resolve_entities=False, no_network=True,
                                          load_dtd=False, huge_tree=True)
        self.part_read: etree._Element | None = None  # the last part whose own text was read

    def head(self, meta: DocMeta, front: Iterable[Block]) -> bytes:
        self.xf.write_declaration()
        self.stack.enter_context(self.xf.element("guideline", _meta(meta)))
        self.xf.write(_break(1))
        self.xf.write(_front(list(front)))
        return self._taken()

    def part(self, part: Part) -> bytes:
        """A part's start and own text (its directions are not written here). A part with no
        text of its own starts with its first direction (or closes itself, having none)."""
        self._close_part()
        attrs = {"kind": part.kind, **_source(part.source)}
        content = _part_content(part)
        if content:
            self._open_part(attrs)
            for el in content:
                self.xf.write(_break(2))
                self.xf.write(el)
        else:
            self.pending = attrs
        return self._taken()

    def direction(self, d: Direction) -> bytes:
        if self.pending is not None:
            self._open_part(self.pending)
        assert self.part_open is not None
        self.xf.write(_break(2))
        self.xf.write(direction_element(d))
        return self._taken()

    def end(self, artifacts: Iterable[Artifact]) -> bytes:
        self._close_part()
        self.xf.write(_break(1))
        self.xf.write(_artifacts(list(artifacts)))
        self.xf.write(_break(0))
        self.stack.close()  # </guideline>, and the stream
        data = self._taken(closed=True) + b"\n\n"
        self._feed(b"\n\n")
        shell = self.parser.close()  # the document without its directions
        validate(shell, self.path)
        return data

    # ------------------------------------------------------------ parts

    def _open_part(self, attrs: dict[str, str]) -> None:
        self.xf.write(_break(1))
        self.part_open = ExitStack()
        self.part_open.enter_context(self.xf.element("part", attrs))
        self.pending = None

    def _close_part(self) -> None:
        if self.pending is not None:
            self.xf.write(_break(1))
            self.xf.write(etree.Element("part", self.pending))
            self.pending = None
        elif self.part_open is not None:
            self.xf.write(_break(1))
            self.part_open.close()
            self.part_open = None

    # ------------------------------------------------------------ the bytes, parsed back

    def _taken(self, closed: bool = False) -> bytes:
        """The bytes written since the last piece (parsed back as they go)."""
        if not closed:
            self.xf.flush()
        data = self.sink.getvalue()
        self.sink.seek(0)
        self.sink.truncate()
        self._feed(data)
        return data

    def _feed(self, data: bytes) -> None:
        self.parser.feed(data)
        for _, el in self.parser.read_events():
            assert isinstance(el, etree._Element)  # ("end" events: elements)
            if el.tag == "front":
                self._read_children(el)
            elif el.tag == "direction":
                part = el.getparent()
                assert part is not None
                self._read_part(part)
                validate_direction(el, self.path)
                if self.read_back is not None:
                    self.read_back.body(element_text(el))
                part.remove(el)  # (validated and read: the shell keeps the rest)
            elif el.tag == "part":
                self._read_part(el)
            elif el.tag == "artifacts" and self.read_back is not None:
                self.read_back.artifacts(artifacts_in(el))

    def _read_children(self, parent: etree._Element) -> None:
        """Read back each body child of ``parent`` (not a direction: those come alone)."""
        if self.read_back is not None:
            for child in parent:
                if child.tag != "direction":
                    self.read_back.body(element_text(child))

    def _read_part(self, part: etree._Element) -> None:
        """A part's own text (heading, summary, paragraphs), once, before its directions'."""
        if self.part_read is not part:
            self.part_read = part
            self._read_children(part)


def pieces(g: Guideline, w: Writer) -> Iterator[bytes]:
    """The document's XML, piece by piece, through ``w``."""
    yield w.head(g.meta, g.front)
    for part in g.parts:
        yield w.part(part)
        yield from (w.direction(d) for d in part.directions)
    yield w.end(g.artifacts)


def to_bytes(g: Guideline) -> bytes:
    """The whole document's XML (``Writer`` over the model)."""
    return b"".join(pieces(g, Writer(g.meta.source)))
