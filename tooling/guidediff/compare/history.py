"""The history of a corpus: its versions in order, every programme's lineage, and the figures
a year memo compares (a year's final versions with the previous year's, from the lineages)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

from .digest import Totals, Values, VersionDigest
from .lineage import Lineage, Member


@dataclass(frozen=True)
class VersionInfo:
    id: str
    title: str
    sha256: str
    year: int | None
    batch: int | None
    stage: str | None
    directions: int
    totals: Totals
    source: str = ""
    date: str | None = None

    @classmethod
    def of(cls, v: VersionDigest) -> VersionInfo:
        return cls(v.id, v.title, v.sha256, v.year, v.batch, v.stage, len(v.directions),
                   v.totals, v.source, v.date)


@dataclass(frozen=True)
class History:
    versions: tuple[VersionInfo, ...]
    lineages: tuple[Lineage, ...]

    def version(self, vid: str) -> VersionInfo | None:
        return next((v for v in self.versions if v.id == vid), None)

    def steps(self) -> list[tuple[str, str]]:
        """The pairs of versions that consecutive members of a lineage span, and those where a
        programme is no longer set (its last version before the absence and the first without
        it), in order."""
        rank = {v.id: k for k, v in enumerate(self.versions)}
        pairs = {(m.via.source.version, m.version) for lin in self.lineages
                 for m in lin.members if m.via is not None}
        pairs |= {(a.last.version, a.version) for a in absences(self)}
        return sorted(pairs, key=lambda p: (rank.get(p[1], 0), rank.get(p[0], 0)))

    def matching(self, programme: str | None) -> History:
        """The lineages whose name, a member's title, a partner or id holds ``programme``."""
        if not programme:
            return self
        needle = programme.strip().lower()
        keep = tuple(lin for lin in self.lineages
                     if needle in lin.name.lower() or needle in lin.id.lower()
                     or any(needle in p.lower() for p in lin.partners)
                     or any(needle in m.title.lower() for m in lin.members))
        return replace(self, lineages=keep)


@dataclass(frozen=True)
class Absence:
    """A programme no longer set: after ``last`` (its member), from ``version`` (the first
    version without it) on; ``back`` is the member it comes back as, None if it has not."""

    lineage: Lineage
    last: Member
    version: str
    back: Member | None


def absences(h: History) -> list[Absence]:
    """Every absence of every lineage, in lineage order: a version without the programme after
    one with it (a lineage merged into another is not absent after its merge)."""
    rank = {v.id: k for k, v in enumerate(h.versions)}
    out = []
    for lin in h.lineages:
        members = [m for m in lin.members if m.version in rank]
        for a, b in pairwise(members):
            if rank[b.version] > rank[a.version] + 1:
                out.append(Absence(lin, a, h.versions[rank[a.version] + 1].id, b))
        last = members[-1] if members else None
        if last is not None and not lin.closed and rank[last.version] + 1 < len(h.versions):
            out.append(Absence(lin, last, h.versions[rank[last.version] + 1].id, None))
    return out


# ---------------------------------------------------------------- a year against the last


@dataclass(frozen=True)
class ValueChange:
    lineage: Lineage
    old: Member
    new: Member


@dataclass(frozen=True)
class YearChanges:
    year: int
    old_versions: tuple[VersionInfo, ...]  # the previous year's versions compared
    new_versions: tuple[VersionInfo, ...]
    added: tuple[tuple[Lineage, Member], ...]  # new programmes (never seen before)
    reappeared: tuple[tuple[Lineage, Member], ...]  # back after an absence
    dropped: tuple[tuple[Lineage, Member], ...]  # in the previous year, not in this one
    continued: tuple[ValueChange, ...]  # in both: their last members of each year
    budgets: tuple[ValueChange, ...]
    counts: tuple[ValueChange, ...]
    contacts: tuple[ValueChange, ...]

    def total(self, which: str, field: str) -> Decimal | int | None:
        versions = self.old_versions if which == "old" else self.new_versions
        values = [getattr(v.totals, field) for v in versions]
        values = [x for x in values if x is not None]
        return sum(values) if values else None


def year_versions(h: History, year: int) -> tuple[VersionInfo, ...]:
    """The versions a year memo reads for ``year``: each batch's final version, or its latest
    version where the batch has no final."""
    by_batch: dict[int | None, VersionInfo] = {}
    for v in h.versions:  # in order: a final comes after its draft
        if v.year == year and (v.batch not in by_batch or v.stage == "final"
                               or by_batch[v.batch].stage != "final"):
            by_batch[v.batch] = v
    return tuple(by_batch[b] for b in sorted(by_batch, key=lambda b: b or 0))


def _last_in(lin: Lineage, ids: set[str]) -> Member | None:
    found = [m for m in lin.members if m.version in ids]
    return found[-1] if found else None


def _seen_before(lin: Lineage, before: set[str]) -> bool:
    return any(m.version in before for m in lin.members)


def _budget(v: Values) -> tuple[object, ...]:
    return (v.budget_wan, v.budget_cap, v.per_project_wan)


def year_changes(h: History, year: int) -> YearChanges:
    new_v, old_v = year_versions(h, year), year_versions(h, year - 1)
    new_ids, old_ids = {v.id for v in new_v}, {v.id for v in old_v}
    rank = {v.id: k for k, v in enumerate(h.versions)}
    first_new = min((rank[i] for i in new_ids), default=len(h.versions))
    earlier = {v.id for v in h.versions[:first_new]} - old_ids
    added: list[tuple[Lineage, Member]] = []
    back: list[tuple[Lineage, Member]] = []
    dropped: list[tuple[Lineage, Member]] = []
    both: list[ValueChange] = []
    for lin in h.lineages:
        now, then = _last_in(lin, new_ids), _last_in(lin, old_ids)
        if now is not None and then is None:
            (back if _seen_before(lin, earlier) else added).append((lin, now))
        elif then is not None and now is None:
            dropped.append((lin, then))
        elif now is not None and then is not None:
            both.append(ValueChange(lin, then, now))
    return YearChanges(
        year, old_v, new_v, tuple(added), tuple(back), tuple(dropped), tuple(both),
        tuple(c for c in both if _budget(c.old.values) != _budget(c.new.values)),
        tuple(c for c in both if (c.old.values.projects_min, c.old.values.projects_max)
              != (c.new.values.projects_min, c.new.values.projects_max)),
        tuple(c for c in both if set(c.old.values.emails) != set(c.new.values.emails)))
