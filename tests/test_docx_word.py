"""The Word files as Word, WPS and LibreOffice read them: valid OOXML (openxml-audit finds
nothing in any DOCX of any report), the fonts, language and styles of an official document, no
generator boilerplate in the properties, the 新旧对照表's grid, and each change's 说明 as a
comment on its revision."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from guidediff.cli import cli
from guidediff.compare.diff import diff
from guidediff.compare.events import ChangeLog
from guidediff.normalize.pipeline import normalize_file
from guidediff.render import FORMATS, RenderOptions
from guidediff.render.phrases import phrase

from .conftest import CORPUS, ROOT
from .support.pairs import make_pair, write_pair

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
DOCX_FORMATS = ("docx", "table", "memo")


@pytest.fixture(scope="module")
def word_files(changelog: ChangeLog, tmp_path_factory: pytest.TempPathFactory
               ) -> dict[str, Path]:
    """Every kind of Word file guidediff writes: the reports of the real pair in both languages
    and with their options, of a generated pair with moves and drops, the year memo, and the
    files ``guidediff build`` committed in reports/."""
    out = tmp_path_factory.mktemp("word")
    files: dict[str, Path] = {}

    def add(name: str, data: bytes) -> None:
        files[name] = out / f"{name}.docx"
        files[name].write_bytes(data)

    for fmt in DOCX_FORMATS:
        for lang in ("zh", "en"):
            add(f"real-{fmt}-{lang}", FORMATS[fmt](changelog, RenderOptions(lang=lang)))
    add("real-docx-nocomments", FORMATS["docx"](changelog, RenderOptions(comments=False)))
    for mode in ("show", "omit"):
        add(f"real-table-{mode}", FORMATS["table"](changelog, RenderOptions(unchanged=mode)))
    add("real-table-full", FORMATS["table"](changelog, RenderOptions(full_text=True,
                                                                     show_format_only=True)))
    from guidediff.render.review import Mark

    subs = [c.id for c in changelog.substantive()][:3]
    fmt = [c.id for c in changelog.changes if c.format_only][:1]  # stated by no row
    marks = tuple((i, Mark("checked", "核对无误")) for i in subs + fmt)
    add("real-table-review", FORMATS["table"](changelog, RenderOptions(marks=marks)))
    old, new = write_pair(make_pair(3), out / "pair")
    log = diff(normalize_file(old).guideline, normalize_file(new).guideline)
    for fmt in DOCX_FORMATS:
        add(f"pair-{fmt}", FORMATS[fmt](log, RenderOptions()))
    corpus = out / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns(".cache", "xml"))
    r = CliRunner().invoke(cli, ["memo", "--year", "2022", "--corpus", str(corpus), "-o",
                                 str(out / "year")])
    assert r.exit_code == 0, r.output
    files["year-memo"] = out / "year" / "memo-2022.docx"
    for path in sorted((ROOT / "reports").glob("*.docx")):
        files[f"reports/{path.name}"] = path
    return files


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def test_every_word_file_is_valid_ooxml(word_files: dict[str, Path]) -> None:
    """openxml-audit (Office 2019 schemas and Word's own consistency checks) finds nothing."""
    from openxml_audit import OpenXmlValidator

    validator = OpenXmlValidator(max_errors=0)
    found = {name: [str(e) for e in validator.validate(path).errors]
             for name, path in word_files.items()}
    assert {name: errors for name, errors in found.items() if errors} == {}
    assert len(found) >= 16


def test_no_template_leftovers_or_boilerplate(word_files: dict[str, Path]) -> None:
    for name, path in word_files.items():
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            everything = b"".join(z.read(n) for n in names if n.endswith((".xml", ".rels")))
        assert not names & {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg",
                            "word/webSettings.xml"}, name
        assert not any(n.startswith("customXml/") for n in names), name
        for junk in ("python-docx", "Microsoft Macintosh Word", "ＭＳ".encode(), b"ja-JP",
                     b"Normal.dotm"):
            junk = junk.encode() if isinstance(junk, str) else junk
            assert junk not in everything, (name, junk)


def test_properties_come_from_the_report(word_files: dict[str, Path],
                                         changelog: ChangeLog) -> None:
    from docx import Document

    cp = Document(str(word_files["real-docx-zh"])).core_properties
    assert cp.title == changelog.new.title
    assert changelog.old.title in cp.subject and changelog.new.title in cp.subject
    assert cp.author == cp.last_modified_by == "guidediff" and cp.comments == ""
    memo = Document(str(word_files["real-memo-zh"])).core_properties
    assert memo.title.startswith("关于") and memo.subject == cp.subject
    table = Document(str(word_files["real-table-zh"])).core_properties
    assert table.title == "新旧对照表：" + changelog.new.title


def _rfonts(style: etree._Element) -> dict[str, str]:
    f = style.find(f"{W}rPr/{W}rFonts")
    return {etree.QName(k).localname: v for k, v in (f.attrib.items() if f is not None else ())}


def _styles(path: Path) -> dict[str, etree._Element]:
    return {s.get(f"{W}styleId"): s for s in _part(path, "word/styles.xml").iter(f"{W}style")}


@pytest.mark.parametrize("name", ["real-docx-zh", "real-memo-zh", "year-memo"])
def test_fonts_language_and_styles_of_an_official_document(word_files: dict[str, Path],
                                                            name: str) -> None:
    path = word_files[name]
    styles = _styles(path)
    expected = {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading1": "黑体"}
    if name == "real-docx-zh":
        expected["Heading2"] = "楷体_GB2312"
    for sid, font in expected.items():
        fonts = _rfonts(styles[sid])
        assert fonts == {"ascii": "Times New Roman", "hAnsi": "Times New Roman",
                         "cs": "Times New Roman", "eastAsia": font}, (sid, fonts)
        color = styles[sid].find(f"{W}rPr/{W}color")
        assert color is not None and color.get(f"{W}val") == "000000"
        assert styles[sid].find(f"{W}pPr/{W}pBdr") is None  # no rule under the title
    assert styles["Title"].find(f"{W}rPr/{W}sz").get(f"{W}val") == "44"  # 2号
    assert styles["Normal"].find(f"{W}rPr/{W}sz").get(f"{W}val") == "32"  # 3号
    root = _part(path, "word/styles.xml")
    lang = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}eastAsia") == "zh-CN"
    for part in ("word/styles.xml", "word/document.xml"):
        for f in _part(path, part).iter(f"{W}rFonts"):
            assert not [k for k in f.attrib if "Theme" in k or "theme" in k], (part, f.attrib)
    settings = _part(path, "word/settings.xml").find(f"{W}themeFontLang")
    assert settings.get(f"{W}eastAsia") == "zh-CN"
    theme = _part(path, "word/theme/theme1.xml")
    for kind, font in (("majorFont", "黑体"), ("minorFont", "宋体")):
        el = theme.find(f".//{A}{kind}")
        assert el.find(f"{A}ea").get("typeface") == font
        assert {f.get("script") for f in el.iter(f"{A}font")} == {"Hans"}
    sect = _part(path, "word/document.xml").find(f".//{W}sectPr/{W}pgSz")
    assert (sect.get(f"{W}w"), sect.get(f"{W}h")) == ("11906", "16838")  # A4


def test_the_table_as_the_convention_has_it(word_files: dict[str, Path]) -> None:
    for name in ("real-table-zh", "real-table-show", "real-table-full", "pair-table",
                 "real-table-review"):
        path = word_files[name]
        root = _part(path, "word/document.xml")
        [tbl] = root.iter(f"{W}tbl")
        grid = [int(g.get(f"{W}w")) for g in tbl.find(f"{W}tblGrid")]
        assert abs(sum(grid) - 257 * 1440 / 25.4) < len(grid)  # the page's text width
        rows = tbl.findall(f"{W}tr")
        header = ["".join(tc.itertext()) for tc in rows[0].findall(f"{W}tc")]
        review = ["核对意见"] if name == "real-table-review" else []
        assert header == ["序号", "原文", "修改后", "说明", *review]
        for tr in rows:
            widths, col = [], 0
            for tc in tr.findall(f"{W}tc"):
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                n = int(span.get(f"{W}val")) if span is not None else 1
                assert int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) == sum(grid[col:col + n])
                assert tc.find(f"{W}p") is not None  # every cell holds a paragraph
                widths.append(n)
                col += n
            assert col == len(grid)
        numbers = [int(t) for t in ("".join(tr.findall(f"{W}tc")[0].itertext())
                                    for tr in rows[1:] if len(tr.findall(f"{W}tc")) > 1)
                   if t.isdigit()]
        assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 5
        if review:  # a mark on a change no row states: a last row, the mark alone
            last = ["".join(tc.itertext()) for tc in rows[-1].findall(f"{W}tc")]
            assert last == ["", "", "", "", "已核对：核对无误"]
        title = _styles(path)["Title"]
        assert _rfonts(title)["eastAsia"] == "方正小标宋简体"
        assert title.find(f"{W}rPr/{W}sz").get(f"{W}val") == "44"


def test_each_change_is_said_once_as_a_comment(word_files: dict[str, Path],
                                               changelog: ChangeLog) -> None:
    comments = _part(word_files["real-docx-zh"], "word/comments.xml")
    said = ["".join(c.itertext()) for c in comments.iter(f"{W}comment")]
    assert {c.get(f"{W}author") for c in comments.iter(f"{W}comment")} == {"guidediff"}
    text = "\n".join(said)
    beside = tuple(changelog.substantive())  # (a stated figure's edit is said by its event)
    for c in changelog.substantive():
        said_as = phrase(c, "zh", beside)
        assert said_as == "" or text.count(said_as) >= 1, said_as
    assert any(s == "经费由2500万元调整为2000万元，减少500万元" for s in said)
    body = _part(word_files["real-docx-zh"], "word/document.xml")
    anchored = {el.get(f"{W}id") for el in body.iter(f"{W}commentReference")}
    assert anchored == {c.get(f"{W}id") for c in comments.iter(f"{W}comment")}
    phrases = Counter(x for c in changelog.substantive() if (x := phrase(c, "zh", beside)))
    assert Counter(p for s in said for p in _phrases(s, set(phrases))) == phrases


def _phrases(comment: str, known: set[str]) -> list[str]:
    """A comment read back as the changes it says (joined by ；), longest known phrase first."""
    out, pos = [], 0
    while pos < len(comment):
        fits = [p for p in known if comment.startswith(p, pos)
                and comment[pos + len(p):pos + len(p) + 1] in ("", "；")]
        assert fits, comment[pos:]
        best = max(fits, key=len)
        out.append(best)
        pos += len(best) + 1
    return out


def test_author_date_and_comments_options(tmp_path: Path) -> None:
    from .conftest import RAW_2021, RAW_2022

    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["report", str(RAW_2021), str(RAW_2022), "-o", str(out),
                                 "-f", "docx", "--author", "国际合作司", "--date", "2022-03-15",
                                 "--comments", "off", "--no-cache"])
    assert r.exit_code == 0, r.output
    [path] = out.glob("*.tracked.docx")
    body = _part(path, "word/document.xml")
    marks = list(body.iter(f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"))
    assert {m.get(f"{W}author") for m in marks} == {"国际合作司"}
    assert {m.get(f"{W}date")[:10] for m in marks} == {"2022-03-15"}
    assert not list(body.iter(f"{W}commentReference"))
    with zipfile.ZipFile(path) as z:
        assert "word/comments.xml" not in z.namelist()
    r = CliRunner().invoke(cli, ["diff", str(RAW_2021), str(RAW_2022), "-f", "docx", "-o",
                                 str(tmp_path / "d.docx"), "--author", "张三", "--no-cache"])
    assert r.exit_code == 0, r.output
    comments = _part(tmp_path / "d.docx", "word/comments.xml")
    assert {c.get(f"{W}author") for c in comments.iter(f"{W}comment")} == {"张三"}


def test_revision_dates_are_the_date_or_kept_apart(word_files: dict[str, Path]) -> None:
    """Every revision is dated --date (here 1 January 2022), except those kept apart from a
    revision of their kind that ends the paragraph before: two minutes later."""
    body = _part(word_files["real-docx-zh"], "word/document.xml")
    dates: dict[str, int] = {}
    for m in body.iter(f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"):
        dates[m.get(f"{W}date")] = dates.get(m.get(f"{W}date"), 0) + 1
    assert set(dates) <= {"2022-01-01T00:00:00Z", "2022-01-01T00:02:00Z"}
    assert dates["2022-01-01T00:00:00Z"] > 20 * dates.get("2022-01-01T00:02:00Z", 0)


def _text_fonts(pdf: Path) -> list[tuple[str, str]]:
    """Each text object of a PDF with the base name of its font."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    out = []
    doc = pdfium.PdfDocument(str(pdf))
    for page in doc:
        textpage = page.get_textpage()
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT]):
            font = raw.FPDFTextObj_GetFont(obj.raw)
            size = raw.FPDFFont_GetBaseFontName(font, None, 0)
            buf = ctypes.create_string_buffer(size)
            raw.FPDFFont_GetBaseFontName(font, buf, size)
            n = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
            text_buf = (ctypes.c_ushort * n)()
            raw.FPDFTextObj_GetText(obj.raw, textpage.raw, text_buf, n)
            text = bytes(text_buf).decode("utf-16-le").rstrip("\x00")
            out.append((text, buf.value.decode("latin-1")))
    return out


def test_libreoffice_prints_serif_body_and_sans_headings(office,  # type: ignore[no-untyped-def]
                                                         word_files: dict[str, Path],
                                                         tmp_path: Path) -> None:
    """With fontconfig mapping the official fonts to Noto CJK (tests/support/fonts.conf), the
    memo prints its body serif (仿宋), its headings sans (黑体), its title bold serif (小标宋)."""
    pdf = tmp_path / "memo.pdf"
    office.convert(word_files["real-memo-zh"], pdf, "pdf")
    fonts = _text_fonts(pdf)
    heading = {f for t, f in fonts if t.startswith("一、总体情况") or t == "一、总体情况"}
    body = {f for t, f in fonts if "两版共有" in t}
    title = {f for t, f in fonts if "主要变化的说明" in t or t.startswith("关于")}
    assert heading and all("SansCJK" in f for f in heading), heading
    assert body and all("SerifCJK" in f and "Bold" not in f for f in body), body
    assert title and all("SerifCJK" in f and "Bold" in f for f in title), title


@pytest.mark.parametrize("name", ["real-docx-zh", "real-table-zh", "real-memo-zh"])
def test_every_word_file_prints_in_libreoffice_and_is_looked_at(  # type: ignore[no-untyped-def]
        office, word_files: dict[str, Path], name: str, screenshots: Path) -> None:
    """LibreOffice prints each Word file to PDF; its first page as a picture for a person to
    look at (build/screenshots/docx-*.png)."""
    import pypdfium2 as pdfium

    from .conftest import require_tool

    pdf = screenshots / f"docx-{name}.pdf"
    office.convert(word_files[name], pdf, "pdf")
    pages = len(pdfium.PdfDocument(str(pdf)))
    assert pages >= 2
    if name == "real-table-zh":
        assert pages < 12, pages  # the 新旧对照表 of the real pair
    import subprocess

    subprocess.run([require_tool("pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1",
                    "-singlefile", str(pdf), str(screenshots / f"docx-{name}")], check=True,
                   timeout=120)
    png = screenshots / f"docx-{name}.png"
    assert png.read_bytes()[:4] == b"\x89PNG" and png.stat().st_size > 20_000


def test_docx_bytes_are_stable(changelog: ChangeLog) -> None:
    for fmt in DOCX_FORMATS:
        a = FORMATS[fmt](changelog, RenderOptions())
        assert a == FORMATS[fmt](changelog, RenderOptions())
        with zipfile.ZipFile(io.BytesIO(a)) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
