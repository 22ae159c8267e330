"""Parsers for the typed values printed in guidelines. Each returns spans over the text it is given.

Pure functions of a string: ``annotate`` decides which parsers run on which clause. Every
pattern is bounded and linear in the text: money, counts and durations match on the text as
``numbers.number_view`` shows it (each run of digits read whole, exactly or not at all, with at
most ``MAX_DIGITS`` digits), an e-mail address has at most 64 characters before its ``@``. A
number that cannot be read with certainty (too long, oddly grouped, a range of amounts) is not a
value: it stays text, and ``unreadable`` names it for a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from ..model import Agreement, Contact, Count, Duration, Email, Link, Money, Phone, Span
from ..text import ascii_view, canonical, fold_spaces, printed_unit
from .numbers import MAX_DIGITS, number_view, numbers
from .vocabulary import Vocabulary, vocabulary

# ---------------------------------------------------------------- money

# (on the number view: a run of digits is plain digits, or # when it cannot be read)
_INT = rf"(?<![\d#])\d{{1,{MAX_DIGITS}}}+(?![\d#])"
_NUMBER = rf"(?<![\d.#])\d{{1,{MAX_DIGITS}}}+(?:\.\d{{1,6}}+)?(?![\d#])"
_RANGE = r"[-－—–～~至到]"
_MULTIPLIER = {"亿": Decimal(10000), "千万": Decimal(1000), "百万": Decimal(100),
               "万": Decimal(1), "千": Decimal("0.1"), "": Decimal("0.0001")}
_MULT = "亿|千万|百万|万|千"


def _money_re() -> re.Pattern[str]:
    return vocabulary().pattern("money", _money_pattern)


def _money_pattern(vocab: Vocabulary) -> re.Pattern[str]:
    """An amount: a qualifier, a number, a multiplier (亿, 万, 千…) and a currency word from
    the vocabulary; an amount that is the upper end of a range (``1000-2000万元``,
    ``1000万元至2000万元``) has its lower end in ``low``."""
    words = sorted(vocab.currencies, key=len, reverse=True)
    cur = "|".join(re.escape(w) for w in words)
    return re.compile(
        r"(?P<pre>(?:约|不超过|不超|不高于|最多|至少|不少于)\s*)?"
        rf"(?:(?P<low>{_NUMBER})\s*(?:(?:{_MULT})\s*)?(?:(?:{cur})\s*)?{_RANGE}\s*)?"
        rf"(?P<num>{_NUMBER})\s*"
        rf"(?P<unit>(?P<mult>{_MULT})?\s*(?P<cur>{cur}))"
        r"(?P<suf>\s*(?:以内|左右))?")


def _decimal(viewed: str) -> Decimal:
    """A number of the number view as a Decimal (its digits and point, as printed)."""
    return Decimal(viewed.strip())


def _clean_decimal(d: Decimal) -> Decimal:
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()


def parse_money(text: str) -> list[Span]:
    """``不超过 4500 万元`` → Money(4500, cap); ``约 6.2 亿元`` → Money(62000, approx);
    ``45000000元`` → Money(4500); ``500万美元`` → Money(500, currency USD). A range of amounts
    is not one amount: it stays text (``unreadable`` names it)."""
    spans = []
    view = number_view(text)
    currencies = vocabulary().currencies
    for m in _money_re().finditer(view):
        if m.group("low"):
            continue
        pre, suf = (m.group("pre") or ""), (m.group("suf") or "")
        amount = _decimal(m.group("num")) * _MULTIPLIER[m.group("mult") or ""]
        currency = currencies[m.group("cur")]
        before = view[max(0, m.start() - 14):m.start()]
        per = "project" if vocabulary().per_project_re.search(before) else None
        printed, decimals = printed_unit(m.group("num") + m.group("unit"))
        value = Money(_clean_decimal(amount), cap=any(w in pre for w in ("不超", "不高于", "最多"))
                      or "以内" in suf, approx="约" in pre or "约" in before[-2:] or "左右" in suf,
                      minimum=any(w in pre for w in ("至少", "不少于")), currency=currency,
                      per=per, unit=printed, decimals=decimals)
        spans.append(Span(m.start(), m.end(), value))
    return spans


# ---------------------------------------------------------------- counts

_COUNT_RE = re.compile(
    rf"(?P<pre>(?:不超过|不超|约|最多)\s*)?(?P<a>{_INT})\s*"
    rf"(?:{_RANGE}\s*(?P<b>{_INT})\s*)?"
    r"个(?P<noun>项目)?(?P<suf>\s*(?:左右|以内))?")


def parse_project_counts(text: str) -> list[Span]:
    """Project counts: ``不超过 15 个``, ``5-8个``, ``90个项目左右``, ``15个（其中…7个以内）``.

    The first count outside parentheses is the total; counts inside parentheses are a breakdown
    (``of="subset"``).
    """
    spans = []
    depth_at = _paren_depths(text)
    for m in _COUNT_RE.finditer(number_view(text)):
        a, b = int(m.group("a")), m.group("b")
        pre, suf = m.group("pre") or "", m.group("suf") or ""
        cap = "不超" in pre or "最多" in pre or "以内" in suf
        of = "subset" if depth_at[m.start()] > 0 else "projects"
        low, high = (a, int(b)) if b else ((None, a) if cap else (a, a))
        spans.append(Span(m.start(), m.end(), Count(
            of, low, high, cap=cap, approx="约" in pre or "左右" in suf)))
    return spans


def _paren_depths(text: str) -> list[int]:
    depths, d = [], 0
    for c in text:
        if c in "（(":
            d += 1
        depths.append(d)
        if c in "）)":
            d = max(0, d - 1)
    return [*depths, d]


_SUMMARY_COUNTS = (
    ("directions", re.compile(rf"(?P<n>{_INT})\s*个\s*指南方向")),
    ("partners", re.compile(rf"与\s*(?P<n>{_INT})\s*个\s*(?:国家|地区|国际组织)")),
    ("tasks", re.compile(rf"任务数\s*(?P<n>{_INT})\s*项(?P<suf>左右)?")),
)


def parse_summary_counts(text: str) -> list[Span]:
    """The stated totals: ``设立 17 个指南方向``, ``与 14 个国家…``, ``项目任务数 283 项左右``."""
    spans = []
    view = number_view(text)
    for of, rx in _SUMMARY_COUNTS:
        for m in rx.finditer(view):
            n = int(m.group("n"))
            approx = bool(m.groupdict().get("suf"))
            spans.append(Span(m.start("n"), m.end(), Count(of, n, n, approx=approx)))
    return spans


# ---------------------------------------------------------------- durations



_DURATION_RE = re.compile(
    rf"(?P<pre>(?:原则上)?(?:不超过|不超|一般为|原则上为|为|最长)?\s*)"
    rf"(?:(?<![\d#])(?P<y1>\d{{4}})\s*{_RANGE}\s*(?P<y2>\d{{4}})(?![\d#])\s*年"
    rf"|(?<![\d#.])(?P<a>\d{{1,2}})\s*(?:{_RANGE}\s*(?P<b>\d{{1,2}})(?![\d#])\s*)?年(?![度级]))")


def parse_durations(text: str) -> list[Span]:
    """Durations after a duration keyword: ``原则上不超过 2年``, ``2～3年``, ``2021-2023年``."""
    spans = []
    view = number_view(text)
    for key in vocabulary().duration_re.finditer(view):
        window_end = min(len(view), key.end() + 30)
        for m in _DURATION_RE.finditer(view, key.end(), window_end):
            between = view[key.end():m.start()]
            if any(c in between for c in "。；;") or "注册" in between:
                break
            pre = m.group("pre") or ""
            if m.group("y1"):
                value = Duration(from_year=int(m.group("y1")), to_year=int(m.group("y2")))
            else:
                a, b = int(m.group("a")), m.group("b")
                cap = "不超" in pre or "最长" in pre
                value = Duration(None if cap and not b else a, int(b) if b else a, cap=cap)
            if pre.strip():  # the span starts at the qualifier (原则上不超过 …)
                start = m.start() + len(pre) - len(pre.lstrip())
            else:
                start = m.start("y1") if m.group("y1") else m.start("a")
            spans.append(Span(start, m.end(), value))
    return _dedupe(spans)


def _dedupe(spans: list[Span]) -> list[Span]:
    seen: set[tuple[int, int]] = set()
    out = []
    for s in spans:
        if (s.start, s.end) not in seen:
            seen.add((s.start, s.end))
            out.append(s)
    return out


# ---------------------------------------------------------------- links, e-mails, contacts

_STOP = r"\s，。；;、（）()“”《》<>\u4e00-\u9fff：，"
# (the case folded only where letters are: a whole-pattern IGNORECASE folds every character of
# the CJK range too, and compiles 20 times slower)
URL_RE = re.compile(rf"(?i:https?|ftp)\s*[:：]\s*//[^{_STOP}]+"
                    rf"|(?<![/@\w.])(?i:www)\.[^{_STOP}]+")
# an address starts where a run of address characters starts (a long run without @ is scanned
# once, not once per letter), with a local part of at most 64 characters and labels of at most 63
EMAIL_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
                      r"[A-Za-z0-9-]{1,63}+(?:\.[A-Za-z0-9-]{1,63}+){1,8}+")
_PHONE_RE = re.compile(r"(?<!\d)\+?\d[\d \-()]{5,30}\d")
_HONORIFIC_RE = re.compile(r"^(?:Mr|Ms|Mrs|Miss|Dr|Prof)\.?\s+")
_CONTACT_START = re.compile(r"联系人\s*[：:为]?|联系邮箱\s*[：:]|联系方式\s*[：:]")


def repair_url(printed: str) -> str:
    """The link value of a printed URL: full-width colon repaired, no spaces, no trailing dot."""
    href = re.sub(r"\s+", "", printed).replace("：", ":").rstrip(".,;:")
    return href if "://" in href else "http://" + href


def parse_links(text: str) -> list[Span]:
    spans = []
    for m in URL_RE.finditer(text):
        printed = m.group(0).rstrip(".,;:")
        spans.append(Span(m.start(), m.start() + len(printed), Link(repair_url(printed))))
    return spans


def parse_emails(text: str, start: int = 0, end: int | None = None,
                 view: str | None = None) -> list[Span]:
    """E-mail addresses in ``text[start:end]`` (``view``: its ``ascii_view``, if computed)."""
    out = []
    view = ascii_view(text) if view is None else view
    for m in EMAIL_RE.finditer(view, start, len(text) if end is None else end):
        addr = m.group(0).rstrip(".")
        out.append(Span(m.start(), m.start() + len(addr), Email(addr)))
    return out


def _name_and_org(head: str, rest_parts: list[str]) -> tuple[str | None, str | None]:
    head = head.strip(" ，,；;")
    org = None
    v = vocabulary()
    # 韩国研究财团 SangHa Woo (its letters full-width or not); 挪威研究理事会 李明, where the
    # organisation ends as one (a Chinese name after a space could be the name's own)
    latin = re.match(r"^([\u4e00-\u9fff（）()]{4,})\s*([A-Za-zＡ-Ｚａ-ｚ].*)$", head)
    chinese = re.match(r"^([\u4e00-\u9fff（）()]{4,})\s+([\u4e00-\u9fff·]{2,5})$", head)
    m = latin or (chinese if chinese and chinese.group(1).endswith(v.org_ends) else None)
    if m:
        org, head = m.group(1), m.group(2)
    for part in rest_parts:  # an organisation, not what the clause requires (申报前须与其确认…)
        bare = v.org_label_re.sub("", part).strip()  # 单位：韩国研究财团 (labels.toml)
        named = bare != part.strip() or bare.endswith(v.org_ends)  # labelled, or 应急管理部
        if re.fullmatch(r"[\u4e00-\u9fff（）()]{5,}", bare) and org is None \
                and (named or not v.says_requirement(bare)):
            org = bare
    # as printed (米卡（Mika）), spacing folded; contacts are matched by their canonical forms
    name = fold_spaces(_HONORIFIC_RE.sub("", head)) or None
    if name and any(mark in canonical(name) for mark in ("@", "://")):  # an address, any width
        name = None
    return name, fold_spaces(org) if org else None


def _phones(text: str, seg_start: int, seg_end: int) -> list[Span]:
    seg = ascii_view(text[seg_start:seg_end])
    spans = []
    for pm in re.finditer(r"电话\s*[：:]\s*", seg):
        chunk_end = seg.find("邮", pm.end())
        chunk = seg[pm.end(): chunk_end if chunk_end >= 0 else len(seg)]
        for ph in _PHONE_RE.finditer(chunk):
            number = ph.group(0).strip()
            s = seg_start + pm.end() + ph.start()
            spans.append(Span(s, s + len(number), Phone(number)))
    return spans


def _contact_at(text: str, seg_start: int, seg_end: int, email: Span) -> list[Span]:
    """One person: the Contact span, then the spans inside it (e-mail, phones, web site)."""
    seg = text[seg_start:seg_end]
    phones = _phones(text, seg_start, seg_end)
    webs = [Span(seg_start + w.start, seg_start + w.end, w.value) for w in parse_links(seg)]
    # the name, then its organisation: parts between commas, a name never past a sentence's end
    pieces = re.split(r"[，,。；;]", re.split(r"电话|邮箱|电邮|网站|E-?mail", seg)[0])
    name, org = _name_and_org(pieces[0], pieces[1:])
    assert isinstance(email.value, Email)
    web = webs[0].value if webs and isinstance(webs[0].value, Link) else None
    contact = Contact(name, org, tuple(p.value.number for p in phones
                                       if isinstance(p.value, Phone)),
                      email.value.address, web.href if web else None)
    return [Span(seg_start, seg_end, contact), email, *phones, *webs]


def parse_contacts(text: str) -> list[Span]:
    """Contacts after 联系人 / 联系邮箱: one per e-mail address, with the spans inside them."""
    out: list[Span] = []
    view = ascii_view(text)
    for cm in _CONTACT_START.finditer(text):
        nxt = _CONTACT_START.search(text, cm.end())
        region_end = nxt.start() if nxt else len(text)
        pos = cm.end()
        for em in parse_emails(text, pos, region_end, view):
            seg_start = pos
            while seg_start < em.start and text[seg_start] in " ，,；;。":
                seg_start += 1
            seg_end = em.end
            tail = re.match(r"[，,]\s*(?:网站|网址)\s*[：:]\s*\S+?(?=[。；;，,]|$)", text[seg_end:])
            if tail:
                seg_end += len(tail.group(0).rstrip("."))
            out.extend(_contact_at(text, seg_start, seg_end, em))
            pos = seg_end
    return out


# ---------------------------------------------------------------- agreements

_AGREEMENT_RE = re.compile(r"《[^《》]+》")


def parse_agreements(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), Agreement.from_printed(m.group(0)))
            for m in _AGREEMENT_RE.finditer(text)]


# ---------------------------------------------------------------- what each parser needs

def _has_url_start(text: str) -> bool:
    return "//" in text or ("." in text and "www." in text.lower())


# What a text must hold for a parser to find anything: a test of a few characters, run before
# the parser's patterns (most paragraphs hold no value of most kinds). Each must be implied by
# every pattern of its parser (tests/test_values.py checks them on generated texts).
MAY_FIND: dict[Callable[[str], list[Span]], Callable[[str], bool]] = {
    parse_money: lambda t: "元" in t or "人民币" in t,
    parse_project_counts: lambda t: "个" in t,
    parse_summary_counts: lambda t: "个" in t or "任务数" in t,
    parse_durations: lambda t: "年" in t,
    parse_links: _has_url_start,
    parse_emails: lambda t: "@" in t or "＠" in t,
    parse_contacts: lambda t: "联系" in t,
    parse_agreements: lambda t: "《" in t,
}


# ---------------------------------------------------------------- kept as text

_UNIT_AFTER = re.compile(r"[\s\u200b-\u200f\u2060-\u206f\ufeff]*"
                         r"(?P<unit>(?:亿|千万|百万|万|千)?\s*(?:元|人民币|美元|欧元)|个|项|年)")


def unreadable(text: str) -> list[str]:
    """The numbers before a unit that were kept as text (too long to be a value, grouped in a
    way that cannot be read with certainty, or a range of amounts), each described for a
    warning. A wrong number is never read instead."""
    view = ascii_view(text)
    out = []
    for n in numbers(view):
        unit = _UNIT_AFTER.match(view, n.end)
        if n.value is not None or unit is None:
            continue
        what = re.sub(r"\s", "", unit.group("unit"))
        if n.reason == "out of range":
            out.append(f"a number of {n.digits} digits before {what} is out of range and was "
                       "kept as text")
        else:
            out.append(f"the number “{_visible(n.printed)}” before {what} cannot be read with "
                       f"certainty ({n.reason}) and was kept as text")
    if "元" in text or "人民币" in text:
        nv = number_view(text)
        for m in _money_re().finditer(nv):
            if m.group("low"):
                printed = _visible(text[m.start("low"):m.end("unit")])
                out.append(f"“{printed}” is a range of amounts, not one amount, and was kept "
                           "as text")
    return out


def _visible(printed: str) -> str:
    """A printed run with what prints nothing shown as <U+XXXX>."""
    return "".join(c if (c.isprintable() and not c.isspace()) or c == " " else f"<U+{ord(c):04X}>"
                   for c in printed)


def out_of_range(text: str) -> list[str]:
    """(The former name of ``unreadable``.)"""
    return unreadable(text)
