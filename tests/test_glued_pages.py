"""Layout is not content: a page number glued to the first line of the next page, as a PDF
extractor can print it (``— 17 —共拟支持经费：2000万元人民币。``), reads as a page number and
that line, not as text of the line.

The family: both real documents, their printed page numbers taken out, then page numbers of
the usual styles (— 17 —, -17-, 第17页, 17/30, ·17·) put before random field-label lines, once
on a line of their own and once glued to the label; both normalize to the same guideline, the
page numbers as page-number artifacts on the same pages.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from guidediff.normalize import patterns as pt
from guidediff.normalize.clean import drop_page_numbers
from guidediff.normalize.pipeline import normalize_file
from guidediff.read.pages import assign_pages, glued_page_number, page_number

from .conftest import RAW

STYLES = ("— {} —", "-{}-", "- {} -", "第{}页", "第 {} 页", "{}/{n}", "·{}·", "～{}～")


def _label_lines(lines: list[str]) -> list[int]:
    """Lines that begin with a field label, a blank line before them (where a page number can
    stand on a line of its own without renumbering the text)."""
    return [j for j, text in enumerate(lines) if j > 0 and not lines[j - 1].strip()
            and pt.match_label(text.strip()) is not None and page_number(text) is None]


def _pair(year: str, seed: int) -> tuple[str, str, list[str]]:
    """(page numbers on their own lines, the same glued to the labels, the numbers printed)."""
    rng = random.Random(seed)
    lines = ["" if page_number(t) is not None else t
             for t in RAW[year].read_text(encoding="utf-8").split("\n")]
    chosen = sorted(rng.sample(_label_lines(lines), 3))
    own = lines[:]
    for j in chosen:
        own[j - 1] = "— 0 —"
    sheets = assign_pages(own).sheets  # the sheet each page number closes
    total = sheets[-1] + 3
    base = rng.choice([0, 1, 2])
    glued = lines[:]
    printed = []
    for j in chosen:
        number = rng.choice(STYLES).format(sheets[j - 1] + 1 + base, n=total)
        own[j - 1] = number
        glued[j] = number + lines[j].lstrip()
        printed.append(number)
    return "\n".join(own), "\n".join(glued), printed


def _comparable(xml: bytes) -> str:
    """The normalized XML without what names the file, and without the line a page number
    was read from (its own line, or the label's)."""
    text = xml.decode("utf-8")
    text = re.sub(r' (?:id|source|sha256)="[^"]*"', "", text, count=3)
    return re.sub(r'(<artifact kind="page-number") line="\d+"', r"\1", text)


@pytest.mark.parametrize("year, seed", [("2021", 1), ("2021", 2), ("2021", 3), ("2022", 4),
                                        ("2022", 5), ("2022", 6)])
def test_a_page_number_glued_to_a_label_reads_as_a_page_number(year: str, seed: int,
                                                                tmp_path: Path) -> None:
    own, glued, printed = _pair(year, seed)
    (tmp_path / "own").mkdir()
    (tmp_path / "glued").mkdir()
    a, b = tmp_path / "own" / "doc.txt", tmp_path / "glued" / "doc.txt"
    a.write_text(own, encoding="utf-8")
    b.write_text(glued, encoding="utf-8")
    na, nb = normalize_file(a), normalize_file(b)
    nb.check()
    numbers = [x for x in nb.guideline.artifacts if x.kind == "page-number"]
    assert [x.text for x in numbers] == printed
    assert all(x.page is not None for x in nb.guideline.artifacts)  # the pages are known
    assert _comparable(na.xml_bytes()) == _comparable(nb.xml_bytes()), f"seed {seed}: {printed}"


def test_the_real_documents_page_number_glued_to_its_budget() -> None:
    """The 2022 final's — 17 — glued to 共拟支持经费：2000万元人民币。 (the Mongolian direction)."""
    from guidediff.read.pages import assign_pages as pages

    text = RAW["2022"].read_text(encoding="utf-8").split("\n")
    k = text.index("— 17 —")
    j = next(i for i in range(k + 1, len(text)) if text[i].strip())
    assert text[j] == "共拟支持经费：2000万元人民币。"
    glued = [*text[:k], "", *text[k + 1:j], "— 17 —" + text[j], *text[j + 1:]]
    table = pages(glued)
    line = table[j]
    assert line.page == 18 and line.page_start
    kept, gone, _ = drop_page_numbers([line])
    assert [g.text for g in gone] == ["— 17 —"] and gone[0].page == 17
    assert kept[0].text == "共拟支持经费：2000万元人民币。"


@pytest.mark.parametrize("text, number", [
    ("— 17 —共拟支持经费：2000万元人民币。", 17), ("-17-拟支持项目数：5个", 17),
    ("第17页共拟支持经费：2000万元", 17), ("第 3 页 其他要求：", 3), ("17/30领域方向：", 17),
    ("·17·共拟支持经费：", 17), ("１７/３０联系人：", 17),
])
def test_glued_page_numbers_of_every_style(text: str, number: int) -> None:
    g = glued_page_number(text)
    assert g is not None and g.number == number
    assert text[g.end:].strip() and page_number(text[:g.end]) == number


@pytest.mark.parametrize("text", [
    "— 17 —", "1/3以上的经费用于设备购置", "3/20", "2.5/3.0", "17/3领域方向：", "2021年度",
    "第一页", "1.智慧城市；", "—— 国际合作",
])
def test_what_is_not_a_glued_page_number(text: str) -> None:
    g = glued_page_number(text)
    assert g is None or (text == "1/3以上的经费用于设备购置" and not g.unmistakable)


def test_a_line_that_only_looks_glued_keeps_its_text() -> None:
    """第3页… or 1/3… inside a page, where no page ends, is the document's text."""
    texts = ["正文第一段。", "", "1/3以上的经费用于设备购置。", "", "— 1 —", "", " 下一页。"]
    table = assign_pages(texts)
    assert not table[2].page_start
    kept, gone, _ = drop_page_numbers(list(table))
    assert [x.text for x in gone] == ["— 1 —"]
    assert "1/3以上的经费用于设备购置。" in [x.text for x in kept]
