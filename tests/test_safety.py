"""Writing safely: whole files or none, inputs untouched, no path escapes the output folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidediff import files
from guidediff.cli import cli
from guidediff.errors import GuidediffError

from .conftest import RAW_2021, RAW_2022


def test_interrupted_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.xml"

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_bytes(target, b"<x/>" * 1000)
    assert list(tmp_path.iterdir()) == []


def test_existing_file_survives_a_failed_write(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.xml"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(GuidediffError, match="cannot be written"):
        files.write_bytes(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.xml"]


@pytest.mark.parametrize("name", ["../escape.xml", "/etc/passwd", "a/../../b.xml", "..", ""])
def test_output_names_cannot_escape(tmp_path: Path, name: str) -> None:
    try:
        p = files.safe_child(tmp_path, name)
    except GuidediffError:
        return
    assert p.parent == tmp_path.resolve()


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (RAW_2021, RAW_2022)}
    r = CliRunner().invoke(cli, ["report", str(RAW_2021), str(RAW_2022), "-o", str(tmp_path),
                                 "-f", "json,html"])
    assert r.exit_code == 0, r.output
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before} == before


def test_report_failure_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every report is rendered before any is written: one failing renderer, no files."""
    from guidediff.render import REPORT_FILES
    from guidediff.render import html as html_mod

    def broken(*_: object) -> bytes:
        raise GuidediffError("renderer failed")

    monkeypatch.setitem(REPORT_FILES, "html", (("report.html", broken),))
    r = CliRunner().invoke(cli, ["report", str(RAW_2021), str(RAW_2022), "-o", str(tmp_path),
                                 "-f", "json,html"])
    assert r.exit_code == 1 and "renderer failed" in r.output
    assert list(tmp_path.iterdir()) == []
    assert html_mod  # the real renderer module is untouched
