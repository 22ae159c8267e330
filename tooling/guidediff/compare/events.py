"""Change events: small immutable objects that renderers only read (like xmldiff's actions)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Contact, Count, Duration, Money, Source
from ..normalize.facts import Budget, Projects
from .evidence import Evidence
from .kinds import AlignStatus, Figure, Kind, RowStatus
from .location import Location
from .reconcile import Check

# The mirror of each kind when old and new are swapped.
MIRROR: dict[Kind, Kind] = {k: k.mirror for k in Kind if k.mirror is not k}



@dataclass(frozen=True)
class StatedFigure:
    """A figure as the document states it of itself, typed: the count or the amount with its
    约 or 左右, its printed unit and precision (国拨经费总概算约6.2亿元)."""

    figure: Figure
    value: Money | Count

    @property
    def number(self) -> Decimal | int | None:
        """The figure's number: the amount in 万元, the count."""
        return self.value.amount_wan if isinstance(self.value, Money) else self.value.max

    @property
    def approx(self) -> bool:
        return self.value.approx


@dataclass(frozen=True)
class ProgramValue:
    """What a direction added or dropped whole amounts to: its budget (what the JSON contract
    writes) and its number of projects (what the 说明 of its row says besides)."""

    budget: Budget | None
    projects: Projects | None


TypedValue = (Budget | Projects | Duration | Contact | StatedFigure | ProgramValue | Decimal
              | int | str | None)
DiffOp = tuple[int, str]


@dataclass(frozen=True)
class DocInfo:
    """What the reports say of a compared document."""

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
    title_line: bool = True  # it prints a title; False: ``title`` is a name read elsewhere
    title_source: Source | None = None  # where the title (or the name) is printed


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
    """A direction in the alignment: matched, added or dropped, with its evidence."""

    status: AlignStatus
    old: str | None
    new: str | None
    score: float | None
    evidence: tuple[Evidence, ...] = ()
    nearest: Nearest | None = None
    old_title: str = ""
    new_title: str = ""
    old_partners: tuple[str, ...] = ()  # the partners each side's title names, as printed
    new_partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    """One change event (the JSON contract's change)."""

    id: str
    kind: Kind
    old_direction: str | None
    new_direction: str | None
    location: Location  # the contract's ``field``: ``str(location)``
    old_text: str | None = None
    new_text: str | None = None
    old_value: TypedValue = None
    new_value: TypedValue = None
    diff: tuple[DiffOp, ...] = ()
    format_only: bool = False
    old_source: Source | None = None
    new_source: Source | None = None
    # the listed meaning-neutral words (compare/neutral.toml) it inserts or deletes, when that
    # is all it does, format aside: a wording edit the reports hide with the format-only ones
    neutral: tuple[str, ...] = ()

    @property
    def minor(self) -> bool:
        """Format only, or a meaning-neutral wording edit: recorded, hidden by default."""
        return self.format_only or bool(self.neutral)


@dataclass(frozen=True)
class ClauseRow:
    """One clause of a direction, old beside new, in an order that keeps both documents' order:
    read the old sides (skipping ``added`` and ``moved_to``) and you read the old text; read the
    new sides (skipping ``removed`` and ``moved_from``) and you read the new text."""

    location: Location  # title, budget, areas[3], requirements[1.2]…
    label: str  # the printed label of the field (领域方向)
    status: RowStatus
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
    neutral: tuple[str, ...] = ()  # as Change.neutral

    @property
    def minor(self) -> bool:
        """A clause changed in format or neutral wording only, and nothing else: a moved
        clause is never minor (its move is a change, whatever its texts)."""
        return (self.format_only or bool(self.neutral)) and self.status is RowStatus.CHANGED


@dataclass(frozen=True)
class PairView:
    """A direction as the reports show it: matched pair, added or dropped, clause by clause."""

    status: AlignStatus
    old: str | None
    new: str | None
    old_title: str
    new_title: str
    score: float | None
    rows: tuple[ClauseRow, ...]


@dataclass(frozen=True)
class ChangeLog:
    """Everything a comparison found: the renderers' one input."""

    old: DocInfo
    new: DocInfo
    alignment: tuple[AlignmentRow, ...]
    changes: tuple[Change, ...]
    checks: tuple[Check, ...]
    views: tuple[PairView, ...] = ()
    preamble: tuple[ClauseRow, ...] = ()  # the document's own parts, old beside new

    def substantive(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if not c.minor)
