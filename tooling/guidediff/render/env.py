"""The one Jinja2 environment: templates in the package, autoescape on, undefined is an error."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..facts import Budget, Projects, fmt_count, fmt_wan
from ..i18n import kind_label, t
from ..model import Contact, Duration


def diff_html(ops: tuple[tuple[int, str], ...], side: str) -> Markup:
    """One side of a token diff: 'old' shows deletions, 'new' insertions, 'both' all."""
    out = []
    for op, chunk in ops:
        if op == 0:
            out.append(escape(chunk))
        elif op < 0 and side in ("old", "both"):
            out.append(Markup('<del title="删除">{}</del>').format(chunk))
        elif op > 0 and side in ("new", "both"):
            out.append(Markup('<ins title="新增">{}</ins>').format(chunk))
    return Markup("").join(out)


def value_text(v: object, lang: str = "zh") -> str:
    if v is None:
        return "—"
    if isinstance(v, Budget):
        prefix = ("不超过 " if lang == "zh" else "≤ ") if v.cap else ""
        approx = ("约 " if lang == "zh" else "≈ ") if v.approx else ""
        return f"{prefix}{approx}{fmt_wan(v.amount_wan)} 万元"
    if isinstance(v, Projects):
        return fmt_count(v) + (" 个" if lang == "zh" else "")
    if isinstance(v, Duration):
        if v.min_years is not None and v.min_years != v.max_years:
            return f"{v.min_years}～{v.max_years} 年"
        return f"{'≤' if v.cap else ''}{v.max_years} 年"
    if isinstance(v, Contact):
        return "，".join(x for x in (v.name, v.org, "、".join(v.phones), v.email, v.web) if x)
    if isinstance(v, Decimal):
        return fmt_wan(v)
    return str(v)


def signed(d: Decimal | None) -> str:
    if d is None:
        return "—"
    return ("+" if d > 0 else "") + fmt_wan(d)


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("guidediff", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters.update(diff_html=diff_html, value=value_text, signed=signed)
    env.globals.update(t=t, kind_label=kind_label)
    return env
