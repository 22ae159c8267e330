"""Drive ``guidediff serve`` from outside, as a browser or a script does: start it as a real
process on a free loopback port, send uploads, read its memory, and run a bounded load (a
count of requests from a number of concurrent clients, each request with its own deadline).
Used by the tests, the load benchmark and the README's pictures."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class Server:
    url: str  # http://127.0.0.1:PORT
    process: subprocess.Popen[bytes]
    log: list[str] = field(default_factory=list)  # what it printed on stderr

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or 80


@contextmanager
def running(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
            start_timeout: float = 60) -> Iterator[Server]:
    """``guidediff serve --port 0 ARGS`` in its own process, until the block ends (then
    interrupted as Ctrl+C does, and killed if it does not stop)."""
    cmd = [sys.executable, "-m", "guidediff", "serve", "--port", "0", *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})}, cwd=cwd)
    assert proc.stderr is not None
    log: list[str] = []
    deadline = time.monotonic() + start_timeout
    url = None
    while url is None:
        line = proc.stderr.readline().decode("utf-8", "replace")
        if not line:
            raise RuntimeError(f"guidediff serve ended before it listened: {''.join(log)}")
        log.append(line)
        if "http://" in line:
            url = line.split("http://", 1)[1].split("/", 1)[0]
        if time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("guidediff serve did not start in time")
    stream = proc.stderr
    threading.Thread(target=lambda: log.extend(x.decode("utf-8", "replace") for x in stream),
                     daemon=True).start()  # drained, so that its log never blocks it
    server = Server(f"http://{url}", proc, log)
    try:
        wait_healthy(server.url, start_timeout)
        yield server
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def wait_healthy(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if request(url, "GET", "/healthz", timeout=5).status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url}/healthz never answered")
        time.sleep(0.1)


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes
    seconds: float

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request(url: str, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None, timeout: float = 120) -> Reply:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    t = time.perf_counter()
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        return Reply(r.status, {k.lower(): v for k, v in r.getheaders()}, data,
                     time.perf_counter() - t)
    finally:
        conn.close()


def multipart(files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body of ``field: (file name, bytes)``, and its content type."""
    boundary = uuid.uuid4().hex
    out = []
    for name, (filename, data) in files.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                   f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                   .encode())
        out.append(data)
        out.append(b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def compare(url: str, files: dict[str, tuple[str, bytes]], query: str = "",
            timeout: float = 120) -> Reply:
    body, kind = multipart(files)
    return request(url, "POST", f"/compare{query}", body, {"Content-Type": kind}, timeout)


def rss_kib(pid: int) -> int | None:
    """The resident memory of a process (Linux: /proc), or None where it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


@dataclass(frozen=True)
class Shot:
    """One request of a load: its uploads, the status it must get, a name for the summary."""

    name: str
    files: dict[str, tuple[str, bytes]]
    expect: int
    query: str = ""


def load(url: str, shots: Sequence[Shot], clients: int,
         timeout: float = 120) -> list[tuple[Shot, Reply | None, str | None]]:
    """Send every shot once, ``clients`` at a time; each outcome is the reply, or the error
    (a connection refused, a timeout). Bounded: as many requests as shots, each with
    ``timeout``."""
    def one(shot: Shot) -> tuple[Shot, Reply | None, str | None]:
        try:
            return shot, compare(url, shot.files, shot.query, timeout), None
        except OSError as e:
            return shot, None, f"{type(e).__name__}: {e}"

    with ThreadPoolExecutor(max_workers=clients) as pool:
        return list(pool.map(one, shots))


def mixed_shots(old: Path, new: Path, count: int, max_bytes: int,
                seed: int = 0) -> list[Shot]:
    """``count`` requests in a seeded order: comparisons of the real pair both ways and of
    scaled variants (new ones and repeated ones), with oversized, binary and incomplete
    uploads mixed in (about one in ten each)."""
    import random

    from .scale import scaled

    rng = random.Random(seed)
    real = (old.name, old.read_bytes()), (new.name, new.read_bytes())
    variants = [((f"v{c}-old.txt", scaled(old, new, c).encode()),
                 (f"v{c}-new.txt", scaled(old, new, c, edited=True).encode()))
                for c in (1, 2, 3)]
    pairs = [real, (real[1], real[0]), *variants]
    shots = []
    for k in range(count):
        roll = (k % 10) / 10  # one in ten of each bad kind, then shuffled
        if roll < 0.1:
            shots.append(Shot("oversized", {"old": real[0], "new": (
                "big.txt", b"x" * (max_bytes + 1))}, 413))
        elif roll < 0.2:
            shots.append(Shot("binary", {"old": real[0], "new": (
                "b.txt", bytes(rng.randrange(256) for _ in range(4096)))}, 400))
        elif roll < 0.3:
            shots.append(Shot("missing", {"old": real[0]}, 400))
        else:
            a, b = pairs[rng.randrange(len(pairs))]
            fmt = "?format=json" if rng.random() < 0.5 else ""
            shots.append(Shot(f"compare {a[0]} {b[0]}", {"old": a, "new": b},
                              200 if fmt else 303, fmt))  # (the page: to its own address)
    rng.shuffle(shots)
    return shots
