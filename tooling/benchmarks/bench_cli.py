"""Whole processes as a user runs them, paired against peers in the same run.

Run: python tooling/benchmarks/bench_cli.py [--pairs N]

Each round runs every command once, in a rotated order (paired and interleaved, so that a
slower moment of the machine hits every command alike), .pyc files already cached. Printed:
the median wall time of each command, and for each peer the median, min and max of the
per-round ratio guidediff / peer. Goals on the real pair: `guidediff diff --format json` at
most 1.0× the difflib HtmlDiff script, and at most 1.5× importing the five packages the card
names (diff-match-patch, lxml, click, jinja2, python-docx). guidediff runs as a user has it
(documents and comparisons remembered in the user cache after the first run) and with
--no-cache (everything read and compared afresh each time).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OLD = ROOT / "corpus" / "raw" / "2021-batch1-draft.txt"
NEW = ROOT / "corpus" / "raw" / "2022-batch1-final.txt"
GUIDEDIFF = shutil.which("guidediff")
CLI = [GUIDEDIFF] if GUIDEDIFF else [sys.executable, "-m", "guidediff"]

COMMANDS: dict[str, list[str]] = {
    "guidediff diff -f json": [*CLI, "diff", str(OLD), str(NEW), "-f", "json"],
    "  … --no-cache": [*CLI, "diff", str(OLD), str(NEW), "-f", "json", "--no-cache"],
    "guidediff diff (text)": [*CLI, "diff", str(OLD), str(NEW)],
    "guidediff --help": [*CLI, "--help"],
    "difflib HtmlDiff script": [sys.executable,
                                str(ROOT / "tooling" / "benchmarks" / "peers" / "difflib_html.py"),
                                str(OLD), str(NEW)],
    "import the 5 packages": [sys.executable, "-c",
                              "import diff_match_patch, lxml.etree, click, jinja2, docx"],
    "python -c pass": [sys.executable, "-c", "pass"],
}
RATIOS = (("guidediff diff -f json", "difflib HtmlDiff script", 1.0),
          ("guidediff diff -f json", "import the 5 packages", 1.5),
          ("  … --no-cache", "difflib HtmlDiff script", 1.0),
          ("  … --no-cache", "import the 5 packages", 1.5))


# as a user runs it: Python writes and reuses .pyc files (this benchmark's own environment may
# say otherwise, as a CI image often does with PYTHONDONTWRITEBYTECODE)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   env=ENV)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=21, help="rounds (each runs every command)")
    a = ap.parse_args()
    names = list(COMMANDS)
    for name in names:  # warm the caches (.pyc, the page cache) once
        run(COMMANDS[name])
    times: dict[str, list[float]] = {n: [] for n in names}
    for k in range(a.pairs):
        order = names[k % len(names):] + names[:k % len(names)]
        for name in order:
            times[name].append(run(COMMANDS[name]))
    cpu = os.cpu_count()
    print(f"machine: {platform.machine()}, {cpu} CPUs, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; {a.pairs} rounds")
    print(f"{'command':28} {'median ms':>9} {'min ms':>8} {'max ms':>8}")
    for name in names:
        t = times[name]
        print(f"{name:28} {1000 * statistics.median(t):9.1f} {1000 * min(t):8.1f} "
              f"{1000 * max(t):8.1f}")
    print(f"\n{'ratio (per round)':54} {'median':>7} {'min':>6} {'max':>6} {'goal':>6}")
    for ours, peer, goal in RATIOS:
        r = [x / y for x, y in zip(times[ours], times[peer], strict=True)]
        print(f"{ours + ' / ' + peer:54} {statistics.median(r):7.2f} {min(r):6.2f} "
              f"{max(r):6.2f} {goal:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
