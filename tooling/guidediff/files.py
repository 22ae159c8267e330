"""The one way guidediff reads and writes files.

Reading: only regular files, with a bounded read (a FIFO, a device such as /dev/zero, a symlink
loop or a path through a file is one clear error, never a hang or a traceback). Writing: a file
appears whole or not at all (a temporary file beside it, then a rename), and an OS refusal (a
directory in the way, a full disk, a read-only place) is one clear error.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .errors import GuidediffError, InputError, display_path, os_reason
from .targets import (
    TEMP_TAG,
    Target,
    kind_of,
    locked,
    note_input,
    record_input,
    restorable,
    target,
    write_into,
)

__all__ = ["locked", "note_input", "os_reason"]  # (re-exported: files is the one way to files)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # the largest input read unless --max-bytes says more
_READ_CHUNK = 1 << 20


def _open_regular(p: Path, max_bytes: int, record: bool = True) -> int:
    """An open descriptor on a regular file of at most ``max_bytes`` (checked before opening
    and again on the descriptor); anything else is an InputError. ``record``: count it among
    the inputs of this run (a cache entry is not one)."""
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise InputError(_missing(p), p) from None
    except OSError as e:
        raise InputError(os_reason(e), p) from None
    except ValueError:  # a NUL byte in the name
        raise InputError("has a name that no file can have", p) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not a file", p)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"is {kind_of(st.st_mode)}, not a regular file: only files are read", p)
    if st.st_size > max_bytes:
        raise InputError(f"file is {st.st_size:,} bytes, over the limit of {max_bytes:,}", p)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except OSError as e:
        raise InputError(os_reason(e), p) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):  # swapped for something else meanwhile
        os.close(fd)
        raise InputError("is not a regular file: only files are read", p)
    if record:
        record_input(st)
    return fd


def _missing(p: Path) -> str:
    """Why a name that opens nothing is missing: nothing there, or a link to nothing."""
    try:
        if p.is_symlink():
            return f"no such file: it is a symbolic link to {display_path(os.readlink(p))}, " \
                   "which does not exist"
    except OSError:
        pass
    return "no such file"


def _chunks(fd: int, p: Path, max_bytes: int) -> Iterator[bytes]:
    size = 0
    try:
        while True:
            chunk = os.read(fd, _READ_CHUNK)
            if not chunk:
                return
            size += len(chunk)
            if size > max_bytes:
                raise InputError(f"file grew over the limit of {max_bytes:,} bytes while being "
                                 "read", p)
            yield chunk
    except OSError as e:
        raise InputError(f"cannot be read: {os_reason(e)}", p) from None
    finally:
        os.close(fd)


def read_file(path: str | Path, max_bytes: int, record: bool = True) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; anything else is an InputError.
    The file counts among the inputs of this run (no output may replace it) unless
    ``record`` is False (a cache entry, which the run may write again)."""
    p = Path(path)
    return b"".join(_chunks(_open_regular(p, max_bytes, record), p, max_bytes))


def sha256_file(path: str | Path, max_bytes: int = 1 << 40) -> str:
    """The SHA-256 of a regular file, read in chunks (the file is never held whole)."""
    p = Path(path)
    digest = hashlib.sha256()
    for chunk in _chunks(_open_regular(p, max_bytes, record=False), p, max_bytes):
        digest.update(chunk)
    return digest.hexdigest()


_STALE_SECONDS = 24 * 3600


def _write_error(e: OSError, p: Path) -> GuidediffError:
    if e.errno == errno.EISDIR or (p.is_dir() and not p.is_symlink()):
        return GuidediffError("cannot be written: a directory stands where this file goes", p)
    if e.errno in (errno.ENOTDIR, errno.EEXIST):
        return GuidediffError("cannot be written: a part of its folder path is a file", p)
    if e.errno in (errno.EACCES, errno.EPERM):
        return GuidediffError("cannot be written: permission denied (a read-only folder or "
                              "file?)", p)
    return GuidediffError(os_reason(e) if e.errno in _WRITE_REASONS else
                          f"cannot be written: {e.strerror or type(e).__name__}", p)


_WRITE_REASONS = (errno.ENOSPC, errno.EROFS, getattr(errno, "EDQUOT", -1), errno.EFBIG,
                  errno.ENAMETOOLONG, errno.ELOOP)


def _pid_alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def sweep_stale_temporaries(directory: Path) -> int:
    """Remove the temporaries that a killed run left in ``directory``: those of a process that
    no longer runs, or older than a day. Returns how many were removed."""
    removed = 0
    try:
        candidates = [e for e in os.scandir(directory)
                      if e.name.startswith(".") and e.name.endswith(TEMP_TAG)]
    except OSError:
        return 0
    now = time.time()
    for entry in candidates:
        pid_part = entry.name[:-len(TEMP_TAG)].rsplit(".", 1)[-1].split("-", 1)[0]
        try:
            stale = (not pid_part.isdigit() or not _pid_alive(int(pid_part))
                     or now - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS)
            if stale and int(pid_part or 0) != os.getpid():
                os.unlink(entry.path)
                removed += 1
        except (OSError, ValueError):
            continue
    return removed


def _stage(p: Path, data: bytes, durable: bool = True) -> Path:
    """Write ``data`` to a temporary beside ``p`` and return its path (nothing left on error);
    ``durable``: on the disk (fsync) before it is renamed into place."""
    return _stage_chunks(p, (data,), durable)


def _stage_chunks(p: Path, chunks: Iterable[bytes], durable: bool = True) -> Path:
    """``_stage`` for data made a piece at a time. (A directory where ``p`` goes is found when
    the temporary is renamed over it: that leaves nothing, as any failure does.)"""
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # (a file where a folder of its path goes)
        raise GuidediffError("cannot create its folder: a file stands where that folder goes",
                             p) from None
    except OSError as e:
        raise GuidediffError(f"cannot create its folder: {os_reason(e)}", p) from None
    sweep_stale_temporaries(p.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name[:100]}.{os.getpid()}-", suffix=TEMP_TAG,
                                   dir=p.parent)
    except OSError as e:
        raise _write_error(e, p) from None
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise _write_error(e, p) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_if_changed(path: str | Path, data: bytes, durable: bool = True) -> bool:
    """``write_bytes`` unless the file already holds exactly ``data`` (an unchanged output
    keeps its time stamp, and a rebuild writes nothing). True if it was written."""
    t = target(path)
    p = t.path
    try:
        if not t.direct and p.is_file() and p.stat().st_size == len(data) \
                and p.read_bytes() == data:
            return False
    except OSError:
        pass
    _write(t, (data,), durable)
    return True


def write_chunks_if_changed(path: str | Path, chunks: Iterable[bytes]) -> bool:
    """Write a file of any size from ``chunks`` (never whole in memory), whole or not at all,
    unless it already holds exactly those bytes. True if it was written."""
    t = target(path)
    if t.direct:
        write_into(t, chunks)
        return True
    p = t.path
    digest = hashlib.sha256()

    def hashed() -> Iterator[bytes]:
        for chunk in chunks:
            digest.update(chunk)
            yield chunk

    tmp = _stage_chunks(p, hashed())
    try:
        if p.is_file() and sha256_file(p) == digest.hexdigest():
            tmp.unlink(missing_ok=True)
            return False
    except GuidediffError:
        pass
    _place(tmp, p)
    return True


def write_chunks(path: str | Path, chunks: Iterable[bytes], durable: bool = True) -> None:
    """``write_bytes`` for data made a piece at a time (never whole in memory)."""
    _write(target(path), chunks, durable)


def _write(t: Target, chunks: Iterable[bytes], durable: bool = True) -> None:
    if t.direct:
        write_into(t, chunks)
    else:
        _place(_stage_chunks(t.path, chunks, durable), t.path)


def _place(tmp: Path, p: Path) -> None:
    try:
        os.replace(tmp, p)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise _write_error(e, p) from None
    except BaseException:  # interrupted: the temporary goes, the target is untouched
        tmp.unlink(missing_ok=True)
        raise


def refuse_overwriting(targets: Sequence[str | Path], inputs: Sequence[str | Path] = (),
                       direct: bool = True) -> None:
    """Before any work: each output may be written (not a file the run read, nor one of
    ``inputs``, nor a directory or a device it cannot be written onto)."""
    for t in targets:
        target(t, inputs, direct)


def write_bytes(path: str | Path, data: bytes, protect: Sequence[str | Path] = (),
                durable: bool = True) -> None:
    """Write a file whole or not at all: a temporary beside it, then a rename over it (into a
    device or a pipe: the whole output, written into it). Neither a file the run read nor a
    ``protect``ed path is ever overwritten. ``durable=False`` skips the fsync."""
    _write(target(path, protect), (data,), durable)


def write_set(outputs: Sequence[tuple[Path, bytes]], protect: Sequence[str | Path] = (),
              replacing: Sequence[str | Path] = ()) -> None:
    """Write several files as one set, whole or not at all: every target is checked, then all
    are staged, then renamed into place; if any cannot be placed, every file already placed
    gets back what it held (the old set stays). ``replacing``: inputs the set may replace."""
    targets = [target(p, protect, direct=False, replacing=replacing).path for p, _ in outputs]
    staged: list[tuple[Path, Path]] = []
    try:
        for t, (_, data) in zip(targets, outputs, strict=True):
            staged.append((_stage(t, data), t))
        with restorable(targets) as placed:
            for tmp, t in staged:
                _place(tmp, t)
                placed.append(t)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def output_name(source: Path, suffix: str) -> str:
    """The name of the output written for ``source`` (its stem, made safe, plus ``suffix``)."""
    return _safe_name(source.stem) + suffix


def output_name_collisions(sources: Sequence[Path], out_dir: Path, suffix: str) -> str | None:
    """Why writing one output per source into ``out_dir`` would lose a file, or None: two
    sources with one output name, or an output that is one of the sources."""
    resolved = {_resolved(s) for s in sources}
    seen: dict[str, Path] = {}
    for s in sources:
        name = output_name(s, suffix)
        if name in seen:
            return (f"{display_path(seen[name])} and {display_path(s)} would both write "
                    f"{display_path(out_dir / name)}: normalize them into different folders")
        seen[name] = s
        if _resolved(out_dir / name) in resolved:
            return (f"{display_path(s)}: its output {display_path(out_dir / name)} is one of the "
                    "inputs and would overwrite it: choose another folder with -o")
    return None


def _resolved(p: Path) -> Path:
    """``p`` with symlinks resolved where it can be (a path the system refuses stays as given:
    reading it will say why)."""
    try:
        return p.resolve()
    except (OSError, RuntimeError, ValueError):
        return p.absolute()


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name).lstrip(".") or "doc"


def safe_child(directory: str | Path, name: str) -> Path:
    """``directory/name`` where ``name`` (possibly derived from document content) cannot escape."""
    base = Path(directory).resolve()
    target = (base / _safe_name(name)).resolve()
    if target.parent != base:
        raise GuidediffError(f"refusing to write outside the output directory: {name!r}", base)
    return target
