"""Nothing lost: the XML holds every character of the input exactly once.

Whitespace is folded (line wraps, page-start indentation and double spacing carry no text). Every
artifact must equal the input line it names (a page number glued to the next page's text: the
start of it); the input without those lines must equal the XML's body text, in order.
``Conservation`` checks a document as its body text arrives, a piece at a time, so that neither
side is ever whole in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ConservationError
from ..model import Artifact
from ..read.raw import RawText

if TYPE_CHECKING:
    from ..xmlio import Element


def fold(text: str) -> str:
    return "".join(text.split())


@dataclass(frozen=True)
class ConservationReport:
    """How the input's characters were accounted for."""

    input_chars: int
    body_chars: int
    artifact_chars: int


def _first_difference(a: str, b: str) -> int:
    n = min(len(a), len(b))
    return next((i for i in range(n) if a[i] != b[i]), n)


class Conservation:
    """Checks that the artifacts are input lines and that the body text, fed in document
    order (``body``), gives back the rest of the input (``finish``).

    A line number may name several lines (a DOCX paragraph split at its line breaks): an
    artifact then matches one of them.
    """

    def __init__(self, raw: RawText, artifacts: Iterable[Artifact]) -> None:
        self.raw = raw
        self.artifacts = artifacts = list(artifacts)
        wanted = {a.line for a in artifacts}
        by_number: dict[int, list[int]] = {}  # (only the lines an artifact names)
        if wanted:
            for k, ln in enumerate(raw.lines):
                if ln.number in wanted:
                    by_number.setdefault(ln.number, []).append(k)
        texts = raw.texts
        taken: set[int] = set()
        rest: dict[int, str] = {}  # a line whose start was a page number glued to its text
        self.artifact_chars = 0
        for a in artifacts:
            text = fold(a.text)
            match = next((k for k in by_number.get(a.line, ()) if k not in taken
                          and fold(texts[k]) == text), None)
            if match is None and a.kind == "page-number":
                match = next((k for k in by_number.get(a.line, ()) if k not in taken
                              and k not in rest and fold(texts[k]).startswith(text)), None)
                if match is not None:
                    rest[match] = fold(texts[match])[len(text):]
                    self.artifact_chars += len(text)
                    continue
            if match is None:
                raise ConservationError(f"artifact does not match its source line: {a.text!r}",
                                        raw.path, a.line)
            taken.add(match)
            self.artifact_chars += len(text)
        self._expected: Iterator[str] = (rest[k] if k in rest else fold(t)
                                         for k, t in enumerate(texts) if k not in taken)
        self._pending = ""  # expected text read from the input and not yet matched
        self._matched = 0  # folded characters matched so far

    def _read(self, n: int) -> str:
        """At least ``n`` characters of expected text (fewer at the end of the input)."""
        parts, have = [self._pending], len(self._pending)
        while have < n:
            t = next(self._expected, None)
            if t is None:
                break
            parts.append(t)
            have += len(t)
        self._pending = "".join(parts)
        return self._pending

    def body(self, text: str) -> None:
        """The next body text of the XML, in document order."""
        got = fold(text)
        expected = self._read(len(got))
        if expected[:len(got)] != got:
            i = _first_difference(expected, got)
            self._differ(i, got)
        self._pending = expected[len(got):]
        self._matched += len(got)

    def _differ(self, i: int, got: str) -> None:
        expected = self._read(i + 20)
        raise ConservationError(
            f"body text differs from the input at folded character {self._matched + i}: input "
            f"has {expected[i:i + 20]!r}, XML has {got[i:i + 20]!r}", self.raw.path)

    def written(self, artifacts: list[Artifact]) -> None:
        """The artifacts as the XML holds them: each must be the one it was checked as."""
        for w, a in zip(artifacts, self.artifacts, strict=False):
            if (w.line, fold(w.text)) != (a.line, fold(a.text)):
                raise ConservationError(f"artifact does not match its source line: {a.text!r}",
                                        self.raw.path, w.line)
        if len(artifacts) != len(self.artifacts):
            raise ConservationError(f"{len(artifacts)} artifacts written for "
                                    f"{len(self.artifacts)} taken out of the input",
                                    self.raw.path)

    def finish(self) -> ConservationReport:
        if self._read(1):
            self._differ(0, "")
        return ConservationReport(sum(len(fold(t)) for t in self.raw.texts),
                                  self._matched, self.artifact_chars)


def check_conservation(raw: RawText, root: Element) -> ConservationReport:
    """Raise ConservationError unless body + artifacts of ``root`` give back ``raw``."""
    from ..xmlio import artifacts_of, body_text

    check = Conservation(raw, artifacts_of(root))
    check.body(body_text(root))
    return check.finish()
