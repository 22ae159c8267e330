"""Layout is not content: both real documents typeset anew read as the same model.

Every variation alone, then random compositions of them (``tests.support.variants``),
then the same compositions with one real edit, which must give exactly its events. The
LibreOffice DOCX and PDF of both documents are read in a test that runs LibreOffice.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from guidediff.compare.diff import diff
from guidediff.normalize.pipeline import normalize_file
from tests.support.variants import (
    MARKER_PRINTERS,
    Choices,
    Source,
    Variant,
    check_variant,
    load_source,
    make_variant,
    random_choices,
    signature,
    to_bytes,
    typeset,
)

from .conftest import RAW

SOURCES: dict[str, Source] = {}


def source(year: str) -> Source:
    if year not in SOURCES:
        SOURCES[year] = load_source(RAW[year])
    return SOURCES[year]


def _check(year: str, v: Variant, tmp_path: Path) -> None:
    path = tmp_path / f"variant{v.suffix}"
    path.write_bytes(v.data)
    verdict = check_variant(source(year), v, path)
    assert verdict.ok, f"seed {v.seed}: {v.choices.describe()}\n" + "\n".join(verdict.problems)


def _single(choices: Choices, year: str, tmp_path: Path) -> None:
    rng = random.Random(7)
    lines = typeset(source(year), choices, rng)
    data, suffix = to_bytes(lines, choices)
    _check(year, Variant(0, choices, data, suffix), tmp_path)


def _styles_under(top: str) -> dict[int, str]:
    """``top`` for the outer list, and two other styles for the lists nested in it."""
    others = [s for s in ("digit-dot", "circled", "letter-half-paren") if s != top]
    return {0: top, 1: others[0], 2: others[1]}


ONE_AT_A_TIME: dict[str, Choices] = {
    "half-width punctuation": Choices(punctuation="half"),
    "full-width punctuation": Choices(punctuation="full"),
    "full-width digits": Choices(fullwidth_digits=True),
    "spaces in numbers and units": Choices(number_spaces=True),
    "amounts in 亿元": Choices(yi_units=True),
    "direction numbers 1．2": Choices(direction_numbers="fullwidth-dot"),
    "direction numbers 10.12": Choices(direction_numbers="more-digits"),
    "labels glued to the sentence before": Choices(glue_labels=True),
    "labels alone on their line": Choices(labels_alone=True),
    "wrapped at 22 characters": Choices(wrap=44),
    "wrapped at 60 characters": Choices(wrap=120),
    "one line per paragraph": Choices(wrap=10_000),
    "single spacing": Choices(spacing="single"),
    "CRLF line ends": Choices(newline="\r\n"),
    "CR line ends": Choices(newline="\r"),
    "page numbers - 3 -": Choices(page_marks="numbers", page_number_style="- {} -"),
    "page numbers 第 3 页": Choices(page_marks="numbers", page_number_style="第 {} 页"),
    "page numbers 3/20": Choices(page_marks="numbers", page_number_style="{}/{n}"),
    "page numbers ·3·": Choices(page_marks="numbers", page_number_style="·{}·"),
    "running headers": Choices(running_header="国家重点研发计划申报指南"),
    "headings right after dumped links": Choices(page_marks="none-before-headings"),
    "GB18030": Choices(encoding="gb18030"),
    "UTF-16": Choices(encoding="utf-16"),
    "DOCX, a paragraph per line": Choices(container="docx-lines"),
    "DOCX, a paragraph per paragraph": Choices(container="docx-paragraphs"),
    "DOCX saved by Word (rendered page breaks)": Choices(container="docx-rendered"),
    **{f"markers {style} at the top level": Choices(markers=_styles_under(style))
       for style in MARKER_PRINTERS},
}


@pytest.mark.parametrize("year", ["2021", "2022"])
@pytest.mark.parametrize("name", list(ONE_AT_A_TIME))
def test_each_variation_alone(name: str, year: str, tmp_path: Path) -> None:
    _single(ONE_AT_A_TIME[name], year, tmp_path)


@pytest.mark.parametrize("seed", range(220))
def test_random_layout_reads_as_its_source(seed: int, tmp_path: Path) -> None:
    year = ("2022", "2021")[seed % 2]
    _check(year, make_variant(source(year), seed), tmp_path)


@pytest.mark.parametrize("seed", range(10_000, 10_060))
def test_random_layout_with_an_edit_gives_exactly_that_edit(seed: int, tmp_path: Path) -> None:
    year = ("2022", "2021")[seed % 2]
    v = make_variant(source(year), seed, with_edit=True)
    assert v.edit is not None and v.edit.expect
    _check(year, v, tmp_path)


def test_the_rules_are_exercised() -> None:
    """The random compositions hit every variation, on both documents."""
    seen: dict[str, set[object]] = {}
    styles: set[str] = set()
    for seed in range(220):
        c = random_choices(random.Random(seed), source(("2022", "2021")[seed % 2]))
        for key, value in c.__dict__.items():
            if isinstance(value, dict):
                styles.update(value.values())
            else:
                seen.setdefault(key, set()).add(value)
    assert {"half", "full"} <= seen["punctuation"]
    assert seen["fullwidth_digits"] == seen["glue_labels"] == seen["labels_alone"] == {
        True, False}
    assert len(seen["container"]) == 4 and len(seen["page_marks"]) == 4
    assert len(seen["newline"]) == 3 and len(seen["encoding"]) == 4
    assert len(seen["page_number_style"]) == 5 and len(seen["wrap"]) == 6
    assert styles == set(MARKER_PRINTERS)


def test_a_dump_right_before_a_heading_is_not_body_text(tmp_path: Path) -> None:
    """Without the page-start space, Finland's dumped links run straight into 1.6 Germany: the
    heading ends the dump; else Germany's links join Finland and 1.6 disappears."""
    c = Choices(page_marks="none-before-headings")
    lines = typeset(source("2022"), c, random.Random(0))
    heading = next(i for i, ln in enumerate(lines) if ln.text.startswith("1.6中国和德国"))
    assert lines[heading - 1].text.startswith("mailto:")
    data, suffix = to_bytes(lines, c)
    _check("2022", Variant(0, c, data, suffix), tmp_path)


def test_the_variant_check_fails_on_a_wrong_model(tmp_path: Path) -> None:
    """The judge is not blind: a layout variant whose budget was changed behind its back, or
    one with a direction fewer, fails the check."""
    c = Choices(wrap=64, punctuation="half")
    data, suffix = to_bytes(typeset(source("2022"), c, random.Random(1)), c)
    for wrong in (data.replace("4500万元".encode(), "4400万元".encode(), 1),
                  data.replace("2.6中国和美国".encode(), "中国和美国".encode(), 1)):
        assert wrong != data
        path = tmp_path / "wrong.txt"
        path.write_bytes(wrong)
        assert not check_variant(source("2022"), Variant(0, c, wrong, suffix), path).ok


@pytest.fixture(scope="module", params=["2021", "2022"])
def libreoffice(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                office) -> tuple[str, Path, Path]:  # type: ignore[no-untyped-def]
    """The text opened in LibreOffice and saved as DOCX, then that DOCX printed to PDF (the
    session's one LibreOffice)."""
    out = tmp_path_factory.mktemp(f"lo{request.param}")
    docx, pdf = out / f"{request.param}.docx", out / f"{request.param}.pdf"
    office.convert(RAW[request.param], docx, "docx")
    office.convert(docx, pdf, "pdf")
    return request.param, docx, pdf


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_libreoffice_docx_and_pdf_read_as_the_text(libreoffice: tuple[str, Path, Path],
                                                  kind: str) -> None:
    year, docx, pdf = libreoffice
    path = docx if kind == "docx" else pdf
    n = normalize_file(path)
    assert n.raw.encoding == kind
    assert signature(n.guideline) == signature(source(year).guideline)
    assert diff(source(year).guideline, n.guideline).substantive() == ()
    assert n.warnings == ()
    n.check()
