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
    """Raise ConservationError unless body + artifacts of ``root`` give back ``raw``.

    A line number may name several lines (a DOCX paragraph split at its line breaks): an
    artifact then matches one of them.
    """
    by_number: dict[int, list[int]] = {}
    for k, ln in enumerate(raw.lines):
        by_number.setdefault(ln.number, []).append(k)
    taken: set[int] = set()
    artifact_chars = 0
    for a in root.iterfind("artifacts/artifact"):
        n = int(a.get("line", "0"))
        text = fold(a.text or "")
        match = next((k for k in by_number.get(n, ()) if k not in taken
                      and fold(raw.lines[k].text) == text), None)
        if match is None:
            raise ConservationError(f"artifact does not match its source line: {a.text!r}",
                                    raw.path, n)
        taken.add(match)
        artifact_chars += len(text)
    expected = fold("".join(ln.text for k, ln in enumerate(raw.lines) if k not in taken))
    got = fold(body_text(root))
    if expected != got:
        i = _first_difference(expected, got)
        raise ConservationError(
            f"body text differs from the input at folded character {i}: input has "
            f"{expected[i:i + 20]!r}, XML has {got[i:i + 20]!r}", raw.path)
    return ConservationReport(len(fold(raw.text)), len(got), artifact_chars)
