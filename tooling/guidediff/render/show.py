"""``guidediff show``: a document's directions, or one direction's fields and typed values, as a
plain-text table for the terminal."""

from __future__ import annotations

from ..compare.facts import DirectionFacts, DocumentFacts
from ..model import (
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
from ..text import width as w
from .fmt import value_text


def _cell(s: str, width: int) -> str:
    """Pad to a display width (CJK counts 2), cutting with … when too long."""
    if w(s) > width:
        while s and w(s) > width - 1:
            s = s[:-1]
        s += "…"
    return s + " " * (width - w(s))


def _row(cells: list[tuple[str, int]]) -> str:
    return "  ".join(_cell(s, n) for s, n in cells).rstrip()


def directions_table(g: Guideline) -> str:
    m = g.meta
    head = [f"{m.title}", f"year {m.year or '?'}  batch {m.batch or '?'}  stage {m.stage or '?'}"
            f"  directions {len(g.directions)}  source {m.source}", ""]
    cols = [("id", 4), ("title", 44), ("projects", 9), ("budget 万元", 16), ("contacts", 8),
            ("line", 5)]
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


def describe(v: Value) -> str:
    if isinstance(v, Money):
        flags = (("不超过 ", v.cap), ("约 ", v.approx), ("至少 ", v.minimum))
        q = "".join(w for w, f in flags if f)
        per = " per project" if v.per else ""
        return f"money: {q}{facts.fmt_wan(v.amount_wan)} 万{v.currency}{per}"
    if isinstance(v, Count):
        return f"count ({v.of}): {facts.fmt_count(v)}"
    if isinstance(v, Duration):
        if v.from_year:
            return f"period: {v.from_year}–{v.to_year}"
        rng = f"{v.min_years}–{v.max_years}" if v.min_years and v.min_years != v.max_years \
            else str(v.max_years)
        return f"duration: {'≤' if v.cap else ''}{rng} years"
    if isinstance(v, Contact):
        parts = [v.name or "?", v.org or "", ", ".join(v.phones), v.email or "", v.web or ""]
        return "contact: " + " | ".join(p for p in parts if p)
    if isinstance(v, Link):
        return f"link: {v.href}"
    return f"{type(v).__name__.lower()}: {getattr(v, 'title', '')}"


_SKIP_INNER = ("Email", "Phone")


def _field_lines(f: Field, indent: str) -> list[str]:
    out = [f"{indent}[{f.name}] {f.label_text or '(no label)'}"]
    for b in f.paras:
        out.append(f"{indent}  {b.text}")
        out.extend(f"{indent}    · {describe(v)}" for v in b.values()
                   if type(v).__name__ not in _SKIP_INNER)
    for it in f.items:
        out.extend(_item_lines(it, indent + "  "))
    return out


def _item_lines(it: Item, indent: str) -> list[str]:
    text = " ".join(b.text for b in it.paras)
    out = [f"{indent}{it.marker.strip()} {text}  (line {it.source.line})"]
    for b in it.paras:
        out.extend(f"{indent}    · {describe(v)}" for v in b.values()
                   if type(v).__name__ not in _SKIP_INNER)
    for f in it.fields:
        out.extend(_field_lines(f, indent + "  "))
    for c in it.children:
        out.extend(_item_lines(c, indent + "  "))
    return out


def direction_detail(d: Direction) -> str:
    known = DirectionFacts.of(d)
    out = [f"{d.id} {known.title}",
           f"lines {d.source.line}–{d.source.end_line}, page {d.source.page or '?'}; "
           f"partners: {'、'.join(known.partners) or '?'}; "
           f"projects: {facts.fmt_count(known.projects)}; "
           f"budget: {value_text(known.budget) if known.budget else '—'}", ""]
    for f in d.fields:
        out.extend(_field_lines(f, ""))
    return "\n".join(out) + "\n"
