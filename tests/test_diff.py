"""The typed change log on the real pair, and its properties."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources

import jsonschema

from guidediff.compare.diff import diff
from guidediff.compare.events import MIRROR, ChangeLog
from guidediff.normalize.pipeline import Normalized
from guidediff.render.jsonlog import to_dict

from .cases import gold
from .conftest import changes_of


def test_diff_of_a_document_with_itself_is_empty(norm: Normalized) -> None:
    log = diff(norm.guideline, norm.guideline)
    assert log.changes == ()
    assert all(r.status == "matched" and r.old == r.new for r in log.alignment)


def _mirror_key(c, swap: bool) -> tuple:  # type: ignore[no-untyped-def, type-arg]
    """What an event says, with old and new swapped for the reverse comparison: its kind, its
    directions, texts and values, and where each side stands in its document."""
    if swap:
        return (MIRROR.get(c.kind, c.kind), c.new_direction, c.old_direction, c.new_text,
                c.old_text, repr(c.new_value), repr(c.old_value), c.format_only,
                c.new_source, c.old_source)
    return (c.kind, c.old_direction, c.new_direction, c.old_text, c.new_text,
            repr(c.old_value), repr(c.new_value), c.format_only, c.old_source, c.new_source)


def test_diff_mirrors_when_sides_swap(norm2021: Normalized, norm2022: Normalized,
                                      changelog: ChangeLog) -> None:
    back = diff(norm2022.guideline, norm2021.guideline)
    fwd = sorted(repr(_mirror_key(c, False)) for c in changelog.changes)
    rev = sorted(repr(_mirror_key(c, True)) for c in back.changes)
    assert fwd == rev
    swap = {"added": "dropped", "dropped": "added", "matched": "matched"}
    assert sorted((r.status, r.old, r.new) for r in changelog.alignment) == sorted(
        (swap[r.status], r.new, r.old) for r in back.alignment)


def test_json_validates_against_the_contract(changelog: ChangeLog) -> None:
    schema = json.loads((resources.files("guidediff") / "schema" / "changes.schema.json")
                        .read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(to_dict(changelog))


def test_budget_changes_with_values(changelog: ChangeLog) -> None:
    got = {(c.old_direction, c.new_direction): (c.old_value, c.new_value)
           for c in changes_of(changelog, "budget_changed")}
    assert set(got) == {("2.8", "1.1"), ("3.3", "1.5"), ("3.5", "1.6"), ("1.6", "1.7")}
    spain_old, spain_new = got[("2.8", "1.1")]
    assert (spain_old.amount_wan, spain_old.cap) == (Decimal(4500), True)  # cap removed
    assert (spain_new.amount_wan, spain_new.cap) == (Decimal(4500), False)
    assert (got[("3.5", "1.6")][0].amount_wan, got[("3.5", "1.6")][1].amount_wan) == (
        Decimal(2500), Decimal(2000))
    assert got[("1.6", "1.7")][1].amount_wan == Decimal(6000)
    finland_new = got[("3.3", "1.5")][1]
    assert [m.amount_wan for m in finland_new.lines] == [Decimal(2500), Decimal(3000)]


def test_budget_diff_reads_as_amounts(changelog: ChangeLog) -> None:
    [c] = changes_of(changelog, "budget_changed", "3.5", "1.6")
    assert (-1, "2500万元") in c.diff and (1, "2000万元") in c.diff


def test_project_count_changes(changelog: ChangeLog) -> None:
    got = {(c.old_direction, c.new_direction): (c.old_value, c.new_value)
           for c in changes_of(changelog, "project_count_changed")}
    assert set(got) == {("3.2", "1.3"), ("3.5", "1.6"), ("1.6", "1.7")}
    old, new = got[("3.5", "1.6")]
    assert (old.min, old.max, new.min, new.max) == (5, 8, 5, 5)
    old, new = got[("3.2", "1.3")]
    assert (old.cap, new.cap, new.max) == (False, True, 15)


def test_contacts_added_are_the_independent_readers(changelog: ChangeLog) -> None:
    got = sorted((c.new_direction, c.new_value.email) for c in
                 changes_of(changelog, "contact_added"))
    assert got == sorted((g["new_direction"], g["new_value"]["email"]) for g in gold()["changes"]
                         if g["kind"] == "contact_added")
    assert changes_of(changelog, "contact_removed") == []


def test_programmes_added_and_dropped(changelog: ChangeLog) -> None:
    """One event for each direction the alignment leaves unpaired, and only for those."""
    added = {c.new_direction for c in changes_of(changelog, "program_added")}
    dropped = {c.old_direction for c in changes_of(changelog, "program_dropped")}
    assert sorted(added) == sorted(r.new for r in changelog.alignment if r.status == "added")
    assert sorted(dropped) == sorted(r.old for r in changelog.alignment if r.status == "dropped")
    assert len(added) == len(changes_of(changelog, "program_added"))
    assert len(dropped) == len(changes_of(changelog, "program_dropped"))


def test_document_figures(changelog: ChangeLog) -> None:
    got = {str(c.location): (c.old_value.number, c.old_value.approx, c.new_value.number,
                             c.new_value.approx)
           for c in changes_of(changelog, "document_figure_changed")}
    assert got == {"directions": (29, False, 17, False), "partners": (19, False, 14, False),
                   "tasks": (266, True, 283, True),
                   "budget_wan": (Decimal(82000), False, Decimal(62000), True)}


def test_format_only_differences_are_not_substantive(changelog: ChangeLog) -> None:
    # Spain areas: '1. 智慧城市；' (2021) vs '（1）智慧城市；' (2022): numbering style only
    spain = [c for c in changelog.changes if c.new_direction == "1.1" and
             str(c.location).startswith("areas")]
    assert spain and all(c.format_only for c in spain)
    # Finland agreement '2019-2023' vs '2019—2023'
    [agr] = [c for c in changelog.changes if c.new_direction == "1.5" and
             c.kind == "agreement_changed"]
    assert agr.format_only
    # Korea 1.7 → 1.8 areas: '生物科技、信息通信。' vs '生物科技；信息通信。'
    assert not [c for c in changelog.substantive() if c.new_direction == "1.8" and
                str(c.location).startswith("areas")]
    # Spain requirement (1): '2至 3年' vs '2～3年'
    assert not changes_of(changelog, "duration_changed")
    req1 = [c for c in changelog.changes if c.new_direction == "1.1" and
            str(c.location) == "requirements[1]"]
    assert req1 and all(c.format_only for c in req1)


def test_renamed_reordered_finland_area_is_change_plus_move(changelog: ChangeLog) -> None:
    finland = [c for c in changelog.substantive() if c.new_direction == "1.5"]
    kinds = {(c.kind, str(c.location)) for c in finland}
    assert ("area_moved", "areas[3]") in kinds and ("area_changed", "areas[3]") in kinds
    assert ("area_changed", "areas[4]") in kinds  # 智慧出行 → 智能和绿色出行
    assert not [c for c in finland if c.kind == "area_removed" and str(c.location) in
                ("areas[3]", "areas[4]")]


def test_reordered_austria_area_is_a_move(changelog: ChangeLog) -> None:
    [moved] = changes_of(changelog, "area_moved", "3.2", "1.3")
    assert moved.new_text is not None and moved.new_text.startswith("医学和健康研究")


def test_changes_carry_sources(changelog: ChangeLog) -> None:
    for c in changelog.substantive():
        if c.kind.endswith(("_changed", "_moved")) and c.kind not in (
                "contact_changed", "duration_changed", "document_figure_changed"):
            assert c.old_source is not None and c.new_source is not None, c


def test_checks_in_the_log(changelog: ChangeLog) -> None:
    assert {(c.document, c.figure) for c in changelog.checks} == {
        (d, f) for d in ("old", "new") for f in ("directions", "partners", "tasks",
                                                 "budget_wan")}
    assert all(c.ok for c in changelog.checks)


def test_change_ids_are_unique_and_stable(changelog: ChangeLog, norm2021: Normalized,
                                          norm2022: Normalized) -> None:
    ids = [c.id for c in changelog.changes]
    assert len(set(ids)) == len(ids)
    assert [c.id for c in diff(norm2021.guideline, norm2022.guideline).changes] == ids


def test_every_event_carries_its_evidence(changelog: ChangeLog) -> None:
    """Each side an event has (text or value) has a source, contacts and links included."""
    missing = []
    for c in changelog.changes:
        if (c.old_text is not None or c.old_value is not None) and c.old_source is None:
            missing.append((c.kind, str(c.location), "old"))
        if (c.new_text is not None or c.new_value is not None) and c.new_source is None:
            missing.append((c.kind, str(c.location), "new"))
    assert missing == []
    added = changes_of(changelog, "contact_added", new="1.1")
    assert added and added[0].new_source.line == 126 and added[0].new_source.page == 5


def test_the_log_says_what_a_line_counts(changelog: ChangeLog) -> None:
    d = to_dict(changelog)
    assert d["old"]["line_unit"] == d["new"]["line_unit"] == "line"
