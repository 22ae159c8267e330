"""Regenerate the README's pictures of the corpus site and of the web app (tooling/docs/*.png).

Run: python tooling/scripts/readme_pictures.py
Builds the corpus into a temporary folder and photographs its pages in headless Chromium
(Debian's chromium and Playwright, as the tests use them); then starts ``guidediff serve``,
chooses the real pair on its page, and photographs the page, the report it answers with, the
review pane (wide and on a 420 px screen, with marks and notes), and the first page of the
exported 新旧对照表 with its 核对意见 column (LibreOffice → PDF → pdftoppm); last, the window of
guidediff-app under Xvfb (ImageMagick's import).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from guidediff.corpus.build import build

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the test harness, tests/support, is not part of the package
OUT = ROOT / "tooling" / "docs"
PAGES = (("index.html", "corpus-site.png", 1200, 1100),
         ("lineages/2021-b1-draft_3.5.html", "corpus-lineage.png", 1200, 980))
CHAIN_PAGES = (("index.html", "#summary", "corpus-chain.png", 1200, 1250),
               ("lineages/v0001_2.0.html", None, "corpus-dropped.png", 1200, 820))


def chain_pictures(browser: Any, tmp: Path) -> None:
    """The site of the scripted chain (tests/support/chains.py): its summary and grid, with
    changed steps, drops and a return; the page of a programme no longer set."""
    from tests.support.chains import scripted_chain, write_corpus

    raw = ROOT / "corpus" / "raw"
    chain = scripted_chain(raw / "2021-batch1-draft.txt", raw / "2022-batch1-final.txt")
    build(write_corpus(chain, tmp / "chain"), tmp / "chain-reports")
    for page_name, start, picture, width, height in CHAIN_PAGES:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto((tmp / "chain-reports" / page_name).as_uri())
        if start:
            page.locator(start).scroll_into_view_if_needed()
            page.evaluate(f"document.querySelector('{start}').scrollIntoView()")
        page.screenshot(path=str(OUT / picture))
        print(OUT / picture)


def main() -> int:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium is not installed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "corpus", Path(tmp) / "corpus",
                        ignore=shutil.ignore_patterns(".cache"))
        build(Path(tmp) / "corpus", Path(tmp) / "reports")
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium,
                                        args=["--no-sandbox", "--disable-gpu"])
            for page_name, picture, width, height in PAGES:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto((Path(tmp) / "reports" / page_name).as_uri())
                page.screenshot(path=str(OUT / picture))
                print(OUT / picture)
            chain_pictures(browser, Path(tmp))
            serve_pictures(browser, Path(tmp))
            browser.close()
        desk_picture(Path(tmp))
    return 0


def serve_pictures(browser: Any, tmp: Path) -> None:
    from tests.support import serving

    raw = ROOT / "corpus" / "raw"
    with serving.running("--workers", "1", env={"GUIDEDIFF_CACHE": str(tmp / "cache")}) as s:
        page = browser.new_page(viewport={"width": 1000, "height": 520})
        page.goto(s.url + "/")
        page.set_input_files("#old", str(raw / "2021-batch1-draft.txt"))
        page.set_input_files("#new", str(raw / "2022-batch1-final.txt"))
        page.screenshot(path=str(OUT / "serve-page.png"))
        print(OUT / "serve-page.png")
        page.set_viewport_size({"width": 1200, "height": 700})
        with page.expect_navigation():
            page.click("#submit")
        page.screenshot(path=str(OUT / "serve-report.png"))
        print(OUT / "serve-report.png")
        review_pictures(page, tmp)


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(OUT / name))
    print(OUT / name)


def review_pictures(page: Any, tmp: Path) -> None:
    page.set_viewport_size({"width": 1200, "height": 760})
    for _ in range(2):
        page.keyboard.press("j")
    ids = page.evaluate("Array.from(document.querySelectorAll('[data-change]')).map(e => "
                        "e.getAttribute('data-change'))")
    for change, button, note in ((ids[0], "m-checked", "与原文第3页核对无误"),
                                 (ids[1], "m-query", "请核实：方向数是否含联合实验室")):
        group = page.locator(f".mark[data-for='{change}']")
        group.locator(f"button.{button}").click()
        group.locator("input").fill(note)
    page.locator("#next").focus()
    page.keyboard.press("k")  # back to the first change: both marked ones below the bar
    _shot(page, "review-pane.png")
    page.set_viewport_size({"width": 420, "height": 800})
    page.keyboard.press("j")
    _shot(page, "review-420.png")
    page.set_viewport_size({"width": 1200, "height": 760})
    with page.expect_download() as got:
        page.click("#export-table")
    docx = tmp / "review.table.docx"
    got.value.save_as(str(docx))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp),
                    str(docx)], check=True, capture_output=True)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                    str(tmp / "review.table.pdf"), str(OUT / "review-table")], check=True)
    print(OUT / "review-table.png")


def desk_picture(tmp: Path) -> None:
    """guidediff-app's window, on a virtual display of its own."""
    if not (shutil.which("Xvfb") and shutil.which("import")):
        print("(no Xvfb or ImageMagick: the window of guidediff-app is not photographed)")
        return
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1024x768x24",
                             "-nolisten", "tcp"], stdout=subprocess.PIPE, text=True)
    assert xvfb.stdout is not None
    display = ":" + xvfb.stdout.readline().strip()
    env = {**os.environ, "DISPLAY": display, "GUIDEDIFF_CACHE": str(tmp / "desk"),
           "BROWSER": "true"}
    app = subprocess.Popen([sys.executable, "-m", "guidediff.serve.desk", "--port", "0"],
                           env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert app.stderr is not None
        for _ in range(3):
            app.stderr.readline()  # (its three lines: it listens, and the window is made)
        for _ in range(100):
            tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True,
                                  text=True, env=env).stdout
            if "guidediff" in tree:
                break
            subprocess.run(["sleep", "0.1"])
        subprocess.run(["import", "-display", display, "-window", "root", "-crop",
                        "730x145+0+0", "+repage", str(OUT / "desk-app.png")], check=True)
        print(OUT / "desk-app.png")
    finally:
        app.terminate()
        app.wait(30)
        xvfb.terminate()
        xvfb.wait(30)

if __name__ == "__main__":
    sys.exit(main())
