"""The web app under faults (issue 25, class 8), each made for real on a running server: an
idle worker killed, idle and half-open connections held open, requests waitress itself
refuses, a kept result damaged on disk, a result folder that cannot be written. Every wait is a
condition polled with a bound for a hang."""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from guidediff.serve import guard
from tests.support import faults, serving

from .conftest import RAW_2021, RAW_2022

OLD = ("2021-batch1-draft.txt", RAW_2021.read_bytes())
NEW = ("2022-batch1-final.txt", RAW_2022.read_bytes())
LINUX = pytest.mark.skipif(not os.path.isdir("/proc/self/task"),
                           reason="reads processes and loopback addresses as Linux has them")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[serving.Server]:
    cache, tmp = tmp_path_factory.mktemp("cache"), tmp_path_factory.mktemp("tmp")
    with serving.running("--workers", "1", "--queue", "4",
                         env={"GUIDEDIFF_CACHE": str(cache), "TMPDIR": str(tmp)}) as s:
        s.cache, s.tmp = cache, tmp  # type: ignore[attr-defined]
        yield s


def _compare(s: serving.Server, files: dict[str, tuple[str, bytes]] | None = None) -> str:
    r = serving.compare(s.url, files or {"old": OLD, "new": NEW})
    assert r.status == 303, r.text()
    return r.headers["location"].split("/")[2]


# ---------------------------------------------------------------- workers


def test_an_idle_worker_that_died_is_replaced_before_a_request_reaches_it() -> None:
    from guidediff.serve.pool import Pool
    from tests.support import workers

    pool = Pool(workers=2, waiting=0, timeout=60)
    try:
        pool.warm()
        assert pool.run(workers.echo, 1) == 1
        for w in list(pool._all):
            os.kill(w.process.pid, signal.SIGKILL)
            faults.until(lambda w=w: not w.process.is_alive(), "the worker died")
        assert [pool.run(workers.echo, k) for k in range(4)] == [0, 1, 2, 3]
        assert pool.stats().started == 4  # two replaced, none failed a request
    finally:
        pool.close()


@LINUX
def test_the_server_replaces_killed_idle_workers(server: serving.Server) -> None:
    _compare(server)
    faults.until(lambda: faults.workers(server.process.pid), "a worker started")
    for pid in faults.workers(server.process.pid):
        os.kill(pid, signal.SIGKILL)
        faults.until(lambda pid=pid: faults.gone(pid), "the worker ended")
    other = {"old": ("b.txt", NEW[1]), "new": ("a.txt", OLD[1])}  # not kept: computed now
    cid = _compare(server, other)
    assert serving.request(server.url, "GET", f"/compare/{cid}/").status == 200


# ---------------------------------------------------------------- connections


@LINUX
@pytest.mark.parametrize("send", [b"", b"GET / HTTP/1.1\r\nHost: x\r\n",
                                  b"POST /compare HTTP/1.1\r\nContent-Length: 100000\r\n\r\nab"],
                         ids=["idle", "half a request", "half a body"])
def test_idle_connections_from_one_client_do_not_lock_others_out(
        server: serving.Server, send: bytes) -> None:
    """More connections than the server holds in all, every one silent: the same client and
    others are still served, and the silent ones are closed down to the bound per client."""
    assert faults.free_loopback("127.0.0.2") and faults.free_loopback("127.0.0.3")
    with faults.idle_connections(server.port, guard.TOTAL + 20, "127.0.0.2", send) as held:
        for source in ("127.0.0.1", "127.0.0.3", "127.0.0.2"):
            r = faults.raw_exchange(server.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
                                    b"Connection: close\r\n\r\n", source)
            assert r.startswith(b"HTTP/1.1 200") and r.endswith(b"ok\n"), (source, r[:200])
        faults.until(lambda: sum(not faults.closed_by_server(s) for s in held)
                     <= guard.PER_CLIENT, "silent connections closed down to the bound")
    assert _compare(server)


@LINUX
def test_idle_connections_from_many_clients_leave_room(server: serving.Server) -> None:
    """Silent connections from many addresses, each within its own bound, past the bound in
    all: a new client is served, the oldest silent ones make room."""
    per = guard.PER_CLIENT - 2
    sources = [f"127.0.1.{k}" for k in range(1, guard.TOTAL // per + 3)]
    with faults.idle_connections(server.port, 0) as held:
        for source in sources:
            with faults.idle_connections(server.port, per, source) as some:
                held += some
                some.clear()  # (kept open: closed with ``held``)
        r = faults.raw_exchange(server.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
                                b"Connection: close\r\n\r\n", "127.0.0.9")
        assert r.startswith(b"HTTP/1.1 200"), r[:200]
        faults.until(lambda: sum(not faults.closed_by_server(s) for s in held) < guard.TOTAL,
                     "the oldest silent connections closed")


@LINUX
def test_a_request_being_served_is_never_closed_to_make_room(tmp_path: Path) -> None:
    from guidediff.serve.job import HOLD_ENV

    hold = tmp_path / "hold"
    hold.mkdir()
    (hold / "hold").touch()
    env = {"GUIDEDIFF_CACHE": str(tmp_path / "cache"), HOLD_ENV: str(hold)}
    with serving.running("--workers", "1", env=env) as s:
        out: list[serving.Reply] = []
        t = threading.Thread(target=lambda: out.append(serving.compare(s.url, {
            "old": OLD, "new": NEW})))
        t.start()
        faults.until(lambda: any(hold.glob("*.started")), "the held comparison started")
        with faults.idle_connections(s.port, guard.TOTAL + 20, "127.0.0.1"):
            (hold / "hold").unlink()
            t.join(120)
        assert out and out[0].status == 303, out


# ---------------------------------------------------------------- the server's own errors


@pytest.mark.parametrize("request_bytes,status", [
    (b"NONSENSE\r\n\r\n", b"400"),
    (b"POST /compare HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n\r\n", b"413"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 300_000 + b"\r\n\r\n", b"431"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", b"400"),
], ids=["malformed", "body too large", "headers too large", "bad chunk"])
def test_waitress_own_errors_carry_the_security_headers(
        server: serving.Server, request_bytes: bytes, status: bytes) -> None:
    r = faults.raw_exchange(server.port, request_bytes)
    assert r.split(b" ", 2)[1] == status, r[:300]
    h = faults.headers_of(r)
    assert "default-src 'none'" in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"


# ---------------------------------------------------------------- kept results


def _kept_files(server: serving.Server, cid: str) -> list[Path]:
    folder = Path(server.cache) / "serve" / cid  # type: ignore[attr-defined]
    return sorted(folder.iterdir())


CASES = [(f, d) for f in ("meta.json", "comparison.report.html", "comparison.table.docx",
                          "comparison.changes.json", "events.pickle")
         for d in faults.DAMAGES if d != "wrongly shaped" or f.endswith("json")]


@pytest.mark.parametrize("name,damage", CASES, ids=[f"{f}: {d}" for f, d in CASES])
def test_a_damaged_kept_result_is_computed_again(server: serving.Server, name: str,
                                                 damage: str) -> None:
    cid = _compare(server)
    files = {p.name: p for p in _kept_files(server, cid)}
    assert name in files, sorted(files)
    faults.DAMAGES[damage](files[name])
    for path in (f"/compare/{cid}/", f"/compare/{cid}/tracked.docx"):
        r = serving.request(server.url, "GET", path)
        assert r.status == 404, (path, r.status, r.text()[:300])  # as no longer kept, never 500
        assert "重新上传" in r.text()
    assert _compare(server) == cid  # computed again, whole
    assert serving.request(server.url, "GET", f"/compare/{cid}/").status == 200
    from guidediff.serve.results import open_kept

    kept = open_kept(files[name].parent)
    assert kept is not None
    kept.check()


def test_a_damaged_change_log_is_not_exported(server: serving.Server) -> None:
    cid = _compare(server)
    pickle_file = next(p for p in _kept_files(server, cid) if p.name == "events.pickle")
    faults.DAMAGES["one byte changed"](pickle_file)
    r = serving.request(server.url, "POST", f"/compare/{cid}/review/table.docx",
                        f"marks={quote('{}')}".encode(),
                        {"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 404 and "重新上传" in r.text()


def test_a_forged_change_log_runs_nothing(tmp_path: Path) -> None:
    """The kept change log is read back by an unpickler that builds guidediff's data types
    only: a pickle that would call a function is refused as damaged, and calls nothing."""
    import pickle

    from guidediff.serve.results import Damaged, load_events

    flag = tmp_path / "ran"

    class Evil:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (Path.touch, (flag,))

    with pytest.raises(Damaged):
        load_events(pickle.dumps(Evil()))
    with pytest.raises(Damaged):
        load_events(pickle.dumps(os.system))
    assert not flag.exists()


# ---------------------------------------------------------------- no server path


def test_no_message_shows_a_server_path(tmp_path: Path) -> None:
    """The folder where results are kept turned into a file while the server runs: the
    comparison fails with one line naming no folder of the server."""
    cache = tmp_path / "cache"
    with serving.running("--workers", "1", env={"GUIDEDIFF_CACHE": str(cache),
                                                 "TMPDIR": str(tmp_path)}) as s:
        results = cache / "serve"
        for p in results.iterdir():
            p.rmdir() if p.is_dir() else p.unlink()
        results.rmdir()
        results.write_text("not a folder")
        for query in ("", "?format=json", "?lang=en"):
            r = serving.compare(s.url, {"old": OLD, "new": NEW}, query)
            assert r.status == 500, r.text()[:300]
            assert faults.server_paths(r.text(), [str(tmp_path)]) == [], r.text()
            assert "Traceback" not in r.text()
        r = serving.compare(s.url, {"old": OLD, "new": NEW}, "?format=json")
        assert "内部错误" in json.loads(r.body)["error"]
