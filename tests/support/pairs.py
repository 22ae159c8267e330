"""Pairs of guideline versions with moves and drops, made from the real documents: the test data
of the tracked DOCX, whose revisions must give the new text when accepted and the old one, in
its order, when rejected.

The programmes of both real documents (``chains.load_programmes``) are typeset as an old version;
the new version, drawn from a seed, moves some directions elsewhere, drops some, adds others,
and inside directions moves list items and requirements, drops one, edits a budget or a count,
and joins two item paragraphs into one or splits one in two (the paragraph marks a word
processor must keep apart). ``Pair.ops`` says what was done.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from guidediff.normalize import patterns as pt

from .chains import Programme, load_programmes, number

ROOT = Path(__file__).resolve().parents[2]
RAW_2021 = ROOT / "corpus" / "raw" / "2021-batch1-draft.txt"
RAW_2022 = ROOT / "corpus" / "raw" / "2022-batch1-final.txt"


@dataclass
class Pair:
    seed: int
    old: str
    new: str
    ops: list[str] = field(default_factory=list)


def _items(paras: list[str]) -> list[int]:
    """Indices of the numbered list items of a programme (its areas and requirements)."""
    return [k for k, p in enumerate(paras) if k and pt.match_marker(p) is not None]


def _swap_items(paras: list[str], rng: random.Random) -> str | None:
    """Two items of one list trade places; the markers stay in order, as a drafter renumbers."""
    items = _items(paras)
    runs = [(a, b) for a, b in pairwise(items) if b == a + 1]
    if not runs:
        return None
    a, b = rng.choice(runs)
    ma, mb = pt.match_marker(paras[a]), pt.match_marker(paras[b])
    assert ma is not None and mb is not None
    ta, tb = paras[a][len(ma[1]):], paras[b][len(mb[1]):]
    paras[a], paras[b] = ma[1] + tb, mb[1] + ta
    return f"items {a} and {b} swapped"


def _drop_item(paras: list[str], rng: random.Random) -> str | None:
    items = _items(paras)
    if len(items) < 3:
        return None
    k = rng.choice(items)
    del paras[k]
    return f"item {k} dropped"


def _join_items(paras: list[str], rng: random.Random) -> str | None:
    """Two consecutive items printed as one paragraph (``1）…；2）…``)."""
    items = _items(paras)
    runs = [a for a, b in pairwise(items) if b == a + 1]
    if not runs:
        return None
    a = rng.choice(runs)
    paras[a:a + 2] = [paras[a] + paras[a + 1]]
    return f"items {a} and {a + 1} joined"


def _edit_value(paras: list[str], rng: random.Random) -> str | None:
    for k, p in enumerate(paras):
        m = re.search(r"(共拟支持经费[：:][^\d]*)(\d+)(\s*万元)", p)
        if m and rng.random() < 0.5:
            paras[k] = p[:m.start(2)] + str(int(m.group(2)) + 100) + p[m.end(2):]
            return "budget +100"
        m = re.search(r"(拟支持项目数[：:][^\d]*)(\d+)", p)
        if m:
            paras[k] = p[:m.start(2)] + str(int(m.group(2)) + 1) + p[m.end(2):]
            return "count +1"
    return None


EDITS = (_swap_items, _drop_item, _join_items, _edit_value)


def _typeset(preamble: list[str], year: int, directions: list[list[str]]) -> str:
    paras = [p.replace("2022", str(year)) for p in preamble]
    paras = [re.sub(r"设立\s*\d+\s*个", f"设立 {len(directions)} 个", p) for p in paras]
    for k, d in enumerate(directions, 1):
        paras.append(f"{number(k)} {d[0]}")
        paras.extend(d[1:])
    return "\n\n".join(paras) + "\n"


def _move(order: list[str], rng: random.Random) -> str:
    k = rng.randrange(len(order))
    key = order.pop(k)
    to = rng.randrange(len(order) + 1)
    order.insert(to, key)
    return f"{key} moved from {k} to {to}"


def make_pair(seed: int, size: int = 12) -> Pair:
    """An old version of ``size`` programmes and a new one with moves, drops, additions and
    clause edits drawn from ``seed`` (the same pair for the same seed)."""
    rng = random.Random(seed)
    preamble, programmes = load_programmes(RAW_2021, RAW_2022)
    keys = sorted(programmes)
    rng.shuffle(keys)
    old_keys, spare = keys[:size], keys[size:]
    pair = Pair(seed, "", "")
    new_keys = list(old_keys)
    for _ in range(rng.randint(2, 4)):
        pair.ops.append(_move(new_keys, rng))
    for _ in range(rng.randint(1, 2)):
        gone = new_keys.pop(rng.randrange(len(new_keys)))
        pair.ops.append(f"{gone} dropped")
    for key in spare[:rng.randint(1, 2)]:
        new_keys.insert(rng.randrange(len(new_keys) + 1), key)
        pair.ops.append(f"{key} added")
    texts: dict[str, list[str]] = {}
    for key in new_keys:
        paras = list(programmes[key].paragraphs)
        if key in old_keys:
            for edit in rng.sample(EDITS, rng.randint(1, 3)):
                done = edit(paras, rng)
                if done:
                    pair.ops.append(f"{key}: {done}")
        texts[key] = paras
    pair.old = _typeset(preamble, 2021, [list(_paras(programmes[k])) for k in old_keys])
    pair.new = _typeset(preamble, 2022, [texts[k] for k in new_keys])
    return pair


def _paras(p: Programme) -> tuple[str, ...]:
    return p.paragraphs


def write_pair(pair: Pair, folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    old, new = folder / f"old-{pair.seed}.txt", folder / f"new-{pair.seed}.txt"
    old.write_text(pair.old, encoding="utf-8")
    new.write_text(pair.new, encoding="utf-8")
    return old, new
