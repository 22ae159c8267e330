"""The documents a command is given, read once and remembered: a file (or a corpus id) is
normalized once per content, and a comparison already made is not made again.

The memory is a content-addressed cache in the user's cache folder (``user_cache_dir``): a
document by the hash of its bytes, its name and the tool's fingerprint; an output by the keys of
its two documents and the options that shape it. Changing a file, an option or guidediff itself
changes the key. ``GUIDEDIFF_CACHE`` moves the folder, ``GUIDEDIFF_CACHE=off`` (or a command's
``--no-cache``) turns it off; a folder that cannot be written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GuidediffError, InputError
from ..files import read_file
from ..model import DocMeta, Guideline
from .cache import Cache, key

if TYPE_CHECKING:
    from ..normalize.pipeline import Normalized

MAX_FILES = 4000  # the user cache keeps at most this many entries (the oldest go first)
KEPT_ELSEWHERE = frozenset({"serve"})  # folders of the user cache that prune leaves alone


def user_cache_dir() -> Path | None:
    """Where the user's cache lives: $GUIDEDIFF_CACHE, else the platform's cache folder
    (%LOCALAPPDATA% on Windows, ~/Library/Caches on macOS, $XDG_CACHE_HOME or ~/.cache);
    None when turned off."""
    env = os.environ.get("GUIDEDIFF_CACHE")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no", "false") else Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "guidediff" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "guidediff"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "guidediff"


def user_cache(enabled: bool = True) -> Cache | None:
    root = user_cache_dir() if enabled else None
    return Cache(root) if root is not None else None


@dataclass(frozen=True)
class Input:
    """A document a command was given: its file, bytes and, for a corpus id, its metadata."""

    path: Path
    data: bytes
    meta: DocMeta | None = None

    @property
    def key(self) -> str:
        m = self.meta
        meta = () if m is None else (m.id, m.title, m.program, m.year, m.batch, m.stage,
                                     m.source, m.date)
        return key("document", hashlib.sha256(self.data).hexdigest(), str(self.path), meta)


def read_input(arg: str, corpus_dir: str | Path, max_bytes: int) -> Input:
    """A file, or the raw file of the corpus document whose id ``arg`` is. (A name that is
    there, even as a dangling symlink or a loop, is a file: reading it says what is wrong.)"""
    p = Path(arg)
    if not os.path.lexists(p):
        from ..errors import ManifestError
        from .manifest import resolve

        try:
            entry = resolve(arg, corpus_dir)
        except ManifestError as e:  # the file is missing: say so first, then why no id
            raise InputError(f"no such file; nor can it be a document id: {e}", arg) from None
        if entry is not None:
            return Input(entry.path, read_file(entry.path, max_bytes), entry.meta)
        if (Path(corpus_dir) / "manifest.toml").is_file():
            raise InputError(f"no such file, nor a document id of {corpus_dir}/manifest.toml",
                             arg)
    return Input(p, read_file(p, max_bytes))


def load(doc: Input, cache: Cache | None, warn: Callable[[str], None]) -> Guideline:
    """The document as a model: from the cache if it was read before, else read (and kept;
    its XML is made only to be kept)."""
    if cache is not None:
        remembered = cache.get_json("meta", doc.key, _meta_shape)
        xml = cache.get_checked("xml", doc.key, remembered["xml_sha256"]) \
            if remembered is not None else None
        if xml is not None and remembered is not None:
            from ..xmlio import parse_xml

            for w in remembered["warnings"]:
                warn(w)
            return parse_xml(xml, doc.path)
    g, warnings, n = _read(doc)
    for w in warnings:
        warn(w)
    if cache is not None and n is not None:
        xml = n.xml_bytes()  # (written and checked: a failure is the document's)
        try:
            cache.put("xml", doc.key, xml)
            cache.put_json("meta", doc.key, {"warnings": list(warnings),
                                             "xml_sha256": hashlib.sha256(xml).hexdigest()})
        except GuidediffError:  # a cache that cannot be written is not used
            pass
    return g


def _meta_shape(m: object) -> bool:
    """Is ``m`` a document's meta as ``load`` writes it (its warnings, its XML's hash)?"""
    return (isinstance(m, dict) and isinstance(m.get("xml_sha256"), str)
            and isinstance(m.get("warnings"), list)
            and all(isinstance(w, str) for w in m["warnings"]))


def _read(doc: Input) -> tuple[Guideline, tuple[str, ...], Normalized | None]:
    """The document read: its model, its warnings, and (for a text read now) what normalizing
    made of it."""
    from ..normalize.pipeline import normalize_raw
    from ..normalize.structure import structure_warnings
    from ..read.detect import detect
    from ..read.ingest import ingest_bytes

    if doc.data and detect(doc.data, doc.path) == "xml":
        from ..xmlio import parse_xml

        g = parse_xml(doc.data, doc.path)
        return g, tuple(f"{doc.path}: {w}" for w in structure_warnings(g)), None
    n = normalize_raw(ingest_bytes(doc.data, doc.path), meta=doc.meta)
    return n.guideline, n.warnings, n


def remembered_warnings(doc: Input, cache: Cache) -> list[str] | None:
    """The warnings a document read before gave (None: not read before)."""
    remembered = cache.get_json("meta", doc.key, _meta_shape)
    return None if remembered is None else list(remembered["warnings"])


def prune(cache: Cache, most: int = MAX_FILES) -> None:
    """Keep the user cache to ``most`` entries: the least recently written go. Only the entries
    of ``Cache`` kinds (``kind/xx/key``) count; a folder of whole results kept by someone else
    in the same place (``guidediff serve``'s ``serve/``) is theirs to prune."""
    try:
        found = [(e.stat().st_mtime_ns, e.path) for d in cache.root.glob("*/??")
                 if d.is_dir() and d.parent.name not in KEPT_ELSEWHERE
                 for e in os.scandir(d) if e.is_file()]
    except OSError:
        return
    if len(found) <= most:
        return
    for _, path in sorted(found)[:len(found) - most // 2]:
        try:
            Path(path).unlink(missing_ok=True)
        except OSError:  # (another run took it, or it cannot be removed: it stays)
            continue
