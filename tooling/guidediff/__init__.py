"""guidediff: track how funding-call guidelines (申报指南) change.

The pipeline, one package per stage (data flows one way, no import runs back up)::

    read/       file ──> RawText (numbered lines, pages)
    normalize/  RawText ──clean──> paragraphs ──parse──> Guideline ──annotate──> typed values
    xmlio       Guideline <──> corpus XML (RELAX NG schema in schema/)
    compare/    two Guidelines ──align──> pairs ──diff──> ChangeLog (typed events) ──reconcile
    render/     ChangeLog ──> HTML | DOCX | memo | CSV | JSON | text
    corpus/     manifest ──> build (every document, every comparison)
    corpus/comparison  two documents compared (read → normalize → diff, one cache interface):
                what diff, report, the web app and build all call
    cli         the command line, a thin layer over the above

The public API below is what scripts need; it is imported on first use, so ``import guidediff``
costs nothing until a function is called::

    from guidediff import normalize_file, diff, write_reports
    log = diff(normalize_file("old.txt").guideline, normalize_file("new.txt").guideline)
    write_reports(log, "out", "old__new")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .version import __version__

# public name -> the module that defines it
_API: dict[str, str] = {
    "GuidediffError": "guidediff.errors",
    "InputError": "guidediff.errors",
    "StructureError": "guidediff.errors",
    "Guideline": "guidediff.model",
    "ingest": "guidediff.read.ingest",
    "Normalized": "guidediff.normalize.pipeline",
    "normalize_file": "guidediff.normalize.pipeline",
    "normalize_raw": "guidediff.normalize.pipeline",
    "load": "guidediff.normalize.pipeline",
    "read_xml": "guidediff.xmlio",
    "ChangeLog": "guidediff.compare.events",
    "diff": "guidediff.compare.diff",
    "align": "guidediff.compare.align",
    "reconcile": "guidediff.compare.reconcile",
    "RenderOptions": "guidediff.render.options",
    "FORMATS": "guidediff.render",
    "REPORT_FILES": "guidediff.render",
    "write_reports": "guidediff.render.write",
    "load_manifest": "guidediff.corpus.manifest",
    "compare_documents": "guidediff.corpus.comparison",
    "Documents": "guidediff.corpus.comparison",
}

__all__ = [
    "FORMATS",
    "REPORT_FILES",
    "ChangeLog",
    "Documents",
    "GuidediffError",
    "Guideline",
    "InputError",
    "Normalized",
    "RenderOptions",
    "StructureError",
    "__version__",
    "align",
    "compare_documents",
    "diff",
    "ingest",
    "load",
    "load_manifest",
    "normalize_file",
    "normalize_raw",
    "read_xml",
    "reconcile",
    "write_reports",
]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'guidediff' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})


if TYPE_CHECKING:
    from .compare.align import align
    from .compare.diff import diff
    from .compare.events import ChangeLog
    from .compare.reconcile import reconcile
    from .corpus.comparison import Documents, compare_documents
    from .corpus.manifest import load_manifest
    from .errors import GuidediffError, InputError, StructureError
    from .model import Guideline
    from .normalize.pipeline import Normalized, load, normalize_file, normalize_raw
    from .read.ingest import ingest
    from .render import FORMATS, REPORT_FILES
    from .render.options import RenderOptions
    from .render.write import write_reports
    from .xmlio import read_xml
