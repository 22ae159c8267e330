"""What readers read, in Chinese by default and English on request: the message catalogue
(``messages.toml``, every key with both languages side by side, read once).

The wording of a change event is the phrase table's (``phrases``: one function per kind and
language); every other string a report shows (labels, headings, column names, the words of
values, the sentences of a memo) is a key of the catalogue, a template where it holds values
(``{n}``). ``tests/test_messages.py`` checks that every key has both languages.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LANGS = ("zh", "en")


def _flatten(table: dict[str, Any], prefix: str, out: dict[str, tuple[str, str]]) -> None:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and set(value) <= set(LANGS) and value:
            out[name] = (value.get("zh", ""), value.get("en", ""))
        elif isinstance(value, dict):
            _flatten(value, f"{name}.", out)
        else:
            raise ValueError(f"messages.toml: {name} is neither a message nor a group")


def parse_catalogue(text: str) -> dict[str, tuple[str, str]]:
    """Every message of a catalogue: its key (groups joined by dots) → (Chinese, English)."""
    out: dict[str, tuple[str, str]] = {}
    _flatten(tomllib.loads(text), "", out)
    return out


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    """The package's catalogue (read once)."""
    # (beside this module: the package is installed as files, never zipped)
    return parse_catalogue(Path(__file__).with_name("messages.toml").read_text(encoding="utf-8"))


def t(key: str, lang: str = "zh", **values: object) -> str:
    """The message ``key`` in ``lang``, its ``{placeholders}`` filled with ``values``."""
    zh, en = catalogue()[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def kind_label(kind: str, lang: str = "zh") -> str:
    """A change kind's short label (经费调整, budget changed)."""
    return t(f"kind.{kind}", lang)


def pick(table: dict[str, tuple[str, str]], key: str, lang: str = "zh") -> str:
    """The words of ``key`` in a table of (Chinese, English) of a layer's own (the web app's
    page keeps its words so)."""
    zh, en = table[key]
    return zh if lang == "zh" else en
