"""What matters, computed once from the change events for every renderer that summarizes:
figures old → new, directions added and dropped, budget and quota changes, contacts, warnings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ..compare.events import Change, ChangeLog, ProgramValue
from ..compare.kinds import AlignStatus, Figure, Kind, Operation, Subject
from ..compare.reconcile import Check
from ..model import Contact
from ..normalize.facts import Budget, Projects


@dataclass(frozen=True)
class FigureLine:
    figure: Figure
    old: Decimal | int | None
    new: Decimal | int | None
    old_approx: bool = False
    new_approx: bool = False


@dataclass(frozen=True)
class ProgramLine:
    id: str
    title: str
    budget: Budget | None


@dataclass(frozen=True)
class BudgetLine:
    old_id: str
    new_id: str
    title: str
    old: Budget | None
    new: Budget | None

    @property
    def difference(self) -> Decimal | None:
        if self.old is None or self.new is None or self.old.amount_wan is None \
                or self.new.amount_wan is None:
            return None
        return self.new.amount_wan - self.old.amount_wan


@dataclass(frozen=True)
class CountLine:
    old_id: str
    new_id: str
    title: str
    old: Projects | None
    new: Projects | None


@dataclass(frozen=True)
class ContactLine:
    old_id: str | None
    new_id: str | None
    title: str
    contact: Contact


@dataclass(frozen=True)
class Summary:
    figures: tuple[FigureLine, ...]
    added: tuple[ProgramLine, ...]
    dropped: tuple[ProgramLine, ...]
    budgets: tuple[BudgetLine, ...]
    counts: tuple[CountLine, ...]
    contacts_added: tuple[ContactLine, ...]
    contacts_removed: tuple[ContactLine, ...]
    requirements: tuple[Change, ...]  # substantive requirement changes, for the memo
    warnings: tuple[Check, ...]
    kind_counts: tuple[tuple[Kind, int, int], ...]  # kind, substantive, format-only
    matched: int
    partners_added: tuple[str, ...] = ()  # partner countries and bodies only the new one names
    partners_dropped: tuple[str, ...] = ()


def _partners(log: ChangeLog) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The partners each document's directions name (from their titles), added and dropped."""
    old = {p for r in log.alignment for p in r.old_partners}
    new = {p for r in log.alignment for p in r.new_partners}
    order = {p: k for k, p in enumerate(p for r in log.alignment
                                        for p in (r.new_partners if r.new_title
                                                  else r.old_partners))}
    return (tuple(sorted(new - old, key=lambda p: order.get(p, 0))),
            tuple(sorted(old - new, key=lambda p: order.get(p, 0))))


def _figure(log: ChangeLog, figure: Figure) -> FigureLine:
    old = next((c for c in log.checks if c.document == "old" and c.figure == figure), None)
    new = next((c for c in log.checks if c.document == "new" and c.figure == figure), None)
    return FigureLine(figure, old.stated if old else None, new.stated if new else None,
                  bool(old and old.approx), bool(new and new.approx))


def _title(log: ChangeLog, c: Change) -> str:
    row = next((r for r in log.alignment if r.new == c.new_direction and
                r.old == c.old_direction), None)
    return (row.new_title or row.old_title) if row else ""


def _program_budget(c: Change) -> Budget | None:
    v = c.new_value if c.kind is Kind.PROGRAM_ADDED else c.old_value
    return v.budget if isinstance(v, ProgramValue) else None


def summarize(log: ChangeLog) -> Summary:
    subs = log.substantive()
    figures = tuple(_figure(log, f) for f in Figure)

    def of(kind: Kind) -> list[Change]:
        return [c for c in subs if c.kind == kind]

    added = tuple(ProgramLine(c.new_direction or "", c.new_text or "", _program_budget(c))
                  for c in of(Kind.PROGRAM_ADDED))
    dropped = tuple(ProgramLine(c.old_direction or "", c.old_text or "", _program_budget(c))
                    for c in of(Kind.PROGRAM_DROPPED))
    budgets = tuple(BudgetLine(c.old_direction or "", c.new_direction or "", _title(log, c),
                               c.old_value if isinstance(c.old_value, Budget) else None,
                               c.new_value if isinstance(c.new_value, Budget) else None)
                    for c in of(Kind.BUDGET_CHANGED))
    counts = tuple(CountLine(c.old_direction or "", c.new_direction or "", _title(log, c),
                             c.old_value if isinstance(c.old_value, Projects) else None,
                             c.new_value if isinstance(c.new_value, Projects) else None)
                   for c in of(Kind.PROJECT_COUNT_CHANGED))
    cadd = tuple(ContactLine(c.old_direction, c.new_direction, _title(log, c), c.new_value)
                 for c in of(Kind.CONTACT_ADDED) if isinstance(c.new_value, Contact))
    crem = tuple(ContactLine(c.old_direction, c.new_direction, _title(log, c), c.old_value)
                 for c in of(Kind.CONTACT_REMOVED) if isinstance(c.old_value, Contact))
    reqs = tuple(c for c in subs if c.kind.subject is Subject.REQUIREMENT
                 and c.kind.operation is not Operation.MOVED)
    sub_counts = Counter(c.kind for c in subs)
    fmt_counts = Counter(c.kind for c in log.changes if c.minor)
    kinds = tuple((k, sub_counts[k], fmt_counts[k]) for k in Kind
                  if sub_counts[k] or fmt_counts[k])
    partners_added, partners_dropped = _partners(log)
    return Summary(figures, added, dropped, budgets, counts, cadd, crem, reqs,
                   tuple(c for c in log.checks if not c.ok), kinds,
                   sum(r.status is AlignStatus.MATCHED for r in log.alignment), partners_added,
                   partners_dropped)
