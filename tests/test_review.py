"""The review workflow of the web app in headless Chromium, as a drafting officer does it by
keyboard: a bad upload refused in Chinese with the files kept, the comparison at its own address
(a reload posts nothing), j/k and the 目录 landing below the sticky bar, marks and notes that
survive a reload, and the export of the 新旧对照表 and the CSV holding them (read back by pandoc
and python-docx). axe-core finds no violation on any page."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from guidediff.serve.reasons import UNTRANSLATED
from tests.support import a11y, serving

from .cases import REAL_PAIR, case
from .conftest import RAW_2021, RAW_2022, ROOT, require_tool

CJK = re.compile(r"[\u4e00-\u9fff]")


def _substantive(but: str = "") -> list[str]:
    """The ids of the real pair's substantive changes (as reviewed in tests/data), in the
    change log's order, leaving out those of kind ``but``."""
    return [c["id"] for c in case(REAL_PAIR).changes()["changes"]
            if not c["format_only"] and not c.get("neutral_words") and c["kind"] != but]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[serving.Server]:
    cache = tmp_path_factory.mktemp("cache")
    with serving.running("--workers", "1", "--reports", str(ROOT / "reports"),
                         env={"GUIDEDIFF_CACHE": str(cache)}) as s:
        yield s


@pytest.fixture(scope="module")
def axe() -> str:
    path = a11y.axe_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("axe-core is required in CI (.ci/run installs it into build/node)")
        pytest.skip("axe-core is not installed (npm install --prefix build/node axe-core)")
    return path.read_text(encoding="utf-8")


def _page(browser, server: serving.Server, width: int = 1280, height: int = 900):  # type: ignore[no-untyped-def]
    from .conftest import watched

    page = watched(browser, viewport={"width": width, "height": height},
                   accept_downloads=True)
    page.methods = []
    page.on("request", lambda r: page.methods.append((r.method, r.url)))
    page.goto(server.url + "/")
    return page


def _tab_to(page, element_id: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def _choose(page, field: str, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Tab to the file input and pick the file where the keyboard stands (headless Chromium
    opens no native chooser on a key)."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    _tab_to(page, field)
    page.locator("*:focus").set_input_files(str(path))


def _landing(page, element_id: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Where an element stands against the sticky bar and the window."""
    return page.evaluate("""id => {
      const r = document.getElementById(id.replace(/^#/, "")).getBoundingClientRect();
      const bar = document.getElementById("controls").getBoundingClientRect();
      return {top: r.top, bar: bar.bottom, height: innerHeight};
    }""", element_id)


def _visible_below_bar(at: dict[str, float]) -> bool:
    return at["bar"] <= at["top"] < at["height"] - 20


def _bad_upload_keeps_the_files(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 50)
    _choose(page, "old", RAW_2021)
    _choose(page, "new", scan)
    _tab_to(page, "submit")
    page.keyboard.press("Enter")
    page.locator("#error").wait_for(state="visible")
    error = page.locator("#error-text").inner_text()
    assert error.startswith("修改后：scan.pdf："), error
    reason = error.split("：", 2)[2]
    assert CJK.search(reason) and UNTRANSLATED not in reason, reason
    assert page.url.rstrip("/") == page.url.split("/compare")[0].rstrip("/")  # not left
    names = page.evaluate("[old.files[0].name, document.getElementById('new').files[0].name]")
    assert names == ["2021-batch1-draft.txt", "scan.pdf"]  # still chosen


def _ids_in_order(page) -> list[str]:  # type: ignore[no-untyped-def]
    ids: list[str] = page.evaluate(
        "Array.from(document.querySelectorAll('[data-change]')).map(e => e.id)")
    return ids


def _mark(page, change: str, button: str, note: str) -> None:  # type: ignore[no-untyped-def]
    group = page.locator(f".mark[data-for='{change}']")
    group.locator(f"button.{button}").focus()
    page.keyboard.press("Enter")
    group.locator("input").focus()
    page.keyboard.type(note)


def _table_rows(docx: Path) -> list[list[str]]:
    from docx import Document

    table = Document(str(docx)).tables[0]
    return [[c.text for c in row.cells] for row in table.rows]


def test_the_review_workflow(browser, server: serving.Server, screenshots: Path,  # type: ignore[no-untyped-def]
                             tmp_path: Path) -> None:
    page = _page(browser, server)
    _bad_upload_keeps_the_files(page, tmp_path)
    _choose(page, "new", RAW_2022)
    _tab_to(page, "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert re.fullmatch(re.escape(server.url) + r"/compare/[0-9a-f]{32}/", page.url), page.url
    report_url = page.url

    # j/k through the changes in document order, each landing below the sticky bar
    ids = _ids_in_order(page)
    assert sorted(ids) == sorted(f"c-{i}" for i in _substantive())  # each change once
    for k in range(3):
        page.keyboard.press("j")
        assert page.url == f"{report_url}#{ids[k]}"
        assert _visible_below_bar(_landing(page, f"#{ids[k]}")), (k, _landing(page, f"#{ids[k]}"))
    page.keyboard.press("k")
    assert page.url.endswith(f"#{ids[1]}")
    assert f"第 2 / {len(ids)} 处" in page.locator("#position").inner_text()
    page.screenshot(path=str(screenshots / "review-pane.png"))

    # a 目录 entry lands below the bar too
    link = page.locator("nav.toc a[href^='#d-']").nth(5)
    target = link.get_attribute("href")
    link.focus()
    page.keyboard.press("Enter")
    faults_until(lambda: _visible_below_bar(_landing(page, target)), "the 目录 target in view")

    # marks and notes, by keyboard
    first, second = ids[0][2:], ids[1][2:]  # (an element c-ID names the change ID)
    program = next(i for i in ids if page.evaluate(f"document.getElementById('{i}').tagName")
                   == "H3")[2:]
    _mark(page, first, "m-checked", "数字已与原文核对")
    _mark(page, second, "m-query", "经费需与财务处核实")
    _mark(page, program, "m-checked", "")
    assert page.locator("#n-checked").inner_text() == "2"
    assert page.locator("#n-query").inner_text() == "1"

    # a reload posts nothing, and the marks are still there
    page.methods.clear()
    page.reload()
    page.wait_for_load_state("load")
    assert [m for m, _ in page.methods if m != "GET"] == []
    assert page.locator(f".mark[data-for='{second}'] button.m-query").get_attribute(
        "aria-pressed") == "true"
    assert page.locator(f".mark[data-for='{first}'] input").input_value() == "数字已与原文核对"
    assert page.locator("#n-checked").inner_text() == "2"
    page.screenshot(path=str(screenshots / "review-marks.png"), full_page=False)

    # 导出核对意见: the 对照表 and the CSV hold the marks, each beside its change
    with page.expect_download() as got:
        page.locator("#export-table").focus()
        page.keyboard.press("Enter")
    assert got.value.suggested_filename.endswith(".核对意见.table.docx")
    docx = tmp_path / "review.table.docx"
    got.value.save_as(str(docx))
    with page.expect_download() as got:
        page.click("#export-csv")
    csv_file = tmp_path / "review.changes.csv"
    got.value.save_as(str(csv_file))
    rows = list(csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
    review = {r["编号"]: r["核对意见"] for r in rows}
    assert review[first] == "已核对：数字已与原文核对"
    assert review[second] == "有疑问：经费需与财务处核实"
    assert review[program] == "已核对"
    assert sum(bool(v) for v in review.values()) == 3
    said = {r["编号"]: r["说明"] for r in rows}
    table = _table_rows(docx)
    assert table[0][-1] == "核对意见"
    for cid, text in ((first, "已核对：数字已与原文核对"), (second, "有疑问：经费需与财务处核实")):
        row = next(r for r in table if text in r[-1])  # the mark stands on its change's row
        assert said[cid] in row[-2], (said[cid], row)
        if r"；" in row[-2]:  # a row stating several changes names each beside its mark
            assert f"（{said[cid][:15]}" in row[-1], row
    html = subprocess.run([require_tool("pandoc"), str(docx), "-t", "html"],
                          capture_output=True, text=True, check=True).stdout  # (cells whole)
    assert "有疑问：经费需与财务处核实" in html and "核对意见" in html
    # Chromium logs the refused upload's own status 400; nothing else
    assert [e for e in page.errors if "status of 400" not in e] == []
    assert [u for _, u in page.methods if not u.startswith(server.url)] == []
    page.close()


def faults_until(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    from tests.support.serve_faults import until

    until(condition, what, limit=60)


def _report(browser, server: serving.Server, width: int, height: int,  # type: ignore[no-untyped-def]
            lang: str = "zh"):
    page = _page(browser, server, width, height)
    if lang == "en":
        page.goto(server.url + "/?lang=en")
    page.set_input_files("#old", str(RAW_2021))
    page.set_input_files("#new", str(RAW_2022))
    with page.expect_navigation():
        page.click("#submit")
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("height", [640, 800])
def test_on_a_420_px_screen_the_bar_takes_at_most_15_percent(
        browser, server: serving.Server, screenshots: Path, height: int) -> None:  # type: ignore[no-untyped-def]
    page = _report(browser, server, 420, height)
    bar = page.evaluate("document.getElementById('controls').offsetHeight")
    assert bar <= 0.15 * height, bar
    page.keyboard.press("j")
    page.keyboard.press("j")
    first = _ids_in_order(page)[1]
    assert _visible_below_bar(_landing(page, f"#{first}"))
    page.locator("#filters-toggle").focus()
    page.keyboard.press("Enter")
    assert page.locator("#filters-toggle").get_attribute("aria-expanded") == "true"
    assert page.locator("#filters").is_visible()
    page.locator(".kind-filter[value='program_dropped']").focus()
    page.keyboard.press("Space")  # off: the dropped directions leave the tour
    shown = len(_substantive(but="program_dropped"))
    assert f"第 2 / {shown} 处" in page.locator("#position").inner_text()
    page.locator("#filters-toggle").focus()
    page.keyboard.press("Enter")
    assert page.locator("#filters-toggle").get_attribute("aria-expanded") == "false"
    assert _visible_below_bar(_landing(page, f"#{first}"))  # the change reached stays in view
    if height == 800:
        page.screenshot(path=str(screenshots / "review-420.png"))
    assert page.errors == []
    page.close()


def test_identical_uploads_say_so(browser, server: serving.Server) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser, server)
    page.set_input_files("#old", str(RAW_2022))
    page.set_input_files("#new", str(RAW_2022))
    with page.expect_navigation():
        page.click("#submit")
    assert "两份文件完全相同" in page.locator("#identical").inner_text()
    page.close()


def test_a_draft_and_a_final_are_headed_apart(browser, server: serving.Server) -> None:  # type: ignore[no-untyped-def]
    page = _report(browser, server, 1280, 900)
    heads = page.locator("table.figures thead th").all_inner_texts()
    assert heads[1:] == ["2021年第一批 征求意见稿", "2022年第一批 正式稿"]
    page.close()


def test_axe_finds_no_violation_on_any_page(browser, server: serving.Server, axe: str,  # type: ignore[no-untyped-def]
                                            tmp_path: Path) -> None:
    found: dict[str, object] = {}

    def check(page, what: str) -> None:  # type: ignore[no-untyped-def]
        v = a11y.violations(page, axe)
        if v:
            found[what] = v

    page = _page(browser, server)
    check(page, "compare page")
    page.goto(server.url + "/?lang=en")
    check(page, "compare page (English)")
    page.goto(server.url + "/")
    page.set_input_files("#old", str(RAW_2021))
    page.locator("#new").set_input_files({"name": "x.txt", "mimeType": "text/plain",
                                          "buffer": b"\x00\x01" * 64})
    page.click("#submit")
    page.locator("#error").wait_for(state="visible")
    check(page, "compare page with a refusal")
    for path in ("/nowhere", f"/compare/{'0' * 32}/", "/corpus/"):
        page.goto(server.url + path)
        check(page, path)
    for link in page.locator("a[href^='lineages/']").evaluate_all(
            "links => links.slice(0, 3).map(a => a.href)"):
        page.goto(link)
        check(page, link)
    page.close()
    for width, height, lang in ((1280, 900, "zh"), (420, 800, "zh"), (1280, 900, "en")):
        page = _report(browser, server, width, height, lang)
        page.keyboard.press("j")
        page.locator(".mark button.m-query").first.click()
        if lang == "en":
            assert page.locator("#position").inner_text().startswith("1 of ")
            assert page.locator("#export-table").inner_text() == "comparison table (Word)"
        check(page, f"report at {width} px ({lang})")
        page.close()
    page = _page(browser, server)
    page.goto((ROOT / "reports" / "2021-b1-draft__2022-b1-final.report.html").as_uri())
    check(page, "the report written to disk")
    page.close()
    assert found == {}
