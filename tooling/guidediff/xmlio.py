"""Stage 5: the corpus XML. The only module that knows element and attribute names.

Writing: model → XML text a piece at a time (``Writer``: mixed content, text with typed values
as inline elements), parsed back and validated against the RELAX NG schema shipped in
``schema/guideline.rng``. Reading: a safe parser (no DTD,
no entities, no network), schema validation, then the tree back into the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NoReturn

from lxml import etree

from .errors import InputError, SchemaError, StructureError
from .files import DEFAULT_MAX_BYTES, read_file
from .model import (
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
from .text import ascii_view, heading_number_end, printed_unit


def safe_parser() -> etree.XMLParser:
    """No entity is resolved, no DTD loaded, nothing fetched (a DOCTYPE is refused before
    parsing, ``refuse_doctype``); ``huge_tree`` lets a paragraph be longer than libxml2's 10 MB
    text-node limit (the input's size is bounded by --max-bytes)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=True, remove_blank_text=False)


def _has_doctype(data: bytes) -> bool:
    """Does the prolog (before the root element) hold a DOCTYPE? One pass over it."""
    pos = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while pos < len(data):
        if data[pos:pos + 1].isspace():
            pos += 1
        elif data.startswith(b"<?", pos):
            end = data.find(b"?>", pos + 2)
            pos = len(data) if end < 0 else end + 2
        elif data.startswith(b"<!--", pos):
            end = data.find(b"-->", pos + 4)
            pos = len(data) if end < 0 else end + 3
        else:
            return data[pos:pos + 9].upper() == b"<!DOCTYPE"
    return False


def refuse_doctype(data: bytes, path: str | Path) -> None:
    """An XML input with a DOCTYPE is refused before it is parsed: guidediff XML has none, and
    a DTD is how entity expansion (billion laughs) and external entities (XXE) get in."""
    if _has_doctype(data):
        raise InputError("refused: the XML has a DOCTYPE/DTD (entities are never resolved)", path)


def _grammar() -> etree._Element:
    """The schema shipped in the package, parsed (a new tree each call)."""
    ref = resources.files("guidediff") / "schema" / "guideline.rng"
    return etree.fromstring(ref.read_bytes(), safe_parser())


@cache
def _relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(_grammar())


def validate(root: etree._Element, path: str | Path = "<xml>") -> None:
    schema = _relaxng()
    if not schema.validate(root):
        _schema_error(schema, path)


def _schema_error(schema: etree.RelaxNG, path: str | Path) -> NoReturn:
    err = schema.error_log.last_error
    raise SchemaError(f"does not match the guideline schema: {err.message if err else '?'}",
                      path, err.line if err else None)


# ---------------------------------------------------------------- writing
#
# The XML is written as text, element by element, exactly as libxml2 pretty prints a tree: an
# element whose children are all elements puts each on its own line, indented two spaces a
# level (at most 30 levels); an element holding text (mixed content) is written inline; an
# element with no content closes itself. Every chunk written is parsed back (``Writer``) and
# validated against the schema, so the bytes, not a model of them, are what is checked.

_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t]')
_MAX_LEVEL = 30  # libxml2 indents no deeper
_INDENTS = tuple("  " * min(k, _MAX_LEVEL) for k in range(_MAX_LEVEL + 1))


def _esc(text: str) -> str:
    if _TEXT_SPECIAL.search(text) is None:  # (most text: one scan, no copy)
        return text
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _esc_attr(value: str) -> str:
    if _ATTR_SPECIAL.search(value) is None:
        return value
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
            .replace("\t", "&#9;"))


def _attrs(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join([f' {k}="{_esc_attr(v)}"' for k, v in pairs])


def _attr(name: str, value: str) -> str:
    return f' {name}="{_esc_attr(value)}"'


def _indent(level: int) -> str:
    return _INDENTS[min(level, _MAX_LEVEL)]


class _Out:
    """Text of an XML fragment being written; ``level`` is the depth of the element written
    next in its element-only parent."""

    __slots__ = ("parts",)

    def __init__(self) -> None:
        self.parts: list[str] = []

    def inline(self, level: int, tag: str, attrs: str, content: str) -> None:
        """An element holding text, on its own line (its content already escaped)."""
        self.parts.append(f"{_indent(level)}<{tag}{attrs}>{content}</{tag}>\n")

    def open(self, level: int, tag: str, attrs: str) -> None:
        self.parts.append(f"{_indent(level)}<{tag}{attrs}>\n")

    def close(self, level: int, tag: str) -> None:
        self.parts.append(f"{_indent(level)}</{tag}>\n")

    def empty(self, level: int, tag: str, attrs: str) -> None:
        self.parts.append(f"{_indent(level)}<{tag}{attrs}/>\n")

    def bytes(self) -> bytes:
        return "".join(self.parts).encode("utf-8")


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


def _mixed(text: str, spans: list[Span], start: int, end: int) -> str:
    """``text[start:end]`` as mixed content, with nested span elements (escaped)."""
    if not spans:
        return _esc(text[start:end])
    out: list[str] = []
    pos, i = start, 0
    while i < len(spans):
        s = spans[i]
        j = i + 1
        while j < len(spans) and spans[j].start < s.end:
            j += 1
        out.append(_esc(text[pos:s.start]))
        tag, attrs = _value_tag(s.value)
        out.append(f"<{tag}{_attrs(attrs)}>{_mixed(text, spans[i + 1:j], s.start, s.end)}"
                   f"</{tag}>")
        pos, i = s.end, j
    out.append(_esc(text[pos:end]))
    return "".join(out)


def _src(src: Source) -> str:
    """A source's attributes, written (numbers: nothing to escape)."""
    a = f' line="{src.line}"'
    if src.end_line != src.line:
        a += f' end-line="{src.end_line}"'
    if src.page is not None:
        a += f' page="{src.page}"'
    return a


def _p(out: _Out, level: int, tag: str, b: Block) -> None:
    if b.spans:
        content = _mixed(b.text, sorted(b.spans, key=lambda s: (s.start, -s.end)), 0,
                         len(b.text))
    else:
        content = _esc(b.text)
    out.inline(level, tag, _src(b.source), content)


def _field(out: _Out, level: int, f: Field) -> None:
    a = _attr("name", f.name) + _src(f.source)
    if f.label:
        a += _attr("label", f.label)
    if not (f.label or f.paras or f.items):
        out.empty(level, "field", a)
        return
    out.open(level, "field", a)
    if f.label:
        out.inline(level + 1, "label", "", _esc(f.label_text))
    for b in f.paras:
        _p(out, level + 1, "p", b)
    for it in f.items:
        _item(out, level + 1, it)
    out.close(level, "field")


def _item(out: _Out, level: int, it: Item) -> None:
    out.open(level, "item", _attr("marker", it.marker.strip()) + _attr("style", it.style)
             + _src(it.source))
    out.inline(level + 1, "marker", "", _esc(it.marker))
    for b in it.paras:
        _p(out, level + 1, "p", b)
    for f in it.fields:
        _field(out, level + 1, f)
    for c in it.children:
        _item(out, level + 1, c)
    out.close(level, "item")


def _direction(out: _Out, level: int, d: Direction) -> None:
    out.open(level, "direction", _attr("id", d.id) + _src(d.source))
    cut = heading_number_end(d.title.text)
    out.inline(level + 1, "title", _src(d.title.source),
               f"<num>{_esc(d.title.text[:cut])}</num>{_esc(d.title.text[cut:])}")
    for f in d.fields:
        _field(out, level + 1, f)
    out.close(level, "direction")


def _meta_attrs(m: DocMeta) -> str:
    a = [("id", m.id), ("title", m.title)]
    a.extend((k, str(x)) for k, x in (("program", m.program), ("year", m.year),
                                      ("batch", m.batch), ("stage", m.stage), ("date", m.date))
             if x is not None)
    a.extend((("source", m.source), ("sha256", m.sha256), ("encoding", m.encoding)))
    return _attrs(a)


@cache
def _direction_relaxng() -> etree.RelaxNG:
    """The schema with a direction as its start: one direction is checked as the whole
    document would check it."""
    grammar = _grammar()
    ns = "{http://relaxng.org/ns/structure/1.0}"
    start = grammar.find(f"{ns}start")
    assert start is not None
    start[:] = [etree.Element(f"{ns}ref", name="direction")]
    return etree.RelaxNG(grammar)


ReadBack = Callable[[etree._Element], None]
_READ_BACK_TAGS = ("front", "part", "direction", "artifacts")


class Writer:
    """The XML of a guideline written a piece at a time (``head``, then each ``part`` and its
    ``direction``s, then ``end``): each call returns its bytes, which together are the whole
    document. The bytes are parsed back as they are made: each direction is validated against
    the schema as it completes (then dropped), the rest of the document (root, front, parts'
    own text, artifacts) at ``end``; ``read_back`` sees each body element (a child of front or
    of a part) and the artifacts element as parsed. A document is never whole in memory."""

    def __init__(self, path: str | Path = "<xml>", read_back: ReadBack | None = None) -> None:
        self.path = path
        self.read_back = read_back
        # events for these elements only (the parser itself reads every element, in C)
        self.parser = etree.XMLPullParser(events=("end",), tag=_READ_BACK_TAGS,
                                          resolve_entities=False, no_network=True,
                                          load_dtd=False, huge_tree=True)
        self.part_read: etree._Element | None = None  # the last part whose own text was read
        self.open_part = False
        self.empty_part: str | None = None  # the attributes of a part yet without content

    def head(self, meta: DocMeta, front: Iterable[Block]) -> bytes:
        out = _Out()
        out.parts.append("<?xml version='1.0' encoding='UTF-8'?>\n")
        out.open(0, "guideline", _meta_attrs(meta))
        blocks = list(front)
        if blocks:
            out.open(1, "front", "")
            for b in blocks:
                _p(out, 2, "p", b)
            out.close(1, "front")
        else:
            out.empty(1, "front", "")
        return self._feed(out)

    def part(self, part: Part) -> bytes:
        """A part's start and own text (its directions are not written here). A part with no
        text of its own starts with its first direction (or closes itself, having none)."""
        out = _Out()
        self._close_part(out)
        attrs = _attr("kind", part.kind) + _src(part.source)
        self.open_part = True
        if part.heading is None and not part.paras:
            self.empty_part = attrs
            return self._feed(out)
        out.open(1, "part", attrs)
        if part.heading is not None:
            _p(out, 2, "heading", part.heading)
        for k, b in enumerate(part.paras):
            _p(out, 2, "summary" if part.kind == "directions" and k == 0 else "p", b)
        return self._feed(out)

    def direction(self, d: Direction) -> bytes:
        assert self.open_part
        out = _Out()
        if self.empty_part is not None:
            out.open(1, "part", self.empty_part)
            self.empty_part = None
        _direction(out, 2, d)
        return self._feed(out)

    def end(self, artifacts: Iterable[Artifact]) -> bytes:
        out = _Out()
        self._close_part(out)
        arts = list(artifacts)
        if arts:
            out.open(1, "artifacts", "")
            for a in arts:
                attrs = [("kind", a.kind), ("line", str(a.line))]
                if a.page is not None:
                    attrs.append(("page", str(a.page)))
                out.inline(2, "artifact", _attrs(attrs), _esc(a.text))
            out.close(1, "artifacts")
        else:
            out.empty(1, "artifacts", "")
        out.close(0, "guideline")
        out.parts.append("\n")
        data = self._feed(out)
        shell = self.parser.close()  # the document without its directions
        validate(shell, self.path)
        return data

    def _close_part(self, out: _Out) -> None:
        if self.empty_part is not None:
            out.empty(1, "part", self.empty_part)
        elif self.open_part:
            out.close(1, "part")
        self.open_part, self.empty_part = False, None

    def _feed(self, out: _Out) -> bytes:
        data = out.bytes()
        self.parser.feed(data)
        for _, el in self.parser.read_events():
            assert isinstance(el, etree._Element)  # ("end" events: elements)
            if el.tag == "front":
                self._read_children(el)
            elif el.tag == "direction":
                part = el.getparent()
                assert part is not None
                self._read_part(part)
                schema = _direction_relaxng()
                if not schema.validate(el):
                    _schema_error(schema, self.path)
                if self.read_back is not None:
                    self.read_back(el)
                part.remove(el)  # (validated and read: the shell keeps the rest)
            elif el.tag == "part":
                self._read_part(el)
            elif el.tag == "artifacts" and self.read_back is not None:
                self.read_back(el)
        return data

    def _read_children(self, parent: etree._Element) -> None:
        """``read_back`` each body child of ``parent`` (not a direction: those come alone)."""
        if self.read_back is not None:
            for child in parent:
                if child.tag != "direction":
                    self.read_back(child)

    def _read_part(self, part: etree._Element) -> None:
        """A part's own text (heading, summary, paragraphs), once, before its directions'."""
        if self.part_read is not part:
            self.part_read = part
            self._read_children(part)


def to_bytes(g: Guideline) -> bytes:
    """The whole document's XML (``Writer`` over the model)."""
    w = Writer(g.meta.source)
    chunks = [w.head(g.meta, g.front)]
    for part in g.parts:
        chunks.append(w.part(part))
        chunks.extend(w.direction(d) for d in part.directions)
    chunks.append(w.end(g.artifacts))
    return b"".join(chunks)


# ---------------------------------------------------------------- reading


def _get_bool(el: etree._Element, name: str) -> bool:
    return el.get(name) == "true"


def _get_int(el: etree._Element, name: str) -> int | None:
    v = el.get(name)
    return int(v) if v is not None else None


def _value_of(el: etree._Element, text: str) -> Value:
    tag = el.tag
    if tag == "money":
        unit, decimals = printed_unit(text)  # (how it is printed: the element's own text)
        return Money(Decimal(el.get("amount-wan", "0")), _get_bool(el, "cap"),
                     _get_bool(el, "approx"), _get_bool(el, "min"), el.get("currency", "CNY"),
                     el.get("per"), unit, decimals)
    if tag == "count":
        return Count(el.get("of", "projects"), _get_int(el, "min"), _get_int(el, "max"),
                     _get_bool(el, "cap"), _get_bool(el, "approx"))
    if tag == "duration":
        return Duration(_get_int(el, "min-years"), _get_int(el, "max-years"),
                        _get_bool(el, "cap"), _get_int(el, "from-year"), _get_int(el, "to-year"))
    if tag == "contact":
        phones = tuple(p for p in (el.get("phones") or "").split(", ") if p)
        return Contact(el.get("name"), el.get("org"), phones, el.get("email"), el.get("web"))
    if tag == "link":
        return Link(el.get("href", ""))
    if tag == "email":
        return Email(ascii_view(text))
    if tag == "phone":
        return Phone(ascii_view(text))
    return Agreement.from_printed(text)


def _read_mixed(el: etree._Element) -> tuple[str, list[Span]]:
    parts: list[str] = [el.text or ""]
    spans: list[Span] = []
    pos = len(parts[0])
    for child in el:
        inner, inner_spans = _read_mixed(child)
        spans.append(Span(pos, pos + len(inner), _value_of(child, inner)))
        spans.extend(Span(s.start + pos, s.end + pos, s.value) for s in inner_spans)
        pos += len(inner)
        parts.append(inner)
        tail = child.tail or ""
        parts.append(tail)
        pos += len(tail)
    return "".join(parts), spans


def _source_of(el: etree._Element) -> Source:
    line = int(el.get("line", "0"))
    return Source(line, int(el.get("end-line", line)), _get_int(el, "page"))


def _block_of(el: etree._Element) -> Block:
    text, spans = _read_mixed(el)
    return Block(text, _source_of(el), tuple(spans))


def _field_of(el: etree._Element) -> Field:
    lab = el.find("label")
    return Field(el.get("name", "other"), el.get("label", ""),
                 lab.text or "" if lab is not None else "",
                 tuple(_block_of(p) for p in el.findall("p")), _source_of(el),
                 tuple(_item_of(i) for i in el.findall("item")))


def _item_of(el: etree._Element) -> Item:
    mk = el.find("marker")
    return Item(mk.text or "" if mk is not None else "", el.get("style", ""),
                tuple(_block_of(p) for p in el.findall("p")), _source_of(el),
                tuple(_field_of(f) for f in el.findall("field")),
                tuple(_item_of(c) for c in el.findall("item")))


def _direction_of(el: etree._Element) -> Direction:
    t = el.find("title")
    assert t is not None
    num = t.find("num")
    text = (t.text or "") + (num.text or "") + (num.tail or "") if num is not None else t.text
    title = Block(text or "", _source_of(t))
    return Direction(el.get("id", ""), title, tuple(_field_of(f) for f in el.findall("field")),
                     _source_of(el))


def from_element(root: etree._Element) -> Guideline:
    meta = DocMeta(id=root.get("id", ""), title=root.get("title", ""),
                   program=root.get("program"), year=_get_int(root, "year"),
                   batch=_get_int(root, "batch"), stage=root.get("stage"),
                   source=root.get("source", ""), sha256=root.get("sha256", ""),
                   encoding=root.get("encoding", "utf-8"), date=root.get("date"))
    front_el = root.find("front")
    front = tuple(_block_of(p) for p in front_el) if front_el is not None else ()
    parts = []
    for pel in root.findall("part"):
        heading = pel.find("heading")
        paras = tuple(_block_of(p) for p in pel if p.tag in ("summary", "p"))
        parts.append(Part(pel.get("kind", "other"),
                          _block_of(heading) if heading is not None else None, paras,
                          _source_of(pel), tuple(_direction_of(d)
                                                 for d in pel.findall("direction"))))
    arts = tuple(Artifact(a.get("kind", ""), a.text or "", int(a.get("line", "0")),
                          _get_int(a, "page")) for a in root.iterfind("artifacts/artifact"))
    return Guideline(meta, front, tuple(parts), arts)


def parse_xml(data: bytes, path: str | Path) -> Guideline:
    """A guideline from the bytes of guidediff XML: safely parsed (no DTD, no entity, nothing
    fetched), validated against the schema, each direction id once."""
    refuse_doctype(data, path)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as e:
        raise InputError(f"is not well-formed XML: {e.msg}", path, e.lineno) from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.system_url or docinfo.public_id:
        raise InputError("refused: the XML has a DOCTYPE/DTD (entities are never resolved)", path)
    if root.tag != "guideline":
        raise InputError(f"is XML but not a guidediff guideline (root element <{root.tag}>)",
                         path)
    validate(root, path)
    seen: dict[str, str | None] = {}
    for d in root.iter("direction"):
        did = d.get("id", "")
        if did in seen:
            raise StructureError(f"direction {did} appears twice (lines {seen[did]} and "
                                 f"{d.get('line')})", path)
        seen[did] = d.get("line")
    return from_element(root)


def read_xml(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Guideline:
    return parse_xml(read_file(path, max_bytes), path)


def body_text(root: etree._Element) -> str:
    """All body text of a guideline document in order (everything but the artifacts)."""
    return "".join(str(t) for el in root if el.tag != "artifacts" for t in el.itertext())
