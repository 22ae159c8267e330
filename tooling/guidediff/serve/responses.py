"""The answers the app gives: its page, a failure (the page again with its reason, an error
page, or JSON), and a file of a kept comparison. No message names a folder of the server."""

from __future__ import annotations

import io
import json
import re

from flask import Response, request, send_file
from werkzeug.exceptions import NotFound

from .context import lang, lang_query, serving, wants_json
from .results import STEM, Damaged, Kept, discard
from .texts import texts

# an absolute path (POSIX or Windows) in a message: never shown as it is
_PATH = re.compile(r"(?<![\w.\-])(?:/(?:[^\s/'\":]+/)+[^\s/'\":]*|[A-Za-z]:\\[^\s'\"]+)")


class Gone(NotFound):
    """A comparison no longer kept (pruned, or dropped as damaged)."""


def scrub(message: str) -> str:
    """``message`` without any path of the server (its folders, or any absolute path)."""
    for folder in sorted(serving().private(), key=len, reverse=True):
        message = message.replace(folder, "…")
    return _PATH.sub("…", message)


def page(status: int, error: str | None = None) -> Response:
    s = serving()
    lg = lang()
    html = s.env.get_template("serve_page.html.j2").render(
        lang=lg, T=texts(lg), error=error, has_site=s.has_site, max_bytes=s.cfg.max_bytes,
        max_mb=f"{s.cfg.max_bytes / 2**20:.1f}".removesuffix(".0"), lang_query=lang_query())
    return Response(html, status, content_type="text/html; charset=utf-8")


def check_page(status: int, error: str | None = None) -> Response:
    """The 校对 tab: one upload, proofread."""
    s = serving()
    lg = lang()
    html = s.env.get_template("serve_check.html.j2").render(
        lang=lg, T=texts(lg), error=error, has_site=s.has_site, max_bytes=s.cfg.max_bytes,
        max_mb=f"{s.cfg.max_bytes / 2**20:.1f}".removesuffix(".0"), lang_query=lang_query())
    return Response(html, status, content_type="text/html; charset=utf-8")


def failure(status: int, message: str) -> Response:
    message = scrub(message)
    if wants_json():
        return Response(json.dumps({"error": message}, ensure_ascii=False) + "\n", status,
                        content_type="application/json; charset=utf-8")
    if request.method == "POST" and request.path == "/compare":
        return page(status, message)
    if request.method == "POST" and request.path == "/check":
        return check_page(status, message)
    html = serving().env.get_template("serve_error.html.j2").render(
        lang=lang(), status=status, message=message, T=texts(lang()), lang_query=lang_query())
    return Response(html, status, content_type="text/html; charset=utf-8")


def kept_file(kept: Kept, name: str, attachment: bool, data: bytes | None = None,
              download: str | None = None) -> Response:
    """A file of a comparison (``data``: made for this request), named after the uploads
    (``old__new.tracked.docx``)."""
    try:
        body = kept.read(f"{STEM}.{name}") if data is None else data
    except Damaged:  # (damaged since it was checked)
        discard(kept.folder)
        raise Gone from None
    response = send_file(io.BytesIO(body), as_attachment=attachment,
                         download_name=download or f"{kept.stem}.{name}", etag=False,
                         mimetype=_mimetype(name))
    response.headers["X-Guidediff-Comparison"] = kept.folder.name
    return response


def _mimetype(name: str) -> str | None:
    if name.endswith(".csv"):
        return "text/csv; charset=utf-8"
    if name.endswith(".md"):
        return "text/markdown; charset=utf-8"
    return None
