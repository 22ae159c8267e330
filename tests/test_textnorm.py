"""Comparison text and token diffs."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidediff.compare.tokens import _bigrams, comparable, similarity, token_diff, tokens


@pytest.mark.parametrize(("a", "b"), [
    ("项目执行期原则上为 2至 3年；", "项目执行期原则上为 2～3年。"),
    ("《2019-2023中芬科技创新合作战略旗舰计划》", "《2019—2023中芬科技创新合作战略旗舰计划》"),
    ("生物科技、信息通信。", "生物科技；信息通信。"),
    ("拟支持项目数：3 个。", "拟支持项目数：3个。"),
    ("（DHC）网络", "(DHC)网络"),
])
def test_format_is_not_content(a: str, b: str) -> None:
    assert comparable(a) == comparable(b)


@pytest.mark.parametrize(("a", "b"), [
    ("共拟支持经费：2500万元人民币。", "共拟支持经费：2000万元人民币。"),
    ("项目执行期原则上不超过 2年。", "项目执行期原则上不超过 3年。"),
    ("生物科技、信息通信。", "生物科技、信息通信、航空航天。"),
])
def test_content_is_content(a: str, b: str) -> None:
    assert comparable(a) != comparable(b)


def test_atomic_tokens() -> None:
    toks = tokens("电话：+82-2-3460-5702，邮箱：woosh@nrf.re.kr，见 https://sede.cdti.gob.es/ "
                  "Carlos Quintana 4500万元")
    for atom in ("+82-2-3460-5702", "woosh@nrf.re.kr", "https://sede.cdti.gob.es/", "Carlos",
                 "4500万元"):
        assert atom in toks


def test_number_changes_whole() -> None:
    ops = token_diff("不超过 15 个", "不超过 10 个")
    assert (-1, "15个") in ops and (1, "10个") in ops


def test_phone_changes_whole() -> None:
    ops = token_diff("电话：+34 91 5810489", "电话：+34 91 5810490")
    assert (-1, "+34 91 5810489") in ops


def test_long_texts_are_diffed_not_replaced_whole() -> None:
    base = "中方申报单位还须配合西方申报单位填写英文项目申报表，" * 200
    ops = token_diff(base + "甲", base + "乙")
    assert ops[0][0] == 0 and len(ops[0][1]) > 1000


def test_similarity_bounds() -> None:
    assert similarity("智慧城市；", "智慧城市。") == 1.0
    assert similarity("水", "卫生") == 0.0
    assert 0 < similarity("可持续制造领域", "可持续制造和产业振兴领域") < 1


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="中国合作协定aA1 ，。", max_size=30))
def test_a_profile_is_the_bigram_multiset(text: str) -> None:
    """Each bigram of the comparable text once per occurrence, numbered from 0 (the fast path
    for texts whose bigrams are all different gives what counting gives)."""
    x, elements, n = _bigrams(text)
    assert x == comparable(text)
    grams = [x[i:i + 2] for i in range(len(x) - 1)] if len(x) > 1 else list(x)
    counted = Counter(grams)
    assert n == len(grams)
    assert elements == {f"{g}{k}" for g, c in counted.items() for k in range(c)}


def _lcs_table(a: str, b: str) -> int:
    """The longest common subsequence, by the textbook table."""
    row = [0] * (len(b) + 1)
    for ca in a:
        prev = 0
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], prev + 1 if ca == cb else max(row[j], row[j - 1])
    return row[-1]


@given(st.text("中国和美国科技合作项目领域ab1", max_size=90),
       st.text("中国和美国科技合作项目领域ab1", max_size=90))
def test_the_bit_parallel_lcs_is_the_longest_common_subsequence(a: str, b: str) -> None:
    from guidediff.compare.tokens import lcs_length

    assert lcs_length(a, b) == _lcs_table(a, b) == lcs_length(b, a)
