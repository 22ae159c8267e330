"""Score what guidediff says on the real pair against the independent reading in tests/data/gold.

    python tooling/scripts/score_gold.py [-v] [--swapped]

prints precision and recall of the change events, the memo's statements and the 新旧对照表's rows
(-v: the items no reader's entry backs and the entries nothing says). The suite asserts the same
figures' floor (tests/test_gold.py); the README quotes them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests import gold  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    for s in gold.real_pair_scores():
        print(s.line())
        if args.verbose:
            for w in s.wrong:
                print("   not backed:", w)
            for m in s.missed:
                print("   not said:  ", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
