"""DOCX input: paragraphs with Word's automatic numbering rendered as the printed label, tables
as text, and a draft's tracked changes read as its current text (insertions kept, deletions
dropped) with a warning. The archive is read defensively: a ZIP bomb is refused before it is
inflated, and the XML parser resolves no entity and fetches nothing."""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..model import Line
from .pages import mark_carried_pages
from .raw import RawText, real_paragraphs, xml_safe

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_PART_BYTES = 64 * 1024 * 1024  # the largest XML part we inflate
MAX_RATIO = 200  # compression ratio above which a part is treated as a bomb
_CN = "〇一二三四五六七八九十"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False)


def _damage(e: BaseException, info: zipfile.ZipInfo) -> str:
    """What a ZIP member's read failure means, in words."""
    text = str(e)
    if isinstance(e, RuntimeError) and "encrypted" in text:
        return "is encrypted (password-protected): save it without a password"
    if isinstance(e, NotImplementedError):
        return (f"is stored with compression method {info.compress_type}, which DOCX does not "
                "use")
    if "CRC" in text:
        return "fails its checksum (the archive is corrupt or was cut short)"
    if isinstance(e, zlib.error):
        return f"holds corrupt compressed data ({text})"
    if isinstance(e, EOFError) or "truncated" in text.lower():
        return "ends early (the archive was cut short or states a wrong size)"
    return f"cannot be read ({type(e).__name__}: {text})"


def _read_part(z: zipfile.ZipFile, name: str, path: str | Path) -> bytes | None:
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES or (
            info.compress_size and info.file_size / info.compress_size > MAX_RATIO
            and info.file_size > 1024 * 1024):
        raise InputError(f"refused: its part {name} states that it inflates to "
                         f"{info.file_size:,} bytes from {info.compress_size:,} (a ZIP bomb, or "
                         "a damaged size)", path)
    try:
        with z.open(info) as f:
            data = f.read(MAX_PART_BYTES + 1)
    except MemoryError:
        raise
    except Exception as e:  # zipfile, zlib, bz2 and lzma each raise their own kinds
        raise InputError(f"is a damaged DOCX: its part {name} {_damage(e, info)}",
                         path) from None
    if len(data) > MAX_PART_BYTES:
        raise InputError(f"refused: {name} is larger than {MAX_PART_BYTES:,} bytes", path)
    return data


def _xml(data: bytes | None, name: str, path: str | Path) -> etree._Element | None:
    if data is None:
        return None
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as e:
        raise InputError(f"is a damaged DOCX: {name} is not well-formed ({e.msg})", path) from None
    return root


# ---------------------------------------------------------------- numbering


def _cn_number(n: int) -> str:
    """Chinese counting as Word prints it: 十, 十一, 二十, 一百零五, 一千二百; None past 9999."""
    if n < 0 or n > 9999:
        return str(n)
    if n <= 10:
        return _CN[n]
    if n < 20:
        return "十" + _CN[n - 10]
    out, zero = "", False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, unit_value)
        if digit:
            out += ("零" if zero and out else "") + _CN[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


def _roman(n: int) -> str:
    if not 1 <= n <= 3999:
        return str(n)
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


def _letters(n: int, first: str) -> str:
    """Word's letters: a … z, then aa … zz, then aaa … (the letter repeated); up to 780."""
    if not 1 <= n <= 780:
        return str(n)
    return chr(ord(first) + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional",
               "japaneseCounting", "taiwaneseCounting", "chineseLegalSimplified"):
        return _cn_number(n)
    if fmt == "lowerLetter":
        return _letters(n, "a")
    if fmt == "upperLetter":
        return _letters(n, "A")
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    return str(n)


LEVELS = 9  # w:ilvl is 0 … 8
MAX_START = 32767  # the largest w:start Word accepts


def _number(el: etree._Element | None, default: int, low: int, high: int,
            attr: str = "val") -> int | None:
    """The w:val (or w:``attr``) of ``el`` as a whole number in [low, high]: ``default`` when
    absent, None when it is not one (damaged or hostile numbering is read as no numbering)."""
    if el is None or el.get(f"{W}{attr}") is None:
        return default
    raw = (el.get(f"{W}{attr}") or "").strip()
    if not raw.isascii() or not raw.lstrip("-").isdigit() or len(raw) > 6:
        return None
    value = int(raw)
    return value if low <= value <= high else None


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False  # w:isLgl: every level's number printed in Arabic digits here


@dataclass
class Numbering:
    """Word's automatic numbering, turned into the labels a reader sees."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def parse(cls, root: etree._Element | None) -> Numbering:
        num = cls()
        if root is None:
            return num
        abstract: dict[str, dict[int, _Level]] = {}
        for a in root.iter(f"{W}abstractNum"):
            lv: dict[int, _Level] = {}
            for lvl in a.iter(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                ilvl = _number(lvl, 0, 0, LEVELS - 1, attr="ilvl")
                start = _number(lvl.find(f"{W}start"), 1, 0, MAX_START)
                if ilvl is None:
                    continue
                lv[ilvl] = _Level(
                    fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    (text.get(f"{W}val", "") if text is not None else "")[:64],
                    1 if start is None else start, _on(lvl.find(f"{W}isLgl")))
            abstract[a.get(f"{W}abstractNumId", "")] = lv
        for n in root.iter(f"{W}num"):
            ref = n.find(f"{W}abstractNumId")
            if ref is not None:
                num.levels[n.get(f"{W}numId", "")] = abstract.get(ref.get(f"{W}val", ""), {})
        return num

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [0] * LEVELS)
        if not 0 <= ilvl < LEVELS:
            return ""
        lvl = levels.get(ilvl, _Level())
        counters[ilvl] = (counters[ilvl] or lvl.start - 1) + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        if lvl.fmt == "bullet" or lvl.fmt == "none":
            return "" if lvl.fmt == "none" else lvl.text
        text = lvl.text
        for k in range(ilvl + 1):
            level_k = levels.get(k, _Level())
            value = counters[k] or level_k.start
            fmt = "decimal" if lvl.legal else level_k.fmt  # (legal style: 1.1, never 一.1)
            text = text.replace(f"%{k + 1}", format_number(value, fmt))
        return text


def _on(el: etree._Element | None) -> bool:
    """A Word on/off property: present and not switched off (w:val of 0, false or off)."""
    return el is not None and el.get(f"{W}val", "true").strip().lower() not in ("0", "false",
                                                                                 "off")


def _style_numbering(styles: etree._Element | None) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    if styles is None:
        return out
    for st in styles.iter(f"{W}style"):
        num = st.find(f"{W}pPr/{W}numPr")
        if num is not None and num.find(f"{W}numId") is not None:
            ilvl = _number(num.find(f"{W}ilvl"), 0, 0, LEVELS - 1)
            if ilvl is not None:
                out[st.get(f"{W}styleId", "")] = (
                    num.find(f"{W}numId").get(f"{W}val", ""),  # type: ignore[union-attr]
                    ilvl)
    return out


# ---------------------------------------------------------------- text


@dataclass
class _Para:
    """One w:p as lines (cut at its line breaks), each with its sheet and page-start flag."""

    number: int
    element: etree._Element | None = None  # the w:p it was read from
    lines: list[list[str]] = field(default_factory=lambda: [[]])
    sheets: list[int] = field(default_factory=list)
    starts: list[bool] = field(default_factory=list)

    def text(self, k: int) -> str:
        return "".join(self.lines[k])


@dataclass
class _Reader:
    numbering: Numbering
    style_num: dict[str, tuple[str, int]]
    paras: list[_Para] = field(default_factory=list)
    revisions: int = 0
    sheet: int = 0
    visible: int = 0  # paragraphs with text so far: what a reader counts
    paged: bool = False  # the document records where a page begins (explicit or rendered)
    fresh: bool = True  # nothing printed since the current page began
    page_break_pending: bool = False  # a section ended: the next paragraph starts a page

    def body(self, el: etree._Element) -> None:
        """The paragraphs of a body, a cell or a text box, each read once: a table row by row
        and cell by cell (a table inside a cell within that cell), content controls and custom
        XML as what they hold."""
        for child in _unwrapped(el):
            if child.tag == f"{W}p":
                self.paragraph(child)
            elif child.tag == f"{W}tbl":
                for row in _unwrapped(child):
                    if row.tag == f"{W}tr":
                        for cell in _unwrapped(row):
                            if cell.tag == f"{W}tc":
                                self.body(cell)

    def _label(self, p: etree._Element) -> str:
        ppr = p.find(f"{W}pPr")
        num = ppr.find(f"{W}numPr") if ppr is not None else None
        if num is not None and num.find(f"{W}numId") is not None:
            ilvl = _number(num.find(f"{W}ilvl"), 0, 0, LEVELS - 1)
            if ilvl is None:
                return ""
            return self.numbering.label(num.find(f"{W}numId").get(f"{W}val", ""),  # type: ignore
                                        ilvl)
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        if style is not None and style.get(f"{W}val", "") in self.style_num:
            return self.numbering.label(*self.style_num[style.get(f"{W}val", "")])
        return ""

    def _new_line(self, para: _Para) -> None:
        if para.sheets:
            para.lines.append([])
        para.sheets.append(self.sheet)
        para.starts.append(self.fresh and self.sheet > 0)

    def _page_break(self, para: _Para) -> None:
        """A page begins here: an explicit break (w:br page, page break before, a new section)
        or where Word last rendered one (w:lastRenderedPageBreak). Both at one place are one
        page: a break where nothing was printed since the last one changes nothing."""
        self.paged = True
        if self.fresh:
            return
        self.sheet += 1
        self.fresh = True
        if not para.text(-1).strip():  # the line has not begun: it is the page's first
            para.sheets[-1], para.starts[-1] = self.sheet, True

    def _print(self, para: _Para, text: str) -> None:
        para.lines[-1].append(text)
        if text.strip():
            self.fresh = False

    def paragraph(self, p: etree._Element) -> None:
        para = _Para(0, p)
        self.paras.append(para)
        self._new_line(para)
        if self.page_break_pending or p.find(f"{W}pPr/{W}pageBreakBefore") is not None:
            self._page_break(para)
        self.page_break_pending = False
        self._print(para, self._label(p))
        boxes: list[etree._Element] = []
        for el in _runs(p, boxes):
            if el.tag in (f"{W}del", f"{W}moveFrom", f"{W}ins", f"{W}moveTo"):
                self.revisions += 1
            if _inside(el, (f"{W}del", f"{W}moveFrom")):
                continue
            if el.tag == f"{W}t" and el.text:
                self._print(para, el.text)
            elif el.tag == f"{W}tab":
                self._print(para, "\t")
            elif el.tag in (f"{W}br", f"{W}cr"):
                if el.get(f"{W}type") == "page":
                    self._page_break(para)
                elif el.get(f"{W}type") != "column":
                    self._new_line(para)
            elif el.tag == f"{W}lastRenderedPageBreak":
                self._page_break(para)
            elif el.tag == f"{W}sectPr":
                kind = el.find(f"{W}type")
                self.page_break_pending = kind is None or kind.get(f"{W}val") != "continuous"
        self._number(para)
        for box in boxes:  # a text box: its own paragraphs, after the one it is anchored in
            self.body(box)

    def _number(self, para: _Para) -> None:
        """A paragraph's number as a reader counts: paragraphs that show text (an empty one
        shares the number of the paragraph before it)."""
        if any("".join(line).strip() for line in para.lines):
            self.visible += 1
        para.number = max(self.visible, 1)


_WRAPPERS = (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag")
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _unwrapped(el: etree._Element) -> list[etree._Element]:
    """The children of ``el``, with content controls and custom XML replaced by what they
    hold (their properties left out)."""
    out: list[etree._Element] = []
    stack = list(reversed(list(el)))
    while stack:
        child = stack.pop()
        if child.tag in _WRAPPERS:
            stack.extend(reversed([c for c in child if c.tag not in (f"{W}sdtPr",
                                                                      f"{W}sdtEndPr",
                                                                      f"{W}customXmlPr")]))
        else:
            out.append(child)
    return out


def _runs(p: etree._Element, boxes: list[etree._Element]) -> list[etree._Element]:
    """The elements of a paragraph in document order, without its text boxes (each put in
    ``boxes``, to be read as paragraphs of their own) and without the fallback of a drawing
    whose first choice is read (Word stores a text box twice: as a shape, and as VML for
    older readers)."""
    out: list[etree._Element] = []
    stack = [p]
    while stack:
        el = stack.pop()
        if el is not p and el.tag == f"{W}txbxContent":
            boxes.append(el)
            continue
        if el.tag == f"{MC}Fallback" and el.getparent() is not None \
                and el.getparent().find(f"{MC}Choice") is not None:  # type: ignore[union-attr]
            continue
        out.append(el)
        stack.extend(reversed(list(el)))
    return out


def _inside(el: etree._Element, tags: tuple[str, ...]) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        if parent.tag == f"{W}p":
            return False
        parent = parent.getparent()
    return False


def _lines(reader: _Reader) -> tuple[list[Line], int]:
    """One line per line of each paragraph, numbered by its paragraph. Real paragraphs (a Word
    draft) end with a hard break; a text saved one line per paragraph is left to the cleaner.
    A page is given only where the document records pages (page breaks, explicit or where Word
    rendered them): a file saved by LibreOffice or WPS records none, and its pages are unknown,
    not all the first."""
    hard = real_paragraphs(["".join(p.text(k) for k in range(len(p.lines)))
                            for p in reader.paras])
    lines: list[Line] = []
    replaced = 0
    for para in reader.paras:
        last = len(para.lines) - 1
        for k in range(len(para.lines)):
            text, bad = xml_safe(para.text(k))
            replaced += bad
            lines.append(Line(para.number, text, para.sheets[k] + 1 if reader.paged else None,
                              para.starts[k], hard and k == last, para.sheets[k]))
    return lines, replaced


def paragraph_elements(data: bytes, body: etree._Element, path: str | Path
                       ) -> dict[int, etree._Element]:
    """Each paragraph number ``read_docx`` gives (what a reader counts) → the first ``w:p`` of
    that number with text, in ``body``: the body of ``data``'s document as another parser
    (a writer's) holds it, read in the same order with the same numbering."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        numbering = Numbering.parse(_xml(_read_part(z, "word/numbering.xml", path),
                                         "word/numbering.xml", path))
        styles = _xml(_read_part(z, "word/styles.xml", path), "word/styles.xml", path)
    reader = _Reader(numbering, _style_numbering(styles))
    reader.body(body)
    out: dict[int, etree._Element] = {}
    for para in reader.paras:
        if para.element is not None and any("".join(ln).strip() for ln in para.lines):
            out.setdefault(para.number, para.element)
    return out


def read_docx(data: bytes, path: str | Path) -> RawText:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except MemoryError:
        raise
    except Exception:  # BadZipFile, and what a forged directory makes zipfile raise
        raise InputError("is a damaged DOCX (not a readable ZIP archive)", path) from None
    with z:
        total = sum(i.file_size for i in z.infolist())
        if total > 8 * MAX_PART_BYTES:
            raise InputError(f"refused: the archive inflates to {total:,} bytes (a ZIP bomb?)",
                             path)
        doc = _xml(_read_part(z, "word/document.xml", path), "word/document.xml", path)
        numbering = Numbering.parse(_xml(_read_part(z, "word/numbering.xml", path),
                                         "word/numbering.xml", path))
        styles = _xml(_read_part(z, "word/styles.xml", path), "word/styles.xml", path)
    if doc is None:
        raise InputError("is a damaged DOCX (no word/document.xml)", path)
    body = doc.find(f"{W}body")
    reader = _Reader(numbering, _style_numbering(styles))
    if body is not None:
        reader.body(body)
    lines, replaced = _lines(reader)
    if not any(ln.hard_break for ln in lines):
        lines = mark_carried_pages(lines)
    warnings: list[str] = []
    if reader.revisions:
        warnings.append(f"{path}: the document contains tracked changes; read as its current "
                        "text (insertions kept, deletions dropped)")
    if replaced:
        warnings.append(f"{path}: {replaced} characters cannot be stored and were "
                        "replaced by �")
    return RawText(str(path), hashlib.sha256(data).hexdigest(), "docx", tuple(lines),
                   tuple(warnings))
