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

from .errors import GuidediffError, InputError, display_path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # the largest input read unless --max-bytes says more
_READ_CHUNK = 1 << 20

_REASONS = {
    errno.ELOOP: "is a symlink loop (too many levels of symbolic links)",
    errno.ENAMETOOLONG: "has a name longer than the system allows",
    errno.ENOTDIR: "cannot be reached: a part of its path is a file, not a directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a directory, not a file",
    errno.ENOENT: "no such file",
    errno.ENOSPC: "cannot be written: the disk is full",
    errno.EROFS: "cannot be written: the file system is read-only",
    getattr(errno, "EDQUOT", -1): "cannot be written: the disk quota is exceeded",
    errno.EFBIG: "cannot be written: the file is larger than this system allows",
}


def os_reason(e: OSError) -> str:
    """What an OS error means for the file, in words."""
    return _REASONS.get(e.errno or 0, e.strerror or type(e).__name__)


def _kind(mode: int) -> str:
    for test, what in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return what
    return "not a regular file"


def _open_regular(p: Path, max_bytes: int) -> int:
    """An open descriptor on a regular file of at most ``max_bytes`` (checked before opening
    and again on the descriptor); anything else is an InputError."""
    try:
        st = os.stat(p)
    except OSError as e:
        raise InputError(os_reason(e), p) from None
    except ValueError:  # a NUL byte in the name
        raise InputError("has a name that no file can have", p) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not a file", p)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"is {_kind(st.st_mode)}, not a regular file: only files are read", p)
    if st.st_size > max_bytes:
        raise InputError(f"file is {st.st_size:,} bytes, over the limit of {max_bytes:,}", p)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except OSError as e:
        raise InputError(os_reason(e), p) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for something else meanwhile
        os.close(fd)
        raise InputError("is not a regular file: only files are read", p)
    return fd


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


def read_file(path: str | Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; anything else is an InputError."""
    p = Path(path)
    return b"".join(_chunks(_open_regular(p, max_bytes), p, max_bytes))


def sha256_file(path: str | Path, max_bytes: int = 1 << 40) -> str:
    """The SHA-256 of a regular file, read in chunks (the file is never held whole)."""
    p = Path(path)
    digest = hashlib.sha256()
    for chunk in _chunks(_open_regular(p, max_bytes), p, max_bytes):
        digest.update(chunk)
    return digest.hexdigest()


_TEMP_TAG = ".gdtmp"  # temporaries are ".NAME.<pid>-<random>.gdtmp" beside their target
_STALE_SECONDS = 24 * 3600


def _write_error(e: OSError, p: Path) -> GuidediffError:
    if e.errno == errno.EISDIR or (p.is_dir() and not p.is_symlink()):
        return GuidediffError("cannot be written: a directory stands where this file goes", p)
    if e.errno in (errno.ENOTDIR, errno.EEXIST):
        return GuidediffError("cannot be written: a part of its folder path is a file", p)
    if e.errno in (errno.EACCES, errno.EPERM):
        return GuidediffError("cannot be written: permission denied (a read-only folder?)", p)
    return GuidediffError(os_reason(e) if e.errno in _REASONS else
                          f"cannot be written: {e.strerror or type(e).__name__}", p)


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
                      if e.name.startswith(".") and e.name.endswith(_TEMP_TAG)]
    except OSError:
        return 0
    now = time.time()
    for entry in candidates:
        pid_part = entry.name[:-len(_TEMP_TAG)].rsplit(".", 1)[-1].split("-", 1)[0]
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
    """``_stage`` for data made a piece at a time."""
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise GuidediffError(f"cannot create its folder: {os_reason(e)}", p) from None
    if p.is_dir():
        raise GuidediffError("cannot be written: a directory stands where this file goes", p)
    sweep_stale_temporaries(p.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name[:100]}.{os.getpid()}-", suffix=_TEMP_TAG,
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
    p = Path(path)
    try:
        if p.is_file() and p.stat().st_size == len(data) and p.read_bytes() == data:
            return False
    except OSError:
        pass
    write_bytes(p, data, durable=durable)
    return True


def write_chunks_if_changed(path: str | Path, chunks: Iterable[bytes]) -> bool:
    """Write a file of any size from ``chunks`` (never whole in memory), whole or not at all,
    unless it already holds exactly those bytes. True if it was written."""
    p = Path(path)
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
    p = Path(path)
    _place(_stage_chunks(p, chunks, durable), p)


def _place(tmp: Path, p: Path) -> None:
    try:
        os.replace(tmp, p)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise _write_error(e, p) from None
    except BaseException:  # interrupted: the temporary goes, the target is untouched
        tmp.unlink(missing_ok=True)
        raise


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def refuse_overwriting(targets: Sequence[Path], inputs: Sequence[str | Path]) -> None:
    """An output that is one of the inputs (the same file, by any path) is an error."""
    for t in targets:
        for i in inputs:
            if _same_file(t, Path(i)):
                raise GuidediffError("is an input of this run; writing the output there would "
                                     "overwrite it: choose another output", t)


def write_bytes(path: str | Path, data: bytes, protect: Sequence[str | Path] = (),
                durable: bool = True) -> None:
    """Write a file whole or not at all: a temporary beside it, then a rename over it. A
    ``protect``ed path (an input of the run) is never overwritten. ``durable=False`` skips the
    fsync (a cache entry, checked when read, can be lost in a power cut; an output cannot)."""
    p = Path(path)
    refuse_overwriting([p], protect)
    _place(_stage(p, data, durable), p)


def write_set(outputs: Sequence[tuple[Path, bytes]], protect: Sequence[str | Path] = ()) -> None:
    """Write several files as one set: all are staged first, then renamed into place; if any
    fails, none of the set is left (the files already placed are removed)."""
    refuse_overwriting([p for p, _ in outputs], protect)
    staged: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for p, data in outputs:
            staged.append((_stage(p, data), p))
        for tmp, p in staged:
            _place(tmp, p)
            placed.append(p)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        for p in placed:
            p.unlink(missing_ok=True)
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
