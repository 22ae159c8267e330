"""A direction's fields as trees of comparable clauses (``Node``), the unit the diff matches.

Items keep their nesting; a paragraph that is an inline list (``生物科技、信息通信。``) is split
into its entries, and a requirements paragraph into its sentences, so that an inline list and a
numbered one can be compared entry by entry. Entries keep their separators, so the nodes of a
field read back as the field's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Block, Contact, Count, Duration, Field, Item, Link, Money, Source
from ..normalize.vocabulary import ClauseRule, vocabulary

# the values a clause that only gives contacts and links is made of: those with events of their
# own (a bare e-mail or phone outside a contact has none, so its clause says it)
_ADDRESS = (Contact, Link)
# values that make a clause say more than where to ask (a budget, a count, a duration)
_SAYS_MORE = (Money, Count, Duration)


@dataclass(frozen=True)
class Node:
    """One clause of a field, with the clauses under it."""

    marker: str  # as printed, e.g. （1）
    text: str  # own text without the marker (sub-fields such as 研究内容 included)
    source: Source
    children: tuple[Node, ...] = ()
    new_paragraph: bool = True  # False for the second and later entries of one paragraph
    # it says nothing but contacts and links and the words around them (韩方联系人：…): what
    # it adds or removes is those contacts and links, not a clause of its own
    only_contacts: bool = False

    @property
    def full(self) -> str:
        """Own text and all descendants': what two nodes are matched on."""
        return self.text + "".join(c.full for c in self.children)

    @property
    def printed(self) -> str:
        return self.marker + self.text

    def subtree(self, depth: int = 0, path: tuple[int, ...] = ()
                ) -> list[tuple[int, tuple[int, ...], Node]]:
        """This clause and every clause under it, each with its depth and position
        ((3,), (3, 1), (3, 1, 2)) below ``path``."""
        out = [(depth, path, self)]
        for k, c in enumerate(self.children, 1):
            out.extend(c.subtree(depth + 1, (*path, k)))
        return out


def split_outside_parens(text: str, seps: str) -> list[str]:
    """Split after each separator that is not inside brackets; separators stay with the part."""
    parts, depth, cur = [], 0, ""
    for c in text:
        depth += c in "（(《“"
        depth -= c in "）)》”" and depth > 0
        cur += c
        if c in seps and depth == 0:
            parts.append(cur)
            cur = ""
    if cur:
        parts.append(cur)
    out: list[str] = []
    for p in parts:  # a bare separator or space joins the part before it
        if out and not p.strip(" 。；;、，,"):
            out[-1] += p
        else:
            out.append(p)
    return out


@dataclass(frozen=True)
class _Piece:
    residue: str  # the words besides its contacts and links
    addressed: bool  # it holds a contact or a link
    text: str  # all its words
    says_more: bool  # it holds an amount, a count or a duration


def _residue(b: Block, start: int = 0, end: int | None = None) -> _Piece:
    """``b[start:end]``: its text without its contacts and links, and what it holds."""
    end = len(b.text) if end is None else end
    inside = [s for s in b.spans if s.start < end and s.end > start]
    cut = [(max(s.start, start), min(s.end, end)) for s in inside
           if isinstance(s.value, _ADDRESS)]
    out, at = [], start
    for a, z in sorted(cut):
        out.append(b.text[at:a] if a > at else "")
        at = max(at, z)
    out.append(b.text[at:end])
    return _Piece("".join(out), bool(cut), b.text[start:end],
                  any(isinstance(s.value, _SAYS_MORE) for s in inside))


def _only_contacts(pieces: list[_Piece]) -> bool:
    """Whether a clause made of these pieces only gives contacts and links: it holds one, its
    other words are those around contacts (韩方联系人：), and nothing in it, the contact's own
    text included, requires something or states an amount, a count or a duration."""
    v = vocabulary()
    return any(p.addressed for p in pieces) and not any(p.says_more for p in pieces) \
        and not v.says_requirement("".join(p.text for p in pieces)) \
        and v.only_contact_words("".join(p.residue for p in pieces))


def _pieces(b: Block, seps: str, continues: bool) -> list[Node]:
    parts = split_outside_parens(b.text, seps)
    out, at = [], 0
    for k, p in enumerate(parts):
        only = _only_contacts([_residue(b, at, at + len(p))])
        out.append(Node("", p, b.source, (), k == 0 and not continues, only))
        at += len(p)
    return out


def _item_node(it: Item) -> Node:
    own = "".join(b.text for b in it.paras)
    own += "".join(field_text(f) for f in it.fields)
    only = not it.fields and not it.children and _only_contacts([_residue(b) for b in it.paras])
    return Node(it.marker, own, it.source, tuple(_item_node(c) for c in it.children),
                only_contacts=only)


def _cut(rule: ClauseRule | None, f: Field, b: Block) -> bool:
    """Does the field's rule (``labels.toml``, ``[clauses]``) cut this paragraph?"""
    return rule is not None and not (rule.without_items and f.items) and (
        rule.shorter_than is None or len(b.text) < rule.shorter_than)


def field_nodes(f: Field) -> list[Node]:
    """The clauses of a field after its label, in document order."""
    rule = vocabulary().clauses.get(f.name)
    nodes: list[Node] = []
    for k, b in enumerate(f.paras):
        on_label_line = k == 0 and bool(f.label_text) and b.source.line == f.source.line
        if rule is not None and _cut(rule, f, b):
            nodes.extend(_pieces(b, rule.separators, on_label_line))
        else:
            nodes.append(Node("", b.text, b.source, (), not on_label_line,
                              _only_contacts([_residue(b)])))
    nodes.extend(_item_node(it) for it in f.items)
    return nodes


def field_text(f: Field) -> str:
    """The whole field as printed (label, paragraphs, items with their markers)."""
    def item_text(it: Item) -> str:
        return it.marker + "".join(b.text for b in it.paras) + "".join(
            field_text(fl) for fl in it.fields) + "".join(item_text(c) for c in it.children)

    return f.label_text + "".join(b.text for b in f.paras) + "".join(item_text(i) for i in f.items)
