"""Class 6: brackets and quotes left open or closed twice within a paragraph: 《》（）“”【】 (an
agreement title without its 》). A list marker's closing bracket (1） a) ) is not a bracket."""

from __future__ import annotations

import re

from .document import Document
from .model import Finding, FindingKind, Severity, finding

# opening marks -> closing marks of one kind of bracket (the full-width and the ASCII
# parenthesis are one kind: （…) is a width slip, not a bracket left open)
_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("《", "》", "《》"), ("（(", "）)", "（）"), ("“", "”", "“”"), ("【", "】", "【】"),
)
_MARKER = re.compile(r"(?:^|(?<=[\s。；;，,：:、]))(?:[0-9]{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[)）]")


def _check(text: str) -> list[tuple[str, int, str]]:
    """(what, offset, pair) for each bracket closed without an opening or left open."""
    masked = _MARKER.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for opens, closes, pair in _PAIRS:
        stack: list[int] = []
        for k, ch in enumerate(masked):
            if ch in opens:
                stack.append(k)
            elif ch in closes:
                if stack:
                    stack.pop()
                else:
                    out.append(("closed", k, pair))
        out.extend(("open", k, pair) for k in stack)
    return sorted(out, key=lambda x: x[1])


def _excerpt(text: str, at: int) -> str:
    return text[max(0, at - 8):at + 9].strip()


def find(doc: Document) -> list[Finding]:
    out = []
    for spot in doc.spots():
        text = spot.block.text
        for what, at, pair in _check(text):
            out.append(finding(FindingKind.BRACKETS, Severity.ERROR, doc.place(spot, at),
                               f"brackets.{what}", pair=pair, mark=text[at],
                               excerpt=_excerpt(text, at)))
    return out
