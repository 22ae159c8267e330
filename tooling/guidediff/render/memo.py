"""The annual change memo, written in sentences from the events (Markdown and DOCX).

The DOCX follows GB/T 9704 layout: 小标宋-style title, 仿宋 三号 body, 黑体 first-level and 楷体
second-level headings, 28 mm / 26 mm side margins, page numbers ``— 1 —``; fonts the Debian
machine lacks fall back to Noto CJK through the font table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from ..compare.events import ChangeLog
from ..normalize.facts import Budget, Projects, fmt_count, fmt_wan
from . import docxutil as dx
from .i18n import kind_label
from .options import RenderOptions
from .summary import Figure, ProgramLine, Summary, summarize

FIGURE_ZH = {"directions": ("指南方向", "个"), "partners": ("合作国家、地区和国际组织", "个"),
             "tasks": ("项目任务数", "项"), "budget_wan": ("国拨经费总概算", "")}
FIGURE_EN = {"directions": "directions", "partners": "partner countries, regions and bodies",
             "tasks": "tasks", "budget_wan": "total budget"}


@dataclass(frozen=True)
class Memo:
    title: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # heading, paragraphs


def _yuan(wan: Decimal | int | None, lang: str) -> str:
    if wan is None:
        return "—"
    w = Decimal(wan)
    if w >= 10000:
        return f"{fmt_wan(w / 10000)}亿元" if lang == "zh" else f"{fmt_wan(w / 10000)} 亿元"
    return f"{fmt_wan(w)}万元" if lang == "zh" else f"{fmt_wan(w)} 万元"


def _budget(b: Budget | None, lang: str) -> str:
    if b is None:
        return "—"
    cap = ("不超过" if lang == "zh" else "up to ") if b.cap else ""
    return cap + _yuan(b.amount_wan, lang)


def _count(p: Projects | None, lang: str) -> str:
    if p is None:
        return "—"
    s = fmt_count(p).replace("≤", "不超过" if lang == "zh" else "up to ").replace(
        "≈", "约" if lang == "zh" else "about ")
    return s + ("个" if lang == "zh" else "")


def _figure_zh(f: Figure) -> str:
    name, unit = FIGURE_ZH[f.figure]
    if f.figure == "budget_wan":
        return (f"{name}由{'约' if f.old_approx else ''}{_yuan(f.old, 'zh')}调整为"
                f"{'约' if f.new_approx else ''}{_yuan(f.new, 'zh')}")
    return (f"{name}由{f.old}{unit}{'左右' if f.old_approx else ''}调整为"
            f"{f.new}{unit}{'左右' if f.new_approx else ''}")


def _overview(s: Summary, log: ChangeLog, lang: str) -> tuple[str, ...]:
    if lang == "zh":
        figs = "，".join(_figure_zh(f) for f in s.figures if f.old is not None or
                        f.new is not None)
        return (f"与《{log.old.title}》相比，《{log.new.title}》{figs}。"
                f"两版共有{s.matched}个方向相互对应，新增{len(s.added)}个，删除{len(s.dropped)}个。",)
    figs = "; ".join(f"{FIGURE_EN[f.figure]} {_yuan(f.old, lang)} → {_yuan(f.new, lang)}"
                     if f.figure == "budget_wan" else f"{FIGURE_EN[f.figure]} {f.old} → {f.new}"
                     for f in s.figures)
    return (f"Compared with 《{log.old.title}》, 《{log.new.title}》 changes: {figs}. "
            f"{s.matched} directions correspond, {len(s.added)} were added and "
            f"{len(s.dropped)} dropped.",)


def _programs(s: Summary, lang: str) -> tuple[str, ...]:
    zh = lang == "zh"
    sep = "；" if zh else "; "
    def line(p: ProgramLine) -> str:
        if zh:
            return f"{p.title}（{p.id}，{_budget(p.budget, lang)}）"
        return f"{p.title} ({p.id}, {_budget(p.budget, lang)})"

    added = sep.join(line(p) for p in s.added)
    dropped = sep.join(line(p) for p in s.dropped)
    if zh:
        return (f"新增方向{len(s.added)}个：{added or '无'}。",
                f"删除方向{len(s.dropped)}个：{dropped or '无'}。")
    return (f"Added ({len(s.added)}): {added or 'none'}.",
            f"Dropped ({len(s.dropped)}): {dropped or 'none'}.")


def _money_sentence(b: object, lang: str) -> str:
    from .summary import BudgetLine

    assert isinstance(b, BudgetLine)
    diff = b.difference
    if lang == "zh":
        s = (f"{b.title}（{b.old_id}→{b.new_id}）经费由{_budget(b.old, lang)}"
             f"调整为{_budget(b.new, lang)}")
        if diff:
            s += f"，{'增加' if diff > 0 else '减少'}{_yuan(abs(diff), lang)}"
        elif b.old and b.new and b.old.cap != b.new.cap:
            s += "，" + ("取消“不超过”上限" if b.old.cap else "改为上限")
        return s + "。"
    s = f"{b.title} ({b.old_id}→{b.new_id}): budget {_budget(b.old, lang)} → " \
        f"{_budget(b.new, lang)}"
    return s + (f", {'+' if diff and diff > 0 else ''}{_yuan(diff, lang)}." if diff else ".")


def _budgets(s: Summary, lang: str) -> tuple[str, ...]:
    out = [_money_sentence(b, lang) for b in s.budgets]
    for c in s.counts:
        out.append(f"{c.title}（{c.old_id}→{c.new_id}）拟支持项目数由{_count(c.old, lang)}调整为"
                   f"{_count(c.new, lang)}。" if lang == "zh" else
                   f"{c.title} ({c.old_id}→{c.new_id}): projects {_count(c.old, lang)} → "
                   f"{_count(c.new, lang)}.")
    return tuple(out) or (("经费和项目数均无调整。",) if lang == "zh" else ("No changes.",))


def _contacts(s: Summary, lang: str) -> tuple[str, ...]:
    lines = []
    for c in s.contacts_added:
        who = "，".join(x for x in (c.contact.name, c.contact.org, c.contact.email) if x)
        lines.append(f"{c.title}（{c.new_id}）新增联系人：{who}。" if lang == "zh" else
                     f"{c.title} ({c.new_id}): contact added: {who}.")
    for c in s.contacts_removed:
        who = "，".join(x for x in (c.contact.name, c.contact.email) if x)
        lines.append(f"{c.title}（{c.old_id}）删除联系人：{who}。" if lang == "zh" else
                     f"{c.title} ({c.old_id}): contact removed: {who}.")
    return tuple(lines) or (("联系人无变化。",) if lang == "zh" else ("No contact changes.",))


def _requirements(s: Summary, log: ChangeLog, lang: str) -> tuple[str, ...]:
    titles = {(r.old, r.new): r.new_title or r.old_title for r in log.alignment}
    out = []
    for c in s.requirements:
        text = c.new_text if c.new_text is not None else c.old_text
        short = (text or "")[:80] + ("……" if text and len(text) > 80 else "")
        label = kind_label(c.kind, lang)
        where = titles.get((c.old_direction, c.new_direction), "")
        out.append(f"{where}（{c.field}）{label}：{short}" if lang == "zh" else
                   f"{where} ({c.field}) {label}: {short}")
    return tuple(out) or (("其他要求无实质变化。",) if lang == "zh" else ("None.",))


def _checks(s: Summary, lang: str) -> tuple[str, ...]:
    if not s.warnings:
        return ("两版文件所述总体数字与各方向合计经核对一致。",) if lang == "zh" else (
            "The stated totals of both documents agree with the sums of their directions.",)
    return tuple(f"{'原文' if w.document == 'old' else '修改后'}{FIGURE_ZH[w.figure][0]}："
                 f"文件所述{w.stated}，各方向合计{w.computed}，不一致。" if lang == "zh" else
                 f"{w.document} {w.figure}: stated {w.stated}, computed {w.computed}."
                 for w in s.warnings)


def build_memo(log: ChangeLog, lang: str = "zh") -> Memo:
    s = summarize(log)
    if lang == "zh":
        heads = ("一、总体情况", "二、新增和删除的方向", "三、经费和项目数调整", "四、联系人变化",
                 "五、其他要求的主要变化", "六、数字核对")
        title = f"关于{log.new.title}主要变化的说明"
    else:
        heads = ("1. Overview", "2. Directions added and dropped", "3. Budgets and quotas",
                 "4. Contacts", "5. Requirements", "6. Reconciliation")
        title = f"Changes in {log.new.title}"
    bodies = (_overview(s, log, lang), _programs(s, lang), _budgets(s, lang),
              _contacts(s, lang), _requirements(s, log, lang), _checks(s, lang))
    return Memo(title, tuple(zip(heads, bodies, strict=True)))


def render_memo_md(log: ChangeLog, opts: RenderOptions) -> bytes:
    m = build_memo(log, opts.lang)
    out = [f"# {m.title}", ""]
    for head, paras in m.sections:
        out += [f"## {head}", ""]
        for p in paras:
            out += [p, ""]
    return "\n".join(out).encode("utf-8")


def render_memo_docx(log: ChangeLog, opts: RenderOptions) -> bytes:
    m = build_memo(log, opts.lang)
    date = opts.revision_date(log.new.year)
    doc = Document()
    normal = doc.styles["Normal"]
    dx.set_east_asian_font(normal, "仿宋")
    normal.font.size = Pt(16)  # 三号
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.first_line_indent = Pt(32)  # two characters
    for name, font in (("Heading 1", "黑体"), ("Heading 2", "楷体"), ("Title", "黑体")):
        st = doc.styles[name]
        dx.set_east_asian_font(st, font)
        st.font.size = Pt(22 if name == "Title" else 16)
        st.font.bold = name == "Title"
        st.font.color.rgb = RGBColor(0, 0, 0)  # official documents print in black
        dx.remove_border(st)
        st.paragraph_format.first_line_indent = Pt(0) if name == "Title" else Pt(32)
    dx.declare_font_fallbacks(doc)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    title = doc.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dx.add_text(title, m.title)
    for head, paras in m.sections:
        dx.add_text(doc.add_paragraph(style="Heading 1"), head)
        for p in paras:
            dx.add_text(doc.add_paragraph(), p)
    dx.add_page_number_footer(sec)
    dx.set_properties(doc, m.title, date)
    return dx.save_deterministic(doc)
