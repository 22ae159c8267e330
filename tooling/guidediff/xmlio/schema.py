"""The corpus XML's schema and its safe parser: the RELAX NG grammar shipped in
``schema/guideline.rng`` (a whole document, or one direction as the document would check it),
and a parser that resolves no entity, loads no DTD and fetches nothing."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import NoReturn

from lxml import etree

from ..errors import InputError, SchemaError


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


def validate_direction(el: etree._Element, path: str | Path = "<xml>") -> None:
    """One direction, as the whole document's schema would check it."""
    schema = _direction_relaxng()
    if not schema.validate(el):
        _schema_error(schema, path)
