"""The web app of ``guidediff serve`` (Flask): the routes (``routes.py``, a Blueprint), the
hooks and error handlers (``handlers.py``), and what they share (``context.py``). Every error is
a page (or JSON) of one line, never a traceback; every response carries a policy that forbids
loading anything from elsewhere (``policy.py``)."""

from __future__ import annotations

import tempfile
from typing import Any

from flask import Flask, Request, g

from . import handlers
from .config import ServeConfig
from .context import Serving
from .pool import Pool
from .routes import bp
from .uploads import FORM_OVERHEAD, LimitedFile


class _Request(Request):
    """Uploads go to the request's private folder as they arrive, each refused past the
    per-file limit; the form holds a few parts, no more."""

    max_form_parts = 16
    max_form_memory_size = 1024 * 1024  # (bounds the parser's buffer too: over its reads)

    def _get_file_stream(self, total_content_length: int | None, content_type: str | None,
                         filename: str | None = None,
                         content_length: int | None = None) -> Any:
        if "upload_dir" not in g:
            g.upload_dir = tempfile.mkdtemp(prefix="request-", dir=g.uploads_root)
            g.upload_files = []
        f = LimitedFile(g.upload_dir, "upload", g.config.max_bytes)
        g.upload_files.append(f)  # closed at the end of the request, whatever happened
        return f


def create_app(cfg: ServeConfig, pool: Pool) -> Flask:
    """The app. ``pool`` runs the comparisons; ``cfg.results`` must exist."""
    from ..render.env import environment

    app = Flask("guidediff.serve", static_folder=None, template_folder=None)
    app.request_class = _Request
    app.config["MAX_CONTENT_LENGTH"] = 2 * cfg.max_bytes + FORM_OVERHEAD
    assert cfg.results is not None
    uploads = tempfile.mkdtemp(prefix="guidediff-uploads-")  # private (mode 0700)
    app.extensions["guidediff"] = Serving(cfg, pool, cfg.results, uploads, environment())
    handlers.register(app)
    app.register_blueprint(bp)
    return app
