"""What the proofreader finds: one ``Finding`` per slip, typed, with where it is and its words
(a message key of ``messages.toml`` and the values it is filled with)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class FindingKind(Enum):
    """The class of a finding (what it is about), in the order the proofreader reports them."""

    FIGURES = "figures"  # a stated total against the directions
    NUMBERING = "numbering"  # direction numbers: a gap, a number twice, out of order
    YEAR = "year"  # a year that did not move with the guideline's year
    ARITHMETIC = "arithmetic"  # inside a direction: caps × projects, sub-quotas
    ADDRESS = "address"  # e-mails, URLs, phone numbers that cannot work
    BRACKETS = "brackets"  # 《》（）“”【】 left open or closed twice
    LIST = "list"  # list markers, item numbers, item endings
    REPETITION = "repetition"  # a requirement or a contact stated twice
    MISSING = "missing"  # what every other direction has and one lacks


class Severity(Enum):
    ERROR = "error"  # certainly wrong
    WARNING = "warning"  # most likely wrong
    NOTE = "note"  # worth a look


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


@dataclass(frozen=True, slots=True)
class Place:
    """Where a finding is: the source line (a DOCX's paragraph), its page, the direction and
    the clause (the field's label, with the item's marker: 其他要求（3）)."""

    line: int
    page: int | None = None
    direction: str | None = None
    clause: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One slip: its kind, severity and place, and its words (``code`` names the message and
    the suggestion of ``messages.toml``; ``args`` fills their placeholders)."""

    kind: FindingKind
    severity: Severity
    place: Place
    code: str
    args: tuple[tuple[str, str], ...] = ()

    @property
    def line(self) -> int:
        return self.place.line

    def values(self) -> dict[str, str]:
        return dict(self.args)

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.place.line, SEVERITY_ORDER[self.severity], self.kind.value, self.code)


def finding(kind: FindingKind, severity: Severity, place: Place, code: str,
            **args: object) -> Finding:
    """A finding with its placeholder values as text."""
    return Finding(kind, severity, place, code, tuple(sorted((k, str(v)) for k, v in
                                                            args.items())))
