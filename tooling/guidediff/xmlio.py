"""Stage 5: the corpus XML. The only module that knows element and attribute names.

Writing: model → lxml tree (mixed content: text with typed values as inline elements), validated
against the RELAX NG schema shipped in ``schema/guideline.rng``. Reading: a safe parser (no DTD,
no entities, no network), schema validation, then the tree back into the model.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path

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
from .text import ascii_view, heading_number_end

_E = etree.Element


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


@cache
def _relaxng() -> etree.RelaxNG:
    ref = resources.files("guidediff") / "schema" / "guideline.rng"
    return etree.RelaxNG(etree.fromstring(ref.read_bytes(), safe_parser()))


def validate(root: etree._Element, path: str | Path = "<xml>") -> None:
    schema = _relaxng()
    if not schema.validate(root):
        err = schema.error_log.last_error
        raise SchemaError(f"does not match the guideline schema: {err.message if err else '?'}",
                          path, err.line if err else None)


# ---------------------------------------------------------------- writing


def _bool(el: etree._Element, name: str, flag: bool) -> None:
    if flag:
        el.set(name, "true")


def _num(x: Decimal | int) -> str:
    return format(x, "f") if isinstance(x, Decimal) else str(x)


def _value_element(v: Value) -> etree._Element:
    if isinstance(v, Money):
        el = _E("money", {"amount-wan": _num(v.amount_wan)})
        _bool(el, "cap", v.cap)
        _bool(el, "approx", v.approx)
        _bool(el, "min", v.minimum)
        if v.currency != "CNY":
            el.set("currency", v.currency)
        if v.per:
            el.set("per", v.per)
    elif isinstance(v, Count):
        el = _E("count", {"of": v.of})
        for name, x in (("min", v.min), ("max", v.max)):
            if x is not None:
                el.set(name, str(x))
        _bool(el, "cap", v.cap)
        _bool(el, "approx", v.approx)
    elif isinstance(v, Duration):
        el = _E("duration")
        for name, y in (("min-years", v.min_years), ("max-years", v.max_years),
                        ("from-year", v.from_year), ("to-year", v.to_year)):
            if y is not None:
                el.set(name, str(y))
        _bool(el, "cap", v.cap)
    elif isinstance(v, Contact):
        el = _E("contact")
        for name, s in (("name", v.name), ("org", v.org), ("email", v.email), ("web", v.web)):
            if s:
                el.set(name, s)
        if v.phones:
            el.set("phones", ", ".join(v.phones))
    elif isinstance(v, Link):
        el = _E("link", {"href": v.href})
    elif isinstance(v, Email):
        el = _E("email")
    elif isinstance(v, Phone):
        el = _E("phone")
    elif isinstance(v, Agreement):
        el = _E("agreement")
    else:  # pragma: no cover - the Value union is closed
        raise TypeError(v)
    return el


def _fill(parent: etree._Element, text: str, spans: list[Span], start: int, end: int) -> None:
    """Write ``text[start:end]`` into ``parent`` as mixed content with nested span elements."""
    pos, last = start, None
    i = 0
    while i < len(spans):
        s = spans[i]
        inner = []
        j = i + 1
        while j < len(spans) and spans[j].start < s.end:
            inner.append(spans[j])
            j += 1
        chunk = text[pos:s.start]
        if last is None:
            parent.text = (parent.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        el = _value_element(s.value)
        _fill(el, text, inner, s.start, s.end)
        parent.append(el)
        last, pos, i = el, s.end, j
    chunk = text[pos:end]
    if last is None:
        parent.text = (parent.text or "") + chunk
    else:
        last.tail = (last.tail or "") + chunk


def _src(el: etree._Element, src: Source) -> etree._Element:
    el.set("line", str(src.line))
    if src.end_line != src.line:
        el.set("end-line", str(src.end_line))
    if src.page is not None:
        el.set("page", str(src.page))
    return el


def _p(tag: str, b: Block) -> etree._Element:
    el = _src(_E(tag), b.source)
    _fill(el, b.text, sorted(b.spans, key=lambda s: (s.start, -s.end)), 0, len(b.text))
    return el


def _field_el(f: Field) -> etree._Element:
    el = _src(_E("field", {"name": f.name}), f.source)
    if f.label:
        el.set("label", f.label)
        lab = _E("label")
        lab.text = f.label_text
        el.append(lab)
    el.extend(_p("p", b) for b in f.paras)
    el.extend(_item_el(i) for i in f.items)
    return el


def _item_el(it: Item) -> etree._Element:
    el = _src(_E("item", {"marker": it.marker.strip(), "style": it.style}), it.source)
    mk = _E("marker")
    mk.text = it.marker
    el.append(mk)
    el.extend(_p("p", b) for b in it.paras)
    el.extend(_field_el(f) for f in it.fields)
    el.extend(_item_el(c) for c in it.children)
    return el


def _direction_el(d: Direction) -> etree._Element:
    el = _src(_E("direction", {"id": d.id}), d.source)
    title = _src(_E("title"), d.title.source)
    num = _E("num")
    cut = heading_number_end(d.title.text)
    num.text = d.title.text[:cut]
    num.tail = d.title.text[cut:]
    title.append(num)
    el.append(title)
    el.extend(_field_el(f) for f in d.fields)
    return el


def to_element(g: Guideline) -> etree._Element:
    m = g.meta
    root = _E("guideline", {"id": m.id, "title": m.title})
    for name, val in (("program", m.program), ("year", m.year), ("batch", m.batch),
                      ("stage", m.stage), ("date", m.date)):
        if val is not None:
            root.set(name, str(val))
    root.set("source", m.source)
    root.set("sha256", m.sha256)
    root.set("encoding", m.encoding)
    front = _E("front")
    front.extend(_p("p", b) for b in g.front)
    root.append(front)
    for part in g.parts:
        pel = _src(_E("part", {"kind": part.kind}), part.source)
        if part.heading is not None:
            pel.append(_p("heading", part.heading))
        for k, b in enumerate(part.paras):
            pel.append(_p("summary" if part.kind == "directions" and k == 0 else "p", b))
        pel.extend(_direction_el(d) for d in part.directions)
        root.append(pel)
    arts = _E("artifacts")
    for a in g.artifacts:
        ael = _E("artifact", {"kind": a.kind, "line": str(a.line)})
        if a.page is not None:
            ael.set("page", str(a.page))
        ael.text = a.text
        arts.append(ael)
    root.append(arts)
    return root


def to_bytes(g: Guideline) -> bytes:
    root = to_element(g)
    validate(root, g.meta.source)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True) + b"\n"


# ---------------------------------------------------------------- reading


def _get_bool(el: etree._Element, name: str) -> bool:
    return el.get(name) == "true"


def _get_int(el: etree._Element, name: str) -> int | None:
    v = el.get(name)
    return int(v) if v is not None else None


def _value_of(el: etree._Element, text: str) -> Value:
    tag = el.tag
    if tag == "money":
        return Money(Decimal(el.get("amount-wan", "0")), _get_bool(el, "cap"),
                     _get_bool(el, "approx"), _get_bool(el, "min"), el.get("currency", "CNY"),
                     el.get("per"))
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
