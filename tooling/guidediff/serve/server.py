"""Start the app on waitress (a production WSGI server, pure Python, the same on Windows and
Linux) behind bounds on connections (``guard.py``), with its worker pool, and stop both cleanly:
no worker, upload or temporary result is left behind."""

from __future__ import annotations

import contextlib
import ipaddress
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from .config import ServeConfig
from .uploads import FORM_OVERHEAD


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Service:
    """The server, listening once made (its address in ``url``); ``run`` serves until ``stop``
    (from any thread) or Ctrl+C; ``close`` removes what it made."""

    def __init__(self, cfg: ServeConfig) -> None:
        from .app import create_app
        from .guard import create_server
        from .pool import Pool

        self._temporary = None
        if cfg.results is None:
            self._temporary = tempfile.mkdtemp(prefix="guidediff-results-")
            cfg = replace(cfg, results=Path(self._temporary))
        assert cfg.results is not None
        cfg.results.mkdir(parents=True, exist_ok=True)
        self.cfg = cfg
        self.pool = Pool(cfg.workers, cfg.queue, cfg.timeout)
        self.app = create_app(cfg, self.pool)
        self.server: Any = create_server(
            self.app, host=cfg.host, port=cfg.port, threads=cfg.threads,
            max_request_body_size=2 * cfg.max_bytes + FORM_OVERHEAD, ident="guidediff",
            clear_untrusted_proxy_headers=True)
        port = getattr(self.server, "effective_port", cfg.port)
        host = f"[{cfg.host}]" if ":" in cfg.host else cfg.host
        self.url = f"http://{host}:{port}/"

    def run(self) -> None:
        threading.Thread(target=self.pool.warm, daemon=True).start()
        with contextlib.suppress(KeyboardInterrupt):
            self.server.run()

    def stop(self) -> None:
        """End ``run`` (called from another thread: the server's loop closes itself)."""
        from waitress import wasyncore

        sockets = self.server._map if hasattr(self.server, "_map") else self.server.map
        self.server.trigger.pull_trigger(lambda: wasyncore.close_all(sockets))

    def close(self) -> None:
        with contextlib.suppress(Exception):  # (already closed by stop)
            self.server.close()
        self.server.task_dispatcher.shutdown()
        self.pool.close()
        shutil.rmtree(self.app.extensions["guidediff"].uploads, ignore_errors=True)
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)


def serve(cfg: ServeConfig, say: Callable[[str], None] = print,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted (Ctrl+C); ``ready(url)`` once it listens (to open a browser)."""
    service = Service(cfg)
    say(f"guidediff serve: {service.url} ({cfg.workers} worker(s); Ctrl+C stops)")
    try:
        if ready is not None:
            ready(service.url)
        service.run()
    finally:
        service.close()
