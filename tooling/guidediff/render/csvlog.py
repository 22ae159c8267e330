"""One row per change event, UTF-8 with a byte-order mark so that Excel opens it correctly."""

from __future__ import annotations

import csv
import io

from ..compare.events import ChangeLog
from .fmt import value_text
from .i18n import kind_label
from .options import RenderOptions

COLUMNS = ("id", "kind", "label", "old_direction", "new_direction", "field", "old_text",
           "new_text", "old_value", "new_value", "format_only", "old_line", "new_line",
           "old_page", "new_page")


def render_csv(log: ChangeLog, opts: RenderOptions) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for c in log.changes:
        w.writerow([
            c.id, c.kind, kind_label(c.kind, opts.lang), c.old_direction or "",
            c.new_direction or "", c.field, c.old_text or "", c.new_text or "",
            "" if c.old_value is None else value_text(c.old_value, opts.lang),
            "" if c.new_value is None else value_text(c.new_value, opts.lang),
            "true" if c.format_only else "false",
            c.old_source.line if c.old_source else "", c.new_source.line if c.new_source else "",
            (c.old_source.page or "") if c.old_source else "",
            (c.new_source.page or "") if c.new_source else ""])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
