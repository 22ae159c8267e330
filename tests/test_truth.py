"""What a reader signs is true (issue #21): generated families of edits of the real 2022
guideline, each compared with the unedited text, so that what should be said is known exactly:

- a 其他要求 item that only names a contact is said once, as the contact, whole (its phone too);
  one that also requires something (even inside what the contact's parser took) is a requirement
  with its contact beside it; a bare e-mail or phone, which has no event of its own, is said by
  its item;
- a requirement rewritten into a longer one that keeps what it said is one rewording, not a
  removal and an addition; an unrelated replacement, or one reusing only the opening words,
  stays a removal and an addition;
- a stated figure's 说明 stands on the row of the sentence that states it, said once;
- no sentence says that a value changed into itself;
and the floors of the scores against the independent reading (tests/data/gold), and the
scorer's own rules.
"""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from guidediff.compare.diff import diff
from guidediff.compare.kinds import Kind
from guidediff.normalize.vocabulary import vocabulary
from guidediff.render import RenderOptions
from guidediff.render.memo import direction_statements, render_memo_md
from guidediff.render.table import table_rows

from . import gold
from .cases import case, real_log
from .support import edited

SEEDS = range(6)


def _insert_after(line: int, new: str) -> str:
    lines = edited.text().split("\n")
    lines.insert(line, new)  # after the 1-based line ``line``
    return "\n".join(lines)


def _events(log: Any, did: str) -> list[Any]:
    return [c for c in log.changes if not c.minor and c.new_direction == did]


def _said(log: Any, did: str) -> str:
    statements = direction_statements(log, "zh")
    return "；".join(s.text for (o, n), sts in statements.items() if n == did for s in sts)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_contact_only_item_is_said_once_as_the_contact_whole(seed: int) -> None:
    rng = random.Random(seed)
    d, last = rng.choice(edited.with_requirements())
    name, phone = edited.NAMES[seed], f"+{rng.randint(30, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    email = f"contact{seed}@agency{seed}.org"
    item = f"{edited.next_marker(last.marker)}外方联系人：{name}，电话：{phone}，邮箱：{email}。"
    log = diff(edited.original(), edited.read(_insert_after(last.source.end_line, item)))
    events = _events(log, d.id)
    assert [c.kind for c in events] == [Kind.CONTACT_ADDED], [str(c.kind) for c in events]
    assert f"新增联系人{name}（电话：{phone}，邮箱：{email}）" in _said(log, d.id)
    rows = [r for r in table_rows(log, RenderOptions()) if r.stated]
    assert len(rows) == 1 and f"电话：{phone}" in rows[0].note


@pytest.mark.parametrize("seed", SEEDS)
def test_an_item_that_requires_and_names_a_contact_is_both(seed: int) -> None:
    rng = random.Random(100 + seed)
    d, last = rng.choice(edited.with_requirements())
    email = f"office{seed}@ministry{seed}.gov"
    item = (f"{edited.next_marker(last.marker)}合作双方须每年共同提交一份项目进展报告，"
            f"外方联系人：{edited.NAMES[seed]}，邮箱：{email}。")
    log = diff(edited.original(), edited.read(_insert_after(last.source.end_line, item)))
    kinds = sorted(str(c.kind) for c in _events(log, d.id))
    assert kinds == ["contact_added", "requirement_added"], kinds


REQUIRING = ("外方联系人：{name}，申报前须与其确认合作意向，邮箱：{email}。",
             "外方联系人：{name}，邮箱：{email}；外方申报单位须于6月30日前提交英文申请书。",
             "外方联系人：{name}。合作双方须在申报前签署合作协议。邮箱：{email}。",
             "外方联系人：{name}，电话：+49 30 1234567；项目执行期不超过3年；邮箱：{email}。")
BARE = ("外方申报邮箱：{email}。", "申报材料电子版发送至邮箱：{email}。", "联系电话：010-58881234。")


@pytest.mark.parametrize("seed", range(2 * len(REQUIRING + BARE)))
def test_a_contact_item_that_also_requires_is_never_hidden(seed: int) -> None:
    """What the contact's parser takes into the contact (a deadline between the name and the
    e-mail) still makes the item a requirement; an address with no contact of its own (a bare
    e-mail or phone) is said by its item."""
    rng = random.Random(600 + seed)
    d, last = rng.choice(edited.with_requirements())
    shape = (REQUIRING + BARE)[seed % len(REQUIRING + BARE)]  # each shape, in two directions
    item = edited.next_marker(last.marker) + shape.format(name=edited.NAMES[seed % len(edited.NAMES)],
                                                    email=f"desk{seed}@office{seed}.org")
    log = diff(edited.original(), edited.read(_insert_after(last.source.end_line, item)))
    kinds = [str(c.kind) for c in _events(log, d.id)]
    assert "requirement_added" in kinds, (shape, kinds)
    # and the contact's own parts are its own: no requirement read as its 单位
    for c in _events(log, d.id):
        if c.kind is Kind.CONTACT_ADDED:
            assert c.new_value.org is None or not vocabulary().says_requirement(
                c.new_value.org), (shape, c.new_value)
            assert c.new_value.name == edited.NAMES[seed % len(edited.NAMES)], (shape, c.new_value)


def _single_line_items(plain: bool = False) -> list[Any]:
    """Requirements printed on one line (``plain``: with no typed value, a duration, an
    amount, whose removal is a change of its own)."""
    out = []
    for d in edited.original().directions:
        f = d.field("requirements")
        for it in (f.items if f is not None else ()):
            text = "".join(b.text for b in it.paras)
            typed = any(b.spans for b in it.paras)
            if it.source.line == it.source.end_line and len(text) >= 12 and not it.children \
                    and not (plain and typed):
                out.append((d, it, text))
    return out


def _replace_line(line: int, old: str, new: str) -> str:
    lines = edited.text().split("\n")
    assert old in lines[line - 1], (line, old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_rewording_that_keeps_the_clause_is_one_change(seed: int) -> None:
    rng = random.Random(200 + seed)
    d, it, text = rng.choice(_single_line_items())
    body = text.rstrip("。；;.")
    longer = f"合作项目为联合研究项目，双方项目负责人共同确定研究内容，{body}，并按期报送材料"
    log = diff(edited.original(), edited.read(_replace_line(it.source.line, body, longer)))
    kinds = [str(c.kind) for c in _events(log, d.id)]
    assert kinds == ["requirement_changed"], (d.id, text, kinds)


@pytest.mark.parametrize("seed", SEEDS)
def test_an_unrelated_replacement_stays_a_removal_and_an_addition(seed: int) -> None:
    rng = random.Random(300 + seed)
    d, it, text = rng.choice(_single_line_items(plain=True))
    body = text.rstrip("。；;.")
    other = "海洋观测浮标数据须于每季度末向极地考察站归档备案"
    log = diff(edited.original(), edited.read(_replace_line(it.source.line, body, other)))
    kinds = sorted(str(c.kind) for c in _events(log, d.id))
    assert kinds == ["requirement_added", "requirement_removed"], (d.id, text, kinds)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_new_clause_that_reuses_an_opening_is_not_a_rewording(seed: int) -> None:
    """项目实施期限为2年 → 项目实施期间，双方每年须共同提交…: the opening words are kept, not what
    the clause said."""
    rng = random.Random(500 + seed)
    d, it, text = rng.choice(_single_line_items(plain=True))
    body = text.rstrip("。；;.")
    other = body[:4] + "期间，双方每年须共同提交一份年度进展报告，作为后续经费拨付的依据"
    log = diff(edited.original(), edited.read(_replace_line(it.source.line, body, other)))
    kinds = sorted(str(c.kind) for c in _events(log, d.id))
    assert kinds == ["requirement_added", "requirement_removed"], (d.id, text, kinds)


FIGURES = (("拟设立 17 个", "拟设立 {n} 个"), ("14 个国家", "{n} 个国家"),
           ("283 项左右", "{n} 项左右"))


@pytest.mark.parametrize("seed", SEEDS)
def test_a_stated_figure_is_said_on_the_sentence_that_states_it(seed: int) -> None:
    rng = random.Random(400 + seed)
    printed, shape = rng.choice(FIGURES)
    n = rng.randint(20, 90)
    assert edited.text().count(printed) == 1, printed
    log = diff(edited.original(), edited.read(edited.text().replace(printed, shape.format(n=n), 1)))
    figures = [c.id for c in log.changes if c.kind is Kind.DOCUMENT_FIGURE_CHANGED]
    assert figures, printed
    rows = [r for r in table_rows(log, RenderOptions()) if set(figures) & set(r.stated)]
    assert len(rows) == 1 and rows[0].new is not None
    assert shape.format(n=n).replace(" ", "") in rows[0].new.text.replace(" ", "")
    # said once: by the figure's event, not again as an edit of (or a quote of) the sentence
    assert "“" not in rows[0].note and str(n) in rows[0].note, rows[0].note
    memo = render_memo_md(log, RenderOptions()).decode("utf-8")
    other = memo.split("## 五、", 1)[1].split("## ", 1)[0]
    assert str(n) not in other and "领域和方向说明" not in other, other


SELF = re.compile(r"由(?P<a>[^；。，]+?)调整为(?P<b>[^；。，（]+)")


@pytest.mark.parametrize("name", ["real-pair", "real-pair-swapped"])
def test_no_sentence_says_a_value_changed_into_itself(name: str) -> None:
    log = real_log(case(name))
    said = [s.text for sts in direction_statements(log, "zh").values() for s in sts]
    said += [r.note for r in table_rows(log, RenderOptions()) if r.note]
    same = [m.group(0) for text in said for m in SELF.finditer(text)
            if m.group("a") == m.group("b")]
    assert not same, same


def test_the_outputs_score_as_the_independent_reading_has_it() -> None:
    """The issue's floor for our own reading (python tooling/scripts/score_gold.py -v lists
    the items no entry backs and the entries nothing says)."""
    floors = {"events": 0.98, "memo statements": 0.98, "对照表 rows": 0.98}
    for s in gold.real_pair_scores():
        assert s.precision >= floors[s.what], (s.line(), s.wrong)
        assert s.recall >= 0.99, (s.line(), s.missed)


def test_the_scorer_counts_a_change_said_twice_or_a_cut_address_as_wrong() -> None:
    """The scorer itself: the Finnish swap told as both blocks' moves is one move said twice;
    a link cut at a line end is not the reader's address."""
    entries = [g for g in gold.gold()["changes"] if (g["old_direction"], g["new_direction"])
               == ("3.3", "1.5") and g["kind"] in ("area_moved", "link_added")]
    swap = [gold.Said("3.3", "1.5", "area_moved", gold._flat("（三）智慧出行"),
                      gold._flat("（四）智能和绿色出行")),
            gold.Said("3.3", "1.5", "area_moved", gold._flat("（四）可持续制造领域"),
                      gold._flat("（三）可持续制造和产业振兴领域"))]
    s = gold.score("swap", [[x] for x in swap], entries)
    assert (s.right, s.items) == (1, 2)
    assert gold.score("one", [[swap[1]]], entries).right == 1  # either block's move is the move
    cut = gold.Said("3.3", "1.5", "link_added",
                    addresses=frozenset({gold._address("https://www.businessfinland.fi/en/")}))
    whole = gold.Said("3.3", "1.5", "link_added", addresses=frozenset({gold._address(
        "https://www.businessfinland.fi/en/for-finnish-customers/services/funding/in-brief/")}))
    assert gold.score("links", [[cut], [whole]], entries).right == 1
