"""Fuzz the pipeline: N random mutations of the real documents, in crafted containers.

Run: python tooling/scripts/fuzz.py N [-j JOBS] [--seed S] [--bound SECONDS] [--keep DIR]
Each input must end in a result or a clear error within the bound: no crash, no hang, no lost
character, no difference between a document and its XML. Failing inputs are written to --keep
with their plan, so that each can be replayed with ``guidediff normalize --check FILE``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the test harness, tests/support, is not part of the package
from tests.support.fuzz import Plan, Verdict, build, random_plan, run_plan  # noqa: E402

SEEDS = [(ROOT / "corpus" / "raw" / n).read_text(encoding="utf-8")
         for n in ("2021-batch1-draft.txt", "2022-batch1-final.txt")]


def _one(args: tuple[Plan, float]) -> tuple[Plan, Verdict]:
    plan, bound = args
    return plan, run_plan(plan, SEEDS, bound)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="how many inputs")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1, help="the random seed of the plans")
    ap.add_argument("--bound", type=float, default=10.0, help="seconds per input")
    ap.add_argument("--keep", type=Path, default=Path("build/fuzz"),
                    help="where failing inputs are written")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    plans = [random_plan(rng, len(SEEDS)) for _ in range(a.n)]
    start = time.perf_counter()
    kinds: Counter[str] = Counter()
    slowest = 0.0
    failures: list[tuple[Plan, Verdict]] = []
    ctx = multiprocessing.get_context("spawn" if sys.platform == "win32" else "fork")
    with ctx.Pool(a.jobs, maxtasksperchild=200) as pool:
        for k, (plan, v) in enumerate(pool.imap(_one, [(p, a.bound) for p in plans],
                                                chunksize=4), 1):
            kinds[v.kind] += 1
            slowest = max(slowest, v.seconds)
            if v.failed:
                failures.append((plan, v))
                print(f"FAIL {v.kind}: {plan}\n  {v.detail.strip().splitlines()[-1][:300]}",
                      flush=True)
            if k % 500 == 0 or k == a.n:
                print(f"[{k}/{a.n}] " + ", ".join(f"{n} {c}" for n, c in sorted(kinds.items()))
                      + f" ({time.perf_counter() - start:.0f} s)", file=sys.stderr, flush=True)
    if failures:
        a.keep.mkdir(parents=True, exist_ok=True)
        for i, (plan, v) in enumerate(failures):
            suffix, data = build(plan, SEEDS)
            (a.keep / f"fail{i:04d}{suffix}").write_bytes(data)
            (a.keep / f"fail{i:04d}.plan.txt").write_text(f"{plan}\n{v.kind}\n{v.detail}\n",
                                                          encoding="utf-8")
    elapsed = time.perf_counter() - start
    print(f"{a.n} fuzzed inputs (seed {a.seed}): {kinds['ok']} read, {kinds['refused']} refused "
          f"with a clear error; crashes {kinds['crash']}, hangs {kinds['hang']}, lost "
          f"{kinds['lost']}, self-diff {kinds['self-diff']} ({elapsed:.0f} s, slowest input "
          f"{slowest:.1f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
