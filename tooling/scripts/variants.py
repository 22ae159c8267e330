"""Typeset the real documents anew, N times, and check that each reads as its source.

Run: python tooling/scripts/variants.py N [--edits] [--start S] [-j JOBS]

Each variant composes random layout choices (punctuation width, digits, marker styles, labels
glued or alone, wrap width, page marks and numbers, running headers, TXT or DOCX…; see
tests.support.variants). Without --edits it must give its source's directions, fields, items
and typed values and no substantive event; with --edits, one real change (a budget, a count, a
contact, a dropped direction) must give exactly its events. Prints every failure with the seed
that reproduces it, then a summary; exits 1 if any variant failed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from guidediff.errors import GuidediffError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the test harness, tests/support, is not part of the package
from tests.support.variants import check_variant, load_source, make_variant  # noqa: E402

DOCS = (ROOT / "corpus" / "raw" / "2022-batch1-final.txt",
        ROOT / "corpus" / "raw" / "2021-batch1-draft.txt")
_SOURCES: dict[int, object] = {}


def one(seed: int, edits: bool, work: str) -> tuple[int, str, str, tuple[str, ...]]:
    k = seed % len(DOCS)
    if k not in _SOURCES:
        _SOURCES[k] = load_source(DOCS[k])
    source = _SOURCES[k]
    v = make_variant(source, seed, edits)  # type: ignore[arg-type]
    path = Path(work) / f"v{seed}{v.suffix}"
    path.write_bytes(v.data)
    try:
        verdict = check_variant(source, v, path)  # type: ignore[arg-type]
        problems = verdict.problems
    except GuidediffError as e:
        problems = (f"error: {e}",)
    finally:
        path.unlink()
    edit = f"; edit {v.edit.kind} {v.edit.direction}" if v.edit else ""
    return seed, DOCS[k].name, v.choices.describe() + edit, problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="how many variants")
    ap.add_argument("--edits", action="store_true", help="apply one real edit to each variant")
    ap.add_argument("--start", type=int, default=0, help="first seed")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="worker processes")
    args = ap.parse_args()
    t0 = time.perf_counter()
    failed = 0
    with tempfile.TemporaryDirectory() as work, ProcessPoolExecutor(args.jobs) as pool:
        seeds = range(args.start, args.start + args.n)
        results = pool.map(one, seeds, [args.edits] * args.n, [work] * args.n, chunksize=8)
        for seed, name, what, problems in results:
            if problems:
                failed += 1
                print(f"FAIL seed {seed} ({name}): {what}")
                for p in problems[:3]:
                    print(f"    {p[:300]}")
    dt = time.perf_counter() - t0
    kind = "variants with an edit" if args.edits else "layout variants"
    print(f"{args.n} {kind} of {len(DOCS)} documents: {args.n - failed} read as their source, "
          f"{failed} failed ({dt:.0f} s, {1000 * dt / max(args.n, 1):.0f} ms each)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
