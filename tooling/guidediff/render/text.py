"""A readable summary for the terminal: matched pairs old → new, then the changes that matter,
each in words with where it stands in both documents, then the reconciliation."""

from __future__ import annotations

from ..compare.events import Change, ChangeLog
from ..compare.kinds import AlignStatus, Subject
from ..compare.reconcile import Check
from .i18n import t
from .names import figure_in_words, place, source_text
from .options import RenderOptions
from .phrases import check_verdict, phrase
from .words import quote


def inline_diff(c: Change) -> str:
    """git word-diff style: [-deleted-]{+inserted+}."""
    out = []
    for op, chunk in c.diff:
        out.append(chunk if op == 0 else f"[-{chunk}-]" if op < 0 else f"{{+{chunk}+}}")
    return "".join(out)


def _pair(c: Change) -> str:
    if c.old_direction and c.new_direction:
        return f"{c.old_direction} → {c.new_direction}"
    return c.old_direction or c.new_direction or "·"


def _where(c: Change, log: ChangeLog, lang: str) -> str:
    parts = []
    if c.old_source is not None:
        parts.append(f"{t('old', lang)} {source_text(c.old_source, log.old.line_unit, lang)}")
    if c.new_source is not None:
        parts.append(f"{t('new', lang)} {source_text(c.new_source, log.new.line_unit, lang)}")
    return t("text.where", lang, parts=t("text.where_sep", lang).join(parts)) if parts else ""


def check_line(ch: Check, lang: str) -> str:
    """A reconciliation in words: stated, computed, and whether they agree (within the rounding
    the document prints its figure to)."""
    return t("check.line", lang, doc=t(ch.document, lang),
             figure=t(f"figure.{ch.figure.value}", lang), stated_label=t("stated", lang),
             stated=figure_in_words(ch.stated, ch.figure, lang, ch.approx),
             computed_label=t("computed", lang),
             computed=figure_in_words(ch.computed, ch.figure, lang),
             verdict=check_verdict(ch, lang))


def _nearest(r: object, lang: str) -> str:
    n = getattr(r, "nearest", None)
    if n is None:
        return ""
    text = f"{t('nearest', lang)} {n.id}, {n.score:.2f}"
    if n.taken_by is not None:
        text += t("text.taken", lang, by=n.taken_by, score=f"{n.taken_score:.2f}")
    return f"  ({text})"


def render_text(log: ChangeLog, opts: RenderOptions | None = None) -> bytes:
    opts = opts or RenderOptions()
    lang, show_format_only = opts.lang, opts.show_format_only
    rows = log.alignment
    counts = {s: sum(r.status is s for r in rows) for s in AlignStatus}
    out = [f"{log.old.title}", f"  → {log.new.title}",
           f"{t('directions', lang)}: {log.old.directions} → {log.new.directions}  ("
           + ", ".join(f"{t(s, lang)} {n}" for s, n in counts.items()) + ")", ""]
    for status in AlignStatus:
        out.append(f"## {t(status, lang)}")
        for r in (r for r in rows if r.status is status):
            if status is AlignStatus.MATCHED:
                out.append(f"  {r.old} → {r.new}  {r.new_title}  ({t('score', lang)} "
                           f"{r.score:.2f})")
            else:
                out.append(f"  {r.old or r.new}  {r.old_title or r.new_title}"
                           f"{_nearest(r, lang)}")
        out.append("")
    shown = [c for c in log.changes if show_format_only or not c.minor]
    hidden = len(log.changes) - len(shown)
    out.append(f"## {t('changes', lang)}: {len(log.substantive())} {t('substantive', lang)}"
               + (f", {hidden} {t('format_only_hidden', lang)}" if hidden else ""))
    for c in shown:
        if c.kind.subject is Subject.PROGRAM:
            continue
        if c.minor:
            text = t("text.neutral" if c.neutral else "text.format_only", lang,
                     where=place(c.location, lang), diff=quote(inline_diff(c), 100))
        else:
            text = phrase(c, lang)
        out.append(f"  [{_pair(c)}] {text}{_where(c, log, lang)}")
    out.append("")
    out.append(f"## {t('checks', lang)}")
    out.extend(f"  {check_line(ch, lang)}" for ch in log.checks)
    return ("\n".join(out) + "\n").encode("utf-8")
