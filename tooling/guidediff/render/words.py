"""Typed values in words, as every report writes them (one wording, from the catalogue): an
amount (2500万元, 约6.2亿元), a budget with its caps, a number of projects, a duration, a
contact; and a quote of a document's text, cut only where a clause ends."""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Contact, Duration, Money
from ..normalize.facts import Budget, Projects, fmt_wan
from .i18n import catalogue, t

NONE = "—"  # a value the document does not state


def yuan(wan: Decimal | int | None, lang: str = "zh", approx: bool = False) -> str:
    """An amount in 万元 as a reader writes it: 2500万元, 8.2亿元 (约 6.2亿元, about 6.2亿元)."""
    if wan is None:
        return NONE
    w = Decimal(wan)
    text = t("value.yi", lang, n=fmt_wan(w / 10000)) if w >= 10000 else \
        t("value.wan", lang, n=fmt_wan(w))
    return t("value.about", lang, x=text) if approx else text


def tolerance_text(tolerance: Decimal, stated: Decimal | int, figure: str, lang: str) -> str:
    """How far a stated figure may be from the sum of its parts, in the figure's own unit:
    a total printed as 6.2亿元 is exact to ±0.05亿元."""
    if figure != "budget_wan":
        return str(tolerance)
    if Decimal(stated) >= 10000 and tolerance:
        return t("value.yi", lang, n=fmt_wan(Decimal(tolerance) / 10000))
    return yuan(tolerance, lang)


def budget_text(b: Budget | None, lang: str = "zh") -> str:
    if b is None:
        return NONE
    text = NONE
    if b.amount_wan is not None and len(b.lines) > 1:
        # printed as several amounts (one per group of areas): each as printed, and their sum
        # as a sum, never as a figure the document states (不超过2500万元、不超过3000万元（合计…）)
        each = t("sep.list", lang).join(_money_text(m, lang) for m in b.lines)
        text = t("value.lines", lang, each=each, total=yuan(b.amount_wan, lang))
    elif b.amount_wan is not None:
        text = yuan(b.amount_wan, lang, b.approx)
        text = t("value.up_to", lang, x=text) if b.cap else text
    if b.per_project is not None:
        text += t("value.per_project", lang, each=yuan(b.per_project.amount_wan, lang))
    if b.foreign:  # kept with their currency, never summed with 万元
        other = t("sep.list", lang).join(foreign_text(m, lang) for m in b.foreign)
        text = other if b.amount_wan is None and b.per_project is None else \
            t("value.and_foreign", lang, text=text, other=other)
    return text


def _money_text(m: Money, lang: str) -> str:
    text = yuan(m.amount_wan, lang, m.approx)
    return t("value.up_to", lang, x=text) if m.cap else text


def foreign_text(m: Money, lang: str = "zh") -> str:
    """An amount in another currency, in its own: 500万美元 (never as 万元)."""
    units = format((m.amount_wan * 10000).normalize(), ",f")
    text = t("value.foreign", lang, wan=fmt_wan(m.amount_wan), units=units,
             currency=t(f"currency.{m.currency}", lang) if f"currency.{m.currency}"
             in catalogue() else m.currency, code=m.currency)
    return t("value.up_to", lang, x=text) if m.cap else text


def count_text(p: Projects | None, lang: str = "zh") -> str:
    if p is None:
        return NONE
    n = f"{p.min}-{p.max}" if p.min is not None and p.max is not None and p.min != p.max \
        else str(p.max if p.max is not None else p.min)
    if p.cap:
        n = t("value.up_to", lang, x=n)
    if p.approx:
        n = t("value.about", lang, x=n)
    return t("value.count", lang, n=n)


def duration_text(d: Duration | None, lang: str = "zh") -> str:
    if d is None:
        return NONE
    if d.from_year is not None:
        return t("value.period", lang, a=d.from_year, b=d.to_year)
    span = f"{d.min_years}～{d.max_years}" if d.min_years is not None and \
        d.min_years != d.max_years else str(d.max_years)
    return t("value.years", lang, n=t("value.up_to", lang, x=span) if d.cap else span)


def contact_text(c: Contact, lang: str = "zh") -> str:
    """A contact whole, as the document gives it: 王一（单位：…，电话：…，邮箱：…，网址：…）;
    a contact without a name is named by its e-mail."""
    parts = [t(f"contact.{name}", lang, x=value) for name, value in (
        ("org", c.org), ("phone", t("sep.list", lang).join(c.phones)),
        ("email", c.email if c.name else None), ("web", c.web)) if value]
    who = c.name or c.email or ""
    return t("contact.whole", lang, name=who, details=t("sep.comma", lang).join(parts)) \
        if parts else who


# ---------------------------------------------------------------- quoting

_BOUNDARY = re.compile(r"[，。；：、！？]|[;:,](?=\s)")
# what a quote never cuts: a URL (its colon may be full-width), an e-mail address, a number
_WHOLE = re.compile(r"(?i:https?|ftp)\s*[:：]\s*//[^\s，。；、（）()“”《》]+"
                    r"|(?i:www)\.[^\s，。；、（）()“”《》]+"
                    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|\d[\d.,]*\d")


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
