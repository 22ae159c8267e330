"""A battery of bad inputs, each with the error a user must see. The tests run it case by case;
``tooling/scripts/battery.py`` runs it all and prints a summary (cases, errors as expected,
tracebacks)."""

from __future__ import annotations

import io
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import GuidediffError

Maker = Callable[[Path, Path], Path]  # (seed text, work dir) -> the bad file


@dataclass(frozen=True)
class Case:
    name: str
    make: Maker
    expect: str  # a substring of the error message
    max_bytes: int | None = None


@dataclass(frozen=True)
class Outcome:
    case: Case
    message: str  # the error, or "" when the input was accepted
    ok: bool  # the expected error was raised
    traceback: str = ""  # set when something other than a GuidediffError escaped


def _write(work: Path, name: str, data: bytes) -> Path:
    p = work / name
    p.write_bytes(data)
    return p


def _seed_lines(seed: Path) -> list[str]:
    return seed.read_text(encoding="utf-8").split("\n")


def _truncated(seed: Path, work: Path) -> Path:
    lines = _seed_lines(seed)
    last = max(i for i, ln in enumerate(lines) if ln.strip()[:1].isdigit() and "项目" in ln
               and ln.strip()[1:2] == ".")
    return _write(work, "truncated.txt", "\n".join(lines[:last + 4]).encode())


def _no_fields(seed: Path, work: Path) -> Path:
    text = ("二、领域和方向\n\n1.1 中国和甲国政府间合作项目\n\n1.2 中国和乙国政府间合作项目\n\n"
            "合作协议：《甲乙协定》。\n\n拟支持项目数：2个。\n\n共拟支持经费：100万元人民币。\n")
    return _write(work, "nofields.txt", text.encode())


def _duplicated(seed: Path, work: Path) -> Path:
    text = seed.read_text(encoding="utf-8")
    second = next(ln.strip() for ln in text.split("\n") if ln.strip().startswith("1.2"))
    return _write(work, "dup.txt", text.replace(second, "1.1" + second[3:]).encode())


def _docx_bomb(seed: Path, work: Path) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * (200 * 1024 * 1024) + b"/>")
    return _write(work, "bomb.docx", buf.getvalue())


def _corrupt_docx(seed: Path, work: Path) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:body><w:p>")
    return _write(work, "corrupt.docx", buf.getvalue())


def _truncated_docx(seed: Path, work: Path) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<document/>" * 1000)
    return _write(work, "cut.docx", buf.getvalue()[:300])


def _xxe(seed: Path, work: Path) -> Path:
    text = ('<?xml version="1.0"?>\n<!DOCTYPE guideline [<!ENTITY x SYSTEM '
            '"file:///etc/passwd">]>\n<guideline>&x;</guideline>\n')
    return _write(work, "xxe.xml", text.encode())


CASES: tuple[Case, ...] = (
    Case("empty", lambda s, w: _write(w, "empty.txt", b""), "file is empty"),
    Case("whitespace only", lambda s, w: _write(w, "blank.txt", b" \n\r\n\t\n"), "no text"),
    Case("binary", lambda s, w: _write(w, "bin.txt", bytes(range(256)) * 4), "binary"),
    Case("undecodable", lambda s, w: _write(w, "gbk.txt", "指南".encode() + b"\xff\xfe\xff"),
         "cannot be decoded"),
    Case("image", lambda s, w: _write(w, "scan.txt", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
         "PNG image"),
    Case("control characters", lambda s, w: _write(w, "ctl.txt", "1.1 项目\x1b[31m\n".encode()),
         "control characters"),
    Case("no directions", lambda s, w: _write(w, "memo.txt", "这是一份普通的通知。\n".encode()),
         "no numbered directions"),
    Case("truncated in a direction", _truncated, "truncated"),
    Case("direction with no fields", _no_fields, "has no fields"),
    Case("duplicated direction ids", _duplicated, "appears twice"),
    Case("over the size limit", lambda s, w: _write(w, "big.txt", s.read_bytes()),
         "over the limit", max_bytes=1000),
    Case("corrupt PDF", lambda s, w: _write(w, "bad.pdf", b"%PDF-1.7\n1 0 obj <<>>\n%%EOF"),
         "not a readable PDF"),
    Case("corrupt DOCX", _corrupt_docx, "not well-formed"),
    Case("truncated DOCX", _truncated_docx, "damaged"),
    Case("DOCX zip bomb", _docx_bomb, "ZIP bomb"),
    Case("XML with external entity", _xxe, "DTD"),
)


def run_case(case: Case, seed: Path, work: Path) -> Outcome:
    from ..normalize.pipeline import load
    from ..read.raw import DEFAULT_MAX_BYTES

    path = case.make(seed, work)
    try:
        load(path, case.max_bytes or DEFAULT_MAX_BYTES)
    except GuidediffError as e:
        return Outcome(case, str(e), case.expect in str(e) and str(path) in str(e))
    except Exception:  # the battery exists to catch exactly this
        return Outcome(case, "", False, traceback.format_exc())
    return Outcome(case, "", False)


def run_battery(seed: Path, work: Path) -> list[Outcome]:
    return [run_case(c, seed, work) for c in CASES]
