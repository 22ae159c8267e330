"""Figures derived from the typed markup: a direction's budget, project count, contacts, partners;
a document's stated totals. Read-only views used by ``show``, ``check``, ``align`` and ``diff``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Block, Contact, Count, Direction, Duration, Guideline, Money
from ..normalize.partners import partners_of


@dataclass(frozen=True)
class Budget:
    """A direction's budget: the sum of its CNY lines (Finland prints one line per area group)."""

    amount_wan: Decimal
    cap: bool
    approx: bool
    lines: tuple[Money, ...]


@dataclass(frozen=True)
class Projects:
    min: int | None
    max: int | None
    cap: bool
    approx: bool
    parts: tuple[Count, ...]  # the counts the total is made of, with breakdowns (of="subset")


def title_text(d: Direction) -> str:
    """The direction title without its printed number."""
    t = d.title.text
    i = t.find(d.id)
    return t[i + len(d.id):].strip() if i >= 0 else t.strip()


def _field_blocks(d: Direction, name: str) -> list[Block]:
    f = d.field(name)
    return list(f.blocks()) if f is not None else []


def budget(d: Direction) -> Budget | None:
    lines = tuple(v for b in _field_blocks(d, "budget") for v in b.values(Money)
                  if isinstance(v, Money) and v.currency == "CNY" and v.per is None)
    if not lines:
        return None
    return Budget(sum((m.amount_wan for m in lines), Decimal(0)), any(m.cap for m in lines),
                  any(m.approx for m in lines), lines)


def projects(d: Direction) -> Projects | None:
    counts: list[Count] = []
    for name in ("projects", "budget"):
        counts = [v for b in _field_blocks(d, name) for v in b.values(Count)
                  if isinstance(v, Count)]
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
                    tuple(counts))


def contacts(d: Direction) -> list[Contact]:
    return [v for b in d.blocks() for v in b.values(Contact) if isinstance(v, Contact)]


def durations(d: Direction) -> list[Duration]:
    return [v for b in d.blocks() for v in b.values(Duration) if isinstance(v, Duration)]


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
    s = g.summary
    if s is None:
        return Stated(None, None, None, None)
    counts = {v.of: v for v in s.values(Count) if isinstance(v, Count)}
    money = next((v for v in s.values(Money) if isinstance(v, Money)), None)
    return Stated(counts.get("directions"), counts.get("partners"), counts.get("tasks"), money)


def fmt_wan(x: Decimal) -> str:
    return format(x, "f")


def fmt_count(p: Projects | Count | None) -> str:
    if p is None:
        return "—"
    if p.min is not None and p.max is not None and p.min != p.max:
        s = f"{p.min}-{p.max}"
    else:
        s = str(p.max if p.max is not None else p.min)
    return ("≤" if p.cap else "") + ("≈" if p.approx else "") + s
