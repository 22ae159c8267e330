"""How typed values read in reports: one function for every renderer."""

from __future__ import annotations

from decimal import Decimal

from ..compare.events import ProgramValue, StatedFigure
from ..model import Contact, Duration
from ..normalize.facts import Budget, Projects, fmt_count, fmt_wan
from .i18n import t


def value_text(v: object, lang: str = "zh", compact: bool = False) -> str:
    """A value as readers see it; ``compact`` for the terminal (≤4500万元, not 不超过 4500 万元)."""
    if v is None:
        return "—"
    if isinstance(v, Budget):
        return _budget(v, lang, compact)
    if isinstance(v, Projects):
        return fmt_count(v) if compact else t("cell.count", lang, n=fmt_count(v))
    if isinstance(v, Duration):
        if v.from_year is not None:
            return f"{v.from_year}–{v.to_year}"
        if v.min_years is not None and v.min_years != v.max_years:
            return f"{v.min_years}～{v.max_years}年"
        return f"{'≤' if v.cap else ''}{v.max_years}年"
    if isinstance(v, Contact):
        parts = (v.name, v.org, v.email) if compact else (
            v.name, v.org, "、".join(v.phones), v.email, v.web)
        return "，".join(x for x in parts if x)
    if isinstance(v, StatedFigure):
        return value_text(v.number, lang, compact)
    if isinstance(v, ProgramValue):
        return value_text(v.budget, lang, compact)
    if isinstance(v, Decimal):
        return fmt_wan(v)
    return str(v)


def signed(d: Decimal | None) -> str:
    if d is None:
        return "—"
    return ("+" if d > 0 else "") + fmt_wan(d)


def _budget(v: Budget, lang: str, compact: bool) -> str:
    text = _cny_budget(v, lang, compact)
    if not v.foreign:
        return text
    from .words import foreign_text

    other = "、".join(foreign_text(m, lang) for m in v.foreign)  # never summed with 万元
    return other if v.amount_wan is None and v.per_project is None else f"{text} + {other}"


def _cny_budget(v: Budget, lang: str, compact: bool) -> str:
    pp = v.per_project
    if compact:
        total = ("≤" if v.cap else "") + ("≈" if v.approx else "") + fmt_wan(v.amount_wan) \
            + "万元" if v.amount_wan is not None else "—"
        return total + (f" (≤{fmt_wan(pp.amount_wan)}万元/项)" if pp else "")
    total = "—"
    if v.amount_wan is not None:
        total = t("cell.wan", lang, n=fmt_wan(v.amount_wan))
        total = t("cell.about", lang, x=total) if v.approx else total
        total = t("cell.up_to", lang, x=total) if v.cap else total
    if pp is None:
        return total
    return t("cell.per_project", lang, total=total, each=fmt_wan(pp.amount_wan))
