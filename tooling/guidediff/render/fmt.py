"""How typed values read in reports: one function for every renderer."""

from __future__ import annotations

from decimal import Decimal

from ..compare.facts import Budget, Projects, fmt_count, fmt_wan
from ..model import Contact, Duration


def value_text(v: object, lang: str = "zh", compact: bool = False) -> str:
    """A value as readers see it; ``compact`` for the terminal (≤4500万元, not 不超过 4500 万元)."""
    if v is None:
        return "—"
    if isinstance(v, Budget):
        if compact:
            return ("≤" if v.cap else "") + ("≈" if v.approx else "") + fmt_wan(v.amount_wan) \
                + "万元"
        prefix = ("不超过 " if lang == "zh" else "≤ ") if v.cap else ""
        approx = ("约 " if lang == "zh" else "≈ ") if v.approx else ""
        return f"{prefix}{approx}{fmt_wan(v.amount_wan)} 万元"
    if isinstance(v, Projects):
        return fmt_count(v) + ("" if compact or lang != "zh" else " 个")
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
    if isinstance(v, Decimal):
        return fmt_wan(v)
    return str(v)


def signed(d: Decimal | None) -> str:
    if d is None:
        return "—"
    return ("+" if d > 0 else "") + fmt_wan(d)
