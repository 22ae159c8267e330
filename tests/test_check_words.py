"""The reconciliation of stated totals says its figures with their units, the same way in every
report: the HTML 核对 table reads 8.2亿元 | 8.225亿元 | 在文件所述精度（±0.05亿元）内一致, as the
terminal summary does, never 82000 | 82250 | ✓ 一致.

A family of the real 2022 final with its stated total budget (约6.2亿元, the directions sum to
6.22亿元) printed at other precisions: agreeing exactly, within the printed rounding, or not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from guidediff.compare.diff import diff
from guidediff.compare.events import ChangeLog
from guidediff.normalize.pipeline import normalize_file
from guidediff.render import RenderOptions
from guidediff.render.html import render_html
from guidediff.render.text import render_text

from .conftest import RAW, RAW_2022


def _html_checks(log: ChangeLog, lang: str = "zh") -> list[list[str]]:
    doc = html.fromstring(render_html(log, RenderOptions(lang=lang)).decode("utf-8"))
    return [[td.text_content() for td in tr.xpath("td")]
            for tr in doc.xpath("//section[@id='checks']//tbody/tr")]


def _terminal_checks(log: ChangeLog, lang: str = "zh") -> list[str]:
    text = render_text(log, RenderOptions(lang=lang)).decode("utf-8")
    return text.split("\n## ")[-1].splitlines()[1:]


def test_the_real_pairs_checks_read_as_the_terminal_says_them() -> None:
    log = diff(normalize_file(RAW["2021"]).guideline, normalize_file(RAW["2022"]).guideline)
    rows = _html_checks(log)
    assert ["原文", "国拨经费总概算", "8.2亿元", "8.225亿元", "在文件所述精度（±0.05亿元）内一致"] in rows
    assert ["修改后", "指南方向数", "17个", "17个", "一致"] in rows
    assert ["原文", "项目任务数", "266项左右", "266项", "一致"] in rows  # as stated: 266项左右
    assert ["修改后", "国拨经费总概算", "约6.2亿元", "6.22亿元", "在文件所述精度（±0.05亿元）内一致"] in rows
    lines = _terminal_checks(log)
    assert len(rows) == len(lines) == len(log.checks)
    for (_, _, stated, computed, verdict), line in zip(rows, lines, strict=True):
        assert f"{stated}，" in line and f"{computed} — {verdict}" in line, (line, stated)


@pytest.mark.parametrize("printed, stated, verdict", [
    ("6.2", "6.2亿元", "在文件所述精度（±0.05亿元）内一致"),
    ("6.22", "6.22亿元", "一致"),
    ("6", "6亿元", "在文件所述精度（±0.5亿元）内一致"),
    ("7", "7亿元", "不一致"),
    ("5.9", "5.9亿元", "不一致"),
])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_stated_total_at_any_precision_reads_with_its_unit(printed: str, stated: str,
                                                             verdict: str, lang: str,
                                                             tmp_path: Path) -> None:
    text = RAW_2022.read_text(encoding="utf-8")
    assert text.count("总概算约 6.2") == 1
    path = tmp_path / "2022-varied.txt"
    path.write_text(text.replace("总概算约 6.2", f"总概算约 {printed}"), encoding="utf-8")
    log = diff(normalize_file(RAW["2021"]).guideline, normalize_file(path).guideline)
    rows = _html_checks(log, lang)
    budget = rows[-1]  # the new document's, last
    terminal = _terminal_checks(log, lang)[-1]
    # as stated, with its 约 (amounts read in 亿元 in either language)
    assert budget[2:4] == [f"约{stated}" if lang == "zh" else f"about {stated}", "6.22亿元"]
    if lang == "zh":
        assert budget[4] == verdict
    assert all(cell in terminal for cell in budget[2:]), (budget, terminal)
