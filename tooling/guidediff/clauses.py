"""A direction's fields as trees of comparable clauses (``Node``), the unit the diff matches.

Items keep their nesting; a paragraph that is an inline list (``生物科技、信息通信。``) is split
into its entries, and a requirements paragraph into its sentences, so that an inline list and a
numbered one can be compared entry by entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Block, Field, Item, Source


@dataclass(frozen=True)
class Node:
    marker: str
    text: str  # own text without the marker (sub-fields such as 研究内容 included)
    source: Source
    children: tuple[Node, ...] = ()

    @property
    def full(self) -> str:
        """Own text and all descendants': what two nodes are matched on."""
        return self.text + "".join(c.full for c in self.children)


def _split_outside_parens(text: str, seps: str, keep: bool) -> list[str]:
    parts, depth, cur = [], 0, ""
    for c in text:
        depth += c in "（(《“"
        depth -= c in "）)》”" and depth > 0
        if c in seps and depth == 0:
            parts.append(cur + (c if keep else ""))
            cur = ""
        else:
            cur += c
    parts.append(cur)
    return [p for p in parts if p.strip(" 。；;、，,")]


def _entries(b: Block) -> list[Node]:
    """An inline list of areas split at 、 and ；."""
    return [Node("", e.strip(" 。.，,"), b.source)
            for e in _split_outside_parens(b.text, "、；;", False)]


def _sentences(b: Block) -> list[Node]:
    return [Node("", s.strip(), b.source) for s in _split_outside_parens(b.text, "。；;", True)]


def _item_node(it: Item) -> Node:
    own = "".join(b.text for b in it.paras)
    own += "".join(f.label_text + "".join(b.text for b in f.blocks()) for f in it.fields)
    return Node(it.marker.strip(), own, it.source, tuple(_item_node(c) for c in it.children))


def field_nodes(f: Field) -> list[Node]:
    """The clauses of a field, in document order."""
    nodes: list[Node] = []
    for b in f.paras:
        if f.name == "areas" and not f.items and len(b.text) < 200:
            nodes.extend(_entries(b))
        elif f.name == "requirements":
            nodes.extend(_sentences(b))
        else:
            nodes.append(Node("", b.text, b.source))
    nodes.extend(_item_node(it) for it in f.items)
    return nodes


def field_text(f: Field) -> str:
    """The whole field as printed (label, paragraphs, items with their markers)."""
    def item_text(it: Item) -> str:
        return it.marker + "".join(b.text for b in it.paras) + "".join(
            fl.label_text + "".join(b.text for b in fl.blocks()) for fl in it.fields) + "".join(
            item_text(c) for c in it.children)

    return f.label_text + "".join(b.text for b in f.paras) + "".join(item_text(i) for i in f.items)

