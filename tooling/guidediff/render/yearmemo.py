"""The year memo: a year's guidelines against the previous year's, from the lineages, in the
style of the pair memo (Markdown and a GB/T 9704 Word document), as a drafting office writes it:
the documents compared named by their titles (never by an id), the totals of both years in
words, the programmes added, back after an absence and no longer set, the budget and quota
changes (worded by the phrase table, as the pair reports word them), the contacts whole (name,
organisation, phone, e-mail), the other changes of each programme (``yearchanges``), and the
count of wording edits, pointed to the 新旧对照表 written beside the memo."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ..compare.events import Change, ChangeLog
from ..compare.history import ValueChange, VersionInfo, YearChanges
from ..compare.kinds import Kind
from ..compare.lineage import Lineage, Member
from ..compare.location import Location
from .i18n import t
from .marks import budget_of, budget_printed, count_printed, projects_of, version_name
from .memo import Memo, date_text, memo_markdown
from .options import RenderOptions
from .phrases import phrase
from .words import yuan
from .yearchanges import Logs, contacts_said, other_changes, wording_edits

__all__ = ["Logs", "build_year_memo", "year_memo_docx", "year_memo_md"]


def document(v: VersionInfo, lang: str) -> str:
    """A version named as a document: 《…2023年度第一批项目申报指南（征求意见稿）》."""
    return t("year.document", lang, title=v.title or version_name(v, lang))


def _documents(vs: tuple[VersionInfo, ...], lang: str) -> str:
    return t("sep.list", lang).join(document(v, lang) for v in vs)


def _programme(m: Member, side: tuple[VersionInfo, ...], lang: str) -> str:
    """A programme as listed: its title, where it stands, its budget and count as printed."""
    v = next((x for x in side if x.id == m.version), None)
    where = t("year.in_version", lang, version=version_name(v, lang)) if len(side) > 1 else ""
    return t("year.programme", lang, title=m.title, where=where, id=m.direction,
             budget=budget_printed(m.values, lang), count=count_printed(m.values, lang))


def _total(field: str, before: object, after: object, lang: str) -> str | None:
    if after is None:
        return None
    def say(x: object) -> str:
        if x is None:
            return t("year.not_stated", lang)
        return yuan(Decimal(str(x)), lang) if field == "budget_wan" else \
            t("year.count", lang, n=x)
    if before == after:
        return t(f"year.total_{field}_same", lang, value=say(after))
    return t(f"year.total_{field}", lang, old=say(before), new=say(after))


def _versions(y: YearChanges, lang: str) -> tuple[str, ...]:
    if not y.new_versions:
        return (t("year.no_versions", lang, year=y.year),)
    new = _documents(y.new_versions, lang)
    if not y.old_versions:
        return (t("year.describes", lang, new=new, year=y.year),)
    out = [t("year.compares", lang, new=new, old=_documents(y.old_versions, lang))]
    drafts = [v for v in (*y.old_versions, *y.new_versions) if v.stage != "final"]
    if drafts:
        out.append(t("year.drafts", lang, documents=_documents(tuple(drafts), lang)))
    for field in ("directions", "projects", "budget_wan"):
        said = _total(field, y.total("old", field), y.total("new", field), lang)
        if said:
            out.append(said)
    return tuple(out)


def _list(items: tuple[tuple[Lineage, Member], ...], side: tuple[VersionInfo, ...],
          lang: str) -> tuple[str, ...]:
    if not items:
        return (t("year.none", lang),)
    return tuple(_programme(m, side, lang) + t("word.stop", lang) for _, m in items)


def _event(kind: Kind, c: ValueChange) -> Change:
    """A change of a lineage's values from one year to the next, as the event it is (worded
    by the phrase table)."""
    old, new = c.old.values, c.new.values
    if kind is Kind.BUDGET_CHANGED:
        values: tuple[object, object] = (budget_of(old), budget_of(new))
        where = Location.of_field("budget")
    else:
        values, where = (projects_of(old), projects_of(new)), Location.of_field("projects")
    return Change("", kind, c.old.direction, c.new.direction, where,
                  old_value=values[0], new_value=values[1])  # type: ignore[arg-type]


def programme_head(c: ValueChange, lang: str) -> str:
    """How a continued programme is introduced: its title and its numbers of both years."""
    if c.old.direction == c.new.direction:
        return t("year.head_same", lang, title=c.new.title, id=c.new.direction)
    return t("year.head_moved", lang, title=c.new.title, old=c.old.direction,
             new=c.new.direction)


def _said(c: ValueChange, body: str, lang: str) -> str:
    return t("year.change", lang, head=programme_head(c, lang), body=body)


def _values(cs: tuple[ValueChange, ...], lang: str, kind: Kind) -> tuple[str, ...]:
    out = tuple(_said(c, phrase(_event(kind, c), lang), lang) for c in cs)
    return out or (t("year.none", lang),)


def _contacts(y: YearChanges, logs: Logs, lang: str) -> tuple[str, ...]:
    out = []
    for c in y.continued:
        body = contacts_said(c, logs, lang)
        if body:
            out.append(_said(c, body, lang))
    return tuple(out) or (t("year.none", lang),)


def _others(y: YearChanges, logs: Logs, lang: str) -> tuple[str, ...]:
    out = []
    for c in y.continued:
        said = other_changes(c, logs, lang)
        if said:
            out.append(_said(c, t("sep.clause", lang).join(said), lang))
    versions = {v.id: v for v in (*y.old_versions, *y.new_versions)}
    for (old, new), n in wording_edits(y, logs).items():
        out.append(t("year.wording", lang, n=n, old=document(versions[old], lang),
                     new=document(versions[new], lang)))
    return tuple(out) or (t("year.none", lang),)


def build_year_memo(y: YearChanges, opts: RenderOptions, logs: Logs | None = None) -> Memo:
    """The memo (``logs``: the comparisons of the two years' documents, by their ids; without
    them, the contacts are told from the lineages' e-mail addresses and the other changes are
    not told)."""
    lang, found = opts.lang, logs or {}
    title = t("year.title", lang, year=y.year, previous=y.year - 1)
    heads = tuple(t(f"year.head_{part}", lang) for part in (
        "overview", "added", "reappeared", "dropped", "budgets", "counts", "contacts",
        "others"))
    bodies = (_versions(y, lang), _list(y.added, y.new_versions, lang),
              _list(y.reappeared, y.new_versions, lang),
              _list(y.dropped, y.old_versions, lang),
              _values(y.budgets, lang, Kind.BUDGET_CHANGED),
              _values(y.counts, lang, Kind.PROJECT_COUNT_CHANGED),
              _contacts(y, found, lang), _others(y, found, lang))
    date = date_text(opts.date, lang) if opts.date else ""
    return Memo(title, tuple(zip(heads, bodies, strict=True)), opts.issuer or "", date)


def year_memo_md(y: YearChanges, opts: RenderOptions,
                 logs: Mapping[tuple[str, str], ChangeLog] | None = None) -> bytes:
    return memo_markdown(build_year_memo(y, opts, logs), opts.lang)


def year_memo_docx(y: YearChanges, opts: RenderOptions,
                   logs: Mapping[tuple[str, str], ChangeLog] | None = None) -> bytes:
    from .memo_docx import memo_document

    subject = t("year.subject", opts.lang, year=y.year, previous=y.year - 1)
    return memo_document(build_year_memo(y, opts, logs), opts, opts.revision_date(y.year),
                         subject)
