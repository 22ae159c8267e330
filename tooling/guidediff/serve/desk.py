"""``guidediff-app``: the web app for a desk, started from a desktop shortcut. It starts the
server on this computer, opens the compare page in the default browser, and shows a small
window that says where the page is and how to stop it (停止, or closing the window); without a
display it says the same on its console and stops on Ctrl+C. Started again while it runs, it
opens the browser at the running one."""

from __future__ import annotations

import argparse
import http.client
import signal
import sys
import threading
import webbrowser
from collections.abc import Sequence

APP_PORT = 8765  # the desk's own port: a second start finds the first there
TITLE = "guidediff 申报指南比较"


def _running_at(port: int) -> bool:
    """A guidediff is already serving on this port (of this computer)."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", "/healthz")
        r = conn.getresponse()
        return r.status == 200 and r.getheader("Server", "").startswith("guidediff")
    except OSError:
        return False


def _service(port: int):  # type: ignore[no-untyped-def]
    from ..corpus.documents import user_cache_dir
    from .config import ServeConfig, default_workers
    from .server import Service

    cache = user_cache_dir()  # (off: comparisons kept for this run only)
    cfg = ServeConfig(port=port, workers=default_workers(),
                      results=cache / "serve" if cache else None, cache=cache)
    try:
        return Service(cfg)
    except OSError:  # the port is taken by another program: any free one
        from dataclasses import replace

        return Service(replace(cfg, port=0))


def _say(url: str, window: bool) -> str:
    how = "点击「停止」或关闭此窗口" if window else "按 Ctrl+C 或关闭此窗口"
    return (f"guidediff 正在本机运行，比较页：{url}\n要停止它：{how}。\n"
            f"(guidediff is running at {url}; to stop it: "
            f"{'click 停止 or close this window' if window else 'press Ctrl+C'}.)")


def _window(service, opened: bool):  # type: ignore[no-untyped-def]
    """The small window that says where the page is and stops the server; None without Tk or
    a display."""
    try:
        import tkinter as tk

        root = tk.Tk()
    except Exception:  # no Tk, or no display
        return None
    root.title(TITLE)
    root.resizable(False, False)
    text = _say(service.url, window=True)
    if not opened:
        text = f"请在浏览器中打开 {service.url}\n" + text
    tk.Label(root, text=text, justify="left", padx=16, pady=12, font=("", 11)).pack()
    row = tk.Frame(root, padx=16, pady=12)
    row.pack(fill="x")
    tk.Button(row, text="打开比较页", command=lambda: webbrowser.open(service.url)).pack(
        side="left")
    tk.Button(row, text="停止", command=root.destroy).pack(side="right")
    root.protocol("WM_DELETE_WINDOW", root.destroy)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="guidediff-app", description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=APP_PORT,
                    help=f"port on this computer (default {APP_PORT}; 0: any free one)")
    ap.add_argument("--no-window", action="store_true",
                    help="say it on the console and stop on Ctrl+C, without a window")
    a = ap.parse_args(argv)
    if a.port and _running_at(a.port):
        url = f"http://127.0.0.1:{a.port}/"
        webbrowser.open(url)
        print(f"guidediff 已在运行：{url}", file=sys.stderr)
        return 0
    service = _service(a.port)
    try:
        opened = webbrowser.open(service.url)
        root = None if a.no_window else _window(service, opened)
        if root is None:
            print(_say(service.url, window=False), file=sys.stderr, flush=True)
            signal.signal(signal.SIGTERM, lambda *_: service.stop())
            service.run()
            return 0
        print(_say(service.url, window=True), file=sys.stderr, flush=True)
        serving = threading.Thread(target=service.run, daemon=True)
        serving.start()
        signal.signal(signal.SIGTERM, lambda *_: root.after(0, root.destroy))
        _keep_signals(root)
        root.mainloop()
        service.stop()
        serving.join(30)
        return 0
    finally:
        service.close()


def _keep_signals(root) -> None:  # type: ignore[no-untyped-def]
    """Let Python see signals (Ctrl+C, SIGTERM) while Tk waits for events."""
    root.after(200, lambda: _keep_signals(root))


if __name__ == "__main__":
    sys.exit(main())
