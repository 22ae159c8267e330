"""A finding in words, in Chinese (the default) or English: the catalogue ``messages.toml``
(every code with its message and, where a fix is clear, its suggestion, both languages)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from .model import Finding

LANGS = ("zh", "en")


def _flatten(table: dict[str, Any], prefix: str, out: dict[str, tuple[str, str]]) -> None:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value and set(value) <= set(LANGS):
            out[name] = (str(value.get("zh", "")), str(value.get("en", "")))
        elif isinstance(value, dict):
            _flatten(value, f"{name}.", out)
        else:
            raise ValueError(f"proofread/messages.toml: {name} is neither a message nor a group")


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    """Every message: its key (groups joined by dots) → (Chinese, English)."""
    out: dict[str, tuple[str, str]] = {}
    text = Path(__file__).with_name("messages.toml").read_text(encoding="utf-8")
    _flatten(tomllib.loads(text), "", out)
    return out


def word(key: str, lang: str = "zh", **values: object) -> str:
    zh, en = catalogue()[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def message(f: Finding, lang: str = "zh", unit: str = "line") -> str:
    """What is wrong, in words; ``unit``: what the document's numbers count (line, or a DOCX's
    paragraph), for a finding that names another place of it."""
    return word(f"{f.code}.message", lang, **_values(f, lang, unit))


def _values(f: Finding, lang: str, unit: str) -> dict[str, str]:
    """A finding's values, with the words some messages name them by (第12行, 书名号)."""
    values = f.values()
    if "first" in values:
        values["first_at"] = word(f"words.{unit}", lang, n=values["first"])
    if "pair" in values:
        values["pair_name"] = word(f"bracket.{values['pair']}", lang)
    return values


def suggestion(f: Finding, lang: str = "zh") -> str | None:
    """The suggested fix, where one is clear (None otherwise: the catalogue has none, or
    the number it would name is not known)."""
    if f.values().get("want") == "":
        return None
    text = word(f"{f.code}.fix", lang, **_values(f, lang, "line"))
    return text or None


def where(f: Finding, unit: str, lang: str = "zh") -> str:
    """第12行, 第3页 (or line 12, page 3; a DOCX's paragraph)."""
    parts = [word(f"words.{unit}", lang, n=f.place.line)]
    if f.place.page is not None:
        parts.append(word("words.page", lang, n=f.place.page))
    return ("，" if lang == "zh" else ", ").join(parts)
