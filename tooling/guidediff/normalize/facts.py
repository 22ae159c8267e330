"""Figures derived from the typed markup: a direction's budget (with its per-project cap), project
count, durations, contacts, links and partners; a document's stated totals. Read-only views, each
with the source of the paragraph it is printed in, used by ``show``, ``check``, ``align``,
``diff`` and the reports."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

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
    Source,
    Value,
)
from ..text import heading_number_end
from .partners import partners_of

V = TypeVar("V", bound=Value)
T = TypeVar("T")


@dataclass(frozen=True)
class Budget:
    """A direction's budget: the sum of its CNY lines (Finland prints one line per area group),
    and the cap on each project where one is printed (每个项目不超过750万元). A direction may
    print only the cap: then ``amount_wan`` is None. Amounts in another currency (500万美元)
    are kept with it in ``foreign``, never summed with 万元."""

    amount_wan: Decimal | None
    cap: bool
    approx: bool
    lines: tuple[Money, ...]
    per_project: Money | None = None
    foreign: tuple[Money, ...] = ()

    def key(self) -> object:
        """What makes two budgets the same: amounts, qualifiers, lines, the cap and the
        amounts in other currencies."""
        pp = self.per_project
        return (self.amount_wan, self.cap, self.approx,
                tuple((m.amount_wan, m.cap) for m in self.lines),
                (pp.amount_wan, pp.cap) if pp else None,
                tuple((m.amount_wan, m.cap, m.currency) for m in self.foreign))


@dataclass(frozen=True)
class Projects:
    """A direction's number of projects: the total of its counts (a range, a cap, 约), the
    counts it is made of with their sub-quotas, and the clause that prints them."""

    min: int | None
    max: int | None
    cap: bool
    approx: bool
    parts: tuple[Count, ...]  # the counts the total is made of, with breakdowns (of="subset")
    printed: str = ""  # the clause that states them, after its label (不超过15个)
    field: str = "projects"  # the field they are printed in: projects, or budget


@dataclass(frozen=True)
class Located(Generic[T]):
    """A typed value, the source of the paragraph it is printed in, and the words it is
    printed as there (what a report quotes of it)."""

    value: T
    source: Source
    printed: str = ""


def title_text(d: Direction) -> str:
    """The direction title without its printed number."""
    return d.title.text[heading_number_end(d.title.text):].strip()


def _field_blocks(d: Direction, name: str) -> list[Block]:
    f = d.field(name)
    return list(f.blocks()) if f is not None else []


def _values(blocks: list[Block], kind: type[V]) -> list[V]:
    return [v for b in blocks for v in b.values(kind) if isinstance(v, kind)]


def budget(d: Direction) -> Budget | None:
    money = _values(_field_blocks(d, "budget"), Money)
    lines = tuple(m for m in money if m.currency == "CNY" and m.per is None)
    foreign = tuple(m for m in money if m.currency != "CNY" and m.per is None)
    per = [m for m in money if m.per == "project" and m.currency == "CNY"] or [
        m for m in _values(list(d.blocks()), Money) if m.per == "project" and m.currency == "CNY"]
    if not lines and not per and not foreign:
        return None
    total = sum((m.amount_wan for m in lines), Decimal(0)) if lines else None
    return Budget(total, any(m.cap for m in lines), any(m.approx for m in lines), lines,
                  per[0] if per else None, foreign)


def _item_text(it: Item) -> str:
    return it.marker + "".join(b.text for b in it.paras) + "".join(
        f.label_text + _body_text(f) for f in it.fields) + "".join(
        _item_text(c) for c in it.children)


def _body_text(f: Field) -> str:
    """A field's text after its label, as printed (items with their markers)."""
    return "".join(b.text for b in f.paras) + "".join(_item_text(i) for i in f.items)


def _printed(f: Field | None) -> str:
    """A field's text after its label, without the mark that closes it (15个。 → 15个)."""
    return "" if f is None else _body_text(f).strip().rstrip("。.；;").strip()


def projects(d: Direction) -> Projects | None:
    counts: list[Count] = []
    name = "projects"
    for name in ("projects", "budget"):
        counts = _values(_field_blocks(d, name), Count)
        if any(c.of == "projects" for c in counts):
            break
    totals = [c for c in counts if c.of == "projects"]
    if not totals:
        return None
    lows = [c.min for c in totals]
    low = sum(x for x in lows if x is not None) if all(x is not None for x in lows) else None
    highs = [c.max for c in totals]
    high = sum(x for x in highs if x is not None) if all(x is not None for x in highs) else None
    return Projects(low, high, any(c.cap for c in totals), any(c.approx for c in totals),
                    tuple(counts), _printed(d.field(name)), name)


def _located(d: Direction, kind: type[V]) -> list[Located[V]]:
    return [Located(s.value, b.source, b.text[s.start:s.end]) for b in d.blocks()
            for s in b.spans if isinstance(s.value, kind)]


def contacts(d: Direction) -> list[Contact]:
    return [c.value for c in located_contacts(d)]


def located_contacts(d: Direction) -> list[Located[Contact]]:
    return _located(d, Contact)


def durations(d: Direction) -> list[Duration]:
    return [x.value for x in located_durations(d)]


def located_durations(d: Direction) -> list[Located[Duration]]:
    return _located(d, Duration)


def located_links(d: Direction) -> list[Located[str]]:
    """Links printed in the direction, outside contacts (a contact's web site is the contact's),
    each as its repaired address (its trailing slash kept, as printed)."""
    out: list[Located[str]] = []
    for b in d.blocks():
        inside = [(s.start, s.end) for s in b.spans if isinstance(s.value, Contact)]
        out.extend(Located(s.value.href, b.source, b.text[s.start:s.end])
                   for s in b.spans
                   if isinstance(s.value, Link)
                   and not any(a <= s.start and s.end <= z for a, z in inside))
    return out


def partners(d: Direction) -> tuple[str, ...]:
    return partners_of(title_text(d))


@dataclass(frozen=True)
class Stated:
    """What the directions part's summary states (设立 N 个指南方向，与 M 个国家…，任务数…)."""

    directions: Count | None
    partners: Count | None
    tasks: Count | None
    budget: Money | None


def stated(g: Guideline) -> Stated:
    return stated_in(g.summary)


def stated_in(s: Block | None) -> Stated:
    """What a summary paragraph states (None: no summary)."""
    if s is None:
        return Stated(None, None, None, None)
    counts = {v.of: v for v in s.values(Count) if isinstance(v, Count)}
    money = next((v for v in s.values(Money) if isinstance(v, Money) and v.currency == "CNY"),
                 None)
    return Stated(counts.get("directions"), counts.get("partners"), counts.get("tasks"), money)


def fmt_wan(x: Decimal | None) -> str:
    return "—" if x is None else format(x, "f")


def fmt_count(p: Projects | Count | None) -> str:
    if p is None:
        return "—"
    if p.min is not None and p.max is not None and p.min != p.max:
        s = f"{p.min}-{p.max}"
    else:
        s = str(p.max if p.max is not None else p.min)
    return ("≤" if p.cap else "") + ("≈" if p.approx else "") + s
