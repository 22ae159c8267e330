"""The corpus manifest: what it must say, and the errors when it does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidediff.corpus.manifest import load_manifest, verify_checksum
from guidediff.errors import ManifestError

from .conftest import CORPUS

GOOD = (CORPUS / "manifest.toml").read_text(encoding="utf-8")


def test_the_corpus_manifest() -> None:
    m = load_manifest(CORPUS)
    assert [e.meta.id for e in m.entries] == ["2021-b1-draft", "2022-b1-final"]
    assert all(e.meta.program == "政府间国际科技创新合作" for e in m.entries)
    assert [(e.meta.year, e.meta.stage) for e in m.entries] == [(2021, "draft"), (2022, "final")]
    for e in m.entries:
        verify_checksum(e)
    assert [(c.old, c.new) for c in m.comparisons] == [("2021-b1-draft", "2022-b1-final")]


@pytest.mark.parametrize(("edit", "message"), [
    (('program = "政府间国际科技创新合作"\nyear = 2021', "year = 2021"), r"document 1 \(2021-b1-draft\): program: is missing"),
    (('stage = "draft"', 'stage = "second draft"'), r"stage: must be draft or final"),
    (('new = "2022-b1-final"', 'new = "2023-b1-final"'), "new: names no document"),
    (('id = "2022-b1-final"', 'id = "2021-b1-draft"'), "id: already the id of document 1"),
    (("[[document]]", "[[document"), "not valid TOML"),
])
def test_manifest_errors(tmp_path: Path, edit: tuple[str, str], message: str) -> None:
    (tmp_path / "manifest.toml").write_text(GOOD.replace(*edit, 1), encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        load_manifest(tmp_path)
