"""Large guidelines made from the real one, for measuring how guidediff scales: the 17
directions of 2022, copied ``copies`` times and made distinct (each copy names another partner
and its own agreements), with an edited counterpart (budgets, counts and contacts changed, some
directions dropped, some added) to diff it against. ``padding`` repeats each direction's
requirements to reach a size (a 50 MB text) with no more directions than the numbering allows.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from guidediff.normalize.partners import _NAMES, partners_of

from .chains import Programme, load_programmes, number

# names the partner reader knows, one per copy (a copy never meets its own partner elsewhere
# but every len(_PARTNERS) copies)
_PARTNERS = tuple(n for n in _NAMES if len(n) >= 2 and "国家" not in n and "组织" not in n)


@cache
def _source(old: Path, new: Path) -> tuple[tuple[str, ...], tuple[Programme, ...]]:
    preamble, programmes = load_programmes(old, new)
    return tuple(preamble), tuple(list(programmes.values())[:17])  # 2022's own directions


def _copy(p: Programme, c: int, n: int, k: int, padding: int) -> list[str]:
    """Copy ``c`` of programme ``p`` (the ``n``-th direction made) as direction number ``k``:
    another partner, its own agreements; its requirements repeated ``padding`` times."""
    old = partners_of(p.paragraphs[0])
    new = _PARTNERS[n % len(_PARTNERS)]
    paras = []
    for para in p.paragraphs:
        for name in old:
            para = para.replace(name, new)
        # an agreement of its own: its partner's, numbered (not the one agreement reworded)
        paras.append(re.sub(r"《([^《》]*)》", lambda m: f"《{new}·{m.group(1)}（第{c + 1}号）》",
                            para))
    paras[0] = f"{number(k)} {paras[0]}（第{c + 1}组）"
    if padding > 1:
        start = next((i for i, x in enumerate(paras) if x.startswith("其他要求")), len(paras))
        body = paras[start + 1:]
        paras = paras[:start + 1] + body * padding
    return paras


def scaled(old: Path, new: Path, copies: int, edited: bool = False, padding: int = 1) -> str:
    """The document of ``copies`` × 17 directions (``edited``: its edited counterpart)."""
    preamble, programmes = _source(old, new)
    blocks: list[list[str]] = []
    k = 0
    for c in range(copies):
        for j, p in enumerate(programmes):
            n = c * 17 + j
            if edited and n % 25 == 7:
                continue  # dropped
            k += 1
            paras = _copy(p, c, n, k, padding)
            if edited:
                paras = _edit(paras, n)
            blocks.append(paras)
    if edited:
        for j in range(2):  # two new directions at the end
            k += 1
            blocks.append(_copy(programmes[j], copies + 1, copies * 17 + j, k, padding))
    count = len(blocks)
    head = [re.sub(r"设立\s*\d+\s*个", f"设立 {count} 个", x) for x in preamble]
    return "\n\n".join(head + [x for b in blocks for x in b]) + "\n"


def _edit(paras: list[str], n: int) -> list[str]:
    text = "\n".join(paras)
    if n % 10 == 3:
        text = re.sub(r"(共拟支持经费：)(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + 500),
                      text, count=1)
    if n % 15 == 4:
        text = re.sub(r"(拟支持项目数：[^\d\n]*)(\d+)", lambda m: m.group(1) + str(
            int(m.group(2)) + 2), text, count=1)
    out = text.split("\n")
    if n % 20 == 5:
        out.append(f"联系人：李{n}，邮箱：li{n}@most.example.cn。")
    return out
