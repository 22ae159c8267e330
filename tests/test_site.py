"""The corpus site in a real browser (Debian's Chromium, driven by Playwright) from file://:
index → a lineage → the pair report where its programme changed, with no console error and no
request for anything but the site's own files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guidediff.corpus.build import build
from guidediff.render.phrases import phrase
from guidediff.render.site import page_name
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
    assert [c.strip() for c in row.locator("td").all_inner_texts()] == ["3.5", "1.6●"]
    label = row.locator("td.changed").get_attribute("title")
    assert label == "有实质性变化：名称、领域、项目数、经费、联系人、要求"
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
    assert {h.split("#")[0] for h in hrefs} == {f"{a}__{b}.report.html"
                                                for a, b in result.history.steps()}
    for href in sorted(hrefs)[:40:7]:  # each at the section of its direction
        name, frag = href.split("#")
        page.goto((tmp_path / "reports" / name).as_uri() + "#" + frag)
        assert page.locator(f"[id='{frag}']").is_visible(), href
    page.goto((tmp_path / "reports" / "index.html").as_uri())
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


# ---------------------------------------------------------------- what happened, told


def _keys(chain) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    """(version, direction) → the programme it is (a split's second half with its suffix)."""
    from tests.support.chains import number

    return {(v.id, number(k + 1)): s.programme + s.suffix for v in chain.versions
            for k, s in enumerate(v.slots)}


SUBJECT_WORDS = {"budget": "经费", "projects": "项目数", "contact": "联系人"}


@pytest.fixture(scope="module")
def chain_site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("chain-site")
    chain = scripted_chain(RAW_2021, RAW_2022)
    result = build(write_corpus(chain, root / "corpus"), root / "reports")
    assert not result.failures
    return chain, result.history, root / "reports"


def _grid(page) -> list[list[tuple[str, str, str, str | None]]]:  # type: ignore[no-untyped-def]
    """The grid's cells: (text, class, title, link) per row, as the browser has them."""
    return page.locator("table.grid tbody tr").evaluate_all(
        """rows => rows.map(r => Array.from(r.querySelectorAll('td')).map(td => {
             const a = td.querySelector('a');
             return [td.innerText.trim(), td.className, td.title,
                     a ? a.getAttribute('href') : null]; }))""")


def test_the_grid_marks_drops_returns_and_changed_steps(browser, chain_site,  # type: ignore[no-untyped-def]
                                                       screenshots: Path) -> None:
    """Every cell as the chain's truth has it: a step with an edit marked and labelled with
    what changed, every other step plain; a drop after a member; a return after an absence;
    each linked to the report of its step."""
    chain, h, reports = chain_site
    keys, happened = _keys(chain), chain.happened()
    page = watched(browser)
    page.goto((reports / "index.html").as_uri())
    page.screenshot(path=str(screenshots / "site-chain-index.png"), full_page=True)
    grid = _grid(page)
    assert len(grid) == len(h.lineages)
    ids = [v.id for v in h.versions]
    seen = {"changed": 0, "back": 0, "dropped": 0}
    for lin, row in zip(h.lineages, grid, strict=True):
        by = {m.version: m for m in reversed(lin.members)}  # (the first member of a version)
        for k, (text, css, title, href) in enumerate(row):
            m = by.get(ids[k])
            if m is None:
                prev = by.get(ids[k - 1]) if k else None
                key = keys[(prev.version, prev.direction)] if prev else None
                if key is not None and key in happened[k].dropped:
                    assert (text, css) == ("✕", "dropped"), (lin.name, ids[k])
                    assert title == f"自{_name(chain, k)}起不再设立"
                    assert href.startswith(f"{ids[k - 1]}__{ids[k]}.report.html#d-"
                                           f"{prev.direction}-none")
                    seen["dropped"] += 1
                else:
                    assert css == "absent" and text == "—", (lin.name, ids[k], css)
                continue
            key = keys[(m.version, m.direction)]
            edits = happened[k].changed.get(key, set())
            if key in happened[k].back:
                assert css == "back" and title.startswith("再次出现（") and "未设立" in title
                assert href and href.startswith(f"{m.via.source.version}__{ids[k]}.report.html")
                seen["back"] += 1
            elif "absorbs" in edits:
                assert text.endswith("m")  # merged: the m says it
            elif edits:
                assert css == "changed" and title.startswith("有实质性变化："), (key, ids[k])
                assert {SUBJECT_WORDS[e] for e in edits} <= set(title.split("：")[1].split("、"))
                assert href == f"{ids[k - 1]}__{ids[k]}.report.html#d-" \
                    f"{m.via.source.direction}-{m.direction}"
                seen["changed"] += 1
            else:
                assert css == "" and title == "", (lin.name, ids[k], css, title)
    assert seen == {"changed": 3, "back": 1, "dropped": 2}
    clean(page)
    page.close()


def _name(chain, k: int) -> str:  # type: ignore[no-untyped-def]
    """The k-th version as readers name it: 2000年度第二批 征求意见稿."""
    from guidediff.render.marks import cn_number

    v = chain.versions[k]
    return f"{v.year}年度第{cn_number(v.batch)}批 {'征求意见稿' if v.stage == 'draft' else '正式稿'}"


def test_the_index_summarizes_each_version(browser, chain_site) -> None:  # type: ignore[no-untyped-def]
    """Each version's row: programmes new, back, no longer set and changed as the chain made
    them, and the budget the document states beside the one its directions sum to."""
    chain, h, reports = chain_site
    page = watched(browser)
    page.goto((reports / "index.html").as_uri())
    head = page.locator("#summary thead th").all_inner_texts()
    assert head[-2:] == ["国拨经费总概算（文件所述）", "各方向经费合计（分方向合计）"]
    rows = page.locator("#summary tbody tr")
    assert rows.count() == len(chain.versions)
    for k, (v, happened) in enumerate(zip(h.versions, chain.happened(), strict=True)):
        cells = [c.strip() for c in rows.nth(k).locator("td").all_inner_texts()]
        assert cells[0] == f"{_name(chain, k)} {v.id}"
        if k == 0:
            assert cells[1:5] == [str(len(happened.new)), "—", "—", "—"]
        else:
            changed = {p for p, e in happened.changed.items() if "absorbs" not in e}
            assert cells[1:5] == [str(len(happened.new)), str(len(happened.back)),
                                  str(len(happened.dropped)), str(len(changed))], v.id
        assert cells[5] == "约6.2亿元"  # as the preamble states it
        total = v.totals.budget_wan
        assert cells[6] == f"{total / 10000:f}".rstrip("0").rstrip(".") + "亿元"
    clean(page)
    page.close()


def test_a_programme_no_longer_set_says_so_on_its_page(browser, chain_site,  # type: ignore[no-untyped-def]
                                                       screenshots: Path) -> None:
    """The lineage page of a programme dropped for good says from which version, by its name,
    and links to that step's report, where the dropped direction's section is; a programme
    dropped and back tells both in its timeline, in order."""
    chain, h, reports = chain_site
    keys, happened = _keys(chain), chain.happened()
    last = len(chain.versions) - 2  # v7: one dropped for good
    (gone,) = happened[last].dropped
    lin = next(lin for lin in h.lineages
               if keys[(lin.members[-1].version, lin.members[-1].direction)] == gone)
    page = watched(browser)
    page.goto((reports / page_name(lin)).as_uri())
    page.screenshot(path=str(screenshots / "site-chain-dropped.png"), full_page=True)
    status = page.locator("#status").inner_text()
    assert status.startswith(f"自{_name(chain, last)}起不再设立")
    assert f"最后出现于{_name(chain, last - 1)}（{lin.members[-1].direction}）" in status
    assert page.locator("#timeline li.dropped").count() == 1
    page.locator("#status a").click()
    page.wait_for_load_state("load")
    section = page.url.split("#")[1]
    assert page.url.split("/")[-1].startswith(
        f"{chain.versions[last - 1].id}__{chain.versions[last].id}.report.html")
    assert section == f"d-{lin.members[-1].direction}-none"
    assert page.locator(f"[id='{section}']").is_visible()
    assert lin.name in page.locator(f"[id='{section}']").inner_text()
    (away,) = happened[2].dropped
    lin = next(lin for lin in h.lineages
               if keys[(lin.members[0].version, lin.members[0].direction)] == away)
    page.goto((reports / page_name(lin)).as_uri())
    assert page.locator("#status").count() == 0  # it is set again
    timeline = page.locator("#timeline > ol > li").all_inner_texts()
    gone_at = next(k for k, x in enumerate(timeline) if "不再设立" in x)
    assert timeline[gone_at].startswith(_name(chain, 2))
    assert f"于{_name(chain, 3)}再次设立" in timeline[gone_at]
    assert "再次出现" in timeline[gone_at + 1]
    clean(page)
    page.close()
