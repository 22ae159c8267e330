"""Where an output goes (``targets.py`` under ``files.py``): a device or a named pipe is written
into, never replaced; a block device, a socket or a directory is refused; a symlink stays and
its file is written; a file the run read is never overwritten, by any path; a set that cannot
be placed puts back what it replaced; one writer at a time holds a lock.

Every device node here is made in a temporary folder (never the system's /dev/null)."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from guidediff import files
from guidediff.errors import GuidediffError
from guidediff.targets import restorable

from .conftest import RAW_2021, RAW_2022

posix = pytest.mark.skipif(os.name != "posix", reason="FIFOs and device nodes are POSIX")


def cannot(reason: str) -> None:
    """This system cannot make the condition: a skip with its reason; under CI (root, on
    this project's machine) a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _node(path: Path, minor: int) -> Path:
    if os.geteuid() != 0:
        cannot("making a device node needs root")
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    return path


@posix
def test_a_device_is_written_into_and_stays_one(tmp_path: Path) -> None:
    null = _node(tmp_path / "null", 3)
    files.write_bytes(null, b"x" * 100_000)
    files.write_chunks(null, iter([b"a", b"b"]))
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name != "null"]  # no temporary left
    with pytest.raises(GuidediffError, match="the disk is full"):
        files.write_bytes(_node(tmp_path / "full", 7), b"x")


@posix
def test_a_pipe_gets_the_whole_output_and_stays_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    time.sleep(0.2)
    files.write_bytes(pipe, b"whole" * 50_000)
    reader.join(10)
    assert got == [b"whole" * 50_000] and stat.S_ISFIFO(os.stat(pipe).st_mode)


@posix
def test_a_pipe_nothing_reads_is_an_error_not_a_hang(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(GuidediffError, match="nothing reads from"):
        files.write_bytes(pipe, b"x")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


@posix
def test_what_cannot_be_written_onto_is_refused(tmp_path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock"))
    try:
        with pytest.raises(GuidediffError, match="is a socket, not a regular file"):
            files.write_bytes(tmp_path / "sock", b"x")
    finally:
        sock.close()
    (tmp_path / "dir").mkdir()
    with pytest.raises(GuidediffError, match="a directory stands where this file goes"):
        files.write_bytes(tmp_path / "dir", b"x")
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(GuidediffError, match="a set of files is written as regular files"):
        files.write_set([(tmp_path / "a", b"a"), (tmp_path / "pipe", b"b")])
    assert not (tmp_path / "a").exists()


@posix
def test_a_symlink_stays_and_its_file_is_written(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    os.symlink(real, tmp_path / "link.txt")
    files.write_bytes(tmp_path / "link.txt", b"new")
    assert (tmp_path / "link.txt").is_symlink() and real.read_bytes() == b"new"


def test_no_output_replaces_a_file_the_run_read(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(RAW_2022.read_bytes())
    files.read_file(src, 1 << 24)
    aliases = [src, tmp_path / "hard.txt"]
    os.link(src, aliases[1])
    if os.name == "posix":
        os.symlink(src, tmp_path / "soft.txt")
        aliases.append(tmp_path / "soft.txt")
    for alias in aliases:
        with pytest.raises(GuidediffError, match="is an input of this run"):
            files.write_bytes(alias, b"x")
    assert src.read_bytes() == RAW_2022.read_bytes()
    files.write_set([(src, b"kept")], replacing=[src])  # (add rewrites the manifest it read)
    assert src.read_bytes() == b"kept"


def test_a_set_that_cannot_be_placed_puts_the_old_set_back(tmp_path: Path) -> None:
    old = {tmp_path / f"x.{k}": f"old {k}".encode() for k in ("html", "json", "md")}
    for p, data in old.items():
        p.write_bytes(data)
    paths = [*old, tmp_path / "x.new"]
    with pytest.raises(OSError), restorable(paths) as placed:
        for p in paths[:3]:
            os.replace(files._stage(p, b"new"), p)
            placed.append(p)
        raise OSError("the fourth cannot be placed")
    assert {p: p.read_bytes() for p in old} == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.html", "x.json", "x.md"]


def test_a_report_set_blocked_when_placed_leaves_the_old_set(tmp_path: Path) -> None:
    """The whole command: an old set, then a new one of which one file cannot be replaced
    (immutable: renaming over it fails)."""
    if os.name != "posix" or subprocess.run(["which", "chattr"], capture_output=True).returncode:
        cannot("chattr is needed to make a file that cannot be replaced")
    out = tmp_path / "out"
    run = [sys.executable, "-m", "guidediff", "report", "-o", str(out), "--name", "x"]
    assert subprocess.run([*run, str(RAW_2021), str(RAW_2022)], capture_output=True).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    locked = out / "x.memo.md"
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode:
        cannot("chattr +i is not allowed here")
    try:
        done = subprocess.run([*run, str(RAW_2022), str(RAW_2021)], capture_output=True,
                              text=True)
    finally:
        subprocess.run(["chattr", "-i", str(locked)], capture_output=True)
    assert done.returncode == 1 and "x.memo.md: cannot be written" in done.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    order: list[str] = []

    def hold(name: str, seconds: float) -> None:
        with files.locked(tmp_path / ".lock"):
            order.append(f"{name} in")
            time.sleep(seconds)
            order.append(f"{name} out")

    first = threading.Thread(target=hold, args=("a", 0.5))
    first.start()
    time.sleep(0.1)
    hold("b", 0)
    first.join()
    assert order == ["a in", "a out", "b in", "b out"]
