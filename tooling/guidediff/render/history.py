"""The history of a corpus as people read it: the JSON contract (``guidediff.history/1``), a
grid of programmes × versions for the terminal, and where a phrase was seen."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..compare.digest import Values
from ..compare.evidence import sentence
from ..compare.history import History
from ..compare.lineage import Lineage, LinkKind, Member
from ..text import width
from .i18n import t
from .jsonlog import json_number as _num

SCHEMA = "guidediff.history/1"
MARK = {LinkKind.REAPPEARED: "r", LinkKind.SPLIT: "s", LinkKind.MERGED: "m",
        LinkKind.OVERRIDE: "o"}


def _member(m: Member) -> dict[str, Any]:
    via = None if m.via is None else {
        "kind": m.via.kind.value, "from_version": m.via.source.version,
        "from_direction": m.via.source.direction, "score": m.via.score,
        "evidence": [sentence(e) for e in m.via.evidence]}
    src = None if m.source is None else {"line": m.source.line, "page": m.source.page}
    return {"version": m.version, "direction": m.direction, "title": m.title, "source": src,
            "via": via}


ValueParts = tuple[dict[str, Any] | None, dict[str, Any] | None, dict[str, Any] | None,
                   dict[str, Any], dict[str, Any]]


def _value_parts(v: Values) -> ValueParts:
    """A member's values as the contract writes them, less the version."""
    budget = None if v.budget_wan is None else {
        "amount_wan": _num(v.budget_wan), "cap": v.budget_cap, "approx": v.budget_approx}
    projects = None if v.projects_min is None and v.projects_max is None else {
        "min": v.projects_min, "max": v.projects_max, "cap": v.projects_cap}
    duration = None if v.duration_min is None and v.duration_max is None else {
        "min": v.duration_min, "max": v.duration_max}
    return (budget, projects, duration, {"emails": list(v.emails), "names": list(v.names)},
            {"titles": list(v.agreements)})


def _values(lin: Lineage, parts: dict[Values, ValueParts]) -> dict[str, Any]:
    """A lineage's values over time (``parts``: each value's parts, made once for the values a
    programme keeps over many versions)."""
    keys = ("budget", "projects", "duration_years", "contacts", "agreements")
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in keys}
    seen: set[str] = set()
    for m in lin.members:
        if m.version in seen:  # a merged direction is its lineage's last member: once a version
            continue
        seen.add(m.version)
        made = parts.get(m.values)
        if made is None:
            made = parts[m.values] = _value_parts(m.values)
        for k, part in zip(keys, made, strict=True):
            if part is not None:
                out[k].append({"version": m.version, **part})
    return out


def _lineage(lin: Lineage, parts: dict[Values, ValueParts]) -> dict[str, Any]:
    return {"id": lin.id, "name": lin.name, "partners": list(lin.partners),
            "members": [_member(m) for m in lin.members], "values": _values(lin, parts)}


def history_dict(h: History) -> dict[str, Any]:
    """The history as the contract ``guidediff.history/1`` says."""
    parts: dict[Values, ValueParts] = {}
    return {
        "schema": SCHEMA,
        "versions": [{"id": v.id, "title": v.title, "sha256": v.sha256, "year": v.year,
                      "batch": v.batch, "stage": v.stage, "directions": v.directions}
                     for v in h.versions],
        "lineages": [_lineage(lin, parts) for lin in h.lineages],
        "totals": [{"version": v.id, "directions": v.totals.directions,
                    "projects": v.totals.projects, "budget_wan": _num(v.totals.budget_wan),
                    "stated": {"directions": v.totals.stated_directions,
                               "partners": v.totals.stated_partners,
                               "tasks": v.totals.stated_tasks,
                               "budget_wan": _num(v.totals.stated_budget_wan)}}
                   for v in h.versions],
    }


def history_json(h: History) -> bytes:
    """The contract as indented JSON (for a person and a terminal)."""
    return (json.dumps(history_dict(h), ensure_ascii=False, indent=1) + "\n").encode()


def history_json_chunks(h: History) -> Iterator[bytes]:
    """The contract as compact JSON, a lineage at a time: a history of any size is never a
    tree of dicts, nor one string, in memory."""
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    head, tail = dump(history_dict(History(h.versions, ()))).split('"lineages":[]', 1)
    yield (head + '"lineages":[').encode()
    parts: dict[Values, ValueParts] = {}
    for k, lin in enumerate(h.lineages):
        yield ("," if k else "").encode() + dump(_lineage(lin, parts)).encode()
    yield ("]" + tail + "\n").encode()


# ---------------------------------------------------------------- the grid


def by_version(lin: Lineage) -> dict[str, Member]:
    """A lineage's member in each version (the first, where a merge adds a second)."""
    out: dict[str, Member] = {}
    for m in lin.members:
        out.setdefault(m.version, m)
    return out


def cell_of(m: Member | None) -> str:
    """What the grid shows for a lineage in a version: the printed number, marked when the
    programme came back (r), was split off (s), merged (m) or pinned (o); — where absent."""
    if m is None:
        return "—"
    return m.direction + (MARK.get(m.via.kind, "") if m.via is not None else "")


def cell(lin: Lineage, version: str) -> str:
    return cell_of(by_version(lin).get(version))


def _pad(text: str, n: int) -> str:
    return text + " " * max(0, n - width(text))


def history_text(h: History, lang: str = "zh") -> bytes:
    ids = [v.id for v in h.versions]
    widths = [max(width(i), 5) for i in ids]
    names = [lin.name for lin in h.lineages]
    name_w = min(44, max([width(n) for n in names] + [8]))
    lines = [t("history.counts", lang, versions=len(h.versions), lineages=len(h.lineages)), ""]
    head = _pad(t("history.programme", lang), name_w) + "  " + "  ".join(
        _pad(i, w) for i, w in zip(ids, widths, strict=True))
    lines += [head.rstrip(), "-" * width(head.rstrip())]
    for lin in h.lineages:
        name = lin.name if width(lin.name) <= name_w else _clip(lin.name, name_w)
        members = by_version(lin)
        row = _pad(name, name_w) + "  " + "  ".join(
            _pad(cell_of(members.get(i)), w) for i, w in zip(ids, widths, strict=True))
        lines.append(row.rstrip())
    lines += ["", t("history.legend", lang)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _clip(text: str, n: int) -> str:
    out = ""
    for c in text:
        if width(out + c) > n - 1:
            return out + "…"
        out += c
    return out


# ---------------------------------------------------------------- where a phrase appears


@dataclass(frozen=True)
class Seen:
    """Where a phrase appears: in a lineage (or the preamble, ``lineage`` None), the versions."""

    lineage: Lineage | None
    hits: tuple[tuple[str, str, int, str], ...]  # (version, direction or "", line, line unit)


def nowhere(phrase: str, lang: str = "zh") -> str:
    """The line that says a phrase appears nowhere."""
    return t("history.nowhere", lang, phrase=phrase)


def no_programme(text: str, lang: str = "zh") -> str:
    """The line that says no programme matches ``--programme``."""
    return t("history.no_programme", lang, text=text)


def _at(line: int, unit: str, lang: str) -> str:
    """第170行, or 第57段 for a DOCX or HTML paragraph."""
    return t(f"source.{'paragraph' if unit == 'paragraph' else 'line'}", lang, lines=line)


def grep_text(phrase: str, seen: Sequence[Seen], lang: str = "zh") -> bytes:
    if not seen:
        return (nowhere(phrase, lang) + "\n").encode()
    lines = []
    for s in seen:
        first, last = s.hits[0], s.hits[-1]
        where = s.lineage.name if s.lineage else t("history.outside", lang)
        a, b = (" ".join(x for x in h[:2] if x) for h in (first, last))
        lines.append(t("history.seen", lang, where=where, first=a,
                       first_at=_at(first[2], first[3], lang), last=b,
                       last_at=_at(last[2], last[3], lang), n=len({h[0] for h in s.hits})))
    return ("\n".join(lines) + "\n").encode("utf-8")


def grep_json(phrase: str, seen: Sequence[Seen]) -> bytes:
    out = {"phrase": phrase, "seen": [
        {"lineage": s.lineage.id if s.lineage else None,
         "name": s.lineage.name if s.lineage else None,
         "first": {"version": s.hits[0][0], "direction": s.hits[0][1], "line": s.hits[0][2],
                   "line_unit": s.hits[0][3]},
         "last": {"version": s.hits[-1][0], "direction": s.hits[-1][1], "line": s.hits[-1][2],
                  "line_unit": s.hits[-1][3]},
         "versions": sorted({h[0] for h in s.hits}, key=[h[0] for h in s.hits].index)}
        for s in seen]}
    return (json.dumps(out, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
