"""A comparison in brief, as the history and the corpus site show each step of a lineage: for
every matched pair of directions with a substantive change, its changes in sentences (Chinese
and English), what they are about (its subjects: budget, contacts…, for the grid's marks) and
where they stand in the pair's HTML report; and every row of the pair's alignment (to link a
dropped or added direction to its section). Small enough to cache for every pair of a corpus."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..compare.events import ChangeLog
from ..compare.kinds import AlignStatus, Subject
from .memo import direction_sentences


@dataclass(frozen=True)
class Step:
    old: str  # direction ids
    new: str
    anchor: str  # the direction's section in the pair's report.html
    zh: tuple[str, ...]
    en: tuple[str, ...]
    subjects: tuple[Subject, ...] = ()  # what its substantive changes are about, in order

    def said(self, lang: str) -> tuple[str, ...]:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class PairSummary:
    old: str  # version ids
    new: str
    steps: tuple[Step, ...]  # the matched pairs with a substantive change
    substantive: int
    format_only: int  # the changes hidden by default: format only or meaning-neutral wording
    rows: tuple[tuple[str, str], ...] = ()  # the alignment: (old, new) directions, "" for none

    def step(self, old: str, new: str) -> Step | None:
        return next((s for s in self.steps if s.old == old and s.new == new), None)

    def anchor_for(self, old: str | None, new: str | None) -> str | None:
        """The report section that shows ``old`` → ``new``: the pair's own, else the one of
        ``new`` (added, or paired with another), else the one of ``old`` (dropped, or paired
        with another); None when the pair's alignment names neither."""
        rows = self.rows
        found = next((r for r in rows if r == (old or "", new or "")), None) \
            or next((r for r in rows if new and r[1] == new), None) \
            or next((r for r in rows if old and r[0] == old), None)
        return None if found is None else anchor(found[0] or None, found[1] or None)


def anchor(old: str | None, new: str | None) -> str:
    """The id of a direction's section in the HTML report (``render.html.sections``)."""
    return f"d-{old or 'none'}-{new or 'none'}"


def _subjects(log: ChangeLog) -> dict[tuple[str, str], tuple[Subject, ...]]:
    found: dict[tuple[str, str], set[Subject]] = {}
    for c in log.substantive():
        if c.old_direction and c.new_direction:
            found.setdefault((c.old_direction, c.new_direction), set()).add(c.kind.subject)
    order = list(Subject)
    return {k: tuple(sorted(v, key=order.index)) for k, v in found.items()}


def pair_summary(log: ChangeLog) -> PairSummary:
    zh, en = direction_sentences(log, "zh"), direction_sentences(log, "en")
    subjects = _subjects(log)
    steps = tuple(Step(r.old or "", r.new or "", anchor(r.old, r.new),
                       tuple(zh.get((r.old or "", r.new or ""), ())),
                       tuple(en.get((r.old or "", r.new or ""), ())),
                       subjects.get((r.old or "", r.new or ""), ()))
                  for r in log.alignment
                  if r.status is AlignStatus.MATCHED and (r.old or "", r.new or "") in zh)
    subs = len(log.substantive())
    return PairSummary(log.old.id, log.new.id, steps, subs, len(log.changes) - subs,
                       tuple((r.old or "", r.new or "") for r in log.alignment))


def to_dict(p: PairSummary) -> dict[str, Any]:
    return {"old": p.old, "new": p.new, "substantive": p.substantive,
            "format_only": p.format_only, "rows": [list(r) for r in p.rows],
            "steps": [[s.old, s.new, s.anchor, list(s.zh), list(s.en),
                       [x.value for x in s.subjects]] for s in p.steps]}


def from_dict(x: dict[str, Any]) -> PairSummary:
    return PairSummary(x["old"], x["new"],
                       tuple(Step(o, n, a, tuple(z), tuple(e), tuple(Subject(k) for k in s))
                             for o, n, a, z, e, s in x["steps"]),
                       x["substantive"], x["format_only"],
                       tuple((o, n) for o, n in x["rows"]))
