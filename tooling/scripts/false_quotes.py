"""Count the quotes of the reports that are not their side's words (tests/test_quotes.py's
property), for two documents or, by default, the real pair both ways and N edited variants.

Run: python tooling/scripts/false_quotes.py [OLD NEW] [--variants N] [-v]

Prints, for each comparison, how many quotes are false and in which reports (-v: each of them);
exits 1 if any is.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the test harness is not part of the package
from tests.conftest import RAW  # noqa: E402
from tests.test_quotes import Quote, _source, _variant, false_quotes  # noqa: E402

from guidediff.compare.diff import diff  # noqa: E402
from guidediff.normalize.pipeline import normalize_file, normalize_raw  # noqa: E402
from guidediff.read.ingest import ingest  # noqa: E402


def _report(name: str, found: list[Quote], verbose: bool) -> None:
    where = collections.Counter(" ".join(q.report.split()[:2]) for q in found)
    print(f"{name}: {len(found)} false quotes" + (f" {dict(where)}" if where else ""))
    for q in found if verbose else ():
        print(f"    {q.report} ({q.side}): {q.text[:100]!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("docs", nargs="*", type=Path)
    ap.add_argument("--variants", type=int, default=5)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    total = 0
    if args.docs:
        old, new = args.docs
        found = false_quotes(diff(normalize_file(old).guideline, normalize_file(new).guideline),
                             old, new)
        _report(f"{old} → {new}", found, args.verbose)
        return 1 if found else 0
    for a, b in (("2021", "2022"), ("2022", "2021")):
        found = false_quotes(diff(normalize_file(RAW[a]).guideline,
                                  normalize_file(RAW[b]).guideline), RAW[a], RAW[b])
        _report(f"real pair {a} → {b}", found, args.verbose)
        total += len(found)
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, args.variants + 1):
            year = "2021" if seed % 2 else "2022"
            source = _source(year)
            path = Path(tmp) / f"variant{seed}.txt"
            path.write_bytes(_variant(source, seed))
            found = false_quotes(diff(source.guideline, normalize_raw(ingest(path)).guideline),
                                 RAW[year], path)
            _report(f"{year} variant, seed {seed}", found, args.verbose)
            total += len(found)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
