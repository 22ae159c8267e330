"""What a case of the battery is made of: the real documents it starts from, the invocation it
makes, and the condition a system may be unable to make. (Kept apart from the runner so that
the makers of cases, ``battery`` and ``faults``, share them.)"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Seeds:
    """The real documents the cases are made from."""

    old: Path  # corpus/raw/2021-batch1-draft.txt
    new: Path  # corpus/raw/2022-batch1-final.txt
    corpus: Path  # corpus/ (its manifest)

    def text(self) -> str:
        return self.new.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Run:
    """One invocation: ``guidediff ARGS`` in ``work``; ``watch`` must stay unchanged, ``absent``
    must not exist afterwards."""

    args: Sequence[str]
    watch: Sequence[Path] = ()
    absent: Sequence[Path] = ()
    file_size_limit: int | None = None  # RLIMIT_FSIZE of the process (a disk that fills up)
    cleanup: Callable[[], None] | None = None  # after the run (unmount what setup mounted)
    env: tuple[tuple[str, str], ...] = ()  # set for the run (its own user cache)


class CannotMake(Exception):
    """This system cannot make the case's condition (root without the right to mount)."""


def put(work: Path, name: str | bytes, data: bytes | str) -> Path:
    p = Path(os.fsdecode(name)) if isinstance(name, bytes) else Path(name)
    p = work / p
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p
