"""Change events: small immutable objects that renderers only read (like xmldiff's actions)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Contact, Duration, Source
from ..normalize.facts import Budget, Projects
from .reconcile import Check

# Kinds, as the JSON contract (guidediff.changes/1) names them.
KINDS = (
    "program_added", "program_dropped", "title_changed",
    "agreement_added", "agreement_removed", "agreement_changed",
    "area_added", "area_removed", "area_changed", "area_moved",
    "project_count_changed", "budget_changed", "duration_changed",
    "contact_added", "contact_removed", "contact_changed",
    "link_added", "link_removed",
    "requirement_added", "requirement_removed", "requirement_changed", "requirement_moved",
    "text_changed", "document_figure_changed",
)

# The mirror of each kind when old and new are swapped.
MIRROR = {"program_added": "program_dropped", "agreement_added": "agreement_removed",
          "area_added": "area_removed", "contact_added": "contact_removed",
          "link_added": "link_removed", "requirement_added": "requirement_removed"}
MIRROR.update({v: k for k, v in list(MIRROR.items())})

TypedValue = Budget | Projects | Duration | Contact | Decimal | int | str | None
DiffOp = tuple[int, str]


@dataclass(frozen=True)
class DocInfo:
    id: str
    title: str
    path: str
    sha256: str
    year: int | None
    stage: str | None
    directions: int
    line_unit: str = "line"  # what source lines count: "line" (text, PDF) or "paragraph"
    date: str | None = None  # the date the document prints (ISO), if any
    batch: int | None = None  # the batch of its year (第一批), if it says


@dataclass(frozen=True)
class Nearest:
    """The closest candidate on the other side of an unmatched direction; when that candidate
    went to a better pair, the direction it was matched with and that pair's score."""

    id: str
    score: float
    taken_by: str | None = None
    taken_score: float | None = None


@dataclass(frozen=True)
class AlignmentRow:
    status: str  # matched | added | dropped
    old: str | None
    new: str | None
    score: float | None
    evidence: tuple[str, ...] = ()
    nearest: Nearest | None = None
    old_title: str = ""
    new_title: str = ""


@dataclass(frozen=True)
class Change:
    id: str
    kind: str
    old_direction: str | None
    new_direction: str | None
    field: str
    old_text: str | None = None
    new_text: str | None = None
    old_value: TypedValue = None
    new_value: TypedValue = None
    diff: tuple[DiffOp, ...] = ()
    format_only: bool = False
    old_source: Source | None = None
    new_source: Source | None = None


@dataclass(frozen=True)
class ClauseRow:
    """One clause of a direction, old beside new, in an order that keeps both documents' order:
    read the old sides (skipping ``added`` and ``moved_to``) and you read the old text; read the
    new sides (skipping ``removed`` and ``moved_from``) and you read the new text."""

    field: str  # 'title', 'budget', 'areas[3]', 'requirements[1.2]'
    section: str  # the field name: title, agreements, areas, projects, budget, requirements…
    label: str  # the printed label of the field (领域方向)
    status: str  # equal | changed | added | removed | moved_from | moved_to
    old_text: str | None
    new_text: str | None
    diff: tuple[DiffOp, ...] = ()
    format_only: bool = False
    depth: int = 0
    in_moved: bool = False  # inside a moved clause: its old side is in the moved_from rows
    new_paragraph: bool = True  # False: continues the paragraph of the row before
    old_paragraph: bool = True  # the same on the old side (where the old paragraphs differ)
    change_ids: tuple[str, ...] = ()
    old_source: Source | None = None
    new_source: Source | None = None


@dataclass(frozen=True)
class PairView:
    """A direction as the reports show it: matched pair, added or dropped, clause by clause."""

    status: str  # matched | added | dropped
    old: str | None
    new: str | None
    old_title: str
    new_title: str
    score: float | None
    rows: tuple[ClauseRow, ...]


@dataclass(frozen=True)
class ChangeLog:
    old: DocInfo
    new: DocInfo
    alignment: tuple[AlignmentRow, ...]
    changes: tuple[Change, ...]
    checks: tuple[Check, ...]
    views: tuple[PairView, ...] = ()
    preamble: tuple[ClauseRow, ...] = ()  # the document's own parts, old beside new

    def substantive(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if not c.format_only)
