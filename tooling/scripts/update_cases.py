"""Regenerate the expected outputs of the file-based cases in ``tests/data/<case>/`` from what
guidediff writes now, and say which files changed. Review the diff (``git diff tests/data``)
like code before committing it::

    python tooling/scripts/update_cases.py            # every case
    python tooling/scripts/update_cases.py real-pair  # one case
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the cases live with the tests, not in the package
from tests.cases import all_cases, outputs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="cases to regenerate (default: all)")
    args = ap.parse_args(argv)
    os.environ["GUIDEDIFF_CACHE"] = "off"  # computed afresh, never from the user's cache
    chosen = [c for c in all_cases() if not args.names or c.name in args.names]
    unknown = set(args.names) - {c.name for c in chosen}
    if unknown:
        ap.error(f"no such case: {', '.join(sorted(unknown))}")
    changed = 0
    for c in chosen:
        for name, text in outputs(c).items():
            path = c.folder / name
            if path.is_file() and path.read_text(encoding="utf-8") == text:
                continue
            path.write_text(text, encoding="utf-8", newline="\n")
            changed += 1
            print(f"updated {path.relative_to(ROOT)}")
    print(f"{len(chosen)} cases, {changed} files updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
