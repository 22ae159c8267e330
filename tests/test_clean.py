"""Each cleaning step alone, then the whole cleaner on the real documents."""

from __future__ import annotations

from guidediff.model import Line
from guidediff.normalize.clean import (
    clean,
    drop_blank_lines,
    drop_link_annotations,
    drop_page_numbers,
    join_paragraphs,
    joiner,
)
from guidediff.read.ingest import ingest, ingest_text

from .conftest import RAW_2021, RAW_2022


def _lines(*texts: str, starts: tuple[int, ...] = ()) -> list[Line]:
    return [Line(i + 1, t, None, i in starts) for i, t in enumerate(texts)]


def test_blank_lines_dropped() -> None:
    kept, gone, note = drop_blank_lines(_lines("甲", "", "乙", "  "))
    assert [ln.text for ln in kept] == ["甲", "乙"] and gone == [] and "2 blank" in note


def test_page_numbers_become_artifacts() -> None:
    kept, gone, _ = drop_page_numbers(_lines("正文。", "— 11 —", "下一页"))
    assert [ln.text for ln in kept] == ["正文。", "下一页"]
    assert [(a.kind, a.text, a.line) for a in gone] == [("page-number", "— 11 —", 2)]


def test_annotation_run_before_page_start_is_removed() -> None:
    lines = _lines("《中华人民共和国科学技术部关于重点领", "https://a.example/x，",
                   "https://a.example/x，", " 域科技创新合作的谅解备忘录》", starts=(3,))
    kept, gone, _ = drop_link_annotations(lines)
    assert [ln.number for ln in kept] == [1, 4]
    assert [a.line for a in gone] == [2, 3]


def test_mailto_line_is_always_an_artifact() -> None:
    kept, gone, _ = drop_link_annotations(_lines("（1）某项要求。", "mailto:a@b.cn", "（2）下一项。"))
    assert [ln.number for ln in kept] == [1, 3] and gone[0].text == "mailto:a@b.cn"


def test_url_continuing_a_sentence_stays_body_text() -> None:
    lines = _lines("工作方案：", "https://ec.europa.eu/what-work-program", "me；")
    kept, gone, _ = drop_link_annotations(lines)
    assert len(kept) == 3 and gone == []


def test_joiner_repairs_split_addresses_and_keeps_words_apart() -> None:
    assert joiner("邮箱：JaquelineMay.Ives", "@now-gmbh.de") == ("", True)
    assert joiner("邮箱：mika.klemettinen@", "businessfinland.fi") == ("", True)
    assert joiner("见 http://ec.europa.", "eu/research") == ("", True)
    assert joiner("https：", "//service.most.gov.cn") == ("", True)
    assert joiner("Maarit", "KOKKO，电话") == (" ", False)
    assert joiner("电话：+34", "91 5810489") == (" ", False)
    assert joiner("科学技术部与西班牙王国科", "学、创新") == ("", False)


def test_wrapped_direction_title_is_joined() -> None:
    raw = ingest(RAW_2021)
    paras = clean(raw).paragraphs
    assert any(p.text == "2.7中国和欧盟科技创新合作联合资助机制研究创新合作项目" for p in paras)


def test_page_start_inside_paragraph_is_joined() -> None:
    raw = ingest_text("（1）项目合作双方需分别向本国的项目征集部门提交申报\n\n"
                      " 材料，单方申报项目无效。\n\n（2）下一项。\n")
    paras, _ = join_paragraphs([ln for ln in raw.lines if ln.text.strip()])
    assert [p.text for p in paras] == ["（1）项目合作双方需分别向本国的项目征集部门提交申报材料，单方申报项目无效。",
                                       "（2）下一项。"]


def test_cleaner_reports_what_each_step_removed() -> None:
    reports = {r.name: r for r in clean(ingest(RAW_2022)).reports}
    assert reports["drop-page-numbers"].removed == 2
    assert reports["drop-link-annotations"].removed == 18
    assert "addresses rejoined" in reports["repair-split-addresses"].note


def test_no_annotation_left_in_body_text() -> None:
    for path in (RAW_2021, RAW_2022):
        for p in clean(ingest(path)).paragraphs:
            assert "mailto:" not in p.text
            assert not p.text.startswith(("http://", "https://")), p.text


def test_spain_agreement_2021_is_one_sentence() -> None:
    paras = clean(ingest(RAW_2021)).paragraphs
    spain = [p for p in paras if p.text.startswith("合作协议：《中华人民共和国科学技术部与西班牙王国科学、")]
    assert len(spain) == 1
    assert "重点领域科技创新合作的谅解备忘录》及《中国科技部国际合作司—西班牙" in spain[0].text
    assert "http" not in spain[0].text
    assert spain[0].text.endswith("管理指南》。")
