"""Text for comparison, and Chinese-aware token diffs.

``comparable`` removes what is format, not content: numbering style, full/half width, the
dash or tilde in a range, the separator between list entries, spacing and line wraps, and the
punctuation that closes a clause. ``token_diff`` diffs with diff-match-patch on tokens, so an
amount with its unit, a number, a phone number, an e-mail address, a URL or a Latin word changes
as a whole (``2500万元 → 2000万元``, never ``5 → 0``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher

from diff_match_patch import diff_match_patch

from ..text import fold_spaces

_RANGE_RE = re.compile(r"(\d)\s*[-－—–～~〜至到]\s*(\d)")
_SPACE_RE = re.compile(r"\s+")
_SEPARATORS = str.maketrans({"；": "、", ";": "、", "，": ",", "：": ":", "（": "(", "）": ")"})
_CLOSERS = "。；;，,、.：: "

# bounded alternatives (an address of at most 64 + 63·n characters, a phone of at most 32, a
# number of at most 15 digits), so that no run of letters or digits is scanned more than a
# bounded number of times: tokenizing stays linear in the text
TOKEN_RE = re.compile(
    r"(?:https?|ftp)\s*[:：]\s*//[^\s，。；;、（）()“”《》\u4e00-\u9fff]+"
    r"|www\.[^\s，。；;、（）()“”《》\u4e00-\u9fff]+"
    r"|[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}+(?:\.[A-Za-z0-9-]{1,63}+){1,8}+"
    r"|\+?\d[\d\- ]{6,30}\d"
    r"|\d{1,15}+(?:\.\d{1,15}+)?\s*(?:万元|亿元|万人民币|万美元|万|亿|个|年|项|人次|日)?"
    r"|[A-Za-z][A-Za-z'’\-]*"
    r"|\s+"
    r"|.", re.DOTALL)


def comparable(text: str) -> str:
    """The text as compared: equal for two clauses that differ only in format."""
    t = unicodedata.normalize("NFKC", text)
    t = _RANGE_RE.sub(r"\1-\2", t)
    t = t.translate(_SEPARATORS)
    t = _GROUPING_RE.sub("", _SPACE_RE.sub("", t))  # 4,500 and 4 500 are 4500
    t = _MONEY_RE.sub(_money_in_wan, t)  # 0.45亿元 is 4500万元
    return t.rstrip(_CLOSERS)


_GROUPING_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_MONEY_RE = re.compile(r"(?<![\d.])(\d{1,12}+(?:\.\d{1,6}+)?)(?![\d.])(亿|万)(元|人民币|美元|欧元)")


def _money_in_wan(m: re.Match[str]) -> str:
    amount = Decimal(m.group(1)) * (10000 if m.group(2) == "亿" else 1)
    amount = amount.quantize(Decimal(1)) if amount == amount.to_integral_value() \
        else amount.normalize()
    return f"{amount}万{m.group(3)}"


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


def _encode(a: list[str], b: list[str]) -> tuple[str, str, list[str]]:
    table: dict[str, str] = {}
    alphabet: list[str] = []

    def enc(toks: list[str]) -> str:
        out = []
        for t in toks:
            if t not in table:
                table[t] = chr(0xF0000 + len(alphabet))  # a private-use plane
                alphabet.append(t)
            out.append(table[t])
        return "".join(out)

    return enc(a), enc(b), alphabet


def token_diff(old: str, new: str) -> tuple[tuple[int, str], ...]:
    """((op, text), …) with op -1 delete, 0 equal, 1 insert; deletes come before inserts.
    (``measures.Measures.diff`` remembers them: an event and the report row of the same
    clause ask for the same diff.)"""
    a, b = fold_spaces(old), fold_spaces(new)
    ea, eb, alphabet = _encode(tokens(a), tokens(b))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # the default 1 s timeout silently degrades to delete-all/insert-all
    ops = dmp.diff_main(ea, eb, False)
    dmp.diff_cleanupSemantic(ops)
    out: list[tuple[int, str]] = []
    for op, chunk in ops:
        text = "".join(alphabet[ord(c) - 0xF0000] for c in chunk)
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return tuple(_deletes_first(out))


def _deletes_first(ops: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Order each replacement as delete then insert (a replacement reads old → new)."""
    out = list(ops)
    for i in range(len(out) - 1):
        if out[i][0] == 1 and out[i + 1][0] == -1:
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


def _bigrams(text: str) -> tuple[str, frozenset[str], int]:
    """The comparable text and its bigram multiset as a set of elements, each a bigram and its
    occurrence (``中国0``, ``中国1``…; a one-character text is its character and ``0``): the
    common part of two multisets is then one set intersection of strings, done in C."""
    x = comparable(text)
    m = len(x) - 1 if len(x) > 1 else len(x)
    grams = [x[i:i + 2] for i in range(m)]
    if len(set(grams)) == m:  # (most texts: every bigram once)
        return x, frozenset([g + "0" for g in grams]), m
    seen: dict[str, int] = {}
    elements = []
    for g in grams:
        k = seen.get(g, 0)
        seen[g] = k + 1
        elements.append(f"{g}{k}")
    return x, frozenset(elements), m


@dataclass(frozen=True, slots=True)
class Profile:
    """A text as ``similarity`` reads it, computed once and kept with what it describes (a
    direction's features), so that comparing many pairs never recomputes it."""

    text: str  # the comparable form
    elements: frozenset[str]
    n: int

    @classmethod
    def of(cls, text: str) -> Profile:
        return cls(*_bigrams(text))


def profile_similarity(p: Profile, q: Profile) -> float:
    """``similarity`` of the two texts the profiles were made of."""
    if p.text == q.text:
        return 1.0
    if not p.text or not q.text:
        return 0.0
    return 2 * len(p.elements & q.elements) / (p.n + q.n)


def similarity(a: str, b: str) -> float:
    """Dice coefficient on character bigrams of the comparable texts, in [0, 1] (remembered by
    ``measures.Measures``: the same two texts meet again in every comparison of a corpus)."""
    return profile_similarity(Profile.of(a), Profile.of(b))


REWORD_RUN = 4  # characters in a row two reworded clauses keep (their subject)
KEPT_SHARE = 0.6  # of the shorter clause that a rewording into a longer one keeps
KEPT_LENGTH = 6  # characters the shorter clause has at least, for its share to count
KEPT_TAIL = 3  # its last characters (what it says of its subject), kept in one run


def reword_similarity(a: str, b: str) -> float:
    """How much of two clauses survives a rewording, or 0 when they do not keep a run of
    ``REWORD_RUN`` characters (a subject) in common: 2·LCS / (|a| + |b|) of the comparable
    texts, or, where more, the share of the shorter one the longer keeps (LCS / the shorter's
    length, from ``KEPT_SHARE`` on, for a shorter clause of ``KEPT_LENGTH`` characters or more
    whose last ``KEPT_TAIL`` characters the longer keeps in one run): a clause rewritten into a
    longer one that keeps what it said, not one whose opening words a new clause reuses
    (项目实施期限为2年 → 项目实施期间，双方每年须共同提交…报告 is not a rewording).
    中奥双方的合作单位投入力量要基本平衡 → 中奥双方合作单位的投入应大致平衡 scores 0.71;
    须分别向本国…申报，单方申报项目无效 → 中日双方项目负责人共同确定研究项目，必须分别向科技部和
    日本JICA申报，单方申报项目无效 keeps 0.64 of the first (symmetric 0.48);
    食品科学 → 环境科学 scores 0 (they share 科学, not a subject). Symmetric in a and b."""
    x, y = comparable(a), comparable(b)
    if not x or not y:
        return 0.0
    run = SequenceMatcher(None, x, y, autojunk=False).find_longest_match()
    if run.size < min(REWORD_RUN, len(x), len(y)):
        return 0.0
    n = len(x) + len(y)
    common = lcs_length(x, y)
    both = 1.0 - (n - 2 * common) / n  # (2·LCS/n, computed as an Indel similarity)
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    kept = common / len(short) if len(short) >= KEPT_LENGTH and short[-KEPT_TAIL:] in long \
        else 0.0
    return max(both, kept) if kept >= KEPT_SHARE else both


def lcs_length(a: str, b: str) -> int:
    """The length of the longest common subsequence of two texts: bit-parallel (Hyyrö 2004),
    one pass over ``b`` with ``a``'s positions as the bits of an integer."""
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for ch in b:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - v.bit_count()
