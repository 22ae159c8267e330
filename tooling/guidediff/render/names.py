"""How readers see places, sources and changes: one wording for every report, in Chinese by
default and English on request. No internal name (a field key, ``requirements[6]``) reaches a
reader: positions are named as a drafting office names them (第6项其他要求, 第3个领域方向)."""

from __future__ import annotations

import re
from decimal import Decimal

from ..compare.events import Change, StatedFigure
from ..compare.evidence import (
    DifferentPartners,
    Evidence,
    NoAgreementInCommon,
    Part,
    RewordedAgreement,
    SameAgreement,
    SamePartner,
    sentence,
)
from ..compare.kinds import Kind, Operation, Subject
from ..compare.location import OTHER, PART, Location, Scope
from ..model import Contact, Duration, Source
from ..normalize.facts import Budget, Projects, fmt_wan
from ..normalize.patterns import unmarked
from ..normalize.vocabulary import vocabulary

# places of a direction that are not fields, and the document's own parts
_DIRECTION: dict[str, tuple[str, str]] = {
    "title": ("名称", "title"),
    "contacts": ("联系人", "contacts"),
    "links": ("链接", "links"),
    "direction": ("方向", "direction"),
}
_PREAMBLE: dict[str, tuple[str, str]] = {
    "title": ("标题", "title"),
    "front": ("前言", "introduction"),
    "goals": ("总体目标", "general goals"),
    "directions": ("领域和方向说明", "directions (introduction)"),
}
FIGURES: dict[str, tuple[str, str, str, str]] = {  # name zh, unit zh, name en, unit en
    "directions": ("指南方向数", "个", "number of directions", ""),
    "partners": ("合作国家、地区和国际组织数", "个", "partner countries and bodies", ""),
    "tasks": ("项目任务数", "项", "number of tasks", ""),
    "budget_wan": ("国拨经费总概算", "", "total budget", ""),
}
# list clauses: how a position is counted in each (第3个领域方向, 第6项其他要求)
_COUNTED = {"areas": ("第{n}个领域方向", "area {n}"),
            "requirements": ("第{n}项其他要求", "requirement {n}"),
            "agreements": ("第{n}项合作协议", "agreement {n}")}


def section_name(where: Location, lang: str = "zh") -> str:
    """The section of a place as readers call it: budget → 拟支持经费, goals → 总体目标."""
    zh = lang == "zh"
    if where.scope is Scope.FIGURE:
        return FIGURES[where.section][0 if zh else 2]
    if where.scope is Scope.PREAMBLE:
        if where.section == PART:
            return f"第{where.part}部分" if zh else f"part {where.part}"
        return _PREAMBLE[where.section][0 if zh else 1]
    if where.section == OTHER:
        return where.label  # a label guidediff does not know is shown as printed (申报说明)
    if where.section in _DIRECTION:
        return _DIRECTION[where.section][0 if zh else 1]
    f = vocabulary().field(where.section)
    return where.section if f is None else (f.zh if zh else f.en)


def place(where: Location, lang: str = "zh") -> str:
    """Where a change is, in words: requirements (6) → 第6项其他要求, areas (1, 2) → 第1个领域方向
    第2项, goals (2) → 总体目标第2句, a part's heading → 总体目标（标题）."""
    zh = lang == "zh"
    name = section_name(where, lang)
    if where.heading:
        return f"{name}（标题）" if zh else f"{name} (heading)"
    if not where.path:
        return name
    top, rest = where.path[0], ".".join(str(k) for k in where.path[1:])
    if where.scope is Scope.DIRECTION and where.section in _COUNTED:
        text = _COUNTED[where.section][0 if zh else 1].format(n=top)
    elif where.scope is Scope.PREAMBLE:
        text = f"{name}第{top}句" if zh else f"{name}, sentence {top}"
    else:
        text = f"{name}第{top}项" if zh else f"{name} {top}"
    if rest:
        text += f"第{rest}项" if zh else f", item {rest}"
    return text


def source_text(src: Source | None, unit: str = "line", lang: str = "zh") -> str:
    """Where a clause stands in its document: 第5页第126行, 第3页第57段 (a DOCX paragraph)."""
    if src is None:
        return ""
    zh = lang == "zh"
    lines = str(src.line) if src.end_line == src.line else f"{src.line}–{src.end_line}"
    if zh:
        what = f"第{lines}{'段' if unit == 'paragraph' else '行'}"
        return (f"第{src.page}页" if src.page is not None else "") + what
    what = f"{'para.' if unit == 'paragraph' else 'l.'} {lines}"
    return (f"p. {src.page}, " if src.page is not None else "") + what


# ---------------------------------------------------------------- quoting

_BOUNDARY = re.compile(r"[，。；：、！？]|[;:,](?=\s)")
# what a quote never cuts: a URL (its colon may be full-width), an e-mail address, a number
_WHOLE = re.compile(r"(?:https?|ftp)\s*[:：]\s*//[^\s，。；、（）()“”《》]+"
                    r"|www\.[^\s，。；、（）()“”《》]+"
                    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|\d[\d.,]*\d",
                    re.IGNORECASE)


def quote(text: str, limit: int = 40) -> str:
    """Text to quote, cut only at a clause boundary (never inside an e-mail, URL or number):
    the longest run of whole clauses within ``limit`` characters, else the first clause."""
    text = text.strip()
    if len(text) <= limit:
        return text
    whole = [(m.start(), m.end()) for m in _WHOLE.finditer(text)]
    cuts = [m.end() for m in _BOUNDARY.finditer(text)
            if not any(a < m.end() < b for a, b in whole)]
    within = [c for c in cuts if c <= limit]
    cut = within[-1] if within else next(iter(cuts), len(text))
    head = text[:cut].rstrip("，、；：;:,")
    return head + ("……" if cut < len(text) else "")


# ---------------------------------------------------------------- values

def yuan(wan: Decimal | int | None, lang: str = "zh", approx: bool = False) -> str:
    """An amount in 万元 as a reader writes it: 2500万元, 8.2亿元 (约 6.2亿元, about 6.2亿元)."""
    if wan is None:
        return "—"
    w = Decimal(wan)
    text = f"{fmt_wan(w / 10000)}亿元" if w >= 10000 else f"{fmt_wan(w)}万元"
    if approx:
        text = ("约" if lang == "zh" else "about ") + text
    return text


def tolerance_text(tolerance: Decimal, stated: Decimal | int, figure: str, lang: str) -> str:
    """How far a stated figure may be from the sum of its parts, in the figure's own unit:
    a total printed as 6.2亿元 is exact to ±0.05亿元."""
    if figure != "budget_wan":
        return str(tolerance)
    if Decimal(stated) >= 10000 and tolerance:
        return f"{fmt_wan(Decimal(tolerance) / 10000)}亿元"
    return yuan(tolerance, lang)


def budget_text(b: Budget | None, lang: str = "zh") -> str:
    if b is None:
        return "—"
    zh = lang == "zh"
    cap = ("不超过" if zh else "up to ") if b.cap else ""
    text = cap + yuan(b.amount_wan, lang, b.approx) if b.amount_wan is not None else "—"
    if b.per_project is not None:
        each = yuan(b.per_project.amount_wan, lang)
        text += f"（每项不超过{each}）" if zh else f" (up to {each} per project)"
    return text


def count_text(p: Projects | None, lang: str = "zh") -> str:
    if p is None:
        return "—"
    zh = lang == "zh"
    n = f"{p.min}-{p.max}" if p.min is not None and p.max is not None and p.min != p.max \
        else str(p.max if p.max is not None else p.min)
    if p.cap:
        n = ("不超过" if zh else "up to ") + n
    if p.approx:
        n = ("约" if zh else "about ") + n
    return n + ("个" if zh else "")


def duration_text(d: Duration | None, lang: str = "zh") -> str:
    if d is None:
        return "—"
    zh = lang == "zh"
    if d.from_year is not None:
        return f"{d.from_year}—{d.to_year}年" if zh else f"{d.from_year}–{d.to_year}"
    span = f"{d.min_years}～{d.max_years}" if d.min_years is not None and \
        d.min_years != d.max_years else str(d.max_years)
    if zh:
        return ("不超过" if d.cap else "") + span + "年"
    return ("up to " if d.cap else "") + span + " years"


def contact_text(c: Contact, lang: str = "zh") -> str:
    parts = [c.name or "", c.org or "", c.email or ""]
    sep = "，" if lang == "zh" else ", "
    return sep.join(p for p in parts if p)


def _value_after_label(text: str | None) -> str:
    """A field's text without its label (拟支持项目数：15个。 → 15个)."""
    if not text:
        return ""
    return re.sub(r"^[\u4e00-\u9fff]{2,12}\s*[：:]\s*", "", text).rstrip("。.；;").strip()


# ---------------------------------------------------------------- one phrase per change

_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")


def _context(text: str, at_end: bool, n: int = 2) -> str:
    """Up to ``n`` Chinese characters of an unchanged neighbour, not across anything else."""
    chunk = text[-n:] if at_end else text[:n]
    stop = [k for k, ch in enumerate(chunk) if not _CJK_WORD.fullmatch(ch)]
    if not stop:
        return chunk
    return chunk[stop[-1] + 1:] if at_end else chunk[:stop[0]]


def _edits(ops: tuple[tuple[int, str], ...]) -> list[tuple[str, str]]:
    """The diff as (deleted, inserted) edits: a deletion, an insertion, or a replacement widened
    to whole words (智[慧→能和绿色]出行 is “智慧出行”→“智能和绿色出行”)."""
    out: list[tuple[str, str]] = []
    k = 0
    while k < len(ops):
        op, text = ops[k]
        if op < 0 and k + 1 < len(ops) and ops[k + 1][0] > 0:
            new = ops[k + 1][1]
            left = right = ""
            if _CJK_WORD.fullmatch(text) and _CJK_WORD.fullmatch(new):
                left = _context(ops[k - 1][1], True) if k > 0 and ops[k - 1][0] == 0 else ""
                right = _context(ops[k + 2][1], False) if k + 2 < len(ops) \
                    and ops[k + 2][0] == 0 else ""
            out.append((left + text + right, left + new + right))
            k += 2
            continue
        if op != 0:
            out.append((text, "") if op < 0 else ("", text))
        k += 1
    return [(a.strip(), b.strip()) for a, b in out if (a + b).strip()]


def _edit(c: Change, lang: str) -> str:
    """What a text edit did, as a drafting office says it: “2021年”改为“2022年”, 删去“…”,
    增加“…”; up to three edits, then how many more."""
    zh = lang == "zh"
    edits = _edits(c.diff)
    if not edits:
        old, new = quote(c.old_text or ""), quote(c.new_text or "")
        return f"由“{old}”调整为“{new}”" if zh else f"from “{old}” to “{new}”"
    said: list[str] = []
    marks = [e for e in edits if _punctuation(e[0] + e[1])]
    edits = [e for e in edits if not _punctuation(e[0] + e[1])]
    if marks:
        said.append("调整标点" if zh else "punctuation")
    for a, b in edits[:3]:
        a, b = quote(a, 30), quote(b, 30)
        if a and b:
            said.append(f"“{a}”改为“{b}”" if zh else f"“{a}” → “{b}”")
        elif a:
            said.append(f"删去“{a}”" if zh else f"“{a}” deleted")
        else:
            said.append(f"增加“{b}”" if zh else f"“{b}” added")
    more = len(edits) - 3
    text = "，".join(said) if zh else "; ".join(said)
    if not text:
        return "调整标点" if zh else "punctuation"
    if more > 0:
        text += f"等{len(edits)}处" if zh else f" and {more} more"
    return text


def _punctuation(text: str) -> bool:
    return bool(text) and all(not ch.isalnum() for ch in text)


def _operation(c: Change) -> Operation:
    """What happened to a clause: a text_changed event without one side is an addition or a
    removal."""
    if c.kind is Kind.TEXT_CHANGED and (c.old_text is None or c.new_text is None):
        return Operation.ADDED if c.old_text is None else Operation.REMOVED
    return c.kind.operation


def _clause(c: Change, lang: str) -> str:
    zh = lang == "zh"
    where = place(c.location, lang)
    op = _operation(c)
    if op is Operation.ADDED:
        text = quote(unmarked(c.new_text or ""))
        return f"新增{where}“{text}”" if zh else f"{where} added: “{text}”"
    if op is Operation.REMOVED:
        text = quote(unmarked(c.old_text or ""))
        return f"删除{where}“{text}”" if zh else f"{where} removed: “{text}”"
    if op is Operation.MOVED:
        return f"{where}调整顺序" if zh else f"{where} moved"
    return f"{where}{_edit(c, lang)}" if zh else f"{where}: {_edit(c, lang)}"


def _money_phrase(c: Change, lang: str) -> str:
    zh = lang == "zh"
    old = c.old_value if isinstance(c.old_value, Budget) else None
    new = c.new_value if isinstance(c.new_value, Budget) else None
    text = (f"经费由{budget_text(old, lang)}调整为{budget_text(new, lang)}" if zh else
            f"budget from {budget_text(old, lang)} to {budget_text(new, lang)}")
    if old and new and old.amount_wan is not None and new.amount_wan is not None:
        delta = new.amount_wan - old.amount_wan
        if delta:
            text += (f"，{'增加' if delta > 0 else '减少'}{yuan(abs(delta), lang)}" if zh else
                     f" ({'+' if delta > 0 else '−'}{yuan(abs(delta), lang)})")
        elif old.cap != new.cap:
            text += ("，取消“不超过”上限" if old.cap else "，改为上限") if zh else \
                (" (the cap is removed)" if old.cap else " (now a cap)")
    return text


def _figure_phrase(c: Change, lang: str) -> str:
    zh = lang == "zh"
    figure = c.location.section
    name, unit, name_en, _ = FIGURES[figure]

    def value(v: object) -> str:
        if not isinstance(v, StatedFigure) or v.number is None:
            return "—"
        if figure == "budget_wan":
            return yuan(v.number, lang, v.approx)
        if zh:
            return f"{v.number}{unit}{'左右' if v.approx else ''}"
        return f"{'about ' if v.approx else ''}{v.number}"

    old, new = value(c.old_value), value(c.new_value)
    return f"{name}由{old}调整为{new}" if zh else f"{name_en} from {old} to {new}"


def _contact_phrase(c: Change, lang: str) -> str:
    zh = lang == "zh"
    old = c.old_value if isinstance(c.old_value, Contact) else None
    new = c.new_value if isinstance(c.new_value, Contact) else None
    if c.kind is Kind.CONTACT_ADDED and new:
        return f"新增联系人{contact_text(new, lang)}" if zh else \
            f"contact added: {contact_text(new, lang)}"
    if c.kind is Kind.CONTACT_REMOVED and old:
        return f"删除联系人{contact_text(old, lang)}" if zh else \
            f"contact removed: {contact_text(old, lang)}"
    assert old is not None and new is not None
    parts = []
    for label_zh, label_en, a, b in (
            ("姓名", "name", old.name, new.name), ("单位", "organisation", old.org, new.org),
            ("电话", "phone", "、".join(old.phones), "、".join(new.phones)),
            ("邮箱", "e-mail", old.email, new.email), ("网站", "web site", old.web, new.web)):
        if (a or "") != (b or ""):
            parts.append(f"{label_zh}由{a or '—'}调整为{b or '—'}" if zh else
                         f"{label_en} from {a or '—'} to {b or '—'}")
    who = new.name or new.email or ""
    return (f"联系人{who}{'，'.join(parts)}" if zh else f"contact {who}: {'; '.join(parts)}")


def phrase(c: Change, lang: str = "zh") -> str:
    """The change in words, for the 说明 of a row and the sentences of a memo."""
    zh = lang == "zh"
    k = c.kind
    if k is Kind.BUDGET_CHANGED:
        return _money_phrase(c, lang)
    if k is Kind.PROJECT_COUNT_CHANGED:
        old, new = _value_after_label(c.old_text), _value_after_label(c.new_text)
        if not old or not new:
            old = count_text(c.old_value if isinstance(c.old_value, Projects) else None, lang)
            new = count_text(c.new_value if isinstance(c.new_value, Projects) else None, lang)
        return (f"拟支持项目数由“{old}”调整为“{new}”" if zh else
                f"number of projects from “{old}” to “{new}”")
    if k is Kind.DURATION_CHANGED:
        old_d = c.old_value if isinstance(c.old_value, Duration) else None
        new_d = c.new_value if isinstance(c.new_value, Duration) else None
        return (f"实施周期由{duration_text(old_d, lang)}调整为{duration_text(new_d, lang)}" if zh
                else f"duration from {duration_text(old_d, lang)} to "
                     f"{duration_text(new_d, lang)}")
    if k.subject is Subject.CONTACT:
        return _contact_phrase(c, lang)
    if k is Kind.LINK_ADDED:
        return f"新增链接{c.new_text}" if zh else f"link added: {c.new_text}"
    if k is Kind.LINK_REMOVED:
        return f"删除链接{c.old_text}" if zh else f"link removed: {c.old_text}"
    if k is Kind.TITLE_CHANGED:
        return (f"名称由“{c.old_text}”调整为“{c.new_text}”" if zh else
                f"title from “{c.old_text}” to “{c.new_text}”")
    if k.subject is Subject.AGREEMENT:
        if k.operation is Operation.ADDED:
            return f"新增合作协议《{c.new_text}》" if zh else f"agreement added: 《{c.new_text}》"
        if k.operation is Operation.REMOVED:
            return f"删除合作协议《{c.old_text}》" if zh else f"agreement removed: 《{c.old_text}》"
        return (f"合作协议《{c.old_text}》调整为《{c.new_text}》" if zh else
                f"agreement 《{c.old_text}》 now 《{c.new_text}》")
    if k is Kind.DOCUMENT_FIGURE_CHANGED:
        return _figure_phrase(c, lang)
    if k.subject is Subject.PROGRAM:
        added = k is Kind.PROGRAM_ADDED
        b = c.new_value if added else c.old_value
        money = budget_text(b if isinstance(b, Budget) else None, lang)
        return (f"{'新增方向' if added else '整体删除'}（经费{money}）" if zh else
                f"{'direction added' if added else 'direction dropped'} (budget {money})")
    return _clause(c, lang)


def evidence_text(e: Evidence, lang: str = "zh") -> str:
    """One piece of alignment evidence as a reader reads it."""
    if lang != "zh":
        return sentence(e)
    if isinstance(e, SameAgreement):
        return f"合作协议相同：《{e.title}》" + (f"（另有{e.more}项）" if e.more else "")
    if isinstance(e, RewordedAgreement):
        return f"合作协议措辞调整（相似度 {e.similarity:.2f}）"
    if isinstance(e, NoAgreementInCommon):
        return f"无相同合作协议（最接近的相似度 {e.closest:.2f}）"
    if isinstance(e, SamePartner):
        return f"合作方相同：{'、'.join(e.partners)}"
    if isinstance(e, DifferentPartners):
        return "合作方不同"
    return f"{'名称' if e.part is Part.TITLE else '领域方向'}相似度 {e.value:.2f}"
