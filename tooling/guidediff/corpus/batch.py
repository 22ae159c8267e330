"""Run one job over many files: in parallel processes when there are many, reporting each bad
file with its reason and going on (the caller decides whether any failure fails the run)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..errors import GuidediffError

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Outcome(Generic[T, R]):
    item: T
    result: R | None
    error: str | None


def _guarded(fn: Callable[[T], R], item: T) -> Outcome[T, R]:
    try:
        return Outcome(item, fn(item), None)
    except GuidediffError as e:
        return Outcome(item, None, str(e))


def run(fn: Callable[[T], R], items: Sequence[T], jobs: int = 1) -> Iterator[Outcome[T, R]]:
    """Yield one Outcome per item, in the order of ``items`` (so output stays deterministic)."""
    if jobs <= 1 or len(items) < 3:
        for it in items:
            yield _guarded(fn, it)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_guarded, fn, it) for it in items]
        for f in futures:
            yield f.result()
