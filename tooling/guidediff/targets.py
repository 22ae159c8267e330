"""Where an output goes, before anything is written there.

A path that holds nothing or a regular file is written whole or not at all (``files`` stages a
temporary beside it and renames it into place; through a symlink, beside the file the link
points to, so that the link stays). A character device (``/dev/null``) or a named pipe is never
replaced: the output is made whole first, then written into it. A directory, a block device or a
socket is refused, as is an output that is a file the run read (by any path). A set of files is
placed with a backup of what each replaces, put back if any of the set cannot be placed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import GuidediffError, os_reason

TEMP_TAG = ".gdtmp"  # temporaries are ".NAME.<pid>-<random>.gdtmp" beside their target


@dataclass(frozen=True)
class Target:
    """An output path as it stands: ``path`` is where to write (the file a symlink points to);
    ``direct`` says it is a device or a pipe, written into instead of replaced."""

    path: Path
    direct: bool = False


# Every file this process read as an input: (device, inode) -> (size, mtime) when read. An
# output that is one of them, by any path (a symlink, a hard link, a corpus id's raw file), is
# refused before it is written. (Size and time tell a recycled inode from the file read.)
_INPUTS: dict[tuple[int, int], tuple[int, int]] = {}


def record_input(st: os.stat_result) -> None:
    """Count the file ``st`` describes among the inputs of this run."""
    if stat.S_ISREG(st.st_mode):
        _INPUTS[(st.st_dev, st.st_ino)] = (st.st_size, st.st_mtime_ns)


def note_input(path: str | Path) -> None:
    """Count ``path`` among the inputs of this run (a file read by a worker process, or one a
    command will read): no output may replace it."""
    try:
        record_input(os.stat(path))
    except (OSError, ValueError):
        return


def is_input(st: os.stat_result) -> bool:
    """Is this the file (as ``os.stat`` found it) that the run read as an input?"""
    return _INPUTS.get((st.st_dev, st.st_ino)) == (st.st_size, st.st_mtime_ns)


def kind_of(mode: int) -> str:
    for test, what in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return what
    return "not a regular file"


def _same_file(st: os.stat_result, other: str | Path) -> bool:
    try:
        o = os.stat(other)
    except (OSError, ValueError):
        return False
    return (st.st_dev, st.st_ino) == (o.st_dev, o.st_ino)


def target(path: str | Path, protect: Sequence[str | Path] = (), direct: bool = True,
           replacing: Sequence[str | Path] = ()) -> Target:
    """What writing an output to ``path`` means, or an error if it must not be written: a
    directory, a block device or socket; a device or pipe when ``direct`` is False (a set of
    files is written as regular files); a file this run read, or one of ``protect``, unless it
    is one of ``replacing`` (``add`` rewrites the manifest it read)."""
    p = Path(path)
    try:
        st = os.stat(p)
    except (FileNotFoundError, NotADirectoryError):
        return Target(_resolved(p))
    except OSError as e:
        raise GuidediffError(f"cannot be written: {os_reason(e)}", p) from None
    except ValueError:
        raise GuidediffError("has a name that no file can have", p) from None
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise GuidediffError("cannot be written: a directory stands where this file goes", p)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        if not direct:
            raise GuidediffError(f"is {kind_of(mode)}: a set of files is written as regular files "
                                 "only (choose a folder of files)", p)
        return Target(p, direct=True)
    if not stat.S_ISREG(mode):
        raise GuidediffError(f"is {kind_of(mode)}, not a regular file: guidediff writes files, "
                             "never onto a device or a socket", p)
    if any(_same_file(st, r) for r in replacing):
        return Target(_resolved(p))
    if is_input(st) or any(_same_file(st, i) for i in protect):
        raise GuidediffError("is an input of this run; writing the output there would "
                             "overwrite it: choose another output", p)
    return Target(_resolved(p))


def _resolved(p: Path) -> Path:
    """``p`` through its symlinks (the file they point to), where it can be resolved."""
    if not p.is_symlink():
        return p
    try:
        return Path(os.path.realpath(p))
    except (OSError, ValueError):
        return p


def write_into(t: Target, chunks: Iterable[bytes]) -> None:
    """Write into a device or a pipe: the output is made whole first (an error leaves the
    device untouched), then written. A pipe that nothing reads is an error, not a hang."""
    import tempfile

    with tempfile.SpooledTemporaryFile(max_size=8 << 20) as spool:
        for chunk in chunks:
            spool.write(chunk)
        spool.seek(0)
        flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
            | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(t.path, flags)
        except OSError as e:
            if e.errno == errno.ENXIO:
                raise GuidediffError("cannot be written: it is a named pipe (FIFO) that nothing "
                                     "reads from", t.path) from None
            raise GuidediffError(f"cannot be written: {os_reason(e)}", t.path) from None
        try:
            _blocking(fd)
            with os.fdopen(fd, "wb", closefd=True) as out:
                shutil.copyfileobj(spool, out)
        except BrokenPipeError:
            raise GuidediffError("cannot be written: its reader closed the pipe", t.path) \
                from None
        except OSError as e:
            raise GuidediffError(f"cannot be written: {os_reason(e)}", t.path) from None


def _blocking(fd: int) -> None:
    """The descriptor back in blocking mode (opened non-blocking only not to wait for a reader;
    Windows opens it blocking)."""
    if os.name == "posix":
        os.set_blocking(fd, True)


# ---------------------------------------------------------------- a set, replaced whole


def _backup(p: Path) -> Path | None:
    """A second name for the file at ``p`` (a hard link, else a copy) beside it, so that it can
    be put back; None when nothing is there."""
    if not p.is_file() or p.is_symlink():
        return None
    name = p.parent / f".{p.name[:100]}.{os.getpid()}-{secrets.token_hex(4)}{TEMP_TAG}"
    try:
        os.link(p, name)
    except OSError:  # (a file system without hard links)
        try:
            shutil.copy2(p, name)
        except OSError as e:
            Path(name).unlink(missing_ok=True)
            raise GuidediffError(f"cannot be replaced safely: {os_reason(e)}", p) from None
    return name


@contextlib.contextmanager
def restorable(paths: Sequence[Path]) -> Iterator[list[Path]]:
    """While placing a set: each path appended to the yielded list has been replaced; if the
    block fails, each gets back what it held (a path that held nothing is removed)."""
    backups = {p: _backup(p) for p in paths}
    placed: list[Path] = []
    try:
        yield placed
    except BaseException:
        for p in reversed(placed):
            b = backups[p]
            with contextlib.suppress(OSError):
                os.replace(b, p) if b is not None else p.unlink(missing_ok=True)
        raise
    finally:
        for b in backups.values():
            if b is not None:
                b.unlink(missing_ok=True)


# ---------------------------------------------------------------- one writer at a time


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) while the block runs: a second
    process waits for the first. The kernel drops the lock when its process ends, so a killed
    run never leaves a stale lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as e:
        raise GuidediffError(f"cannot be locked: {os_reason(e)}", path) from None
    try:
        _lock(fd)
        yield
    finally:
        os.close(fd)  # (closing releases the lock)


def _lock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover (Windows)
        import msvcrt
        import time

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
                return
            except OSError:  # LK_LOCK gives up after 10 s: wait on
                time.sleep(0.1)
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX)
