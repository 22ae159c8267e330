"""The app's hooks and error handlers: each request's uploads closed and removed at its end,
the security headers on every response, and every error a page (or JSON) of one line in the
page's language, never a traceback."""

from __future__ import annotations

import shutil

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from .context import lang, serving
from .policy import SECURITY_HEADERS
from .responses import Gone, failure
from .texts import t

_MESSAGES = {404: "no_page", 405: "method"}


def _begin() -> None:
    s = serving()
    g.uploads_root = s.uploads
    g.config = s.cfg


def _end(_: BaseException | None) -> None:
    for f in g.pop("upload_files", ()):
        f.close()  # (an open file cannot be removed on Windows)
    folder = g.pop("upload_dir", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS:
        response.headers[name] = value
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def _http(e: HTTPException) -> Response:
    if isinstance(e, RequestEntityTooLarge):
        return failure(413, t("too_large", lang()).format(serving().cfg.max_bytes))
    code = e.code or 500
    gone = "check_gone" if request.path.startswith("/check/") else "gone"
    key = gone if isinstance(e, Gone) else _MESSAGES.get(code)
    response = failure(code, t(key, lang()) if key else (e.name or "error"))
    allowed = getattr(e, "valid_methods", None)
    if code == 405 and allowed:
        response.headers["Allow"] = ", ".join(allowed)
    return response


def _bug(e: Exception) -> Response:  # one line, never a traceback
    from flask import current_app

    current_app.logger.error("internal error", exc_info=e)
    return failure(500, t("internal", lang()).format(type(e).__name__))


def register(app: Flask) -> None:
    app.before_request(_begin)
    app.teardown_request(_end)
    app.after_request(_headers)
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(Exception, _bug)
