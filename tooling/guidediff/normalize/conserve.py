"""Nothing lost: the XML holds every character of the input exactly once.

Whitespace is folded (line wraps, page-start indentation and double spacing carry no text). Every
artifact must equal the input line it names; the input without those lines must equal the XML's
body text, in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..errors import ConservationError
from ..read.raw import RawText
from ..xmlio import body_text


def fold(text: str) -> str:
    return "".join(text.split())


@dataclass(frozen=True)
class ConservationReport:
    input_chars: int
    body_chars: int
    artifact_chars: int


def _first_difference(a: str, b: str) -> int:
    n = min(len(a), len(b))
    return next((i for i in range(n) if a[i] != b[i]), n)


def check_conservation(raw: RawText, root: etree._Element) -> ConservationReport:
    """Raise ConservationError unless body + artifacts of ``root`` give back ``raw``."""
    by_line = {ln.number: ln.text for ln in raw.lines}
    artifact_lines: set[int] = set()
    artifact_chars = 0
    for a in root.iterfind("artifacts/artifact"):
        n = int(a.get("line", "0"))
        if fold(by_line.get(n, "")) != fold(a.text or ""):
            raise ConservationError(f"artifact does not match its source line: {a.text!r}",
                                    raw.path, n)
        artifact_lines.add(n)
        artifact_chars += len(fold(a.text or ""))
    expected = fold("".join(ln.text for ln in raw.lines if ln.number not in artifact_lines))
    got = fold(body_text(root))
    if expected != got:
        i = _first_difference(expected, got)
        raise ConservationError(
            f"body text differs from the input at folded character {i}: input has "
            f"{expected[i:i + 20]!r}, XML has {got[i:i + 20]!r}", raw.path)
    return ConservationReport(len(fold(raw.text)), len(got), artifact_chars)
