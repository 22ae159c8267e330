"""Write the reports of one comparison into a directory, each file whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .. import files
from ..compare.events import ChangeLog
from . import REPORT_FILES, RenderOptions

DEFAULT_FORMATS = tuple(REPORT_FILES)


def write_reports(log: ChangeLog, out_dir: str | Path, stem: str,
                  formats: Sequence[str] = DEFAULT_FORMATS,
                  opts: RenderOptions | None = None) -> list[Path]:
    """Render every requested format first, then write: a failing renderer writes nothing."""
    opts = opts or RenderOptions()
    rendered = [(f"{stem}.{suffix}", fn(log, opts))
                for fmt in formats for suffix, fn in REPORT_FILES[fmt]]
    written = []
    for name, data in rendered:
        target = files.safe_child(out_dir, name)
        files.write_bytes(target, data)
        written.append(Path(out_dir) / target.name)
    return written
