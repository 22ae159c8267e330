"""The year memo: a year's guidelines against the previous year's, from the lineages, in the
style of the pair memo (Markdown and a GB/T 9704 Word document): the versions compared and their
totals, the programmes added, back after an absence and no longer set, the budget and quota
changes (worded by the phrase table, as the pair reports word them), and the contacts."""

from __future__ import annotations

from decimal import Decimal

from ..compare.digest import Values
from ..compare.events import Change
from ..compare.history import ValueChange, VersionInfo, YearChanges
from ..compare.kinds import Kind
from ..compare.lineage import Lineage, Member
from ..compare.location import Location
from ..model import Money
from ..normalize.facts import Budget, Projects
from .i18n import t
from .memo import Memo, date_text, memo_markdown
from .options import RenderOptions
from .phrases import phrase
from .words import count_text, yuan


def _budget(v: Values) -> Budget | None:
    """A member's budget as a typed value (its total, cap and per-project cap)."""
    if v.budget_wan is None and v.per_project_wan is None:
        return None
    per = Money(v.per_project_wan, cap=True, per="project") if v.per_project_wan else None
    return Budget(v.budget_wan, v.budget_cap, v.budget_approx, (), per)


def _projects(v: Values) -> Projects | None:
    if v.projects_min is None and v.projects_max is None:
        return None
    return Projects(v.projects_min, v.projects_max, v.projects_cap, False, ())


def _count(m: Member, lang: str) -> str:
    p = _projects(m.values)
    return t("year.not_stated", lang) if p is None else count_text(p, lang)


def _money(m: Member, lang: str) -> str:
    v = m.values
    if v.budget_wan is None:
        return t("year.not_stated", lang)
    return yuan(v.budget_wan, lang, v.budget_approx)


def _programme(lin: Lineage, m: Member, lang: str) -> str:
    return t("year.programme", lang, title=m.title, version=m.version, id=m.direction,
             budget=_money(m, lang), count=_count(m, lang))


def _names(vs: tuple[VersionInfo, ...], lang: str) -> str:
    return t("year.names_sep", lang).join(t("year.version", lang, title=v.title, id=v.id)
                                          for v in vs)


def _totals(y: YearChanges, lang: str) -> list[str]:
    out = []
    for field in ("directions", "projects", "budget_wan"):
        before, after = y.total("old", field), y.total("new", field)
        if after is None:
            continue
        if field == "budget_wan":
            o_text = yuan(Decimal(before), lang) if before is not None else "—"
            n_text = yuan(Decimal(after), lang)
        else:
            o_text, n_text = (str(before) if before is not None else "—"), str(after)
        out.append(t(f"year.total_{field}", lang, old=o_text, new=n_text))
    return out


def _versions(y: YearChanges, lang: str) -> tuple[str, ...]:
    if not y.new_versions:
        return (t("year.no_versions", lang, year=y.year),)
    new, old = _names(y.new_versions, lang), _names(y.old_versions, lang)
    if y.old_versions:
        out = [t("year.compares", lang, new=new, old=old)]
    else:
        out = [t("year.describes", lang, new=new, year=y.year - 1)]
    drafts = [v.id for v in (*y.old_versions, *y.new_versions) if v.stage != "final"]
    if drafts:
        out.append(t("year.drafts", lang, ids=t("sep.list", lang).join(drafts)))
    return (*out, *_totals(y, lang))


def _list(items: tuple[tuple[Lineage, Member], ...], lang: str) -> tuple[str, ...]:
    if not items:
        return (t("year.none", lang),)
    return tuple(_programme(lin, m, lang) for lin, m in items)


def _event(kind: Kind, c: ValueChange) -> Change:
    """A change of a lineage's values from one year to the next, as the event it is (worded
    by the phrase table)."""
    old, new = c.old.values, c.new.values
    if kind is Kind.BUDGET_CHANGED:
        values: tuple[object, object] = (_budget(old), _budget(new))
        where = Location.of_field("budget")
    else:
        values, where = (_projects(old), _projects(new)), Location.of_field("projects")
    return Change("", kind, c.old.direction, c.new.direction, where,
                  old_value=values[0], new_value=values[1])  # type: ignore[arg-type]


def _contacts(c: ValueChange, lang: str) -> str:
    added = sorted(set(c.new.values.emails) - set(c.old.values.emails))
    gone = sorted(set(c.old.values.emails) - set(c.new.values.emails))
    sep = t("sep.list", lang)
    parts = ([t("year.contacts_added", lang, emails=sep.join(added))] if added else []) + (
        [t("year.contacts_removed", lang, emails=sep.join(gone))] if gone else [])
    return t("sep.clause", lang).join(parts)


def _changes(cs: tuple[ValueChange, ...], lang: str, kind: Kind | None) -> tuple[str, ...]:
    """Each lineage's change in a sentence: its budget or count (``kind``), or its contacts."""
    out = []
    for c in cs:
        body = phrase(_event(kind, c), lang) if kind is not None else _contacts(c, lang)
        out.append(t("year.change", lang, title=c.new.title, old=c.old.direction,
                     new=c.new.direction, body=body))
    return tuple(out) or (t("year.none", lang),)


def build_year_memo(y: YearChanges, opts: RenderOptions) -> Memo:
    lang = opts.lang
    title = t("year.title", lang, year=y.year, previous=y.year - 1)
    heads = tuple(t(f"year.head_{part}", lang) for part in (
        "overview", "added", "reappeared", "dropped", "budgets", "counts", "contacts"))
    bodies = (_versions(y, lang), _list(y.added, lang), _list(y.reappeared, lang),
              _list(y.dropped, lang), _changes(y.budgets, lang, Kind.BUDGET_CHANGED),
              _changes(y.counts, lang, Kind.PROJECT_COUNT_CHANGED),
              _changes(y.contacts, lang, None))
    date = date_text(opts.date, lang) if opts.date else ""
    return Memo(title, tuple(zip(heads, bodies, strict=True)), opts.issuer or "", date)


def year_memo_md(y: YearChanges, opts: RenderOptions) -> bytes:
    return memo_markdown(build_year_memo(y, opts), opts.lang)


def year_memo_docx(y: YearChanges, opts: RenderOptions) -> bytes:
    from .memo_docx import memo_document

    subject = t("year.subject", opts.lang, year=y.year, previous=y.year - 1)
    return memo_document(build_year_memo(y, opts), opts, opts.revision_date(y.year), subject)
