"""Stage 8, render: ``ChangeLog`` → the files people read (bytes), one renderer per format.

In: a ``compare.events.ChangeLog`` and ``RenderOptions``. Out: bytes of HTML, DOCX (tracked
changes, 新旧对照表, memo), Markdown, CSV, JSON and the terminal summary. Renderers only read
the events; none re-diffs text. ``show`` prints a single document for the terminal.

Open ``summary.py`` first (what matters, computed once for every renderer); below,
``FORMATS`` and ``REPORT_FILES`` map a format to its renderer, and ``write.py`` writes a report
set whole or not at all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from .options import RenderOptions

if TYPE_CHECKING:
    from ..compare.events import ChangeLog

Renderer = Callable[["ChangeLog", RenderOptions], bytes]


class _OnUse:
    """A renderer imported on first use: writing JSON never loads python-docx or Jinja2."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __call__(self, log: ChangeLog, opts: RenderOptions) -> bytes:
        fn = getattr(importlib.import_module(f"{__name__}.{self.module}"), self.name)
        return fn(log, opts)

    def __repr__(self) -> str:
        return f"<renderer {self.module}.{self.name}>"


# `guidediff diff --format`: one document on standard output or in one file.
FORMATS: dict[str, Renderer] = {
    "csv": _OnUse("csvlog", "render_csv"),
    "docx": _OnUse("docx_tracked", "render_docx"),
    "html": _OnUse("html", "render_html"),
    "json": _OnUse("jsonlog", "render_json"),
    "memo": _OnUse("memo_docx", "render_memo_docx"),
    "memo.md": _OnUse("memo", "render_memo_md"),
    "table": _OnUse("table", "render_table"),
    "text": _OnUse("text", "render_text"),
}
BINARY = frozenset({"docx", "memo", "table"})  # Word files: to a file, or -o - on purpose

# `guidediff report --format`: each format writes these files (suffix after <old>__<new>.).
REPORT_FILES: dict[str, tuple[tuple[str, Renderer], ...]] = {
    "html": (("report.html", FORMATS["html"]),),
    "docx": (("tracked.docx", FORMATS["docx"]),),
    "table": (("table.docx", FORMATS["table"]),),
    "memo": (("memo.docx", FORMATS["memo"]), ("memo.md", FORMATS["memo.md"])),
    "csv": (("changes.csv", FORMATS["csv"]),),
    "json": (("changes.json", FORMATS["json"]),),
    "text": (("summary.txt", FORMATS["text"]),),
}

__all__ = ["BINARY", "FORMATS", "REPORT_FILES", "RenderOptions", "Renderer"]
