"""Texts that read fine but are not usable guidelines get a clear StructureError."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidediff.errors import StructureError
from guidediff.normalize.pipeline import normalize_file

from .conftest import RAW_2022


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "doc.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_no_directions(tmp_path: Path) -> None:
    with pytest.raises(StructureError, match="no numbered directions"):
        normalize_file(_write(tmp_path, "这是一份普通的通知。\n\n没有任何指南方向。\n"))


def test_truncated_in_the_middle_of_a_direction(tmp_path: Path) -> None:
    lines = RAW_2022.read_text(encoding="utf-8").split("\n")
    cut = next(i for i, ln in enumerate(lines) if ln.startswith("2.7中国和韩国")) + 6
    with pytest.raises(StructureError, match="truncated"):
        normalize_file(_write(tmp_path, "\n".join(lines[:cut])))


def test_truncated_mid_sentence(tmp_path: Path) -> None:
    text = RAW_2022.read_text(encoding="utf-8")
    cut = text.index("（2）项目合作双方需分别向本国的项目征集部门提交申报", text.index("2.7中国和韩国"))
    with pytest.raises(StructureError, match="mid-sentence"):
        normalize_file(_write(tmp_path, text[:cut + 20]))


@pytest.mark.parametrize("second", range(1, 17))
def test_a_duplicated_direction_number_is_read_and_told_apart(tmp_path: Path, second: int
                                                              ) -> None:
    """A number printed twice is a drafting slip, not a fatal error (issue 25, class 9): both
    directions are read, the second told apart as N（第二处）, and a warning names the two lines."""
    text = RAW_2022.read_text(encoding="utf-8")
    g0 = normalize_file(RAW_2022).guideline
    ids = [d.id for d in g0.directions]
    dup, victim = ids[second - 1], g0.directions[second]
    heading = victim.title.text.strip()
    text = text.replace(heading, dup + heading[len(victim.id):], 1)
    n = normalize_file(_write(tmp_path, text))
    got = [d.id for d in n.guideline.directions]
    assert got == [*ids[:second], f"{dup}（第二处）", *ids[second + 1:]]
    assert [d.title.text for d in n.guideline.directions][second].startswith(dup)
    first = n.guideline.direction(dup)
    assert first is not None and first.source.line == g0.directions[second - 1].source.line
    warned = [w for w in n.warnings if "appears twice" in w]
    assert warned == [f"{n.raw.path}: direction {dup} appears twice (lines "
                      f"{first.source.line} and {victim.source.line}): both are read, the "
                      f"second as {dup}（第二处）"]
    n.xml_bytes()  # the XML is valid against the schema


def test_direction_without_fields(tmp_path: Path) -> None:
    text = ("二、领域和方向\n\n1.1 中国和甲国政府间合作项目\n\n1.2 中国和乙国政府间合作项目\n\n"
            "合作协议：《甲乙协定》。\n\n拟支持项目数：2个。\n\n共拟支持经费：100万元人民币。\n")
    with pytest.raises(StructureError, match="1.1 has no fields"):
        normalize_file(_write(tmp_path, text))


# ---------------------------------------------------------------- warnings: read, but doubtful


def _without_us(tmp_path: Path) -> Path:
    """The 2022 text without its 2.6 direction: it still states 17 directions."""
    text = RAW_2022.read_text(encoding="utf-8")
    start, end = text.index("2.6中国和美国政府间合作项目"), text.index("2.7中国和韩国政府间能源技术")
    return _write(tmp_path, text[:start] + text[end:])


def test_a_count_that_disagrees_with_the_document_is_a_warning(tmp_path: Path) -> None:
    from guidediff.normalize.structure import structure_warnings

    n = normalize_file(_without_us(tmp_path))
    [w] = structure_warnings(n.guideline)
    assert "states 17 directions but 16 were found" in w and "skips 2.6" in w
    assert n.warnings == (f"{n.raw.path}: {w}",)


def test_a_direction_without_budget_count_or_title_is_a_warning(tmp_path: Path) -> None:
    from guidediff.normalize.structure import structure_warnings

    text = RAW_2022.read_text(encoding="utf-8")
    text = text.replace("共拟支持经费：4500万元人民币。", "", 1).replace("拟支持项目数：10个。", "", 1)
    n = normalize_file(_write(tmp_path, text))
    ws = structure_warnings(n.guideline)
    assert "direction 1.1 has no budget" in ws
    assert "direction 2.1 has no number of projects" in ws  # Egypt prints 10个 first


def test_warnings_reach_every_command_and_strict_fails(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from guidediff.cli import cli

    doc = _without_us(tmp_path)
    runner = CliRunner()
    r = runner.invoke(cli, ["normalize", "--check", str(doc)])
    assert r.exit_code == 0 and "Warning:" in r.stderr and str(doc) in r.stderr
    assert "checked, nothing lost" in r.stdout and ": ok" not in r.stdout
    assert runner.invoke(cli, ["normalize", "--check", "--strict", str(doc)]).exit_code == 1
    for args in (["show", str(doc)], ["diff", str(RAW_2022), str(doc)]):
        r = runner.invoke(cli, args)
        assert r.exit_code == 0 and "states 17 directions" in r.stderr, args
        strict = runner.invoke(cli, [*args, "--strict"])
        assert strict.exit_code == 1 and "--strict" in strict.output, args
    ok = runner.invoke(cli, ["normalize", "--check", str(RAW_2022)])
    assert ok.exit_code == 0 and ": ok, nothing lost" in ok.stdout and ok.stderr == ""


@pytest.mark.parametrize("which", ["2.4中国和乌兹别克斯坦", "1.6中国和德国", "2.7中国和韩国"])
def test_every_report_tells_a_duplicated_number_apart(tmp_path: Path, which: str) -> None:
    """The 2022 text with one direction printed with the number before it, against 2021:
    every report names the second as N（第二处）; the tracked DOCX, the document itself, prints
    the number as the document does."""
    import io
    import zipfile

    from guidediff.compare.diff import diff
    from guidediff.render import FORMATS, RenderOptions

    from .conftest import RAW_2021

    text = RAW_2022.read_text(encoding="utf-8")
    n = which.split("中")[0]
    major, minor = n.split(".")
    before = f"{major}.{int(minor) - 1}"
    assert which in text
    new = normalize_file(_write(tmp_path, text.replace(which, before + which[len(n):], 1)))
    log = diff(normalize_file(RAW_2021).guideline, new.guideline)
    mark = f"{before}（第二处）"
    for fmt, render in FORMATS.items():
        data = render(log, RenderOptions())
        if fmt in ("docx", "memo", "table"):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                said = z.read("word/document.xml").decode("utf-8")
        else:
            said = data.decode("utf-8")
        assert (mark in said) == (fmt != "docx"), fmt
