"""A comparison in brief, as the history and the corpus site show each step of a lineage: for
every matched pair of directions, its substantive changes in sentences (Chinese and English) and
where they stand in the pair's HTML report. Small enough to cache for every pair of a corpus."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..compare.events import ChangeLog
from ..compare.kinds import AlignStatus
from .memo import direction_sentences


@dataclass(frozen=True)
class Step:
    old: str  # direction ids
    new: str
    anchor: str  # the direction's section in the pair's report.html
    zh: tuple[str, ...]
    en: tuple[str, ...]

    def said(self, lang: str) -> tuple[str, ...]:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class PairSummary:
    old: str  # version ids
    new: str
    steps: tuple[Step, ...]  # the matched pairs with a substantive change
    substantive: int
    format_only: int

    def step(self, old: str, new: str) -> Step | None:
        return next((s for s in self.steps if s.old == old and s.new == new), None)


def anchor(old: str | None, new: str | None) -> str:
    """The id of a direction's section in the HTML report (``render.html.sections``)."""
    return f"d-{old or 'none'}-{new or 'none'}"


def pair_summary(log: ChangeLog) -> PairSummary:
    zh, en = direction_sentences(log, "zh"), direction_sentences(log, "en")
    steps = tuple(Step(r.old or "", r.new or "", anchor(r.old, r.new),
                       tuple(zh.get((r.old or "", r.new or ""), ())),
                       tuple(en.get((r.old or "", r.new or ""), ())))
                  for r in log.alignment
                  if r.status is AlignStatus.MATCHED and (r.old or "", r.new or "") in zh)
    subs = len(log.substantive())
    return PairSummary(log.old.id, log.new.id, steps, subs, len(log.changes) - subs)


def to_dict(p: PairSummary) -> dict[str, Any]:
    return {"old": p.old, "new": p.new, "substantive": p.substantive,
            "format_only": p.format_only,
            "steps": [[s.old, s.new, s.anchor, list(s.zh), list(s.en)] for s in p.steps]}


def from_dict(x: dict[str, Any]) -> PairSummary:
    return PairSummary(x["old"], x["new"],
                       tuple(Step(o, n, a, tuple(z), tuple(e)) for o, n, a, z, e in x["steps"]),
                       x["substantive"], x["format_only"])
