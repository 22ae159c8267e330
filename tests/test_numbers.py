"""Numbers exactly or not at all (``normalize/numbers.py``): a printed number read whole, with
its invisible characters and thousands separators; one that cannot be read with certainty stays
text with a warning naming its line; a wrong number never appears. Generated families of
printings, and the real 2022 guideline with its budgets reprinted."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as s

from guidediff.normalize import values as v
from guidediff.normalize.numbers import number_view, read_number
from guidediff.normalize.pipeline import normalize_raw
from guidediff.read.ingest import ingest_bytes

from .conftest import RAW_2022

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u2066"
GROUPING = (",", "，", " ", "\u00a0", "\u2009", "\u202f", "\u3000", "'")
# what a number may hold between its digits (not a word, nor a point: those print another number)
ODD = INVISIBLE + "".join(GROUPING) + "_·・-～—至到\t\n"


def grouped(n: int, sep: str) -> str:
    digits = str(n)
    head = len(digits) % 3 or 3
    return sep.join([digits[:head], *(digits[k:k + 3] for k in range(head, len(digits), 3))])


def amounts(text: str) -> list[Decimal]:
    return [sp.value.amount_wan for sp in v.parse_money(text)]


@given(s.integers(1, 10**11), s.sampled_from(GROUPING))
def test_thousands_grouped_any_way_read_exactly(n: int, sep: str) -> None:
    assert amounts(f"共拟支持经费：{grouped(n, sep)}万元人民币。") == [Decimal(n)]


@given(s.integers(10, 10**11), s.data())
def test_invisible_characters_inside_a_number_are_not_there(n: int, data: s.DataObject) -> None:
    digits = str(n)
    at = data.draw(s.integers(1, len(digits) - 1))
    ch = data.draw(s.sampled_from(INVISIBLE))
    printed = digits[:at] + ch + digits[at:]
    assert read_number(printed)[0] == Decimal(n)
    assert amounts(f"共拟支持经费：{printed}万元。") == [Decimal(n)]
    count = v.parse_project_counts(f"不超过 {printed} 个")
    assert [(c.value.max) for c in count] == ([n] if n < 10**12 else [])


@settings(max_examples=400)
@given(s.integers(10, 99999), s.data())
def test_a_wrong_number_never_appears(n: int, data: s.DataObject) -> None:
    """Any odd character put anywhere inside a budget: the amount read is the printed one, or
    none, and then a warning names it: never another number."""
    digits = str(n)
    at = data.draw(s.integers(1, len(digits) - 1))
    ch = data.draw(s.sampled_from(ODD))
    printed = digits[:at] + ch + digits[at:]
    text = f"共拟支持经费：{printed}万元人民币。"
    found = amounts(text)
    assert found in ([Decimal(n)], []), (printed, found)
    if not found:
        assert v.unreadable(text), printed


@given(s.text(alphabet=s.sampled_from("0123456789１２ ,，.\u200b\u00a0万元个年a中"), max_size=60))
def test_the_number_view_is_the_text_character_for_character(text: str) -> None:
    view = number_view(text)
    assert len(view) == len(text)
    for sp in v.parse_money(text) + v.parse_project_counts(text):
        assert 0 <= sp.start < sp.end <= len(text)


@pytest.mark.parametrize(("printed", "reason"), [
    ("45\u00a000", "no-break space where no thousands begin"),
    ("4,50", "a comma where no thousands begin"),
    ("4,500 000", "separated by a comma and a space"),
    ("45.00.0", "more than one decimal point"),
    ("4_500", "U+005F"),
    ("1" * 13, "out of range"),
    ("1.1234567", "more than 6 decimals"),
])
def test_what_cannot_be_read_says_why(printed: str, reason: str) -> None:
    value, why, _ = read_number(printed)
    assert value is None and reason in why


@pytest.mark.parametrize(("printed", "wan", "currency"), [
    ("45000000元", Decimal(4500), "CNY"), ("0.45亿元", Decimal(4500), "CNY"),
    ("4.5千万元", Decimal(4500), "CNY"), ("45000千元", Decimal(4500), "CNY"),
    ("45百万元", Decimal(4500), "CNY"), ("4500万人民币", Decimal(4500), "CNY"),
    ("500万美元", Decimal(500), "USD"), ("300欧元", Decimal("0.03"), "EUR"),
])
def test_amounts_in_every_unit_and_currency(printed: str, wan: Decimal, currency: str) -> None:
    (sp,) = v.parse_money(f"共拟支持经费：{printed}。")
    assert (sp.value.amount_wan, sp.value.currency) == (wan, currency)


@pytest.mark.parametrize("printed", ["1000-2000万元", "1000万元至2000万元", "1000～2000万元",
                                     "1000万-2000万元", "约1000到2000万元"])
def test_a_range_of_amounts_is_not_one_amount(printed: str) -> None:
    text = f"共拟支持经费：{printed}人民币。"
    assert amounts(text) == []
    assert any("is a range of amounts" in w for w in v.unreadable(text))


@pytest.mark.parametrize("text", ["1月1日元旦", "500日元", "500万日元", "2021年10月"])
def test_what_is_no_amount_is_none(text: str) -> None:
    assert amounts(text) == []


@pytest.mark.parametrize("text", ["实施周期：2021年10月至2023年9月", "项目执行期自2021年起执行"])
def test_a_year_in_a_date_is_no_duration(text: str) -> None:
    assert v.parse_durations(text) == []


def _direction(text: str, did: str):  # type: ignore[no-untyped-def]
    n = normalize_raw(ingest_bytes(text.encode("utf-8"), "edited.txt"))
    return n, next(d for d in n.guideline.directions if d.id == did)


def test_the_real_budget_reprinted_reads_the_same() -> None:
    from guidediff.normalize import facts

    text = RAW_2022.read_text(encoding="utf-8")
    for printed in ("45\u200b00万元", "4，500万元", "4 500万元", "45000000元", "0.45亿元"):
        n, d = _direction(text.replace("4500万元", printed, 1), "1.1")
        budget = facts.budget(d)
        assert budget is not None and budget.amount_wan == 4500, printed
        assert not [w for w in n.warnings if "kept as text" in w]


def test_foreign_amounts_are_kept_apart() -> None:
    from guidediff.normalize import facts

    text = RAW_2022.read_text(encoding="utf-8")
    _, d = _direction(text.replace("4500万元人民币。", "4500万元人民币，外方500万欧元。", 1), "1.1")
    b = facts.budget(d)
    assert b is not None and b.amount_wan == 4500
    assert [(m.amount_wan, m.currency) for m in b.foreign] == [(500, "EUR")]


def test_an_unreadable_budget_warns_with_its_line() -> None:
    text = RAW_2022.read_text(encoding="utf-8")
    n, d = _direction(text.replace("4500万元", "45\u00a000万元", 1), "1.1")
    from guidediff.normalize import facts

    assert facts.budget(d) is None
    assert any(w.startswith("edited.txt: line 99: the number “45<U+00A0>00” before 万元 cannot "
                            "be read")
               for w in n.warnings), n.warnings
