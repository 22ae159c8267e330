"""The command line, through click's CliRunner: outputs, exit codes, nothing written on error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidediff.cli import cli

from .cases import REAL_PAIR, case
from .conftest import CORPUS, RAW_2021, RAW_2022, ROOT


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_normalize_writes_one_xml_per_input(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(cli, ["normalize", str(RAW_2021), str(RAW_2022), "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2021-batch1-draft.xml",
                                                          "2022-batch1-final.xml"]
    assert "29 directions" in r.output and "17 directions" in r.output


def test_normalize_check_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(cli, ["normalize", "--check", str(RAW_2022), "-o", str(tmp_path)])
    assert r.exit_code == 0 and "nothing lost" in r.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("content", "message"), [
    (b"", "file is empty"),
    (b"\x00\x01binary", "binary"),
    ("普通文本。".encode(), "no numbered directions"),
])
def test_bad_input_is_one_error_line_and_no_output(runner: CliRunner, tmp_path: Path,
                                                   content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out"
    r = runner.invoke(cli, ["normalize", str(bad), "-o", str(out)])
    assert r.exit_code == 1
    assert r.output.count("Error:") == 1 and message in r.output and str(bad) in r.output
    assert "Traceback" not in r.output
    assert not out.exists() or list(out.iterdir()) == []


def test_batch_goes_on_after_a_bad_file_and_fails_at_the_end(runner: CliRunner,
                                                               tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    args = ["normalize", str(bad), str(RAW_2022), "-o", str(tmp_path / "o")]
    r = runner.invoke(cli, args)
    assert r.exit_code == 1 and (tmp_path / "o" / "2022-batch1-final.xml").exists()
    assert "[1/2] Error:" in r.output
    assert r.output.rstrip().splitlines()[-2:] == ["1 of 2 files failed:",
                                                   f"  {bad}: file is empty"]


def test_usage_error_exits_2(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["normalize"]).exit_code == 2
    assert runner.invoke(cli, ["nosuchcommand"]).exit_code == 2


def test_show_table_and_direction(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["show", str(RAW_2022)])
    assert r.exit_code == 0
    assert "中国和西班牙政府间科技合作项目" in r.output and "18000" in r.output
    assert "阶段 正式稿" in r.output and "经费（万元）" in r.output  # in Chinese by default
    r = runner.invoke(cli, ["show", str(RAW_2022), "--direction", "1.1"])
    assert r.exit_code == 0
    assert "联系人：Carlos Quintana" in r.output and "金额：4500 万CNY" in r.output
    assert "（第126行）" in r.output and "合作方：西班牙" in r.output


def test_show_in_english(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["show", str(RAW_2022), "--lang", "en"])
    assert r.exit_code == 0
    assert "stage final" in r.output and "budget 万元" in r.output and "阶段" not in r.output
    r = runner.invoke(cli, ["show", str(RAW_2022), "--direction", "1.1", "--lang", "en"])
    assert "contact: Carlos Quintana" in r.output and "money: 4500 万CNY" in r.output
    assert "(line 126)" in r.output and "partners: 西班牙" in r.output
    assert "联系人：" not in r.output


def test_show_reads_xml_too(runner: CliRunner, tmp_path: Path) -> None:
    runner.invoke(cli, ["normalize", str(RAW_2022), "-o", str(tmp_path)])
    r = runner.invoke(cli, ["show", str(tmp_path / "2022-batch1-final.xml"), "-d", "2.7"])
    assert r.exit_code == 0 and "thsung@ketep.re.kr" in r.output


def test_show_unknown_direction(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["show", str(RAW_2022), "-d", "9.9"])
    assert r.exit_code == 1 and "no direction 9.9" in r.output


def test_build_writes_the_corpus_xml(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("xml"))
    r = runner.invoke(cli, ["build", "--corpus", str(corpus), "--reports", str(tmp_path / "r")])
    assert r.exit_code == 0, r.output
    for doc_id in ("2021-b1-draft", "2022-b1-final"):
        written = (corpus / "xml" / f"{doc_id}.xml").read_bytes()
        assert written == (CORPUS / "xml" / f"{doc_id}.xml").read_bytes(), \
            f"corpus/xml/{doc_id}.xml is stale: run `guidediff build`"


def test_build_refuses_a_changed_raw_file(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("xml"))
    raw = corpus / "raw" / "2022-batch1-final.txt"
    raw.write_bytes(raw.read_bytes() + b"\n")
    r = runner.invoke(cli, ["build", "--corpus", str(corpus), "--strict", "--reports",
                            str(tmp_path / "r")])
    assert r.exit_code == 1 and "sha256" in r.output


def test_build_without_manifest(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(cli, ["build", "--corpus", str(tmp_path), "--reports", str(tmp_path / "r")])
    assert r.exit_code == 1 and "manifest.toml" in r.output


@pytest.mark.parametrize("name", [REAL_PAIR, f"{REAL_PAIR}-en", f"{REAL_PAIR}-swapped"])
def test_diff_text_summary_is_the_reviewed_one(runner: CliRunner, name: str) -> None:
    """What `guidediff diff OLD NEW` prints is the case's reviewed summary (tests/data)."""
    c = case(name)
    r = runner.invoke(cli, ["diff", str(ROOT / c.old), str(ROOT / c.new), "--lang", c.lang])
    assert r.exit_code == 0, r.output
    assert r.stdout == c.expected("summary.txt")


def test_diff_json_from_raw_equals_diff_from_xml(runner: CliRunner, tmp_path: Path) -> None:
    runner.invoke(cli, ["normalize", str(RAW_2021), str(RAW_2022), "-o", str(tmp_path)])
    from_raw = runner.invoke(cli, ["diff", str(RAW_2021), str(RAW_2022), "-f", "json"])
    from_xml = runner.invoke(cli, ["diff", str(tmp_path / "2021-batch1-draft.xml"),
                                   str(tmp_path / "2022-batch1-final.xml"), "-f", "json"])
    assert from_raw.exit_code == 0 and from_xml.exit_code == 0
    assert json.loads(from_raw.output) == json.loads(from_xml.output)


def test_diff_output_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "log.json"
    r = runner.invoke(cli, ["diff", str(RAW_2021), str(RAW_2022), "-f", "json", "-o", str(out)])
    assert r.exit_code == 0 and json.loads(out.read_text(encoding="utf-8"))["schema"] == \
        "guidediff.changes/1"


def test_diff_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "x.xml"
    bad.write_text("<guideline><unclosed>", encoding="utf-8")
    r = runner.invoke(cli, ["diff", str(bad), str(RAW_2022)])
    assert r.exit_code == 1 and "not well-formed XML" in r.output and str(bad) in r.output


def test_reports_are_up_to_date(runner: CliRunner, tmp_path: Path) -> None:
    """reports/ is generated by `guidediff build`: rerunning gives the committed bytes."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("xml", ".cache"))
    out = tmp_path / "reports"
    r = runner.invoke(cli, ["build", "--corpus", str(corpus), "--reports", str(out)])
    assert r.exit_code == 0, r.output
    committed = CORPUS.parent / "reports"
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                   if p.is_file() and p.name != ".guidediff-state.json")
    assert "index.html" in names and "history.json" in names
    assert any(n.startswith("lineages/") for n in names)
    for name in names:
        assert (out / name).read_bytes() == (committed / name).read_bytes(), \
            f"reports/{name} is stale: run `guidediff build`"
    on_disk = sorted(p.relative_to(committed).as_posix() for p in committed.rglob("*")
                     if p.is_file() and p.name != ".guidediff-state.json")
    assert on_disk == names, "reports/ holds files build no longer writes"


# A bug planted in the library, in a real process: the comparison divides by zero.
PLANT = ("import sys\n"
         "import guidediff.compare.diff as m\n"
         "m.diff = lambda *a, **k: 1 / 0\n"
         "from guidediff.cli import main\n"
         "sys.argv[0] = 'guidediff'\n"
         "main()\n")


@pytest.mark.parametrize("debug", [False, True])
def test_a_bug_is_exit_70_and_one_line_the_traceback_only_when_asked(debug: bool) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "GUIDEDIFF_DEBUG"}
    if debug:
        env["GUIDEDIFF_DEBUG"] = "1"
    r = subprocess.run([sys.executable, "-c", PLANT, "diff", str(RAW_2021), str(RAW_2022),
                        "--no-cache"], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 70 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert lines[-1].startswith("Error: internal error (") and "ZeroDivisionError" in lines[-1]
    if debug:
        assert "Traceback (most recent call last)" in r.stderr
    else:
        assert len(lines) == 1 and "Traceback" not in r.stderr
