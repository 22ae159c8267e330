"""The build cache: content-addressed, so that a rebuild redoes exactly what changed.

A key is the SHA-256 of what an output depends on: the input bytes' hashes, the options, and the
tool's fingerprint (its version and the hash of its own code, templates and data files, so that
changing guidediff invalidates everything it computed, and nothing else does). Entries are
files under ``corpus/.cache/<kind>/<key[:2]>/<key>`` (the user cache has the same shape).

An entry is trusted only when it proves itself: each ends in a trailer holding the entry
format's version, the SHA-256 of its payload (bound to its kind and key, so that an entry moved
under another name does not prove itself either) and the payload's length, and is written with
fsync before its rename. An entry that is cut, zero-filled, damaged, of another format, not a
regular file, or (read as JSON) not of the shape its reader needs, is dropped and computed
again: never served. Deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from .. import files
from ..errors import GuidediffError
from ..version import __version__

T = TypeVar("T")

_SUFFIXES = (".py", ".toml", ".rng", ".json", ".j2")


@cache
def fingerprint() -> str:
    """The tool's version and the hash of every file of the package that shapes an output."""
    digest = hashlib.sha256(__version__.encode())
    root = Path(__file__).resolve().parents[1]  # the guidediff package
    for path in sorted(_walk(root), key=lambda p: p.as_posix()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _walk(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.suffix in _SUFFIXES and p.is_file()
            and "__pycache__" not in p.parts]


def key(*parts: object) -> str:
    """A cache key: the hash of the parts and of the tool's fingerprint."""
    h = hashlib.sha256(fingerprint().encode())
    for p in parts:
        h.update(b"\0")
        h.update(str(p).encode("utf-8", "surrogateescape"))  # (a GBK file name too)
    return h.hexdigest()


FORMAT = b"GDC1"  # the entry format; another one is not read
_TRAILER = len(b"\n") + len(FORMAT) + 64 + 16 + len(b"\n")  # \n GDC1 sha256 length \n
MAX_ENTRY = 1 << 34  # the largest entry read


def trailer(digest: str, length: int) -> bytes:
    return b"\n" + FORMAT + digest.encode("ascii") + b"%016x\n" % length


def _hasher(label: str) -> Any:
    return hashlib.sha256(label.encode("utf-8", "surrogateescape") + b"\0")


def frame(payload: bytes, label: str) -> bytes:
    """``payload`` as the cache entry named ``label`` (its kind and key): itself, then its
    trailer."""
    h = _hasher(label)
    h.update(payload)
    return payload + trailer(h.hexdigest(), len(payload))


def unframe(data: bytes, label: str) -> bytes | None:
    """The payload of the entry named ``label``, or None if it does not prove itself (cut,
    zero-filled, damaged, of another format, or another entry's)."""
    if len(data) < _TRAILER:
        return None
    payload = data[:-_TRAILER]
    return payload if data == frame(payload, label) else None


class Cache:
    """One folder of content-addressed entries, with counts of hits and misses."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0

    def path(self, kind: str, k: str) -> Path:
        return self.root / kind / k[:2] / k

    def get(self, kind: str, k: str) -> bytes | None:
        """The entry's payload; None if absent or if it does not prove itself (then it is
        removed, and computed again by the caller)."""
        p = self.path(kind, k)
        try:
            data = files.read_file(p, MAX_ENTRY, record=False)
        except GuidediffError:  # absent, or not a regular file (then it goes)
            data = None
            if p.is_symlink() or (p.exists() and not p.is_dir()):
                self.drop(kind, k)
        payload = unframe(data, f"{kind}/{k}") if data is not None else None
        if payload is None:
            if data is not None:
                self.drop(kind, k)
            self.misses += 1
            return None
        self.hits += 1
        return payload

    def drop(self, kind: str, k: str) -> None:
        """Remove an entry that cannot be trusted (another run may have taken it already)."""
        with contextlib.suppress(OSError):
            self.path(kind, k).unlink(missing_ok=True)

    def get_checked(self, kind: str, k: str, sha256: str | None) -> bytes | None:
        """The entry, if its SHA-256 is ``sha256`` (recorded beside it when it was put); else
        None, and it is computed again (damaged, half written, or put by another version)."""
        data = self.get(kind, k) if sha256 else None
        return data if data is not None and hashlib.sha256(data).hexdigest() == sha256 else None

    def _clear(self, kind: str, k: str) -> None:
        """An entry's place made ready for a regular file (a FIFO or a device there goes:
        an entry is never written into one)."""
        p = self.path(kind, k)
        if p.is_symlink() or (p.exists() and not p.is_file() and not p.is_dir()):
            self.drop(kind, k)

    def put(self, kind: str, k: str, data: bytes) -> None:
        self._clear(kind, k)
        files.write_bytes(self.path(kind, k), frame(data, f"{kind}/{k}"))

    def put_chunks(self, kind: str, k: str, chunks: Iterable[bytes]) -> None:
        digest, size = _hasher(f"{kind}/{k}"), 0

        def framed() -> Iterator[bytes]:
            nonlocal size
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                yield chunk
            yield trailer(digest.hexdigest(), size)

        self._clear(kind, k)
        files.write_chunks(self.path(kind, k), framed())

    def get_json(self, kind: str, k: str, shape: Callable[[Any], object] | None = None) -> Any:
        """The entry as JSON; None if it is absent, damaged, or (with ``shape``) not of the
        shape its reader needs: ``shape(value)`` is falsy or raises (then it is removed)."""
        return self.get_parsed(kind, k, (lambda x: x if shape(x) else None) if shape else None)

    def get_parsed(self, kind: str, k: str, parse: Callable[[Any], T | None] | None = None
                   ) -> T | None:
        """The entry as JSON, made into what its reader needs by ``parse``; None if it is
        absent, damaged, or ``parse`` refuses it (returns None or raises): then the entry is
        removed and counted as a miss."""
        data = self.get(kind, k)
        if data is None:
            return None
        try:
            value = json.loads(data)
            out = parse(value) if parse is not None else value
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            out = None
        if out is None:
            self.drop(kind, k)
            self.hits -= 1
            self.misses += 1
        return out

    def put_json(self, kind: str, k: str, value: Any) -> None:
        self.put(kind, k, json.dumps(value, ensure_ascii=True, separators=(",", ":"))
                 .encode("ascii"))
