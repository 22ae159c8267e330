"""What a worker process does for one comparison: read both uploads, compare them, and write
the whole report set into the comparison's folder (named by its hash), or say in one line why
not, naming the upload (原文 or 修改后) the reason is about."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..render import REPORT_FILES

# the files of a comparison, as ``guidediff report`` writes them (STEM.report.html…), under a
# stem of the server's own; a download names them after the uploads
STEM = "comparison"
FILES = frozenset(suffix for files in REPORT_FILES.values() for suffix, _ in files)
META = "meta.json"  # names for the downloads, the warnings: written last, read by the app
MAX_RESULTS = 500  # comparisons kept; past them the least recently made go, whole

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
class Result:
    error: str | None = None  # the one-line reason: the request failed on its input (400)
    internal: bool = False  # the reason is a bug (500)


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
    from ..errors import failure_reason

    warnings: list[str] = []
    _hold(job)
    try:
        documents = Documents(Cache(Path(job.cache)) if job.cache else None)
        try:
            log = compare_documents(_opener(job.old, job), _opener(job.new, job), documents,
                                    warnings.append)
        except DocumentError as e:
            return Result(f"{(job.old if e.side == 'old' else job.new).label}: {e}")
        _write(job, log, warnings)
        return Result()
    except Exception as e:  # a bug fails this request only, with its one line
        return Result(*failure_reason(e))


def _write(job: Job, log, warnings: list[str]) -> None:  # type: ignore[no-untyped-def]
    from ..render import RenderOptions
    from ..render.write import write_reports

    zh = job.lang == "zh"
    links = tuple((zh_label if zh else en_label, f"/compare/{job.id}/{name}")
                  for name, zh_label, en_label in DOWNLOADS)
    out = Path(job.out)
    tmp = Path(tempfile.mkdtemp(prefix=".making-", dir=out.parent))
    try:
        write_reports(log, tmp, STEM, opts=RenderOptions(lang=job.lang, downloads=links))
        stem = f"{Path(job.old.name).stem}__{Path(job.new.name).stem}"
        meta = {"stem": stem, "old": job.old.name, "new": job.new.name, "warnings": warnings}
        (tmp / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        try:
            os.replace(tmp, out)  # the folder appears whole
        except OSError:
            if not (out / META).is_file():  # (another request made it first: keep that one)
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    prune(out.parent, keep=out.name)


def prune(results: Path, keep: str, most: int = MAX_RESULTS) -> None:
    """Keep at most ``most`` comparisons (and ``keep``, just made): the oldest folders go whole
    (a download of one that went is a 404, as for an unknown id)."""
    try:
        found = sorted((e.stat().st_mtime_ns, e.name) for e in os.scandir(results)
                       if e.is_dir() and not e.name.startswith(".") and e.name != keep)
    except OSError:
        return
    for _, name in found[:max(0, len(found) + 1 - most)]:
        shutil.rmtree(results / name, ignore_errors=True)
