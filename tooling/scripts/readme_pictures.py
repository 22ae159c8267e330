"""Regenerate the README's pictures of the corpus site and of the web app (tooling/docs/*.png).

Run: python tooling/scripts/readme_pictures.py
Builds the corpus into a temporary folder and photographs its pages in headless Chromium
(Debian's chromium and Playwright, as the tests use them); then starts ``guidediff serve``,
chooses the real pair on its page, and photographs the page and the report it answers with.
"""

from __future__ import annotations

import shutil
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
            serve_pictures(browser, Path(tmp))
            browser.close()
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


if __name__ == "__main__":
    sys.exit(main())
