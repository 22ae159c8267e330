"""The HTML report: one self-contained file (inline style and script, no external resource)."""

from __future__ import annotations

from dataclasses import dataclass

from ..compare.events import Change, ChangeLog, PairView
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


def side_label(year: int | None, fallback: str) -> str:
    return str(year) if year else fallback


def sections(log: ChangeLog, lang: str) -> list[Section]:
    from .i18n import t

    y_old = side_label(log.old.year, t("old", lang))
    y_new = side_label(log.new.year, t("new", lang))
    out = []
    for v in log.views:
        changes = tuple(c for c in log.changes if c.old_direction == v.old and
                        c.new_direction == v.new and c.kind not in ("program_added",
                                                                   "program_dropped"))
        if v.status == "matched":
            heading = f"{y_old} {v.old} → {y_new} {v.new} {v.new_title}"
        elif v.status == "added":
            heading = f"{y_new} {v.new} {v.new_title}"
        else:
            heading = f"{y_old} {v.old} {v.old_title}"
        kinds = {c.kind for c in changes if not c.format_only}
        if v.status != "matched":
            kinds.add("program_added" if v.status == "added" else "program_dropped")
        out.append(Section(v, f"d-{v.old or 'none'}-{v.new or 'none'}", heading, changes,
                           " ".join(sorted(kinds))))
    return out


def render_html(log: ChangeLog, opts: RenderOptions | None = None) -> bytes:
    opts = opts or RenderOptions()
    lang, show_format_only = opts.lang, opts.show_format_only
    summary: Summary = summarize(log)
    secs = sections(log, lang)
    present = [k for k, _, _ in summary.kind_counts]
    html = environment().get_template("report.html.j2").render(
        log=log, summary=summary, sections=secs, kinds=present, lang=lang,
        show_format_only=show_format_only, version=__version__,
        y_old=side_label(log.old.year, "old"), y_new=side_label(log.new.year, "new"))
    return html.encode("utf-8")
