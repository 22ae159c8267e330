"""The vocabulary of a comparison, as types: what a change event is (its ``Kind``: a subject and
an operation), and the statuses of an alignment, a clause row and a stated figure.

Every name is a ``StrEnum`` whose value is the string the JSON contract (``guidediff.changes/1``)
writes; code dispatches on the members, never on their spelling.
"""

from __future__ import annotations

from enum import StrEnum


class Operation(StrEnum):
    """What happened to the subject of a change."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"


class Subject(StrEnum):
    """What a change is about."""

    PROGRAM = "program"
    TITLE = "title"
    AGREEMENT = "agreement"
    AREA = "area"
    PROJECT_COUNT = "project_count"
    BUDGET = "budget"
    DURATION = "duration"
    CONTACT = "contact"
    LINK = "link"
    REQUIREMENT = "requirement"
    TEXT = "text"
    DOCUMENT_FIGURE = "document_figure"


class Kind(StrEnum):
    """A change event's kind, as the JSON contract names it (in the contract's order)."""

    PROGRAM_ADDED = "program_added"
    PROGRAM_DROPPED = "program_dropped"
    TITLE_CHANGED = "title_changed"
    AGREEMENT_ADDED = "agreement_added"
    AGREEMENT_REMOVED = "agreement_removed"
    AGREEMENT_CHANGED = "agreement_changed"
    AREA_ADDED = "area_added"
    AREA_REMOVED = "area_removed"
    AREA_CHANGED = "area_changed"
    AREA_MOVED = "area_moved"
    PROJECT_COUNT_CHANGED = "project_count_changed"
    BUDGET_CHANGED = "budget_changed"
    DURATION_CHANGED = "duration_changed"
    CONTACT_ADDED = "contact_added"
    CONTACT_REMOVED = "contact_removed"
    CONTACT_CHANGED = "contact_changed"
    LINK_ADDED = "link_added"
    LINK_REMOVED = "link_removed"
    REQUIREMENT_ADDED = "requirement_added"
    REQUIREMENT_REMOVED = "requirement_removed"
    REQUIREMENT_CHANGED = "requirement_changed"
    REQUIREMENT_MOVED = "requirement_moved"
    TEXT_CHANGED = "text_changed"
    DOCUMENT_FIGURE_CHANGED = "document_figure_changed"

    @property
    def subject(self) -> Subject:
        return _SPEC[self][0]

    @property
    def operation(self) -> Operation:
        return _SPEC[self][1]

    @property
    def mirror(self) -> Kind:
        """The kind of this event when old and new are swapped."""
        return _MIRROR.get(self, self)

    @classmethod
    def of(cls, subject: Subject, operation: Operation) -> Kind:
        """The kind of an operation on a subject (a ``KeyError`` for one the contract lacks)."""
        return _BY_SPEC[(subject, operation)]


_SPEC: dict[Kind, tuple[Subject, Operation]] = {
    Kind.PROGRAM_ADDED: (Subject.PROGRAM, Operation.ADDED),
    Kind.PROGRAM_DROPPED: (Subject.PROGRAM, Operation.REMOVED),
    Kind.TITLE_CHANGED: (Subject.TITLE, Operation.CHANGED),
    Kind.AGREEMENT_ADDED: (Subject.AGREEMENT, Operation.ADDED),
    Kind.AGREEMENT_REMOVED: (Subject.AGREEMENT, Operation.REMOVED),
    Kind.AGREEMENT_CHANGED: (Subject.AGREEMENT, Operation.CHANGED),
    Kind.AREA_ADDED: (Subject.AREA, Operation.ADDED),
    Kind.AREA_REMOVED: (Subject.AREA, Operation.REMOVED),
    Kind.AREA_CHANGED: (Subject.AREA, Operation.CHANGED),
    Kind.AREA_MOVED: (Subject.AREA, Operation.MOVED),
    Kind.PROJECT_COUNT_CHANGED: (Subject.PROJECT_COUNT, Operation.CHANGED),
    Kind.BUDGET_CHANGED: (Subject.BUDGET, Operation.CHANGED),
    Kind.DURATION_CHANGED: (Subject.DURATION, Operation.CHANGED),
    Kind.CONTACT_ADDED: (Subject.CONTACT, Operation.ADDED),
    Kind.CONTACT_REMOVED: (Subject.CONTACT, Operation.REMOVED),
    Kind.CONTACT_CHANGED: (Subject.CONTACT, Operation.CHANGED),
    Kind.LINK_ADDED: (Subject.LINK, Operation.ADDED),
    Kind.LINK_REMOVED: (Subject.LINK, Operation.REMOVED),
    Kind.REQUIREMENT_ADDED: (Subject.REQUIREMENT, Operation.ADDED),
    Kind.REQUIREMENT_REMOVED: (Subject.REQUIREMENT, Operation.REMOVED),
    Kind.REQUIREMENT_CHANGED: (Subject.REQUIREMENT, Operation.CHANGED),
    Kind.REQUIREMENT_MOVED: (Subject.REQUIREMENT, Operation.MOVED),
    Kind.TEXT_CHANGED: (Subject.TEXT, Operation.CHANGED),
    Kind.DOCUMENT_FIGURE_CHANGED: (Subject.DOCUMENT_FIGURE, Operation.CHANGED),
}
_BY_SPEC = {spec: kind for kind, spec in _SPEC.items()}
_MIRROR = {a: b for a, b in (
    (Kind.PROGRAM_ADDED, Kind.PROGRAM_DROPPED), (Kind.AGREEMENT_ADDED, Kind.AGREEMENT_REMOVED),
    (Kind.AREA_ADDED, Kind.AREA_REMOVED), (Kind.CONTACT_ADDED, Kind.CONTACT_REMOVED),
    (Kind.LINK_ADDED, Kind.LINK_REMOVED), (Kind.REQUIREMENT_ADDED, Kind.REQUIREMENT_REMOVED))}
_MIRROR.update({b: a for a, b in list(_MIRROR.items())})


class AlignStatus(StrEnum):
    """A direction in the alignment of two versions (and a pair of directions in the reports)."""

    MATCHED = "matched"
    ADDED = "added"
    DROPPED = "dropped"


class RowStatus(StrEnum):
    """One clause, old beside new (``events.ClauseRow``)."""

    EQUAL = "equal"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"
    MOVED_FROM = "moved_from"
    MOVED_TO = "moved_to"


class Figure(StrEnum):
    """A figure a document states of itself (设立17个指南方向…国拨经费总概算约6.2亿元)."""

    DIRECTIONS = "directions"
    PARTNERS = "partners"
    TASKS = "tasks"
    BUDGET = "budget_wan"
