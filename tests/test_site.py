"""The corpus site in a real browser (Debian's Chromium, driven by Playwright) from file://:
index → a lineage → the pair report where its programme changed, with no console error and no
request for anything but the site's own files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guidediff.corpus.build import build
from guidediff.render.names import phrase
from tests.support.chains import scripted_chain, write_corpus

from .conftest import CORPUS, RAW_2021, RAW_2022, changes_of, watched


def clean(page) -> None:  # type: ignore[no-untyped-def]
    assert page.errors == []
    assert [u for u in page.requests if not u.startswith("file:")] == []


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(CORPUS, root / "corpus", ignore=shutil.ignore_patterns(".cache", "xml"))
    build(root / "corpus", root / "reports")
    return root / "reports"


def test_index_to_lineage_to_the_report_where_it_changed(browser, real_site: Path,  # type: ignore[no-untyped-def]
                                                         screenshots: Path, changelog) -> None:
    page = watched(browser)
    page.goto((real_site / "index.html").as_uri())
    assert page.locator("#versions tbody tr").count() == 2
    assert page.locator("#totals svg").count() == 3
    page.screenshot(path=str(screenshots / "site-index.png"), full_page=True)
    row = page.locator("table.grid tr", has_text="中国和德国政府间科技合作项目")
    assert [c.strip() for c in row.locator("td").all_inner_texts()] == ["3.5", "1.6"]
    row.locator("th a").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("lineages/2021-b1-draft_3.5.html")
    timeline = page.locator("#timeline").inner_text()
    assert phrase(changes_of(changelog, "budget_changed", "3.5", "1.6")[0]) in timeline
    page.screenshot(path=str(screenshots / "site-lineage.png"), full_page=True)
    page.locator("#timeline a", has_text="查看对比报告").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("2021-b1-draft__2022-b1-final.report.html#d-3.5-1.6")
    assert page.locator("#d-3\\.5-1\\.6").is_visible()
    page.go_back()
    page.locator("nav a", has_text="总览").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/index.html")
    clean(page)
    page.close()


def test_a_chain_site_links_every_step(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chain = scripted_chain(RAW_2021, RAW_2022)
    corpus = write_corpus(chain, tmp_path / "corpus")
    result = build(corpus, tmp_path / "reports")
    page = watched(browser)
    page.goto((tmp_path / "reports" / "index.html").as_uri())
    links = page.locator("table.grid td a")
    hrefs = set(links.evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    assert hrefs == {f"{a}__{b}.report.html" for a, b in result.history.steps()}
    assert page.locator("table.grid td", has_text="r").count() >= 1  # the programme back
    split = next(lin for lin in result.history.lineages
                 if lin.members[0].via and lin.members[0].via.kind == "split")
    page.locator("table.grid th a", has_text=split.name).first.click()
    page.wait_for_load_state("load")
    timeline = page.locator("#timeline").inner_text()
    assert "拆分自" in timeline
    assert "名称相似度" in timeline and "title similarity" not in timeline  # evidence, in words
    clean(page)
    page.close()
