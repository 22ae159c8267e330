"""Regenerate the README's pictures of the Word files (tooling/docs/docx-*.png).

Run: python tooling/scripts/docx_pictures.py
Builds the corpus into a temporary folder, writes the year memo of 2022, prints every Word file
with LibreOffice (one process, through tests/support/office.py, with the fontconfig file that
maps the official fonts to Noto CJK) and turns one page of each into a PNG (pdftoppm): the
tracked document where 3.5 becomes 1.6, the 新旧对照表's first page, the memo's first page and
the year memo's first page.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the test harness, tests/support, is not part of the package
OUT = ROOT / "tooling" / "docs"
STEM = "2021-b1-draft__2022-b1-final"
# (file in the built reports, picture, text that the page shown holds)
PICTURES = ((f"{STEM}.tracked.docx", "docx-tracked.png", "中国和德国政府间电动汽车科技合作项目"),
            (f"{STEM}.table.docx", "docx-table.png", None),
            (f"{STEM}.memo.docx", "docx-memo.png", None),
            ("memo-2022.docx", "docx-year-memo.png", None))


def _page(pdf: Path, text: str | None) -> int:
    """The first page that holds ``text`` (1 when none is asked for)."""
    import pypdfium2 as pdfium

    if text is None:
        return 1
    doc = pdfium.PdfDocument(str(pdf))
    for k, page in enumerate(doc, 1):
        if text in page.get_textpage().get_text_range():
            return k
    raise SystemExit(f"{pdf.name}: no page holds {text}")


def main() -> int:
    from tests.support import office

    from guidediff.corpus.build import build

    pdftoppm = shutil.which("pdftoppm")
    lo = office.start()
    if lo is None or pdftoppm is None:
        print("LibreOffice with python3-uno, and pdftoppm, are needed", file=sys.stderr)
        return 1
    try:
        with tempfile.TemporaryDirectory() as tmp:
            corpus, reports = Path(tmp) / "corpus", Path(tmp) / "reports"
            shutil.copytree(ROOT / "corpus", corpus, ignore=shutil.ignore_patterns(".cache"))
            build(corpus, reports)
            subprocess.run([sys.executable, "-m", "guidediff", "memo", "--year", "2022",
                            "--corpus", str(corpus), "-o", str(reports), "--issuer", "国际合作司",
                            "--date", "2022-03-15"], check=True, timeout=600)
            OUT.mkdir(parents=True, exist_ok=True)
            for name, picture, text in PICTURES:
                pdf = Path(tmp) / (Path(name).stem + ".pdf")
                lo.convert(reports / name, pdf, "pdf")
                page = _page(pdf, text)
                subprocess.run([pdftoppm, "-png", "-r", "72", "-f", str(page), "-l", str(page),
                                "-singlefile", str(pdf), str(OUT / Path(picture).stem)],
                               check=True, timeout=120)
                print(f"{OUT / picture} (page {page} of {name})")
    finally:
        lo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
