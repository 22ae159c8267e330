"""Class 7: lists: a marker whose style changes within one list (（1）（2）3）（4）), an item number
skipped or repeated, and one-clause items ending inconsistently (；/。) within a list: one item
unlike the others, where at least two thirds of them agree."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from ..model import Direction, Field, Item
from .document import Document, Spot
from .model import Finding, FindingKind, Severity, finding

_CN = {c: k for k, c in enumerate("一二三四五六七八九十", 1)}
_ENDINGS = {"；": "；", ";": "；", "。": "。", ".": "。"}


def _number(marker: str) -> int | None:
    m = re.search(r"\d+", marker)
    if m:
        return int(m.group(0))
    cn = re.search(r"[一二三四五六七八九十]+", marker)
    if cn and len(cn.group(0)) == 1:
        return _CN[cn.group(0)]
    return None


def _lists(d: Direction) -> Iterator[tuple[Field, Sequence[Item]]]:
    def of_items(f: Field, items: Sequence[Item]) -> Iterator[tuple[Field, Sequence[Item]]]:
        if items:
            yield f, items
        for it in items:
            for sub in it.fields:
                yield from of_items(sub, sub.items)
            if it.children:
                yield from of_items(f, it.children)
    for f in d.fields:
        yield from of_items(f, f.items)


def _spot(it: Item, d: Direction, f: Field) -> Spot:
    block = it.paras[0] if it.paras else d.title
    return Spot(block, d, f, it)


def _ending(it: Item) -> str | None:
    """The mark a one-clause item ends with (an item that itself holds ；or 。 may well end
    with 。 in a list of ；: it is not counted)."""
    if not it.paras or it.fields or it.children:
        return None
    text = "".join(b.text for b in it.paras).rstrip()
    if not text or any(mark in text[:-1] for mark in "。；;"):
        return None
    return _ENDINGS.get(text[-1:])


def _one(doc: Document, d: Direction, f: Field, items: Sequence[Item]) -> list[Finding]:
    out: list[Finding] = []
    styles = Counter(it.style for it in items)
    if len(items) >= 3 and len(styles) > 1:
        usual, n = styles.most_common(1)[0]
        if n > len(items) / 2:
            sample = next(it.marker.strip() for it in items if it.style == usual)
            for it in items:
                if it.style != usual:
                    out.append(finding(FindingKind.LIST, Severity.WARNING,
                                       doc.place(_spot(it, d, f)), "list.style",
                                       marker=it.marker.strip(), usual=sample))
    numbers: list[int] = [k for it in items if (k := _number(it.marker)) is not None]
    if len(items) >= 2 and len(numbers) == len(items) and numbers[0] == 1:
        # an item is named when it follows neither the item before it nor its place in the
        # list (1 2 2 4: the second 2 only; 1 2 4 5: the 4 only)
        for pos, (prev, it, n) in enumerate(zip(numbers, items[1:], numbers[1:],
                                                strict=False), start=2):
            if n in (prev + 1, pos):
                continue
            code = "list.repeated" if n == prev else ("list.skipped" if n > prev else
                                                       "list.order")
            out.append(finding(FindingKind.LIST, Severity.ERROR, doc.place(_spot(it, d, f)),
                               code, marker=it.marker.strip(), previous=prev, want=prev + 1))
    ends = [_ending(it) for it in items[:-1]]
    counted = Counter(e for e in ends if e is not None)
    said = sum(counted.values())
    if said >= 3 and len(counted) == 2:
        usual, n = counted.most_common(1)[0]
        if n >= 2 * (said - n):
            for it, e in zip(items, ends, strict=False):
                if e is not None and e != usual:
                    out.append(finding(FindingKind.LIST, Severity.WARNING,
                                       doc.place(_spot(it, d, f), len(it.paras[-1].text) - 1),
                                       "list.ending", marker=it.marker.strip(), ending=e,
                                       usual=usual))
    return out


def find(doc: Document) -> list[Finding]:
    out: list[Finding] = []
    for d in doc.guideline.directions:
        for f, items in _lists(d):
            out.extend(_one(doc, d, f, items))
    return out
