"""The battery: what a hostile or unlucky user can feed guidediff, each case run as a user runs
it (``python -m guidediff ...`` in a fresh process, with a time bound) and checked for what the
user must see.

A case that must fail checks: exit code 1, one ``Error: FILE: reason`` line on stderr holding
the expected reason, no traceback, no internal error, nothing written, and every input
unchanged (bytes and modification time). A case whose input is valid (a UTF-16 text without
BOM, a value too long to read) checks exit code 0 and, where it says, a warning or a property
of the output (no formula in a CSV cell, no raw HTML in the Markdown memo).

``tests/test_battery.py`` runs every case; ``tooling/scripts/battery.py`` prints a summary.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import faults as f
from . import hostile as h
from . import structures as st
from .runs import CannotMake, Run, Seeds
from .runs import put as _put

Check = Callable[[Path, str], str | None]  # (work dir, stderr) -> a problem, or None


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # the class of failure it belongs to
    setup: Callable[[Seeds, Path], Run]
    expect: str  # in the Error line (code 1), or in stderr (code 0; "" for nothing)
    code: int = 1
    check: Check | None = None
    one_line: bool = True  # a single input: stderr is exactly one Error line
    posix_only: bool = False  # FIFOs, devices, symlink loops, undecodable names
    timeout: float = 120.0  # seconds before the run counts as a hang


@dataclass(frozen=True)
class Result:
    case: Case
    code: int | None  # None: it did not end within the time bound
    stderr: str
    seconds: float
    problems: tuple[str, ...] = field(default=())
    impossible: str = ""  # why this system cannot make the case, if it cannot

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr


# ---------------------------------------------------------------- helpers


def _normalize(path: Path, work: Path, *extra: str) -> Run:
    out = work / "out"
    return Run(["normalize", str(path), "-o", str(out), *extra], watch=[path], absent=[out])


def _file(name: str, data: bytes | str | Callable[[Seeds], bytes | str], *extra: str
          ) -> Callable[[Seeds, Path], Run]:
    def setup(seeds: Seeds, work: Path) -> Run:
        content = data(seeds) if callable(data) else data
        return _normalize(_put(work, name, content), work, *extra)
    return setup


def _accepted(setup: Callable[[Seeds, Path], Run]) -> Callable[[Seeds, Path], Run]:
    """A valid input: its output is expected, only the input is watched."""
    def wrapped(seeds: Seeds, work: Path) -> Run:
        run = setup(seeds, work)
        return Run(run.args, run.watch, ())
    return wrapped


def _edited(anchor: str, payload: str, occurrence: int = 1) -> Callable[[Seeds], str]:
    return lambda s: h.insert_after(s.text(), anchor, payload, occurrence)


def _replaced(old: str, new: str) -> Callable[[Seeds], str]:
    return lambda s: s.text().replace(old, new, 1)


def _output_has(pattern: str, where: str = "out", present: bool = True) -> Check:
    """A check on the files written under ``where``: ``pattern`` is (or is not) in them."""
    def check(work: Path, stderr: str) -> str | None:
        texts = [p.read_bytes().decode("utf-8", "replace")
                 for p in sorted((work / where).rglob("*")) if p.is_file()]
        if not texts:
            return f"nothing was written under {where}/"
        found = any(pattern in t for t in texts)
        if found != present:
            return f"{pattern!r} {'not ' if present else ''}found in the output"
        return None
    return check


# ---------------------------------------------------------------- special files and paths


def _symlink_to(target: str, name: str) -> Callable[[Seeds, Path], Run]:
    def setup(seeds: Seeds, work: Path) -> Run:
        link = work / name
        os.symlink(target, link)
        return _normalize(link, work)
    return setup


def _fifo(seeds: Seeds, work: Path) -> Run:
    p = work / "pipe.txt"
    os.mkfifo(p)
    return _normalize(p, work)


def _loop(seeds: Seeds, work: Path) -> Run:
    os.symlink(work / "b.txt", work / "a.txt")
    os.symlink(work / "a.txt", work / "b.txt")
    return _normalize(work / "a.txt", work)


def _through_file(seeds: Seeds, work: Path) -> Run:
    _put(work, "plain.txt", seeds.text())
    return _normalize(work / "plain.txt" / "doc.txt", work)


def _long_name(seeds: Seeds, work: Path) -> Run:
    return _normalize(work / ("长" * 200 + ".txt"), work)


def _gbk_name(seeds: Seeds, work: Path) -> Run:
    name = "中文指南.txt".encode("gbk")  # unpacked from a Windows ZIP: not UTF-8
    path = work / os.fsdecode(name)
    path.write_bytes(seeds.new.read_bytes())
    out = work / "out"
    return Run(["normalize", os.fsdecode(name), "-o", str(out)], watch=[path])


def _directory(seeds: Seeds, work: Path) -> Run:
    (work / "folder.txt").mkdir()
    return _normalize(work / "folder.txt", work)


def _diff_digits(seeds: Seeds, work: Path) -> Run:
    new = _put(work, "new.txt", h.insert_after(seeds.text(), "其他要求：", "1" * _BIG_LETTERS))
    return Run(["diff", str(seeds.new), str(new), "-f", "json", "-o", str(work / "log.json")],
               watch=[new])


# ---------------------------------------------------------------- containers


_DOC = "word/document.xml"


def _docx(damage: Callable[[bytes], bytes]) -> Callable[[Seeds], bytes]:
    return lambda s: damage(h.docx_of_text(s.text()))


def _numbered_docx(fmt: str, text: str, start: str = "1", ilvl: str = "0", count: int = 3,
                   para_ilvl: str = "0") -> Callable[[Seeds], bytes]:
    """The 2022 text as a DOCX with ``count`` numbered requirements in 1.1's 其他要求."""
    def make(seeds: Seeds) -> bytes:
        lines = seeds.text().split("\n")
        at = next(k for k, ln in enumerate(lines) if ln.startswith("其他要求")) + 1
        paras = [h.paragraph_xml(ln) for ln in lines[:at]]
        paras += [h.paragraph_xml(f"第{k}项要求。", ("1", para_ilvl)) for k in range(1, count + 1)]
        paras += [h.paragraph_xml(ln) for ln in lines[at:]]
        return h.docx(paras, h.numbering_xml(fmt, text, start, ilvl))
    return make


# ---------------------------------------------------------------- outputs


def _self_overwrite(seeds: Seeds, work: Path) -> Run:
    d = work / "d"
    target = _put(d, "doc.xml", (seeds.corpus / "xml" / "2022-b1-final.xml").read_bytes())
    return Run(["normalize", "-o", str(d), str(target)], watch=[target])


def _same_names(seeds: Seeds, work: Path) -> Run:
    a = _put(work, "a/guide.txt", seeds.text())
    b = _put(work, "b/guide.txt", seeds.old.read_bytes())
    return Run(["normalize", str(a), str(b), "-o", str(work / "out")], watch=[a, b],
               absent=[work / "out"])


def _dir_in_the_way(seeds: Seeds, work: Path) -> Run:
    src = _put(work, "guide.txt", seeds.text())
    (work / "out" / "guide.xml").mkdir(parents=True)
    return Run(["normalize", str(src), "-o", str(work / "out")], watch=[src])


def _file_as_out_dir(seeds: Seeds, work: Path) -> Run:
    src = _put(work, "guide.txt", seeds.text())
    blocker = _put(work, "out", b"a file, not a folder")
    return Run(["normalize", str(src), "-o", str(blocker)], watch=[src, blocker])


def _diff_over_input(seeds: Seeds, work: Path) -> Run:
    old = _put(work, "old.txt", seeds.old.read_bytes())
    new = _put(work, "new.txt", seeds.new.read_bytes())
    return Run(["diff", str(old), str(new), "-f", "json", "-o", str(new)], watch=[old, new])


def _report_over_input(seeds: Seeds, work: Path) -> Run:
    old = _put(work, "old.txt", seeds.old.read_bytes())
    new = _put(work, "a.changes.json", seeds.new.read_bytes())
    return Run(["report", str(old), str(new), "-o", str(work), "--name", "a"],
               watch=[old, new], absent=[work / "a.report.html", work / "a.memo.md"])


def _report_set_blocked(seeds: Seeds, work: Path) -> Run:
    out = work / "out"
    (out / "x.memo.md").mkdir(parents=True)  # one file of the set cannot be written
    return Run(["report", str(seeds.old), str(seeds.new), "-o", str(out), "--name", "x"],
               absent=[out / "x.report.html", out / "x.changes.json", out / "x.table.docx"])


def _mount_tmpfs(where: Path, options: str) -> bool:
    """Mount a small tmpfs at ``where`` (root with the right to mount); False if not allowed."""
    if os.name != "posix" or not hasattr(os, "geteuid") or os.geteuid() != 0 \
            or shutil.which("mount") is None:
        return False
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                          capture_output=True, check=False)
    return done.returncode == 0


def _unmount(where: Path) -> Callable[[], None]:
    def cleanup() -> None:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)
    return cleanup


def _disk_full(seeds: Seeds, work: Path) -> Run:
    """A real full disk: a 256 KB tmpfs filled up where it can be mounted; elsewhere a file-size
    limit on the process (the kernel refuses the write either way)."""
    src = _put(work, "guide.txt", seeds.text())
    disk = work / "disk"
    if _mount_tmpfs(disk, "size=256k"):
        _put(disk, "filler", b"\0" * (256 * 1024 - 8192))
        return Run(["normalize", str(src), "-o", str(disk / "out")], watch=[src],
                   absent=[disk / "out" / "guide.xml"], cleanup=_unmount(disk))
    return Run(["normalize", str(src), "-o", str(disk / "out")], watch=[src],
               absent=[disk / "out" / "guide.xml"], file_size_limit=16384)


def _read_only(seeds: Seeds, work: Path) -> Run:
    """A real read-only folder: a read-only tmpfs (root), or a folder without write permission
    (any other user, for whom permissions apply)."""
    src = _put(work, "guide.txt", seeds.text())
    ro = work / "ro"
    if _mount_tmpfs(ro, "ro,size=64k"):
        return Run(["normalize", str(src), "-o", str(ro)], watch=[src], cleanup=_unmount(ro))
    if os.geteuid() == 0:
        raise CannotMake("a read-only folder needs a tmpfs mount or a user other than root")
    ro.mkdir()
    ro.chmod(0o555)
    return Run(["normalize", str(src), "-o", str(ro)], watch=[src], absent=[ro / "guide.xml"],
               cleanup=lambda: ro.chmod(0o755))


def _stale_temporary(seeds: Seeds, work: Path) -> Run:
    src = _put(work, "guide.txt", seeds.text())
    _put(work, "out/.guide.xml.999999999-dead.gdtmp", b"left by a killed run")
    return Run(["normalize", str(src), "-o", str(work / "out")], watch=[src])


def _no_stale(work: Path, stderr: str) -> str | None:
    left = [p.name for p in (work / "out").iterdir() if p.name.endswith(".gdtmp")]
    return f"temporary files left: {left}" if left else None


# ---------------------------------------------------------------- batches


def _batch(jobs: int) -> Callable[[Seeds, Path], Run]:
    def setup(seeds: Seeds, work: Path) -> Run:
        good = [_put(work, f"in/good{k}.txt", seeds.text()) for k in range(3)]
        bad = [_put(work, "in/empty.txt", b""), _put(work, "in/binary.txt", bytes(range(256)))]
        files = [good[0], bad[0], good[1], bad[1], good[2]]
        return Run(["normalize", *map(str, files), "-o", str(work / "out"), "-j", str(jobs)],
                   watch=files, absent=[work / "out" / "empty.xml", work / "out" / "binary.xml"])
    return setup


def _batch_went_on(work: Path, stderr: str) -> str | None:
    written = sorted(p.name for p in (work / "out").iterdir())
    if written != ["good0.xml", "good1.xml", "good2.xml"]:
        return f"the good files were not all written: {written}"
    if "2 of 5 files failed" not in stderr or stderr.count("empty.txt") < 2:
        return "the failures are not listed at the end"
    return None


# ---------------------------------------------------------------- manifests


def _corpus(edit: Callable[[str], str], prepare: Callable[[Path], None] | None = None,
            bad: str | None = None) -> Callable[[Seeds, Path], Run]:
    """A copy of the corpus with its manifest edited. A manifest that does not read writes
    nothing; one ``bad`` document fails alone: nothing of it is written (its XML, the
    comparison it is part of), the other is built."""

    def setup(seeds: Seeds, work: Path) -> Run:
        root = work / "corpus"
        (root / "raw").mkdir(parents=True)
        for p in (seeds.old, seeds.new):
            shutil.copy(p, root / "raw" / p.name)
        manifest = _put(root, "manifest.toml",
                        edit((seeds.corpus / "manifest.toml").read_text(encoding="utf-8")))
        if prepare is not None:
            prepare(root)
        reports = work / "reports"
        absent = [reports] if bad is None else [
            root / "xml" / f"{bad}.xml", reports / "2021-b1-draft__2022-b1-final.report.html"]
        return Run(["build", "--corpus", str(root), "--reports", str(reports)],
                   watch=[manifest, root / "raw" / seeds.old.name], absent=absent)
    return setup


def _swap(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return edit


def _source_is_directory(root: Path) -> None:
    (root / "raw" / "folder.txt").mkdir()


def _tampered(root: Path) -> None:
    p = root / "raw" / "2022-batch1-final.txt"
    p.write_bytes(p.read_bytes().replace("4500万元".encode(), "4600万元".encode(), 1))


# ---------------------------------------------------------------- injection


def _injected(old_text: str, new_text: str, formats: str) -> Callable[[Seeds, Path], Run]:
    """The 2021 → 2022 pair with ``new_text`` put in place of ``old_text`` in the 2022 text."""
    def setup(seeds: Seeds, work: Path) -> Run:
        new = _put(work, "new.txt", seeds.text().replace(old_text, new_text, 1))
        return Run(["report", str(seeds.old), str(new), "-o", str(work / "out"), "-f", formats,
                    "--name", "r"], watch=[new])
    return setup


def _csv_cells_safe(work: Path, stderr: str) -> str | None:
    import csv
    import io

    text = (work / "out" / "r.changes.csv").read_text(encoding="utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    risky = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    if risky:
        return f"cells a spreadsheet runs as formulas: {risky[:3]}"
    if not any(c.startswith("'=") or c.startswith("'+") or c.startswith("'@") for c in cells):
        return "the hostile value does not appear in the CSV at all"
    return None


def _markup_inert(work: Path, stderr: str) -> str | None:
    md = (work / "out" / "r.memo.md").read_text(encoding="utf-8")
    page = (work / "out" / "r.report.html").read_text(encoding="utf-8")
    if "<img" in md or "<img src=x" in page:
        return "raw <img> written into the Markdown memo or the HTML report"
    if "&lt;img" not in md:
        return "the hostile title does not appear (escaped) in the Markdown memo"
    return None


# ---------------------------------------------------------------- the cases

_T = "2022-batch1-final.txt"
_BIG_LETTERS = 200_000
_LINEAR = 60.0  # the bound on inputs that a quadratic pattern would take many minutes over
_BIG_PARAGRAPH = 10 * 1024 * 1024

CASES: tuple[Case, ...] = (
    # special files and paths
    Case("symlink to /dev/zero", "special files", _symlink_to("/dev/zero", "zero.txt"),
         "is a character device, not a regular file", posix_only=True),
    Case("FIFO", "special files", _fifo, "is a FIFO (named pipe), not a regular file",
         posix_only=True),
    Case("symlink loop", "special files", _loop, "is a symlink loop", posix_only=True),
    Case("dangling symlink", "special files", _symlink_to("/nonexistent/guide.txt", "gone.txt"),
         "no such file", posix_only=True),
    Case("path through a file", "special files", _through_file, "a part of its path is a file"),
    Case("name too long", "special files", _long_name, "name longer than the system allows"),
    Case("file name not UTF-8 (GBK)", "special files", _gbk_name, "", code=0, posix_only=True,
         check=_output_has("1.1")),
    Case("a directory", "special files", _directory, "is a directory, not a file"),
    Case("missing file", "special files", lambda s, w: _normalize(w / "none.txt", w),
         "no such file"),
    Case("over --max-bytes", "special files",
         _file("big.txt", lambda s: s.new.read_bytes(), "--max-bytes", "1000"),
         "over the limit of 1,000"),
    # encodings and misleading reasons
    Case("empty", "reasons", _file("empty.txt", b""), "file is empty"),
    Case("whitespace only", "reasons", _file("blank.txt", b" \n\r\n\t\n"), "only whitespace"),
    Case("binary", "reasons", _file("bin.txt", bytes(range(256)) * 4),
         "binary file (it contains zero bytes, and is not UTF-16 text)"),
    Case("UTF-16 LE without BOM", "reasons",
         _accepted(_file("u16.txt", lambda s: s.text().encode("utf-16-le"))), "", code=0),
    Case("UTF-16 BE without BOM", "reasons",
         _accepted(_file("u16be.txt", lambda s: s.text().encode("utf-16-be"))), "", code=0),
    Case("GB18030", "reasons",
         _accepted(_file("gb.txt", lambda s: s.text().encode("gb18030"))), "", code=0),
    Case("GB18030 with a bad byte", "reasons",
         _file("gbbad.txt", lambda s: (lambda b: b[:9000] + b"\xff\xff" + b[9000:])(
             s.text().encode("gb18030"))), "reads as GB18030 up to byte"),
    Case("UTF-8 with a bad byte", "reasons",
         _file("u8bad.txt", lambda s: s.text().encode()[:20000].rsplit(b"\n", 1)[0]
               + b"\n\xc3\x28\xa0\xa1" + s.text().encode()[20000:]), "reads as UTF-8 up to byte"),
    Case("UTF-16 BOM, odd length", "reasons",
         _file("odd16.txt", lambda s: "\ufeff指南".encode("utf-16-le") + b"\x00"),
         "UTF-16 byte-order mark but byte"),
    Case("control character", "reasons", _file("ctl.txt", "1.1 项目\x1b[31m\n"),
         "control character U+001B"),
    Case("PNG image", "reasons", _file("scan.txt", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
         "is a PNG image"),
    Case("old Office or encrypted", "reasons",
         _file("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504),
         "password-protected Office file"),
    Case("no directions", "reasons", _file("memo.txt", "这是一份普通的通知。\n"),
         "no numbered directions"),
    Case("truncated in a direction", "reasons",
         _file("cut.txt", lambda s: s.text()[:s.text().index("拟支持项目数：不超过 3个")]),
         "truncated"),
    Case("direction with no fields", "reasons",
         _file("nofields.txt", "二、领域和方向\n\n1.1 中国和甲国政府间合作项目\n\n"
               "1.2 中国和乙国政府间合作项目\n\n合作协议：《甲乙协定》。\n\n拟支持项目数：2个。\n\n"
               "共拟支持经费：100万元人民币。\n"), "has no fields"),
    # a number printed twice is a drafting slip (issue 25, class 9): read on, warned, told apart
    Case("duplicated direction number (text)", "structure",
         _accepted(_file("dup.txt", _replaced("1.2中国和法国", "1.1中国和法国"))),
         "direction 1.1 appears twice", code=0, one_line=False,
         check=_output_has('id="1.1（第二处）"')),
    Case("duplicated direction number, diff", "structure",
         lambda s, w: Run(["diff", str(s.old), str(_put(w, "dup.txt", s.text().replace(
             "2.4中国和乌兹别克斯坦", "2.3中国和乌兹别克斯坦", 1))), "-f", "json", "-o", str(w / "out" / "d.json")],
             watch=[w / "dup.txt"]),
         "direction 2.3 appears twice", code=0, one_line=False,
         check=_output_has("2.3（第二处）")),
    Case("duplicated direction number, three times", "structure",
         _accepted(_file("dup3.txt", lambda s: s.text().replace("1.2中国和法国", "1.1中国和法国", 1)
                         .replace(" 1.3中国和奥地利", " 1.1中国和奥地利", 1))),
         "direction 1.1 appears twice", code=0, one_line=False,
         check=_output_has('id="1.1（第三处）"')),
    Case("duplicated direction ids (XML)", "reasons",
         lambda s, w: Run(["show", str(_put(w, "dup.xml", (
             s.corpus / "xml" / "2022-b1-final.xml").read_text(encoding="utf-8").replace(
             'id="1.2"', 'id="1.1"', 1)))]), "appears twice"),
    Case("HTML nested 300 deep", "reasons",
         _file("deep.html", lambda s: h.nested_html(s.text(), 300)),
         "nested more than 256 elements deep"),
    Case("HTML with no text", "reasons",
         _file("empty.html", b"<!DOCTYPE html><html><body><div></div></body></html>"),
         "HTML page with no text"),
    Case("XML with an external entity", "reasons",
         lambda s, w: Run(["show", str(_put(w, "xxe.xml", h.external_entity()))]), "DTD"),
    Case("XML billion laughs", "reasons",
         lambda s, w: Run(["show", str(_put(w, "laughs.xml", h.billion_laughs()))]), "DTD"),
    Case("CR line ends", "reasons",
         _accepted(_file("cr.txt", lambda s: s.text().replace("\n", "\r"))), "", code=0),
    # values beyond range
    Case("budget of 29 digits", "values",
         _accepted(_file("budget.txt", _replaced("4500万元", "1" * 29 + "万元"))),
         "a number of 29 digits before 万元 is out of range and was kept as text", code=0,
         check=_output_has("1" * 29)),
    Case("count of 4,301 digits", "values",
         _accepted(_file("count.txt", _replaced("不超过 15 个", "不超过 " + "9" * 4301 + " 个"))),
         "a number of 4301 digits before 个 is out of range", code=0),
    Case("huge value with --strict", "values",
         _file("strict.txt", _replaced("4500万元", "1" * 29 + "万元"), "--strict"),
         "warning(s) and --strict", one_line=False),
    Case("form feed inside a line", "values",
         _accepted(_file("ff.txt", _replaced("不超过 15 个", "不超过\f15 个"))), "", code=0,
         check=_output_has('max="15"')),
    Case("200k letters without @", "values",
         _accepted(_file("letters.txt", _edited("其他要求：", "a" * _BIG_LETTERS))), "", code=0,
         timeout=_LINEAR),
    Case("long run of digits and spaces", "values",
         _accepted(_file("digits.txt", _edited("其他要求：", "1 2" * 70_000))), "", code=0,
         timeout=_LINEAR),
    Case("50k contact labels", "values",
         _accepted(_file("contacts.txt", _edited("其他要求：", "联系人：" * 50_000))), "", code=0,
         timeout=_LINEAR),
    Case("diff: 200k digits in a requirement", "values", _diff_digits, "", code=0,
         timeout=_LINEAR),
    Case("10 MB paragraph", "values",
         _accepted(_file("huge.txt", _edited("其他要求：", "合作" * (_BIG_PARAGRAPH // 6)))),
         "", code=0, timeout=_LINEAR),
    # damaged containers
    Case("DOCX: bad CRC", "containers",
         _file("crc.docx", _docx(lambda d: h.patch_member(d, _DOC, crc=h.member_crc(d, _DOC) ^ 1))),
         "word/document.xml fails its checksum"),
    Case("DOCX: corrupt compressed data", "containers",
         _file("zlib.docx", _docx(lambda d: h.corrupt_member_data(d, _DOC))),
         "is a damaged DOCX: its part word/document.xml"),
    Case("DOCX: encrypted part", "containers",
         _file("enc.docx", _docx(lambda d: h.patch_member(d, _DOC, flags=1))),
         "is encrypted (password-protected)"),
    Case("DOCX: unknown compression method", "containers",
         _file("m99.docx", _docx(lambda d: h.patch_member(d, _DOC, method=99))),
         "compression method 99, which DOCX does not use"),
    Case("DOCX: size smaller than the data", "containers",
         _file("lie.docx", _docx(lambda d: h.patch_member(d, _DOC, file_size=100))),
         "is a damaged DOCX: its part word/document.xml"),
    Case("DOCX: size far larger than the data", "containers",
         _file("lie2.docx", _docx(lambda d: h.patch_member(d, _DOC, file_size=500_000_000))),
         "states that it inflates to 500,000,000 bytes"),
    Case("DOCX: cut in half", "containers",
         _file("cut.docx", _docx(lambda d: d[:len(d) // 2])), "not a readable ZIP archive"),
    Case("DOCX: document.xml not well-formed", "containers",
         _file("bad.docx", lambda s: h.docx(["<w:p><w:r><w:t>1.1</w:t>"])),
         "not well-formed"),
    Case("DOCX: ZIP bomb", "containers", _file("bomb.docx", lambda s: h.zip_bomb()),
         "a ZIP bomb"),
    Case("ZIP that is not a DOCX", "containers",
         _file("archive.docx", lambda s: h.docx_of_text("x").replace(b"word/document.xml",
                                                                        b"word/documenX.xml")),
         "ZIP archive, not a DOCX"),
    Case("DOCX: w:ilvl of abc", "containers",
         _accepted(_file("ilvl.docx", _numbered_docx("decimal", "%1.", para_ilvl="abc"))), "",
         code=0, check=_output_has("第1项要求")),
    Case("DOCX: w:start of two billion", "containers",
         _accepted(_file("start.docx", _numbered_docx("decimal", "(%1)", start="2000000000"))),
         "", code=0, check=_output_has("2000000000", present=False)),
    Case("DOCX: Chinese counting past 109", "containers",
         _accepted(_file("cn.docx", _numbered_docx("chineseCounting", "%1、", count=112))), "",
         code=0, check=_output_has("一百一十二、")),
    Case("DOCX: no Chinese counting like 十十", "containers",
         _accepted(_file("cn2.docx", _numbered_docx("chineseCounting", "%1、", count=112))), "",
         code=0, check=_output_has("十十", present=False)),
    Case("PDF: corrupt", "containers",
         _file("bad.pdf", b"%PDF-1.7\n1 0 obj <<>>\n%%EOF"), "not a readable PDF"),
    Case("PDF: cut in half", "containers",
         _file("cut.pdf", lambda s: (lambda p: p[:len(p) // 2])(h.pdf(["1.1 a", "b"]))),
         "not a readable PDF"),
    Case("PDF: no text layer", "containers", _file("scan.pdf", lambda s: h.pdf_without_text()),
         "without a text layer"),
    # outputs that collide
    Case("output overwrites its input", "outputs", _self_overwrite,
         "is one of the inputs and would overwrite it"),
    Case("two inputs, one output name", "outputs", _same_names, "would both write"),
    Case("directory where the output goes", "outputs", _dir_in_the_way,
         "a directory stands where this file goes"),
    Case("output folder is a file", "outputs", _file_as_out_dir, "cannot create its folder"),
    Case("diff -o onto an input", "outputs", _diff_over_input, "is an input of this run"),
    Case("report onto an input", "outputs", _report_over_input, "is an input of this run"),
    Case("report set blocked midway", "outputs", _report_set_blocked,
         "a directory stands where this file goes"),
    Case("disk full", "outputs", _disk_full, "cannot be written: the", posix_only=True),
    Case("read-only folder", "outputs", _read_only, "cannot be written", posix_only=True),
    Case("stale temporary of a killed run", "outputs", _stale_temporary, "", code=0,
         check=_no_stale),
    # batches
    Case("batch goes on past bad files", "batches", _batch(1), "file is empty", one_line=False,
         check=_batch_went_on),
    Case("batch in 2 processes goes on", "batches", _batch(2), "file is empty",
         one_line=False, check=_batch_went_on),
    # manifests
    Case("manifest: year of abc", "manifests", _corpus(_swap("year = 2021", 'year = "abc"')),
         "document 1 (2021-b1-draft): year: must be a whole number, not 'abc'"),
    Case("manifest: year 10000", "manifests", _corpus(_swap("year = 2021", "year = 10000")),
         "year: must be from 1900 to 2200, not 10000"),
    Case("manifest: comparison without new", "manifests",
         _corpus(_swap('new = "2022-b1-final"', "")), "comparison 1: new: is missing"),
    Case("manifest: id with a space", "manifests",
         _corpus(_swap('id = "2021-b1-draft"', 'id = "2021 b1"')), "id: must be letters"),
    Case("manifest: id with a slash", "manifests",
         _corpus(_swap('id = "2021-b1-draft"', 'id = "../2021"')), "id: must be letters"),
    Case("manifest: unknown key", "manifests",
         _corpus(_swap("batch = 1", "batch = 1\nyaer = 2021")), "yaer: is not a key"),
    Case("manifest: source outside the corpus", "manifests",
         _corpus(_swap('"raw/2021-batch1-draft.txt"', '"../../etc/passwd"')),
         "source: must be a path inside the corpus"),
    Case("manifest: not TOML", "manifests", _corpus(_swap("[[document]]", "[[document")),
         "is not valid TOML"),
    Case("manifest: source is a directory", "manifests",
         _corpus(_swap('"raw/2021-batch1-draft.txt"', '"raw/folder.txt"'), _source_is_directory,
                 bad="2021-b1-draft"),
         "is a directory, not a file", one_line=False),
    Case("manifest: sha256 mismatch", "manifests",
         _corpus(lambda t: t, _tampered, bad="2022-b1-final"),
         "sha256 is", one_line=False),
    Case("manifest: missing", "manifests",
         lambda s, w: Run(["build", "--corpus", str(w / "nothing"), "--reports",
                           str(w / "reports")], absent=[w / "reports"]),
         "no such file (run from the project folder or pass --corpus)"),
    # injection into files people open
    Case("CSV: contact name starting with =", "injection",
         _injected("Mr. Carlos Quintana", '=HYPERLINK("http://evil.example","x")', "csv"), "",
         code=0, check=_csv_cells_safe),
    Case("CSV: contact name starting with @ or +", "injection",
         _injected("Mr. Carlos Quintana", "@SUM(1+1)", "csv"), "", code=0,
         check=_csv_cells_safe),
    Case("Markdown and HTML: <img onerror> in a title", "injection",
         _injected("1.2中国和法国联合实验室合作项目",
                   "1.2中国和法国<img src=x onerror=alert(1)>联合实验室合作项目", "memo,html"), "",
         code=0, check=_markup_inert),
)

# ---------------------------------------------------------------- the cases of issue #25

_CHR, _FIFO, _LNK = stat.S_ISCHR, stat.S_ISFIFO, stat.S_ISLNK
_UNCHANGED = f.unchanged_values
_MONEY = "共拟支持经费：4500万元人民币。"
_COUNT = "拟支持项目数：不超过 15 个。"
_DIRS = "拟设立 17 个"
_CACHE_KINDS = (("output",), ("meta",), ("xml", "meta"))


def _made(name: str, kind: str, made: tuple[Callable[[Seeds, Path], Run], Check],
          expect: str = "", **kw: Any) -> Case:
    """A case whose maker gives its setup and its check together."""
    setup, check = made
    return Case(name, kind, setup, expect, check=check, code=kw.pop("code", 0), **kw)

CASES += (
    # 1. outputs onto what is not a regular file, or onto a file the run read
    Case("-o a null device node", "outputs", f.device(3), "", code=0, posix_only=True,
         check=f.still_in("dev-node", _CHR, "a character device")),
    Case("-o a full device node", "outputs", f.device(7), "cannot be written: the disk is full",
         posix_only=True, check=f.still_in("dev-node", _CHR, "a character device")),
    Case("-o a block device node", "outputs", f.block_device, "is a block device",
         posix_only=True),
    Case("-o a FIFO nothing reads", "outputs", f.fifo_without_reader,
         "a named pipe (FIFO) that nothing reads from", posix_only=True, timeout=30,
         check=f.still_in("pipe", _FIFO, "a FIFO")),
    Case("-o a FIFO with a reader", "outputs", f.fifo_with_reader, "", code=0,
         posix_only=True, timeout=30,
         check=f._both(f.got_the_log, f.still_in("pipe", _FIFO, "a FIFO"))),
    Case("report set onto a FIFO", "outputs", f.report_set_onto_fifo,
         "a set of files is written as regular files only", posix_only=True, timeout=30,
         check=f.still_in("out/x.report.html", _FIFO, "a FIFO")),
    Case("normalize into a device node", "outputs", f.normalize_into_device, "", code=0,
         posix_only=True, check=f.still_in("out/guide.xml", _CHR, "a character device")),
    Case("-o a symlink to a file", "outputs", f.through_symlink, "", code=0, posix_only=True,
         check=f._both(f.output_behind_link, f.still_in("link.json", _LNK, "a symlink",
                                                         link=True))),
    Case("-o a symlink to a device node", "outputs", f.link_to_own_device, "", code=0,
         posix_only=True, check=f._both(f.still_in("dev-node", _CHR, "a character device"),
                                        f.still_in("null-link", _LNK, "a symlink", link=True))),
    Case("diff by ids -o the raw file", "outputs", f.onto_corpus_raw("diff"),
         "is an input of this run"),
    Case("history -o a raw file", "outputs", f.onto_corpus_raw("history"),
         "is an input of this run"),
    Case("diff by ids -o the manifest", "outputs", f.onto_manifest, "is an input of this run"),
    Case("report by ids onto a hard link to a raw file", "outputs", f.report_onto_linked_raw,
         "is an input of this run", posix_only=True),
    Case("diff -o a hard link to an input", "outputs", f.onto_input_by("hard"),
         "is an input of this run", posix_only=True),
    Case("diff -o a symlink to an input", "outputs", f.onto_input_by("soft"),
         "is an input of this run", posix_only=True),
    # 2. a report set replaced whole or not at all
    Case("report set: a file cannot be replaced", "report sets",
         f.set_with_immutable("x.changes.json"), "cannot be written: permission denied",
         posix_only=True),
    Case("report set: the last file cannot be replaced", "report sets",
         f.set_with_immutable("x.summary.txt"), "cannot be written: permission denied",
         posix_only=True),
    Case("report set: the first file cannot be replaced", "report sets",
         f.set_with_immutable("x.report.html"), "cannot be written: permission denied",
         posix_only=True),
    Case("report set: a directory in the old set", "report sets", f.set_with_directory,
         "a directory stands where this file goes"),
    # 3. numbers exactly or not at all
    *(Case(f"number: {name} inside a budget", "numbers",
           f.edited_pair(_MONEY, f"共拟支持经费：45{ch}00万元人民币。"), "", code=0,
           check=_UNCHANGED)
      for name, ch in (("zero-width space", "\u200b"), ("zero-width non-joiner", "\u200c"),
                       ("word joiner", "\u2060"), ("BOM", "\ufeff"), ("soft hyphen", "\u00ad"),
                       ("left-to-right mark", "\u200e"))),
    *(Case(f"number: {name} inside a count", "numbers",
           f.edited_pair(_COUNT, f"拟支持项目数：不超过 1{ch}5 个。"), "", code=0,
           check=_UNCHANGED)
      for name, ch in (("zero-width space", "\u200b"), ("word joiner", "\u2060"))),
    Case("number: zero-width space in the stated directions", "numbers",
         f.edited_pair(_DIRS, "拟设立 1\u200b7 个"), "", code=0, check=_UNCHANGED),
    Case("number: zero-width space before the unit", "numbers",
         f.edited_pair(_MONEY, "共拟支持经费：4500\u200b万\u200b元人民币。"), "", code=0,
         check=_UNCHANGED),
    *(Case(f"number: {name} as thousands separator", "numbers",
           f.edited_pair(_MONEY, f"共拟支持经费：4{sep}500万元人民币。"), "", code=0,
           check=_UNCHANGED)
      for name, sep in (("full-width comma", "，"), ("comma", ","), ("thin space", "\u2009"),
                        ("no-break space", "\u00a0"), ("ideographic space", "\u3000"),
                        ("narrow no-break space", "\u202f"))),
    Case("number: full-width digits", "numbers",
         f.edited_pair(_MONEY, "共拟支持经费：４５００万元人民币。"), "", code=0,
         check=_UNCHANGED),
    *(Case(f"number: {name} inside a budget, not thousands", "numbers",
           f.edited_pair(_MONEY, f"共拟支持经费：45{sep}00万元人民币。"),
           "cannot be read with certainty", code=0, check=f.kept_as_text(99))
      for name, sep in (("no-break space", "\u00a0"), ("space", " "), ("full-width comma", "，"),
                        ("ideographic space", "\u3000"), ("underscore", "_"))),
    Case("number: two decimal points", "numbers",
         f.edited_pair(_MONEY, "共拟支持经费：4.5.00万元人民币。"),
         "cannot be read with certainty", code=0, check=f.kept_as_text(99)),
    Case("number: no-break space inside a count", "numbers",
         f.edited_pair(_COUNT, "拟支持项目数：不超过 1\u00a05 个。"),
         "cannot be read with certainty", code=0, check=f.kept_as_text(97)),
    *(Case(f"number: a range of amounts ({printed})", "numbers",
           f.edited_pair(_MONEY, f"共拟支持经费：{printed}人民币。"), "is a range of amounts",
           code=0, check=f.kept_as_text(99))
      for printed in ("1000-4500万元", "1000万元至4500万元", "1000～4500万元")),
    *(Case(f"number: an amount in {unit} ({printed})", "numbers",
           f.edited_pair(_MONEY, f"共拟支持经费：{printed}人民币。"), "", code=0,
           check=_UNCHANGED)
      for unit, printed in (("元", "45000000元"), ("亿元", "0.45亿元"), ("千万元", "4.5千万元"),
                            ("元, grouped", "45,000,000元"), ("千元", "45000千元"))),
    Case("number: 美元 kept with its currency", "numbers",
         f.edited_pair(_MONEY, "共拟支持经费：4500万美元。"), "", code=0,
         check=f.foreign_kept("USD", None, 4500)),
    Case("number: 欧元 never summed with 万元", "numbers",
         f.edited_pair(_MONEY, "共拟支持经费：4500万元人民币，外方500万欧元。"), "", code=0,
         check=f.foreign_kept("EUR", 4500, 500)),
    Case("number: a year in a date is no duration", "numbers",
         f.edited_pair("（1）项目执行期原则上为 2～3年。", "（1）项目执行期自2021年10月起计算。"),
         "", code=0, check=f.no_duration_of(21)),
    # 4. structure read once
    Case("a field label twice in a direction", "structure", f.label_twice, "", code=0,
         check=f.second_field_compared),
    *(Case(f"DOCX: a table {depth} deep in a table cell", "structure",
           f.structured_docx(lambda t, d=depth: st.docx_with(t, st.nested_table(d))), "",
           code=0, check=f.read_once) for depth in (1, 3)),
    *(Case(f"DOCX: a text box ({kind})", "structure",
           f.structured_docx(lambda t, k=kind: st.docx_with(t, st.text_box(k))), "", code=0,
           check=f.read_once) for kind in ("both", "shape", "vml", "table")),
    Case("DOCX: content controls and custom XML in a table", "structure",
         f.structured_docx(lambda t: st.docx_with(t, st.content_controls)), "", code=0,
         check=f.read_once),
    *(Case(f"DOCX: legal-style numbering ({lgl})", "structure",
           f.structured_docx(lambda t, x=lgl: st.legal_numbering(t, x)), "", code=0,
           check=f.seventeen_directions)
      for lgl in ("<w:isLgl/>", '<w:isLgl w:val="true"/>', '<w:isLgl w:val="1"/>')),
    # 5. caches that can be trusted
    *(_made(f"user cache: {how} {'+'.join(kinds)} entries", "caches",
            f.user_cache_damaged(how, kinds))
      for how in ("cut", "zeros", "flip", "garbage", "shape", "directory")
      for kinds in _CACHE_KINDS[:2] if how != "shape" or kinds != ("output",)),
    _made("user cache: a FIFO in place of an entry", "caches",
          f.user_cache_damaged("fifo", ("output", "meta")), posix_only=True, timeout=60),
    Case("user cache: a GBK file name", "caches", f.gbk_name_cached, "", code=0,
         posix_only=True, check=f.same_again),
    Case("user cache: its folder is a file", "caches", f.cache_is_a_file, "", code=0,
         check=f.has_changes),
    *(_made(f"corpus cache: {how} {'+'.join(kinds)} entries", "caches",
            f.corpus_cache_damaged(how, kinds))
      for how, kinds in (("cut", ("meta", "digest")), ("zeros", ("xml", "links")),
                         ("shape", ("meta", "summary", "links")),
                         ("flip", ("digest", "summary")), ("garbage", ("stamps",)))),
    Case("corpus: a raw file edited, size and time kept", "caches", f.stat_kept("raw"),
         "sha256 is", one_line=False),
    Case("corpus: an XML edited, size and time kept", "caches", f.stat_kept("xml"), "",
         code=0, check=f.xml_rewritten),
    Case("history --grep with the cached XML lost", "caches", f.grep_with_lost_xml, "",
         code=0, check=f.grep_found),
    # 6. at the same time
    _made("two adds at once", "concurrency", f.adds_at_once(2), timeout=180),
    _made("four adds at once", "concurrency", f.adds_at_once(4), timeout=240),
    Case("two builds at once", "concurrency", f.builds_at_once, "", code=0, timeout=300,
         check=f.as_built_alone),
    # 7. contradicting overrides
    Case("lineage.toml: a pin and a cut of one pair", "overrides",
         f.overrides(f.pin("1.4", "1.1") + f.cut("1.4", "1.1")), "pins what it cuts",
         one_line=False),
    Case("lineage.toml: one direction pinned into two", "overrides",
         f.overrides(f.pin("1.4", "1.1") + f.pin("1.4", "1.2")),
         "pinned into two directions of 2022-b1-final", one_line=False),
    Case("lineage.toml: two pins into one direction", "overrides",
         f.overrides(f.pin("1.4", "1.1") + f.pin("1.5", "1.1")), "pinned into one",
         one_line=False),
    Case("lineage.toml: a cut given twice", "overrides",
         f.overrides(f.cut("1.4", "1.1") + f.cut("1.4", "1.1")), "gives the same pair again",
         one_line=False),
    # 10. messages tell the truth
    Case("missing file beside a broken manifest", "messages", f.missing_with_broken_manifest,
         "missing.txt: no such file; nor can it be a document id"),
    Case("dangling symlink names its target", "messages",
         _symlink_to("/nonexistent/guide.txt", "gone.txt"),
         "a symbolic link to /nonexistent/guide.txt, which does not exist", posix_only=True),
    Case("output folder path blocked by a file", "messages", _file_as_out_dir,
         "a file stands where that folder goes"),
    Case("add: a draft's title without year and batch", "messages", f.add_without_year,
         "its title does not say its year or batch: give --id, or --year, --batch"),
)


# ---------------------------------------------------------------- running


def _state(paths: Sequence[Path]) -> dict[Path, tuple[bytes, int] | None]:
    out: dict[Path, tuple[bytes, int] | None] = {}
    for p in paths:
        try:
            out[p] = (p.read_bytes(), p.stat().st_mtime_ns) if p.is_file() else None
        except OSError:
            out[p] = None
    return out


def run_case(case: Case, seeds: Seeds, work: Path, timeout: float = 120.0) -> Result:
    """Run one case in a fresh process in ``work`` (which it fills) and check what a user sees."""
    work.mkdir(parents=True, exist_ok=True)
    try:
        run = case.setup(seeds, work)
    except CannotMake as e:
        return Result(case, None, "", 0.0, (), impossible=str(e))
    except Exception as e:  # (preparing it ran guidediff, and that failed: a problem)
        return Result(case, None, "", 0.0, (f"its setup failed: {e}",))
    before = _state(run.watch)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", **dict(run.env)}
    env.pop("GUIDEDIFF_DEBUG", None)
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "guidediff", *run.args], cwd=work,
                              capture_output=True, timeout=min(timeout, case.timeout), env=env,
                              check=False,
                              preexec_fn=_limits(run.file_size_limit))
        code: int | None = proc.returncode
        stderr = proc.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        code, stderr = None, ""
    finally:
        if run.cleanup is not None:
            run.cleanup()
    seconds = time.perf_counter() - start
    problems = _problems(case, run, code, stderr, work, before, min(timeout, case.timeout))
    return Result(case, code, stderr, seconds, tuple(problems))


def _limits(file_size: int | None) -> Callable[[], None] | None:
    if file_size is None:
        return None

    def apply() -> None:  # in the child, before guidediff starts
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
    return apply


def _problems(case: Case, run: Run, code: int | None, stderr: str, work: Path,
              before: dict[Path, tuple[bytes, int] | None], timeout: float) -> list[str]:
    if code is None:
        return [f"hung: no end within {timeout:.0f} s"]
    problems = []
    if "Traceback (most recent call last)" in stderr:
        problems.append("a Python traceback")
    if "internal error" in stderr:
        problems.append("an internal error")
    if code != case.code:
        problems.append(f"exit code {code}, expected {case.code}")
    errors = [ln for ln in stderr.splitlines() if ln.startswith("Error: ")
              or (ln.startswith("[") and "] Error: " in ln)]  # a batch numbers its lines
    if case.code == 1:
        if not any(case.expect in ln for ln in errors):
            problems.append(f"no Error line says {case.expect!r}")
        if case.one_line and (len(errors) != 1 or len(stderr.strip().splitlines()) != 1):
            problems.append("not exactly one Error line")
    elif case.expect and case.expect not in stderr:
        problems.append(f"stderr does not say {case.expect!r}")
    if _state(run.watch) != before:
        problems.append("an input was modified")
    for p in run.absent:
        if p.exists() and not (p.is_dir() and not any(p.iterdir())):
            problems.append(f"output written: {p.relative_to(work)}")
    if case.check is not None and code == case.code:
        try:
            problem = case.check(work, stderr)
        except Exception as e:  # (what the check looked for is not there)
            problem = f"the check could not read the result: {type(e).__name__}: {e}"
        if problem:
            problems.append(problem)
    return problems


def applicable(cases: Sequence[Case] = CASES) -> list[Case]:
    """The cases this system can make (FIFOs, devices and byte names are POSIX)."""
    return [c for c in cases if os.name == "posix" or not c.posix_only]


def run_battery(seeds: Seeds, work: Path, jobs: int = 2,
                cases: Sequence[Case] | None = None) -> list[Result]:
    """Every applicable case, ``jobs`` at a time, each in its own folder under ``work``."""
    chosen = applicable(CASES if cases is None else cases)

    def one(k: int) -> Result:
        return run_case(chosen[k], seeds, work / f"case{k:03d}")

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, range(len(chosen))))
