"""What a reader signs is true (issue #21), the classes tests/test_truth.py leaves to others:
generated families of edits of the real 2022 guideline, each compared with the unedited text
both ways, so that what should be said is known exactly:

- class 3, moves: an area or a requirement moved two places or more is one move; the 对照表's
  row at its old place says where it went (移至第3个领域方向), the row at its new place states
  the move, the memo names the new place; with old and new swapped, the same item moved back;
- class 5, no figure the document does not state: a budget printed as several amounts is said
  as those amounts with their sum as a sum (合计), never as one figure; the 约 of an approximate
  figure stays on it (a direction's budget, the stated total); a URL keeps its trailing ``/``;
- class 6, contacts whole: a new contact printed with its name, 单位, phone and e-mail (the
  单位 before the name, after it, or labelled 单位：) is given whole by the memo and the 对照表;
- class 9, figures with their units: the HTML 核对 table gives the stated and the summed
  budget in 亿元 with its verdict, as the terminal does, never a raw number of 万元;
- class 11, old and new swapped: several edits at once give as many substantive changes either
  way, each kind mirrored (added ↔ removed), and a format-only edit among them stays hidden.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from lxml import html

from guidediff.compare.diff import diff
from guidediff.compare.kinds import Kind
from guidediff.render import RenderOptions
from guidediff.render.html import render_html
from guidediff.render.memo import direction_statements, render_memo_md
from guidediff.render.table import table_rows
from guidediff.render.text import render_text

from .support import edited

SEEDS = range(6)


def _lines() -> list[str]:
    return edited.text().split("\n")


def _both(text: str) -> tuple[Any, Any]:
    """The edited text compared with the original: (original → edited, edited → original)."""
    after = edited.read(text)
    return diff(edited.original(), after), diff(after, edited.original())


def _events(log: Any) -> list[Any]:
    return [c for c in log.changes if not c.minor]


def _said(log: Any) -> str:
    return "；".join(s.text for sts in direction_statements(log, "zh").values() for s in sts)


def _stated_rows(log: Any) -> list[Any]:
    return [r for r in table_rows(log, RenderOptions()) if r.stated]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- class 3: moves

PLACES = {"areas": "第{n}个领域方向", "requirements": "第{n}项其他要求"}
MOVED = {"areas": Kind.AREA_MOVED, "requirements": Kind.REQUIREMENT_MOVED}


def _lists() -> list[tuple[str, str, int]]:
    """(direction, field, items) of every list of four items or more."""
    out = []
    for d in edited.original().directions:
        for key in PLACES:
            f = d.field(key)
            if f is not None and len(f.items) >= 4:
                out.append((d.id, key, len(f.items)))
    return out


def _moved_lines(lines: list[str], did: str, key: str, i: int, j: int) -> list[str]:
    """The lines with item ``i`` of the direction's list moved to place ``j`` (0-based), every
    item renumbered to its new place (its block of sub-items moving with it)."""
    d = next(x for x in edited.original().directions if x.id == did)
    items = d.field(key).items  # type: ignore[union-attr]
    spans = [(it.source.line - 1, it.source.end_line) for it in items]
    blocks = [lines[a:b] for a, b in spans]
    order = list(range(len(items)))
    order.insert(j, order.pop(i))
    out = lines[:]
    for place in reversed(range(len(items))):  # from the end: the earlier spans stay put
        k = order[place]
        block = blocks[k][:]
        at = block[0].index(items[k].marker)
        block[0] = block[0][:at] + items[place].marker + block[0][at + len(items[k].marker):]
        a, b = spans[place]
        out[a:b] = block
    return out


def _a_move(seed: int) -> tuple[str, str, int, int, str]:
    rng = random.Random(800 + seed)
    did, key, n = rng.choice(_lists())
    i, j = rng.sample(range(n), 2)
    while abs(i - j) < 2:  # a swap of neighbours is either one's move
        i, j = rng.sample(range(n), 2)
    d = next(x for x in edited.original().directions if x.id == did)
    body = "".join(b.text for b in d.field(key).items[i].paras)  # type: ignore[union-attr]
    return did, key, i, j, _flat(body)[:12]


def _check_move(log: Any, did: str, key: str, src: int, dst: int, body: str) -> None:
    events = _events(log)
    assert [(c.kind, c.new_direction) for c in events] == [(MOVED[key], did)], \
        [str(c.kind) for c in events]
    rows = table_rows(log, RenderOptions())
    away = [r for r in rows if r.note.startswith("移至")]
    where = PLACES[key].format(n=dst + 1)
    assert [r.note for r in away] == [f"移至{where}"], [r.note for r in away]
    d = next(x for x in edited.original().directions if x.id == did)
    markers = [it.marker for it in d.field(key).items]  # type: ignore[union-attr]
    # the row at the place it left, and the row at the place it went to, each with its number
    assert away[0].new is None and away[0].old is not None
    assert away[0].old.text.startswith(markers[src]), (markers[src], away[0].old.text)
    assert body in _flat(away[0].old.text), (body, away[0].old.text)
    [stated] = [r for r in rows if events[0].id in r.stated]
    assert stated.new is not None and body in _flat(stated.new.text), stated
    assert stated.new.text.startswith(markers[dst]), (markers[dst], stated.new.text)
    assert where in stated.note and "下文" not in stated.note and "上文" not in stated.note
    assert where in _said(log), _said(log)


@pytest.mark.parametrize("seed", range(10))
def test_a_moved_item_says_where_it_went_both_ways(seed: int) -> None:
    did, key, i, j, body = _a_move(seed)
    fwd, rev = _both("\n".join(_moved_lines(_lines(), did, key, i, j)))
    _check_move(fwd, did, key, i, j, body)
    _check_move(rev, did, key, j, i, body)  # swapped: the same item, moved back


# ---------------------------------------------------------------- class 5: stated figures

BUDGET = re.compile(r"^共拟支持经费：(\d+)万元人民币。$")
FIELDS = ("能源", "卫生健康", "农业", "人工智能", "先进材料", "智慧城市")


def _budget_lines() -> list[tuple[int, int]]:
    """(0-based line, amount in 万元) of each direction budget printed as one amount."""
    return [(k, int(m.group(1))) for k, line in enumerate(_lines())
            if (m := BUDGET.match(line.strip())) and int(m.group(1)) < 9000]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_budget_printed_as_several_amounts_is_said_with_its_sum_as_a_sum(seed: int) -> None:
    rng = random.Random(900 + seed)
    k, amount = rng.choice(_budget_lines())
    parts = [rng.randrange(300, 3000, 100) for _ in range(rng.choice([2, 3]))]
    while sum(parts) == amount or sum(parts) >= 10000:
        parts = [rng.randrange(300, 3000, 100) for _ in parts]
    caps = [rng.random() < 0.3 for _ in parts]
    fields = rng.sample(FIELDS, len(parts))
    printed = [f"{f}领域{'不超过 ' if c else ''}{p}万元人民币；" for f, p, c in
               zip(fields, parts, caps, strict=True)]
    printed[-1] = printed[-1][:-1] + "。"
    lines = _lines()  # one amount a line, a blank line between, as the 2022 text prints them
    lines[k:k + 1] = ["共拟支持经费：", "", *"\n\n".join(printed).split("\n")]
    fwd, rev = _both("\n".join(lines))
    said = "、".join(f"{'不超过' if c else ''}{p}万元" for p, c in zip(parts, caps, strict=True))
    total = f"（合计{sum(parts)}万元）"
    delta = sum(parts) - amount
    for log, text in ((fwd, f"经费由{amount}万元调整为{said}{total}"),
                      (rev, f"经费由{said}{total}调整为{amount}万元")):
        events = _events(log)
        assert [c.kind for c in events] == [Kind.BUDGET_CHANGED], [str(c.kind) for c in events]
        [row] = _stated_rows(log)
        for where in (_said(log), row.note):
            assert text in where, (text, where)
            # never the sum as if the document stated one figure
            assert f"调整为{sum(parts)}万元" not in where and f"由{sum(parts)}万元" not in where
        sign = delta if log is fwd else -delta
        assert f"{'增加' if sign > 0 else '减少'}{abs(sign)}万元" in row.note, row.note


@pytest.mark.parametrize("seed", SEEDS)
def test_an_approximate_figure_keeps_its_about(seed: int) -> None:
    """约 on a direction's budget and on the stated total stays on the figure that has it."""
    rng = random.Random(1000 + seed)
    k, amount = rng.choice(_budget_lines())
    about = amount + rng.choice([-1, 1]) * rng.randrange(100, 900, 100)
    total = f"{rng.randint(50, 95) / 10:.1f}"
    lines = _lines()
    lines[k] = lines[k].replace(f"{amount}万元", f"约{about}万元")
    text = "\n".join(lines)
    assert text.count("总概算约 6.2") == 1
    fwd, rev = _both(text.replace("总概算约 6.2", f"总概算约 {total}"))
    for log, budget, figure in (
            (fwd, f"经费由{amount}万元调整为约{about}万元", f"国拨经费总概算由约6.2亿元调整为约{total}亿元"),
            (rev, f"经费由约{about}万元调整为{amount}万元", f"国拨经费总概算由约{total}亿元调整为约6.2亿元")):
        notes = "；".join(r.note for r in _stated_rows(log))
        memo = render_memo_md(log, RenderOptions()).decode("utf-8")
        for where in (notes, memo):
            assert budget in where and figure in where, (budget, figure, where)


URLS = ("https://www.agency{n}.org/calls/", "https：//portal{n}.research.eu/apply/2022/",
        "http://www.fund{n}.gov/guide/index.html", "https://www.council{n}.no/en/funding")


@pytest.mark.parametrize("seed", range(2 * len(URLS)))
def test_a_link_is_said_as_printed_with_its_trailing_slash(seed: int) -> None:
    rng = random.Random(1100 + seed)
    d, last = rng.choice(edited.with_requirements())
    did = d.id
    printed = URLS[seed % len(URLS)].format(n=seed)
    address = printed.replace("：", ":")
    item = f"{edited.next_marker(last.marker)}外方指南网址：{printed}。"
    lines = _lines()
    lines.insert(last.source.end_line, item)
    fwd, rev = _both("\n".join(lines))
    for log, kind, verb in ((fwd, Kind.LINK_ADDED, "新增"), (rev, Kind.LINK_REMOVED, "删除")):
        events = _events(log)
        assert [(c.kind, c.new_direction) for c in events] == [(kind, did)], \
            [str(c.kind) for c in events]
        [row] = _stated_rows(log)
        for where in (_said(log), row.note):
            assert f"{verb}链接{address}" in where, (address, where)
            assert re.search(re.escape(address) + r"(?:[；。，]|$)", where), (address, where)


# ---------------------------------------------------------------- class 6: contacts whole

ORGS = ("挪威研究理事会", "瑞典创新署", "法国国家科研中心", "意大利大学与研究部", "丹麦技术大学",
        "荷兰科学研究组织")
CONTACTS = ("外方联系人：{org} {name}，电话：{phone}，邮箱：{email}。",
            "外方联系人：{name}，{org}，电话：{phone}，邮箱：{email}。",
            "外方联系人：{name}，单位：{org}，电话：{phone}，邮箱：{email}。")


@pytest.mark.parametrize("seed", range(3 * len(CONTACTS)))
def test_a_contact_is_given_whole_by_the_memo_and_the_table(seed: int) -> None:
    rng = random.Random(1200 + seed)
    d, last = rng.choice(edited.with_requirements())
    did = d.id
    name, org = edited.NAMES[seed % len(edited.NAMES)], ORGS[rng.randrange(len(ORGS))]
    phone = f"+{rng.randint(30, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    email = f"liaison{seed}@partner{seed}.org"
    shape = CONTACTS[seed % len(CONTACTS)]
    lines = _lines()
    lines.insert(last.source.end_line, edited.next_marker(last.marker) + shape.format(
        name=name, org=org, phone=phone, email=email))
    fwd, rev = _both("\n".join(lines))
    for log, kind, verb in ((fwd, Kind.CONTACT_ADDED, "新增"), (rev, Kind.CONTACT_REMOVED, "删除")):
        events = _events(log)
        assert [(c.kind, c.new_direction) for c in events] == [(kind, did)], \
            [str(c.kind) for c in events]
        [row] = _stated_rows(log)
        whole = f"{verb}联系人{name}（单位：{org}，电话：{phone}，邮箱：{email}）"
        for where in (_said(log), row.note):
            assert whole in where, (shape, whole, where)


# ---------------------------------------------------------------- class 9: figures with units


def _html_checks(log: Any) -> list[list[str]]:
    doc = html.fromstring(render_html(log, RenderOptions()).decode("utf-8"))
    return [[td.text_content() for td in tr.xpath("td")]
            for tr in doc.xpath("//section[@id='checks']//tbody/tr")]


def _yi(wan: int) -> str:
    return f"{(Decimal(wan) / 10000).normalize():f}亿元"


@pytest.mark.parametrize("seed", SEEDS)
def test_the_check_table_gives_the_budgets_in_yi_yuan(seed: int) -> None:
    """A direction's budget changed by a few hundred 万元: the summed budget moves, and the HTML
    核对 row says both figures in 亿元 with the verdict the terminal gives."""
    rng = random.Random(1300 + seed)
    k, amount = rng.choice(_budget_lines())
    delta = rng.choice([-1, 1]) * rng.randrange(100, 1500, 100)
    lines = _lines()
    lines[k] = lines[k].replace(f"{amount}万元", f"{amount + delta}万元")
    fwd, rev = _both("\n".join(lines))
    summed = 62200 + delta  # the 2022 directions sum to 6.22亿元
    verdict = "在文件所述精度（±0.05亿元）内一致" if abs(summed - 62000) <= 500 else "不一致"
    for log, side in ((fwd, "修改后"), (rev, "原文")):
        rows = _html_checks(log)
        [budget] = [r for r in rows if r[:2] == [side, "国拨经费总概算"]]
        assert budget[2:] == ["约6.2亿元", _yi(summed), verdict], budget
        assert not any(re.fullmatch(r"[\d.]+", cell) for r in rows for cell in r[2:4]), rows
        terminal = render_text(log, RenderOptions()).decode("utf-8").split("\n## ")[-1]
        assert f"{_yi(summed)} — {verdict}" in terminal, terminal


# ---------------------------------------------------------------- class 11: swapped


def _edit_contact(rng: random.Random, lines: list[str], did: str) -> None:
    d = next(x for x in edited.original().directions if x.id == did)
    last = d.field("requirements").items[-1]  # type: ignore[union-attr]
    lines.insert(last.source.end_line, edited.next_marker(last.marker) + CONTACTS[0].format(
        org=rng.choice(ORGS), name=rng.choice(edited.NAMES), phone=f"+47 {rng.randint(100, 999)} 1234",
        email=f"x{rng.randint(10, 99)}@y.org"))


def _edit_requirement(rng: random.Random, lines: list[str], did: str) -> None:
    d = next(x for x in edited.original().directions if x.id == did)
    last = d.field("requirements").items[-1]  # type: ignore[union-attr]
    lines.insert(last.source.end_line, edited.next_marker(last.marker)
                 + "合作双方须每年共同提交一份项目进展报告，作为后续经费拨付的依据。")


def _edit_drop(rng: random.Random, lines: list[str], did: str) -> None:
    d = next(x for x in edited.original().directions if x.id == did)
    last = d.field("requirements").items[-1]  # type: ignore[union-attr]
    del lines[last.source.line - 1:last.source.end_line]


def _edit_budget(rng: random.Random, lines: list[str], did: str) -> None:
    d = next(x for x in edited.original().directions if x.id == did)
    f = d.field("budget")
    assert f is not None
    k = f.source.line - 1
    m = re.search(r"(\d+)\s*万元", lines[k])
    assert m is not None, lines[k]
    lines[k] = lines[k][:m.start(1)] + str(int(m.group(1)) + 100) + lines[k][m.end(1):]


def _edit_format(rng: random.Random, lines: list[str], did: str) -> None:
    """（1） → 1） on every item of the direction's requirements: format only."""
    d = next(x for x in edited.original().directions if x.id == did)
    for it in d.field("requirements").items:  # type: ignore[union-attr]
        k = it.source.line - 1
        lines[k] = lines[k].replace(it.marker, it.marker.replace("（", "").strip(), 1)


EDITS = (_edit_contact, _edit_requirement, _edit_drop, _edit_budget)


def _single_budget(did: str) -> bool:
    d = next(x for x in edited.original().directions if x.id == did)
    f = d.field("budget")
    return f is not None and f.source.line == f.source.end_line and bool(
        BUDGET.match(_lines()[f.source.line - 1].strip()))


@pytest.mark.parametrize("seed", range(8))
def test_swapped_sides_give_as_many_changes_each_kind_mirrored(seed: int) -> None:
    rng = random.Random(1400 + seed)
    directions = [d.id for d, _ in edited.with_requirements()]
    chosen = rng.sample(directions, 4)
    edits: list[tuple[int, Any, str]] = []
    for did in chosen[:3]:
        e = rng.choice([x for x in EDITS if x is not _edit_budget or _single_budget(did)])
        d = next(x for x in edited.original().directions if x.id == did)
        edits.append((d.source.line, e, did))
    d = next(x for x in edited.original().directions if x.id == chosen[3])
    edits.append((d.source.line, _edit_format, chosen[3]))
    lines = _lines()
    for _, e, did in sorted(edits, key=lambda x: -x[0]):  # from the end: lines above stay put
        e(rng, lines, did)
    fwd, rev = _both("\n".join(lines))
    ahead, back = _events(fwd), _events(rev)
    assert len(ahead) == len(back) >= 3, ([str(c.kind) for c in ahead], [str(c.kind) for c in back])
    assert Counter(c.kind.mirror for c in ahead) == Counter(c.kind for c in back)
    assert sorted((c.old_direction, c.new_direction) for c in ahead) == sorted(
        (c.new_direction, c.old_direction) for c in back)
    for log in (fwd, rev):
        minor = {c.id for c in log.changes if c.minor}
        assert minor, "the format-only edit gives format-only events"
        rows = table_rows(log, RenderOptions())
        assert not any(set(r.stated) & minor for r in rows)
        assert not any(r.note == "格式调整" for r in rows)
        shown = table_rows(log, RenderOptions(show_format_only=True))
        assert any(r.format_only and r.note == "格式调整" for r in shown)  # asked for: labelled
        assert "格式" not in _said(log)
        assert len({i for r in rows for i in r.stated}) == len(_events(log))
