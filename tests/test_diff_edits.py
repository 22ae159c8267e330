"""Known edits of a real document, and the events they must produce."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from guidediff.compare.diff import diff
from guidediff.compare.events import ChangeLog
from guidediff.normalize.facts import contacts
from guidediff.normalize.pipeline import Normalized, normalize_file
from guidediff.text import fold_spaces

from .conftest import RAW_2022, changes_of


def _edited(tmp_path: Path, *pairs: tuple[str, str]) -> ChangeLog:
    text = RAW_2022.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    p = tmp_path / "edited.txt"
    p.write_text(text, encoding="utf-8")
    return diff(normalize_file(RAW_2022).guideline, normalize_file(p).guideline)


def test_budget_cut(tmp_path: Path) -> None:
    log = _edited(tmp_path, ("共拟支持经费：4500万元人民币。", "共拟支持经费：4000万元人民币。"))
    [c] = log.substantive()
    assert (c.kind, c.old_direction, c.new_direction) == ("budget_changed", "1.1", "1.1")
    assert (c.old_value.amount_wan, c.new_value.amount_wan) == (Decimal(4500), Decimal(4000))
    assert (-1, "4500万元") in c.diff and (1, "4000万元") in c.diff


def test_duration_change(tmp_path: Path) -> None:
    log = _edited(tmp_path, ("（3）项目执行期原则上不超过 2年。", "（3）项目执行期原则上不超过 3年。"))
    kinds = sorted(c.kind for c in log.substantive())
    assert kinds == ["duration_changed", "requirement_changed"]
    [d] = changes_of(log, "duration_changed")
    assert (d.old_value.max_years, d.new_value.max_years) == (2, 3)


def test_contact_phone_changed(tmp_path: Path) -> None:
    log = _edited(tmp_path, ("+34\n\n91 5810489", "+34\n\n91 5810490"))
    [c] = changes_of(log, "contact_changed")
    assert c.old_value.phones == ("+34 91 5810489",) and c.new_value.phones == ("+34 91 5810490",)
    assert (-1, "+34 91 5810489") in c.diff


def test_contact_renamed_or_removed(tmp_path: Path) -> None:
    log = _edited(tmp_path, ("能源企划评价院 Taehong Sung", "能源企划评价院 Tae-hong Sung"))
    [c] = changes_of(log, "contact_changed")
    assert (c.old_value.name, c.new_value.name) == ("Taehong Sung", "Tae-hong Sung")
    log = _edited(tmp_path, ("，邮箱：thsung@ketep.re.kr。", "。"))
    assert [c.old_value.email for c in changes_of(log, "contact_removed")] == [
        "thsung@ketep.re.kr"]


@pytest.mark.parametrize(("printed", "other"), [
    ("米卡（Mika）", "米卡(Mika)"), ("俞淳，电话", "俞 淳，电话"), ("SangHa Woo", "ＳａｎｇＨａ Woo")])
def test_a_contact_printed_in_another_width_is_the_same_contact(tmp_path: Path, printed: str,
                                                                  other: str) -> None:
    """A contact's name is kept as printed (the reports quote it) and matched in canonical
    form: full- or half-width brackets and letters, or a space inside a Chinese name, are no
    contact change."""
    log = _edited(tmp_path, (printed, other))
    assert not [c for c in log.substantive() if c.kind.startswith("contact")], \
        [(c.kind, c.old_text, c.new_text) for c in log.substantive()]
    names = [c.name for d in normalize_file(tmp_path / "edited.txt").guideline.directions
             for c in contacts(d)]
    assert fold_spaces(other.split("，")[0]) in names, names  # as printed


def test_a_contact_change_says_only_what_changed(tmp_path: Path) -> None:
    """A phone changed on a contact whose name is printed in another width: the phone is said,
    never the name changed into itself (米卡(Mika)调整为米卡（Mika）)."""
    log = _edited(tmp_path, ("米卡（Mika）", "米卡(Mika)"), ("+86 134 8274 6884", "+86 134 8274 6885"))
    [c] = changes_of(log, "contact_changed")
    from guidediff.render.phrases import phrase
    said = phrase(c, "zh")
    assert "电话" in said and "姓名" not in said and "Mika)调整为" not in said, said


def test_requirements_swapped_is_a_move(tmp_path: Path) -> None:
    a = "（1）中奥双方的合作单位投入力量要基本平衡。"
    b = "（2）中奥合作单位要签署明确的知识产权协议。"
    log = _edited(tmp_path, (a, "@@"), (b, a.replace("（1）", "（2）")),
                  ("@@", b.replace("（2）", "（1）")))
    moves = changes_of(log, "requirement_moved")
    assert len(moves) == 1 and moves[0].new_direction == "1.3"
    assert not changes_of(log, "requirement_added") and not changes_of(log, "requirement_removed")


def test_numbering_style_only_is_format_only(tmp_path: Path) -> None:
    log = _edited(tmp_path, *[(f"（{k}）项目合作双方需分别向本国", f"{k}）项目合作双方需分别向本国")
                              for k in (1, 2)])
    assert log.changes and log.substantive() == ()


def test_area_added_and_link_removed(tmp_path: Path) -> None:
    log = _edited(tmp_path, ("领域方向：生物科技；信息通信。", "领域方向：生物科技；信息通信；人工智能。"),
                  ("相关链接为 https：//sede.cdti.gob.es/。", "相关链接见西方指南。"))
    assert [c.new_text for c in changes_of(log, "area_added")] == ["人工智能。"]
    # the address as printed, and as repaired (its trailing slash kept: issue #21, class 5)
    assert [(c.old_text, c.old_value) for c in changes_of(log, "link_removed")] == [
        ("https：//sede.cdti.gob.es/", "https://sede.cdti.gob.es/")]


@pytest.mark.parametrize("kind", ["program_added", "program_dropped"])
def test_direction_removed_or_added(tmp_path: Path, norm2022: Normalized, kind: str) -> None:
    text = RAW_2022.read_text(encoding="utf-8")
    start = text.index("2.6中国和美国政府间合作项目")
    end = text.index("2.7中国和韩国政府间能源技术")
    p = tmp_path / "cut.txt"
    p.write_text(text[:start] + text[end:].replace("2.7中国和韩国", "2.6中国和韩国"),
                 encoding="utf-8")
    cut = normalize_file(p).guideline
    log = diff(norm2022.guideline, cut) if kind == "program_dropped" else diff(
        cut, norm2022.guideline)
    [c] = changes_of(log, kind)
    assert "美国" in (c.old_text or c.new_text or "")
    korea = next(r for r in log.alignment if r.status == "matched" and "2.6" in (r.old, r.new)
                 and "2.7" in (r.old, r.new))
    assert korea.score is not None and korea.score > 0.9


def test_unknown_label_is_its_own_field_and_compared(tmp_path: Path) -> None:
    note = "\n\n申报说明：请通过国家科技管理信息系统申报。\n\n其他要求：\n\n（1）项目牵头单位须为企业。"
    base = RAW_2022.read_text(encoding="utf-8").replace(
        "\n\n其他要求：\n\n（1）项目牵头单位须为企业。", note)
    old = tmp_path / "old.txt"
    old.write_text(base, encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text(base.replace("请通过国家科技管理信息系统申报", "请于10月前申报"), encoding="utf-8")
    g_old = normalize_file(old).guideline
    d = g_old.direction("2.7")
    assert d is not None
    other = [f for f in d.fields if f.name == "other"]
    assert [(f.label, f.label_text) for f in other] == [("申报说明", "申报说明：")]
    log = diff(g_old, normalize_file(new).guideline)
    [c] = log.substantive()
    assert (c.kind, str(c.location), c.new_direction) == ("text_changed", "申报说明", "2.7")


@pytest.mark.parametrize("new", [
    "（1）中奥双方合作单位的投入应大致平衡。",  # the example: subject kept, words changed
    "（1）中奥双方的合作单位投入的力量和经费要基本平衡。",
])
def test_a_reworded_requirement_is_one_change(tmp_path: Path, new: str) -> None:
    log = _edited(tmp_path, ("（1）中奥双方的合作单位投入力量要基本平衡。", new))
    [c] = log.substantive()
    assert (c.kind, c.new_direction, str(c.location)) == ("requirement_changed", "1.3",
                                                  "requirements[1]")
    assert any(op != 0 for op, _ in c.diff) and any(op == 0 for op, _ in c.diff)


@pytest.mark.parametrize(("old", "new"), [
    ("（1）中奥双方的合作单位投入力量要基本平衡。", "（1）项目须在中国境内完成全部实验工作。"),
    ("（1）智慧城市；", "（1）海洋科学；"),  # two area names sharing no subject
])
def test_clauses_about_different_things_are_a_removal_and_an_addition(
        tmp_path: Path, old: str, new: str) -> None:
    log = _edited(tmp_path, (old, new))
    kinds = sorted(c.kind for c in log.substantive())
    noun = "requirement" if "中奥" in old else "area"
    assert kinds == [f"{noun}_added", f"{noun}_removed"]


def test_rewording_is_decided_the_same_in_both_directions(tmp_path: Path) -> None:
    a, b = "（1）中奥双方的合作单位投入力量要基本平衡。", "（1）中奥双方合作单位的投入应大致平衡。"
    fwd = _edited(tmp_path, (a, b))
    text = RAW_2022.read_text(encoding="utf-8").replace(a, b, 1)
    p = tmp_path / "reworded.txt"
    p.write_text(text, encoding="utf-8")
    back = diff(normalize_file(p).guideline, normalize_file(RAW_2022).guideline)
    assert [c.kind for c in fwd.substantive()] == [c.kind for c in back.substantive()] == [
        "requirement_changed"]
