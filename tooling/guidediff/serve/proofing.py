"""The 校对 tab's work, in a worker: proofread one upload and keep its findings page, their
JSON and (for a DOCX) the commented copy in the check's folder, named by its hash, or say in
one line why not (naming the upload)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import results
from .job import Result, Upload, _failed
from .reasons import upload_reason

CHECKS = ".checks"  # under the results folder: the comparisons' pruning never sees it
FILES = {"check.html": "text/html", "check.json": "application/json",
         "check.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
DOWNLOADS = (("check.docx", "带批注的 Word 文件", "The Word file with comments"),
             ("check.json", "校对结果（JSON）", "Findings (JSON)"))


@dataclass(frozen=True)
class CheckJob:
    id: str
    upload: Upload
    lang: str
    out: str  # the check's folder, written whole (or not at all)
    max_bytes: int


def proofread_upload(job: CheckJob) -> Result:
    """Run in a worker: the check of ``job.upload`` in ``job.out``, or the reason why not."""
    from ..errors import GuidediffError
    from ..files import read_file
    from ..proofread import document_of, proofread
    from ..render.check import json_bytes
    from ..render.check_docx import commented
    from ..render.check_html import html_bytes

    up = job.upload
    try:
        try:
            data = read_file(up.path, job.max_bytes)
            doc = document_of(data, up.name)
        except GuidediffError as e:
            return Result(upload_reason(up.label, up.name, e.line, e.message, job.lang))
        r = proofread(doc)
        zh = job.lang == "zh"
        names = ("check.docx", "check.json") if doc.kind == "docx" else ("check.json",)
        links = tuple((zh_label if zh else en_label, f"/check/{job.id}/{name}")
                      for name, zh_label, en_label in DOWNLOADS if name in names)

        def make(folder: Path) -> None:
            (folder / f"{results.STEM}.check.html").write_bytes(html_bytes(r, job.lang, links))
            (folder / f"{results.STEM}.check.json").write_bytes(json_bytes(r, job.lang))
            if doc.kind == "docx":
                (folder / f"{results.STEM}.check.docx").write_bytes(
                    commented(data, r, job.lang))

        results.keep(Path(job.out), Path(up.name).stem, job.lang, make,
                     {"file": up.name, "warnings": list(doc.warnings)})
        return Result()
    except Exception as e:  # a bug fails this request only, with its one line
        return _failed(e, job.lang)
