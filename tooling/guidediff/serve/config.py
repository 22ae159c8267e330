"""What ``guidediff serve`` is started with."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..files import DEFAULT_MAX_BYTES


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ServeConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    queue: int = 8  # comparisons that may wait for a worker; past them: 503
    timeout: float = 120.0  # seconds a comparison may run
    max_bytes: int = DEFAULT_MAX_BYTES  # per uploaded file
    site: Path | None = None  # the corpus site build wrote (served at /corpus/)
    results: Path | None = None  # where comparisons are kept by hash (None: a temporary folder)
    cache: Path | None = None  # the user cache, for documents read before (None: off)

    @property
    def threads(self) -> int:
        """Server threads: one per comparison admitted, and some for pages and /healthz."""
        return self.workers + self.queue + 4
