"""The HTML report in a real browser: headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import watched


@pytest.fixture(scope="module")
def page(browser, reports: dict[str, Path]) -> Iterator[object]:  # type: ignore[no-untyped-def]
    pg = watched(browser)
    pg.goto(reports["report.html"].as_uri())
    pg.wait_for_load_state("load")
    yield pg
    pg.close()


def test_opens_with_no_console_errors_and_no_requests(page) -> None:  # type: ignore[no-untyped-def]
    assert page.errors == []
    assert [u for u in page.requests if not u.startswith("file:")] == []


def test_format_only_changes_hidden_by_default_and_toggle(page) -> None:  # type: ignore[no-untyped-def]
    fmt_items = page.locator("li.change.fmt")
    assert fmt_items.count() > 0
    assert fmt_items.first.is_hidden()
    page.check("#toggle-fmt")
    assert fmt_items.first.is_visible()
    page.uncheck("#toggle-fmt")
    assert fmt_items.first.is_hidden()


def test_kind_filter_hides_that_kind(page) -> None:  # type: ignore[no-untyped-def]
    budget = page.locator("li.change[data-kind='budget_changed']")
    assert budget.first.is_visible()
    page.uncheck("input.kind-filter[value='budget_changed']")
    assert all(not budget.nth(i).is_visible() for i in range(budget.count()))
    page.check("input.kind-filter[value='budget_changed']")
    assert budget.first.is_visible()


def test_view_toggle_and_changed_only(page) -> None:  # type: ignore[no-untyped-def]
    inline = page.locator("#d-2\\.8-1\\.1 td.inline-col").first
    assert inline.is_hidden()
    page.check("input[name=view][value=inline-view]")
    assert inline.is_visible()
    page.check("input[name=view][value=side-view]")
    equal_row = page.locator("#d-2\\.8-1\\.1 tr.status-equal").first
    assert equal_row.is_visible()
    page.check("#toggle-changed")
    assert equal_row.is_hidden()
    page.uncheck("#toggle-changed")


def test_table_of_contents_anchors_resolve(page) -> None:  # type: ignore[no-untyped-def]
    hrefs = page.eval_on_selector_all("nav a", "els => els.map(e => e.getAttribute('href'))")
    missing = [h for h in hrefs if page.locator(h.replace(".", "\\.")).count() != 1]
    assert hrefs and missing == []


def test_chinese_glyphs_render(page, screenshots: Path) -> None:  # type: ignore[no-untyped-def]
    """Without a CJK font every character is the same empty box: two different characters
    would give the same picture. With one, they differ."""
    page.evaluate("""() => {
        for (const [id, ch] of [['g1', '中'], ['g2', '国']]) {
            const s = document.createElement('span');
            s.id = id; s.textContent = ch;
            s.style.cssText = 'font-size:48px;display:inline-block;background:#fff;color:#000';
            document.querySelector('header').appendChild(s);
        }
    }""")
    a = page.locator("#g1").screenshot()
    b = page.locator("#g2").screenshot()
    assert a != b
    shot = screenshots / "report.png"  # build/screenshots: look at it
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    page.locator("#d-3\\.5-1\\.6").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "report-germany.png"))


def test_print_stylesheet_hides_controls(page) -> None:  # type: ignore[no-untyped-def]
    page.emulate_media(media="print")
    assert page.locator("#controls").is_hidden()
    page.emulate_media(media="screen")
    assert page.locator("#controls").is_visible()
