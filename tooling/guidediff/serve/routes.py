"""The routes of ``guidediff serve`` (a Flask Blueprint): the compare page, ``POST /compare``
(then to the comparison's own address, ``/compare/<id>/``), the files of a comparison, the
export of the reader's review marks, the corpus site, ``/healthz``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, redirect, request, send_from_directory
from werkzeug.exceptions import NotFound

from ..corpus.cache import key
from ..files import sha256_file
from ..render.review import MAX_NOTE, STATUSES, Mark
from . import job as jobs
from . import results
from .context import lang, lang_query, serving, wants_json, wants_log
from .pool import Busy, WorkerFailed
from .responses import Gone, check_page, failure, kept_file, page
from .texts import LABELS, t
from .uploads import LimitedFile, disk_name, safe_name

bp = Blueprint("guidediff", __name__)
_ID = re.compile(r"[0-9a-f]{32}")
_CHANGE_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_MARKS = 20_000


@bp.get("/healthz")
def healthz() -> Response:
    return Response("ok\n", content_type="text/plain; charset=utf-8")


@bp.get("/favicon.ico")
def favicon() -> Response:  # (browsers ask for it: no icon, and no error in their console)
    return Response(status=204, headers={"Cache-Control": "max-age=86400"})


@bp.get("/")
def index() -> Response:
    return page(200)


def _uploads(lg: str) -> list[jobs.Upload] | Response:
    out: list[jobs.Upload] = []
    for field, label in zip(("old", "new"), LABELS[lg], strict=True):
        storage = request.files.get(field)
        if storage is None or not isinstance(storage.stream, LimitedFile) or \
                (not storage.filename and storage.stream.size == 0):
            return failure(400, t("missing", lg).format(label))
        storage.stream.close()  # (an open file cannot be renamed on Windows)
        name = safe_name(storage.filename, disk_name(field, ""))
        path = Path(storage.stream.name)
        stored = path.with_name(disk_name(field, name))  # a name of ours, its known suffix
        path.rename(stored)
        out.append(jobs.Upload(label, name, str(stored)))
    return out


def _kept(folder: Path) -> results.Kept | None:
    """A kept comparison, whole; a damaged one is dropped (and so computed again)."""
    try:
        kept = results.open_kept(folder)
        if kept is not None:
            kept.check()
        return kept
    except results.Damaged:
        results.discard(folder)
        return None


def _run(fn: Any, job: Any) -> jobs.Result | Response:
    """``fn(job)`` in the pool, or the response that says why it could not run."""
    lg = lang()
    try:
        result: jobs.Result = serving().pool.run(fn, job)
    except Busy:
        response = failure(503, t("busy", lg))
        response.headers["Retry-After"] = "10"
        return response
    except WorkerFailed as e:
        return failure(500, t(e.reason, lg).format(f"{e.seconds:g}" if e.seconds else ""))
    if result.internal is not None:
        return failure(500, t("internal", lg).format(result.internal))
    if result.failed is not None:
        return failure(500, result.failed)
    if result.error is not None:
        return failure(400, result.error)
    return result


@bp.post("/compare")
def compare() -> Any:
    s, lg = serving(), lang()
    uploads = _uploads(lg)
    if isinstance(uploads, Response):
        return uploads
    old, new = uploads
    cid = key("serve", lg, sha256_file(old.path), sha256_file(new.path), old.name,
              new.name)[:32]
    out = s.results / cid
    kept = _kept(out)
    if kept is None:
        done = _run(jobs.compare, jobs.Job(cid, old, new, lg, str(out), s.cfg.max_bytes,
                                           str(s.cfg.cache) if s.cfg.cache else None))
        if isinstance(done, Response):
            return done
        kept = _kept(out)
        if kept is None:
            return failure(500, t("internal", lg).format("the result was not kept"))
    if wants_log():
        return kept_file(kept, "changes.json", attachment=False)
    location = f"/compare/{cid}/{lang_query()}"
    if wants_json():  # the page posted with fetch: it goes there itself
        return Response(json.dumps({"id": cid, "location": location}) + "\n",
                        content_type="application/json; charset=utf-8")
    return redirect(location, 303)  # so that a reload asks for the page, posting nothing


def _open(cid: str) -> results.Kept:
    if not _ID.fullmatch(cid):
        raise NotFound
    kept = _kept(serving().results / cid)
    if kept is None:
        raise Gone
    return kept


@bp.get("/compare/<cid>")
def comparison_root(cid: str) -> Any:
    return redirect(f"/compare/{cid}/{lang_query()}", 308)


@bp.get("/compare/<cid>/")
def comparison(cid: str) -> Response:
    return kept_file(_open(cid), "report.html", attachment=False)


@bp.get("/compare/<cid>/<name>")
def download(cid: str, name: str) -> Response:
    if name not in jobs.FILES:
        raise NotFound
    return kept_file(_open(cid), name, attachment=name != "report.html")


def marks_of(text: str) -> tuple[tuple[str, Mark], ...]:
    """The review marks the page posts (JSON: change id -> {status, note}); ValueError says
    what is wrong with them."""
    data = json.loads(text or "{}")
    if not isinstance(data, dict) or len(data) > MAX_MARKS:
        raise ValueError("not an object of at most 20,000 marks")
    out = []
    for cid, m in sorted(data.items()):
        if not _CHANGE_ID.fullmatch(cid) or not isinstance(m, dict):
            raise ValueError(f"a mark of an unknown shape ({cid[:40]!r})")
        status, note = m.get("status") or "", m.get("note") or ""
        if (status not in STATUSES and status != "") or not isinstance(note, str):
            raise ValueError(f"the mark of {cid} is not 已核对 / 有疑问 with a note")
        out.append((cid, Mark(status, _NOT_XML.sub("", note)[:MAX_NOTE])))
    return tuple(out)


@bp.post("/compare/<cid>/review/<name>")
def export(cid: str, name: str) -> Response:
    if name not in jobs.EXPORTS:
        raise NotFound
    kept = _open(cid)
    try:
        marks = marks_of(request.form.get("marks", ""))
    except ValueError as e:
        return failure(400, t("bad_marks", lang()).format(e))
    done = _run(jobs.export, jobs.Export(str(kept.folder), name, kept.lang, marks))
    if isinstance(done, Response):
        return done
    if done.gone or done.data is None:
        raise Gone
    tag = "核对意见" if kept.lang == "zh" else "review"
    return kept_file(kept, name, attachment=True, data=done.data,
                     download=f"{kept.stem}.{tag}.{name}")


# ---------------------------------------------------------------- the 校对 tab


@bp.get("/check")
def check_index() -> Response:
    return check_page(200)


def _check_folder(cid: str) -> Path:
    from .proofing import CHECKS

    return serving().results / CHECKS / cid


@bp.post("/check")
def check() -> Any:
    from .proofing import CheckJob, proofread_upload

    s, lg = serving(), lang()
    label = t("check_label", lg)
    storage = request.files.get("file")
    if storage is None or not isinstance(storage.stream, LimitedFile) or \
            (not storage.filename and storage.stream.size == 0):
        return failure(400, t("missing", lg).format(label))
    storage.stream.close()  # (an open file cannot be renamed on Windows)
    name = safe_name(storage.filename, disk_name("file", ""))
    path = Path(storage.stream.name)
    stored = path.with_name(disk_name("file", name))
    path.rename(stored)
    cid = key("serve-check", lg, sha256_file(stored), name)[:32]
    out = _check_folder(cid)
    out.parent.mkdir(exist_ok=True)
    if _kept(out) is None:
        done = _run(proofread_upload, CheckJob(cid, jobs.Upload(label, name, str(stored)), lg,
                                               str(out), s.cfg.max_bytes))
        if isinstance(done, Response):
            return done
        if _kept(out) is None:
            return failure(500, t("internal", lg).format("the result was not kept"))
    return redirect(f"/check/{cid}/{lang_query()}", 303)


def _open_check(cid: str) -> results.Kept:
    if not _ID.fullmatch(cid):
        raise NotFound
    kept = _kept(_check_folder(cid))
    if kept is None:
        raise Gone
    return kept


@bp.get("/check/<cid>/")
def check_result(cid: str) -> Response:
    return kept_file(_open_check(cid), "check.html", attachment=False)


@bp.get("/check/<cid>/<name>")
def check_download(cid: str, name: str) -> Response:
    from .proofing import FILES

    kept = _open_check(cid)
    if name not in FILES or f"{results.STEM}.{name}" not in kept.files:
        raise NotFound
    return kept_file(kept, name, attachment=True)


@bp.get("/corpus")
def corpus_root() -> Any:
    return redirect("/corpus/", 308)


@bp.get("/corpus/", defaults={"sub": ""})
@bp.get("/corpus/<path:sub>")
def corpus(sub: str) -> Response:
    s = serving()
    if s.cfg.site is None or not s.has_site:
        return failure(404, t("no_site", lang()))
    if not sub or sub.endswith("/"):
        sub += "index.html"  # a folder shows its page, never a listing
    if any(part.startswith(".") for part in sub.split("/")):
        raise NotFound
    # (an absolute folder: Flask reads a relative one from its own package)
    response = send_from_directory(s.cfg.site.resolve(), sub)  # refuses a path out of it
    response.headers["Cache-Control"] = "no-cache"
    return response
