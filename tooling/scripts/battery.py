"""Run the bad-input battery and print a summary.

Run: python tooling/scripts/battery.py
Every case must end in its expected one-line error; a traceback is a bug.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from guidediff.selftest.battery import run_battery

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    seed = ROOT / "corpus" / "raw" / "2022-batch1-final.txt"
    with tempfile.TemporaryDirectory() as tmp:
        outcomes = run_battery(seed, Path(tmp))
    width = max(len(o.case.name) for o in outcomes)
    for o in outcomes:
        status = "ok " if o.ok else ("TRACEBACK" if o.traceback else "UNEXPECTED")
        print(f"{status:10} {o.case.name:{width}}  {o.message.split(': ', 1)[-1] or '(accepted)'}")
        if o.traceback:
            print(o.traceback)
    ok = sum(o.ok for o in outcomes)
    tracebacks = sum(bool(o.traceback) for o in outcomes)
    print(f"\ncases tried: {len(outcomes)}, errors as expected: {ok}, tracebacks: {tracebacks}")
    return 0 if ok == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
