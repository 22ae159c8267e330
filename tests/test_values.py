"""Value parsers on the phrasings the real documents print."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guidediff.model import Agreement, Contact, Count, Duration, Link, Money
from guidediff.normalize.values import (
    parse_agreements,
    parse_contacts,
    parse_durations,
    parse_links,
    parse_money,
    parse_project_counts,
    parse_summary_counts,
)


def _money(text: str) -> list[tuple[str, Money]]:
    out = []
    for s in parse_money(text):
        assert isinstance(s.value, Money)
        out.append((text[s.start:s.end], s.value))
    return out


@pytest.mark.parametrize(("text", "printed", "wan", "cap", "approx"), [
    ("共拟支持经费：4500万元人民币。", "4500万元", "4500", False, False),
    ("共拟支持经费：不超过 4500 万元人民币。", "不超过 4500 万元", "4500", True, False),
    ("总经费不超过 2500万人民币；", "不超过 2500万人民币", "2500", True, False),
    ("国拨经费总概算约 6.2 亿元。", "约 6.2 亿元", "62000", False, True),
    ("国拨经费总概算 8.2亿元。", "8.2亿元", "82000", False, False),
    ("共拟支持经费：1000 万元人民币。", "1000 万元", "1000", False, False),
])
def test_money(text: str, printed: str, wan: str, cap: bool, approx: bool) -> None:
    [(got, m)] = _money(text)
    assert got == printed
    assert (m.amount_wan, m.cap, m.approx, m.currency) == (Decimal(wan), cap, approx, "CNY")


def test_per_project_cap_is_not_a_total() -> None:
    [(_, m)] = _money("每个项目不超过750万元。")
    assert m.per == "project" and m.cap


def test_foreign_currency() -> None:
    [(_, m)] = _money("中美双方政府将各自投入至少 1250万美元支持")
    assert (m.currency, m.minimum, m.amount_wan) == ("USD", True, Decimal(1250))


@pytest.mark.parametrize(("text", "expected"), [
    ("不超过 15 个。", [Count("projects", None, 15, cap=True)]),
    ("5-8个。", [Count("projects", 5, 8)]),
    ("20个。", [Count("projects", 20, 20)]),
    ("90个项目左右。", [Count("projects", 90, 90, approx=True)]),
    ("15个（其中抗击新冠肺炎疫情相关项目 7个以内）。",
     [Count("projects", 15, 15), Count("subset", None, 7, cap=True)]),
    ("2个（生物科技领域 1个，信息通信领域 1个）。",
     [Count("projects", 2, 2), Count("subset", 1, 1), Count("subset", 1, 1)]),
])
def test_project_counts(text: str, expected: list[Count]) -> None:
    assert [s.value for s in parse_project_counts(text)] == expected


def test_summary_counts() -> None:
    text = "拟设立 17 个指南方向，支持与 14 个国家、地区、国际组织和多边合作机制开展科技合作，项目任务数 283 项左右"
    got = {s.value.of: s.value for s in parse_summary_counts(text) if isinstance(s.value, Count)}
    assert got["directions"].max == 17 and got["partners"].max == 14
    assert got["tasks"] == Count("tasks", 283, 283, approx=True)


@pytest.mark.parametrize(("text", "expected"), [
    ("项目执行期原则上不超过 2年。", Duration(None, 2, cap=True)),
    ("项目执行期原则上为 2～3年。", Duration(2, 3)),
    ("项目执行期一般为 2至 3 年；", Duration(2, 3)),
    ("项目实施期限为 2-3年。", Duration(2, 3)),
    ("项目实施周期一般为 3年。", Duration(3, 3)),
])
def test_durations(text: str, expected: Duration) -> None:
    assert [s.value for s in parse_durations(text)] == [expected]


def test_duration_period_and_cap_in_one_clause() -> None:
    got = [s.value for s in parse_durations("项目执行期为 2021-2023年，原则上不超过 3年；")]
    assert got == [Duration(from_year=2021, to_year=2023), Duration(None, 3, cap=True)]


def test_registration_years_are_not_a_duration() -> None:
    assert parse_durations("法方合作单位应为在法国注册 3 年以上的科研院所") == []


def test_links_repair_full_width_colon_but_keep_printed_text() -> None:
    text = "相关链接为 https：//sede.cdti.gob.es/。"
    [s] = parse_links(text)
    assert text[s.start:s.end] == "https：//sede.cdti.gob.es/"
    assert s.value == Link("https://sede.cdti.gob.es/")


def test_www_link() -> None:
    [s] = parse_links("网站：www.oead.at/wtz。")
    assert s.value == Link("http://www.oead.at/wtz")


def _contacts(text: str) -> list[Contact]:
    return [s.value for s in parse_contacts(text) if isinstance(s.value, Contact)]


def test_contact_with_phone_and_honorific() -> None:
    [c] = _contacts("西方项目征集联系人为Mr. Carlos Quintana，电话：+34 91 5810489，邮箱：china@cdti.es。")
    assert c == Contact("Carlos Quintana", None, ("+34 91 5810489",), "china@cdti.es", None)


def test_contact_with_org_before_name() -> None:
    [c] = _contacts("韩方联系人：韩国研究财团 SangHa Woo，电话：+82-2-3460-5702，邮箱：woosh@nrf.re.kr。")
    assert (c.name, c.org, c.phones) == ("SangHa Woo", "韩国研究财团", ("+82-2-3460-5702",))


@pytest.mark.parametrize(("head", "name", "org"), [
    ("挪威研究理事会 李明", "李明", "挪威研究理事会"),
    ("蒙古教育文化科学体育部 王芳", "王芳", "蒙古教育文化科学体育部"),
    ("欧阳修文 王芳", "欧阳修文王芳", None)])  # no organisation's ending: one name, as printed
def test_a_chinese_name_after_its_organisation(head: str, name: str, org: str | None) -> None:
    [c] = _contacts(f"外方联系人：{head}，电话：+47 130 5466，邮箱：a@b.org。")
    assert (c.name, c.org) == (name, org)


def test_contact_with_org_after_name_and_two_phones() -> None:
    [c] = _contacts("蒙方联系人：MUNKHTUYA Lkhamsuren，蒙古教育文化科学体育部科技政策司，电话：0976-51-260325、"
                    "976-99056252，邮箱：munkhtuya@mecs.gov.mn。")
    assert c.org == "蒙古教育文化科学体育部科技政策司"
    assert c.phones == ("0976-51-260325", "976-99056252")


@pytest.mark.parametrize("label", ["单位：", "单位:", "工作单位：", "所在单位 ："])
def test_contact_with_a_labelled_org(label: str) -> None:
    """单位：… is the contact's organisation (it was dropped: issue #21, class 6)."""
    [c] = _contacts(f"外方联系人：Jean Dupont，{label}挪威研究理事会，电话：+47 130 5466，邮箱：a@b.org。")
    assert (c.name, c.org, c.phones) == ("Jean Dupont", "挪威研究理事会", ("+47 130 5466",))


@pytest.mark.parametrize(("part", "org"), [
    ("应急管理部国家自然灾害防治研究院", "应急管理部国家自然灾害防治研究院"),  # 应 in a name
    ("单位：应用数学研究所", "应用数学研究所"),
    ("中国科学院应用数学研究所", "中国科学院应用数学研究所"),
    ("申报前须与其确认合作意向", None),  # a requirement, not an organisation
    ("须在申报前签署合作协议", None)])
def test_an_organisation_is_told_from_a_requirement(part: str, org: str | None) -> None:
    [c] = _contacts(f"外方联系人：王芳，{part}，邮箱：wang@agency.org。")
    assert (c.name, c.org) == ("王芳", org)


@pytest.mark.parametrize("head", ["https：//www.x.org", "ｘｙ＠ｂ.org"])
def test_an_address_in_any_width_is_never_a_name(head: str) -> None:
    assert all(c.name != head for c in _contacts(f"联系方式：{head}，a@b.org。"))


def test_several_contacts_in_one_clause_latin_and_chinese_names() -> None:
    text = ("联系人：IlmariABSETZ，电话：+35850 5577 837，邮箱：ilmari.absetz@businessfinland.fi; Maarit "
            "KOKKO，电话：+358 40 7619555，电邮：maarit.kokko@businessfinland.fi；米卡（Mika），电话：+86 134 "
            "8274 6884，邮箱：mika.klemettinen@businessfinland.fi;俞淳，电话： +86 138 0174 4271，邮箱："
            "elisa.yu@businessfinland.fi。")
    got = [(c.name, c.email) for c in _contacts(text)]
    # names as printed (a report quotes them); they are matched in canonical form (米卡（Mika）
    # and 米卡(Mika) are one name: tests/test_diff_edits.py)
    assert got == [("IlmariABSETZ", "ilmari.absetz@businessfinland.fi"),
                   ("Maarit KOKKO", "maarit.kokko@businessfinland.fi"),
                   ("米卡（Mika）", "mika.klemettinen@businessfinland.fi"),
                   ("俞淳", "elisa.yu@businessfinland.fi")]


def test_contact_with_web_site() -> None:
    [c] = _contacts("奥方联系人：Ms. Konstanze Pirker，邮箱：wtz@oead.at，网站：www.oead.at/wtz。")
    assert c.web == "http://www.oead.at/wtz" and c.name == "Konstanze Pirker"


def test_agreements_one_per_title() -> None:
    text = "《中华人民共和国政府和法兰西共和国政府间科技合作协定》《中法第十四届科技合作联委会会议纪要》。"
    assert [s.value for s in parse_agreements(text)] == [
        Agreement("中华人民共和国政府和法兰西共和国政府间科技合作协定"), Agreement("中法第十四届科技合作联委会会议纪要")]


def test_a_phone_whose_contact_lost_to_another_value_is_not_kept_alone() -> None:
    """A contact cut by an agreement title is not kept; its phone number, which the schema
    allows only inside a contact, goes with it (the document used to fail to be written)."""
    from guidediff.model import Email, Phone
    from guidediff.normalize.annotate import _BY_FIELD, _EVERYWHERE, annotate_text
    from guidediff.normalize.pipeline import normalize_raw
    from guidediff.read.ingest import ingest_text

    from .conftest import RAW_2022

    text = "《中国和某国科技合作协定联系人：张三》，电话：010-12345678，邮箱：zhang@most.cn。"
    kinds = [type(s.value) for s in annotate_text(text, _BY_FIELD["agreements"] + _EVERYWHERE)]
    assert kinds == [Agreement, Email]
    assert Phone not in kinds
    doc = RAW_2022.read_text(encoding="utf-8").replace("合作协议：", "合作协议：" + text, 1)
    n = normalize_raw(ingest_text(doc, "agreement-with-contact.txt"))
    assert b"<agreement>" in n.xml_bytes() and n.check()


# ---------------------------------------------------------------- how an amount is printed

amounts = st.tuples(st.integers(1, 99999), st.integers(0, 4), st.sampled_from(["万", "亿"]),
                    st.sampled_from(["", " "]), st.sampled_from(["", "约", "不超过"]),
                    st.sampled_from(["元", "人民币", "元人民币"]), st.booleans())


@given(amounts)
def test_an_amount_keeps_its_printed_unit_and_precision(a: tuple) -> None:  # type: ignore[type-arg]
    """约 6.20 亿元 is an amount of 62000 万元 printed in 亿 to two decimals: the value says so,
    read from the text and read back from the XML (never parsed again downstream)."""
    from guidediff import xmlio
    from guidediff.model import Block, DocMeta, Guideline, Part, Source, Span

    digits, decimals, unit, space, pre, suffix, full_width = a
    number = f"{digits}.{'7' * decimals}" if decimals else str(digits)
    if full_width:
        number = number.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    text = f"国拨经费总概算{pre}{space}{number}{space}{unit}{suffix}。"
    [(_, m)] = _money(text)
    assert (m.unit, m.decimals) == (unit, decimals)
    assert m.step == Decimal(10000 if unit == "亿" else 1) / Decimal(10) ** decimals
    assert m.approx == (pre == "约") and m.cap == (pre == "不超过")
    [span] = parse_money(text)
    meta = DocMeta("d", "t", "p", 2022, 1, "final", "d.txt", None, "0" * 64, "utf-8")
    g = Guideline(meta, (), (Part("directions", None, (Block(
        text, Source(1, 1), (Span(span.start, span.end, m),)),), Source(1, 1)),))
    back = xmlio.parse_xml(xmlio.to_bytes(g), "x.xml").parts[0].paras[0].spans[0].value
    assert isinstance(back, Money)
    assert (back, back.unit, back.decimals) == (m, unit, decimals)


def test_the_stated_total_is_reconciled_within_its_printed_precision(norm2022) -> None:  # type: ignore[no-untyped-def]
    """约6.2亿元 is printed to 0.1亿元: a sum within ±0.05亿元 (500 万元) agrees; the tolerance is
    the value's own precision."""
    from guidediff.compare.reconcile import reconcile
    from guidediff.normalize import facts

    stated = facts.stated(norm2022.guideline).budget
    assert stated is not None and (stated.unit, stated.decimals, stated.approx) == ("亿", 1, True)
    budget = next(c for c in reconcile(norm2022.guideline) if c.figure == "budget_wan")
    assert budget.tolerance == Decimal(500) and budget.approx


def test_a_document_figure_keeps_its_approximation(changelog) -> None:  # type: ignore[no-untyped-def]
    """The figure events carry the stated values typed: the 约 of 约6.2亿元 is on the value."""
    from guidediff.compare.events import StatedFigure

    [budget] = [c for c in changelog.changes if c.kind == "document_figure_changed"
                and str(c.location) == "budget_wan"]
    old, new = budget.old_value, budget.new_value
    assert isinstance(old, StatedFigure) and isinstance(new, StatedFigure)
    assert (old.number, old.approx, new.number, new.approx) == (82000, False, 62000, True)
