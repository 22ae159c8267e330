"""Every quote is that side's own words: what any report quotes of the old document stands in the
old document, what it quotes of the new one in the new one.

The property is checked on every report a comparison writes: the HTML report in each view (by
default, and with the format-only differences shown: what the page's CSS hides is dropped
first), the 新旧对照表 as Word cells and as its text form, the memo (Markdown and Word), the
tracked DOCX (every paragraph with its revisions accepted, and rejected; its comments), the
CSV's text columns and the JSON's old and new texts; the sentences that say a change (“A”改为“B”, 删去“A”, 新增…“B”)
have their quotes checked against the side they speak of. Whitespace and page furniture aside
(a line that is only a page number), a quote, or each piece of one cut with ……, is a substring of
its document. It runs on the real pair, both ways, and on variants of the real documents with
one real edit each (``tests.support.variants``, seeded).
"""

from __future__ import annotations

import copy
import io
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from lxml import html

from guidediff.compare.diff import diff
from guidediff.compare.events import ChangeLog
from guidediff.normalize.clean import clean
from guidediff.normalize.pipeline import normalize_file, normalize_raw
from guidediff.read.ingest import ingest
from guidediff.render import FORMATS, RenderOptions
from tests.support.variants import Choices, Source, edit, load_source, to_bytes, typeset

from .cases import _table_text
from .conftest import RAW
from .readback import comment_texts, tracked_texts

# ---------------------------------------------------------------- the documents' own words

_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def own_words(path: Path) -> str:
    """A document's text as quotes are matched against it: every line as read, but those the
    cleaner takes out as page furniture (a page number, a link annotation dumped at a page's
    end), without whitespace. Dropping a line only lets fewer quotes stand: none of the body's
    words is lost."""
    raw = ingest(path)
    furniture = {a.line for a in clean(raw).artifacts}
    return squeeze("".join(ln.text for ln in raw.lines if ln.number not in furniture))


def stands_in(quote: str, words: str) -> bool:
    """Each piece of the quote (cut at ……, ellipses the report adds) is in the document."""
    pieces = [p for p in re.split(r"……|…", squeeze(quote)) if p]
    return all(p in words for p in pieces)


@dataclass(frozen=True)
class Quote:
    report: str  # which report and where in it
    side: str  # old | new | either (a quote a sentence does not tie to one side)
    text: str


# ---------------------------------------------------------------- quotes in sentences

_QUOTED = re.compile(r"“([^“”]*)”")
_OLD_BEFORE = re.compile(r"(?:删去|取消|由|删除[^“”，；。：]*)$")
_NEW_BEFORE = re.compile(r"(?:增加|改为|调整为|新增[^“”，；。：]*)$")
_OLD_AFTER = re.compile(r"^(?:(?:等\d+个)?调整为|改为)")


def sentence_quotes(where: str, text: str) -> Iterator[Quote]:
    """The quotes of a sentence that says a change, each with the side it speaks of:
    由“A”调整为“B”, “A”改为“B”, 删去“A”, 增加“B”, 新增第3项“B”, 删除第1项“A”."""
    for m in _QUOTED.finditer(text):
        before, after = text[max(0, m.start() - 30):m.start()], text[m.end():]
        if _OLD_AFTER.match(after) or _OLD_BEFORE.search(before):
            side = "old"
        elif _NEW_BEFORE.search(before):
            side = "new"
        else:
            side = "either"
        yield Quote(where, side, m.group(1))


# ---------------------------------------------------------------- the reports' quotes


def _text(el: html.HtmlElement, drop: str = "") -> str:
    el = copy.deepcopy(el)
    for gone in el.xpath(drop) if drop else []:
        gone.drop_tree()
    return el.text_content()


def _visible(doc: html.HtmlElement, show_format_only: bool) -> html.HtmlElement:
    """The page as it reads in one view: the CSS rules on .fmt, .marked and .plain applied."""
    doc = copy.deepcopy(doc)
    hidden = (".//tr[contains(@class,'fmtrow')]//span[@class='plain']" if show_format_only else
              ".//tr[contains(@class,'fmtrow')]//span[@class='marked'] | "
              ".//*[contains(concat(' ', @class, ' '), ' fmt ')]")
    for el in doc.xpath(hidden):
        el.drop_tree()
    for el in doc.xpath(".//*[@class='src']"):  # where a text stands, not the text
        el.drop_tree()
    return doc


def html_quotes(data: bytes, show_format_only: bool) -> Iterator[Quote]:
    view = "html " + ("with format-only" if show_format_only else "default")
    doc = _visible(html.fromstring(data.decode("utf-8")), show_format_only)
    for table in doc.xpath("//table[@class='clauses']"):
        for td in table.xpath(".//td[contains(@class,'old')]"):
            yield Quote(f"{view} 原文 cell", "old", td.text_content())
        for td in table.xpath(".//td[contains(@class,'new')]"):
            yield Quote(f"{view} 修改后 cell", "new", td.text_content())
        for td in table.xpath(".//td[contains(@class,'inline-col')]"):
            if td.xpath(".//del | .//ins"):
                yield Quote(f"{view} inline cell", "old", _text(td, ".//ins"))
                yield Quote(f"{view} inline cell", "new", _text(td, ".//del"))
            else:
                yield Quote(f"{view} inline cell", "either", td.text_content())
    for li in doc.xpath("//ul[@class='events']/li"):
        li = copy.deepcopy(li)
        for el in li.xpath(".//*[contains(@class,'badge')]"):
            el.drop_tree()
        if li.xpath(".//del | .//ins"):  # a format-only event: its place, then its diff
            yield Quote(f"{view} event", "old", _text(li, ".//ins").split("：", 1)[-1])
            yield Quote(f"{view} event", "new", _text(li, ".//del").split("：", 1)[-1])
        else:
            yield from sentence_quotes(f"{view} event", li.text_content())


_ABRIDGED = re.compile(r"（此处\d+条未作调整）|")  # the table's words, no quote
_WHERE = re.compile(r"\n第\d+(?:–\d+)?页.*$|\n第\d+(?:–\d+)?(?:行|段).*$")


def table_docx_quotes(data: bytes) -> Iterator[Quote]:
    table = Document(io.BytesIO(data)).tables[0]
    for row in table.rows[1:]:
        cells = row.cells
        if len({id(c._tc) for c in cells}) == 1:  # a heading row across the table
            continue
        for cell, side in ((cells[1], "old"), (cells[2], "new")):
            text = _WHERE.sub("", cell.text)
            if not _ABRIDGED.fullmatch(text.strip()):
                yield Quote("对照表 cell", side, text)
        yield from sentence_quotes("对照表 说明", cells[3].text)


def table_text_quotes(data: bytes) -> Iterator[Quote]:
    for line in data.decode("utf-8").splitlines():
        if line.startswith("## "):
            continue
        old, new, note = line.split(" | ", 2)
        if _ABRIDGED.fullmatch(old) and _ABRIDGED.fullmatch(new):
            continue
        yield Quote("对照表 text 原文", "old", re.sub(r"\[-|-\]", "", old))
        yield Quote("对照表 text 修改后", "new", re.sub(r"\{\+|\+\}", "", new))
        yield from sentence_quotes("对照表 text 说明", note)


def memo_quotes(data: bytes) -> Iterator[Quote]:
    for line in data.decode("utf-8").splitlines():
        yield from sentence_quotes("memo", line)


def memo_docx_quotes(data: bytes) -> Iterator[Quote]:
    for p in Document(io.BytesIO(data)).paragraphs:
        yield from sentence_quotes("memo docx", p.text)


def tracked_quotes(data: bytes) -> Iterator[Quote]:
    """The tracked DOCX: each paragraph, every revision accepted, is the new document's words;
    rejected, the old one's; its comments say the changes."""
    for accepted, rejected in tracked_texts(data):
        yield Quote("tracked docx, accepted", "new", accepted)
        yield Quote("tracked docx, rejected", "old", rejected)
    for note in comment_texts(data):
        yield from sentence_quotes("tracked docx comment", note)


def csv_quotes(log: ChangeLog, data: bytes) -> Iterator[Quote]:
    import csv

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 1 + len(log.changes)
    for c, row in zip(log.changes, rows[1:], strict=True):
        yield Quote(f"csv 原文 {c.id}", "old", row[6])
        yield Quote(f"csv 修改后 {c.id}", "new", row[7])
        yield from sentence_quotes("csv 变化", row[2])


def json_quotes(data: bytes) -> Iterator[Quote]:
    for c in json.loads(data)["changes"]:
        yield Quote(f"json old_text {c['id']}", "old", c["old_text"] or "")
        yield Quote(f"json new_text {c['id']}", "new", c["new_text"] or "")


def all_quotes(log: ChangeLog) -> Iterator[Quote]:
    opts = RenderOptions()
    page = FORMATS["html"](log, opts)
    yield from html_quotes(page, show_format_only=False)
    yield from html_quotes(page, show_format_only=True)
    yield from html_quotes(FORMATS["html"](log, RenderOptions(show_format_only=True)), True)
    yield from table_docx_quotes(FORMATS["table"](log, opts))
    yield from table_text_quotes(_table_text(log, opts))
    yield from memo_quotes(FORMATS["memo.md"](log, opts))
    yield from memo_docx_quotes(FORMATS["memo"](log, opts))
    yield from tracked_quotes(FORMATS["docx"](log, opts))
    yield from csv_quotes(log, FORMATS["csv"](log, opts))
    yield from json_quotes(FORMATS["json"](log, opts))


def false_quotes(log: ChangeLog, old_path: Path, new_path: Path) -> list[Quote]:
    """Every quote of the reports that is not its side's words."""
    old, new = own_words(old_path), own_words(new_path)

    def true(q: Quote) -> bool:
        if q.side == "old":
            return stands_in(q.text, old)
        if q.side == "new":
            return stands_in(q.text, new)
        return stands_in(q.text, old) or stands_in(q.text, new)

    return [q for q in all_quotes(log) if not true(q)]


def _said(found: list[Quote]) -> str:
    return f"{len(found)} false quotes:\n" + "\n".join(
        f"  {q.report} ({q.side}): {q.text[:80]!r}" for q in found[:20])


# ---------------------------------------------------------------- the real pair, both ways


@pytest.mark.parametrize("old, new", [("2021", "2022"), ("2022", "2021")])
def test_every_quote_of_the_real_pair_is_its_sides_words(old: str, new: str) -> None:
    log = diff(normalize_file(RAW[old]).guideline, normalize_file(RAW[new]).guideline)
    found = false_quotes(log, RAW[old], RAW[new])
    assert not found, _said(found)


def test_the_property_sees_a_false_quote(tmp_path: Path) -> None:
    """The check itself: a 原文 cell showing the new wording, a note quoting words neither
    document prints, are found."""
    (tmp_path / "old.txt").write_text("1.智慧城市；\n\n— 3 —\n\n经费 2000\n\n万元\n", encoding="utf-8")
    (tmp_path / "new.txt").write_text("（1）智慧城市；\n", encoding="utf-8")
    old, new = own_words(tmp_path / "old.txt"), own_words(tmp_path / "new.txt")
    assert stands_in("1.智慧城市；", old) and stands_in("经费2000万元", old)
    assert not stands_in("（1）智慧城市；", old) and stands_in("（1）智慧……", new)
    quotes = list(sentence_quotes("x", "“1.智慧”改为“（1）智慧”，删去“经费”，新增第2项“其他”"))
    assert [(q.side, q.text) for q in quotes] == [
        ("old", "1.智慧"), ("new", "（1）智慧"), ("old", "经费"), ("new", "其他")]


# ---------------------------------------------------------------- variants with an edit

SOURCES: dict[str, Source] = {}


def _source(year: str) -> Source:
    if year not in SOURCES:
        SOURCES[year] = load_source(RAW[year])
    return SOURCES[year]


def _variant(source: Source, seed: int) -> bytes:
    """A variant of the source's layout that prints the same characters but for its list
    markers (other markers, wrap, spacing, page numbers), with one real edit: its file."""
    from tests.support.variants import MARKER_PRINTERS

    rng = random.Random(seed)
    styles = list(MARKER_PRINTERS)
    rng.shuffle(styles)
    c = Choices(markers=dict(enumerate(styles[:3])) if rng.random() < .8 else None,
                wrap=rng.choice([None, 44, 64, 120]), spacing=rng.choice(["double", "single"]),
                newline=rng.choice(["\n", "\r\n"]),
                page_marks=rng.choice(["original", "numbers", "spaces"]),
                page_number_style=rng.choice(["— {} —", "- {} -", "第 {} 页", "{}/{n}"]))
    changes, _ = edit(source, rng)
    lines = typeset(source, c, rng, changes)
    data, _ = to_bytes(lines, c)
    return data


@pytest.mark.parametrize("year, seed", [("2021", 1), ("2021", 2), ("2022", 3), ("2022", 4),
                                        ("2022", 5)])
def test_every_quote_of_an_edited_variant_is_its_sides_words(year: str, seed: int,
                                                             tmp_path: Path) -> None:
    source = _source(year)
    data = _variant(source, seed)
    path = tmp_path / "variant.txt"
    path.write_bytes(data)
    varied = normalize_raw(ingest(path)).guideline
    log = diff(source.guideline, varied)
    assert log.substantive(), "the edit gives a change"
    found = false_quotes(log, RAW[year], path)
    assert not found, f"seed {seed}: " + _said(found)
