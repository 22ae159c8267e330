"""Starting without a terminal: ``guidediff serve --open`` opens the default browser at the
page; ``guidediff-app`` (the GUI entry point a desktop shortcut starts) starts the server, opens
the browser, says how to stop it (a window under a display, its console without one), stops
cleanly, and a second start opens the running one. The browser is a script named by $BROWSER
(as Python's webbrowser honours it) that records the address it is asked to open."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support import faults, serving

from .conftest import RAW_2021, RAW_2022, require_tool


@pytest.fixture
def browser_log(tmp_path: Path) -> tuple[dict[str, str], Path]:
    log = tmp_path / "opened.txt"
    script = tmp_path / "browser.py"
    script.write_text(f"import sys\nopen({str(log)!r}, 'a').write(sys.argv[1] + '\\n')\n")
    return {"BROWSER": f"{sys.executable} {script} %s"}, log


def _opened(log: Path) -> list[str]:
    return log.read_text().split() if log.exists() else []


def test_serve_open_opens_the_default_browser(browser_log, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env, log = browser_log
    with serving.running("--open", "--workers", "1",
                         env={**env, "GUIDEDIFF_CACHE": str(tmp_path / "cache")}) as s:
        faults.until(lambda: _opened(log), "the browser was asked to open the page")
        assert _opened(log) == [s.url + "/"]


@contextmanager
def desk(*args: str, env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[str], str, str]]:
    """``guidediff-app ARGS`` in its own process: yields it, its address and what it said."""
    proc = subprocess.Popen([sys.executable, "-m", "guidediff.serve.desk", *args],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            env={**os.environ, **env})
    assert proc.stderr is not None
    said = ""
    try:
        deadline = time.monotonic() + 120
        while "http://" not in said or said.count("\n") < 3:
            line = proc.stderr.readline()
            assert line and time.monotonic() < deadline, f"guidediff-app said: {said!r}"
            said += line
            if "已在运行" in said:
                break
        url = "http://" + said.split("http://", 1)[1].split("/", 1)[0] + "/"
        yield proc, url, said
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def test_the_app_without_a_display_says_how_to_stop_it(browser_log, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env, log = browser_log
    env = {**env, "GUIDEDIFF_CACHE": str(tmp_path / "cache")}
    env.pop("DISPLAY", None)
    with desk("--port", "0", "--no-window", env={**env, "DISPLAY": ""}) as (proc, url, said):
        assert "要停止它：按 Ctrl+C" in said and "press Ctrl+C" in said
        faults.until(lambda: _opened(log), "the browser was asked to open the page")
        assert _opened(log) == [url]
        r = serving.compare(url.rstrip("/"), {"old": (RAW_2021.name, RAW_2021.read_bytes()),
                                              "new": (RAW_2022.name, RAW_2022.read_bytes())})
        assert r.status == 303
        workers = faults.workers(proc.pid)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(60) == 0
    assert all(faults.gone(pid) for pid in workers)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_second_start_opens_the_running_one(browser_log, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env, log = browser_log
    env = {**env, "GUIDEDIFF_CACHE": str(tmp_path / "cache"), "DISPLAY": ""}
    port = str(_free_port())
    with desk("--port", port, "--no-window", env=env) as (first, url, _):
        assert url == f"http://127.0.0.1:{port}/"
        again = subprocess.run([sys.executable, "-m", "guidediff.serve.desk", "--port", port,
                                "--no-window"], capture_output=True, text=True, timeout=60,
                               env={**os.environ, **env})
        assert again.returncode == 0 and "已在运行" in again.stderr
        faults.until(lambda: len(_opened(log)) == 2, "the browser opened twice")
        assert _opened(log) == [url, url]
        assert first.poll() is None  # the first goes on


@contextmanager
def xvfb() -> Iterator[str]:
    """A virtual display of our own (Xvfb picks its number and tells it)."""
    proc = subprocess.Popen([require_tool("Xvfb"), "-displayfd", "1", "-screen", "0",
                             "1024x768x24", "-nolisten", "tcp"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        number = proc.stdout.readline().strip()
        assert number.isdigit(), number
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(30)


def test_the_app_shows_a_window_that_stops_it(browser_log, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env, log = browser_log
    with xvfb() as display:
        env = {**env, "GUIDEDIFF_CACHE": str(tmp_path / "cache"), "DISPLAY": display}
        with desk("--port", "0", env=env) as (proc, url, said):
            assert "点击「停止」或关闭此窗口" in said
            xwininfo = require_tool("xwininfo")

            def windows() -> str:
                return subprocess.run([xwininfo, "-root", "-tree"], capture_output=True,
                                      text=True, env={**os.environ, "DISPLAY": display}).stdout

            faults.until(lambda: "guidediff 申报指南比较" in windows(), "the window is shown")
            assert serving.request(url.rstrip("/"), "GET", "/healthz").status == 200
            faults.until(lambda: _opened(log) == [url], "the browser was asked to open it")
            proc.send_signal(signal.SIGTERM)  # as the window's 停止 or its closing does
            assert proc.wait(60) == 0


def test_the_gui_entry_point_is_declared() -> None:
    from importlib.metadata import entry_points

    found = {e.name: e.value for e in entry_points(group="gui_scripts")}
    assert found.get("guidediff-app") == "guidediff.serve.desk:main"
