"""Reading files: encodings, and a clear error for what is not a guideline text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from guidediff.errors import InputError
from guidediff.read.ingest import ingest

from .conftest import RAW_2022


@pytest.mark.parametrize(("encoding", "prefix", "found"), [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
])
def test_encodings_read_the_same_text(tmp_path: Path, encoding: str, prefix: bytes,
                                      found: str) -> None:
    text = RAW_2022.read_text(encoding="utf-8")
    p = tmp_path / "doc.txt"
    p.write_bytes(prefix + text.encode(encoding))
    raw = ingest(p)
    assert raw.encoding == found
    assert [ln.text for ln in raw.lines] == text.split("\n")


def _error(tmp_path: Path, data: bytes, **kw: int) -> str:
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        ingest(p, **kw)
    assert str(p) in str(e.value)
    return str(e.value)


def test_empty_file(tmp_path: Path) -> None:
    assert "file is empty" in _error(tmp_path, b"")


def test_whitespace_only(tmp_path: Path) -> None:
    assert "no text" in _error(tmp_path, b" \n\n\t \r\n")


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    assert "binary" in _error(tmp_path, b"abc\x00\x01\x02def" * 10)


def test_pdf_is_named(tmp_path: Path) -> None:
    assert "PDF" in _error(tmp_path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")


def test_zip_is_named(tmp_path: Path) -> None:
    assert "ZIP" in _error(tmp_path, b"PK\x03\x04\x14\x00\x06\x00")


def test_undecodable(tmp_path: Path) -> None:
    # 0xFF is invalid in UTF-8 and in GB18030 as a lead byte followed by 0xFF.
    message = _error(tmp_path, "指南".encode() + b"\xff\xff\xff")
    assert "is not valid text: it reads as UTF-8 up to byte 6 (line 1), where the bytes FF FF " \
        "are not UTF-8" in message


def test_control_characters(tmp_path: Path) -> None:
    assert "control character U+0007" in _error(tmp_path, "1.1 中国\x07项目\n".encode())


def test_size_limit(tmp_path: Path) -> None:
    assert "over the limit" in _error(tmp_path, b"x" * 100, max_bytes=10)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        ingest(tmp_path / "nope.txt")


def test_pages_come_from_printed_page_numbers() -> None:
    raw = ingest(RAW_2022)
    by_number = {ln.number: ln for ln in raw.lines}
    # '— 11 —' at line 390 closes page 11; '— 17 —' at line 643 closes page 17.
    assert by_number[390].page == 11
    assert by_number[643].page == 17
    assert by_number[348].page == 11 and by_number[348].page_start
    assert by_number[392].page == 12
    assert by_number[68].page == 3  # direction 1.1 starts on page 3
