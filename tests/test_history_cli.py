"""The corpus commands as a user runs them: add, history (grid, JSON, programme, grep, files),
memo --year, and diff by corpus id."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidediff.cli import cli
from guidediff.render.names import phrase
from tests.support.chains import Chain, scripted_chain

from .conftest import CORPUS, RAW_2021, RAW_2022, changes_of, require_tool


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(CORPUS, tmp_path / "corpus", ignore=shutil.ignore_patterns(".cache", "xml"))
    return tmp_path / "corpus"


@pytest.fixture(scope="module")
def chain() -> Chain:
    return scripted_chain(RAW_2021, RAW_2022)


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.output


def test_add_computes_the_hash_reads_the_title_and_refuses_twice(corpus: Path, chain: Chain,
                                                                tmp_path: Path) -> None:
    text = chain.text(chain.versions[2])  # 2000, batch 2, draft
    new = tmp_path / "next.txt"
    new.write_text(text, encoding="utf-8")
    code, out = run("add", str(new), "--corpus", str(corpus))
    assert code == 0, out
    assert "added 2000-b2-draft" in out
    manifest = (corpus / "manifest.toml").read_text(encoding="utf-8")
    import hashlib

    assert hashlib.sha256(new.read_bytes()).hexdigest() in manifest
    assert (corpus / "raw" / "2000-b2-draft.txt").read_bytes() == new.read_bytes()
    before = manifest
    code, out = run("add", str(new), "--corpus", str(corpus))  # the same file again
    assert code == 1 and "is already in the corpus as 2000-b2-draft" in out
    other = tmp_path / "other.txt"
    other.write_text(text + "\n", encoding="utf-8")  # other bytes, the same title
    code, out = run("add", str(other), "--corpus", str(corpus))  # its id is taken
    assert code == 1 and "id '2000-b2-draft' is already taken" in out
    assert (corpus / "manifest.toml").read_text(encoding="utf-8") == before
    code, out = run("add", str(other), "--corpus", str(corpus), "--id", "2000-b2-draft-2")
    assert code == 0, out
    code, out = run("build", "--corpus", str(corpus), "--reports", str(tmp_path / "r"))
    assert code == 0, out


def test_add_refuses_what_is_not_a_guideline(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "memo.txt"
    bad.write_text("这是一份普通的通知。\n", encoding="utf-8")
    before = (corpus / "manifest.toml").read_bytes()
    code, out = run("add", str(bad), "--corpus", str(corpus))
    assert code == 1 and "no numbered directions" in out
    assert (corpus / "manifest.toml").read_bytes() == before
    assert sorted(p.name for p in (corpus / "raw").iterdir()) == [RAW_2021.name, RAW_2022.name]


def test_history_grid_json_and_programme(corpus: Path) -> None:
    code, out = run("history", "--corpus", str(corpus))
    assert code == 0, out
    assert "2 个版本, 36 个项目谱系" in out
    spain = next(line for line in out.splitlines() if "西班牙" in line)
    assert spain.split()[-2:] == ["2.8", "1.1"]
    code, out = run("history", "--corpus", str(corpus), "-f", "json", "--programme", "德国")
    data = json.loads(out)
    assert data["schema"] == "guidediff.history/1"
    assert {lin["name"] for lin in data["lineages"]} >= {"中国和德国政府间科技合作项目"}
    assert all("德国" in lin["name"] or "德" in lin["name"] for lin in data["lineages"])
    code, out = run("history", "--corpus", str(corpus), "--programme", "火星")
    assert code == 1 and "no programme matches" in out


def test_history_grep_first_and_last_seen(corpus: Path) -> None:
    code, out = run("history", "--corpus", str(corpus), "--grep", "氢燃料电池")
    assert code == 0, out
    germany = next(line for line in out.splitlines() if line.startswith("中国和德国政府间科技"))
    assert "首次出现 2022-b1-final 1.6" in germany and "共 1 个版本" in germany
    code, out = run("history", "--corpus", str(corpus), "--grep", "抗击新冠肺炎疫情", "-f",
                    "json")
    seen = json.loads(out)["seen"]
    austria = next(s for s in seen if s["name"] == "中国和奥地利政府间科技合作项目")
    assert austria["first"]["version"] == austria["last"]["version"] == "2021-b1-draft"


def test_history_of_files_given_directly(tmp_path: Path) -> None:
    code, out = run("history", str(RAW_2022), str(RAW_2021), "-f", "json")
    assert code == 0, out
    data = json.loads(out)
    assert [v["id"] for v in data["versions"]] == ["2021-batch1-draft", "2022-batch1-final"]
    code, out = run("history", str(RAW_2021), str(RAW_2022), "-f", "html", "-o",
                    str(tmp_path / "h.html"))
    assert code == 0, out
    page = (tmp_path / "h.html").read_text(encoding="utf-8")
    assert "中国和西班牙政府间科技合作项目" in page and "<svg" in page and "http" not in \
        page.split("<body>")[1].split("sha256")[0].replace("http://www.w3.org/2000/svg", "")


def test_diff_by_corpus_id(corpus: Path) -> None:
    code, by_id = run("diff", "2021-b1-draft", "2022-b1-final", "--corpus", str(corpus), "-f",
                      "json")
    assert code == 0, by_id
    log = json.loads(by_id)
    assert log["old"]["path"].endswith("raw/2021-batch1-draft.txt")
    assert (log["old"]["stage"], log["new"]["stage"]) == ("draft", "final")
    code, by_file = run("diff", str(RAW_2021), str(RAW_2022), "-f", "json")
    assert json.loads(by_file)["changes"] == log["changes"]
    code, out = run("diff", "2021-b1-draft", "2023-b1-final", "--corpus", str(corpus))
    assert code == 1 and "nor a document id of" in out


def test_year_memo(corpus: Path, tmp_path: Path, changelog) -> None:  # type: ignore[no-untyped-def]
    out_dir = tmp_path / "memo"
    code, out = run("memo", "--year", "2022", "--corpus", str(corpus), "-o", str(out_dir),
                    "--date", "2022-03-15", "--issuer", "国际合作司")
    assert code == 0, out
    md = (out_dir / "memo-2022.md").read_text(encoding="utf-8")
    assert "关于2022年度申报指南与2021年度相比主要变化的说明" in md
    assert "中国和法国联合实验室合作项目" in md.split("## 二、新设立的项目")[1].split("##")[0]
    assert "中美清洁能源联合研究中心" in md.split("## 四、不再设立的项目")[1].split("##")[0]
    germany = changes_of(changelog, "budget_changed", "3.5", "1.6")[0]
    assert phrase(germany) in md  # a budget change, in its words
    assert "国际合作司" in md and "2022年3月15日" in md
    pandoc = require_tool("pandoc")
    import subprocess

    text = subprocess.run([pandoc, str(out_dir / "memo-2022.docx"), "-t", "plain"],
                          capture_output=True, text=True, check=True).stdout
    assert "三、再次设立的项目" in text and "国际合作司" in text
    code, out = run("memo", "--year", "2030", "--corpus", str(corpus), "-o", str(out_dir))
    assert code == 1 and "no guideline of 2030" in out
