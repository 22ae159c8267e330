"""Run the battery of hostile and unlucky inputs and print a summary.

Run: python tooling/scripts/battery.py [-j JOBS] [-k NAME]
Each case runs ``python -m guidediff`` in a fresh process, as a user would, and is checked for
exit code, its one-line reason, no traceback, no hang, nothing written and inputs unchanged.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the test harness, tests/support, is not part of the package
from tests.support.battery import CASES, Seeds, run_battery  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-j", "--jobs", type=int, default=2, help="cases run at once")
    ap.add_argument("-k", dest="pattern", default="", help="only cases whose name has this")
    a = ap.parse_args()
    seeds = Seeds(ROOT / "corpus" / "raw" / "2021-batch1-draft.txt",
                  ROOT / "corpus" / "raw" / "2022-batch1-final.txt", ROOT / "corpus")
    cases = [c for c in CASES if a.pattern in c.name]
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        results = run_battery(seeds, Path(tmp), a.jobs, cases)
    if not results:
        print(f"no case name contains {a.pattern!r}", file=sys.stderr)
        return 2
    width = max(len(r.case.name) for r in results)
    for r in results:
        if r.impossible:
            print(f"n/a  {'':6} {r.case.name:{width}}  {r.impossible}")
            continue
        status = "ok" if r.ok else "FAIL"
        said = next((ln for ln in r.stderr.splitlines() if "Error: " in ln), "")
        said = said.split(": ", 2)[-1] if said else f"exit {r.code}"
        print(f"{status:4} {r.seconds:5.1f}s {r.case.name:{width}}  {said[:110]}")
        for p in r.problems:
            print(f"       {p}")
    kinds = Counter(r.case.kind for r in results)
    print("\nclasses: " + ", ".join(f"{k} {n}" for k, n in kinds.items()))
    tried = [r for r in results if not r.impossible]
    skipped = len(cases) - len(tried)
    note = f" ({skipped} not possible on this system)" if skipped else ""
    print(f"cases tried: {len(tried)}{note}, as expected: {sum(r.ok for r in tried)}, "
          f"tracebacks: {sum(r.traceback for r in tried)}, hangs: "
          f"{sum(r.code is None for r in tried)}, inputs modified: "
          f"{sum('an input was modified' in r.problems for r in tried)} "
          f"({time.perf_counter() - start:.0f} s)")
    return 0 if all(r.ok or r.impossible for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
