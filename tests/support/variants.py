"""Layout variants of a real guideline: the same content typeset differently.

A document is taken apart into what does not depend on layout (its paragraphs, which of them are
direction headings, labels and list items, the pages they lie on, the link annotations dumped at
page ends, the printed page numbers) and typeset anew with random choices composed at will:

- punctuation full- or half-width; full-width digits; spaces inside and around numbers and units;
  an amount in 亿元 instead of 万元;
- list markers of any style (a style per nesting depth), direction numbers with a full-width dot
  or more digits;
- a field label glued after the previous sentence, several labels on one line, a label alone;
- any wrap width, single or double spacing, CRLF/CR/LF; page numbers in other styles, running
  headers, page starts marked by a leading space or not (a direction heading may then follow a
  link dump directly);
- TXT in several encodings, or DOCX with a paragraph per line (leading spaces kept, dumped link
  lines as their own paragraphs) or per paragraph, with explicit or rendered page breaks.

``edit`` applies a real change as well (a budget, a count, a contact, a dropped direction) and
says which events it must produce. The tests run a few hundred variants of both real documents;
``tooling/scripts/variants.py N`` runs N.
"""

from __future__ import annotations

import io
import itertools
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from guidediff.compare.tokens import comparable
from guidediff.model import Agreement, Contact, Guideline, Item
from guidediff.normalize import facts
from guidediff.normalize import patterns as pt
from guidediff.normalize.clean import clean
from guidediff.normalize.pipeline import normalize_raw
from guidediff.read.ingest import ingest
from guidediff.text import canonical, width

# ---------------------------------------------------------------- the layout-free document


@dataclass
class Run:
    """A piece of one paragraph that lies on one page (it starts a new line when typeset)."""

    para: int
    start: int
    end: int


@dataclass
class Page:
    body: list[Run | str] = field(default_factory=list)  # str: a dumped link annotation line
    number: int | None = None  # the printed page number, if the source printed one


@dataclass
class Source:
    """A real document, layout removed."""

    name: str
    paragraphs: list[str]
    pages: list[Page]
    heading: dict[int, str]  # paragraph -> the id of the direction it heads
    direction_of: list[str | None]  # paragraph -> the direction it belongs to
    items: dict[int, tuple[int, int, str]]  # paragraph -> (depth, value, printed marker)
    labels: set[int]  # paragraphs that start with a known field label
    guideline: Guideline


def _item_paragraphs(g: Guideline, line_para: dict[int, int]) -> dict[int, tuple[int, int, str]]:
    out: dict[int, tuple[int, int, str]] = {}

    def walk(items: tuple[Item, ...], depth: int) -> None:
        for k, it in enumerate(items, 1):
            value = pt.marker_value(it.marker, it.style) or k
            para = line_para.get(it.source.line)
            if para is not None:
                out[para] = (depth, value, it.marker)
            for f in it.fields:
                walk(f.items, depth + 1)
            walk(it.children, depth + 1)

    for d in g.directions:
        for f in d.fields:
            walk(f.items, 0)
    return out


def load_source(path: str | Path) -> Source:
    raw = ingest(path)
    cleaned = clean(raw)
    g = normalize_raw(raw).guideline
    paragraphs = [p.text for p in cleaned.paragraphs]
    line_para: dict[int, int] = {}
    piece_of: dict[int, tuple[int, int, int]] = {}  # line -> (para, start, end)
    for k, p in enumerate(cleaned.paragraphs):
        offsets = [*p.starts, (len(p.text), -1, None)]
        for (a, line, _), (b, _, _) in itertools.pairwise(offsets):
            line_para.setdefault(line, k)
            piece_of[line] = (k, a, b)
    artifacts = {a.line: a for a in cleaned.artifacts}
    pages: list[Page] = []
    sheet = None
    for ln in raw.lines:
        if not ln.text.strip():
            continue
        if ln.sheet != sheet:
            pages.append(Page())
            sheet = ln.sheet
        page = pages[-1]
        art = artifacts.get(ln.number)
        if art is not None and art.kind == "page-number":
            page.number = ln.page
        elif art is not None:
            page.body.append(art.text)
        elif ln.number in piece_of:
            k, a, b = piece_of[ln.number]
            last = page.body[-1] if page.body else None
            if isinstance(last, Run) and last.para == k and last.end == a:
                last.end = b
            else:
                page.body.append(Run(k, a, b))
    heading: dict[int, str] = {}
    direction_of: list[str | None] = [None] * len(paragraphs)
    current = None
    for k, text in enumerate(paragraphs):
        head = pt.match_direction(text)
        if head is not None and any(d.id == head[0] for d in g.directions):
            heading[k] = current = head[0]
        direction_of[k] = current
    labels = {k for k, t in enumerate(paragraphs) if direction_of[k] and pt.match_label(t)}
    return Source(Path(path).name, paragraphs, pages, heading, direction_of,
                  _item_paragraphs(g, line_para), labels, g)


# ---------------------------------------------------------------- edits of paragraph text


@dataclass
class Text:
    """A paragraph's text and the offsets where its runs are cut, kept right through edits."""

    text: str
    cuts: list[int]

    def replace(self, start: int, end: int, new: str) -> None:
        self.cuts = [_moved(c, {start: (end, len(new))}) for c in self.cuts]
        self.text = self.text[:start] + new + self.text[end:]

    def sub(self, pattern: str | re.Pattern[str], repl: Callable[[re.Match[str]], str],
            start: int = 0) -> None:
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        out, pos, shift = [], 0, {}
        for m in rx.finditer(self.text, start):
            new = repl(m)
            if new == m.group(0):
                continue
            out.append(self.text[pos:m.start()])
            out.append(new)
            shift[m.start()] = (m.end(), len(new))
            pos = m.end()
        if not shift:
            return
        out.append(self.text[pos:])
        self.cuts = [_moved(c, shift) for c in self.cuts]
        self.text = "".join(out)


def _moved(cut: int, shift: dict[int, tuple[int, int]]) -> int:
    delta = 0
    for s, (e, n) in sorted(shift.items()):
        if cut >= e:
            delta += n - (e - s)
        elif cut > s:
            return s + delta + n
    return cut + delta


CN = "〇一二三四五六七八九十"


def cn_numeral(n: int) -> str:
    if n <= 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


MARKER_PRINTERS: dict[str, Callable[[int, random.Random], str | None]] = {
    "cn-paren": lambda v, r: (f"（{cn_numeral(v)}）" if r.random() < .7 else f"({cn_numeral(v)})")
    if v <= 99 else None,
    "digit-paren": lambda v, r: f"（{v}）" if r.random() < .7 else f"({v})",
    "digit-half-paren": lambda v, r: f"{v}）" if r.random() < .5 else f"{v})",
    "digit-dot": lambda v, r: f"{v}." if r.random() < .7 else f"{v}．",
    "digit-comma": lambda v, r: f"{v}、",
    "circled": lambda v, r: chr(0x2460 + v - 1) if 1 <= v <= 20 else None,
    "cn-comma": lambda v, r: f"{cn_numeral(v)}、" if v <= 99 else None,
    "letter-paren": lambda v, r: f"({chr(96 + v)})" if 1 <= v <= 26 else None,
    "letter-half-paren": lambda v, r: f"{chr(96 + v)})" if 1 <= v <= 26 else None,
    "dash": lambda v, r: "——",
}

_TO_HALF = str.maketrans({"：": ":", "（": "(", "）": ")", "；": ";", "，": ","})
_CJK = r"[\u4e00-\u9fff]"


@dataclass
class Choices:
    """What a variant changes; each is None or False when it keeps the source's layout."""

    punctuation: str | None = None  # "half" | "full"
    fullwidth_digits: bool = False
    number_spaces: bool = False
    yi_units: bool = False
    markers: dict[int, str] | None = None  # depth -> style
    direction_numbers: str | None = None  # "fullwidth-dot" | "more-digits"
    glue_labels: bool = False
    labels_alone: bool = False
    wrap: int | None = None  # display width of a line
    spacing: str = "double"  # "double" | "single"
    newline: str = "\n"
    # original: leading-space page marks and the printed page numbers; numbers: a page number
    # closing every page, no marks; spaces: marks, no numbers; none-before-headings: original,
    # but a page that begins with a direction heading has no mark
    page_marks: str = "original"
    page_number_style: str = "— {} —"
    running_header: str | None = None
    container: str = "txt"  # txt | docx-lines | docx-paragraphs | docx-rendered
    encoding: str = "utf-8"

    def describe(self) -> str:
        parts = [f"{k}={v!r}" for k, v in self.__dict__.items()
                 if v not in (None, False, "double", "\n", "original", "— {} —", "txt", "utf-8")]
        return ", ".join(parts) or "as printed"


def new_id(did: str, choices: Choices) -> str:
    a, b = did.split(".")
    if choices.direction_numbers == "more-digits":
        return f"{int(a) + 9}.{int(b) + 10}"
    return did


def _marker_styles(rng: random.Random, depths: int) -> dict[int, str]:
    styles = list(MARKER_PRINTERS)
    rng.shuffle(styles)
    return dict(enumerate(styles[:depths]))


def random_choices(rng: random.Random, source: Source) -> Choices:
    depths = 1 + max((d for d, _, _ in source.items.values()), default=0)
    pick = rng.random
    return Choices(
        punctuation=rng.choice([None, "half", "full"]),
        fullwidth_digits=pick() < .3,
        number_spaces=pick() < .3,
        yi_units=pick() < .3,
        markers=_marker_styles(rng, depths) if pick() < .6 else None,
        direction_numbers=rng.choice([None, None, "fullwidth-dot", "more-digits"]),
        glue_labels=pick() < .3,
        labels_alone=pick() < .25,
        wrap=rng.choice([None, 44, 54, 64, 80, 120]),
        spacing=rng.choice(["double", "single"]),
        newline=rng.choice(["\n", "\r\n", "\r"]),
        page_marks=rng.choice(["original", "numbers", "spaces", "none-before-headings"]),
        page_number_style=rng.choice(["— {} —", "- {} -", "第 {} 页", "{}/" + "{n}", "·{}·"]),
        running_header=rng.choice([None, None, "国家重点研发计划申报指南",
                                   "政府间国际科技创新合作"]),
        container=rng.choice(["txt", "txt", "docx-lines", "docx-paragraphs", "docx-rendered"]),
        encoding=rng.choice(["utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    )


def _transform(source: Source, k: int, t: Text, c: Choices, rng: random.Random) -> None:
    if k in source.heading and c.direction_numbers:
        nid = new_id(source.heading[k], c)
        if c.direction_numbers == "fullwidth-dot":
            nid = nid.replace(".", "．")
        t.sub(r"^\s*\d+\s*[.．]\s*\d+", lambda m: nid)
    if c.markers is not None and k in source.items:
        depth, value, marker = source.items[k]
        style = c.markers.get(depth)
        printed = MARKER_PRINTERS[style](value, rng) if style else None
        if printed is not None and t.text.startswith(marker):
            t.sub("^" + re.escape(marker), lambda m: printed)
    if c.yi_units and source.direction_of[k] is not None:
        t.sub(r"(?<![\d.])(\d+)万元", lambda m: f"{int(m.group(1)) / 10000:g}亿元"
              if int(m.group(1)) % 100 == 0 and int(m.group(1)) >= 100 else m.group(0))
    if c.number_spaces:
        t.sub(r"(?<![\d.,])(\d{1,3})(\d{3})(?=\s*[万亿][元])",
              lambda m: f"{m.group(1)} {m.group(2)}")
        t.sub(r"(\d)(万元|亿元|个|年)", lambda m: f"{m.group(1)} {m.group(2)}")
    if c.fullwidth_digits:
        t.sub(rf"(?<![\w.@/:+\-])\d+(?=\s*(?:{_CJK}|～|至))",
              lambda m: m.group(0).translate(str.maketrans("0123456789", "０１２３４５６７８９")))
    if c.punctuation == "half":
        t.sub(r"[：（）；，]", lambda m: m.group(0).translate(_TO_HALF))
    elif c.punctuation == "full":
        full = {":": "：", "(": "（", ")": "）", ";": "；", ",": "，"}
        t.sub(rf"(?<={_CJK})[:();,]|[:();,](?={_CJK})", lambda m: full[m.group(0)])


# ---------------------------------------------------------------- real edits


@dataclass(frozen=True)
class Edit:
    kind: str  # budget | count | contact | drop
    direction: str
    expect: tuple[str, ...]  # the substantive events it must give, by kind


Change = tuple[int, int, int, str]  # paragraph, start, end, replacement


def edit(source: Source, rng: random.Random) -> tuple[list[Change], Edit]:
    """One real change of the source's paragraphs, and the events it must give."""
    paras = source.paragraphs
    kinds = ["budget", "count", "contact", "drop"]
    rng.shuffle(kinds)
    for kind in kinds:
        ks = list(range(len(paras)))
        rng.shuffle(ks)
        for k in ks:
            did, text = source.direction_of[k], paras[k]
            if did is None:
                continue
            if kind == "budget" and pt.match_label(text) and "经费" in text:
                m = re.search(r"(\d+)(\s*万元)", text)
                if m and int(m.group(1)) > 100:
                    change = (k, m.start(1), m.end(1), str(int(m.group(1)) - 100))
                    return [change], Edit(kind, did, ("budget_changed",))
            if kind == "count" and text.startswith(("拟支持项目数", "支持项目数")):
                m = re.search(r"(\d+)\s*个", text)
                if m and "（" not in text:
                    change = (k, m.start(1), m.end(1), str(int(m.group(1)) + 1))
                    return [change], Edit(kind, did, ("project_count_changed",))
            if kind == "contact" and k in source.items and "联系人" in text and "@" in text:
                m = re.search(r"[A-Za-z0-9._%+-]+@", text)
                if m and not re.search(r"@.*@", text):
                    change = (k, m.start(), m.start(), "x")
                    return [change], Edit(kind, did, ("contact_changed", "requirement_changed"))
            if kind == "drop" and k in source.heading:
                gone = [(j, 0, len(t), "") for j, t in enumerate(paras)
                        if source.direction_of[j] == did]
                return gone, Edit(kind, did, ("program_dropped",))
    raise AssertionError("no edit applies")


# ---------------------------------------------------------------- typesetting


_NO_START = "，。、；：？！）》”’」】%,.;:?!)"
_NO_END = "（《“‘「【("
_LATIN = re.compile(r"[A-Za-z0-9@._:/%+=&?#~\-]+|\s+|.", re.DOTALL)


def wrap(text: str, columns: int) -> list[str]:
    """Lines of at most ``columns`` display width, broken as a typesetter breaks them: between
    Chinese characters or at spaces, never inside a Latin word or number unless it is longer
    than a line (a long URL), never before closing or after opening punctuation."""
    lines: list[str] = []
    cur = ""
    for tok in _LATIN.findall(text):
        if tok.isspace():
            if cur and width(cur) + 1 <= columns:
                cur += " "
            elif cur:
                lines.append(cur.rstrip())
                cur = ""
            continue
        w = width(tok)
        fits = width(cur) + w <= columns
        marker_only = pt.match_marker(cur) is not None and len(cur.strip()) <= 5
        if fits or not cur or tok[0] in _NO_START or cur[-1] in _NO_END or marker_only:
            if w > columns and cur and not marker_only:
                room = columns - width(cur)
                head = tok[:max(room, 0)]
                lines.append(cur + head)
                cur, tok = "", tok[len(head):]
            while width(tok) > columns and not cur:
                lines.append(tok[:columns])
                tok = tok[columns:]
            cur += tok
            continue
        lines.append(cur.rstrip())
        cur = tok
    if cur.strip():
        lines.append(cur.rstrip())
    return [ln for ln in lines if ln.strip()]


@dataclass
class Line:
    text: str
    page: int
    page_start: bool = False
    paragraph_end: bool = False
    kind: str = "body"  # body | dump | header | page-number


Piece = tuple[int, str, bool]  # paragraph, text, whether it ends the paragraph


def _runs(source: Source, texts: list[str], cuts: list[list[int]]
          ) -> list[tuple[int, list[Piece | str]]]:
    """Per page: the pieces of paragraphs and the dump lines, with the edited texts."""
    out: list[tuple[int, list[Piece | str]]] = []
    for n, page in enumerate(source.pages):
        body: list[Piece | str] = []
        for r in page.body:
            if isinstance(r, str):
                body.append(r)
                continue
            bounds = [0, *cuts[r.para], len(texts[r.para])]
            orig = [0, *_orig_cuts(source, r.para), len(source.paragraphs[r.para])]
            i = orig.index(r.start) if r.start in orig else 0
            j = orig.index(r.end) if r.end in orig else len(orig) - 1
            piece = texts[r.para][bounds[i]:bounds[j]]
            if piece.strip():
                body.append((r.para, piece, r.end == len(source.paragraphs[r.para])))
        out.append((n, body))
    return out


def _orig_cuts(source: Source, k: int) -> list[int]:
    cuts = sorted({r.start for p in source.pages for r in p.body
                   if isinstance(r, Run) and r.para == k} | {
        r.end for p in source.pages for r in p.body if isinstance(r, Run) and r.para == k})
    return [c for c in cuts if 0 < c < len(source.paragraphs[k])]


def _glue(body: list[Piece | str], source: Source) -> None:
    """Join a label's paragraph to the one before it when that one ends a sentence or a bracket
    (``…4000万元人民币。其他要求：``); a run of labels ends on one line."""
    k = 1
    while k < len(body):
        a, b = body[k - 1], body[k]
        if isinstance(a, tuple) and isinstance(b, tuple) and b[0] in source.labels \
                and a[0] != b[0] and a[2] and a[1].rstrip()[-1:] in "。）)" \
                and source.direction_of[a[0]] == source.direction_of[b[0]] \
                and a[0] not in source.heading:
            body[k - 1] = (a[0], a[1].rstrip() + b[1].lstrip(), b[2])
            del body[k]
            continue
        k += 1


def _alone(body: list[Piece | str], source: Source) -> None:
    """Put a label on its own line, its value on the next."""
    out: list[Piece | str] = []
    for r in body:
        if isinstance(r, tuple) and r[0] in source.labels:
            m = pt.LABEL_RE.match(r[1])
            if m and r[1][m.end():].strip():
                out.append((r[0], r[1][:m.end()], True))
                out.append((-1, r[1][m.end():], r[2]))
                continue
        out.append(r)
    body[:] = out


def typeset(source: Source, c: Choices, rng: random.Random,
            changes: list[Change] | None = None) -> list[Line]:
    edited: list[str] = []
    cuts: list[list[int]] = []
    by_para: dict[int, list[Change]] = {}
    for ch in changes or []:
        by_para.setdefault(ch[0], []).append(ch)
    for k, text in enumerate(source.paragraphs):
        t = Text(text, _orig_cuts(source, k))
        for _, a, b, new in sorted(by_para.get(k, []), key=lambda x: -x[1]):
            t.replace(a, b, new)
        if t.text:
            _transform(source, k, t, c, rng)
        edited.append(t.text)
        cuts.append(t.cuts)
    lines: list[Line] = []
    pages = _runs(source, edited, cuts)
    for n, body in pages:
        if c.glue_labels:
            _glue(body, source)
        if c.labels_alone:
            _alone(body, source)
        if c.running_header and n > 0:
            lines.append(Line(c.running_header, n, True, True, "header"))
        for r in body:
            if isinstance(r, str):
                lines.append(Line(r, n, False, True, "dump"))
                continue
            _, text, last = r
            wrapped = [text.strip()] if c.wrap is None else wrap(text.strip(), c.wrap)
            for j, w in enumerate(wrapped):
                lines.append(Line(w, n, False, last and j == len(wrapped) - 1))
        printed = source.pages[n].number
        if c.page_marks == "numbers" or (printed is not None and c.page_marks != "spaces"):
            style = c.page_number_style.replace("{n}", str(len(pages)))
            lines.append(Line(style.format(printed if printed is not None else n + 1), n, False,
                              True, "page-number"))
    return _page_marks(lines, source, c)


def _page_marks(lines: list[Line], source: Source, c: Choices) -> list[Line]:
    """Mark page starts with a leading space where the choice says so."""
    out = []
    page = 0
    for ln in lines:
        first = ln.page != page
        page = ln.page
        ln = replace(ln, page_start=first)
        marked = first and ln.page > 0
        if c.page_marks == "numbers" or (c.page_marks == "none-before-headings" and marked \
                and pt.match_direction(ln.text) is not None):
            marked = False
        out.append(replace(ln, text=(" " + ln.text) if marked else ln.text))
    return out


# ---------------------------------------------------------------- containers


def to_bytes(lines: list[Line], c: Choices) -> tuple[bytes, str]:
    """The typeset document as a file: (data, file suffix)."""
    if c.container == "txt":
        sep = c.newline * (2 if c.spacing == "double" else 1)
        text = sep.join(ln.text for ln in lines) + c.newline
        return text.encode(c.encoding), ".txt"
    return _docx(lines, c), ".docx"


def _docx(lines: list[Line], c: Choices) -> bytes:
    """A paragraph per line (a text saved from an editor, leading spaces kept), or per paragraph
    (a Word draft: lines joined, page numbers and headers left to the page's footer and header,
    dumped link lines as their own paragraphs after the paragraph they cut, then a page break)."""
    from docx import Document
    from docx.oxml import OxmlElement

    doc = Document()

    def add(text: str, new_page: bool) -> None:
        p = doc.add_paragraph()
        if new_page and c.container == "docx-rendered":
            p.add_run()._r.append(OxmlElement("w:lastRenderedPageBreak"))
        elif new_page:
            p.paragraph_format.page_break_before = True
        p.add_run(text)

    if c.container in ("docx-lines", "docx-rendered"):
        for ln in lines:
            add(ln.text, ln.page_start)
    else:
        buf: list[str] = []
        dumps: list[str] = []
        broke = False
        for ln in lines:
            broke = broke or ln.page_start
            if ln.kind in ("header", "page-number"):
                continue
            if ln.kind == "dump":
                dumps.append(ln.text.strip())
                continue
            buf.append(ln.text.strip())
            if ln.paragraph_end:
                add(_joined(buf), broke and not dumps)
                broke = broke and bool(dumps)
                for d in dumps:
                    add(d, False)
                dumps, buf = [], []
        if buf:
            add(_joined(buf), broke)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _joined(lines: list[str]) -> str:
    from guidediff.normalize.clean import joiner

    text = lines[0]
    for ln in lines[1:]:
        text += joiner(text, ln)[0] + ln
    return text


# ---------------------------------------------------------------- one variant


@dataclass(frozen=True)
class Variant:
    seed: int
    choices: Choices
    data: bytes
    suffix: str
    edit: Edit | None = None

    def id_map(self, source: Source) -> dict[str, str]:
        return {d.id: new_id(d.id, self.choices) for d in source.guideline.directions}


def make_variant(source: Source, seed: int, with_edit: bool = False) -> Variant:
    rng = random.Random(seed)
    c = random_choices(rng, source)
    changes, e = edit(source, rng) if with_edit else (None, None)
    lines = typeset(source, c, rng, changes)
    data, suffix = to_bytes(lines, c)
    return Variant(seed, c, data, suffix, e)


# ---------------------------------------------------------------- judging a variant


def _item_shape(items: tuple[Item, ...]) -> tuple[object, ...]:
    return tuple((len(it.fields), _item_shape(it.children),
                  tuple(_item_shape(f.items) for f in it.fields)) for it in items)


def _value_key(v: object) -> object:
    if isinstance(v, Agreement):
        return ("agreement", v.title)
    if isinstance(v, Contact):  # kept as printed, one contact in canonical form
        return replace(v, name=canonical(v.name) if v.name else v.name,
                       org=canonical(v.org) if v.org else v.org)
    return v


def signature(g: Guideline, ids: dict[str, str] | None = None) -> list[object]:
    """What layout must not change: each direction's id, fields, item tree and typed values."""
    out: list[object] = []
    for d in g.directions:
        fields = tuple((f.key, _item_shape(f.items)) for f in d.fields)
        values = tuple(_value_key(v) for b in d.blocks() for v in b.values())
        out.append(((ids or {}).get(d.id, d.id), comparable(facts.title_text(d)), fields, values))
    return out


@dataclass(frozen=True)
class Verdict:
    ok: bool
    problems: tuple[str, ...]


def check_variant(source: Source, v: Variant, path: Path) -> Verdict:
    """Normalize the variant written at ``path``; it must give the source's model and, diffed
    with the source, no substantive event but its edit's."""
    from guidediff.compare.diff import diff

    n = normalize_raw(ingest(path))
    got = n.guideline
    problems: list[str] = []
    ids = v.id_map(source)
    if v.edit is None:
        want, have = signature(source.guideline, ids), signature(got)
        if want != have:
            for a, b in itertools.zip_longest(want, have):
                if a != b:
                    problems.append(f"model differs: {_short(a)} != {_short(b)}")
                    break
    log = diff(source.guideline, got)
    expect = set(v.edit.expect) if v.edit else set()
    events = {(c.kind, c.old_direction or c.new_direction) for c in log.substantive()}
    wanted = {(k, v.edit.direction) for k in expect} if v.edit else set()
    if events != wanted:
        problems.append(f"events {sorted(events - wanted)} unexpected, "
                        f"{sorted(wanted - events)} missing")
    for r in log.alignment:
        if r.status == "matched" and ids.get(r.old or "") != r.new:
            problems.append(f"{r.old} matched {r.new}")
        elif r.status != "matched" and not (v.edit and v.edit.kind == "drop"
                                            and r.old == v.edit.direction):
            problems.append(f"{r.status} {r.old or r.new}")
    n.check()
    return Verdict(not problems, tuple(problems))


def _short(x: object) -> str:
    text = repr(x)
    return text if len(text) < 300 else text[:300] + "…"
