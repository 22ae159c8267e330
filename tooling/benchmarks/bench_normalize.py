"""Benchmark: time to normalize each real document in-process, and peak memory.

Run: python tooling/benchmarks/bench_normalize.py [--repeat N]
Prints figures only; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from pathlib import Path

from guidediff import normalize_file

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted((ROOT / "corpus" / "raw").glob("*.txt"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    print(f"{'document':28} {'KB':>6} {'dirs':>5} {'median ms':>10} {'min ms':>8} "
          f"{'peak MiB':>9}")
    for path in DOCS:
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            n = normalize_file(path)
            n.xml_bytes()
            times.append((time.perf_counter() - t0) * 1000)
        tracemalloc.start()
        n = normalize_file(path)
        n.xml_bytes()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"{path.name:28} {path.stat().st_size / 1024:6.1f} {len(n.guideline.directions):5d} "
              f"{statistics.median(times):10.1f} {min(times):8.1f} {peak:9.1f}")


if __name__ == "__main__":
    main()
