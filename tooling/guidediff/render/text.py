"""A readable summary for the terminal: matched pairs old → new, then the changes that matter,
each in words with where it stands in both documents, then the reconciliation."""

from __future__ import annotations

from decimal import Decimal

from ..compare.events import Change, ChangeLog
from ..compare.kinds import AlignStatus, Figure, Subject
from ..compare.reconcile import Check
from .i18n import t
from .names import FIGURES, phrase, place, quote, source_text, tolerance_text, yuan
from .options import RenderOptions


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
    return ("（" + "，".join(parts) + "）") if lang == "zh" and parts else \
        (" (" + "; ".join(parts) + ")" if parts else "")


def _figure(value: int | Decimal | None, figure: Figure, lang: str) -> str:
    if value is None:
        return "—"
    if figure is Figure.BUDGET:
        return yuan(value, lang)
    unit = FIGURES[figure][1] if lang == "zh" else ""
    return f"{value}{unit}"


def check_line(ch: Check, lang: str) -> str:
    """A reconciliation in words: stated, computed, and whether they agree (within the rounding
    the document prints its figure to)."""
    zh = lang == "zh"
    stated, computed = _figure(ch.stated, ch.figure, lang), _figure(ch.computed, ch.figure, lang)
    if ch.stated is None:
        verdict = "文件未述及" if zh else "not stated"
    elif not ch.ok:
        verdict = t("mismatch", lang)
    elif ch.computed is not None and ch.stated != ch.computed:
        step = tolerance_text(ch.tolerance, ch.stated, ch.figure, lang)
        verdict = (f"在文件所述精度（±{step}）内一致" if zh else
                   f"agree within the document's rounding (±{step})")
    else:
        verdict = t("ok", lang)
    return (f"{t(ch.document, lang)} {t('figure.' + ch.figure, lang)}："
            f"{t('stated', lang)} {stated}，{t('computed', lang)} {computed} — {verdict}" if zh else
            f"{t(ch.document, lang)} {t('figure.' + ch.figure, lang)}: {t('stated', lang)} "
            f"{stated}, {t('computed', lang)} {computed} — {verdict}")


def _nearest(r: object, lang: str) -> str:
    n = getattr(r, "nearest", None)
    if n is None:
        return ""
    zh = lang == "zh"
    text = f"{t('nearest', lang)} {n.id}, {n.score:.2f}"
    if n.taken_by is not None:
        text += (f"；已与 {n.taken_by} 对应，匹配度 {n.taken_score:.2f}" if zh else
                 f"; it went to {n.taken_by}, score {n.taken_score:.2f}")
    return f"  ({text})"


def render_text(log: ChangeLog, opts: RenderOptions | None = None) -> bytes:
    opts = opts or RenderOptions()
    lang, show_format_only = opts.lang, opts.show_format_only
    zh = lang == "zh"
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
    shown = [c for c in log.changes if show_format_only or not c.format_only]
    hidden = len(log.changes) - len(shown)
    out.append(f"## {t('changes', lang)}: {len(log.substantive())} {t('substantive', lang)}"
               + (f", {hidden} {t('format_only_hidden', lang)}" if hidden else ""))
    for c in shown:
        if c.kind.subject is Subject.PROGRAM:
            continue
        if c.format_only:
            label = "（仅格式）" if zh else "(format only) "
            text = f"{label}{place(c.location, lang)}：{quote(inline_diff(c), 100)}"
        else:
            text = phrase(c, lang)
        out.append(f"  [{_pair(c)}] {text}{_where(c, log, lang)}")
    out.append("")
    out.append(f"## {t('checks', lang)}")
    out.extend(f"  {check_line(ch, lang)}" for ch in log.checks)
    return ("\n".join(out) + "\n").encode("utf-8")
