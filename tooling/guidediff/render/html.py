"""The HTML report: one self-contained file (inline style and script, no external resource)."""

from __future__ import annotations

from dataclasses import dataclass

from ..compare.events import Change, ChangeLog, ClauseRow, PairView
from ..compare.kinds import AlignStatus, Kind, Subject
from ..version import __version__
from .env import environment
from .i18n import t
from .options import RenderOptions
from .summary import Summary, summarize


@dataclass(frozen=True)
class Section:
    view: PairView | None  # None: the document's own parts
    rows: tuple[ClauseRow, ...]
    status: str  # matched | added | dropped | preamble (a class of the section)
    anchor: str
    heading: str
    changes: tuple[Change, ...]
    kinds: str  # space-separated kinds of its substantive changes, for the filters
    nearest: str = ""  # an unmatched direction's nearest candidate, in words
    score: float | None = None


def side_label(year: int | None, fallback: str) -> str:
    return str(year) if year else fallback


def _nearest(v: PairView, log: ChangeLog, lang: str) -> str:
    """Why an unmatched direction stands alone: its nearest candidate, and the pair that took it."""
    row = next((r for r in log.alignment if r.status == v.status and r.old == v.old
                and r.new == v.new), None)
    n = row.nearest if row else None
    if n is None:
        return ""
    text = t("html.nearest_is", lang, id=n.id, score=f"{n.score:.2f}")
    if n.taken_by is not None and n.taken_score is not None:
        pair = f"{n.id} → {n.taken_by}" if v.status is AlignStatus.ADDED else \
            f"{n.taken_by} → {n.id}"
        text += t("html.taken", lang, id=n.id, by=n.taken_by, pair=pair,
                  score=f"{n.taken_score:.2f}")
    return text


def _section_changes(log: ChangeLog, old: str | None, new: str | None) -> tuple[Change, ...]:
    return tuple(c for c in log.changes if c.old_direction == old and c.new_direction == new
                 and c.kind.subject is not Subject.PROGRAM)


def sections(log: ChangeLog, lang: str) -> list[Section]:
    y_old = side_label(log.old.year, t("old", lang))
    y_new = side_label(log.new.year, t("new", lang))
    changes = _section_changes(log, None, None)
    out = [Section(None, log.preamble, "preamble", "preamble",
                   t("report.document", lang), changes,
                   " ".join(sorted({c.kind.value for c in changes if not c.format_only})))]
    for v in log.views:
        changes = _section_changes(log, v.old, v.new)
        if v.status is AlignStatus.MATCHED:
            heading = f"{y_old} {v.old} → {y_new} {v.new} {v.new_title}"
        elif v.status is AlignStatus.ADDED:
            heading = f"{y_new} {v.new} {v.new_title}"
        else:
            heading = f"{y_old} {v.old} {v.old_title}"
        kinds = {c.kind for c in changes if not c.format_only}
        if v.status is AlignStatus.ADDED:
            kinds.add(Kind.PROGRAM_ADDED)
        elif v.status is AlignStatus.DROPPED:
            kinds.add(Kind.PROGRAM_DROPPED)
        out.append(Section(v, v.rows, v.status.value, f"d-{v.old or 'none'}-{v.new or 'none'}",
                           heading, changes, " ".join(sorted(k.value for k in kinds)),
                           _nearest(v, log, lang), v.score))
    return out


def render_html(log: ChangeLog, opts: RenderOptions | None = None) -> bytes:
    opts = opts or RenderOptions()
    lang, show_format_only = opts.lang, opts.show_format_only
    summary: Summary = summarize(log)
    secs = sections(log, lang)
    present = [k for k, _, _ in summary.kind_counts]
    html = environment().get_template("report.html.j2").render(
        log=log, summary=summary, sections=secs, kinds=present, lang=lang,
        show_format_only=show_format_only, version=__version__, downloads=opts.downloads,
        y_old=side_label(log.old.year, "old"), y_new=side_label(log.new.year, "new"))
    return html.encode("utf-8")
