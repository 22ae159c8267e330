"""The field vocabulary (``labels.toml``): field names, their labels and synonyms, the words that
introduce durations and per-project caps, the currency words. Read once, on first use."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources


@dataclass(frozen=True)
class FieldDef:
    name: str  # field/@name in the XML
    zh: str  # how a Chinese reader calls it
    en: str
    labels: tuple[str, ...]  # every printed label, the usual one first
    subfield: bool = False  # inside a list item, it opens a sub-field (研究内容 in GEO items)


@dataclass(frozen=True)
class Vocabulary:
    fields: tuple[FieldDef, ...]
    duration_keywords: tuple[str, ...]
    per_project: tuple[str, ...]
    currencies: dict[str, str]  # a currency word after an amount -> its ISO code

    @cached_property
    def by_label(self) -> dict[str, FieldDef]:
        return {label: f for f in self.fields for label in f.labels}

    def field(self, name: str) -> FieldDef | None:
        return next((f for f in self.fields if f.name == name), None)


def parse_vocabulary(text: str) -> Vocabulary:
    data = tomllib.loads(text)
    fields = tuple(FieldDef(name, d["zh"], d["en"], tuple(d["labels"]), bool(d.get("subfield")))
                   for name, d in data["field"].items())
    values = data.get("values", {})
    return Vocabulary(fields, tuple(values.get("duration_keywords", ())),
                      tuple(values.get("per_project", ())),
                      dict(values.get("currencies", {"元": "CNY"})))


@cache
def vocabulary() -> Vocabulary:
    ref = resources.files("guidediff.normalize") / "labels.toml"
    return parse_vocabulary(ref.read_text(encoding="utf-8"))
