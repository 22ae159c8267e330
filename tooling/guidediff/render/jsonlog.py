"""The JSON change log, exactly as the contract ``schema/changes.schema.json`` specifies."""

from __future__ import annotations

import json
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from ..compare.events import (
    AlignmentRow,
    Change,
    ChangeLog,
    DocInfo,
    ProgramValue,
    StatedFigure,
    TypedValue,
)
from ..compare.evidence import sentence
from ..compare.reconcile import Check
from ..model import Contact, Duration, Money, Source
from ..normalize.facts import Budget, Projects
from .options import RenderOptions

SCHEMA_ID = "guidediff.changes/1"


def json_number(x: Decimal | int | None) -> int | float | None:
    if x is None:
        return None
    if isinstance(x, Decimal):
        return int(x) if x == x.to_integral_value() else float(x)
    return x


def _money(m: Money) -> dict[str, Any]:
    out: dict[str, Any] = {"amount_wan": json_number(m.amount_wan), "cap": m.cap,
                           "approx": m.approx}
    if m.currency != "CNY":  # (万 of that currency)
        out["currency"] = m.currency
    return out


def value(v: TypedValue) -> Any:
    if isinstance(v, Budget):
        budget: dict[str, Any] = {"amount_wan": json_number(v.amount_wan), "cap": v.cap,
                                   "approx": v.approx, "lines": [_money(m) for m in v.lines]}
        if v.per_project is not None:
            budget["per_project"] = _money(v.per_project)
        if v.foreign:  # amounts in other currencies, never summed into amount_wan
            budget["foreign"] = [_money(m) for m in v.foreign]
        return budget
    if isinstance(v, Projects):
        return {"min": v.min, "max": v.max, "cap": v.cap, "approx": v.approx}
    if isinstance(v, Duration):
        out: dict[str, Any] = {"min_years": v.min_years, "max_years": v.max_years, "cap": v.cap}
        if v.from_year is not None:
            out.update(from_year=v.from_year, to_year=v.to_year)
        return out
    if isinstance(v, Contact):
        return {"name": v.name, "org": v.org, "phones": list(v.phones), "email": v.email,
                "web": v.web}
    if isinstance(v, StatedFigure):
        return json_number(v.number)
    if isinstance(v, ProgramValue):  # the contract writes a whole direction's budget
        return value(v.budget)
    if isinstance(v, Decimal | int):
        return json_number(v)
    return v


def _source(s: Source | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"line": s.line, "end_line": s.end_line, "page": s.page}


def _document(d: DocInfo) -> dict[str, Any]:
    return {"title": d.title, "title_line": d.title_line, "title_source": _source(d.title_source),
            "path": d.path, "sha256": d.sha256, "year": d.year, "stage": d.stage,
            "directions": d.directions, "line_unit": d.line_unit}


def _row(r: AlignmentRow) -> dict[str, Any]:
    out: dict[str, Any] = {"status": r.status.value, "old": r.old, "new": r.new}
    if r.score is not None:
        out["score"] = r.score
    out["evidence"] = [sentence(e) for e in r.evidence]
    out["nearest"] = asdict(r.nearest) if r.nearest is not None else None
    return out


def _change(c: Change) -> dict[str, Any]:
    out = {"id": c.id, "kind": c.kind.value, "old_direction": c.old_direction,
            "new_direction": c.new_direction, "field": str(c.location), "old_text": c.old_text,
            "new_text": c.new_text, "old_value": value(c.old_value),
            "new_value": value(c.new_value), "diff": [list(op) for op in c.diff],
            "format_only": c.format_only, "old_source": _source(c.old_source),
            "new_source": _source(c.new_source)}
    if c.neutral:  # a meaning-neutral wording edit: the listed words it inserts or deletes
        out["neutral_words"] = list(c.neutral)
    return out


def _check(c: Check) -> dict[str, Any]:
    return {"document": c.document, "figure": c.figure.value, "stated": value(c.stated),
            "computed": value(c.computed), "ok": c.ok, "note": c.note}


def to_dict(log: ChangeLog) -> dict[str, Any]:
    return {"schema": SCHEMA_ID, "old": _document(log.old), "new": _document(log.new),
            "alignment": [_row(r) for r in log.alignment],
            "changes": [_change(c) for c in log.changes],
            "checks": [_check(c) for c in log.checks]}


def render_json(log: ChangeLog, opts: RenderOptions | None = None) -> bytes:
    """All changes, format-only ones included (flagged): the log is the record."""
    text = json.dumps(to_dict(log), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
