"""A bounded pool of worker processes for comparisons: at most ``workers`` run at once, at most
``queue`` more wait, and past that a request is refused at once (the page says: busy, retry).

A worker that dies (killed, out of memory) or runs past ``timeout`` fails its own request only:
it is stopped and replaced, and the pool goes on. A worker that died while idle is found when
it is taken and replaced before the request reaches it (the request never sees it). Workers
are started with ``spawn`` on every platform (as on Windows), so that none inherits the
server's threads; each one serves a number of jobs and is then replaced, so that no worker's
memory grows without bound.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

JOBS_PER_WORKER = 100  # a worker is replaced after this many jobs
START_TIMEOUT = 120.0  # a new worker process has this long to start (not counted in a job's)
READY = "ready"  # what a worker process sends once it has started


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class WorkerFailed(Exception):
    """The worker died or ran past the time limit: ``reason`` says which (``timeout``, with the
    limit in ``seconds``; ``died``; ``no_start``), for the page to word; the message is English."""

    def __init__(self, reason: str, message: str, seconds: float | None = None) -> None:
        super().__init__(message)
        self.reason, self.seconds = reason, seconds


@dataclass(frozen=True)
class Stats:
    workers: int
    waiting: int
    started: int  # worker processes started since the pool began (replacements included)
    running: int  # requests admitted now (running or waiting for a worker)


def _serve(conn: Any) -> None:  # the worker process's loop
    conn.send(READY)
    while True:
        try:
            fn, arg = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        conn.send(fn(arg))


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.jobs = 0
        self.ready = False

    def _wait_ready(self) -> None:
        """Wait for the process to start: its start-up is not part of a job's time limit."""
        if self.ready:
            return
        try:
            started = self.conn.poll(START_TIMEOUT) and self.conn.recv() == READY
        except (EOFError, OSError):
            started = False
        if not started:
            raise WorkerFailed("no_start", "the worker process did not start")
        self.ready = True

    def alive(self) -> bool:
        """Started and still there, with nothing unasked on its pipe (an idle worker that died
        leaves an end of file there)."""
        if not self.process.is_alive():
            return False
        try:
            return not (self.ready and self.conn.poll(0))
        except (EOFError, OSError):
            return False

    def call(self, fn: Callable[[Any], Any], arg: Any, timeout: float) -> Any:
        self.jobs += 1
        try:
            self._wait_ready()
            self.conn.send((fn, arg))
            if not self.conn.poll(timeout):
                raise TimeoutError
            return self.conn.recv()
        except TimeoutError:
            raise WorkerFailed("timeout", f"the comparison took longer than {timeout:g} s and "
                               "was stopped", timeout) from None
        except (EOFError, OSError):
            raise WorkerFailed("died", "the comparison stopped unexpectedly (its worker process "
                               "ended)") from None

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class Pool:
    def __init__(self, workers: int, waiting: int, timeout: float) -> None:
        import multiprocessing

        self._ctx = multiprocessing.get_context("spawn")
        self.workers, self.waiting, self.timeout = workers, waiting, timeout
        self._admitted = threading.BoundedSemaphore(workers + waiting)
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        self._lock = threading.Lock()
        self._all: set[_Worker] = set()
        self._started = 0
        self._running = 0
        for _ in range(workers):
            self._idle.put(None)  # a slot; its process starts on first use

    def _new(self) -> _Worker:
        w = _Worker(self._ctx)
        with self._lock:
            self._all.add(w)
            self._started += 1
        return w

    def _retire(self, w: _Worker) -> None:
        with self._lock:
            self._all.discard(w)
        w.stop()

    def _fit(self, slot: _Worker | None) -> _Worker:
        """The worker of a slot, able to work: one that died idle is replaced first."""
        if slot is not None and not slot.alive():
            self._retire(slot)
            slot = None
        return slot or self._new()

    def warm(self) -> None:
        """Start every worker now (the first comparison then pays no start-up)."""
        slots = [self._idle.get() for _ in range(self.workers)]
        for s in slots:
            self._idle.put(s if s is not None else self._new())

    def run(self, fn: Callable[[Any], Any], arg: Any) -> Any:
        """``fn(arg)`` in a worker process. Raises Busy, or WorkerFailed."""
        if not self._admitted.acquire(blocking=False):
            raise Busy
        with self._lock:
            self._running += 1
        try:
            slot = self._idle.get()
            try:
                w = self._fit(slot)
            except BaseException:
                self._idle.put(None)
                raise
            keep: _Worker | None = w
            try:
                return w.call(fn, arg, self.timeout)
            except WorkerFailed:
                self._retire(w)
                keep = None  # its slot starts a new process on next use
                raise
            finally:
                if keep is not None and keep.jobs >= JOBS_PER_WORKER:
                    self._retire(keep)
                    keep = None
                self._idle.put(keep)
        finally:
            with self._lock:
                self._running -= 1
            self._admitted.release()

    def stats(self) -> Stats:
        with self._lock:
            return Stats(self.workers, self.waiting, self._started, self._running)

    def close(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()
