"""Escaping at the edge, one function per text format: what a document prints never becomes
markup in a file people open (HTML is escaped by Jinja2's autoescape, DOCX by lxml's text nodes;
Markdown and CSV here)."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|#~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+>]|\d+[.)])(?=\s|$)")


def markdown(text: str) -> str:
    """Text that Markdown shows as written: HTML escaped as entities, the characters that start
    emphasis, code, links, tables or headings backslash-escaped, a leading list marker too."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return "\n".join(_MD_LINE_START.sub(r"\1\\\2", line) for line in text.split("\n"))


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A cell that a spreadsheet shows as text: one that starts like a formula (= + - @, a tab
    or a carriage return) is prefixed with an apostrophe, as OWASP recommends."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text
