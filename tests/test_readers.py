"""DOCX reports read back by independent programs: pandoc (tracked changes accepted or rejected)
and LibreOffice (converted to PDF)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from guidediff.compare import facts
from guidediff.compare.clauses import field_text
from guidediff.normalize.conserve import fold
from guidediff.normalize.pipeline import Normalized

from .conftest import require_tool


def _pandoc_sections(path: Path, mode: str) -> dict[str, str]:
    pandoc = require_tool("pandoc")
    out = subprocess.run([pandoc, f"--track-changes={mode}", "-t", "plain", "--wrap=none",
                          str(path)], capture_output=True, text=True, check=True).stdout
    sections: dict[str, str] = {}
    current = None
    for line in out.splitlines():
        m = re.match(r"^(\d{1,2}\.\d{1,2}) \S", line)
        if m:
            current = m.group(1)
            sections[current] = ""
        if current is not None:
            sections[current] += line
    return {k: fold(v) for k, v in sections.items()}


def _expected(norm: Normalized) -> dict[str, str]:
    out = {}
    for d in norm.guideline.directions:
        text = f"{d.id} {facts.title_text(d)}" + "".join(field_text(f) for f in d.fields)
        out[d.id] = fold(text)
    return out


def test_accept_all_gives_the_new_text(reports: dict[str, Path], norm2022: Normalized) -> None:
    assert _pandoc_sections(reports["tracked.docx"], "accept") == _expected(norm2022)


def test_reject_all_gives_the_old_text(reports: dict[str, Path], norm2021: Normalized) -> None:
    assert _pandoc_sections(reports["tracked.docx"], "reject") == _expected(norm2021)


@pytest.mark.parametrize("name", ["tracked.docx", "table.docx", "memo.docx"])
def test_libreoffice_converts_to_pdf(reports: dict[str, Path], name: str,
                                     tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    profile = tmp_path / "profile"
    r = subprocess.run([soffice, "--headless", "--norestore",
                        f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(reports[name])],
                       capture_output=True, text=True, timeout=300, check=False)
    pdf = tmp_path / (reports[name].stem + ".pdf")
    assert r.returncode == 0, r.stderr
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
