"""Benchmark: time to render each report format for the seed pair (the change log computed once).

Run: python tooling/benchmarks/bench_render.py [--repeat N]
Prints figures only.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from guidediff import REPORT_FILES, RenderOptions, diff, read_xml

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    xml = ROOT / "corpus" / "xml"
    log = diff(read_xml(xml / "2021-b1-draft.xml"), read_xml(xml / "2022-b1-final.xml"))
    opts = RenderOptions()
    print(f"{'file':16} {'median ms':>10} {'KB':>8}")
    for files in REPORT_FILES.values():
        for suffix, fn in files:
            times, data = [], b""
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                data = fn(log, opts)
                times.append((time.perf_counter() - t0) * 1000)
            print(f"{suffix:16} {statistics.median(times):10.1f} {len(data) / 1024:8.1f}")


if __name__ == "__main__":
    main()
