"""Labels are data: every entry of labels.toml is recognized, maps to its field, belongs to one
field only, and is named by the schema; adding a synonym needs no code."""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

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
