"""The normalized XML of the real documents: structure, typed values, nothing lost."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest
from lxml import etree

from guidediff import xmlio
from guidediff.compare.reconcile import reconcile
from guidediff.errors import ConservationError
from guidediff.normalize import facts
from guidediff.normalize.conserve import check_conservation, fold
from guidediff.normalize.pipeline import Normalized

from .conftest import RAW_2022, assert_direction, direction_el, xml_root

IDS_2021 = [f"{a}.{b}" for a in (1, 2, 3) for b in range(10)][1:]
IDS_2022 = [f"1.{b}" for b in range(1, 10)] + [f"2.{b}" for b in range(8)]


def test_direction_ids_as_printed(norm2021: Normalized, norm2022: Normalized) -> None:
    assert [d.id for d in norm2021.guideline.directions] == IDS_2021
    assert [d.id for d in norm2022.guideline.directions] == IDS_2022


def test_every_direction_has_budget_and_project_count(norm: Normalized) -> None:
    for d in norm.guideline.directions:
        assert facts.budget(d) is not None, d.id
        assert facts.projects(d) is not None, d.id


def test_stated_totals_reconcile(norm: Normalized) -> None:
    checks = reconcile(norm.guideline)
    assert {c.figure for c in checks} == {"directions", "partners", "tasks", "budget_wan"}
    assert all(c.ok for c in checks), [c for c in checks if not c.ok]


def test_reconciliation_can_fail(norm2022: Normalized) -> None:
    g = norm2022.guideline
    dropped = g.parts[1].directions[:-1]
    from dataclasses import replace
    part = replace(g.parts[1], directions=dropped)
    short = replace(g, parts=(g.parts[0], part))
    bad = {c.figure: c for c in reconcile(short)}
    assert not bad["directions"].ok and bad["directions"].computed == 16
    assert not bad["budget_wan"].ok and bad["budget_wan"].computed == Decimal(60700)


def test_known_directions_2022(norm2022: Normalized) -> None:
    root = xml_root(norm2022)
    assert_direction(root, "1.1", title="中国和西班牙政府间科技合作项目", budget_wan="4500",
                     projects_max="15", emails=["china@cdti.es"])
    assert_direction(root, "1.5", title="芬兰", budget_wan="5500")
    assert_direction(root, "1.6", emails=["JaquelineMay.Ives@now-gmbh.de",
                                          "adam.mutwil@bmvi.bund.de"])
    assert_direction(root, "2.6", budget_wan="18000")


def test_finland_budget_lines(norm2022: Normalized) -> None:
    d = norm2022.guideline.direction("1.5")
    assert d is not None
    b, p = facts.budget(d), facts.projects(d)
    assert b is not None and [m.amount_wan for m in b.lines] == [Decimal(2500), Decimal(3000)]
    assert p is not None and (p.max, p.cap) == (15, True)


def test_geo_sub_directions_have_content_and_indicators(norm2021: Normalized) -> None:
    root = xml_root(norm2021)
    geo = direction_el(root, "3.9")
    subs = geo.xpath("field[@name='areas']/item/item")
    assert len(subs) == 15
    for s in subs:
        assert [f.get("name") for f in s.findall("field")] == ["content", "indicators"]


def test_nested_area_items_finland(norm2022: Normalized) -> None:
    root = xml_root(norm2022)
    areas = direction_el(root, "1.5").find("field[@name='areas']")
    top = areas.findall("item")
    assert [i.get("marker") for i in top] == ["（一）", "（二）", "（三）", "（四）"]
    assert [len(i.findall("item")) for i in top] == [3, 3, 6, 4]
    assert len(top[0].find("item").findall("item")) == 5


def test_every_printed_email_in_exactly_one_contact(norm2022: Normalized) -> None:
    root = xml_root(norm2022)
    # independent count: the raw text without dumped annotations, whitespace removed
    raw = RAW_2022.read_text(encoding="utf-8")
    printed = fold("\n".join(ln for ln in raw.split("\n") if not ln.startswith("mailto:")))
    printed_emails = Counter(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", printed))
    assert sum(printed_emails.values()) == 17
    in_contacts = Counter(root.xpath("//contact/@email"))
    assert in_contacts == printed_emails
    for d in root.iter("direction"):
        body = "".join(d.itertext())
        here = Counter(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", body))
        assert Counter(d.xpath(".//contact/@email")) == here, d.get("id")


def test_no_annotation_in_body(norm: Normalized) -> None:
    root = xml_root(norm)
    body = xmlio.body_text(root)
    assert "mailto:" not in body
    arts = root.xpath("//artifact[@kind='link-annotation']")
    assert arts and all(a.text.startswith(("http", "mailto")) for a in arts)


def test_schema_validates(norm: Normalized) -> None:
    xmlio.validate(xml_root(norm))


def test_schema_rejects_a_broken_document(norm2022: Normalized) -> None:
    root = xml_root(norm2022)
    root.find(".//direction").set("id", "one")
    from guidediff.errors import SchemaError
    with pytest.raises(SchemaError):
        xmlio.validate(root)


def test_nothing_lost(norm: Normalized) -> None:
    rep = norm.check()
    assert rep.body_chars + rep.artifact_chars == rep.input_chars


def test_conservation_check_catches_a_lost_character(norm2022: Normalized) -> None:
    root = xml_root(norm2022)
    p = root.xpath("//direction//p[string-length(text()) > 1]")[0]
    p.text = p.text[1:]
    with pytest.raises(ConservationError, match="differs"):
        check_conservation(norm2022.raw, root)


def test_conservation_check_catches_a_wrong_artifact(norm2022: Normalized) -> None:
    root = xml_root(norm2022)
    root.find(".//artifact").text = "mailto:someone@else.org"
    with pytest.raises(ConservationError, match="artifact"):
        check_conservation(norm2022.raw, root)


def test_xml_round_trips_to_the_same_model(norm: Normalized) -> None:
    back = xmlio.from_element(etree.fromstring(norm.xml_bytes(), xmlio.safe_parser()))
    assert back == norm.guideline


def test_output_is_deterministic(norm: Normalized) -> None:
    from guidediff.normalize.pipeline import normalize_file
    assert normalize_file(norm.raw.path).xml_bytes() == norm.xml_bytes()


def test_provenance_lines_point_into_the_source(norm: Normalized) -> None:
    lines = {ln.number: ln.text for ln in norm.raw.lines}
    for d in norm.guideline.directions:
        assert d.id in lines[d.source.line]
        for f in d.fields:
            if f.label_text:
                assert lines[f.source.line].strip().startswith(f.label_text), (d.id, f.name)
            for it in f.items:
                assert lines[it.source.line].strip().startswith(it.marker.strip()[:1])


def test_meta_from_the_text(norm2021: Normalized, norm2022: Normalized) -> None:
    m = norm2021.guideline.meta
    assert (m.year, m.batch, m.stage) == (2021, 1, "draft")
    assert m.title.endswith("2021年度第一批项目申报指南（征求意见稿）")
    assert norm2022.guideline.meta.year == 2022
