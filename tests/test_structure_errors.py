"""Texts that read fine but are not usable guidelines get a clear StructureError."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidediff.errors import StructureError
from guidediff.normalize.pipeline import normalize_file

from .conftest import RAW_2022


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "doc.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_no_directions(tmp_path: Path) -> None:
    with pytest.raises(StructureError, match="no numbered directions"):
        normalize_file(_write(tmp_path, "这是一份普通的通知。\n\n没有任何指南方向。\n"))


def test_truncated_in_the_middle_of_a_direction(tmp_path: Path) -> None:
    lines = RAW_2022.read_text(encoding="utf-8").split("\n")
    cut = next(i for i, ln in enumerate(lines) if ln.startswith("2.7中国和韩国")) + 6
    with pytest.raises(StructureError, match="truncated"):
        normalize_file(_write(tmp_path, "\n".join(lines[:cut])))


def test_truncated_mid_sentence(tmp_path: Path) -> None:
    text = RAW_2022.read_text(encoding="utf-8")
    cut = text.index("（2）项目合作双方需分别向本国的项目征集部门提交申报", text.index("2.7中国和韩国"))
    with pytest.raises(StructureError, match="mid-sentence"):
        normalize_file(_write(tmp_path, text[:cut + 20]))


def test_duplicated_direction_ids(tmp_path: Path) -> None:
    text = RAW_2022.read_text(encoding="utf-8").replace("1.9中国和韩国", "1.8中国和韩国")
    with pytest.raises(StructureError, match="1.8 appears twice"):
        normalize_file(_write(tmp_path, text))


def test_direction_without_fields(tmp_path: Path) -> None:
    text = ("二、领域和方向\n\n1.1 中国和甲国政府间合作项目\n\n1.2 中国和乙国政府间合作项目\n\n"
            "合作协议：《甲乙协定》。\n\n拟支持项目数：2个。\n\n共拟支持经费：100万元人民币。\n")
    with pytest.raises(StructureError, match="1.1 has no fields"):
        normalize_file(_write(tmp_path, text))
