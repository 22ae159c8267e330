"""Write files so that a reader never sees half of one: a temp file beside it, then rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import GuidediffError


def write_bytes(path: str | Path, data: bytes) -> None:
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    except OSError as e:
        raise GuidediffError(f"cannot write: {e.strerror}", p) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def safe_child(directory: str | Path, name: str) -> Path:
    """``directory/name`` where ``name`` (possibly derived from document content) cannot escape."""
    base = Path(directory).resolve()
    clean = "".join(c if c.isalnum() or c in "-_." else "_" for c in name).lstrip(".") or "doc"
    target = (base / clean).resolve()
    if target.parent != base:
        raise GuidediffError(f"refusing to write outside the output directory: {name!r}", base)
    return target
