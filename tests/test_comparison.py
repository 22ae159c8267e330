"""One comparison function: guidediff diff and report, the web app's worker and build all
compare two documents through compare_documents, reading through one cache interface
(Documents); an error names the side it is about."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidediff.cli import cli
from guidediff.compare.diff import diff
from guidediff.corpus import comparison
from guidediff.corpus.cache import Cache
from guidediff.corpus.comparison import DocumentError, Documents, compare_documents
from guidediff.corpus.documents import Input
from guidediff.render.jsonlog import render_json
from guidediff.render.options import RenderOptions

from .conftest import CORPUS, RAW_2021, RAW_2022


def _input(path: Path) -> Input:
    return Input(path, path.read_bytes())


def test_it_is_the_diff_of_the_two_documents(norm2021, norm2022, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Read afresh, or through a user cache (the second time from it): the same log."""
    expected = render_json(diff(norm2021.guideline, norm2022.guideline), RenderOptions())
    for cache in (None, Cache(tmp_path / "cache"), Cache(tmp_path / "cache")):
        log = compare_documents(_input(RAW_2021), _input(RAW_2022), Documents(cache))
        assert render_json(log, RenderOptions()) == expected
    assert Cache(tmp_path / "cache").get("xml", _input(RAW_2021).key) is not None


@pytest.mark.parametrize("side", ["old", "new"])
def test_a_bad_document_names_its_side(side: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 not a guideline")
    good = _input(RAW_2022)
    docs = (_input(bad), good) if side == "old" else (good, _input(bad))
    with pytest.raises(DocumentError) as e:
        compare_documents(*docs, Documents())
    assert e.value.side == side and str(e.value).startswith(str(bad))
    assert str(e.value) == str(e.value.error)


def test_a_run_reads_each_document_once(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Consecutive pairs share a version: A→B, then B→A, reads each document once."""
    read: list[str] = []
    real = comparison.load

    def counted(doc, cache, warn):  # type: ignore[no-untyped-def]
        read.append(doc.path.name)
        return real(doc, cache, warn)

    monkeypatch.setattr(comparison, "load", counted)
    documents = Documents()
    a, b = _input(RAW_2021), _input(RAW_2022)
    compare_documents(a, b, documents)
    compare_documents(b, a, documents)
    assert sorted(read) == sorted([RAW_2021.name, RAW_2022.name])


@pytest.fixture
def calls(monkeypatch):  # type: ignore[no-untyped-def]
    """Every comparison made in this process: (old, new) file names."""
    made: list[tuple[str, str]] = []
    real = comparison.compare_documents

    def counted(old, new, documents, warn=lambda _: None):  # type: ignore[no-untyped-def]
        log = real(old, new, documents, warn)
        made.append((log.old.path, log.new.path))
        return log

    monkeypatch.setattr(comparison, "compare_documents", counted)
    return made


def test_the_cli_compares_through_it(calls, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    r = runner.invoke(cli, ["diff", str(RAW_2021), str(RAW_2022), "-f", "json", "--no-cache"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["report", str(RAW_2021), str(RAW_2022), "-o", str(tmp_path / "out"),
                            "-f", "json", "--no-cache"])
    assert r.exit_code == 0, r.output
    assert len(calls) == 2


def test_the_web_app_s_worker_compares_through_it(calls, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from guidediff.serve import job as jobs
    from guidediff.serve import results

    uploads = []
    for label, raw in (("原文", RAW_2021), ("修改后", RAW_2022)):
        disk = tmp_path / f"upload-{len(uploads)}"
        shutil.copyfile(raw, disk)
        uploads.append(jobs.Upload(label, raw.name, str(disk)))
    out = tmp_path / "results" / "x"
    out.parent.mkdir()
    result = jobs.compare(jobs.Job("x", uploads[0], uploads[1], "zh", str(out), 10**7, None))
    assert result.error is None and (out / results.META).is_file()
    assert len(calls) == 1


def test_build_compares_through_it(calls, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from guidediff.corpus.build import build

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("xml", ".cache"))
    result = build(corpus, tmp_path / "reports")
    assert not result.failures and result.compared == 1
    assert calls == [("corpus/raw/2021-batch1-draft.txt", "corpus/raw/2022-batch1-final.txt")]
