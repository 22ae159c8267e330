"""Write the reports of one comparison into a directory: the whole set or none of it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .. import files
from ..compare.events import ChangeLog
from . import REPORT_FILES, RenderOptions

DEFAULT_FORMATS = tuple(REPORT_FILES)


def write_reports(log: ChangeLog, out_dir: str | Path, stem: str,
                  formats: Sequence[str] = DEFAULT_FORMATS,
                  opts: RenderOptions | None = None,
                  protect: Sequence[str | Path] = ()) -> list[Path]:
    """Render every requested format first, then write them as one set: a failing renderer or
    write leaves none of the set behind, and no input in ``protect`` is overwritten."""
    opts = opts or RenderOptions()
    rendered = [(files.safe_child(out_dir, f"{stem}.{suffix}"), fn(log, opts))
                for fmt in formats for suffix, fn in REPORT_FILES[fmt]]
    files.write_set(rendered, protect)
    return [Path(out_dir) / target.name for target, _ in rendered]
