"""Reports a ministry reader can sign: every change stated once with its evidence, the
substance in the memo, no internal name in any text a reader reads."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from lxml import etree, html

from guidediff.cli import cli
from guidediff.compare.events import ChangeLog
from guidediff.render import REPORT_FILES, RenderOptions
from guidediff.render.memo import render_memo_md
from guidediff.render.table import render_table, table_rows

from .conftest import RAW_2021, RAW_2022

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_text(data: bytes) -> str:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return "\n".join("".join(p.itertext()) for p in root.iter(f"{W}p"))


# ---------------------------------------------------------------- the 新旧对照表


def test_every_substantive_event_is_stated_once_kind_by_kind(changelog: ChangeLog) -> None:
    rows = table_rows(changelog, RenderOptions())
    stated = [i for r in rows for i in r.stated]
    kinds = {c.id: c.kind for c in changelog.changes}
    assert Counter(kinds[i] for i in stated) == Counter(c.kind for c in changelog.substantive())
    assert len(stated) == len(set(stated))
    # a row with a note states an event, or says where a moved block went (its top row only)
    assert all(r.stated or r.note == "" or re.fullmatch(r"移至第\d+个[^，；]+", r.note)
               for r in rows), [r.note for r in rows if not r.stated and r.note]
    moved = [r.note for r in rows if r.note.startswith("移至")]
    assert moved == ["移至第4个领域方向", "移至第3个领域方向"]  # Austria's 医学, Finland's block


def test_the_table_docx_states_each_event(changelog: ChangeLog, tmp_path: Path) -> None:
    data = render_table(changelog, RenderOptions())
    table = Document(io.BytesIO(data)).tables[0]
    model = table_rows(changelog, RenderOptions())
    assert len(table.rows) == len(model) + 1  # the header, then a row for each of the model's
    notes = []
    for row, r in zip(table.rows[1:], model, strict=True):
        if r.kind == "heading":  # one cell across the columns
            assert row.cells[0].text == row.cells[-1].text == r.heading
        else:  # 序号 | 原文 | 修改后 | 说明
            assert row.cells[-1].text == r.note
            assert row.cells[0].text.isdigit() == (r.kind != "unchanged")
            notes.append(r.note)
    assert "拟支持项目数由“15个（其中抗击新冠肺炎疫情相关项目 7个以内）”调整为“不超过 15个”" in "".join(
        notes)


def test_format_only_is_unmarked_unless_asked(changelog: ChangeLog) -> None:
    """1.智慧城市； → （1）智慧城市； is renumbering: no mark, no label by default."""
    default = table_rows(changelog, RenderOptions())
    assert not any("格式调整" in r.note or "领域调整" in r.note for r in default)
    spain = [r for r in default if r.new and "智慧城市" in r.new.text]
    assert spain == []  # an unchanged clause, abridged into a run
    shown = table_rows(changelog, RenderOptions(show_format_only=True))
    fmt = [r for r in shown if r.format_only]
    assert fmt and not any(r.stated for r in fmt)
    neutral = sorted(r.note for r in fmt if r.note != "格式调整")  # the meaning-neutral words
    assert neutral == ["措辞微调（增删“有”），不改变含义", "措辞微调（增删“考虑到”），不改变含义"]


def test_dropped_and_added_directions_are_one_row(changelog: ChangeLog) -> None:
    rows = table_rows(changelog, RenderOptions())
    dropped = [r for r in rows if r.kind == "direction" and r.old]
    added = [r for r in rows if r.kind == "direction" and r.new]
    assert len(dropped) == sum(r.status == "dropped" for r in changelog.alignment)
    assert len(added) == sum(r.status == "added" for r in changelog.alignment)
    france = next(r for r in added if "法国" in r.new.text)
    assert france.note == "新增方向（经费4000万元，拟支持项目数不超过 10个）"
    full = table_rows(changelog, RenderOptions(full_text=True))
    assert not [r for r in full if r.kind == "direction"]


def test_the_table_is_a4_landscape_with_repeated_header(changelog: ChangeLog) -> None:
    data = render_table(changelog, RenderOptions())
    doc = Document(io.BytesIO(data))
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (297, 210)
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    assert root.find(f".//{W}tblHeader") is not None
    footer = zipfile.ZipFile(io.BytesIO(data)).read("word/footer1.xml").decode()
    assert "PAGE" in footer


# ---------------------------------------------------------------- evidence


def test_evidence_in_every_report(changelog: ChangeLog, reports: dict[str, Path]) -> None:
    page = html.fromstring(reports["report.html"].read_text(encoding="utf-8"))
    spain_budget = page.xpath("//article[@id='d-2.8-1.1']//tr[td[@class='field'] = '拟支持经费']")
    assert spain_budget, "the budget row of Spain"
    sources = [s.text_content() for s in spain_budget[0].xpath(".//span[@class='src']")]
    assert sources == ["第16页第632行", "第4页第99行"]
    events = page.xpath("//li[contains(@class, 'change')][not(contains(@class, 'fmt'))]")
    assert events and all(e.xpath(".//span[@class='src']") for e in events)
    table = _docx_text(reports["table.docx"].read_bytes())
    assert "第4页第99行" in table and "第16页第632行" in table
    rows = list(csv.reader(io.StringIO(reports["changes.csv"].read_text(encoding="utf-8-sig"))))
    head = rows[0]
    spain = next(r for r in rows if r[head.index("说明")].startswith("经费由不超过4500万元"))
    assert (spain[head.index("原文页码")], spain[head.index("原文行（段）")],
            spain[head.index("修改后页码")], spain[head.index("修改后行（段）")]) == (
        "16", "632", "4", "99")


# ---------------------------------------------------------------- the memo


@pytest.fixture(scope="module")
def memo(changelog: ChangeLog) -> str:
    return render_memo_md(changelog, RenderOptions(date="2022-03-15", issuer="科技部国际合作司")
                          ).decode("utf-8")


def test_the_memo_has_the_substance(memo: str) -> None:
    germany = next(p for p in memo.split("\n\n") if p.startswith("中国和德国政府间科技合作项目（3.5→1.6）"))
    assert "电动汽车" in germany and "氢燃料电池汽车" in germany
    assert "名称由“中国和奥地利政府间联合研究项目”调整为“中国和奥地利政府间科技合作项目”" in memo
    assert "删去“（重点支持抗击新冠肺炎疫情相关领域科研合作）”" in memo
    assert "其中抗击新冠肺炎疫情相关项目 7个以内" in memo
    assert "新增合作国家、地区和国际组织5个：法国、马来西亚、白俄罗斯、乌兹别克斯坦、金砖国家" in memo
    assert "不再列入的10个：新西兰、以色列" in memo
    assert "中国和美国政府间合作项目（2.6，1.8亿元）" in memo
    assert "“项目将设立”改为“项目拟设立”" in memo  # the preamble, summarized


def test_the_memo_says_when_totals_agree_only_within_rounding(memo: str) -> None:
    assert "原文所述国拨经费总概算8.2亿元与各方向合计8.225亿元之差在文件所述精度（±0.05亿元）以内" in memo
    assert "经核对一致。" not in memo


def test_the_memo_is_signed_and_dated(memo: str, changelog: ChangeLog, tmp_path: Path) -> None:
    assert memo.rstrip().endswith('<p align="right">科技部国际合作司<br>2022年3月15日</p>')
    from guidediff.render.memo_docx import render_memo_docx
    doc = Document(io.BytesIO(render_memo_docx(changelog, RenderOptions(date="2022-03-15"))))
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    assert texts[-2:] == ["＿＿＿＿＿＿＿＿", "2022年3月15日"]  # no issuer: a line to fill in
    assert doc.paragraphs[-1].alignment == 2  # right


def test_the_english_memo_says_the_same(changelog: ChangeLog) -> None:
    en = render_memo_md(changelog, RenderOptions(lang="en")).decode("utf-8")
    assert "total budget from 8.2亿元 to about 6.2亿元" in en
    assert "number of tasks from about 266 to about 283" in en
    overview = en.split("## 1. Overview", 1)[1].split("## 2.", 1)[0]
    assert "约" not in overview.replace(en.split("\n")[0], "")  # "about", not 约
    for zh_part in ("## 一、", "新增方向", "经核对一致"):
        assert zh_part not in en
    assert "3 contacts added" not in en and "4 contacts added: IlmariABSETZ" in en


# ---------------------------------------------------------------- no internal names

_ADDRESS = re.compile(r"(?:https?|ftp)\s*[:：]\s*//\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_KEYS = ("requirements", "areas", "agreements", "budget_wan", "projects", "contacts", "preamble",
         "budget", "duration", "directions", "partners", "tasks", "title_changed", "format")


def _leaks(text: str, lang: str) -> list[str]:
    text = _ADDRESS.sub(" ", text)
    found = re.findall(r"\w+\[[\d.…]+\]", text)  # requirements[6], areas[3.…]
    found += re.findall(r"\b[a-z]+_[a-z_]+\b", text)  # budget_wan, text_changed
    if lang == "zh":
        found += [k for k in _KEYS if re.search(rf"(?<![A-Za-z]){k}(?![A-Za-z])", text)]
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_internal_name_reaches_a_reader(changelog: ChangeLog, lang: str) -> None:
    opts = RenderOptions(lang=lang, show_format_only=True)
    outputs: dict[str, str] = {}
    for files in REPORT_FILES.values():
        for suffix, fn in files:
            data = fn(changelog, opts)
            if suffix.endswith(".docx"):
                outputs[suffix] = _docx_text(data)
            elif suffix == "report.html":
                page = html.fromstring(data.decode("utf-8"))
                for el in page.xpath("//script|//style"):
                    el.getparent().remove(el)
                outputs[suffix] = page.text_content()
            elif suffix == "changes.csv":
                rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
                outputs[suffix] = "\n".join(" ".join(r[1:]) for r in rows)  # the id is a hash
            elif suffix != "changes.json":
                outputs[suffix] = data.decode("utf-8")
    leaks = {name: _leaks(text, lang) for name, text in outputs.items()}
    assert {k: v for k, v in leaks.items() if v} == {}


def test_quotes_are_never_cut_inside_an_address(changelog: ChangeLog, memo: str) -> None:
    from guidediff.render.words import quote
    text = ("（6）中奥合作伙伴需向各自主管部门申报。奥方主管部门为奥地利联邦教育、科学和研究部，奥方联系人："
            "Ms. Konstanze Pirker，邮箱：wtz@oead.at，网站：www.oead.at/wtz。")
    for limit in range(10, len(text)):
        q = quote(text, limit)
        assert "wtz@oead……" not in q and not re.search(r"@\w*……|www\.\w*……|https?\W*……", q)
    assert "wtz@oead……" not in memo


# ---------------------------------------------------------------- the tracked DOCX, the CLI


def test_the_tracked_docx_is_the_whole_document_on_a4(reports: dict[str, Path]) -> None:
    doc = Document(str(reports["tracked.docx"]))
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    root = etree.fromstring(zipfile.ZipFile(reports["tracked.docx"]).read("word/document.xml"))
    ins = "".join(t.text or "" for t in root.iter(f"{W}t") if t.getparent().getparent().tag
                  == f"{W}ins")
    dels = "".join(t.text or "" for t in root.iter(f"{W}delText"))
    assert "拟" in ins and "将" in dels  # the preamble: 将设立 → 拟设立
    assert "2022" in ins and "2021" in dels


def test_dash_o_prints_to_standard_output(tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["diff", str(RAW_2021), str(RAW_2022), "-f", "json", "-o", "-"])
    assert r.exit_code == 0 and json.loads(r.stdout)["schema"] == "guidediff.changes/1"
    assert not Path("-").exists()
    r = runner.invoke(cli, ["diff", str(RAW_2021), str(RAW_2022), "-f", "table", "-o", "-"])
    assert r.exit_code == 0 and r.stdout_bytes.startswith(b"PK\x03\x04")
    r = runner.invoke(cli, ["normalize", str(RAW_2022), "-o", "-"])
    assert r.exit_code == 0 and r.stdout.startswith("<?xml")


@pytest.mark.parametrize("command", [["show"], ["normalize"], ["diff", str(RAW_2022)],
                                     ["report", str(RAW_2022), "-o", "out"]])
def test_a_directory_is_a_bad_input_exit_1(command: list[str], tmp_path: Path) -> None:
    args = [command[0], str(tmp_path), *command[1:]] if command[0] != "report" else \
        ["report", str(RAW_2022), str(tmp_path), "-o", str(tmp_path / "out")]
    if command[0] == "diff":
        args = ["diff", str(RAW_2022), str(tmp_path)]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 1, r.output
    assert "is a directory" in r.output and str(tmp_path) in r.output


def test_stage_is_read_from_the_title_outside_the_manifest() -> None:
    r = CliRunner().invoke(cli, ["diff", str(RAW_2021), str(RAW_2022), "-f", "json"])
    log = json.loads(r.stdout)
    assert (log["old"]["stage"], log["new"]["stage"]) == ("draft", "final")


def test_an_unmatched_direction_says_which_pair_took_its_candidate(changelog: ChangeLog) -> None:
    korea = next(r for r in changelog.alignment if r.status == "dropped" and r.old == "1.9")
    assert korea.nearest is not None
    assert (korea.nearest.id, korea.nearest.taken_by) == ("2.7", "2.0")
    assert korea.nearest.score == pytest.approx(0.80, abs=0.01)
    assert korea.nearest.taken_score == pytest.approx(1.0, abs=0.01)
    from guidediff.render.text import render_text
    text = render_text(changelog, RenderOptions()).decode("utf-8")
    assert "1.9  中国和韩国政府间产业应用技术联合研究项目  (最接近 2.7, 0.80；已与 2.0 对应，匹配度 1.00)" in text
