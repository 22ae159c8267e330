"""The build cache: content-addressed, so that a rebuild redoes exactly what changed.

A key is the SHA-256 of what an output depends on: the input bytes' hashes, the options, and the
tool's fingerprint (its version and the hash of its own code, templates and data files, so that
changing guidediff invalidates everything it computed, and nothing else does). Entries are
files under ``corpus/.cache/<kind>/<key[:2]>/<key>``, written whole or not at all; a damaged
or missing entry is simply computed again. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from .. import files
from ..version import __version__

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
        h.update(str(p).encode("utf-8"))
    return h.hexdigest()


class Cache:
    """One folder of content-addressed entries, with counts of hits and misses."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0

    def path(self, kind: str, k: str) -> Path:
        return self.root / kind / k[:2] / k

    def get(self, kind: str, k: str) -> bytes | None:
        try:
            data = self.path(kind, k).read_bytes()
        except OSError:
            data = b""
        if not data:  # absent, or lost before it reached the disk
            self.misses += 1
            return None
        self.hits += 1
        return data

    def get_checked(self, kind: str, k: str, sha256: str | None) -> bytes | None:
        """The entry, if its SHA-256 is ``sha256`` (recorded beside it when it was put); else
        None, and it is computed again (damaged, half written, or put by another version)."""
        data = self.get(kind, k) if sha256 else None
        return data if data is not None and hashlib.sha256(data).hexdigest() == sha256 else None

    def put(self, kind: str, k: str, data: bytes) -> None:
        files.write_bytes(self.path(kind, k), data, durable=False)

    def put_chunks(self, kind: str, k: str, chunks: Iterable[bytes]) -> None:
        files.write_chunks(self.path(kind, k), chunks, durable=False)

    def get_json(self, kind: str, k: str) -> Any:
        data = self.get(kind, k)
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:  # damaged: compute it again
            self.hits -= 1
            self.misses += 1
            return None

    def put_json(self, kind: str, k: str, value: Any) -> None:
        self.put(kind, k, json.dumps(value, ensure_ascii=False, separators=(",", ":"))
                 .encode("utf-8"))
