"""Per-project caps are typed: 每个项目不超过750万元 is a cap on each project, shown and compared,
never added to the direction's total."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidediff.cli import cli
from guidediff.compare.diff import diff
from guidediff.normalize import facts
from guidediff.normalize.pipeline import normalize_file
from guidediff.render import RenderOptions
from guidediff.render.jsonlog import to_dict

from .conftest import RAW_2022, changes_of

BUDGET = "共拟支持经费：4500万元人民币。"


def _doc(tmp_path: Path, budget: str, name: str) -> Path:
    text = RAW_2022.read_text(encoding="utf-8")
    assert BUDGET in text
    p = tmp_path / f"{name}.txt"
    p.write_text(text.replace(BUDGET, budget, 1), encoding="utf-8")
    return p


@pytest.mark.parametrize("printed", [
    "共拟支持经费：4500万元人民币，每个项目不超过750万元。",
    "共拟支持经费：4500万元人民币（每项不超过750万元）。",
    "共拟支持经费：4500万元人民币，单个项目资助强度不超过750万元。",
    "共拟支持经费：4500万元人民币，每个项目不超过 0.075亿元。",
])
def test_a_per_project_cap_is_typed_not_summed(tmp_path: Path, printed: str) -> None:
    d = normalize_file(_doc(tmp_path, printed, "cap")).guideline.direction("1.1")
    assert d is not None
    b = facts.budget(d)
    assert b is not None and b.amount_wan == Decimal(4500)
    assert b.per_project is not None and b.per_project.amount_wan == Decimal(750)
    assert b.per_project.cap


@pytest.mark.parametrize(("old", "new", "cap_old", "cap_new"), [
    (BUDGET, "共拟支持经费：4500万元人民币，每个项目不超过750万元。", None, 750),
    ("共拟支持经费：4500万元人民币，每个项目不超过750万元。", BUDGET, 750, None),
    ("共拟支持经费：4500万元人民币，每项不超过750万元。",
     "共拟支持经费：4500万元人民币，每项不超过600万元。", 750, 600),
])
def test_a_cap_that_appears_disappears_or_changes_is_a_budget_change(
        tmp_path: Path, old: str, new: str, cap_old: int | None, cap_new: int | None) -> None:
    log = diff(normalize_file(_doc(tmp_path, old, "old")).guideline,
               normalize_file(_doc(tmp_path, new, "new")).guideline)
    [c] = changes_of(log, "budget_changed")
    assert [x.kind for x in log.substantive()] == ["budget_changed"]
    assert c.old_value.amount_wan == c.new_value.amount_wan == Decimal(4500)  # total unchanged
    caps = [v.per_project.amount_wan if v.per_project else None for v in (c.old_value,
                                                                          c.new_value)]
    assert caps == [cap_old, cap_new]
    value = to_dict(log)["changes"][0]["new_value"]
    assert ("per_project" in value) == (cap_new is not None)
    from guidediff.render.text import render_text
    summary = render_text(log, RenderOptions()).decode("utf-8")
    assert (f"每项不超过{cap_new}万元" if cap_new else f"每项不超过{cap_old}万元") in summary


def test_show_prints_the_cap(tmp_path: Path) -> None:
    p = _doc(tmp_path, "共拟支持经费：4500万元人民币，每个项目不超过750万元。", "cap")
    r = CliRunner().invoke(cli, ["show", str(p)])
    assert r.exit_code == 0 and "4500 ≤750/项" in r.output
    r = CliRunner().invoke(cli, ["show", str(p), "-d", "1.1"])
    assert "每项不超过 750 万元" in r.output and "750 万CNY（每项）" in r.output
    r = CliRunner().invoke(cli, ["show", str(p), "-d", "1.1", "--lang", "en"])
    assert "per project" in r.output
