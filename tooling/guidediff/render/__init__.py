"""Stage 8, render: ``ChangeLog`` → the files people read (bytes), one renderer per format.

In: a ``compare.events.ChangeLog`` and ``RenderOptions``. Out: bytes of HTML, DOCX (tracked
changes, 新旧对照表, memo), Markdown, CSV, JSON and the terminal summary. Renderers only read
the events; none re-diffs text. ``show`` prints a single document for the terminal.

Open ``summary.py`` first (what matters, computed once for every renderer); below,
``FORMATS`` and ``REPORT_FILES`` map a format to its renderer, and ``write.py`` writes a report
set whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable

from ..compare.events import ChangeLog
from .csvlog import render_csv
from .docx_tracked import render_docx
from .html import render_html
from .jsonlog import render_json
from .memo import render_memo_docx, render_memo_md
from .options import RenderOptions
from .table import render_table
from .text import render_text

Renderer = Callable[[ChangeLog, RenderOptions], bytes]

# `guidediff diff --format`: one document on standard output or in one file.
FORMATS: dict[str, Renderer] = {
    "csv": render_csv,
    "docx": render_docx,
    "html": render_html,
    "json": render_json,
    "table": render_table,
    "text": render_text,
}

# `guidediff report --format`: each format writes these files (suffix after <old>__<new>.).
REPORT_FILES: dict[str, tuple[tuple[str, Renderer], ...]] = {
    "html": (("report.html", render_html),),
    "docx": (("tracked.docx", render_docx),),
    "table": (("table.docx", render_table),),
    "memo": (("memo.docx", render_memo_docx), ("memo.md", render_memo_md)),
    "csv": (("changes.csv", render_csv),),
    "json": (("changes.json", render_json),),
    "text": (("summary.txt", render_text),),
}

__all__ = ["FORMATS", "REPORT_FILES", "RenderOptions", "Renderer"]
