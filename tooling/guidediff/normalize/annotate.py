"""Stage 4: mark typed values up in place on the text of every clause, a piece of the
document at a time.

Which parsers run depends on where a clause is: agreements in 合作协议, project counts in
拟支持项目数, money and counts in the budget clause, stated totals in the directions part's
summary; links, contacts, durations and money everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from ..model import Block, Contact, Direction, Field, Item, Part, Phone, Span
from . import values as v
from .parse import Head, Piece

Parser = Callable[[str], list[Span]]

_EVERYWHERE: tuple[Parser, ...] = (v.parse_contacts, v.parse_links, v.parse_emails,
                                   v.parse_durations, v.parse_money)
_BY_FIELD: dict[str, tuple[Parser, ...]] = {
    "agreements": (v.parse_agreements,),
    "projects": (v.parse_project_counts,),
    "budget": (v.parse_project_counts,),
}


class _Kept:
    """The spans kept so far over a text of ``n`` characters, as coverage maps, so that each
    candidate is checked in time proportional to its own length (never to the spans kept).

    Two spans cannot both be kept when they overlap, unless one is a contact holding the other
    (only a contact contains values: its e-mail, phones and web site). A phone number is kept
    only inside a kept contact (the contact it was read with may have lost to another value).
    Kept contacts never overlap each other, nor do kept values, so a map of covered characters
    and one of span starts tell containment from partial overlap.
    """

    def __init__(self, n: int) -> None:
        self.value, self.value_start = bytearray(n + 1), bytearray(n + 1)
        self.contact, self.contact_start = bytearray(n + 1), bytearray(n + 1)
        self.spans: list[Span] = []

    @staticmethod
    def _inside_one(cover: bytearray, starts: bytearray, a: int, b: int) -> bool:
        """Is [a, b) inside a single kept span of this map?"""
        return cover.find(0, a, b) == -1 and starts.find(1, a + 1, b) == -1

    @staticmethod
    def _cut(cover: bytearray, starts: bytearray, a: int, b: int) -> bool:
        """Does a kept span of this map cross a boundary of [a, b) (start before a and end
        inside, or start inside and end after b)?"""
        return bool(cover[a] and not starts[a]) or bool(cover[b] and not starts[b]
                                                        and cover.find(1, a, b) != -1)

    def admits(self, s: Span) -> bool:
        a, b = s.start, s.end
        if isinstance(s.value, Contact):
            return self.contact.find(1, a, b) == -1 and not self._cut(
                self.value, self.value_start, a, b)
        if self.value.find(1, a, b) != -1:
            return False
        if isinstance(s.value, Phone):  # a phone number is a contact's, never alone
            return self._inside_one(self.contact, self.contact_start, a, b)
        return self.contact.find(1, a, b) == -1 or self._inside_one(
            self.contact, self.contact_start, a, b)

    def keep(self, s: Span) -> None:
        cover, starts = ((self.contact, self.contact_start) if isinstance(s.value, Contact)
                         else (self.value, self.value_start))
        cover[s.start:s.end] = b"\x01" * (s.end - s.start)
        starts[s.start] = 1
        self.spans.append(s)


def _nested(spans: list[Span], n: int) -> tuple[Span, ...]:
    """Keep spans in priority order unless they clash with one already kept."""
    if len(spans) == 1:  # (nothing to clash with)
        s = spans[0]
        return (s,) if 0 <= s.start < s.end <= n else ()
    kept = _Kept(n)
    for s in spans:
        if 0 <= s.start < s.end <= n and kept.admits(s):
            kept.keep(s)
    # contacts before what they contain; otherwise document order
    return tuple(sorted(kept.spans, key=lambda s: (s.start, -s.end)))


def annotate_text(text: str, parsers: tuple[Parser, ...]) -> tuple[Span, ...]:
    spans: list[Span] = []
    for may_find, parse in _tested(parsers):
        if may_find(text):
            spans.extend(parse(text))
    return _nested(spans, len(text)) if spans else ()


def _always(text: str) -> bool:
    return True


@cache
def _tested(parsers: tuple[Parser, ...]) -> tuple[tuple[Callable[[str], bool], Parser], ...]:
    """Each parser with the test a text must pass for it to find anything."""
    return tuple((v.MAY_FIND.get(p, _always), p) for p in parsers)


# (the model's constructors, not dataclasses.replace: this runs for every paragraph)

def _block(b: Block, parsers: tuple[Parser, ...]) -> Block:
    return Block(b.text, b.source, annotate_text(b.text, parsers))


def _item(it: Item, parsers: tuple[Parser, ...]) -> Item:
    return Item(it.marker, it.style, tuple(_block(b, parsers) for b in it.paras), it.source,
                tuple(_field(f) for f in it.fields),
                tuple(_item(c, parsers) for c in it.children))


def _field(f: Field) -> Field:
    parsers = _BY_FIELD.get(f.name, ()) + _EVERYWHERE
    return Field(f.name, f.label, f.label_text, tuple(_block(b, parsers) for b in f.paras),
                 f.source, tuple(_item(i, parsers) for i in f.items))


def _direction(d: Direction) -> Direction:
    return Direction(d.id, d.title, tuple(_field(f) for f in d.fields), d.source)


def _part(p: Part) -> Part:
    paras = list(p.paras)
    if p.kind == "directions" and paras:
        paras[0] = _block(paras[0], (v.parse_summary_counts, *_EVERYWHERE))
        paras[1:] = [_block(b, _EVERYWHERE) for b in paras[1:]]
    else:
        paras = [_block(b, _EVERYWHERE) for b in paras]
    return Part(p.kind, p.heading, tuple(paras), p.source, tuple(_direction(d)
                                                                 for d in p.directions))


def annotate(piece: Piece) -> Piece:
    """The piece (``parse.parse_stream``) with its typed values marked up."""
    if isinstance(piece, Head):
        return Head(piece.meta, tuple(_block(b, _EVERYWHERE) for b in piece.front))
    if isinstance(piece, Part):
        return _part(piece)
    return _direction(piece)
