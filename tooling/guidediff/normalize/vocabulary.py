"""The field vocabulary (``labels.toml``): field names, their labels and synonyms, the words that
introduce durations and per-project caps, the currency words. Read once, on first use."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from ..text import TERMINAL

GLUE_BEFORE = TERMINAL + "）)》」】”"  # what a glued label follows


@dataclass(frozen=True)
class FieldDef:
    """A field of a direction, how readers call it, and its labels."""

    name: str  # field/@name in the XML
    zh: str  # how a Chinese reader calls it
    en: str
    labels: tuple[str, ...]  # every printed label, the usual one first
    subfield: bool = False  # inside a list item, it opens a sub-field (研究内容 in GEO items)


@dataclass(frozen=True)
class ClauseRule:
    """How a field's paragraphs are cut into the clauses the diff matches one by one."""

    separators: str  # a clause ends after each of these (outside brackets)
    shorter_than: int | None = None  # only a paragraph shorter than this (longer: prose)
    without_items: bool = False  # only in a field without list items


@dataclass(frozen=True)
class Vocabulary:
    """The vocabulary and the rules of the structure (labels.toml)."""

    fields: tuple[FieldDef, ...]
    duration_keywords: tuple[str, ...]
    per_project: tuple[str, ...]
    currencies: dict[str, str]  # a currency word after an amount -> its ISO code
    clauses: dict[str, ClauseRule] = field(default_factory=dict)  # by field name
    sentence_ends: str = "。；;！？!?"  # where a sentence of the document's own text ends
    part_kinds: tuple[tuple[str, tuple[str, ...]], ...] = ()  # kind, words of its heading
    attachment_marks: tuple[str, ...] = ()  # a line of the title block that is no title
    contact_words: tuple[str, ...] = ()  # what a clause prints around its contacts and links
    party_mark: str = "方"  # a side is one character and this (韩方)
    requires: tuple[str, ...] = ()  # words that make a clause a requirement (须, 应, 提交…)
    org_labels: tuple[str, ...] = ()  # what labels a contact's organisation (单位：)
    org_ends: tuple[str, ...] = ()  # how an organisation's name ends (部, 研究院, 基金会…)

    @cached_property
    def org_label_re(self) -> re.Pattern[str]:
        """A contact's organisation label at the start of its part (单位：), the longest first."""
        words = sorted(self.org_labels, key=len, reverse=True)
        return re.compile(r"^\s*(?:" + "|".join(re.escape(w) for w in words) + r")\s*[：:]\s*"
                          if words else r"(?!)")

    def only_contact_words(self, residue: str) -> bool:
        """Whether what a clause says besides its contacts and links (``residue``) is only the
        words around them (韩方联系人：, 日方申报网址：) and punctuation."""
        text = "".join(ch for ch in residue if ch.isalnum())
        words = sorted(self.contact_words, key=len, reverse=True)
        k = 0
        while k < len(text):
            if text[k + 1:k + 1 + len(self.party_mark)] == self.party_mark:
                k += 1 + len(self.party_mark)
                continue
            word = next((w for w in words if text.startswith(w, k)), None)
            if word is None:
                return False
            k += len(word)
        return True

    def says_requirement(self, text: str) -> bool:
        """Whether a clause's words require something (须, 应当, 提交…)."""
        return any(w in text for w in self.requires)

    def part_kind(self, heading: str) -> str:
        """The kind of a part by its heading (二、领域和方向 → directions): the first kind
        whose words it holds, else ``other``."""
        return next((kind for kind, words in self.part_kinds
                     if any(w in heading for w in words)), "other")

    @cached_property
    def by_label(self) -> dict[str, FieldDef]:
        return {label: f for f in self.fields for label in f.labels}

    # the patterns made of the vocabulary, compiled once for it (a vocabulary of its own, as a
    # test makes, has patterns of its own: nothing to clear)

    @cached_property
    def glued_label_re(self) -> re.Pattern[str]:
        """A known label glued after the end of a sentence or bracket (…人民币。其他要求：)."""
        labels = "|".join(re.escape(x) for x in sorted(self.by_label, key=len, reverse=True))
        return re.compile(rf"(?<=[{re.escape(GLUE_BEFORE)}])\s*(?P<label>(?:{labels}))\s*[：:]")

    @cached_property
    def per_project_re(self) -> re.Pattern[str]:
        """The words before an amount that make it a per-project cap (每个项目不超过…)."""
        words = "|".join(re.escape(w) for w in self.per_project)
        return re.compile(rf"(?:{words})[^，。；,;]{{0,8}}$")

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern[str]]:
        return {}

    def pattern(self, name: str, build: Callable[[Vocabulary], re.Pattern[str]]
                ) -> re.Pattern[str]:
        """A pattern a parser makes of this vocabulary (``build``), made once for it."""
        found = self._patterns.get(name)
        if found is None:
            found = self._patterns[name] = build(self)
        return found

    @cached_property
    def duration_re(self) -> re.Pattern[str]:
        """A word that introduces a duration (执行期, 实施周期…), the longest first."""
        words = sorted(self.duration_keywords, key=len, reverse=True)
        return re.compile("|".join(re.escape(w) for w in words))

    def field(self, name: str) -> FieldDef | None:
        return next((f for f in self.fields if f.name == name), None)


def parse_vocabulary(text: str) -> Vocabulary:
    data = tomllib.loads(text)
    fields = tuple(FieldDef(name, d["zh"], d["en"], tuple(d["labels"]), bool(d.get("subfield")))
                   for name, d in data["field"].items())
    values = data.get("values", {})
    clauses = {name: ClauseRule(d["separators"], d.get("shorter_than"),
                                bool(d.get("without_items")))
               for name, d in data.get("clauses", {}).items()}
    prose = data.get("text", {})
    contact = data.get("contact_words", {})
    return Vocabulary(fields, tuple(values.get("duration_keywords", ())),
                      tuple(values.get("per_project", ())),
                      dict(values.get("currencies", {"元": "CNY"})), clauses,
                      prose.get("sentence_ends", "。；;！？!?"),
                      tuple((kind, tuple(words)) for kind, words in
                            data.get("parts", {}).items()),
                      tuple(prose.get("attachment_marks", ())),
                      tuple(contact.get("words", ())), contact.get("party", "方"),
                      tuple(contact.get("requires", ())), tuple(contact.get("org_labels", ())),
                      tuple(contact.get("org_ends", ())))


@cache
def vocabulary() -> Vocabulary:
    # (beside this module: the package is installed as files, never zipped)
    return parse_vocabulary(Path(__file__).with_name("labels.toml").read_text(encoding="utf-8"))
