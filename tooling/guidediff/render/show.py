"""``guidediff show``: a document's directions, or one direction's fields and typed values, as a
plain-text table for the terminal."""

from __future__ import annotations

from ..compare.facts import DirectionFacts, DocumentFacts
from ..model import (
    Block,
    Contact,
    Count,
    Direction,
    Duration,
    Field,
    Guideline,
    Item,
    Link,
    Money,
    Value,
)
from ..normalize import facts
from ..read.raw import line_unit
from ..text import width as w
from .fmt import value_text
from .i18n import t


def _cell(s: str, width: int) -> str:
    """Pad to a display width (CJK counts 2), cutting with … when too long."""
    if w(s) > width:
        while s and w(s) > width - 1:
            s = s[:-1]
        s += "…"
    return s + " " * (width - w(s))


def _row(cells: list[tuple[str, int]]) -> str:
    return "  ".join(_cell(s, n) for s, n in cells).rstrip()


COLUMNS = (("id", 4), ("title", 44), ("projects", 9), ("budget", 16), ("contacts", 8),
           ("line", 5))


def directions_table(g: Guideline, lang: str = "zh") -> str:
    m = g.meta
    unknown = t("show.unknown", lang)
    stage = t(f"site.stage.{m.stage}", lang) if m.stage in ("draft", "final") else unknown
    head = [f"{m.title}", t("show.meta", lang, year=m.year or unknown,
                            batch=m.batch or unknown, stage=stage, n=len(g.directions),
                            source=m.source), ""]
    unit = line_unit(m.encoding)
    cols = [(t(f"show.col_{name}", lang) if name != "line" else t(f"show.col_{unit}", lang), n)
            for name, n in COLUMNS]
    lines = [_row(cols), _row([("-" * n, n) for _, n in cols])]
    for d in DocumentFacts.of(g).directions:
        lines.append(_row([(d.id, 4), (d.title, 44), (facts.fmt_count(d.projects), 9),
                           (_budget_cell(d.budget), 16), (str(len(d.contacts)), 8),
                           (str(d.source.line), 5)]))
    return "\n".join(head + lines) + "\n"


def _budget_cell(b: facts.Budget | None) -> str:
    if b is None:
        return "—"
    cell = ("≤" if b.cap else "") + facts.fmt_wan(b.amount_wan)
    return cell + (f" ≤{facts.fmt_wan(b.per_project.amount_wan)}/项" if b.per_project else "")


def describe(v: Value, lang: str = "zh") -> str:
    """A typed value in one line: what it is, then its parts."""
    if isinstance(v, Money):
        flags = ((t("show.up_to", lang), v.cap), (t("show.about", lang), v.approx),
                 (t("show.at_least", lang), v.minimum))
        q = "".join(word for word, f in flags if f)
        per = t("show.per_project", lang) if v.per else ""
        return t("show.money", lang, x=f"{q}{facts.fmt_wan(v.amount_wan)} 万{v.currency}{per}")
    if isinstance(v, Count):
        return t("show.count", lang, of=t(f"show.of_{v.of}", lang), x=facts.fmt_count(v))
    if isinstance(v, Duration):
        if v.from_year:
            return t("show.period", lang, a=v.from_year, b=v.to_year)
        rng = f"{v.min_years}–{v.max_years}" if v.min_years and v.min_years != v.max_years \
            else str(v.max_years)
        return t("show.duration", lang, x=f"{'≤' if v.cap else ''}{rng}")
    if isinstance(v, Contact):
        parts = [v.name or "?", v.org or "", ", ".join(v.phones), v.email or "", v.web or ""]
        return t("show.contact", lang, x=" | ".join(p for p in parts if p))
    if isinstance(v, Link):
        return t("show.link", lang, x=v.href)
    return t("show.agreement", lang, x=getattr(v, "title", ""))


_SKIP_INNER = ("Email", "Phone")


class _Detail:
    """One direction's fields, items and values, in ``lang``; lines counted in ``unit``."""

    def __init__(self, lang: str, unit: str) -> None:
        self.lang, self.unit = lang, unit

    def values(self, b: Block, indent: str) -> list[str]:
        return [f"{indent}    · {describe(v, self.lang)}" for v in b.values()
                if type(v).__name__ not in _SKIP_INNER]

    def field(self, f: Field, indent: str) -> list[str]:
        out = [f"{indent}[{f.name}] {f.label_text or t('show.no_label', self.lang)}"]
        for b in f.paras:
            out.append(f"{indent}  {b.text}")
            out.extend(self.values(b, indent))
        for it in f.items:
            out.extend(self.item(it, indent + "  "))
        return out

    def item(self, it: Item, indent: str) -> list[str]:
        text = " ".join(b.text for b in it.paras)
        where = t(f"show.at_{self.unit}", self.lang, n=it.source.line)
        out = [f"{indent}{it.marker.strip()} {text}  {where}"]
        for b in it.paras:
            out.extend(self.values(b, indent))
        for f in it.fields:
            out.extend(self.field(f, indent + "  "))
        for c in it.children:
            out.extend(self.item(c, indent + "  "))
        return out


def direction_detail(d: Direction, lang: str = "zh", unit: str = "line") -> str:
    """One direction field by field (``unit``: what its source lines count, line or
    paragraph)."""
    known = DirectionFacts.of(d)
    budget = value_text(known.budget, lang) if known.budget else "—"
    out = [f"{d.id} {known.title}",
           t(f"show.where_{unit}", lang, a=d.source.line, b=d.source.end_line,
             page=d.source.page or "?", partners="、".join(known.partners) or "?",
             projects=facts.fmt_count(known.projects), budget=budget), ""]
    detail = _Detail(lang, unit)
    for f in d.fields:
        out.extend(detail.field(f, ""))
    return "\n".join(out) + "\n"
