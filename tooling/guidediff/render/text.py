"""A readable summary for the terminal: matched pairs old → new, then the changes that matter."""

from __future__ import annotations

from ..compare.events import Change, ChangeLog
from .fmt import value_text
from .i18n import kind_label, t
from .options import RenderOptions

WIDTH = 70


def inline_diff(c: Change) -> str:
    """git word-diff style: [-deleted-]{+inserted+}."""
    out = []
    for op, chunk in c.diff:
        out.append(chunk if op == 0 else f"[-{chunk}-]" if op < 0 else f"{{+{chunk}+}}")
    return "".join(out)


def _short(s: str | None, n: int = WIDTH) -> str:
    s = (s or "").replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def _compact(v: object) -> str:
    return value_text(v, compact=True)


def describe(c: Change) -> str:
    if c.kind in ("budget_changed", "project_count_changed", "duration_changed",
                  "document_figure_changed"):
        return f"{_compact(c.old_value)} → {_compact(c.new_value)}"
    if c.diff and c.old_text and c.new_text:
        return _short(inline_diff(c), 160)
    return _short(c.new_text if c.new_text is not None else c.old_text)


def _pair(c: Change) -> str:
    if c.old_direction and c.new_direction:
        return f"{c.old_direction} → {c.new_direction}"
    return c.old_direction or c.new_direction or "·"


def render_text(log: ChangeLog, opts: RenderOptions | None = None) -> bytes:
    opts = opts or RenderOptions()
    lang, show_format_only = opts.lang, opts.show_format_only
    rows = log.alignment
    counts = {s: sum(r.status == s for r in rows) for s in ("matched", "added", "dropped")}
    out = [f"{log.old.title}", f"  → {log.new.title}",
           f"{t('directions', lang)}: {log.old.directions} → {log.new.directions}  ("
           + ", ".join(f"{t(s, lang)} {n}" for s, n in counts.items()) + ")", ""]
    for status in ("matched", "added", "dropped"):
        out.append(f"## {t(status, lang)}")
        for r in (r for r in rows if r.status == status):
            if status == "matched":
                out.append(f"  {r.old} → {r.new}  {r.new_title}  ({t('score', lang)} "
                           f"{r.score:.2f})")
            else:
                near = (f"  ({t('nearest', lang)} {r.nearest.id}, {r.nearest.score:.2f})"
                        if r.nearest else "")
                out.append(f"  {r.old or r.new}  {r.old_title or r.new_title}{near}")
        out.append("")
    shown = [c for c in log.changes if show_format_only or not c.format_only]
    hidden = len(log.changes) - len(shown)
    out.append(f"## {t('changes', lang)}: {len(log.substantive())} {t('substantive', lang)}"
               + (f", {hidden} {t('format_only_hidden', lang)}" if hidden else ""))
    for c in shown:
        if c.kind in ("program_added", "program_dropped"):
            continue
        flag = " (format)" if c.format_only else ""
        out.append(f"  [{_pair(c)}] {kind_label(c.kind, lang)}{flag} {c.field}: {describe(c)}")
    out.append("")
    out.append(f"## {t('checks', lang)}")
    for ch in log.checks:
        status = t("ok", lang) if ch.ok else t("mismatch", lang)
        out.append(f"  {t(ch.document, lang)} {t('figure.' + ch.figure, lang)}: "
                   f"{t('stated', lang)} {_compact(ch.stated)}, {t('computed', lang)} "
                   f"{_compact(ch.computed)} — {status}")
    return ("\n".join(out) + "\n").encode("utf-8")
