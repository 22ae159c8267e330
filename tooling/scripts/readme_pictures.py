"""Regenerate the README's pictures of the corpus site (tooling/docs/*.png).

Run: python tooling/scripts/readme_pictures.py
Builds the corpus into a temporary folder and photographs its pages in headless Chromium
(Debian's chromium and Playwright, as the tests use them).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from guidediff.corpus.build import build

ROOT = Path(__file__).resolve().parents[2]
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
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
