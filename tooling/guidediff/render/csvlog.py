"""One row per change event, UTF-8 with a byte-order mark so that Excel opens it correctly.

Columns name things as readers do (in Chinese by default): the change in words, where it is in
the direction, and for each side the page and the line (or paragraph, for a DOCX) it stands on.
A cell that starts like a formula is neutralized (``escape.csv_cell``).
"""

from __future__ import annotations

import csv
import io

from ..compare.events import ChangeLog
from . import review
from .escape import csv_cell
from .fmt import value_text
from .i18n import LANGS, kind_label, t
from .names import place
from .options import RenderOptions
from .phrases import phrase

COLUMN_KEYS = ("id", "kind", "change", "old_direction", "new_direction", "where", "old_text",
               "new_text", "old_value", "new_value", "format_only", "old_page", "old_line",
               "new_page", "new_line", "neutral_words")  # (a column added last: none moves)
COLUMNS = {lang: tuple(t(f"csv.{k}", lang) for k in COLUMN_KEYS) for lang in LANGS}


def render_csv(log: ChangeLog, opts: RenderOptions) -> bytes:
    lang = opts.lang
    yes, no = t("word.yes", lang), t("word.no", lang)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    marks = dict(opts.marks) if opts.marks is not None else None
    w.writerow(COLUMNS[lang] + ((review.column(lang),) if marks is not None else ()))
    for c in log.changes:
        old, new = c.old_source, c.new_source
        mark = () if marks is None else (review.mark_text(marks.get(c.id, review.Mark()), lang),)
        w.writerow([csv_cell(x) for x in (
            c.id, kind_label(c.kind, lang), phrase(c, lang), c.old_direction or "",
            c.new_direction or "", place(c.location, lang), c.old_text or "", c.new_text or "",
            "" if c.old_value is None else value_text(c.old_value, lang),
            "" if c.new_value is None else value_text(c.new_value, lang),
            yes if c.format_only else no,
            (old.page or "") if old else "", old.line if old else "",
            (new.page or "") if new else "", new.line if new else "",
            t("sep.list", lang).join(c.neutral), *mark)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
