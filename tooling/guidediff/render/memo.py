"""The change memo, written in sentences from the events (Markdown and DOCX), as a drafting
office writes one: the overview figures, the partners and programmes added and dropped, for each
direction one sentence per kind of change, the document's other parts, the reconciliation, and
a 落款 (the issuing office and the date).

The content is made here (``build_memo``), the Word layout in ``memo_docx.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from ..compare.events import Change, ChangeLog
from ..compare.kinds import AlignStatus, Kind, Operation, Subject
from ..model import Contact
from ..normalize.patterns import unmarked
from .names import FIGURES, budget_text, phrase, place, quote, tolerance_text, yuan
from .options import RenderOptions
from .summary import FigureLine, ProgramLine, Summary, summarize
from .text import check_line

CN = "一二三四五六七八九十"


@dataclass(frozen=True)
class Memo:
    title: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # heading, paragraphs
    issuer: str  # the 落款; empty: a line to fill in
    date: str  # as printed (2022年1月1日); empty: a line to fill in


# ---------------------------------------------------------------- 一、overview


def _figure(f: FigureLine, lang: str) -> str:
    zh = lang == "zh"
    name, unit, name_en, _ = FIGURES[f.figure]
    def value(v: object, approx: bool) -> str:
        if f.figure == "budget_wan":
            return yuan(v, lang, approx)  # type: ignore[arg-type]
        if v is None:
            return "—"
        return f"{v}{unit}{'左右' if approx else ''}" if zh else \
            f"{'about ' if approx else ''}{v}"
    old, new = value(f.old, f.old_approx), value(f.new, f.new_approx)
    return f"{name}由{old}调整为{new}" if zh else f"{name_en} from {old} to {new}"


def _rounding(log: ChangeLog, lang: str) -> list[str]:
    """Where a stated total and the sum of the directions differ within the document's
    rounding, say so: 8.2亿元 against 8.225亿元 is within 0.05亿元, not equal."""
    zh = lang == "zh"
    out = []
    for ch in log.checks:
        if not (ch.ok and ch.stated is not None and ch.computed is not None
                and ch.stated != ch.computed):
            continue
        doc = ("原文" if ch.document == "old" else "修改后") if zh else ch.document
        name = FIGURES[ch.figure][0 if zh else 2]
        step = tolerance_text(ch.tolerance, ch.stated, ch.figure, lang)
        if ch.figure == "budget_wan":
            stated, computed = yuan(ch.stated, lang), yuan(ch.computed, lang)
        else:
            stated, computed = str(ch.stated), str(ch.computed)
        out.append(f"{doc}所述{name}{stated}与各方向合计{computed}之差在文件所述精度（±{step}）以内"
                   if zh else f"the {doc} document's stated {name} ({stated}) and the sum of "
                   f"its directions ({computed}) agree within its rounding (±{step})")
    return out


def _overview(s: Summary, log: ChangeLog, lang: str) -> tuple[str, ...]:
    zh = lang == "zh"
    figs = [_figure(f, lang) for f in s.figures if f.old is not None or f.new is not None]
    if zh:
        first = (f"与《{log.old.title}》相比，《{log.new.title}》{'，'.join(figs)}。"
                 f"两版共有{s.matched}个方向相互对应，新增{len(s.added)}个，删除{len(s.dropped)}个。")
    else:
        first = (f"Compared with 《{log.old.title}》, 《{log.new.title}》: {'; '.join(figs)}. "
                 f"{s.matched} directions correspond, {len(s.added)} were added and "
                 f"{len(s.dropped)} dropped.")
    rounding = _rounding(log, lang)
    if rounding:
        first += ("其中，" if zh else " ") + ("；".join(rounding) if zh else "; ".join(rounding)) \
            + ("。" if zh else ".")
    return (first,)


# ---------------------------------------------------------------- 二、partners and programmes


def _partners(s: Summary, lang: str) -> tuple[str, ...]:
    zh = lang == "zh"
    added, dropped = "、".join(s.partners_added), "、".join(s.partners_dropped)
    if zh:
        return (f"新增合作国家、地区和国际组织{len(s.partners_added)}个：{added or '无'}。"
                f"不再列入的{len(s.partners_dropped)}个：{dropped or '无'}。",)
    return (f"Partner countries and bodies added ({len(s.partners_added)}): "
            f"{', '.join(s.partners_added) or 'none'}. No longer listed "
            f"({len(s.partners_dropped)}): {', '.join(s.partners_dropped) or 'none'}.",)


def _programs(s: Summary, lang: str) -> tuple[str, ...]:
    zh = lang == "zh"

    def line(p: ProgramLine) -> str:
        if zh:
            return f"{p.title}（{p.id}，{budget_text(p.budget, lang)}）"
        return f"{p.title} ({p.id}, {budget_text(p.budget, lang)})"

    sep = "；" if zh else "; "
    added = sep.join(line(p) for p in s.added)
    dropped = sep.join(line(p) for p in s.dropped)
    if zh:
        return (f"新增方向{len(s.added)}个：{added or '无'}。",
                f"删除方向{len(s.dropped)}个：{dropped or '无'}。")
    return (f"Added ({len(s.added)}): {added or 'none'}.",
            f"Dropped ({len(s.dropped)}): {dropped or 'none'}.")


# ---------------------------------------------------------------- 三、each direction


def _subject(text: str) -> str:
    """What an area is about: its text up to 包括 or its first clause, quoted whole."""
    t = unmarked(text or "")
    t = re.split(r"[，,：:；;。]|包括", t, maxsplit=1)[0]
    return quote(t, 30)


def _areas(changes: list[Change], lang: str) -> list[str]:
    """Area changes as sentences; when every area was replaced, one sentence says so
    (领域方向由“…”等3个调整为“…”)."""
    zh = lang == "zh"
    added = [c for c in changes if c.kind is Kind.AREA_ADDED and _top(c)]
    removed = [c for c in changes if c.kind is Kind.AREA_REMOVED and _top(c)]
    rest = [c for c in changes if c not in added and c not in removed]
    out = []
    if added and removed and not any(c.kind is Kind.AREA_CHANGED and _top(c)
                                     for c in changes):
        def some(cs: list[Change], old: bool) -> str:
            first = _subject((cs[0].old_text if old else cs[0].new_text) or "")
            more = (f"等{len(cs)}个" if zh else f" and {len(cs) - 1} more") if len(cs) > 1 else ""
            return f"“{first}”{more}"
        out.append(f"领域方向由{some(removed, True)}调整为{some(added, False)}" if zh else
                   f"areas changed from {some(removed, True)} to {some(added, False)}")
    else:
        rest = changes
    out.extend(phrase(c, lang) for c in rest)
    return out


def _top(c: Change) -> bool:
    """Is the change's clause a top-level one (an area, not an item inside one)?"""
    return len(c.location.path) < 2


def _requirements(changes: list[Change], lang: str) -> list[str]:
    """Requirements summarized, not pasted: how many were added, removed and reworded, each by
    its position and first clause."""
    zh = lang == "zh"
    groups: dict[Operation, list[Change]] = defaultdict(list)
    for c in changes:
        groups[c.kind.operation].append(c)
    out = []
    names = {Operation.ADDED: ("新增", "added"), Operation.REMOVED: ("删除", "removed"),
             Operation.CHANGED: ("调整", "reworded"), Operation.MOVED: ("调整顺序", "moved")}
    for op in (Operation.ADDED, Operation.REMOVED, Operation.CHANGED, Operation.MOVED):
        cs = groups.get(op, [])
        if not cs:
            continue
        if op in (Operation.ADDED, Operation.REMOVED):
            items = [f"{place(c.location, lang)}{'' if zh else ' '}"
                     f"“{quote(unmarked(c.new_text or c.old_text or ''), 24)}”" for c in cs]
        elif op is Operation.CHANGED:
            items = [phrase(c, lang) for c in cs]
        else:
            items = [place(c.location, lang) for c in cs]
        zh_name, en_name = names[op]
        out.append(f"其他要求{zh_name}{len(cs)}项：{'；'.join(items)}" if zh else
                   f"requirements {en_name} ({len(cs)}): {'; '.join(items)}")
    return out


# the order of a direction's sentences: by kind, the areas and the requirements each together
_ORDER: tuple[Kind | Subject, ...] = (
    Kind.TITLE_CHANGED, Kind.AGREEMENT_ADDED, Kind.AGREEMENT_REMOVED, Kind.AGREEMENT_CHANGED,
    Subject.AREA, Kind.PROJECT_COUNT_CHANGED, Kind.BUDGET_CHANGED, Kind.DURATION_CHANGED,
    Subject.REQUIREMENT, Kind.CONTACT_ADDED, Kind.CONTACT_REMOVED, Kind.CONTACT_CHANGED,
    Kind.LINK_ADDED, Kind.LINK_REMOVED, Kind.TEXT_CHANGED)
_GROUPED = (Kind.CONTACT_ADDED, Kind.CONTACT_REMOVED, Kind.LINK_ADDED, Kind.LINK_REMOVED)


def _direction(changes: list[Change], lang: str) -> list[str]:
    by: dict[Kind | Subject, list[Change]] = defaultdict(list)
    for c in changes:
        subject = c.kind.subject
        by[subject if subject in (Subject.AREA, Subject.REQUIREMENT) else c.kind].append(c)
    out: list[str] = []
    for key in _ORDER:
        cs = by.get(key, [])
        if key is Subject.AREA and cs:
            out.extend(_areas(cs, lang))
        elif key is Subject.REQUIREMENT and cs:
            out.extend(_requirements(cs, lang))
        elif isinstance(key, Kind) and key in _GROUPED and cs:
            out.append(_grouped(key, cs, lang))
        else:
            out.extend(phrase(c, lang) for c in cs)
    return out


def _grouped(kind: Kind, cs: list[Change], lang: str) -> str:
    """Contacts or links added (or removed) in one direction, in one sentence."""
    zh = lang == "zh"
    if len(cs) == 1:
        return phrase(cs[0], lang)
    added = kind.operation is Operation.ADDED
    op = ("新增" if added else "删除") if zh else ("added" if added else "removed")
    if kind.subject is Subject.CONTACT:
        people = [c.new_value if added else c.old_value for c in cs]
        names = [f"{p.name or p.email}（{p.email}）" if zh else f"{p.name or p.email} ({p.email})"
                 for p in people if isinstance(p, Contact)]
        return f"{op}联系人{len(cs)}人：{'、'.join(names)}" if zh else \
            f"{len(cs)} contacts {op}: {', '.join(names)}"
    links = [c.new_text or c.old_text or "" for c in cs]
    return f"{op}链接{len(cs)}个：{'、'.join(links)}" if zh else \
        f"{len(cs)} links {op}: {', '.join(links)}"


def direction_sentences(log: ChangeLog, lang: str) -> dict[tuple[str, str], list[str]]:
    """The substantive changes of each matched pair of directions, in sentences."""
    pairs: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for c in log.substantive():
        if c.old_direction and c.new_direction:
            pairs[(c.old_direction, c.new_direction)].append(c)
    return {(r.old or "", r.new or ""): _direction(pairs[(r.old or "", r.new or "")], lang)
            for r in log.alignment
            if r.status is AlignStatus.MATCHED and pairs.get((r.old or "", r.new or ""))}


def _directions(log: ChangeLog, lang: str) -> tuple[str, ...]:
    zh = lang == "zh"
    said = direction_sentences(log, lang)
    out = []
    for r in log.alignment:
        sentences = said.get((r.old or "", r.new or ""))
        if not sentences:
            continue
        head = f"{r.new_title}（{r.old}→{r.new}）" if zh else f"{r.new_title} ({r.old}→{r.new})"
        body = "；".join(sentences) + "。" if zh else "; ".join(sentences) + "."
        out.append(f"{head}：{body}" if zh else f"{head}: {body}")
    return tuple(out) or (("对应方向均无实质性调整。",) if zh else ("No substantive change.",))


# ---------------------------------------------------------------- 四、preamble, 五、checks


def _preamble(log: ChangeLog, lang: str) -> tuple[str, ...]:
    zh = lang == "zh"
    cs = [c for c in log.substantive() if c.kind is Kind.TEXT_CHANGED and not c.old_direction
          and not c.new_direction]
    out = [phrase(c, lang) + ("。" if zh else ".") for c in cs]
    return tuple(out) or (("文件其他部分无实质性调整。",) if zh else ("No other change.",))


def _checks(log: ChangeLog, lang: str) -> tuple[str, ...]:
    zh = lang == "zh"
    bad = [c for c in log.checks if not c.ok]
    if bad:
        return tuple(check_line(c, lang) + ("。" if zh else ".") for c in bad)
    if _rounding(log, lang):
        if zh:
            return ("两版文件所述总体数字与各方向合计经核对一致，"
                    "国拨经费总概算的差额在文件所述精度以内（见一）。",)
        return ("The stated totals of both documents agree with the sums of their directions, "
                "within the rounding the documents print (see 1).",)
    return ("两版文件所述总体数字与各方向合计经核对一致。" if zh else
            "The stated totals of both documents agree with the sums of their directions.",)


# ---------------------------------------------------------------- the memo


def _date(opts: RenderOptions, log: ChangeLog) -> str:
    """The memo's date: --date, else the date the newer document prints; else a blank line."""
    iso = opts.date or log.new.date
    if not iso:
        return ""
    d = dt.date.fromisoformat(iso[:10])
    return f"{d.year}年{d.month}月{d.day}日" if opts.lang == "zh" else d.isoformat()


def build_memo(log: ChangeLog, opts: RenderOptions | None = None) -> Memo:
    opts = opts or RenderOptions()
    lang = opts.lang
    s = summarize(log)
    if lang == "zh":
        heads = ("一、总体情况", "二、合作国家、地区和国际组织", "三、新增和删除的方向",
                 "四、各方向的主要调整", "五、指南其他部分的调整", "六、数字核对")
        title = f"关于{log.new.title}主要变化的说明"
    else:
        heads = ("1. Overview", "2. Partner countries and bodies",
                 "3. Directions added and dropped", "4. Changes direction by direction",
                 "5. Other parts of the guideline", "6. Reconciliation")
        title = f"Changes in {log.new.title}"
    bodies = (_overview(s, log, lang), _partners(s, lang), _programs(s, lang),
              _directions(log, lang), _preamble(log, lang), _checks(log, lang))
    return Memo(title, tuple(zip(heads, bodies, strict=True)), opts.issuer or "",
                _date(opts, log))


BLANK = {"zh": ("＿＿＿＿＿＿＿＿", "    年  月  日"),  # a 落款 to fill in
          "en": ("________________", "Date: __________")}


def memo_markdown(m: Memo, lang: str) -> bytes:
    """A memo in Markdown: every text the documents print escaped, a 落款 at the right."""
    from .escape import markdown

    blank_issuer, blank_date = BLANK[lang]
    out = [f"# {markdown(m.title)}", ""]
    for head, paras in m.sections:  # the headings are ours; the text quotes the documents
        out += [f"## {head}", ""]
        for p in paras:
            out += [markdown(p), ""]
    issuer = markdown(m.issuer) if m.issuer else blank_issuer
    date = markdown(m.date) if m.date else blank_date
    out += [f'<p align="right">{issuer}<br>{date}</p>', ""]
    return "\n".join(out).encode("utf-8")


def render_memo_md(log: ChangeLog, opts: RenderOptions) -> bytes:
    return memo_markdown(build_memo(log, opts), opts.lang)
