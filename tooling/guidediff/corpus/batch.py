"""Run one job over many files: in parallel processes when asked, reporting each bad file with
its reason and going on. A batch never stops at a bad file; the caller reports every failure at
the end and decides the exit code."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..errors import GuidediffError, display_path, failure_reason, internal_error

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Outcome(Generic[T, R]):
    item: T
    result: R | None
    error: str | None  # the one-line reason, naming the file


@dataclass(frozen=True)
class _Done(Generic[R]):
    """What a worker sends back: a result, a library error (its message names the file), or
    the reason of another failure (the parent names the file)."""

    result: R | None = None
    error: str | None = None
    reason: str | None = None


def _guarded(fn: Callable[[T], R], item: T) -> _Done[R]:
    try:
        return _Done(fn(item))
    except Exception as e:  # a bug must not stop the batch either: name it and go on
        reason, _ = failure_reason(e)
        # a library error names its file; the parent names it for the others
        return _Done(error=reason) if isinstance(e, GuidediffError) else _Done(reason=reason)


def _outcome(item: T, done: _Done[R], name: Callable[[T], str]) -> Outcome[T, R]:
    if done.reason is not None:
        return Outcome(item, None, f"{display_path(name(item))}: {done.reason}")
    return Outcome(item, done.result, done.error)


def run(fn: Callable[[T], R], items: Sequence[T], jobs: int = 1,
        name: Callable[[T], str] = str) -> Iterator[Outcome[T, R]]:
    """Yield one Outcome per item, in the order of ``items`` (so output stays deterministic).
    ``jobs`` > 1 runs them in worker processes (multiprocessing is imported only then); a worker
    that dies (killed, out of memory) fails its item, not the batch. ``fn`` and the items go to
    the workers; ``name`` (what an error calls an item) stays here."""
    if jobs <= 1 or len(items) < 2:
        for it in items:
            yield _outcome(it, _guarded(fn, it), name)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        futures = [pool.submit(_guarded, fn, it) for it in items]
        for i, it in enumerate(items):
            try:
                yield _outcome(it, futures[i].result(), name)
            except BrokenProcessPool:
                # a worker died (killed, out of memory): which item did it is unknown, so this
                # one runs again alone, and the rest in a new pool
                pool.shutdown(wait=False, cancel_futures=True)
                yield _alone(fn, it, name)
                pool = ProcessPoolExecutor(max_workers=jobs)
                futures[i + 1:] = [pool.submit(_guarded, fn, x) for x in items[i + 1:]]
            except Exception as e:  # the item or its result could not cross to the worker
                yield Outcome(it, None, f"{display_path(name(it))}: {internal_error(e)}")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _alone(fn: Callable[[T], R], item: T, name: Callable[[T], str]) -> Outcome[T, R]:
    """The item in a worker of its own: if that worker dies too, the item is what kills it."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return _outcome(item, pool.submit(_guarded, fn, item).result(), name)
        except BrokenProcessPool:
            reason = "the worker process reading it died (killed or out of memory)"
            return Outcome(item, None, f"{display_path(name(item))}: {reason}")
