"""Structure read once: a field label printed twice in a direction has both fields compared; a
DOCX table inside a table cell, a Word text box (its shape and its VML fallback), content
controls and custom XML are each read once, a text box as paragraphs of its own; Word's
legal-style numbering prints 1.1. On the real 2022 guideline, built into each structure."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from guidediff.compare.diff import diff
from guidediff.normalize.pipeline import normalize_raw
from guidediff.read.ingest import ingest_bytes
from tests.support import structures as st

from .conftest import RAW_2022

TEXT = RAW_2022.read_text(encoding="utf-8")
PLAIN = normalize_raw(ingest_bytes(RAW_2022.read_bytes(), "plain.txt"))


def _read(data: bytes, name: str = "doc.docx"):  # type: ignore[no-untyped-def]
    return normalize_raw(ingest_bytes(data, name))


def _paragraphs(n) -> list[str]:  # type: ignore[no-untyped-def]
    return [b.text for b in n.guideline.blocks()]


STRUCTURES: dict[str, Callable[[list[str]], list[str]]] = {
    "a table in a cell": st.nested_table(1),
    "tables three deep": st.nested_table(3),
    "a text box, shape and fallback": st.text_box("both"),
    "a text box, shape only": st.text_box("shape"),
    "a text box, VML only": st.text_box("vml"),
    "a table in a text box": st.text_box("table"),
    "content controls and custom XML": st.content_controls,
}


@pytest.mark.parametrize("name", list(STRUCTURES))
def test_a_structure_is_read_once_and_not_glued(name: str) -> None:
    n = _read(st.docx_with(TEXT, STRUCTURES[name]))
    paras = _paragraphs(n)
    assert sum(p.count("写在文本框里的要求") for p in paras) == 1, name
    assert not any("锚定文本框的段落" in p and "写在文本框里" in p for p in paras)
    assert [d.id for d in n.guideline.directions] == [d.id for d in PLAIN.guideline.directions]
    d = n.guideline.direction("1.1")
    assert d is not None and any("写在文本框里的要求" in b.text for b in d.blocks())


@pytest.mark.parametrize("legal", ["<w:isLgl/>", '<w:isLgl w:val="true"/>',
                                   '<w:isLgl w:val="on"/>'])
def test_legal_numbering_prints_arabic_numbers(legal: str) -> None:
    n = _read(st.legal_numbering(TEXT, legal))
    assert [d.id for d in n.guideline.directions] == [d.id for d in PLAIN.guideline.directions]
    assert n.guideline.direction("1.1").title.text.startswith("1.1")  # type: ignore[union-attr]


def test_legal_numbering_switched_off_is_not_legal() -> None:
    n = _read(st.legal_numbering(TEXT, '<w:isLgl w:val="0"/>'))
    assert "1.1" not in [d.id for d in n.guideline.directions]
    assert any("一.1中国和西班牙" in p for p in _paragraphs(n))  # (as Word prints it)


def test_a_label_printed_twice_has_both_fields_compared() -> None:
    old = _read(st.label_twice(TEXT, "第二处要求甲。").encode("utf-8"), "old.txt")
    new = _read(st.label_twice(TEXT, "第二处要求乙。").encode("utf-8"), "new.txt")
    d = new.guideline.direction("1.1")
    assert d is not None and [f.name for f in d.fields].count("requirements") == 2
    log = diff(old.guideline, new.guideline)
    changed = [c for c in log.changes if "要求乙" in (c.new_text or "")]
    assert len(changed) == 1 and "要求甲" in (changed[0].old_text or "")
    assert len(log.changes) == 1  # (and nothing else: the first fields are the same)
