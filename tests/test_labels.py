"""Labels are data: every entry of labels.toml is recognized, maps to its field, belongs to one
field only, and is named by the schema; adding a synonym needs no code."""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guidediff.model import Block, Field, Item, Source
from guidediff.normalize import patterns as pt
from guidediff.normalize import vocabulary as vocab
from guidediff.normalize.pipeline import normalize_file
from guidediff.normalize.vocabulary import parse_vocabulary, vocabulary

from .conftest import RAW_2022

FIELDS = vocabulary().fields
LABELS = [(f.name, label) for f in FIELDS for label in f.labels]


def test_every_label_belongs_to_one_field_only() -> None:
    counts = Counter(label for _, label in LABELS)
    assert [label for label, n in counts.items() if n > 1] == []


@pytest.mark.parametrize(("name", "label"), LABELS)
def test_every_label_is_recognized_as_its_field(name: str, label: str) -> None:
    for printed in (f"{label}：正文。", f"{label}:正文。", f"{label} ：正文。"):
        assert pt.match_label(printed) == label
        assert pt.field_of(label).name == name
    # glued after the end of the previous sentence or bracket, it still starts the field
    assert pt.glued_labels(f"…4000万元人民币。{label}：正文") == [len("…4000万元人民币。")]
    assert pt.glued_labels(f"…人民币（每项不超过300万元）{label}:正文") == [
        len("…人民币（每项不超过300万元）")]


def test_every_field_has_names_for_readers_and_is_in_the_schema() -> None:
    rng = (resources.files("guidediff") / "schema" / "guideline.rng").read_text(encoding="utf-8")
    allowed = set(re.findall(r"<value>(\w+)</value>", rng))
    for f in FIELDS:
        assert f.zh and f.en and f.labels, f.name
        assert f.name in allowed, f"{f.name} is not in schema/guideline.rng"


def test_a_synonym_needs_no_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A new label added to the data file is read as its field: here 资助经费 as a budget."""
    data = (resources.files("guidediff.normalize") / "labels.toml").read_text(encoding="utf-8")
    data = data.replace('labels = ["共拟支持经费",', 'labels = ["资助经费", "共拟支持经费",')
    extended = parse_vocabulary(data)
    monkeypatch.setattr(vocab, "vocabulary", lambda: extended)
    monkeypatch.setattr(pt, "vocabulary", lambda: extended)
    text = RAW_2022.read_text(encoding="utf-8").replace("共拟支持经费：4500", "资助经费：4500", 1)
    p = tmp_path / "synonym.txt"
    p.write_text(text, encoding="utf-8")
    d = normalize_file(p).guideline.direction("1.1")
    assert d is not None
    budget = d.field("budget")
    assert budget is not None and budget.label == "资助经费"


def test_an_unknown_label_is_its_own_field(tmp_path: Path) -> None:
    text = RAW_2022.read_text(encoding="utf-8").replace(
        "共拟支持经费：4500", "资助强度说明：4500", 1)
    p = tmp_path / "unknown.txt"
    p.write_text(text, encoding="utf-8")
    d = normalize_file(p).guideline.direction("1.1")
    assert d is not None
    assert [(f.name, f.label) for f in d.fields if f.name == "other"] == [("other", "资助强度说明")]


# ---------------------------------------------------------------- the rules of the structure

RULES = vocabulary()


def test_every_rule_names_what_it_is_about() -> None:
    rng = (resources.files("guidediff") / "schema" / "guideline.rng").read_text(encoding="utf-8")
    allowed = set(re.findall(r"<value>(\w+)</value>", rng))
    assert set(RULES.clauses) <= {f.name for f in FIELDS}
    assert all(rule.separators for rule in RULES.clauses.values())
    assert {kind for kind, _ in RULES.part_kinds} <= allowed and RULES.part_kinds
    assert all(words for _, words in RULES.part_kinds)
    assert RULES.sentence_ends and RULES.attachment_marks


@pytest.mark.parametrize(("heading", "kind"), [
    ("一、总体目标", "goals"), ("二、领域和方向", "directions"), ("三、申报说明", "other"),
    ("二、支持领域", "directions")])
def test_a_part_is_of_the_kind_its_heading_says(heading: str, kind: str) -> None:
    assert RULES.part_kind(heading) == kind


def _field(name: str, text: str, items: tuple = ()) -> Field:  # type: ignore[type-arg]
    src = Source(1, 1)
    return Field(name, "领域方向", "领域方向：", (Block(text, src),), src, items)


@given(st.sampled_from(sorted(RULES.clauses)), st.lists(
    st.text("智慧城市海洋科学生物信息通信能源", min_size=1, max_size=8), min_size=1, max_size=6),
    st.data())
def test_a_field_is_cut_where_its_rule_says(name: str, entries: list[str], data) -> None:  # type: ignore[no-untyped-def]
    """A paragraph of entries joined by the rule's separators is those entries (each keeping
    its separator); longer than the rule allows, or in a field with items, it is one clause."""
    from guidediff.compare.clauses import field_nodes

    rule = RULES.clauses[name]
    seps = [data.draw(st.sampled_from(rule.separators)) for _ in entries]
    text = "".join(e + s for e, s in zip(entries, seps, strict=True))
    assert [n.text for n in field_nodes(_field(name, text))] == \
        [e + s for e, s in zip(entries, seps, strict=True)]
    if rule.shorter_than is not None:
        long = text * (rule.shorter_than // len(text) + 1)
        assert len(field_nodes(_field(name, long))) == 1


def test_an_areas_field_with_items_is_its_items() -> None:
    from guidediff.compare.clauses import field_nodes

    item = Item("（1）", "digit-paren", (Block("海洋科学；", Source(2, 2)),), Source(2, 2))
    assert [n.text for n in field_nodes(_field("areas", "智慧城市、生物科技。", (item,)))] == [
        "智慧城市、生物科技。", "海洋科学；"]


def test_a_rule_changed_in_the_data_needs_no_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requirements cut at commas too, and 申报说明 made a part of the goals: from the file."""
    from guidediff.compare import clauses

    data = (resources.files("guidediff.normalize") / "labels.toml").read_text(encoding="utf-8")
    data = data.replace('[clauses.requirements]\nseparators = "。；;"',
                        '[clauses.requirements]\nseparators = "。；;，"')
    data = data.replace('goals = ["目标"]', 'goals = ["目标", "申报说明"]')
    changed = parse_vocabulary(data)
    monkeypatch.setattr(clauses, "vocabulary", lambda: changed)
    nodes = clauses.field_nodes(_field("requirements", "甲方负责，乙方配合。"))
    assert [n.text for n in nodes] == ["甲方负责，", "乙方配合。"]
    assert changed.part_kind("三、申报说明") == "goals"
