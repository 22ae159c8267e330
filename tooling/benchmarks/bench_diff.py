"""Benchmark: a full diff of the seed pair, against peers measured in the same run.

Run: python tooling/benchmarks/bench_diff.py [--repeat N]

guidediff is timed in-process, end to end (normalize both texts, align, diff, render JSON) and
diff-only (models already loaded). Peers on the same pair: difflib's HtmlDiff over the lines
(in-process) and `git diff --no-index --word-diff` over the files (a subprocess, so its time
includes starting git). Ratios are peer time / guidediff end-to-end time. Prints figures only.
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from guidediff import FORMATS, RenderOptions, diff, normalize_file

ROOT = Path(__file__).resolve().parents[2]
OLD = ROOT / "corpus" / "raw" / "2021-batch1-draft.txt"
NEW = ROOT / "corpus" / "raw" / "2022-batch1-final.txt"


def timed(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--whole-document-dmp", action="store_true",
                    help="also time one whole-document character diff with diff-match-patch "
                         "(slow: tens of seconds)")
    args = ap.parse_args()
    old_g, new_g = normalize_file(OLD).guideline, normalize_file(NEW).guideline

    def end_to_end() -> None:
        # a cold run, as a user gets it: each diff measures its texts afresh
        FORMATS["json"](diff(normalize_file(OLD).guideline, normalize_file(NEW).guideline),
                        RenderOptions())

    def diff_only() -> None:
        diff(old_g, new_g)

    a = OLD.read_text(encoding="utf-8").splitlines()
    b = NEW.read_text(encoding="utf-8").splitlines()
    rows: list[tuple[str, float]] = [
        ("guidediff end to end (normalize ×2 + align + diff + JSON)",
         timed(end_to_end, args.repeat)),
        ("guidediff diff only (align + diff)", timed(diff_only, args.repeat)),
        ("difflib.HtmlDiff().make_file on the lines",
         timed(lambda: difflib.HtmlDiff().make_file(a, b), args.repeat)),
    ]
    git = shutil.which("git")
    if git:
        cmd = [git, "diff", "--no-index", "--word-diff", str(OLD), str(NEW)]
        rows.append(("git diff --no-index --word-diff (subprocess)",
                     timed(lambda: subprocess.run(cmd, capture_output=True, check=False),
                           args.repeat)))
    if args.whole_document_dmp:
        from diff_match_patch import diff_match_patch

        dmp = diff_match_patch()
        dmp.Diff_Timeout = 0
        ta, tb = OLD.read_text(encoding="utf-8"), NEW.read_text(encoding="utf-8")
        rows.append(("diff-match-patch whole document, characters (1 run)",
                     timed(lambda: dmp.diff_main(ta, tb), 1)))
    base = rows[0][1]
    print(f"{'tool':58} {'median ms':>10} {'× guidediff':>12}")
    for name, ms in rows:
        print(f"{name:58} {ms:10.1f} {ms / base:12.2f}")


if __name__ == "__main__":
    main()
