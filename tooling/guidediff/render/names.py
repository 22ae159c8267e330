"""How readers see places, sources and changes: one wording for every report, in Chinese by
default and English on request. No internal name (a field key, ``requirements[6]``) reaches a
reader: positions are named as a drafting office names them (第6项其他要求, 第3个领域方向)."""

from __future__ import annotations

import re
from decimal import Decimal

from ..compare.events import Change
from ..model import Contact, Count, Duration, Money, Source
from ..normalize.facts import Budget, Projects, fmt_wan
from ..normalize.patterns import unmarked
from ..normalize.values import parse_money, parse_summary_counts
from ..normalize.vocabulary import vocabulary

# fields of a direction that are not in the vocabulary, and the document's own parts
_OTHER: dict[str, tuple[str, str]] = {
    "title": ("名称", "title"),
    "contacts": ("联系人", "contacts"),
    "links": ("链接", "links"),
    "direction": ("方向", "direction"),
    "text": ("正文", "text"),
    "preamble:title": ("标题", "title"),
    "preamble:front": ("前言", "introduction"),
    "preamble:goals": ("总体目标", "general goals"),
    "preamble:directions": ("领域和方向说明", "directions (introduction)"),
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


def field_name(key: str, lang: str = "zh") -> str:
    """A field or part as readers call it: budget → 拟支持经费, duration → 实施周期."""
    zh = lang == "zh"
    if key in _OTHER:
        return _OTHER[key][0 if zh else 1]
    if key in FIGURES:
        return FIGURES[key][0 if zh else 2]
    f = vocabulary().field(key)
    if f is not None:
        return f.zh if zh else f.en
    m = re.fullmatch(r"preamble:part(\d+)", key)
    if m:
        return f"第{m.group(1)}部分" if zh else f"part {m.group(1)}"
    return key  # an unknown label is shown as printed (申报说明)


def place(field: str, lang: str = "zh") -> str:
    """Where a change is, in words: requirements[6] → 第6项其他要求, areas[1.2] → 第1个领域方向
    第2项, preamble:goals[2] → 总体目标第2句, preamble:goals:heading → 总体目标（标题）."""
    zh = lang == "zh"
    m = re.fullmatch(r"(.+?)\[([\d.]+)\]", field)
    base, pos = (m.group(1), m.group(2)) if m else (field, "")
    if base.endswith(":heading"):
        name = field_name(base[: -len(":heading")], lang)
        return f"{name}（标题）" if zh else f"{name} (heading)"
    if not pos:
        return field_name(base, lang)
    top, _, rest = pos.partition(".")
    if base in _COUNTED:
        text = _COUNTED[base][0 if zh else 1].format(n=top)
    elif base.startswith("preamble:"):
        text = f"{field_name(base, lang)}第{top}句" if zh else \
            f"{field_name(base, lang)}, sentence {top}"
    else:
        text = f"{field_name(base, lang)}第{top}项" if zh else f"{field_name(base, lang)} {top}"
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
    if b.foreign:  # kept with their currency, never summed with 万元
        other = "、".join(foreign_text(m, lang) for m in b.foreign)
        text = other if b.amount_wan is None and b.per_project is None else \
            text + (f"，另{other}" if zh else f", and {other}")
    return text


_CURRENCY_WORDS = {"USD": "美元", "EUR": "欧元"}


def foreign_text(m: Money, lang: str = "zh") -> str:
    """An amount in another currency, in its own: 500万美元 (never as 万元)."""
    word = _CURRENCY_WORDS.get(m.currency, m.currency)
    cap = ("不超过" if lang == "zh" else "up to ") if m.cap else ""
    if lang == "zh":
        return f"{cap}{fmt_wan(m.amount_wan)}万{word}"
    units = (m.amount_wan * 10000).normalize()
    return f"{cap}{m.currency} {format(units, ',f')}"


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


def _clause(c: Change, lang: str) -> str:
    zh = lang == "zh"
    where = place(c.field, lang)
    op = c.kind.rsplit("_", 1)[1]
    if op == "added":
        text = quote(unmarked(c.new_text or ""))
        return f"新增{where}“{text}”" if zh else f"{where} added: “{text}”"
    if op == "removed":
        text = quote(unmarked(c.old_text or ""))
        return f"删除{where}“{text}”" if zh else f"{where} removed: “{text}”"
    if op == "moved":
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


def _approx(text: str | None, figure: str) -> bool:
    """Does the statement print this figure with 约 or 左右 (项目任务数 283 项左右)?"""
    if not text:
        return False
    if figure == "budget_wan":
        return any(isinstance(sp.value, Money) and sp.value.approx for sp in parse_money(text))
    return any(isinstance(sp.value, Count) and sp.value.of == figure and sp.value.approx
               for sp in parse_summary_counts(text))


def _figure_phrase(c: Change, lang: str) -> str:
    zh = lang == "zh"
    name, unit, name_en, _ = FIGURES.get(c.field, (c.field, "", c.field, ""))

    def value(v: object, text: str | None) -> str:
        approx = _approx(text, c.field)
        if v is None:
            return "—"
        if c.field == "budget_wan":
            return yuan(v, lang, approx)  # type: ignore[arg-type]
        if zh:
            return f"{v}{unit}{'左右' if approx else ''}"
        return f"{'about ' if approx else ''}{v}"

    old, new = value(c.old_value, c.old_text), value(c.new_value, c.new_text)
    return f"{name}由{old}调整为{new}" if zh else f"{name_en} from {old} to {new}"


def _contact_phrase(c: Change, lang: str) -> str:
    zh = lang == "zh"
    old = c.old_value if isinstance(c.old_value, Contact) else None
    new = c.new_value if isinstance(c.new_value, Contact) else None
    if c.kind == "contact_added" and new:
        return f"新增联系人{contact_text(new, lang)}" if zh else \
            f"contact added: {contact_text(new, lang)}"
    if c.kind == "contact_removed" and old:
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
    if k == "budget_changed":
        return _money_phrase(c, lang)
    if k == "project_count_changed":
        old, new = _value_after_label(c.old_text), _value_after_label(c.new_text)
        if not old or not new:
            old = count_text(c.old_value if isinstance(c.old_value, Projects) else None, lang)
            new = count_text(c.new_value if isinstance(c.new_value, Projects) else None, lang)
        return (f"拟支持项目数由“{old}”调整为“{new}”" if zh else
                f"number of projects from “{old}” to “{new}”")
    if k == "duration_changed":
        old_d = c.old_value if isinstance(c.old_value, Duration) else None
        new_d = c.new_value if isinstance(c.new_value, Duration) else None
        return (f"实施周期由{duration_text(old_d, lang)}调整为{duration_text(new_d, lang)}" if zh
                else f"duration from {duration_text(old_d, lang)} to "
                     f"{duration_text(new_d, lang)}")
    if k.startswith("contact_"):
        return _contact_phrase(c, lang)
    if k == "link_added":
        return f"新增链接{c.new_text}" if zh else f"link added: {c.new_text}"
    if k == "link_removed":
        return f"删除链接{c.old_text}" if zh else f"link removed: {c.old_text}"
    if k == "title_changed":
        return (f"名称由“{c.old_text}”调整为“{c.new_text}”" if zh else
                f"title from “{c.old_text}” to “{c.new_text}”")
    if k.startswith("agreement_"):
        op = k.rsplit("_", 1)[1]
        if op == "added":
            return f"新增合作协议《{c.new_text}》" if zh else f"agreement added: 《{c.new_text}》"
        if op == "removed":
            return f"删除合作协议《{c.old_text}》" if zh else f"agreement removed: 《{c.old_text}》"
        return (f"合作协议《{c.old_text}》调整为《{c.new_text}》" if zh else
                f"agreement 《{c.old_text}》 now 《{c.new_text}》")
    if k == "document_figure_changed":
        return _figure_phrase(c, lang)
    if k in ("program_added", "program_dropped"):
        b = c.new_value if k == "program_added" else c.old_value
        money = budget_text(b if isinstance(b, Budget) else None, lang)
        return (f"{'新增方向' if k == 'program_added' else '整体删除'}（经费{money}）" if zh else
                f"{'direction added' if k == 'program_added' else 'direction dropped'} "
                f"(budget {money})")
    if k == "text_changed" and (c.old_text is None or c.new_text is None):
        op = "added" if c.old_text is None else "removed"
        return _clause(Change(c.id, f"text_{op}", c.old_direction, c.new_direction, c.field,
                              c.old_text, c.new_text), lang)
    return _clause(c, lang)


_EVIDENCE = (
    (re.compile(r"^same agreement (《.*》)(?: \(\+(\d+)\))?$"),
     lambda m: f"合作协议相同：{m.group(1)}" + (f"（另有{m.group(2)}项）" if m.group(2) else "")),
    (re.compile(r"^reworded agreement \(similarity ([\d.]+)\)$"),
     lambda m: f"合作协议措辞调整（相似度 {m.group(1)}）"),
    (re.compile(r"^no agreement in common \(closest similarity ([\d.]+)\)$"),
     lambda m: f"无相同合作协议（最接近的相似度 {m.group(1)}）"),
    (re.compile(r"^same partner (.+)$"), lambda m: f"合作方相同：{m.group(1)}"),
    (re.compile(r"^different partners$"), lambda m: "合作方不同"),
    (re.compile(r"^title similarity ([\d.]+)$"), lambda m: f"名称相似度 {m.group(1)}"),
    (re.compile(r"^areas similarity ([\d.]+)$"), lambda m: f"领域方向相似度 {m.group(1)}"),
)


def evidence_text(evidence: str, lang: str = "zh") -> str:
    """One sentence of alignment evidence (written in English for tools) as a reader reads it."""
    if lang != "zh":
        return evidence
    for rx, say in _EVIDENCE:
        m = rx.match(evidence)
        if m:
            return say(m)
    return evidence
