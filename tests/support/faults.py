"""Faults for the web app, made from outside as they happen to a running server (issue 25,
class 8): a worker process killed while idle, idle and half-open connections held open from
one or many addresses, requests the server itself refuses, a kept result damaged on disk. Used
by tests/test_serve_faults.py; every wait is a condition polled with a bound for a hang."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def until(condition: Callable[[], object], what: str, limit: float = 120) -> None:
    """Wait for ``condition()``: a bound for a hang, not a measure of speed."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not after {limit:g} s")
        time.sleep(0.02)


def children(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux: /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def workers(server_pid: int) -> list[int]:
    """The worker processes of a ``guidediff serve`` (spawned: ``spawn_main``)."""
    out = []
    for pid in children(server_pid):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmd:
            out.append(pid)
    return out


def gone(pid: int) -> bool:
    """The process has ended (and been reaped, or is a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")


@contextmanager
def idle_connections(port: int, count: int, source: str = "127.0.0.2",
                     send: bytes = b"") -> Iterator[list[socket.socket]]:
    """``count`` connections to the server from ``source`` (a loopback address), each sending
    ``send`` (nothing: idle; a part of a request: half-open) and then nothing more; all closed
    when the block ends."""
    held: list[socket.socket] = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind((source, 0))
            s.settimeout(10)
            s.connect(("127.0.0.1", port))
            if send:
                s.sendall(send)
            held.append(s)
        yield held
    finally:
        for s in held:
            s.close()


def closed_by_server(s: socket.socket) -> bool:
    """The server closed this connection (it reads as an end of file, or a reset)."""
    import select

    readable, _, _ = select.select([s], [], [], 0)
    if not readable:
        return False
    try:
        return s.recv(1 << 16, socket.MSG_PEEK) == b""
    except OSError:
        return True


def raw_exchange(port: int, data: bytes, source: str = "127.0.0.1") -> bytes:
    """Send ``data`` on a new connection and read until the server closes it (bounded)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((source, 0))
        s.settimeout(30)
        s.connect(("127.0.0.1", port))
        with contextlib.suppress(OSError):  # (answered and closed before taking it all)
            s.sendall(data)
        out = b""
        while len(out) < 1 << 20:
            try:
                chunk = s.recv(1 << 16)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        return out


def headers_of(response: bytes) -> dict[str, str]:
    head = response.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head)}


# ways a kept file is damaged on disk: each takes the file's path
def _cut(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: max(1, p.stat().st_size // 2)])


def _zeros(p: Path) -> None:
    p.write_bytes(b"\0" * p.stat().st_size)


def _garbage(p: Path) -> None:
    data = bytearray(p.read_bytes())
    data[len(data) // 3] ^= 0xFF
    p.write_bytes(bytes(data))


def _missing(p: Path) -> None:
    p.unlink()


def _misshapen(p: Path) -> None:  # well-formed JSON of another shape
    p.write_text('{"stem": 5, "files": [], "lang": null}' if p.name == "meta.json" else "[]")


DAMAGES: dict[str, Callable[[Path], None]] = {
    "cut": _cut, "zero-filled": _zeros, "one byte changed": _garbage, "missing": _missing,
    "wrongly shaped": _misshapen,
}


def server_paths(text: str, folders: list[str]) -> list[str]:
    """The server's folders, or any absolute path, that ``text`` shows."""
    import re

    found = [f for f in folders if f and f in text]
    found += re.findall(r"(?<![\w.\-])/(?:tmp|root|home|usr|var|proc|etc)/[^\s'\"<]*", text)
    return found


def free_loopback(address: str) -> bool:
    """Whether this system routes ``address`` to itself (Linux: all of 127.0.0.0/8)."""
    try:
        with socket.socket() as s:
            s.bind((address, 0))
        return True
    except OSError:
        return False
