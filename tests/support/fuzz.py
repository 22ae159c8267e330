"""The fuzzer: the real documents mutated at random (structure, bytes, encodings, huge values,
control characters) and wrapped in crafted DOCX, PDF and HTML containers, then read through the
whole pipeline.

A mutation is a ``Plan``, plain data: which document, which text operations, which container,
which byte operations, each with an integer parameter. ``build`` turns a plan into the bytes of
a file, always the same bytes for the same plan, so that a failure is reproduced from the plan
it prints. Hypothesis draws plans in the tests (and shrinks a failing one to its smallest);
``tooling/scripts/fuzz.py N`` draws N at random.

``check`` reads one input as ``guidediff`` does and says what went wrong, if anything. A clear
``GuidediffError`` is a correct answer for a broken file. Anything else is a failure: any other
exception (a crash), more than the time bound (a hang), an XML that loses characters of the
input (conservation), or a document that differs from itself (self-diff) or from its XML.
"""

from __future__ import annotations

import random
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import hostile as h

# ---------------------------------------------------------------- plans

Op = tuple[str, int]  # (operation name, parameter)


@dataclass(frozen=True)
class Plan:
    doc: int  # which seed document
    text_ops: tuple[Op, ...]
    container: Op
    byte_ops: tuple[Op, ...] = ()

    def __str__(self) -> str:
        ops = ", ".join(f"{n}:{p}" for n, p in self.text_ops) or "-"
        bops = ", ".join(f"{n}:{p}" for n, p in self.byte_ops) or "-"
        box = f"{self.container[0]}:{self.container[1]}"
        return f"doc {self.doc} | text {ops} | {box} | bytes {bops}"


_CONTROL = [chr(c) for c in (*range(0x00, 0x20), 0x7F, 0x85, 0xA0, 0x2028, 0x2029, 0xFEFF,
                             0xFFFE, 0xFFFF, 0x200B, 0x3000, 0xE000, 0x1F600, 0x10FFFD)]
_RUNS = ["a", "1", "1 ", "合作", "（", "）", "：", "《", "@", "a.", "http://", "www.", "联系人：",
         "电话：1-", "——", "①", "2021-", "万元", "个", "\t", " ", "。", "https：//", "(", ")"]
_UNITS = ["万元", "亿元", "万元人民币", "个", "个项目", "年", "项"]
_WIDTH = str.maketrans("：（），；。１２３", ":(),;.123")
_WIDEN = str.maketrans(":(),;0123456789", "：（），；０１２３４５６７８９")


def _lines_op(text: str, rng: random.Random, kind: str) -> str:
    lines = text.split("\n")
    if not lines:
        return text
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    if kind == "delete":
        del lines[i:i + 1 + rng.randrange(5)]
    elif kind == "duplicate":
        lines[i:i] = lines[i:i + 1 + rng.randrange(5)]
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "truncate":
        lines = lines[:i]
    elif kind == "join":
        lines[i:i + 2] = ["".join(lines[i:i + 2])]
    elif kind == "split":
        cut = rng.randrange(len(lines[i]) + 1)
        lines[i:i + 1] = [lines[i][:cut], lines[i][cut:]]
    return "\n".join(lines)


def _at(text: str, rng: random.Random, payload: str) -> str:
    k = rng.randrange(len(text) + 1)
    return text[:k] + payload + text[k:]


def _huge_value(text: str, rng: random.Random) -> str:
    digits = rng.choice([13, 29, 100, 4301, 20000])
    block = "".join(rng.choice("0123456789") for _ in range(min(digits, 64)))
    number = block * max(1, digits // 64)
    return _at(text, rng, number + rng.choice(_UNITS))


def _run(text: str, rng: random.Random) -> str:
    return _at(text, rng, rng.choice(_RUNS) * rng.choice([10, 1000, 30_000]))


TEXT_OPS: dict[str, Callable[[str, random.Random], str]] = {
    "delete": lambda t, r: _lines_op(t, r, "delete"),
    "duplicate": lambda t, r: _lines_op(t, r, "duplicate"),
    "swap": lambda t, r: _lines_op(t, r, "swap"),
    "truncate": lambda t, r: _lines_op(t, r, "truncate"),
    "join": lambda t, r: _lines_op(t, r, "join"),
    "split": lambda t, r: _lines_op(t, r, "split"),
    "control": lambda t, r: _at(t, r, "".join(r.choice(_CONTROL) for _ in range(r.randint(1, 4)))),
    "huge-value": _huge_value,
    "long-run": _run,
    "ascii-punctuation": lambda t, r: t.translate(_WIDTH),
    "full-width": lambda t, r: t.translate(_WIDEN),
    "crlf": lambda t, r: t.replace("\n", r.choice(["\r\n", "\r", "\n\n"])),
    "glue-label": lambda t, r: t.replace("。\n\n其他要求", "。其他要求", r.randint(1, 20)),
    "form-feed": lambda t, r: _at(t, r, "\f"),
    "random-unicode": lambda t, r: _at(t, r, "".join(chr(r.choice(
        [r.randint(0x20, 0xD7FF), r.randint(0xE000, 0x10FFFF)])) for _ in range(r.randint(1, 50)))),
}


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "surrogatepass" if "16" in encoding else "replace")


def _numbered(text: str, rng: random.Random) -> bytes:
    lines = text.split("\n")
    fmt = rng.choice(["decimal", "chineseCounting", "lowerLetter", "upperRoman",
                      "decimalEnclosedCircle", "bullet", "none", "x"])
    start = rng.choice(["1", "0", "-5", "abc", "2000000000", "99999", ""])
    ilvl = rng.choice(["0", "1", "8", "9", "-1", "abc", ""])
    paras = [h.paragraph_xml(ln, ("1", rng.choice(["0", "1", ilvl])) if rng.random() < 0.2
                             else None) for ln in lines]
    return h.docx(paras, h.numbering_xml(fmt, rng.choice(["%1.", "（%1）", "%1、", "%2.%1", ""]),
                                         start, ilvl))


CONTAINERS: dict[str, tuple[str, Callable[[str, random.Random], bytes]]] = {
    "utf-8": (".txt", lambda t, r: _encode(t, "utf-8")),
    "utf-8-sig": (".txt", lambda t, r: _encode(t, "utf-8-sig")),
    "utf-16": (".txt", lambda t, r: _encode(t, "utf-16")),
    "utf-16-le": (".txt", lambda t, r: _encode(t, "utf-16-le")),
    "utf-16-be": (".txt", lambda t, r: _encode(t, "utf-16-be")),
    "gb18030": (".txt", lambda t, r: _encode(t, "gb18030")),
    "docx": (".docx", lambda t, r: h.docx_of_text(t)),
    "docx-numbered": (".docx", _numbered),
    "html": (".html", lambda t, r: h.nested_html(t, r.choice([0, 1, 5, 50, 255, 300]))),
    "pdf": (".pdf", lambda t, r: h.pdf([ln.encode("ascii", "replace").decode()
                                        for ln in t.split("\n")[:r.randint(1, 80)]])),
}


def _flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _zip_field(data: bytes, rng: random.Random) -> bytes:
    if not data.startswith(b"PK"):
        return _flip(data, rng)
    try:
        crc = h.member_crc(data, "word/document.xml")
        field = rng.choice(["flags", "method", "crc", "compress_size", "file_size"])
        value = {"flags": rng.choice([1, 8, 0x41]), "method": rng.choice([1, 6, 12, 14, 99]),
                 "crc": crc ^ 1, "compress_size": rng.choice([0, 10, 2**32 - 1]),
                 "file_size": rng.choice([0, 100, 2**31])}[field]
        return h.patch_member(data, "word/document.xml", **{field: value})
    except Exception:  # the archive is already too damaged to patch: damage its bytes
        return _flip(data, rng)


BYTE_OPS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "flip": _flip,
    "cut": lambda d, r: d[:r.randrange(len(d) + 1)],
    "insert": lambda d, r: (lambda k: d[:k] + r.randbytes(r.randint(1, 64)) + d[k:])(
        r.randrange(len(d) + 1)),
    "zip-field": _zip_field,
}


def build(plan: Plan, seeds: list[str]) -> tuple[str, bytes]:
    """The file a plan makes: (suffix, bytes)."""
    text = seeds[plan.doc % len(seeds)]
    for name, param in plan.text_ops:
        text = TEXT_OPS[name](text, random.Random(param))
    suffix, make = CONTAINERS[plan.container[0]]
    data = make(text, random.Random(plan.container[1]))
    for name, param in plan.byte_ops:
        data = BYTE_OPS[name](data, random.Random(param))
    return suffix, data


def random_plan(rng: random.Random, documents: int = 2) -> Plan:
    """A plan drawn as the hypothesis strategy of the tests draws one."""
    def ops(names: list[str], most: int) -> tuple[Op, ...]:
        return tuple((rng.choice(names), rng.randrange(2**32)) for _ in range(rng.randint(0, most)))

    byte_ops = ops(sorted(BYTE_OPS), 2) if rng.random() < 0.3 else ()
    return Plan(rng.randrange(documents), ops(sorted(TEXT_OPS), 4),
                (rng.choice(sorted(CONTAINERS)), rng.randrange(2**32)), byte_ops)


# ---------------------------------------------------------------- checking


@dataclass(frozen=True)
class Verdict:
    kind: str  # "ok" | "refused" (a clear error) | "crash" | "hang" | "lost" | "self-diff"
    detail: str = ""
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.kind not in ("ok", "refused")


class _TimeBound(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _TimeBound


def check(data: bytes, name: str, bound: float = 10.0) -> Verdict:
    """Read ``data`` (as a file called ``name``) through the whole pipeline, as ``guidediff
    normalize --check``, ``diff`` and ``check`` (the proofreader, its text and JSON) do,
    within ``bound`` seconds."""
    from guidediff.compare.diff import diff
    from guidediff.errors import GuidediffError
    from guidediff.normalize.pipeline import normalize_raw
    from guidediff.proofread import proofread
    from guidediff.proofread.document import Document
    from guidediff.read.detect import detect
    from guidediff.read.ingest import ingest_bytes
    from guidediff.render import check as check_report
    from guidediff.xmlio import parse_xml

    def proofread_all(doc: Document) -> None:
        r = proofread(doc)
        check_report.text(r)
        check_report.json_bytes(r)

    use_alarm = hasattr(signal, "setitimer")
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, bound)
    start = time.perf_counter()
    try:
        if data and detect(data, Path(name)) == "xml":
            proofread_all(Document(name, parse_xml(data, name), None))
            return Verdict("ok", seconds=time.perf_counter() - start)
        n = normalize_raw(ingest_bytes(data, Path(name)))
        n.check()
        _ = n.warnings
        again = parse_xml(n.xml_bytes(), name)
        changes = [c for c in diff(n.guideline, again).changes]
        if changes:
            return Verdict("self-diff", f"{len(changes)} change(s) between the document and its "
                           f"XML: {changes[0]}", time.perf_counter() - start)
        proofread_all(Document(name, n.guideline, n.raw, n.warnings))
        return Verdict("ok", seconds=time.perf_counter() - start)
    except _TimeBound:
        return Verdict("hang", f"no answer within {bound:.0f} s", time.perf_counter() - start)
    except GuidediffError as e:
        kind = "lost" if type(e).__name__ == "ConservationError" else "refused"
        return Verdict(kind, str(e), time.perf_counter() - start)
    except Exception:
        return Verdict("crash", traceback.format_exc(limit=-6), time.perf_counter() - start)
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def run_plan(plan: Plan, seeds: list[str], bound: float = 10.0) -> Verdict:
    suffix, data = build(plan, seeds)
    verdict = check(data, f"fuzz{suffix}", bound)
    # a loop inside C (a regular expression) cannot be interrupted by the alarm: it is a hang
    # all the same when it ends past the bound
    if not verdict.failed and verdict.seconds > bound:
        return Verdict("hang", f"took {verdict.seconds:.1f} s, over {bound:.0f} s",
                       verdict.seconds)
    return verdict
