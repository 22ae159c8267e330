"""The HTML report: one self-contained file (inline style and script, no external resource)."""

from __future__ import annotations

from dataclasses import dataclass

from ..compare.events import Change, ChangeLog, ClauseRow, DocInfo, PairView
from ..compare.kinds import AlignStatus, Kind, Subject
from ..version import __version__
from .env import environment
from .i18n import t
from .options import RenderOptions
from .summary import Summary, summarize


@dataclass(frozen=True)
class Section:
    """One section of the report: the document's own parts, or a direction (matched, added,
    dropped) with its changes and clauses."""

    view: PairView | None  # None: the document's own parts
    rows: tuple[ClauseRow, ...]
    status: str  # matched | added | dropped | preamble (a class of the section)
    anchor: str
    heading: str
    changes: tuple[Change, ...]
    kinds: str  # space-separated kinds of its substantive changes, for the filters
    nearest: str = ""  # an unmatched direction's nearest candidate, in words
    score: float | None = None
    program: Change | None = None  # an added or dropped direction's own event


_NUMERALS = "一二三四五六七八九十"


def side_label(doc: DocInfo, fallback: str, lang: str, short: bool = False) -> str:
    """What heads a side: the document's year, batch and stage (2022年第一批 征求意见稿); short:
    the year alone, unless both sides share it (``sides``)."""
    parts = []
    if doc.year:
        parts.append(t("html.side_year", lang, year=doc.year))
    if doc.batch and not short:
        n = _NUMERALS[doc.batch - 1] if 0 < doc.batch <= 10 else str(doc.batch)
        parts.append(t("html.side_batch", lang, n=n if lang == "zh" else doc.batch))
    if doc.stage in ("draft", "final") and not short:
        parts.append(t(f"site.stage.{doc.stage}", lang))
    if not parts:
        return fallback
    return ("".join(parts[:2]) + " " + " ".join(parts[2:])).strip() if lang == "zh" \
        else " ".join(parts)


def sides(log: ChangeLog, lang: str, short: bool = False) -> tuple[str, str]:
    """The two sides' heads, told apart: a short head is the year when the years differ."""
    old_full = side_label(log.old, t("old", lang), lang)
    new_full = side_label(log.new, t("new", lang), lang)
    if old_full == new_full:  # (the same document twice, or two that say nothing)
        return (t("html.side_told", lang, head=old_full, side=t("old", lang)),
                t("html.side_told", lang, head=new_full, side=t("new", lang)))
    if short and log.old.year != log.new.year and log.old.year and log.new.year:
        return str(log.old.year), str(log.new.year)
    return old_full, new_full


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


def _program(v: PairView, log: ChangeLog) -> Change | None:
    """The event of an added or dropped direction (what its heading says)."""
    if v.status is AlignStatus.MATCHED:
        return None
    kind = Kind.PROGRAM_ADDED if v.status is AlignStatus.ADDED else Kind.PROGRAM_DROPPED
    return next((c for c in log.changes if c.kind is kind and c.old_direction == v.old
                 and c.new_direction == v.new), None)


def sections(log: ChangeLog, lang: str) -> list[Section]:
    y_old, y_new = sides(log, lang, short=True)
    changes = _section_changes(log, None, None)
    out = [Section(None, log.preamble, "preamble", "preamble",
                   t("report.document", lang), changes,
                   " ".join(sorted({c.kind.value for c in changes if not c.minor})))]
    for v in log.views:
        changes = _section_changes(log, v.old, v.new)
        if v.status is AlignStatus.MATCHED:
            heading = f"{y_old} {v.old} → {y_new} {v.new} {v.new_title}"
        elif v.status is AlignStatus.ADDED:
            heading = f"{y_new} {v.new} {v.new_title}"
        else:
            heading = f"{y_old} {v.old} {v.old_title}"
        kinds = {c.kind for c in changes if not c.minor}
        if v.status is AlignStatus.ADDED:
            kinds.add(Kind.PROGRAM_ADDED)
        elif v.status is AlignStatus.DROPPED:
            kinds.add(Kind.PROGRAM_DROPPED)
        out.append(Section(v, v.rows, v.status.value, f"d-{v.old or 'none'}-{v.new or 'none'}",
                           heading, changes, " ".join(sorted(k.value for k in kinds)),
                           _nearest(v, log, lang), v.score, _program(v, log)))
    return out


def render_html(log: ChangeLog, opts: RenderOptions | None = None) -> bytes:
    opts = opts or RenderOptions()
    lang, show_format_only = opts.lang, opts.show_format_only
    summary: Summary = summarize(log)
    secs = sections(log, lang)
    y_old, y_new = sides(log, lang)
    html = environment().get_template("report.html.j2").render(
        log=log, summary=summary, sections=secs, lang=lang,
        show_format_only=show_format_only, version=__version__, downloads=opts.downloads,
        review=opts.review, y_old=y_old, y_new=y_new)
    return html.encode("utf-8")
