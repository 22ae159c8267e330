"""Build corpora of N versions (a generated chain from the real documents) and print the cold
build time, the warm time after adding one version, and peak memory.

Run: python tooling/benchmarks/bench_history.py [N ...] [-j JOBS]
Each build is a whole process (`guidediff build`), as a user runs it; memory is the peak
resident size of the build process and of its largest worker.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the test harness, tests/support, is not part of the package
from tests.support.chains import random_chain, write_corpus  # noqa: E402

RAW = ROOT / "corpus" / "raw"

_RUN = """
import json, resource, sys, time
from guidediff.corpus.build import build
t = time.perf_counter()
r = build(sys.argv[1], sys.argv[2], jobs=int(sys.argv[3]))
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "normalized": r.normalized, "compared": r.compared,
                  "versions": len(r.history.versions), "lineages": len(r.history.lineages),
                  "failures": len(r.failures),
                  "self_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def _build(corpus: Path, reports: Path, jobs: int) -> dict[str, float]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _RUN, str(corpus), str(reports), str(jobs)],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"the build failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout)
    result["process"] = time.perf_counter() - start
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[10, 100, 1000])
    ap.add_argument("-j", "--jobs", type=int, default=2)
    a = ap.parse_args()
    print(f"{'N':>6} {'cold s':>8} {'ms/version':>10} {'warm+1 s':>9} {'normalized':>10} "
          f"{'compared':>8} {'lineages':>8} {'main MiB':>8} {'worker MiB':>10}")
    for n in a.sizes:
        chain = random_chain(RAW / "2021-batch1-draft.txt", RAW / "2022-batch1-final.txt",
                             n + 1, seed=1)
        with tempfile.TemporaryDirectory() as tmp:
            corpus = write_corpus(chain, Path(tmp) / "corpus", versions=n)
            cold = _build(corpus, Path(tmp) / "reports", a.jobs)
            write_corpus(chain, corpus, versions=n + 1)  # one more version
            warm = _build(corpus, Path(tmp) / "reports", a.jobs)
        print(f"{n:>6} {cold['process']:>8.1f} {1000 * cold['process'] / n:>10.1f} "
              f"{warm['process']:>9.2f} {warm['normalized']:>10} {warm['compared']:>8} "
              f"{cold['lineages']:>8} {cold['self_mib']:>8.0f} {cold['worker_mib']:>10.0f}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
