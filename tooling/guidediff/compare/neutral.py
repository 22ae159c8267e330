"""Meaning-neutral wording edits (措辞微调): two clauses that differ, format aside, only by the
insertion or deletion of words listed in ``neutral.toml`` (的, 各至少一个 → 各至少有一个, …).

Such an edit is a change event like any other, and says which listed words it inserts or
deletes (``Change.neutral``); the reports hide it by default with the format-only changes, as a
careful reader leaves it out of the memo and the 新旧对照表.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from difflib import SequenceMatcher
from importlib import resources

from .tokens import comparable


@dataclass(frozen=True)
class NeutralWord:
    """A word whose insertion or deletion alone does not change a clause, in its contexts."""

    text: str
    after: tuple[str, ...] = ()  # the text before it ends with one of these (none: any)
    before: tuple[str, ...] = ()  # the text after it begins with one of these (none: any)
    not_after: tuple[str, ...] = ()  # never where the text before it ends with one of these
    not_before: tuple[str, ...] = ()  # never where the text after it begins with one of these

    def fits(self, word: str, head: str, tail: str) -> bool:
        return word == self.text and (not self.after or head.endswith(self.after)) \
            and (not self.before or tail.startswith(self.before)) \
            and not (self.not_after and head.endswith(self.not_after)) \
            and not (self.not_before and tail.startswith(self.not_before))


def parse_words(text: str) -> tuple[NeutralWord, ...]:
    data = tomllib.loads(text)
    return tuple(NeutralWord(d["text"], tuple(d.get("after", ())), tuple(d.get("before", ())),
                             tuple(d.get("not_after", ())), tuple(d.get("not_before", ())))
                 for d in data.get("word", ()))


# the listed words (``neutral.toml``), read once at import: a constant, not a memo
WORDS = parse_words(resources.files(__package__).joinpath("neutral.toml")
                    .read_text(encoding="utf-8"))
MOST = 4  # listed words in one neutral edit, at most


def neutral_edit(a: str, b: str, listed: tuple[NeutralWord, ...] = WORDS) -> tuple[str, ...]:
    """The listed words inserted or deleted between ``a`` and ``b``, in order, when that is
    all that differs between them, format aside; () otherwise (and when they do not differ).
    Symmetric: the same words whichever side is called old."""
    return neutral_between(comparable(a), comparable(b), listed)


def neutral_between(x: str, y: str, listed: tuple[NeutralWord, ...] = WORDS
                    ) -> tuple[str, ...]:
    """``neutral_edit`` of two texts already made ``comparable``."""
    longest = max((len(w.text) for w in listed), default=0)
    if not x or not y or not 0 < abs(len(x) - len(y)) <= MOST * longest:
        return ()  # (all inserted or all deleted: the lengths differ, by a few words at most)
    ops = [op for op in SequenceMatcher(None, x, y, autojunk=False).get_opcodes()
           if op[0] != "equal"]
    if {tag for tag, *_ in ops} not in ({"delete"}, {"insert"}):
        return ()  # a replacement; or a word deleted here, inserted there: it moved
    found: list[str] = []
    for tag, i1, i2, j1, j2 in ops:
        side, start, end = (x, i1, i2) if tag == "delete" else (y, j1, j2)
        word = side[start:end]
        if not any(w.fits(word, side[:start], side[end:]) for w in listed):
            return ()
        found.append(word)
    return tuple(found)
