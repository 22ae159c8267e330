"""Stage 4: mark typed values up in place on the text of every clause.

Which parsers run depends on where a clause is: agreements in 合作协议, project counts in
拟支持项目数, money and counts in the budget clause, stated totals in the directions part's
summary; links, contacts, durations and money everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..model import Block, Contact, Direction, Field, Guideline, Item, Part, Span
from . import values as v

Parser = Callable[[str], list[Span]]

_EVERYWHERE: tuple[Parser, ...] = (v.parse_contacts, v.parse_links, v.parse_emails,
                                   v.parse_durations, v.parse_money)
_BY_FIELD: dict[str, tuple[Parser, ...]] = {
    "agreements": (v.parse_agreements,),
    "projects": (v.parse_project_counts,),
    "budget": (v.parse_project_counts,),
}


def _clash(s: Span, k: Span) -> bool:
    """Two spans that cannot both be kept: they overlap, and neither is a contact holding the
    other (only a contact contains values: its e-mail, phones and web site)."""
    if not (s.start < k.end and k.start < s.end):
        return False
    if isinstance(k.value, Contact) and k.start <= s.start and s.end <= k.end:
        return isinstance(s.value, Contact)
    if isinstance(s.value, Contact) and s.start <= k.start and k.end <= s.end:
        return isinstance(k.value, Contact)
    return True


def _nested(spans: list[Span]) -> tuple[Span, ...]:
    """Keep spans in priority order unless they clash with one already kept."""
    kept: list[Span] = []
    for s in spans:
        if s.end > s.start and not any(_clash(s, k) for k in kept):
            kept.append(s)
    # contacts before what they contain; otherwise document order
    return tuple(sorted(kept, key=lambda s: (s.start, -s.end)))


def annotate_text(text: str, parsers: tuple[Parser, ...]) -> tuple[Span, ...]:
    spans: list[Span] = []
    for parse in parsers:
        spans.extend(parse(text))
    return _nested(spans)


def _block(b: Block, parsers: tuple[Parser, ...]) -> Block:
    return replace(b, spans=annotate_text(b.text, parsers))


def _item(it: Item, parsers: tuple[Parser, ...]) -> Item:
    return replace(it, paras=tuple(_block(b, parsers) for b in it.paras),
                   fields=tuple(_field(f) for f in it.fields),
                   children=tuple(_item(c, parsers) for c in it.children))


def _field(f: Field) -> Field:
    parsers = _BY_FIELD.get(f.name, ()) + _EVERYWHERE
    return replace(f, paras=tuple(_block(b, parsers) for b in f.paras),
                   items=tuple(_item(i, parsers) for i in f.items))


def _direction(d: Direction) -> Direction:
    return replace(d, fields=tuple(_field(f) for f in d.fields))


def _part(p: Part) -> Part:
    paras = list(p.paras)
    if p.kind == "directions" and paras:
        paras[0] = _block(paras[0], (v.parse_summary_counts, *_EVERYWHERE))
        paras[1:] = [_block(b, _EVERYWHERE) for b in paras[1:]]
    else:
        paras = [_block(b, _EVERYWHERE) for b in paras]
    return replace(p, paras=tuple(paras), directions=tuple(_direction(d) for d in p.directions))


def annotate(g: Guideline) -> Guideline:
    return replace(g, front=tuple(_block(b, _EVERYWHERE) for b in g.front),
                   parts=tuple(_part(p) for p in g.parts))
