"""Meaning-neutral wording edits (issue #21: what a careful reader leaves out): a clause that
differs, format aside, only by a word listed in compare/neutral.toml (的, 各至少一个 → 各至少有一
个, 针对考虑到… → 针对…) is recorded and flagged, and neither the memo nor the 新旧对照表 says it;
the same edit with any other word, or with a listed word out of its context, is a change they
say. Generated families of edits of the real 2022 guideline, each compared with the unedited text
both ways, and the data file's own rules.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

from guidediff.compare.diff import diff
from guidediff.compare.neutral import WORDS, NeutralWord, neutral_edit, parse_words
from guidediff.model import Item
from guidediff.render import RenderOptions
from guidediff.render.jsonlog import render_json
from guidediff.render.memo import direction_statements
from guidediff.render.table import table_rows
from guidediff.render.text import render_text

from .cases import case, real_log
from .support import edited

SEEDS = range(8)
# words that carry an obligation, a permission, a negation, a scope or a total: never neutral
FORBIDDEN = ("不", "须", "必须", "应", "应当", "可", "可以", "均", "各", "共", "仅", "只", "非",
             "无", "未", "以上", "以下", "以内", "原则上", "等")
CJK = re.compile(r"[\u4e00-\u9fff]")
VALUE_CHARS = set("万亿元个项年月日")  # a unit beside a figure: an insertion there is not wording


def _leaves(items: tuple[Item, ...]) -> Iterator[Item]:
    for it in items:
        if it.children:
            yield from _leaves(it.children)
        else:
            yield it


@cache
def _clause_lines() -> tuple[tuple[str, int], ...]:
    """(direction, 1-based line) of every line of an area or requirement clause that names no
    contact or address: the lines an edit of wording is made in."""
    lines = edited.text().split("\n")
    out = []
    for d in edited.original().directions:
        for name in ("areas", "requirements"):
            f = d.field(name)
            for it in _leaves(f.items if f else ()):
                for n in range(it.source.line, it.source.end_line + 1):
                    line = lines[n - 1]
                    if CJK.search(line) and not re.search(r"联系|邮箱|电话|http|@|www", line):
                        out.append((d.id, n))
    return tuple(out)


def _spots(line: str, fits: Any) -> list[int]:
    """Positions between two CJK characters of ``line`` (neither a unit) where ``fits``."""
    return [i for i in range(1, len(line)) if CJK.match(line[i - 1]) and CJK.match(line[i])
            and line[i - 1] not in VALUE_CHARS and line[i] not in VALUE_CHARS
            and fits(line[:i], line[i:])]


def _insert(rng: random.Random, word: str, fits: Any) -> tuple[str, str, str]:
    """The 2022 text with ``word`` inserted at a random spot of a clause where ``fits``:
    (edited text, the direction, the word)."""
    lines = edited.text().split("\n")
    choices = [(did, n, i) for did, n in _clause_lines()
               for i in _spots(lines[n - 1], fits)]
    assert choices, word
    did, n, i = rng.choice(choices)
    lines[n - 1] = lines[n - 1][:i] + word + lines[n - 1][i:]
    return "\n".join(lines), did, word


def _context_fits(w: NeutralWord) -> Any:
    """Where an insertion of ``w`` is in its contexts (``NeutralWord.fits``), and would not
    double it."""
    return lambda head, tail: w.fits(w.text, head, tail) and not head.endswith(w.text) and \
        not tail.startswith(w.text)


def _listed(text: str) -> NeutralWord:
    return next(w for w in WORDS if w.text == text)


def _events(log: Any, did: str, old_side: bool = False) -> list[Any]:
    return [c for c in log.changes if (c.old_direction if old_side else c.new_direction) == did
            and not c.format_only]


def _stated(log: Any) -> tuple[str, str]:
    """What the memo's direction sentences and the 对照表's notes say, joined."""
    memo = "；".join(s.text for sts in direction_statements(log, "zh").values() for s in sts)
    notes = "；".join(r.note for r in table_rows(log, RenderOptions()) if r.stated)
    return memo, notes


# ------------------------------------------------------------------ the data file


def test_no_listed_word_carries_an_obligation_a_negation_or_a_total() -> None:
    assert WORDS, "compare/neutral.toml lists no word"
    for w in WORDS:
        assert w.text and not any(f in w.text for f in FORBIDDEN), w
        assert not re.search(r"\d", w.text), w
    texts = [w.text for w in WORDS]
    assert len(texts) == len(set(texts)), texts


def test_the_data_file_parses_contexts() -> None:
    [w] = parse_words('[[word]]\ntext = "有"\nafter = ["至少"]\nbefore = ["一"]\n')
    assert (w.text, w.after, w.before) == ("有", ("至少",), ("一",))
    assert neutral_edit("各至少一个", "各至少有一个", (w,)) == ("有",)
    assert neutral_edit("各有一个", "各有有一个", (w,)) == ()


# ------------------------------------------------------------------ the rule on short texts


@pytest.mark.parametrize(("a", "b", "said"), [
    ("即中德双方各至少一个科研机构", "即中德双方各至少有一个科研机构", ("有",)),
    ("针对考虑到人们出行需求的方案；", "针对人们出行需求的方案。", ("考虑到",)),
    ("城市交通需求", "城市交通的需求", ("的",)),
    ("开展联合研究", "开展进行研究", ()),  # a replacement, not an insertion
    ("双方进行联合研究", "双方联合研究", ()),  # 进行 not before a listed verb-noun
    ("双方进行研究", "双方研究", ("进行",)),
    ("各至少一个", "各有一个", ()),
    ("中方单位有一个", "中方单位一个", ()),  # 有 out of its context
    ("申报单位须为企业", "申报单位为企业", ()),  # an obligation removed
    ("项目不超过3年", "项目超过3年", ()),
    ("相同文本", "相同文本", ()),
    ("城市交通需求", "城市交通的需求，合作双方须共同申报", ()),  # a neutral word and more
    ("有的单位可申报", "有单位可申报", ()),  # 有的 is "some": a scope
    ("目的是推动合作", "目是推动合作", ()),
    ("的确需要", "确需要", ()),
    ("申报的单位", "申报单位的", ()),  # a 的 moved: what it modifies changed
    ("中方的合作单位负责人", "中方合作单位的负责人", ()),
])
def test_a_neutral_edit_is_only_listed_words_in_their_contexts(a: str, b: str,
                                                               said: tuple[str, ...]) -> None:
    assert neutral_edit(a, b) == said
    assert neutral_edit(b, a) == said  # whichever side is called old


# ------------------------------------------------------------------ generated edits of the real text


@pytest.mark.parametrize("seed", SEEDS)
def test_a_listed_word_in_its_context_is_recorded_and_said_by_no_report(seed: int) -> None:
    rng = random.Random(seed)
    w = WORDS[seed % len(WORDS)]
    text, did, word = _insert(rng, w.text, _context_fits(w))
    for log, side in ((diff(edited.original(), edited.read(text)), False),
                      (diff(edited.read(text), edited.original()), True)):
        events = _events(log, did, old_side=side)
        assert len(events) == 1, [(str(c.kind), c.neutral) for c in events]
        [c] = events
        assert c.neutral == (word,) and c.minor and c not in log.substantive()
        memo, notes = _stated(log)
        assert f"“{word}”" not in memo and f"“{word}”" not in notes, (memo, notes)
        assert json.loads(render_json(log, RenderOptions()))["changes"][
            log.changes.index(c)]["neutral_words"] == [word]
        shown = render_text(log, RenderOptions(show_format_only=True)).decode("utf-8")
        assert "（措辞微调）" in shown
        assert "（措辞微调）" not in render_text(log, RenderOptions()).decode("utf-8")


# a word that changes what a clause says, and a listed word out of its context
SUBSTANTIVE = (("不", lambda h, t: True), ("均", lambda h, t: True), ("仅", lambda h, t: True),
               ("有", lambda h, t: not h.endswith(_listed("有").after) and not t.startswith("有")
                and not h.endswith("有")),
               ("考虑到", lambda h, t: not h.endswith(_listed("考虑到").after)))


@pytest.mark.parametrize("seed", SEEDS)
def test_any_other_insertion_is_a_change_the_memo_and_the_table_say(seed: int) -> None:
    rng = random.Random(1000 + seed)
    word, fits = SUBSTANTIVE[seed % len(SUBSTANTIVE)]
    text, did, _ = _insert(rng, word, fits)
    log = diff(edited.original(), edited.read(text))
    events = _events(log, did)
    assert len(events) == 1 and not events[0].neutral and not events[0].minor, \
        [(str(c.kind), c.neutral) for c in events]
    memo, notes = _stated(log)
    assert f"增加“{word}”" in memo, memo
    assert f"增加“{word}”" in notes, notes


def test_the_real_pair_has_its_two_neutral_edits_recorded_not_said() -> None:
    log = real_log(case("real-pair"))
    neutral = sorted(c.neutral for c in log.changes if c.neutral)
    assert neutral == [("有",), ("考虑到",)]
    memo, notes = _stated(log)
    assert "考虑到" not in memo and "增加“有”" not in memo
    assert "考虑到" not in notes and "增加“有”" not in notes
