"""Reading the corpus XML: a safe parse (no DTD, no entity, nothing fetched), schema validation,
then the tree back into the model (typed values from their elements)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from lxml import etree

from ..errors import InputError, StructureError
from ..files import DEFAULT_MAX_BYTES, read_file
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
from ..text import ascii_view, printed_unit
from .schema import refuse_doctype, safe_parser, validate

Element = etree._Element  # a parsed element, as the other stages hold one (never look inside)


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


def parse_tree(data: bytes) -> etree._Element:
    """The element tree of guidediff XML bytes (written by ``write``: trusted, not validated)."""
    return etree.fromstring(data, safe_parser())


def artifacts_in(el: etree._Element) -> list[Artifact]:
    """The artifacts an ``<artifacts>`` element holds (text and line as written)."""
    return [Artifact(a.get("kind", ""), a.text or "", int(a.get("line", "0"))) for a in el]


def artifacts_of(root: etree._Element) -> list[Artifact]:
    """The artifacts a guideline document holds (text and line as written)."""
    return [a for el in root.iterfind("artifacts") for a in artifacts_in(el)]


def element_text(el: etree._Element) -> str:
    """The text an element of the body holds (its descendants' included)."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def is_artifacts(el: etree._Element) -> bool:
    return el.tag == "artifacts"
