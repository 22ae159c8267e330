"""What every route and error handler of a running app shares: its configuration, its pool,
where it keeps results and uploads, the page's language, and how the request wants its answer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from flask import current_app, request

from .config import ServeConfig
from .pool import Pool


@dataclass(frozen=True)
class Serving:
    cfg: ServeConfig
    pool: Pool
    results: Path  # the comparisons kept, one folder each
    uploads: str  # the private folder each request's uploads go to
    env: Any  # the Jinja2 environment

    @property
    def has_site(self) -> bool:
        return self.cfg.site is not None and (self.cfg.site / "index.html").is_file()

    def private(self) -> tuple[str, ...]:
        """The server's own folders, never to be named in a message."""
        found = [self.uploads, str(self.results)]
        if self.cfg.cache is not None:
            found.append(str(self.cfg.cache))
        if self.cfg.site is not None:
            found.append(str(self.cfg.site.resolve()))
        return tuple(found)


def serving() -> Serving:
    return cast(Serving, current_app.extensions["guidediff"])


def lang() -> str:
    return "en" if request.args.get("lang") == "en" else "zh"


def lang_query() -> str:
    """The query that keeps the page's language in a link (``?lang=en`` or nothing)."""
    return "?lang=en" if lang() == "en" else ""


def wants_json() -> bool:
    """An answer in JSON: ``?format=json`` (scripts) or a page that posts with fetch."""
    return request.args.get("format") == "json" or \
        request.accept_mimetypes.best == "application/json"


def wants_log() -> bool:
    """The change log itself (``POST /compare?format=json``), not the page."""
    return request.args.get("format") == "json"
