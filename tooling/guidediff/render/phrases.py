"""The phrase table: every change event in words, one function per kind and language.

``phrase`` dispatches on the event's ``Kind`` (as xmldiff's formatters dispatch on an action's
type): a kind without a phrase in a language is a ``KeyError``, and ``tests/test_messages.py``
fails on it. The 说明 of the 新旧对照表, the memo, the HTML report, the CSV, the terminal summary,
the corpus site's timelines and the year memo all word events through ``phrase``. The evidence
of an alignment is worded here too (``evidence_text``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..compare.events import Change, ProgramValue, StatedFigure
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
from ..compare.kinds import Figure, Kind, Operation
from ..compare.reconcile import Check
from ..compare.typed import contact_parts
from ..model import Contact, Duration
from ..normalize.facts import Budget, Projects
from ..normalize.patterns import unmarked
from .i18n import t
from .names import figure_name, figure_value, place
from .words import (
    budget_text,
    contact_text,
    count_text,
    duration_text,
    quote,
    tolerance_text,
    yuan,
)

Phrase = Callable[[Change], str]

# ---------------------------------------------------------------- what a text edit did

_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")


def _context(text: str, at_end: bool, n: int = 2) -> str:
    """Up to ``n`` Chinese characters of an unchanged neighbour, not across anything else."""
    chunk = text[-n:] if at_end else text[:n]
    stop = [k for k, ch in enumerate(chunk) if not _CJK_WORD.fullmatch(ch)]
    if not stop:
        return chunk
    return chunk[stop[-1] + 1:] if at_end else chunk[:stop[0]]


def edits(ops: tuple[tuple[int, str], ...]) -> list[tuple[str, str]]:
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


def _punctuation(text: str) -> bool:
    return bool(text) and all(not ch.isalnum() for ch in text)


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _figure_numbers(c: Change) -> tuple[list[str], list[str]] | None:
    """The numbers a stated figure's event prints on each side (29 → 17; 8.2 → 6.2)."""
    if c.kind is not Kind.DOCUMENT_FIGURE_CHANGED:
        return None

    def printed(v: object) -> list[str]:
        if not isinstance(v, StatedFigure) or v.number is None:
            return []
        text = yuan(v.number) if v.figure is Figure.BUDGET else str(v.number)
        return _NUMBER.findall(text)

    return printed(c.old_value), printed(c.new_value)


def _said_by(besides: tuple[Change, ...]) -> Callable[[str, str], bool]:
    """Whether a text edit (deleted, inserted) is a stated figure that an event beside it
    says already (“29个”改为“17个” beside 指南方向数由29个调整为17个): a change is said once."""
    pairs = [x for x in (_figure_numbers(b) for b in besides) if x and x[0] and x[1]]
    return lambda a, b: any(_NUMBER.findall(a) == old and _NUMBER.findall(b) == new
                            for old, new in pairs)


REWORDING_QUOTE = 60  # a rewording's new words whole up to this, so what it keeps shows


def _quoted(a: str, b: str) -> tuple[str, str]:
    """The two sides of an edit, quoted: a deletion or an insertion up to 30 characters, a
    rewording's up to ``REWORDING_QUOTE`` (须分别向本国…申报 → …共同确定研究项目，必须分别向科技部和
    日本JICA申报: cut after 确定研究项目, the quote would hide that the rule stands)."""
    limit = REWORDING_QUOTE if a and b else 30
    return quote(a, limit), quote(b, limit)


def _edit_zh(c: Change, besides: tuple[Change, ...] = ()) -> str:
    """What a text edit did, as a drafting office says it: “2021年”改为“2022年”, 删去“…”,
    增加“…”; up to three edits, then how many more; none that an event beside it says."""
    said_by = _said_by(besides)
    every = edits(c.diff)
    found = [(a, b) for a, b in every if not said_by(a, b)]
    if every and not found:
        return ""  # every edit is a figure an event beside it says
    if not found:
        return f"由“{quote(c.old_text or '')}”调整为“{quote(c.new_text or '')}”"
    said = ["调整标点"] if any(_punctuation(a + b) for a, b in found) else []
    words = [(a, b) for a, b in found if not _punctuation(a + b)]
    for a, b in words[:3]:
        a, b = _quoted(a, b)
        said.append(f"“{a}”改为“{b}”" if a and b else f"删去“{a}”" if a else f"增加“{b}”")
    text = "，".join(said) or "调整标点"
    return text + (f"等{len(words)}处" if len(words) > 3 and said else "")


def _edit_en(c: Change, besides: tuple[Change, ...] = ()) -> str:
    said_by = _said_by(besides)
    every = edits(c.diff)
    found = [(a, b) for a, b in every if not said_by(a, b)]
    if every and not found:
        return ""  # every edit is a figure an event beside it says
    if not found:
        return f"from “{quote(c.old_text or '')}” to “{quote(c.new_text or '')}”"
    said = ["punctuation"] if any(_punctuation(a + b) for a, b in found) else []
    words = [(a, b) for a, b in found if not _punctuation(a + b)]
    for a, b in words[:3]:
        a, b = _quoted(a, b)
        said.append(f"“{a}” → “{b}”" if a and b else f"“{a}” deleted" if a else f"“{b}” added")
    text = "; ".join(said) or "punctuation"
    return text + (f" and {len(words) - 3} more" if len(words) > 3 and said else "")


# ---------------------------------------------------------------- clauses (areas, requirements,
# the document's text)


def _operation(c: Change) -> Operation:
    """What happened to a clause: a text_changed event without one side is an addition or a
    removal."""
    if c.kind is Kind.TEXT_CHANGED and (c.old_text is None or c.new_text is None):
        return Operation.ADDED if c.old_text is None else Operation.REMOVED
    return c.kind.operation


def _clause_zh(c: Change, besides: tuple[Change, ...] = ()) -> str:
    where, op = place(c.location, "zh"), _operation(c)
    if op is Operation.ADDED:
        return f"新增{where}“{quote(unmarked(c.new_text or ''))}”"
    if op is Operation.REMOVED:
        return f"删除{where}“{quote(unmarked(c.old_text or ''))}”"
    if op is Operation.MOVED:
        return f"{where}调整顺序"
    edit = _edit_zh(c, besides)
    return f"{where}{edit}" if edit else ""


def _clause_en(c: Change, besides: tuple[Change, ...] = ()) -> str:
    where, op = place(c.location, "en"), _operation(c)
    if op is Operation.ADDED:
        return f"{where} added: “{quote(unmarked(c.new_text or ''))}”"
    if op is Operation.REMOVED:
        return f"{where} removed: “{quote(unmarked(c.old_text or ''))}”"
    if op is Operation.MOVED:
        return f"{where} moved"
    edit = _edit_en(c, besides)
    return f"{where}: {edit}" if edit else ""


# ---------------------------------------------------------------- typed values


def _budgets(c: Change) -> tuple[Budget | None, Budget | None]:
    return (c.old_value if isinstance(c.old_value, Budget) else None,
            c.new_value if isinstance(c.new_value, Budget) else None)


def _budget_zh(c: Change) -> str:
    old, new = _budgets(c)
    text = f"经费由{budget_text(old, 'zh')}调整为{budget_text(new, 'zh')}"
    if old and new and old.amount_wan is not None and new.amount_wan is not None:
        delta = new.amount_wan - old.amount_wan
        if delta:
            text += f"，{'增加' if delta > 0 else '减少'}{yuan(abs(delta), 'zh')}"
        elif old.cap != new.cap:
            text += "，取消“不超过”上限" if old.cap else "，改为上限"
    return text


def _budget_en(c: Change) -> str:
    old, new = _budgets(c)
    text = f"budget from {budget_text(old, 'en')} to {budget_text(new, 'en')}"
    if old and new and old.amount_wan is not None and new.amount_wan is not None:
        delta = new.amount_wan - old.amount_wan
        if delta:
            text += f" ({'+' if delta > 0 else '−'}{yuan(abs(delta), 'en')})"
        elif old.cap != new.cap:
            text += " (the cap is removed)" if old.cap else " (now a cap)"
    return text


def _counts(c: Change, lang: str) -> tuple[str, str]:
    """The two numbers of projects, as the documents print them (the clause after its label),
    or in words where one side prints none."""
    old = c.old_value if isinstance(c.old_value, Projects) else None
    new = c.new_value if isinstance(c.new_value, Projects) else None
    if old is not None and new is not None and old.printed and new.printed:
        return old.printed, new.printed
    return count_text(old, lang), count_text(new, lang)


def _count_zh(c: Change) -> str:
    old, new = _counts(c, "zh")
    return f"拟支持项目数由“{old}”调整为“{new}”"


def _count_en(c: Change) -> str:
    old, new = _counts(c, "en")
    return f"number of projects from “{old}” to “{new}”"


def _durations(c: Change, lang: str) -> tuple[str, str]:
    return (duration_text(c.old_value if isinstance(c.old_value, Duration) else None, lang),
            duration_text(c.new_value if isinstance(c.new_value, Duration) else None, lang))


def _duration_zh(c: Change) -> str:
    old, new = _durations(c, "zh")
    return f"实施周期由{old}调整为{new}"


def _duration_en(c: Change) -> str:
    old, new = _durations(c, "en")
    return f"duration from {old} to {new}"


def _figure(c: Change, lang: str) -> tuple[str, str, str]:
    """The figure's name, and its old and new values as the documents state them."""
    figure = Figure(c.location.section)

    def value(v: object) -> str:
        if not isinstance(v, StatedFigure) or v.number is None:
            return "—"
        if figure is Figure.BUDGET:
            return yuan(v.number, lang, v.approx)
        return figure_value(figure, v.number, v.approx, lang)

    return figure_name(figure, lang), value(c.old_value), value(c.new_value)


def _figure_zh(c: Change) -> str:
    name, old, new = _figure(c, "zh")
    return f"{name}由{old}调整为{new}"


def _figure_en(c: Change) -> str:
    name, old, new = _figure(c, "en")
    return f"{name} from {old} to {new}"


def _contacts(c: Change) -> tuple[Contact, Contact]:
    assert isinstance(c.old_value, Contact) and isinstance(c.new_value, Contact)
    return c.old_value, c.new_value


def _contact_fields(old: Contact, new: Contact) -> list[tuple[int, str, str]]:
    """What changed in a contact: (which, old, new), which: 0 name, 1 organisation, 2 phones,
    3 e-mail, 4 web site."""
    pairs = ((old.name, new.name), (old.org, new.org),
             ("、".join(old.phones), "、".join(new.phones)), (old.email, new.email),
             (old.web, new.web))
    same = [x == y for x, y in zip(contact_parts(old), contact_parts(new), strict=True)]
    # a part is said changed where it is compared changed: never 米卡(Mika)调整为米卡（Mika）
    return [(k, a or "—", b or "—") for k, (a, b) in enumerate(pairs) if not same[k]]


def _contact_changed_zh(c: Change) -> str:
    old, new = _contacts(c)
    names = ("姓名", "单位", "电话", "邮箱", "网站")
    parts = [f"{names[k]}由{a}调整为{b}" for k, a, b in _contact_fields(old, new)]
    return f"联系人{new.name or new.email or ''}{'，'.join(parts)}"


def _contact_changed_en(c: Change) -> str:
    old, new = _contacts(c)
    names = ("name", "organisation", "phone", "e-mail", "web site")
    parts = [f"{names[k]} from {a} to {b}" for k, a, b in _contact_fields(old, new)]
    return f"contact {new.name or new.email or ''}: {'; '.join(parts)}"


def _added_contact(c: Change) -> Contact:
    assert isinstance(c.new_value, Contact)
    return c.new_value


def _removed_contact(c: Change) -> Contact:
    assert isinstance(c.old_value, Contact)
    return c.old_value


def _program(c: Change, lang: str) -> str:
    """A direction added or dropped whole: its budget, and the number of projects its own
    field prints."""
    v = c.new_value if c.kind is Kind.PROGRAM_ADDED else c.old_value
    budget = v.budget if isinstance(v, ProgramValue) else None
    projects = v.projects if isinstance(v, ProgramValue) else None
    what = t(f"phrase.{c.kind.value}", lang, budget=budget_text(budget, lang))
    if projects is None or projects.field != "projects" or not projects.printed:
        return t("phrase.program", lang, what=what)
    return t("phrase.program_count", lang, what=what, count=projects.printed)


# ---------------------------------------------------------------- the table

ZH: dict[Kind, Phrase] = {
    Kind.PROGRAM_ADDED: lambda c: _program(c, "zh"),
    Kind.PROGRAM_DROPPED: lambda c: _program(c, "zh"),
    Kind.TITLE_CHANGED: lambda c: f"名称由“{c.old_text}”调整为“{c.new_text}”",
    Kind.AGREEMENT_ADDED: lambda c: f"新增合作协议《{c.new_text}》",
    Kind.AGREEMENT_REMOVED: lambda c: f"删除合作协议《{c.old_text}》",
    Kind.AGREEMENT_CHANGED: lambda c: f"合作协议《{c.old_text}》调整为《{c.new_text}》",
    Kind.AREA_ADDED: _clause_zh,
    Kind.AREA_REMOVED: _clause_zh,
    Kind.AREA_CHANGED: _clause_zh,
    Kind.AREA_MOVED: _clause_zh,
    Kind.PROJECT_COUNT_CHANGED: _count_zh,
    Kind.BUDGET_CHANGED: _budget_zh,
    Kind.DURATION_CHANGED: _duration_zh,
    Kind.CONTACT_ADDED: lambda c: f"新增联系人{contact_text(_added_contact(c), 'zh')}",
    Kind.CONTACT_REMOVED: lambda c: f"删除联系人{contact_text(_removed_contact(c), 'zh')}",
    Kind.CONTACT_CHANGED: _contact_changed_zh,
    Kind.LINK_ADDED: lambda c: f"新增链接{href(c)}",
    Kind.LINK_REMOVED: lambda c: f"删除链接{href(c)}",
    Kind.REQUIREMENT_ADDED: _clause_zh,
    Kind.REQUIREMENT_REMOVED: _clause_zh,
    Kind.REQUIREMENT_CHANGED: _clause_zh,
    Kind.REQUIREMENT_MOVED: _clause_zh,
    Kind.TEXT_CHANGED: _clause_zh,
    Kind.DOCUMENT_FIGURE_CHANGED: _figure_zh,
}

EN: dict[Kind, Phrase] = {
    Kind.PROGRAM_ADDED: lambda c: _program(c, "en"),
    Kind.PROGRAM_DROPPED: lambda c: _program(c, "en"),
    Kind.TITLE_CHANGED: lambda c: f"title from “{c.old_text}” to “{c.new_text}”",
    Kind.AGREEMENT_ADDED: lambda c: f"agreement added: 《{c.new_text}》",
    Kind.AGREEMENT_REMOVED: lambda c: f"agreement removed: 《{c.old_text}》",
    Kind.AGREEMENT_CHANGED: lambda c: f"agreement 《{c.old_text}》 now 《{c.new_text}》",
    Kind.AREA_ADDED: _clause_en,
    Kind.AREA_REMOVED: _clause_en,
    Kind.AREA_CHANGED: _clause_en,
    Kind.AREA_MOVED: _clause_en,
    Kind.PROJECT_COUNT_CHANGED: _count_en,
    Kind.BUDGET_CHANGED: _budget_en,
    Kind.DURATION_CHANGED: _duration_en,
    Kind.CONTACT_ADDED: lambda c: f"contact added: {contact_text(_added_contact(c), 'en')}",
    Kind.CONTACT_REMOVED: lambda c: f"contact removed: {contact_text(_removed_contact(c), 'en')}",
    Kind.CONTACT_CHANGED: _contact_changed_en,
    Kind.LINK_ADDED: lambda c: f"link added: {href(c)}",
    Kind.LINK_REMOVED: lambda c: f"link removed: {href(c)}",
    Kind.REQUIREMENT_ADDED: _clause_en,
    Kind.REQUIREMENT_REMOVED: _clause_en,
    Kind.REQUIREMENT_CHANGED: _clause_en,
    Kind.REQUIREMENT_MOVED: _clause_en,
    Kind.TEXT_CHANGED: _clause_en,
    Kind.DOCUMENT_FIGURE_CHANGED: _figure_en,
}

TABLES: dict[str, dict[Kind, Phrase]] = {"zh": ZH, "en": EN}


def phrase(c: Change, lang: str = "zh", besides: tuple[Change, ...] = ()) -> str:
    """The change in words, for the 说明 of a row and the sentences of a memo; ``besides``: the
    events said with it (a text edit that is a stated figure they say is not said again; "" when
    they say all of it)."""
    if besides and c.kind is Kind.TEXT_CHANGED:
        return (_clause_zh if lang == "zh" else _clause_en)(c, besides)
    return TABLES[lang][c.kind](c)


# ---------------------------------------------------------------- evidence


def _evidence_zh(e: Evidence) -> str:
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


EVIDENCE: dict[str, Callable[[Evidence], str]] = {"zh": _evidence_zh, "en": sentence}


def evidence_text(e: Evidence, lang: str = "zh") -> str:
    """One piece of alignment evidence as a reader reads it (in English, as the JSON says
    it)."""
    return EVIDENCE[lang](e)


def href(c: Change) -> str:
    """The address a link event is about: its value (repaired: https:// for a printed
    https：//), or the words printed."""
    v = c.new_value if c.new_value is not None else c.old_value
    return v if isinstance(v, str) else (c.new_text or c.old_text or "")


# ---------------------------------------------------------------- a reconciliation's verdict


def check_verdict(ch: Check, lang: str) -> str:
    """Whether a stated figure and the sum of the directions agree, in words: 一致, 不一致,
    文件未述及, or 在文件所述精度（±0.05亿元）内一致 where they differ within the rounding the
    document prints its figure to (the terminal summary, the memo and the HTML 核对 table all
    say it so)."""
    if ch.stated is None:
        return t("check.not_stated", lang)
    if not ch.ok:
        return t("mismatch", lang)
    if ch.computed is not None and ch.stated != ch.computed:
        return t("check.within", lang,
                 step=tolerance_text(ch.tolerance, ch.stated, ch.figure, lang))
    return t("ok", lang)
