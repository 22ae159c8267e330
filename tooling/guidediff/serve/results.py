"""The comparisons the web app keeps: one folder per comparison id, made whole in a temporary
folder and renamed into place; its ``meta.json`` lists every file with its SHA-256, checked on
each read. A folder whose meta or any file is damaged (cut, zero-filled, changed, missing,
wrongly shaped) is dropped: the next upload of the pair computes it again, and a download from
it is answered as for a comparison no longer kept (404), never with a 500."""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import importlib
import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

META = "meta.json"  # names for the downloads, the files and their hashes: written last
STEM = "comparison"  # the files are STEM.report.html…, as ``guidediff report`` names them
EVENTS = "events.pickle"  # the change log itself, for the review export (never downloaded)
MAX_RESULTS = 500  # comparisons kept; past them the least recently made go, whole


class Damaged(Exception):
    """A kept comparison is not as it was written."""


@dataclass(frozen=True)
class Kept:
    folder: Path
    stem: str  # the downloads' names: <stem>.<file> (old__new.tracked.docx)
    files: dict[str, str]  # file name in the folder -> its SHA-256
    lang: str

    def read(self, name: str) -> bytes:
        """A file of the comparison, as it was written (Damaged if it is not)."""
        want = self.files.get(name)
        try:
            data = (self.folder / name).read_bytes()
        except OSError:
            raise Damaged(name) from None
        if want is None or hashlib.sha256(data).hexdigest() != want:
            raise Damaged(name)
        return data

    def check(self) -> None:
        for name in self.files:
            self.read(name)


def open_kept(folder: Path) -> Kept | None:
    """The comparison kept in ``folder``; None if there is none; Damaged if its meta is not
    as written."""
    try:
        raw = (folder / META).read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        raise Damaged(META) from None
    try:
        meta = json.loads(raw)
        kept = Kept(folder, meta["stem"], dict(meta["files"]), meta["lang"])
    except (ValueError, KeyError, TypeError):
        raise Damaged(META) from None
    if not (isinstance(kept.stem, str) and isinstance(kept.lang, str) and all(
            isinstance(k, str) and isinstance(v, str) and "/" not in k and "\\" not in k
            and not k.startswith(".") for k, v in kept.files.items())):
        raise Damaged(META)
    return kept


def discard(folder: Path) -> None:
    """Drop a damaged comparison whole (its id is then unknown, as if pruned)."""
    shutil.rmtree(folder, ignore_errors=True)


def keep(out: Path, stem: str, lang: str, make: Callable[[Path], None],
         extra: dict[str, Any] | None = None) -> None:
    """Make a comparison's folder: ``make(tmp)`` writes its files into a temporary folder
    beside ``out``; their hashes go into its meta, written last; then the folder is renamed into
    place whole. (Another request that made it first wins; a damaged one there is replaced.)"""
    tmp = Path(tempfile.mkdtemp(prefix=".making-", dir=out.parent))
    try:
        make(tmp)
        files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in sorted(tmp.iterdir()) if p.is_file()}
        meta = {"stem": stem, "lang": lang, "files": files, **(extra or {})}
        _write_durably(tmp / META, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        _place(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    prune(out.parent, keep=out.name)


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _place(tmp: Path, out: Path) -> None:
    try:
        os.replace(tmp, out)  # the folder appears whole
        return
    except OSError:
        pass
    try:
        kept = open_kept(out)
        if kept is not None:
            kept.check()
            return  # another request made it first: keep that one
    except Damaged:
        pass
    discard(out)
    os.replace(tmp, out)


def prune(results: Path, keep: str, most: int = MAX_RESULTS) -> None:
    """Keep at most ``most`` comparisons (and ``keep``, just made): the oldest folders go whole
    (a download of one that went is a 404, as for an unknown id)."""
    try:
        found = sorted((e.stat().st_mtime_ns, e.name) for e in os.scandir(results)
                       if e.is_dir() and not e.name.startswith(".") and e.name != keep)
    except OSError:
        return
    for _, name in found[:max(0, len(found) + 1 - most)]:
        shutil.rmtree(results / name, ignore_errors=True)


# ---------------------------------------------------------------- the change log, kept


def dump_events(log: object) -> bytes:
    return pickle.dumps(log, protocol=5)


class _Unpickler(pickle.Unpickler):
    """Builds only guidediff's own data types (dataclasses, enums) and Decimal: a changed file
    can make nothing else (no function is ever called)."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("decimal", "Decimal"):
            return Decimal
        if (module == "guidediff" or module.startswith("guidediff.")) and "." not in name:
            found = getattr(importlib.import_module(module), name, None)
            if isinstance(found, type) and (dataclasses.is_dataclass(found)
                                            or issubclass(found, enum.Enum)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a type of guidediff's")


def load_events(data: bytes) -> Any:
    """The change log a comparison kept (Damaged if it cannot be read back)."""
    import io

    try:
        return _Unpickler(io.BytesIO(data)).load()
    except Exception:
        raise Damaged(EVENTS) from None
