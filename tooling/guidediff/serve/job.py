"""What a worker process does: for a comparison, read both uploads, compare them, and keep the
whole report set (and the change log itself) in the comparison's folder, named by its hash, or
say in one line why not, naming the upload (原文 or 修改后) the reason is about; for an export,
render the 新旧对照表 or the CSV of a kept comparison with the reader's review marks."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..render import REPORT_FILES
from ..render.review import Mark
from . import results
from .reasons import CANNOT_KEEP, upload_reason, worded

# the files of a comparison, as ``guidediff report`` writes them (STEM.report.html…), under a
# stem of the server's own; a download names them after the uploads
FILES = frozenset(suffix for files in REPORT_FILES.values() for suffix, _ in files)
EXPORTS = {"table.docx": "table", "changes.csv": "csv"}  # the files with a 核对意见 column

# the links of the bar atop the report, in order: file, Chinese label, English label
DOWNLOADS = (
    ("tracked.docx", "修订版（Word 修订）", "Tracked changes (Word)"),
    ("table.docx", "新旧对照表", "Comparison table (Word)"),
    ("memo.docx", "变化说明（Word）", "Change memo (Word)"),
    ("memo.md", "变化说明（Markdown）", "Change memo (Markdown)"),
    ("changes.csv", "变化清单（CSV）", "Changes (CSV)"),
    ("changes.json", "变化日志（JSON）", "Change log (JSON)"),
)


@dataclass(frozen=True)
class Upload:
    label: str  # which upload: 原文 / 修改后 (old / new)
    name: str  # the client's file name, made safe: shown in reports, never used on disk
    path: str  # where the upload lies, under a name of the server's own


@dataclass(frozen=True)
class Job:
    id: str
    old: Upload
    new: Upload
    lang: str
    out: str  # the comparison's folder, written whole by the job (or not at all)
    max_bytes: int
    cache: str | None  # the user cache folder, for documents read before


@dataclass(frozen=True)
class Export:
    folder: str  # a kept comparison
    name: str  # table.docx | changes.csv
    lang: str
    marks: tuple[tuple[str, Mark], ...]  # (change id, the reader's mark)


@dataclass(frozen=True)
class Result:
    error: str | None = None  # the one-line reason: the request failed on its input (400)
    internal: str | None = None  # the reason is a bug: the exception's type (500)
    failed: str | None = None  # the server could not keep the result, in words (500)
    data: bytes | None = None  # an export's file
    gone: bool = False  # the kept comparison is damaged or no longer there


def _opener(upload: Upload, job: Job):  # type: ignore[no-untyped-def]
    """The upload's bytes, read when the comparison asks for them (under the client's name)."""
    from ..corpus.documents import Input
    from ..files import read_file

    return lambda: Input(Path(upload.name), read_file(upload.path, job.max_bytes))


HOLD_ENV = "GUIDEDIFF_TEST_HOLD"  # for the tests only: see ``_hold``


def _hold(job: Job) -> None:
    """For the tests only: with ``GUIDEDIFF_TEST_HOLD=DIR`` in the server's environment, a job
    writes ``DIR/<id>.started`` and then waits while ``DIR/hold`` exists, so that a test has a
    comparison that is slow by construction (not by the machine's speed)."""
    folder = os.environ.get(HOLD_ENV)
    if not folder:
        return
    import time

    hold = Path(folder)
    (hold / f"{job.id}.started").touch()
    while (hold / "hold").exists():
        time.sleep(0.05)


def compare(job: Job) -> Result:
    """Run in a worker: the report set of ``job`` in ``job.out``, or the reason why not."""
    from ..corpus.cache import Cache
    from ..corpus.comparison import DocumentError, Documents, compare_documents

    warnings: list[str] = []
    _hold(job)
    try:
        documents = Documents(Cache(Path(job.cache)) if job.cache else None)
        try:
            log = compare_documents(_opener(job.old, job), _opener(job.new, job), documents,
                                    warnings.append)
        except DocumentError as e:  # (its path is the upload's, or ours: name the upload)
            upload = job.old if e.side == "old" else job.new
            return Result(upload_reason(upload.label, upload.name, e.error.line,
                                        e.error.message, job.lang))
        _write(job, log, warnings)
        return Result()
    except Exception as e:  # a bug fails this request only, with its one line
        return _failed(e, job.lang)


def _failed(e: Exception, lang: str) -> Result:
    from ..errors import GuidediffError, failure_reason

    reason, internal = failure_reason(e)
    if internal:
        return Result(internal=type(e).__name__)
    if isinstance(e, GuidediffError):  # writing our own files failed: said without our path
        return Result(failed=worded(e.message, lang, lead=CANNOT_KEEP))
    return Result(worded(reason, lang))  # too large or too deep: the input's


def _write(job: Job, log, warnings: list[str]) -> None:  # type: ignore[no-untyped-def]
    from ..render import RenderOptions
    from ..render.review import Review
    from ..render.write import write_reports

    zh = job.lang == "zh"
    links = tuple((zh_label if zh else en_label, f"/compare/{job.id}/{name}")
                  for name, zh_label, en_label in DOWNLOADS)
    opts = RenderOptions(lang=job.lang, downloads=links,
                         review=Review(job.id, f"/compare/{job.id}/review/"))

    def make(folder: Path) -> None:
        write_reports(log, folder, results.STEM, opts=opts)
        (folder / results.EVENTS).write_bytes(results.dump_events(log))

    stem = f"{Path(job.old.name).stem}__{Path(job.new.name).stem}"
    results.keep(Path(job.out), stem, job.lang, make,
                 {"old": job.old.name, "new": job.new.name, "warnings": warnings})


def export(job: Export) -> Result:
    """Run in a worker: the 新旧对照表 or the CSV of a kept comparison, with a 核对意见 column
    holding the reader's marks, rendered from the change log the comparison kept (no re-diff)."""
    from ..render import FORMATS, RenderOptions

    try:
        kept = results.open_kept(Path(job.folder))
        if kept is None:
            return Result(gone=True)
        log = results.load_events(kept.read(results.EVENTS))
        opts = RenderOptions(lang=job.lang, marks=job.marks)
        return Result(data=FORMATS[EXPORTS[job.name]](log, opts))
    except results.Damaged:
        results.discard(Path(job.folder))
        return Result(gone=True)
    except Exception as e:  # a bug fails this request only
        return _failed(e, job.lang)
