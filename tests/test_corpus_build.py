"""Building a corpus of many versions: incremental (the cache redoes exactly what changed),
parallel with the same bytes, going on past a bad document, overrides applied, a site and a
history that match the lineages."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from guidediff.corpus import cache as cache_mod
from guidediff.corpus.build import build
from guidediff.corpus.overrides import OverrideError
from guidediff.render.phrases import phrase
from tests.support.chains import Chain, scripted_chain, write_corpus

from .cases import gold_pairs
from .conftest import RAW_2021, RAW_2022, changes_of


@pytest.fixture(scope="module")
def chain() -> Chain:
    return scripted_chain(RAW_2021, RAW_2022)


def files_of(root: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_cold_build_writes_every_version_step_and_page(chain: Chain, tmp_path: Path) -> None:
    corpus = write_corpus(chain, tmp_path / "corpus", versions=6)
    r = build(corpus, tmp_path / "reports")
    assert not r.failures
    assert r.normalized == 6 and r.reused == 0
    ids = [v.id for v in chain.versions[:6]]
    assert [v.id for v in r.history.versions] == ids
    assert sorted(p.name for p in (corpus / "xml").iterdir()) == [f"{i}.xml" for i in ids]
    reports = tmp_path / "reports"
    for old, new in r.history.steps():
        assert (reports / f"{old}__{new}.report.html").is_file()
    assert (reports / "index.html").is_file()
    lineage_pages = list((reports / "lineages").iterdir())
    assert len(lineage_pages) == len(r.history.lineages)
    schema = json.loads((resources.files("guidediff") / "schema" / "history.schema.json")
                        .read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(
        json.loads((reports / "history.json").read_text(encoding="utf-8")))


def test_warm_builds_redo_exactly_what_changed(chain: Chain, tmp_path: Path) -> None:
    corpus = write_corpus(chain, tmp_path / "corpus", versions=5)
    reports = tmp_path / "reports"
    first = build(corpus, reports)
    before = files_of(reports)
    again = build(corpus, reports)  # nothing changed: nothing computed, nothing written
    assert (again.normalized, again.compared, again.written) == (0, 0, [])
    assert files_of(reports) == before  # not even rewritten with the same bytes
    assert again.history == first.history

    write_corpus(chain, corpus, versions=6)  # one version added
    added = build(corpus, reports)
    new_id = chain.versions[5].id
    involving = [s for s in added.history.steps() if new_id in s]
    assert added.normalized == 1 and added.reused == 5
    assert added.compared == len(involving) == 1
    assert [lin.id for lin in first.history.lineages] == \
        [lin.id for lin in added.history.lineages][:len(first.history.lineages)]

    raw = corpus / "raw" / f"{chain.versions[2].id}.txt"  # one file changed
    text = raw.read_text(encoding="utf-8")
    edited = re.sub(r"(共拟支持经费：)(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + 100),
                    text, count=1)
    assert edited != text
    raw.write_text(edited, encoding="utf-8")
    _rehash(corpus, raw)
    changed = build(corpus, reports)
    assert changed.normalized == 1
    touched = [s for s in changed.history.steps() if chain.versions[2].id in s]
    assert changed.compared == len(touched) == 2


def test_the_site_follows_the_corpus(chain: Chain, tmp_path: Path) -> None:
    """A version taken out of the manifest leaves the site: the next build removes the pages
    and reports it made for it, and nothing it did not make."""
    corpus = write_corpus(chain, tmp_path / "corpus")
    reports = tmp_path / "reports"
    full = build(corpus, reports)
    (reports / "notes.html").write_text("a reader's own file", encoding="utf-8")
    (reports / "lineages" / "mine.html").write_text("another", encoding="utf-8")
    last = chain.versions[-1].id
    made_for_last = {p for p in files_of(reports) if last in p}
    assert any(p.startswith("lineages/") for p in made_for_last)  # a programme new in it
    write_corpus(chain, corpus, versions=len(chain.versions) - 1)  # the last one taken out
    fewer = build(corpus, reports)
    left = files_of(reports)
    assert [p for p in left if last in p] == []
    assert {p.relative_to(reports).as_posix() for p in fewer.removed} == made_for_last
    assert "notes.html" in left and "lineages/mine.html" in left
    assert last not in (reports / "index.html").read_text(encoding="utf-8")
    pages = {f"lineages/{p.name}" for p in (reports / "lineages").iterdir()} - {
        "lineages/mine.html"}
    assert len(pages) == len(fewer.history.lineages) < len(full.history.lineages)
    again = build(corpus, reports)
    assert (again.removed, again.written) == ([], [])


def _rehash(corpus: Path, raw: Path) -> None:
    import hashlib

    manifest = corpus / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    sha = hashlib.sha256(raw.read_bytes()).hexdigest()
    pattern = rf'(source = "raw/{re.escape(raw.name)}"\nsha256 = ")[0-9a-f]+(")'
    manifest.write_text(re.sub(pattern, rf"\g<1>{sha}\g<2>", text), encoding="utf-8")


def test_a_new_tool_version_invalidates_everything(chain: Chain, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(chain, tmp_path / "corpus", versions=3)
    build(corpus, tmp_path / "reports")
    monkeypatch.setattr(cache_mod, "fingerprint", lambda: "another-guidediff")
    r = build(corpus, tmp_path / "reports")
    assert r.normalized == 3 and r.compared == 2


def test_parallel_build_gives_the_same_bytes(chain: Chain, tmp_path: Path) -> None:
    one = write_corpus(chain, tmp_path / "a" / "corpus")
    two = write_corpus(chain, tmp_path / "b" / "corpus")
    build(one, tmp_path / "a" / "reports", jobs=1)
    r = build(two, tmp_path / "b" / "reports", jobs=2)
    assert not r.failures
    a = {k: v[0] for k, v in files_of(tmp_path / "a" / "reports").items()}
    b = {k: v[0] for k, v in files_of(tmp_path / "b" / "reports").items()}
    assert a.keys() == b.keys() and a == b


def test_a_bad_document_fails_alone(chain: Chain, tmp_path: Path) -> None:
    corpus = write_corpus(chain, tmp_path / "corpus", versions=4)
    bad = corpus / "raw" / f"{chain.versions[1].id}.txt"
    bad.write_bytes(b"")  # its sha256 no longer matches
    r = build(corpus, tmp_path / "reports")
    assert list(r.failures) == [chain.versions[1].id]
    assert "sha256 is" in r.failures[chain.versions[1].id]
    assert [v.id for v in r.history.versions] == [chain.versions[k].id for k in (0, 2, 3)]


def test_overrides_apply_and_are_checked(chain: Chain, tmp_path: Path) -> None:
    corpus = write_corpus(chain, tmp_path / "corpus", versions=2)
    v1, v2 = chain.versions[0].id, chain.versions[1].id
    (corpus / "lineage.toml").write_text(
        f'[[cut]]\nfrom = "{v1}:1.1"\nto = "{v2}:1.1"\n\n'
        f'[[pin]]\nfrom = "{v1}:1.2"\nto = "{v2}:1.1"\n', encoding="utf-8")
    r = build(corpus, tmp_path / "reports")
    lin = next(lin for lin in r.history.lineages if lin.id == f"{v1}:1.2")
    assert [(m.version, m.direction) for m in lin.members] == [(v1, "1.2"), (v2, "1.1")]
    assert lin.members[1].via is not None and lin.members[1].via.kind == "override"
    (corpus / "lineage.toml").write_text(f'[[pin]]\nfrom = "{v1}:1.2"\nto = "{v2}:9.9"\n',
                                         encoding="utf-8")
    with pytest.raises(OverrideError, match=r"pin 1: to: v0002 has no direction '9.9'"):
        build(corpus, tmp_path / "reports")
    (corpus / "lineage.toml").write_text('[[pin]]\nfrom = "v9999:1.1"\nto = "v0002:1.1"\n',
                                         encoding="utf-8")
    with pytest.raises(OverrideError, match="no version 'v9999'"):
        build(corpus, tmp_path / "reports")


def test_the_real_corpus_site(tmp_path: Path, changelog) -> None:  # type: ignore[no-untyped-def]
    from .conftest import CORPUS

    shutil.copytree(CORPUS, tmp_path / "corpus", ignore=shutil.ignore_patterns(".cache"))
    r = build(tmp_path / "corpus", tmp_path / "reports")
    h = r.history
    # a lineage for each pair of the independent reading: continued, new or not continued
    lineages = {tuple((m.version, m.direction) for m in lin.members) for lin in h.lineages}
    assert lineages == {tuple(m for m in (("2021-b1-draft", o), ("2022-b1-final", n)) if m[1])
                        for o, n in gold_pairs()}
    page = (tmp_path / "reports" / "lineages" / "2021-b1-draft_3.5.html").read_text(
        encoding="utf-8")
    assert phrase(changes_of(changelog, "budget_changed", "3.5", "1.6")[0]) in page
    assert "../2021-b1-draft__2022-b1-final.report.html#d-3.5-1.6" in page
    assert "匹配度 0.87" in page and "same partner" not in page
    spain = (tmp_path / "reports" / "lineages" / "2021-b1-draft_2.8.html").read_text(
        encoding="utf-8")  # values as the documents print them: 2021's cap, with units
    rows = re.findall(r"<tr><td>(\d{4})年度第一批[^<]*</td>.*?</tr>", spain, re.S)
    assert rows == ["2021", "2022"]
    cells = re.findall(r'<td class="num">([^<]*)</td>', spain)
    assert cells[:2] == ["不超过15个", "不超过4500万元"] and cells[3:5] == ["不超过15个", "4500万元"]
