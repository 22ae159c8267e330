"""Write the reports of one comparison into a directory: the whole set or none of it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .. import files
from ..compare.events import ChangeLog
from . import REPORT_FILES, RenderOptions

DEFAULT_FORMATS = tuple(REPORT_FILES)


def report_targets(out_dir: str | Path, stem: str,
                   formats: Sequence[str] = DEFAULT_FORMATS) -> list[Path]:
    """The files a report set of these formats is written to."""
    return [files.safe_child(out_dir, f"{stem}.{suffix}")
            for fmt in formats for suffix, _ in REPORT_FILES[fmt]]


def write_reports(log: ChangeLog, out_dir: str | Path, stem: str,
                  formats: Sequence[str] = DEFAULT_FORMATS,
                  opts: RenderOptions | None = None,
                  protect: Sequence[str | Path] = ()) -> list[Path]:
    """Render every requested format first, then write them as one set: a failing renderer or
    write leaves none of the set behind (the set it replaces stays whole), and neither a file
    the run read nor an input in ``protect`` is overwritten."""
    opts = opts or RenderOptions()
    files.refuse_overwriting(report_targets(out_dir, stem, formats), protect, direct=False)
    rendered = [(files.safe_child(out_dir, f"{stem}.{suffix}"), fn(log, opts))
                for fmt in formats for suffix, fn in REPORT_FILES[fmt]]
    files.write_set(rendered, protect)
    return [Path(out_dir) / target.name for target, _ in rendered]
