"""The HTML report: one self-contained file (inline style and script, no external resource)."""

from __future__ import annotations

from dataclasses import dataclass

from ..compare.events import Change, ChangeLog, DocInfo, PairView
from ..version import __version__
from .env import environment
from .options import RenderOptions
from .summary import Summary, summarize


@dataclass(frozen=True)
class Section:
    view: PairView
    anchor: str
    heading: str
    changes: tuple[Change, ...]
    kinds: str  # space-separated kinds of its substantive changes, for the filters
    nearest: str = ""  # an unmatched direction's nearest candidate, in words
    program: Change | None = None  # an added or dropped direction's own event


_NUMERALS = "一二三四五六七八九十"
_STAGES = {"draft": ("征求意见稿", "draft"), "final": ("正式稿", "final")}


def side_label(doc: DocInfo, fallback: str, lang: str, short: bool = False) -> str:
    """What heads a side: the document's year, batch and stage (2022年第一批 征求意见稿); short:
    the year alone, unless both sides share it (``sides``)."""
    zh = lang == "zh"
    parts = []
    if doc.year:
        parts.append(f"{doc.year}年" if zh else str(doc.year))
    if doc.batch and not short:
        n = _NUMERALS[doc.batch - 1] if 0 < doc.batch <= 10 else str(doc.batch)
        parts.append(f"第{n}批" if zh else f"batch {doc.batch}")
    if doc.stage in _STAGES and not short:
        parts.append(_STAGES[doc.stage][0 if zh else 1])
    if not parts:
        return fallback
    return ("".join(parts[:2]) + " " + " ".join(parts[2:])).strip() if zh else " ".join(parts)


def sides(log: ChangeLog, lang: str, short: bool = False) -> tuple[str, str]:
    """The two sides' heads, told apart: a short head is the year when the years differ."""
    from .i18n import t

    old_full, new_full = side_label(log.old, t("old", lang), lang), \
        side_label(log.new, t("new", lang), lang)
    if old_full == new_full:  # (the same document twice, or two that say nothing)
        return f"{old_full}（{t('old', lang)}）", f"{new_full}（{t('new', lang)}）"
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
    zh = lang == "zh"
    text = f"最接近：{n.id}，匹配度 {n.score:.2f}" if zh else \
        f"nearest: {n.id}, score {n.score:.2f}"
    if n.taken_by is not None and n.taken_score is not None:
        pair = f"{n.id} → {n.taken_by}" if v.status == "added" else f"{n.taken_by} → {n.id}"
        text += (f"；{n.id}已与{n.taken_by}对应（{pair}，匹配度 {n.taken_score:.2f}）" if zh else
                 f"; {n.id} went to {n.taken_by} ({pair}, score {n.taken_score:.2f})")
    return text


def sections(log: ChangeLog, lang: str) -> list[Section]:
    y_old, y_new = sides(log, lang, short=True)
    preamble = PairView("preamble", None, None, "", "", None, log.preamble)
    out = []
    for v in (preamble, *log.views):
        changes = tuple(c for c in log.changes if c.old_direction == v.old and
                        c.new_direction == v.new and c.kind not in ("program_added",
                                                                   "program_dropped"))
        if v.status == "preamble":
            heading = "文件总体情况" if lang == "zh" else "The document"
        elif v.status == "matched":
            heading = f"{y_old} {v.old} → {y_new} {v.new} {v.new_title}"
        elif v.status == "added":
            heading = f"{y_new} {v.new} {v.new_title}"
        else:
            heading = f"{y_old} {v.old} {v.old_title}"
        kinds = {c.kind for c in changes if not c.format_only}
        if v.status in ("added", "dropped"):
            kinds.add("program_added" if v.status == "added" else "program_dropped")
        anchor = "preamble" if v.status == "preamble" else f"d-{v.old or 'none'}-{v.new or 'none'}"
        out.append(Section(v, anchor, heading, changes, " ".join(sorted(kinds)),
                           _nearest(v, log, lang), _program(v, log)))
    return out


def _program(v: PairView, log: ChangeLog) -> Change | None:
    """The event of an added or dropped direction (what its heading says)."""
    if v.status not in ("added", "dropped"):
        return None
    kind = "program_added" if v.status == "added" else "program_dropped"
    return next((c for c in log.changes if c.kind == kind and c.old_direction == v.old
                 and c.new_direction == v.new), None)


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
