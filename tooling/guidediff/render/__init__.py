"""Renderers read a ChangeLog and return bytes; one mapping from format name to renderer."""

from __future__ import annotations

from collections.abc import Callable

from ..events import ChangeLog
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
