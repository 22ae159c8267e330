"""The proofreader's findings for readers: the terminal text, grouped by direction as ``diff``
groups its changes, and the JSON of the contract ``schema/check.schema.json``
(``guidediff.check/1``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..normalize.facts import title_text
from ..proofread import Finding, Proofreading, Severity
from ..proofread.words import message, suggestion, where, word
from ..read.raw import line_unit

SCHEMA_ID = "guidediff.check/1"


def unit_of(r: Proofreading) -> str:
    """What a finding's line counts: a line, or a paragraph of a DOCX or HTML page."""
    return line_unit(r.document.kind)


def groups(r: Proofreading) -> Iterator[tuple[str | None, list[Finding]]]:
    """The findings by direction (None: outside the directions), in document order."""
    order: dict[str | None, list[Finding]] = {}
    for f in r.findings:
        order.setdefault(f.place.direction, []).append(f)
    yield from order.items()


def heading(r: Proofreading, direction: str | None, lang: str) -> str:
    if direction is None:
        return word("words.document", lang)
    d = r.document.guideline.direction(direction)
    return f"{direction} {title_text(d)}" if d is not None else direction


def summary_line(r: Proofreading, lang: str) -> str:
    return word("words.summary", lang, n=len(r.findings), errors=r.count(Severity.ERROR),
                warnings=r.count(Severity.WARNING), notes=r.count(Severity.NOTE))


def text(r: Proofreading, lang: str = "zh") -> str:
    """The findings for the terminal: a summary line, then each direction's findings."""
    name = r.document.path
    lines = [f"{name}: {summary_line(r, lang)}"]
    if r.against is not None:
        lines.append(word("words.against", lang, name=r.against.meta.id))
    if not r.findings:
        lines.append(word("words.none", lang))
    unit = unit_of(r)
    colon = "：" if lang == "zh" else ": "
    for direction, found in groups(r):
        lines.append("")
        lines.append(heading(r, direction, lang))
        for f in found:
            head = [where(f, unit, lang)]
            if f.place.clause:
                head.append(f.place.clause)
            head.append(f"{word(f'words.{f.severity.value}', lang)}"
                        f"[{word(f'kind.{f.kind.value}', lang)}]")
            lines.append("  " + "  ".join(head))
            lines.append(f"    {message(f, lang, unit)}")
            fix = suggestion(f, lang)
            if fix:
                lines.append(f"    {word('words.fix', lang)}{colon}{fix}")
    return "\n".join(lines) + "\n"


def finding_json(f: Finding, lang: str, unit: str = "line") -> dict[str, Any]:
    return {"kind": f.kind.value, "severity": f.severity.value, "code": f.code,
            "line": f.place.line, "page": f.place.page, "direction": f.place.direction,
            "clause": f.place.clause, "message": message(f, lang, unit),
            "suggestion": suggestion(f, lang), "values": f.values()}


def as_json(r: Proofreading, lang: str = "zh") -> dict[str, Any]:
    g = r.document.guideline
    doc = {"name": Path(r.document.path).name, "id": g.meta.id, "title": g.meta.title,
           "year": g.meta.year, "format": r.document.kind, "line_unit": unit_of(r),
           "directions": len(g.directions)}
    against = None if r.against is None else {"id": r.against.meta.id,
                                               "title": r.against.meta.title,
                                               "year": r.against.meta.year}
    return {"schema": SCHEMA_ID, "lang": lang, "document": doc, "against": against,
            "summary": {"findings": len(r.findings), "errors": r.count(Severity.ERROR),
                        "warnings": r.count(Severity.WARNING), "notes": r.count(Severity.NOTE)},
            "findings": [finding_json(f, lang, unit_of(r)) for f in r.findings]}


def json_bytes(r: Proofreading, lang: str = "zh") -> bytes:
    return (json.dumps(as_json(r, lang), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
