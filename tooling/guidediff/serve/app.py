"""The routes of ``guidediff serve`` (Flask): the compare page, ``POST /compare``, the downloads
of a comparison, the corpus site, ``/healthz``; every error a page (or JSON) of one line, never
a traceback; every response with a policy that forbids loading anything from elsewhere."""

from __future__ import annotations

import io
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from flask import Flask, Request, Response, g, redirect, request, send_file, send_from_directory
from werkzeug.exceptions import HTTPException, NotFound, RequestEntityTooLarge

from ..corpus.cache import key
from ..files import sha256_file
from ..render.i18n import pick
from . import job as jobs
from .config import ServeConfig
from .pool import Busy, Pool, WorkerFailed
from .uploads import FORM_OVERHEAD, LimitedFile, disk_name, safe_name

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_ID = re.compile(r"[0-9a-f]{32}")
LABELS = {"zh": ("原文", "修改后"), "en": ("old", "new")}

TEXT = {
    "title": ("申报指南比较", "Compare guidelines"),
    "intro": ("选择同一指南的两个版本（TXT、DOCX、PDF 或 HTML），比较后可下载修订版 Word、"
              "新旧对照表、变化说明、CSV 与 JSON。文件只在本机处理，比较后即删除。",
              "Choose two versions of a guideline (TXT, DOCX, PDF or HTML). The comparison "
              "gives a tracked-changes Word file, a comparison table, a change memo, CSV and "
              "JSON to download. Files are processed on this computer and deleted afterwards."),
    "old": ("原文（旧版本）", "Old version"),
    "new": ("修改后（新版本）", "New version"),
    "submit": ("比较", "Compare"),
    "working": ("正在比较，请稍候……", "Comparing, please wait…"),
    "corpus": ("语料库历史", "Corpus history"),
    "switch": ("English", "中文"),
    "error": ("无法比较", "Cannot compare"),
    "missing": ("请选择{}文件", "choose the {} file"),
    "busy": ("服务器正忙，请稍后重试", "the server is busy; please retry shortly"),
    "too_large": ("上传的文件超过 {} 字节的上限", "an upload is over the limit of {} bytes"),
    "no_site": ("尚无语料库网站：请先运行 guidediff build",
                "no corpus site yet: run guidediff build first"),
    "back": ("返回比较页", "Back to the compare page"),
}


def _t(name: str, lang: str) -> str:
    return pick(TEXT, name, lang)


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
    results = cfg.results
    uploads_root = tempfile.mkdtemp(prefix="guidediff-uploads-")  # private (mode 0700)
    app.extensions["guidediff"] = {"uploads": uploads_root, "pool": pool}
    env = environment()

    def lang() -> str:
        return "en" if request.args.get("lang") == "en" else "zh"

    def wants_json() -> bool:
        return request.args.get("format") == "json"

    def page(status: int, error: str | None = None) -> Response:
        lg = lang()
        html = env.get_template("serve_page.html.j2").render(
            lang=lg, T={k: _t(k, lg) for k in TEXT}, error=error,
            has_site=cfg.site is not None and (cfg.site / "index.html").is_file(),
            max_mb=f"{cfg.max_bytes / 2**20:.1f}".removesuffix(".0"))
        return Response(html, status, content_type="text/html; charset=utf-8")

    def failure(status: int, message: str) -> Response:
        if wants_json():
            return Response(json.dumps({"error": message}, ensure_ascii=False) + "\n", status,
                            content_type="application/json; charset=utf-8")
        if request.method == "POST" and request.path == "/compare":
            return page(status, message)
        html = env.get_template("serve_error.html.j2").render(
            lang=lang(), status=status, message=message, T={k: _t(k, lang()) for k in TEXT})
        return Response(html, status, content_type="text/html; charset=utf-8")

    @app.before_request
    def _begin() -> None:
        g.uploads_root = uploads_root
        g.config = cfg

    @app.teardown_request
    def _end(_: BaseException | None) -> None:
        for f in g.pop("upload_files", ()):
            f.close()  # (an open file cannot be removed on Windows)
        folder = g.pop("upload_dir", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.errorhandler(HTTPException)
    def _http(e: HTTPException) -> Response:
        if isinstance(e, RequestEntityTooLarge):
            return failure(413, _t("too_large", lang()).format(cfg.max_bytes))
        code = e.code or 500
        message = {404: ("没有这个页面", "no such page"),
                   405: ("不支持这种请求方式", "method not allowed")}.get(code)
        text = (message[0] if lang() == "zh" else message[1]) if message else e.name
        response = failure(code, text)
        allowed = getattr(e, "valid_methods", None)
        if code == 405 and allowed:
            response.headers["Allow"] = ", ".join(allowed)
        return response

    @app.errorhandler(Exception)
    def _bug(e: Exception) -> Response:  # one line, never a traceback
        from ..errors import internal_error

        app.logger.error("internal error", exc_info=e)
        return failure(500, internal_error(e))

    @app.get("/healthz")
    def healthz() -> Response:
        return Response("ok\n", content_type="text/plain; charset=utf-8")

    @app.get("/favicon.ico")
    def favicon() -> Response:  # (browsers ask for it: no icon, and no error in their console)
        return Response(status=204, headers={"Cache-Control": "max-age=86400"})

    @app.get("/")
    def index() -> Response:
        return page(200)

    @app.post("/compare")
    def compare() -> Response:
        lg = lang()
        uploads: list[jobs.Upload] = []
        for field, label in zip(("old", "new"), LABELS[lg], strict=True):
            storage = request.files.get(field)
            if storage is None or not isinstance(storage.stream, LimitedFile) or \
                    (not storage.filename and storage.stream.size == 0):
                return failure(400, _t("missing", lg).format(label))
            storage.stream.close()  # (an open file cannot be renamed on Windows)
            name = safe_name(storage.filename, disk_name(field, ""))
            path = Path(storage.stream.name)
            stored = path.with_name(disk_name(field, name))  # a name of ours, its known suffix
            path.rename(stored)
            uploads.append(jobs.Upload(label, name, str(stored)))
        old, new = uploads
        cid = key("serve", lg, sha256_file(old.path), sha256_file(new.path), old.name,
                  new.name)[:32]
        out = results / cid
        if not (out / jobs.META).is_file():
            job = jobs.Job(cid, old, new, lg, str(out), cfg.max_bytes,
                           str(cfg.cache) if cfg.cache else None)
            try:
                result = pool.run(jobs.compare, job)
            except Busy:
                response = failure(503, _t("busy", lg))
                response.headers["Retry-After"] = "10"
                return response
            except WorkerFailed as e:
                return failure(500, str(e))
            if result.error is not None:
                return failure(500 if result.internal else 400, result.error)
        name = "changes.json" if wants_json() else "report.html"
        return _file(out, name, attachment=False)

    @app.get("/compare/<cid>/<name>")
    def download(cid: str, name: str) -> Response:
        if not _ID.fullmatch(cid) or name not in jobs.FILES:
            raise NotFound
        out = results / cid
        if not (out / jobs.META).is_file():
            raise NotFound
        return _file(out, name, attachment=name != "report.html")

    @app.get("/corpus")
    def corpus_root() -> Any:
        return redirect("/corpus/", 308)

    @app.get("/corpus/", defaults={"sub": ""})
    @app.get("/corpus/<path:sub>")
    def corpus(sub: str) -> Response:
        if cfg.site is None or not (cfg.site / "index.html").is_file():
            return failure(404, _t("no_site", lang()))
        if not sub or sub.endswith("/"):
            sub += "index.html"  # a folder shows its page, never a listing
        if any(part.startswith(".") for part in sub.split("/")):
            raise NotFound
        # (an absolute folder: Flask reads a relative one from its own package)
        response = send_from_directory(cfg.site.resolve(), sub)  # refuses a path out of it
        response.headers["Cache-Control"] = "no-cache"
        return response

    return app


def _file(folder: Path, name: str, attachment: bool) -> Response:
    """A file of a comparison, named after the uploads (``old__new.tracked.docx``)."""
    try:
        meta = json.loads((folder / jobs.META).read_text(encoding="utf-8"))
        data = (folder / f"{jobs.STEM}.{name}").read_bytes()
    except OSError:  # (pruned meanwhile: as unknown)
        raise NotFound from None
    response = send_file(io.BytesIO(data), as_attachment=attachment,
                         download_name=f"{meta['stem']}.{name}", etag=False)
    response.headers["X-Guidediff-Comparison"] = folder.name
    return response
