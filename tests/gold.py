"""Scoring what guidediff says against the independent reading of the real pair
(``tests/data/gold/``): which of its events, memo statements and 对照表 rows a careful reader
also lists (precision), and which of the reader's changes it says (recall).

An output item matches a reader's entry when both are about the same pair of directions (or
the document itself), of a compatible kind, and the item's words hold the reader's quotes (or,
for a contact or a link, the same address). One item may state several entries (a sentence
saying that a quota lost its cap and its sub-quota); a borderline entry counts for neither
measure when it is not said, and makes an item that says it right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .cases import gold

# kinds a reader and the tool may name differently for the same change
FAMILIES = (
    {"title_changed", "text_changed"},  # the document's own title is one of its texts
)


def _compatible(a: str, b: str) -> bool:
    return a == b or any(a in f and b in f for f in FAMILIES)


# a list marker or a direction's number at the start of a quote: 1. 1） （1） （一） 一、 3.2
MARKER = re.compile(r"^(?:\d+(?:\.\d+)+|\d+[.、)]|\(\d+\)|\([一二三四五六七八九十]+\)|"
                    r"[一二三四五六七八九十]+、|——)")
ENDS = "；;。.，,"


def _flat(text: str | None) -> str:
    """Text compared without spacing, list markers, the width of brackets, a trailing stop or
    the full-width colon of a URL."""
    if not text:
        return ""
    text = text.replace("：//", "://").replace("（", "(").replace("）", ")")
    text = "".join(text.split())
    while (m := MARKER.match(text)) and m.end() < len(text):
        text = text[m.end():]
    return text.strip(ENDS)


def _within(quote: str, words: str) -> bool:
    """The quote stands in the words, or (a short item quoted with its neighbours) the words
    in the quote."""
    return quote in words or (len(words) >= 2 and words in quote)


def _address(text: str | None) -> str:
    """An e-mail or a web address as compared: flat, lower case, without its scheme or a
    trailing slash or stop."""
    flat = _flat(text).rstrip("/。.；;").lower()
    return re.sub(r"^(?:https?|ftp)://", "", flat)


# a web address inside a quote (网站：www.oead.at/wtz; its colon may be full-width)
URL = re.compile(r"(?:(?:https?|ftp)\s*[:：]\s*//|www\.)[^\s，。；、（）()“”《》]+", re.I)


def _reader_url(g: dict[str, Any]) -> str:
    """The address the reader names: whole in the entry's ``what`` (新增日方申报网址https://…),
    where its quote may be cut at a line end; else the quote's."""
    found = [m.group() for text in (g.get("what"), g.get("new_quote"), g.get("old_quote"))
             for m in URL.finditer(text or "")]
    return _address(max(found, key=len)) if found else ""


@dataclass(frozen=True)
class Said:
    """One thing an output says: its pair of directions, kind, the words of each side it
    quotes, and the addresses it names."""

    old: str | None
    new: str | None
    kind: str
    old_words: str = ""
    new_words: str = ""
    addresses: frozenset[str] = frozenset()
    label: str = ""  # how to show it in a failure


def said_of_event(c: Any) -> Said:
    """An event as a thing said: its kind and directions, its texts and deleted/inserted
    words, and the e-mail or URL of a contact or link."""
    deleted = "".join(t for op, t in c.diff if op < 0)
    inserted = "".join(t for op, t in c.diff if op > 0)
    addresses = set()
    for v in (c.old_value, c.new_value):
        for attr in ("email", "web"):
            if getattr(v, attr, None):
                addresses.add(_address(getattr(v, attr)))
    if str(c.kind).startswith("link_"):
        addresses.add(_address(c.new_text or c.old_text))
    return Said(c.old_direction, c.new_direction, str(c.kind),
                _flat((c.old_text or "") + deleted), _flat((c.new_text or "") + inserted),
                frozenset(addresses), f"{c.kind} {c.old_direction}→{c.new_direction} "
                f"{(c.old_text or '')[:30]!r}→{(c.new_text or '')[:30]!r}")


def _holds(s: Said, g: dict[str, Any]) -> bool:
    """Whether ``s`` says the reader's entry ``g``, or part of one of the readings the reader
    gives as equally right (``or``: a swap told as either block's move; a rewritten area told
    as one area removed and one added)."""
    return _holds_one(s, g) or _holds_other(s, g)


def _holds_other(s: Said, g: dict[str, Any]) -> bool:
    return any(_holds_one(s, {**g, **part}) for reading in g.get("or", ()) for part in reading)


def _found(items: Sequence[Sequence[Said]], g: dict[str, Any]) -> bool:
    """Whether the items say the entry: itself, or every part of one of its other readings."""
    said = [s for item in items for s in item]
    return any(_holds_one(s, g) for s in said) or any(
        all(any(_holds_one(s, {**g, **part}) for s in said) for part in reading)
        for reading in g.get("or", ()))


def _holds_one(s: Said, g: dict[str, Any]) -> bool:
    if (s.old, s.new) != (g["old_direction"], g["new_direction"]):
        return False
    kind = g["kind"]
    if kind.startswith("link_"):  # a web address, whole, also where it is a contact's own
        url = _reader_url(g)
        op = kind.removeprefix("link_")
        return bool(url) and s.kind in (kind, f"contact_{op}") and url in s.addresses
    if not _compatible(s.kind, kind):
        return False
    if kind.startswith("contact_"):
        email = ((g.get("new_value") or g.get("old_value") or {}).get("email") or "")
        return _address(email) in s.addresses
    if kind.startswith("program_"):
        return True
    quotes = [(_flat(g.get("old_quote")), s.old_words), (_flat(g.get("new_quote")), s.new_words)]
    return all(_within(q, words) for q, words in quotes if q) and any(q for q, _ in quotes)


@dataclass
class Score:
    what: str
    items: int
    right: int
    entries: int
    found: int
    wrong: list[str] = field(default_factory=list)  # items no reader's entry backs
    missed: list[str] = field(default_factory=list)  # the reader's entries nothing says

    @property
    def precision(self) -> float:
        return self.right / self.items if self.items else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.entries if self.entries else 1.0

    def line(self) -> str:
        return (f"{self.what}: precision {self.precision:.2f} ({self.right}/{self.items}), "
                f"recall {self.recall:.2f} ({self.found}/{self.entries})")


def score(what: str, items: Sequence[Sequence[Said]], entries: Iterable[dict[str, Any]]
          | None = None) -> Score:
    """Score output items, each saying one or more things, against the reader's entries."""
    entries = list(gold()["changes"] if entries is None else entries)
    found = {k for k, g in enumerate(entries) if _found(items, g)}
    said = [s for item in items for s in item]
    # an entry said in its own reading backs no other reading of it: that is the change said twice
    told = [any(_holds_one(s, g) for s in said) for g in entries]
    wrong = []
    right = 0
    for item in items:
        ok = all(any(_holds_one(s, g) or (not told[k] and _holds_other(s, g))
                     for k, g in enumerate(entries)) for s in item)
        right += ok
        if not ok:
            wrong.append(" + ".join(s.label for s in item))
    needed = [k for k, g in enumerate(entries) if not g.get("borderline")]
    missed = [f"{g['kind']} {g['old_direction']}→{g['new_direction']}: {g['what']}"
              for k, g in enumerate(entries) if k in needed and k not in found]
    return Score(what, len(items), right, len(needed), sum(k in found for k in needed),
                 wrong, missed)


def score_events(log: Any) -> Score:
    """The substantive events: neither format only nor a meaning-neutral wording edit (those
    stay in the JSON log, flagged ``format_only`` or with their ``neutral_words``)."""
    return score("events", [[said_of_event(c)] for c in log.changes if not c.minor])


def score_table(log: Any, rows: Iterable[Any]) -> Score:
    """The 新旧对照表's rows that state something, each by the events it states."""
    by_id = {c.id: c for c in log.changes}
    items = [[said_of_event(by_id[i]) for i in r.stated if i in by_id] for r in rows
             if r.stated]
    return score("对照表 rows", items)


def real_pair_scores() -> list[Score]:
    """The events, the memo's statements and the 对照表's rows of the real pair, scored."""
    from guidediff.render import RenderOptions
    from guidediff.render.table import table_rows

    from .cases import case, real_log

    c = case("real-pair")
    log = real_log(c)
    return [score_events(log), score_memo(log),
            score_table(log, table_rows(log, RenderOptions(lang=c.lang)))]


def score_memo(log: Any) -> Score:
    """The memo's sentences on the matched directions (三、主要方向调整), each by the events it
    states, against the reader's entries on matched directions (the memo's other parts state
    the document's figures and the programmes added and dropped, scored with the events)."""
    from guidediff.render.memo import direction_statements

    items = [[said_of_event(c) for c in st.changes]
             for sts in direction_statements(log, "zh").values() for st in sts]
    entries = [g for g in gold()["changes"] if g["old_direction"] and g["new_direction"]]
    return score("memo statements", items, entries)
