"""The tracked DOCX in LibreOffice itself: Accept All gives the new document, Reject All the old
one in its own order, on the real pair and on generated pairs with moves, drops, additions and
paragraphs joined; each revision's 说明 is a comment LibreOffice reads.

LibreOffice runs once for the session (fixture ``office``). Accept and Reject run on the file a
user gets (its 说明 as comments, the default); a test shows that the ``--comments off`` file
differs from it by the comments' anchors only.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from guidediff.compare.diff import diff
from guidediff.compare.events import ChangeLog
from guidediff.normalize.pipeline import Normalized, normalize_file
from guidediff.render import RenderOptions
from guidediff.render.docx_tracked import render_docx

from .conftest import RAW_2021, RAW_2022
from .support.pairs import make_pair, write_pair

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SEEDS = [1, 2, 3, 4, 5, 6]


def _direction_ids(text_path: Path) -> list[str]:
    text = text_path.read_text(encoding="utf-8-sig")
    return re.findall(r"^(\d{1,2}\.\d{1,2}) ?\S", text, re.M)


def _round_trip(office, docx: Path, out: Path) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    accepted, rejected = out / "accepted.txt", out / "rejected.txt"
    assert office.convert(docx, accepted, "txt", "accept") > 0
    office.convert(docx, rejected, "txt", "reject")
    return accepted, rejected


def _substantive_cli(a: Path, b: Path) -> list[str]:
    """``guidediff diff A B -f json``, as a user runs it: its substantive changes."""
    r = subprocess.run([sys.executable, "-m", "guidediff", "diff", str(a), str(b), "-f", "json",
                        "--no-cache"], capture_output=True, text=True, timeout=300, check=True)
    log = json.loads(r.stdout)
    return [f"{c['kind']} {c['field']}" for c in log["changes"]
            if not c["format_only"] and not c.get("neutral_words")]


def test_real_pair_accept_and_reject_in_libreoffice(office, changelog: ChangeLog,  # type: ignore[no-untyped-def]
                                                     norm2021: Normalized, tmp_path: Path) -> None:
    docx = tmp_path / "tracked.docx"
    docx.write_bytes(render_docx(changelog, RenderOptions()))  # with its comments, as users get it
    with zipfile.ZipFile(docx) as z:
        assert "word/comments.xml" in z.namelist()
    accepted, rejected = _round_trip(office, docx, tmp_path)
    assert _substantive_cli(RAW_2022, accepted) == []
    assert _substantive_cli(RAW_2021, rejected) == []
    assert _direction_ids(rejected) == [d.id for d in norm2021.guideline.directions]


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_pairs_accept_and_reject_in_libreoffice(office, seed: int,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    pair = make_pair(seed)
    assert any("moved" in op for op in pair.ops) and any("dropped" in op for op in pair.ops)
    old_path, new_path = write_pair(pair, tmp_path)
    old, new = normalize_file(old_path), normalize_file(new_path)
    log = diff(old.guideline, new.guideline)
    docx = tmp_path / "tracked.docx"
    docx.write_bytes(render_docx(log, RenderOptions()))
    with zipfile.ZipFile(docx) as z:
        body = z.read("word/document.xml")
    assert b"<w:moveFrom " in body and b"<w:moveToRangeStart " in body, pair.ops
    accepted, rejected = _round_trip(office, docx, tmp_path)
    for ref, got in ((new, accepted), (old, rejected)):
        changes = diff(ref.guideline, normalize_file(got).guideline).substantive()
        assert changes == (), (pair.ops, [(c.kind, str(c.location)) for c in changes][:5])
    assert _direction_ids(rejected) == [d.id for d in old.guideline.directions]
    assert _direction_ids(accepted) == [d.id for d in new.guideline.directions]


def _body(docx_bytes: bytes) -> etree._Element:
    import io

    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _without_comment_marks(docx_bytes: bytes) -> bytes:
    root = _body(docx_bytes)
    for el in list(root.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd")):
        el.getparent().remove(el)
    for ref in list(root.iter(f"{W}commentReference")):
        run = ref.getparent()
        run.getparent().remove(run)
    for el in root.iter(f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo",
                        f"{W}moveFromRangeStart", f"{W}moveToRangeStart", f"{W}moveFromRangeEnd",
                        f"{W}moveToRangeEnd"):
        el.attrib.pop(f"{W}id", None)  # numbered in one sequence with the comments' ranges
    for ref in root.iter(f"{W}footerReference"):  # the comments part takes a relationship id
        ref.attrib.clear()
    return etree.tostring(root)


def test_comments_change_nothing_but_their_anchors(changelog: ChangeLog) -> None:
    on = render_docx(changelog, RenderOptions())
    off = render_docx(changelog, RenderOptions(comments=False))
    assert len(list(_body(on).iter(f"{W}commentReference"))) > 50
    assert not list(_body(off).iter(f"{W}commentReference"))
    assert _without_comment_marks(on) == _without_comment_marks(off)


def test_libreoffice_reads_every_comment(office, changelog: ChangeLog,  # type: ignore[no-untyped-def]
                                         tmp_path: Path) -> None:
    docx = tmp_path / "tracked.docx"
    docx.write_bytes(render_docx(changelog, RenderOptions()))
    with zipfile.ZipFile(docx) as z:
        comments = etree.fromstring(z.read("word/comments.xml"))
    said = ["".join(c.itertext()) for c in comments.iter(f"{W}comment")]
    odt = tmp_path / "tracked.odt"
    office.convert(docx, odt, "odt")
    with zipfile.ZipFile(odt) as z:
        content = etree.fromstring(z.read("content.xml"))
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    annotations = ["".join(a.itertext()) for a in content.iter(f"{{{office_ns}}}annotation")]
    assert len(annotations) == len(said) > 50
    assert any("经费由2500万元调整为2000万元，减少500万元" in a for a in annotations)


def test_revisions_touching_across_a_paragraph_end_stay_apart(office, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An insertion ending one paragraph and one beginning the next: LibreOffice merges
    revisions of one author within a minute, and rejecting the merged one would join the two
    paragraphs. ``keep_apart`` dates the second one two minutes later; Reject All then keeps
    both paragraphs."""
    from guidediff.render import docxbase as base
    from guidediff.render import docxutil as dx
    from guidediff.render.docx_paragraphs import Piece, Writer, keep_apart, layout

    date = "2022-01-01T00:00:00Z"
    pieces = [Piece("both", ((0, "甲段"), (1, "增一")), True, True),
              Piece("both", ((1, "增二"), (0, "乙段")), True, True)]
    doc = base.new_document()
    end = doc.element.body[-1]
    paragraphs = Writer(end.addprevious, dx.Revisions(date), lambda ids: None).write(
        layout(pieces))
    assert keep_apart(paragraphs, date) == 1
    dates = [el.get(f"{W}date") for el in doc.element.body.iter(f"{W}ins")]
    assert dates == [date, "2022-01-01T00:02:00Z"]
    path = tmp_path / "apart.docx"
    path.write_bytes(base.finish(doc))
    for changes, expected in (("reject", ["甲段", "乙段"]), ("accept", ["甲段增一", "增二乙段"])):
        out = tmp_path / f"{changes}.txt"
        office.convert(path, out, "txt", changes)
        assert out.read_text(encoding="utf-8-sig").split() == expected


def test_libreoffice_runs_the_system_python_whatever_python_runs_the_tests(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Under pyenv or a virtualenv (as in CI) the ``python3`` first on PATH is not the system's;
    LibreOffice's embedded Python would take that one's standard library and abort (exit 134)
    before the macro runs. Its environment puts the system Python first and drops the others'."""
    from .support.office import SYSTEM_PYTHON, office_environment

    monkeypatch.setenv("PATH", f"/opt/other-python/bin:{Path(SYSTEM_PYTHON).parent}:/bin")
    monkeypatch.setenv("PYTHONHOME", "/opt/other-python")
    monkeypatch.setenv("VIRTUAL_ENV", "/opt/venv")
    env = office_environment()
    assert env["PATH"].split(":") == [str(Path(SYSTEM_PYTHON).parent), "/opt/other-python/bin", "/bin"]
    assert "PYTHONHOME" not in env and "VIRTUAL_ENV" not in env
    assert env["FONTCONFIG_FILE"].endswith("fonts.conf")
