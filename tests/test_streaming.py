"""Normalizing a piece at a time: the XML writer writes what libxml2's pretty printing writes,
the streamed XML is the whole model's XML, a bad document leaves nothing behind, and a long text
is never whole in memory (its lines are kept compact)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from guidediff import xmlio
from guidediff.cli import cli
from guidediff.errors import ConservationError
from guidediff.model import (
    Artifact,
    Block,
    DocMeta,
    Field,
    Guideline,
    Item,
    Line,
    Part,
    Source,
)
from guidediff.model import Direction as Dir
from guidediff.normalize import values as v
from guidediff.normalize.annotate import annotate_text
from guidediff.normalize.conserve import Conservation, fold
from guidediff.normalize.pipeline import XmlStream, normalize_raw
from guidediff.read.ingest import ingest
from guidediff.read.pages import assign_pages
from guidediff.read.raw import LineTable
from tests.support.scale import scaled

from .conftest import RAW, RAW_2021, RAW_2022

# ---------------------------------------------------------------- the writer against libxml2

CONTAINERS = {"guideline", "front", "part", "artifacts", "direction", "field", "item"}


def libxml2_pretty(data: bytes) -> bytes:
    """The same document as libxml2 pretty prints it: parsed, the indentation taken out of the
    element-only containers, every other element given the text node the model gives it
    (possibly empty: such an element is written inline), then serialized by lxml."""
    root = etree.fromstring(data, xmlio.safe_parser())
    for el in root.iter():
        parent = el.getparent()
        if el.tag in CONTAINERS:
            assert (el.text or "").strip() == ""
            el.text = None
            for child in el:
                assert (child.tail or "").strip() == ""
                child.tail = None
        elif (parent is not None and parent.tag in CONTAINERS and el.text is None
              and all(c.tail is None for c in el)):
            el.text = ""
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True,
                          pretty_print=True) + b"\n"


def test_writer_writes_what_libxml2_pretty_prints_on_the_corpus(norm) -> None:  # type: ignore[no-untyped-def]
    data = norm.xml_bytes()
    assert data == libxml2_pretty(data)


PIECES = ["不超过", "约", "100", "4 500", "万元", "亿元人民币", "个", "项目", "年", "执行期",
          "联系人：张三，电话：010-12345678，邮箱：zhang@most.cn", "www.most.gov.cn",
          "https://a.org/x?a=1&b=2", "《中国和某国科技合作协定》", "&", "<", ">", '"', "'",
          "&amp;", "]]>", "\r", "\t", "\n", " ", "　", "（1）", "中", "a", "Ｂ", "０"]
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
sources = st.builds(lambda a, n, p: Source(a, a + n, p), st.integers(1, 10_000),
                    st.integers(0, 3), st.none() | st.integers(-2, 400))


def block(text: str, src: Source) -> Block:
    return Block(text, src, annotate_text(text, (v.parse_agreements, v.parse_project_counts,
                                                 v.parse_contacts, v.parse_links,
                                                 v.parse_emails, v.parse_durations,
                                                 v.parse_money)))


blocks = st.builds(block, texts, sources)
field_names = st.sampled_from(["agreements", "areas", "projects", "budget", "requirements",
                               "other", "text"])


@st.composite
def items(draw: st.DrawFn, depth: int = 0) -> Item:
    children = draw(st.lists(items(depth + 1), max_size=2)) if depth < 3 else []
    subfields = draw(st.lists(st.builds(
        lambda n, lab, ps, s: Field(n, lab, lab + "：" if lab else "", tuple(ps), s),
        field_names, texts, st.lists(blocks, max_size=2), sources), max_size=1))
    return Item(draw(st.sampled_from(["（1）", "1.", "1）", "——", " （一）"])),
                draw(st.sampled_from(["cn-paren", "digit-dot", "dash"])),
                tuple(draw(st.lists(blocks, max_size=2))), draw(sources), tuple(subfields),
                tuple(children))


fields = st.builds(lambda n, lab, ps, its, s: Field(n, lab, lab + "：" if lab else "",
                                                     tuple(ps), s, tuple(its)),
                   field_names, texts, st.lists(blocks, max_size=3),
                   st.lists(items(), max_size=3), sources)


@st.composite
def directions(draw: st.DrawFn) -> Dir:
    did = f"{draw(st.integers(1, 9))}.{draw(st.integers(0, 99))}"
    title = Block(did + draw(texts), draw(sources))  # (a title's values are not marked up)
    return Dir(did, title, tuple(draw(st.lists(fields, min_size=1, max_size=3))),
               draw(sources))


def unique_ids(parts: list[Part]) -> tuple[Part, ...]:
    """The parts with their directions numbered 1.1, 1.2… in order (an id is unique)."""
    out, k = [], 0
    for p in parts:
        ds = []
        for d in p.directions:
            k += 1
            did = f"1.{k}"
            ds.append(Dir(did, Block(did + d.title.text[len(d.id):], d.title.source), d.fields,
                          d.source))
        out.append(Part(p.kind, p.heading, p.paras, p.source, tuple(ds)))
    return tuple(out)


guidelines = st.builds(
    lambda title, year, front, parts, arts: Guideline(
        DocMeta("doc", title, "专项" + title, year, None, "final", "in<&>.txt", None,
                "0" * 64, "utf-8"), tuple(front), unique_ids(parts), tuple(arts)),
    texts, st.none() | st.integers(2000, 2099), st.lists(blocks, max_size=3),
    st.lists(st.builds(lambda k, h, ps, s, ds: Part(k, h, tuple(ps), s, tuple(ds)),
                       st.sampled_from(["goals", "directions", "other"]),
                       st.none() | blocks, st.lists(blocks, max_size=2), sources,
                       st.lists(directions(), max_size=3)), max_size=3),
    st.lists(st.builds(Artifact, st.sampled_from(["page-number", "link-annotation"]),
                       texts, st.integers(1, 9999), st.none() | st.integers(1, 99)),
             max_size=3))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=guidelines)
def test_writer_writes_what_libxml2_pretty_prints_on_any_model(g: Guideline) -> None:
    data = xmlio.to_bytes(g)
    assert data == libxml2_pretty(data)
    assert xmlio.parse_xml(data, "generated.xml").directions == g.directions


def test_a_direction_the_schema_refuses_is_refused_when_it_is_written() -> None:
    w = xmlio.Writer("bad.xml")
    w.head(DocMeta("d", "t"), ())
    w.part(Part("directions", None, (), Source(1, 1)))
    bad = Dir("one", Block("one 标题", Source(2, 2)), (Field("text", "", "", (), Source(3, 3)),),
              Source(2, 3))
    with pytest.raises(Exception, match="does not match the guideline schema"):
        w.direction(bad)


# ---------------------------------------------------------------- streamed = whole


def generated(tmp_path: Path, copies: int, edited: bool = False, padding: int = 1) -> Path:
    p = tmp_path / f"g{copies}{'e' if edited else ''}{padding}.txt"
    p.write_text(scaled(RAW_2021, RAW_2022, copies, edited=edited, padding=padding),
                 encoding="utf-8")
    return p


@pytest.mark.parametrize("copies", [1, 4])
def test_streamed_xml_is_the_whole_models_xml(tmp_path: Path, copies: int) -> None:
    for path in (RAW_2021, RAW_2022, generated(tmp_path, copies, edited=True)):
        raw = ingest(path)
        whole = normalize_raw(raw)
        stream = XmlStream(raw)
        assert b"".join(stream.chunks()) == whole.xml_bytes()
        assert stream.directions == len(whole.guideline.directions)
        assert stream.warnings == whole.warnings
        assert stream.conservation == whole.check()


def test_the_stream_tells_its_progress_after_each_direction(tmp_path: Path) -> None:
    told: list[int] = []
    stream = XmlStream(ingest(generated(tmp_path, 2)), progress=told.append)
    for _ in stream.chunks():
        pass
    assert told == list(range(1, 35)) and stream.directions == 34


def test_cli_writes_the_streamed_xml_to_a_file_and_to_stdout(tmp_path: Path) -> None:
    src = generated(tmp_path, 4)
    want = normalize_raw(ingest(src)).xml_bytes()
    runner = CliRunner()
    out = tmp_path / "out"
    r = runner.invoke(cli, ["normalize", "-o", str(out), str(src)])
    assert r.exit_code == 0, r.output
    assert (out / (src.stem + ".xml")).read_bytes() == want
    r = runner.invoke(cli, ["normalize", "-o", "-", str(src)])
    assert r.exit_code == 0
    assert r.stdout_bytes == want


def truncated(tmp_path: Path) -> Path:
    """A generated document cut inside its last direction's requirements."""
    text = scaled(RAW_2021, RAW_2022, 4)
    cut = text.rindex("其他要求")
    p = tmp_path / "cut.txt"
    p.write_text(text[:cut + 30], encoding="utf-8")
    return p


def test_a_bad_document_leaves_no_file_and_no_output(tmp_path: Path) -> None:
    src = truncated(tmp_path)
    runner = CliRunner()
    out = tmp_path / "out"
    r = runner.invoke(cli, ["normalize", "-o", str(out), str(src)])
    assert r.exit_code == 1
    assert "looks truncated" in r.output
    assert not out.exists() or not any(out.iterdir())  # not even a temporary
    r = runner.invoke(cli, ["normalize", "-o", "-", str(src)])
    assert r.exit_code == 1
    assert r.stdout_bytes == b""


def test_strict_and_a_warning_writes_nothing(tmp_path: Path) -> None:
    text = RAW_2022.read_text(encoding="utf-8").replace("拟设立 17 个", "拟设立 18 个")
    src = tmp_path / "stated18.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["normalize", "--strict", "-o", str(out), str(src)])
    assert r.exit_code == 1
    assert "states 18 directions but 17 were found" in r.output
    assert not out.exists() or not any(out.iterdir())


# ---------------------------------------------------------------- conservation a piece at a time


@pytest.mark.parametrize("year", sorted(RAW))
def test_conservation_fed_in_any_pieces_finds_the_same_difference(year: str) -> None:
    n = normalize_raw(ingest(RAW[year]))
    root = etree.fromstring(n.xml_bytes(), xmlio.safe_parser())
    body = xmlio.body_text(root)
    k = len(body) // 2 + 3
    damaged = body[:k] + ("某" if body[k] != "某" else "甲") + body[k + 1:]
    messages = set()
    for step in (len(damaged), 1000, 97, 7):
        check = Conservation(n.raw, n.guideline.artifacts)
        with pytest.raises(ConservationError) as e:
            for i in range(0, len(damaged), step):
                check.body(damaged[i:i + step])
            check.finish()
        # where and what the input has; the XML's excerpt is of the piece fed
        messages.add(str(e.value).split(", XML has")[0])
    assert len(messages) == 1
    assert f"folded character {len(fold(body[:k]))}" in messages.pop()
    check = Conservation(n.raw, n.guideline.artifacts)
    for i in range(0, len(body), 13):
        check.body(body[i:i + 13])
    assert check.finish() == n.check()


def test_conservation_names_a_body_that_stops_early() -> None:
    n = normalize_raw(ingest(RAW_2022))
    check = Conservation(n.raw, n.guideline.artifacts)
    check.body(xmlio.body_text(etree.fromstring(n.xml_bytes()))[:-40])
    with pytest.raises(ConservationError, match="XML has ''"):
        check.finish()


# ---------------------------------------------------------------- compact lines, bounded memory


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.sampled_from(["", " ", "正文一行。", " 页首一行", "\f换页", "— 3 —",
                                       "第 4 页", "1/20", "·5·", "abc"]), max_size=40))
def test_the_line_table_is_the_lines_it_stands_for(lines: list[str]) -> None:
    table = assign_pages(list(lines))
    assert isinstance(table, LineTable)
    as_tuple = tuple(table)
    assert len(as_tuple) == len(table) == len(lines)
    assert [ln.text for ln in as_tuple] == lines
    assert all(isinstance(ln, Line) and ln.number == k + 1 for k, ln in enumerate(as_tuple))
    for k in range(-len(lines), len(lines)):
        assert table[k] == as_tuple[k]
    assert table[1:5] == as_tuple[1:5]
    assert table[::-2] == as_tuple[::-2]
    with pytest.raises(IndexError):
        table[len(lines)]


def test_a_text_file_keeps_its_lines_compact() -> None:
    raw = ingest(RAW_2022)
    assert isinstance(raw.lines, LineTable)
    assert [ln.text for ln in raw.lines] == RAW_2022.read_text(encoding="utf-8").split("\n")


def test_normalizing_streams_in_memory_a_few_times_the_text(tmp_path: Path) -> None:
    """Python's allocations at their peak while a 3 MB text is normalized and checked: the
    model and the XML are never whole (the lines are kept, compact). Whole, they took 28× it."""
    src = generated(tmp_path, 64, padding=3)
    size = src.stat().st_size
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        stream = XmlStream(ingest(src, max_bytes=size + 1))
        for _ in stream.chunks():
            pass
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert stream.directions == 64 * 17
    assert size > 2_000_000
    assert peak < 6 * size, f"peak {peak / size:.1f}× the text"


# ---------------------------------------------------------------- what each value parser needs


value_texts = st.lists(st.sampled_from([*PIECES, "亿", "万", "任务数", "@", "＠", "//", "WWW.",
                                        "联系", "《", "2021-2023", "月", "元"]),
                       max_size=10).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=value_texts)
def test_a_parser_whose_test_fails_finds_nothing(text: str) -> None:
    for parse, may_find in v.MAY_FIND.items():
        if not may_find(text):
            assert parse(text) == [], parse.__name__


def test_every_value_parser_has_a_test() -> None:
    assert set(v.MAY_FIND) == {v.parse_money, v.parse_project_counts, v.parse_summary_counts,
                               v.parse_durations, v.parse_links, v.parse_emails,
                               v.parse_contacts, v.parse_agreements}
