"""Start the app on waitress (a production WSGI server, pure Python, the same on Windows and
Linux) with its worker pool, and stop both cleanly: no worker, upload or temporary result is
left behind."""

from __future__ import annotations

import ipaddress
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import replace

from .config import ServeConfig
from .uploads import FORM_OVERHEAD


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(cfg: ServeConfig, say: Callable[[str], None] = print) -> None:
    """Serve until interrupted (Ctrl+C)."""
    from waitress.server import create_server

    from .app import create_app
    from .pool import Pool

    temporary = None
    if cfg.results is None:
        temporary = tempfile.mkdtemp(prefix="guidediff-results-")
        cfg = replace(cfg, results=__import__("pathlib").Path(temporary))
    assert cfg.results is not None
    cfg.results.mkdir(parents=True, exist_ok=True)
    pool = Pool(cfg.workers, cfg.queue, cfg.timeout)
    app = create_app(cfg, pool)
    server = create_server(app, host=cfg.host, port=cfg.port, threads=cfg.threads,
                           max_request_body_size=2 * cfg.max_bytes + FORM_OVERHEAD,
                           ident="guidediff", clear_untrusted_proxy_headers=True)
    threading.Thread(target=pool.warm, daemon=True).start()
    port = getattr(server, "effective_port", cfg.port)
    host = f"[{cfg.host}]" if ":" in cfg.host else cfg.host
    say(f"guidediff serve: http://{host}:{port}/ ({cfg.workers} worker(s); Ctrl+C stops)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        pool.close()
        shutil.rmtree(app.extensions["guidediff"]["uploads"], ignore_errors=True)
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
