"""What the corpus site says happened, from the lineages and each step's change log (nothing is
compared again): the names readers know the versions by (2023年度第一批 征求意见稿), a member's
values as the documents print them (不超过4500万元), each cell of the lineage grid (a step with
substantive changes marked and labelled with what changed, a return, a drop, each linked to its
report) and each version's summary (programmes new, back, no longer set and changed; the budget
stated and summed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..compare.digest import Values
from ..compare.history import Absence, History, VersionInfo, absences
from ..compare.kinds import Subject
from ..compare.lineage import Lineage, LinkKind, Member
from ..model import Money
from ..normalize.facts import Budget, Projects
from .history import MARK
from .i18n import t
from .steps import PairSummary, Step
from .words import budget_text, count_text, yuan

Pairs = Mapping[tuple[str, str], PairSummary]
_DIGITS = "一二三四五六七八九"


def cn_number(n: int) -> str:
    """A batch's number as a title prints it: 一, 二 … 十, 十一 … 九十九 (larger: digits)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens - 1] + "十")
    return head + (_DIGITS[ones - 1] if ones else "")


def version_name(v: VersionInfo | None, lang: str) -> str:
    """A version as readers name it: 2023年度第一批 征求意见稿 (its title where its year or
    batch is unknown)."""
    if v is None:
        return "—"
    if v.year is None or v.batch is None:
        return v.title or v.id
    stage = t(f"site.stage.{v.stage}", lang) if v.stage in ("draft", "final") else ""
    batch = cn_number(v.batch) if lang == "zh" else str(v.batch)
    return t("site.version_name", lang, year=v.year, batch=batch, stage=stage).strip()


# ---------------------------------------------------------------- values as printed


def budget_of(v: Values) -> Budget | None:
    """A member's budget as a typed value: its total with its cap and 约, its per-project cap."""
    if v.budget_wan is None and v.per_project_wan is None:
        return None
    per = Money(v.per_project_wan, cap=True, per="project") if v.per_project_wan else None
    return Budget(v.budget_wan, v.budget_cap, v.budget_approx, (), per)


def projects_of(v: Values) -> Projects | None:
    if v.projects_min is None and v.projects_max is None:
        return None
    return Projects(v.projects_min, v.projects_max, v.projects_cap, v.projects_approx, ())


def budget_printed(v: Values, lang: str) -> str:
    """不超过4500万元, 约6000万元, 4500万元（每项不超过750万元）, or —."""
    return budget_text(budget_of(v), lang)


def count_printed(v: Values, lang: str) -> str:
    """不超过15个, 5-8个, 约10个, or —."""
    return count_text(projects_of(v), lang)


# ---------------------------------------------------------------- the grid


@dataclass(frozen=True)
class Cell:
    """A cell of the grid: what it shows, where it links, how it is marked, what it says."""

    text: str
    href: str | None = None
    mark: str = ""  # "" (present, nothing substantive changed), changed, back, dropped, absent
    label: str = ""  # the tooltip and the accessible name ("" none)


def subjects_text(subjects: Sequence[Subject], lang: str) -> str:
    """What changed, as a list of the subjects' names: 经费、联系人."""
    return t("sep.list", lang).join(t(f"subject.{s.value}", lang) for s in subjects)


def report_name(old: str, new: str) -> str:
    return f"{old}__{new}.report.html"


class Grid:
    """The cells of a history's grid (``pairs``: the steps' summaries; ``root``: the site's
    folder relative to the page; ``links``: False for a page without the reports)."""

    def __init__(self, h: History, pairs: Pairs, root: str, lang: str,
                 links: bool = True) -> None:
        self.h, self.pairs, self.root, self.lang, self.links = h, pairs, root, lang, links
        self.versions = {v.id: v for v in h.versions}
        self.dropped = {(a.lineage.id, a.version): a for a in absences(h)}
        self.back = {(a.lineage.id, a.back.version): a for a in absences(h) if a.back}

    def name(self, vid: str) -> str:
        return version_name(self.versions.get(vid), self.lang)

    def href(self, old: str, new: str, frag: str | None) -> str | None:
        if not self.links:
            return None
        return f"{self.root}{report_name(old, new)}" + (f"#{frag}" if frag else "")

    def drop_href(self, a: Absence) -> str | None:
        summary = self.pairs.get((a.last.version, a.version))
        frag = summary.anchor_for(a.last.direction, None) if summary else None
        return self.href(a.last.version, a.version, frag)

    def row(self, lin: Lineage, by: Mapping[str, Member],
            versions: Sequence[VersionInfo]) -> list[Cell]:
        return [self.cell(lin, by.get(v.id), v.id) for v in versions]

    def cell(self, lin: Lineage, m: Member | None, vid: str) -> Cell:
        if m is None:
            a = self.dropped.get((lin.id, vid))
            if a is None:
                return Cell("—", mark="absent")
            return Cell("✕", self.drop_href(a), "dropped",
                        t("site.dropped_label", self.lang, version=self.name(vid)))
        text = m.direction + (MARK.get(m.via.kind, "") if m.via is not None else "")
        if m.via is None:
            return Cell(text)
        old = m.via.source
        step = self.pairs.get((old.version, m.version))
        found = step.step(old.direction, m.direction) if step else None
        frag = step.anchor_for(old.direction, m.direction) if step else None
        href = self.href(old.version, m.version, frag)
        if m.via.kind is LinkKind.REAPPEARED:
            return Cell(text, href, "back", self._back_label(lin, m, found))
        if found is not None and found.subjects:
            return Cell(text, href, "changed", t("site.changed_label", self.lang,
                                                 what=subjects_text(found.subjects, self.lang)))
        return Cell(text, href)

    def _back_label(self, lin: Lineage, m: Member, found: Step | None) -> str:
        """再次出现（2000年度第二批 征求意见稿未设立）, and what changed meanwhile."""
        a = self.back.get((lin.id, m.version))
        order = [v.id for v in self.h.versions]
        last_absent = order[order.index(m.version) - 1]
        first_absent = a.version if a is not None else last_absent
        absent = self.name(first_absent) if first_absent == last_absent else t(
            "site.range", self.lang, a=self.name(first_absent), b=self.name(last_absent))
        label = t("site.back_label", self.lang, absent=absent)
        if found is not None and found.subjects:
            label += t("sep.clause", self.lang) + t("site.changed_label", self.lang,
                                                    what=subjects_text(found.subjects, self.lang))
        return label


# ---------------------------------------------------------------- each version in brief


@dataclass(frozen=True)
class VersionSummary:
    """What a version changed against the one before it, by programme names."""

    version: VersionInfo
    name: str
    first: bool  # the first version: everything in it is new
    new: tuple[str, ...]
    back: tuple[str, ...]
    dropped: tuple[str, ...]
    changed: tuple[str, ...]
    stated_budget: str  # 国拨经费总概算 as the document states it (约6.2亿元), or —
    summed_budget: str  # the sum of the directions' budgets, or —


def _changed(m: Member, pairs: Pairs) -> bool:
    if m.via is None or m.via.kind in (LinkKind.SPLIT, LinkKind.MERGED):
        return False
    summary = pairs.get((m.via.source.version, m.version))
    step = summary.step(m.via.source.direction, m.direction) if summary else None
    return bool(step and step.subjects)


def version_summaries(h: History, pairs: Pairs, lang: str) -> list[VersionSummary]:
    gone: dict[str, list[str]] = {}
    for a in absences(h):
        gone.setdefault(a.version, []).append(a.lineage.name)
    new: dict[str, list[str]] = {}
    back: dict[str, list[str]] = {}
    changed: dict[str, list[str]] = {}
    for lin in h.lineages:
        for m in lin.members:
            kind = m.via.kind if m.via is not None else None
            if kind in (None, LinkKind.SPLIT):
                new.setdefault(m.version, []).append(lin.name)
            elif kind is LinkKind.REAPPEARED:
                back.setdefault(m.version, []).append(lin.name)
            if _changed(m, pairs):
                changed.setdefault(m.version, []).append(lin.name)
    out = []
    for k, v in enumerate(h.versions):
        tot = v.totals
        stated = yuan(tot.stated_budget_wan, lang, tot.stated_budget_approx) \
            if tot.stated_budget_wan is not None else "—"
        summed = yuan(Decimal(tot.budget_wan), lang) if tot.budget_wan is not None else "—"
        out.append(VersionSummary(v, version_name(v, lang), k == 0, tuple(new.get(v.id, ())),
                                  tuple(back.get(v.id, ())), tuple(gone.get(v.id, ())),
                                  tuple(changed.get(v.id, ())), stated, summed))
    return out
