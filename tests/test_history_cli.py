"""The corpus commands as a user runs them: add, history (grid, JSON, programme, grep, files),
memo --year, and diff by corpus id."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidediff.cli import cli
from guidediff.render.phrases import phrase
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


def _draft_2023(path: Path) -> Path:
    """The 2022 guideline a year on, as a 2023 draft saved by Word (its title one line)."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("“政府间国际科技创新合作”重点专项2023年度第一批项目申报指南（征求意见稿）")
    for line in RAW_2022.read_text(encoding="utf-8").replace("2022", "2023").replace(
            "2021", "2022").split("\n"):
        if line.strip():
            doc.add_paragraph(line.strip())
    doc.save(str(path))
    return path


def test_add_makes_a_complete_step(corpus: Path, tmp_path: Path) -> None:
    """add records the comparison with the version before it, keeps （征求意见稿） in the title,
    puts the document after the others and the comparison after the others; build then
    writes that step's whole report set."""
    import tomllib

    from guidediff.render import REPORT_FILES

    code, out = run("add", str(_draft_2023(tmp_path / "2023.docx")), "--corpus", str(corpus))
    assert code == 0, out
    assert "added 2023-b1-draft" in out and "compared with 2022-b1-final" in out
    text = (corpus / "manifest.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    new = data["document"][-1]
    assert new["title"].endswith("项目申报指南（征求意见稿）") and new["stage"] == "draft"
    assert data["comparison"][-1] == {"old": "2022-b1-final", "new": "2023-b1-draft"}
    heads = re.findall(r"^\[\[(\w+)\]\]", text, re.M)
    assert heads == ["document"] * 3 + ["comparison"] * 2  # documents first, then comparisons
    assert text.index("# Comparisons written") > text.index('id = "2023-b1-draft"')
    reports = tmp_path / "r"
    code, out = run("build", "--corpus", str(corpus), "--reports", str(reports))
    assert code == 0, out
    for files in REPORT_FILES.values():
        for suffix, _ in files:
            assert (reports / f"2022-b1-final__2023-b1-draft.{suffix}").is_file(), suffix


def test_add_no_compare_and_a_version_between(corpus: Path, chain: Chain,
                                              tmp_path: Path) -> None:
    """--no-compare records none; a version that comes between two is compared with the one
    before it in the corpus order, not with the last one listed."""
    import tomllib

    before = tomllib.loads((corpus / "manifest.toml").read_text(encoding="utf-8"))
    late = tmp_path / "late.txt"
    late.write_text(chain.text(chain.versions[0]).replace("2000", "2030"), encoding="utf-8")
    code, out = run("add", str(late), "--corpus", str(corpus), "--no-compare")
    assert code == 0 and "compared with" not in out, out
    assert tomllib.loads((corpus / "manifest.toml").read_text(encoding="utf-8"))[
        "comparison"] == before["comparison"]
    between = tmp_path / "between.txt"  # 2021 batch 1 final: after the 2021 draft
    between.write_text(chain.text(chain.versions[1]).replace("2000", "2021"), encoding="utf-8")
    code, out = run("add", str(between), "--corpus", str(corpus))
    assert code == 0 and "compared with 2021-b1-draft" in out, out
    data = tomllib.loads((corpus / "manifest.toml").read_text(encoding="utf-8"))
    assert data["comparison"][-1] == {"old": "2021-b1-draft", "new": "2021-b1-final"}
    assert [d["id"] for d in data["document"]][-2:] == ["2030-b1-draft", "2021-b1-final"]


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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_matched_is_said_alike_by_programme_and_grep(corpus: Path, lang: str) -> None:
    """--programme and --grep that match nothing: exit 0 and one line saying so, in the
    reader's language; a JSON output is still the (empty) contract."""
    said = {"zh": "没有找到“火星”", "en": "nothing matches “火星”"}[lang]
    for option in ("--programme", "--grep"):
        r = CliRunner().invoke(cli, ["history", "--corpus", str(corpus), option, "火星",
                                     "--lang", lang])
        assert r.exit_code == 0, r.output
        assert r.output.count("\n") == 1 and r.output.startswith(said), r.output
    r = CliRunner().invoke(cli, ["history", "--corpus", str(corpus), "--programme", "火星",
                                 "-f", "json", "--lang", lang])
    assert r.exit_code == 0 and json.loads(r.stdout)["lineages"] == []
    assert r.stderr.startswith(said)
    r = CliRunner().invoke(cli, ["history", "--corpus", str(corpus), "--grep", "火星",
                                 "-f", "json", "--lang", lang])
    assert r.exit_code == 0 and json.loads(r.stdout)["seen"] == []


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


def test_history_grep_says_paragraph_for_a_docx(tmp_path: Path) -> None:
    """A DOCX counts paragraphs (第N段), a text lines (第N行), each hit in its own unit."""
    from docx import Document

    doc = Document()
    for line in RAW_2022.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            doc.add_paragraph(line.strip())
    docx = tmp_path / "2022-final.docx"
    doc.save(str(docx))
    code, out = run("history", str(RAW_2021), str(docx), "--grep", "西班牙")
    assert code == 0, out
    spain = next(line for line in out.splitlines() if line.startswith("中国和西班牙"))
    first, last = spain.split("最后出现")
    assert "2021-batch1-draft" in first and re.search(r"第\d+行", first), spain
    assert "2022-final" in last and re.search(r"第\d+段", last), spain
    code, out = run("history", str(RAW_2021), str(docx), "--grep", "西班牙", "--lang", "en")
    assert re.search(r"para\. \d+", out) and re.search(r"l\. \d+", out)
    data = json.loads(run("history", str(docx), "--grep", "西班牙", "-f", "json")[1])
    assert {s["first"]["line_unit"] for s in data["seen"]} == {"paragraph"}


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


def _section(md: str, head: str) -> str:
    return md.split(f"## {head}")[1].split("\n## ")[0]


def test_the_year_memo_speaks_as_a_drafting_office_writes(corpus: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          changelog) -> None:
    """Documents named by their titles, never by an id; no arrows; a removed cap said as such;
    a new contact whole; wording edits counted and pointed to the 新旧对照表 written beside it,
    none of them listed."""
    from guidediff.compare.kinds import Kind
    from guidediff.model import Contact
    from guidediff.render.phrases import phrase

    out_dir = tmp_path / "memo"
    code, out = run("memo", "--year", "2022", "--corpus", str(corpus), "-o", str(out_dir))
    assert code == 0, out
    md = (out_dir / "memo-2022.md").read_text(encoding="utf-8")
    body = md.split("<p align")[0]
    for vid in ("2021-b1-draft", "2022-b1-final"):
        assert vid not in body
    assert "→" not in body and "->" not in body
    overview = _section(md, "一、总体情况")
    assert "《“政府间国际科技创新合作”重点专项2021年度第一批项目申报指南（征求意见稿）》" in overview
    assert "指南方向数由29个调整为17个" in overview
    assert "中国和西班牙政府间科技合作项目（原方向2.8，现方向1.1）：经费由不超过4500万元调整为" \
        "4500万元，取消“不超过”上限" in _section(md, "五、经费调整")
    contacts = _section(md, "七、联系人变化")
    added = [c.new_value for c in changelog.substantive() if c.kind is Kind.CONTACT_ADDED]
    assert added
    for c in added:
        assert isinstance(c, Contact)
        line = next(x for x in contacts.split("\n\n") if (c.email or c.name or "") in x)
        for part in (c.name, c.org, c.email, *c.phones):
            assert part is None or part in line.replace("\\", ""), (part, line)
    wording = [c for c in changelog.substantive() if c.kind in (
        Kind.AREA_CHANGED, Kind.AREA_MOVED, Kind.REQUIREMENT_CHANGED, Kind.REQUIREMENT_MOVED,
        Kind.TEXT_CHANGED)]
    others = _section(md, "八、其他调整")
    assert f"文字调整（措辞、标点、顺序）共{len(wording)}处，不逐条列出，详见随附的新旧对照表" in others
    assert not [c for c in wording if phrase(c) in md]  # counted, not listed
    table = out_dir / "memo-2022.2021-b1-draft__2022-b1-final.table.docx"
    assert table.is_file() and sorted(p.name for p in out_dir.iterdir()) == [
        "memo-2022.2021-b1-draft__2022-b1-final.table.docx", "memo-2022.docx", "memo-2022.md"]


def test_a_year_without_the_year_before_is_refused_unless_first(corpus: Path,
                                                                 tmp_path: Path) -> None:
    out_dir = tmp_path / "memo"
    code, out = run("memo", "--year", "2021", "--corpus", str(corpus), "-o", str(out_dir))
    assert code == 1
    assert "no guideline of 2020 to compare 2021 with" in out and "--first" in out
    assert not out_dir.exists()
    code, out = run("memo", "--year", "2021", "--first", "--corpus", str(corpus), "-o",
                    str(out_dir))
    assert code == 0, out
    md = (out_dir / "memo-2021.md").read_text(encoding="utf-8")
    assert "2021年度为语料中的首个年度" in md
    assert _section(md, "二、新设立的项目").count("（方向") == 29
