"""The year memo: a year's guidelines against the previous year's, from the lineages, in the
style of the pair memo (Markdown and a GB/T 9704 Word document): the versions compared and their
totals, the programmes added, back after an absence and no longer set, the budget and quota
changes, and the contacts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..compare.history import ValueChange, VersionInfo, YearChanges
from ..compare.lineage import Lineage, Member
from .memo import Memo, memo_markdown
from .names import yuan
from .options import RenderOptions


def _count(m: Member, zh: bool) -> str:
    v = m.values
    if v.projects_max is None and v.projects_min is None:
        return "未写明" if zh else "not stated"
    lo, hi = v.projects_min, v.projects_max
    text = f"{lo}-{hi}" if lo is not None and hi is not None and lo != hi else str(hi or lo)
    return (("不超过" if zh else "at most ") if v.projects_cap else "") + text + ("个" if zh
                                                                                 else "")


def _money(m: Member, lang: str) -> str:
    v = m.values
    if v.budget_wan is None:
        return "未写明" if lang == "zh" else "not stated"
    return yuan(v.budget_wan, lang, v.budget_approx)


def _programme(lin: Lineage, m: Member, lang: str) -> str:
    zh = lang == "zh"
    return (f"{m.title}（{m.version} {m.direction}，经费{_money(m, lang)}，项目数{_count(m, zh)}）"
            if zh else f"{m.title} ({m.version} {m.direction}, budget {_money(m, lang)}, "
                       f"projects {_count(m, zh)})")


def _names(vs: tuple[VersionInfo, ...], zh: bool) -> str:
    return "、".join(f"{v.title}（{v.id}）" for v in vs) if zh else \
        "; ".join(f"{v.title} ({v.id})" for v in vs)


def _versions(y: YearChanges, lang: str) -> tuple[str, ...]:
    zh = lang == "zh"
    if not y.new_versions:
        return ((f"语料中没有{y.year}年度的指南。",) if zh else
                (f"The corpus holds no guideline of {y.year}.",))
    new, old = _names(y.new_versions, zh), _names(y.old_versions, zh)
    if y.old_versions:
        out = [f"本说明比较{new}与{old}。" if zh else f"This memo compares {new} with {old}."]
    else:
        out = [f"本说明列出{new}的情况；语料中没有{y.year - 1}年度的指南。" if zh else
               f"This memo describes {new}; the corpus holds no guideline of {y.year - 1}."]
    drafts = [v.id for v in (*y.old_versions, *y.new_versions) if v.stage != "final"]
    if drafts:
        out.append(f"其中{'、'.join(drafts)}尚无正式稿，按其最新版本比较。" if zh else
                   f"{', '.join(drafts)} have no final version: their latest version is "
                   "compared.")
    for field, zh_name, en_name in (("directions", "指南方向", "directions"),
                                    ("projects", "拟支持项目数", "projects"),
                                    ("budget_wan", "各方向经费合计", "budget of the directions")):
        before, after = y.total("old", field), y.total("new", field)
        if after is None:
            continue
        if field == "budget_wan":
            o_text = yuan(Decimal(before), lang) if before is not None else "—"
            n_text = yuan(Decimal(after), lang)
        else:
            o_text, n_text = (str(before) if before is not None else "—"), str(after)
        out.append(f"{zh_name}：{o_text} → {n_text}。" if zh else
                   f"{en_name}: {o_text} → {n_text}.")
    return tuple(out)


def _list(items: tuple[tuple[Lineage, Member], ...], lang: str, none: tuple[str, str]
          ) -> tuple[str, ...]:
    if not items:
        return (none[0] if lang == "zh" else none[1],)
    return tuple(_programme(lin, m, lang) for lin, m in items)


def _changes(cs: tuple[ValueChange, ...], lang: str, what: str) -> tuple[str, ...]:
    zh = lang == "zh"
    out = []
    for c in cs:
        head = f"{c.new.title}（{c.old.direction}→{c.new.direction}）" if zh else \
            f"{c.new.title} ({c.old.direction}→{c.new.direction})"
        if what == "budget":
            o, n = c.old.values.budget_wan, c.new.values.budget_wan
            body = f"经费由{_money(c.old, lang)}调整为{_money(c.new, lang)}" if zh else \
                f"budget from {_money(c.old, lang)} to {_money(c.new, lang)}"
            if o is not None and n is not None and o != n:
                delta = n - o
                body += (f"，{'增加' if delta > 0 else '减少'}{yuan(abs(delta), lang)}" if zh else
                         f" ({'+' if delta > 0 else '-'}{yuan(abs(delta), lang)})")
        elif what == "count":
            body = (f"拟支持项目数由{_count(c.old, zh)}调整为{_count(c.new, zh)}" if zh else
                    f"projects from {_count(c.old, zh)} to {_count(c.new, zh)}")
        else:
            added = sorted(set(c.new.values.emails) - set(c.old.values.emails))
            gone = sorted(set(c.old.values.emails) - set(c.new.values.emails))
            parts = ([("新增联系人" if zh else "contacts added: ") + "、".join(added)]
                     if added else []) + ([("删除联系人" if zh else "contacts removed: ")
                                           + "、".join(gone)] if gone else [])
            body = "；".join(parts) if zh else "; ".join(parts)
        out.append(f"{head}：{body}。" if zh else f"{head}: {body}.")
    return tuple(out) or (("无。",) if zh else ("None.",))


def build_year_memo(y: YearChanges, opts: RenderOptions) -> Memo:
    lang = opts.lang
    zh = lang == "zh"
    title = (f"关于{y.year}年度申报指南与{y.year - 1}年度相比主要变化的说明" if zh else
             f"Changes in the {y.year} guidelines against {y.year - 1}")
    heads = (("一、总体情况", "二、新设立的项目", "三、再次设立的项目", "四、不再设立的项目",
              "五、经费调整", "六、项目数调整", "七、联系人变化") if zh else
             ("1. Overview", "2. New programmes", "3. Programmes back after an absence",
              "4. Programmes no longer set", "5. Budgets", "6. Numbers of projects",
              "7. Contacts"))
    bodies = (_versions(y, lang),
              _list(y.added, lang, ("无。", "None.")),
              _list(y.reappeared, lang, ("无。", "None.")),
              _list(y.dropped, lang, ("无。", "None.")),
              _changes(y.budgets, lang, "budget"), _changes(y.counts, lang, "count"),
              _changes(y.contacts, lang, "contacts"))
    date = ""
    if opts.date:
        d = dt.date.fromisoformat(opts.date[:10])
        date = f"{d.year}年{d.month}月{d.day}日" if zh else d.isoformat()
    return Memo(title, tuple(zip(heads, bodies, strict=True)), opts.issuer or "", date)


def year_memo_md(y: YearChanges, opts: RenderOptions) -> bytes:
    return memo_markdown(build_year_memo(y, opts), opts.lang)


def year_memo_docx(y: YearChanges, opts: RenderOptions) -> bytes:
    from .memo_docx import memo_document

    subject = (f"{y.year}年度与{y.year - 1}年度申报指南对照" if opts.lang == "zh"
               else f"The {y.year} guidelines against {y.year - 1}")
    return memo_document(build_year_memo(y, opts), opts, opts.revision_date(y.year), subject)
