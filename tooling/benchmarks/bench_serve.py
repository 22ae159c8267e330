"""Load on ``guidediff serve`` over loopback, bounded in count and time.

Run: python tooling/benchmarks/bench_serve.py [--requests 200] [--clients 8] [--workers N]

Starts the server as a real process (its own cache folder, so that the first comparisons of
each pair are computed and the rest reuse them, as identical uploads do), then sends
``--requests`` uploads from ``--clients`` concurrent clients: the real pair both ways and scaled
variants, with oversized (413), binary (400) and incomplete (400) uploads mixed in, one in ten
each. Prints requests per second, p50/p95 latency of the comparisons, every status against the
one expected, and the server's memory after the first 20 requests and after the run. Figures
only; the suite runs a small version of this load (tests/test_serve.py).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the test harness, tests/support, is not part of the package
from tests.support import serving  # noqa: E402

OLD = ROOT / "corpus" / "raw" / "2021-batch1-draft.txt"
NEW = ROOT / "corpus" / "raw" / "2022-batch1-final.txt"
MAX = 3_000_000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--queue", type=int, default=16)
    a = ap.parse_args()
    shots = serving.mixed_shots(OLD, NEW, a.requests, MAX)
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {a.requests} requests from {a.clients} clients, "
          f"{a.workers} workers, queue {a.queue}")
    with tempfile.TemporaryDirectory() as cache, \
            serving.running("--workers", str(a.workers), "--queue", str(a.queue),
                            "--max-bytes", str(MAX), env={"GUIDEDIFF_CACHE": cache}) as s:
        t = time.perf_counter()
        replies = serving.load(s.url, shots[:20], a.clients)
        first = serving.rss_kib(s.process.pid)
        replies += serving.load(s.url, shots[20:], a.clients)
        seconds = time.perf_counter() - t
        after = serving.rss_kib(s.process.pid)
    outcomes = Counter((shot.expect, r.status if r else err) for shot, r, err in replies)
    wrong = sum(n for (want, got), n in outcomes.items() if want != got)
    compares = [r.seconds for shot, r, _ in replies if r and shot.expect in (200, 303)]
    print(f"{len(replies)} requests in {seconds:.1f} s: {len(replies) / seconds:.1f} requests/s")
    cuts = statistics.quantiles(compares, n=100, method="inclusive")  # p1 … p99
    print(f"comparisons: {len(compares)}, latency p50 {1000 * cuts[49]:.0f} ms, p95 "
          f"{1000 * cuts[94]:.0f} ms, max "
          f"{1000 * max(compares, default=0):.0f} ms, mean "
          f"{1000 * statistics.fmean(compares) if compares else 0:.0f} ms")
    for (want, got), n in sorted(outcomes.items(), key=str):
        print(f"  expected {want}, got {got}: {n}")
    print(f"answered other than expected: {wrong}")
    if first and after:
        print(f"server memory: {first / 1024:.0f} MiB after 20 requests, {after / 1024:.0f} MiB "
              f"after {len(replies)} ({after / first:.2f}×)")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
