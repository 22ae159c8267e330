"""Uploads taken apart within their limits: each file is written as it arrives into the
request's private folder under a name of the server's own, and refused (413) the moment it
passes the per-file limit; the client's file name is kept only as a label, made safe."""

from __future__ import annotations

import os
import re
import tempfile
from typing import IO, Any

from werkzeug.exceptions import RequestEntityTooLarge

FORM_OVERHEAD = 64 * 1024  # the multipart framing and small fields around two files
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm", ".xml")


def safe_name(client: str | None, fallback: str) -> str:
    """A file name to show: the last part of what the client sent, without control or
    direction characters, at most 120 characters; ``fallback`` if nothing is left."""
    name = re.split(r"[\\/]", client or "")[-1]
    name = _UNSAFE.sub("", name).strip().strip(".")
    if len(name) > 120:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[:110] + dot + suffix[:9]) if dot and len(suffix) < 10 else name[:120]
    return name or fallback


def disk_name(field: str, client: str) -> str:
    """The name an upload is stored under: the field's, with the suffix of a known format
    (the readers look at the bytes, the suffix only breaks ties)."""
    suffix = os.path.splitext(client)[1].lower()
    return field + (suffix if suffix in _SUFFIXES else "")


class LimitedFile:
    """A file the form parser writes an upload into, refused past ``limit`` bytes."""

    def __init__(self, folder: str, field: str, limit: int) -> None:
        fd, self.name = tempfile.mkstemp(prefix=f"{field}-", dir=folder)
        self._file: IO[bytes] = os.fdopen(fd, "w+b")
        self.limit, self.size = limit, 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise RequestEntityTooLarge(f"over {self.limit} bytes")
        return self._file.write(data)

    def __getattr__(self, name: str) -> Any:  # read, seek, readline, close… of the file
        return getattr(self._file, name)
