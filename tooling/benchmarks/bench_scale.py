"""How guidediff scales: documents of 17 × {1, 4, 16, 64, 256} directions (copies of the 2022
directions, made distinct, each against an edited counterpart), a 50 MB text, and every report
format on the real pair and on 17 × {1, 4, 16, 64}.

Run: python tooling/benchmarks/bench_scale.py [--copies 1 4 16 64 256] [--no-big] [--no-reports]
Normalize and diff are whole processes (`guidediff normalize --check`, `guidediff diff -f json`),
each with its peak resident memory; each ×4 step prints its time ratio (n·log n growth is 4.0
to 4.8 per step: at most that is the goal). Prints figures only.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the test harness, tests/support, is not part of the package
from tests.support.scale import scaled  # noqa: E402

RAW = ROOT / "corpus" / "raw"
OLD, NEW = RAW / "2021-batch1-draft.txt", RAW / "2022-batch1-final.txt"
GUIDEDIFF = shutil.which("guidediff")
CLI = [GUIDEDIFF] if GUIDEDIFF else [sys.executable, "-m", "guidediff"]

_MEASURED = """
import resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, code)
"""


def measured(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak MiB of one whole process."""
    out = subprocess.run([sys.executable, "-c", _MEASURED, *cmd], capture_output=True,
                         text=True, check=True).stdout.split()
    if out[2] != "0":
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return float(out[0]), float(out[1])


def scale(copies: list[int], tmp: Path) -> None:
    print(f"{'dirs':>6} {'KB':>7} {'normalize s':>11} {'×':>5} {'MiB':>6} {'diff s':>7} "
          f"{'×':>5} {'MiB':>6}")
    prev: tuple[float, float] | None = None
    for c in copies:
        a, b = tmp / f"a{c}.txt", tmp / f"b{c}.txt"
        a.write_text(scaled(OLD, NEW, c), encoding="utf-8")
        b.write_text(scaled(OLD, NEW, c, edited=True), encoding="utf-8")
        n_s, n_m = measured([*CLI, "normalize", "--check", str(a)])
        d_s, d_m = measured([*CLI, "diff", str(a), str(b), "-f", "json", "-o",
                             str(tmp / f"log{c}.json")])
        ratio = (f"{n_s / prev[0]:5.1f}", f"{d_s / prev[1]:5.1f}") if prev else ("", "")
        print(f"{17 * c:>6} {a.stat().st_size / 1024:7.0f} {n_s:11.2f} {ratio[0]:>5} "
              f"{n_m:6.0f} {d_s:7.2f} {ratio[1]:>5} {d_m:6.0f}", flush=True)
        prev = (n_s, d_s)


def big(tmp: Path, megabytes: int = 50) -> None:
    base = measured([sys.executable, "-c", "import guidediff.cli, guidediff.normalize.pipeline"])
    # The size is linear in the padding: solve for the padding that gives `megabytes`.
    one, two = (len(scaled(OLD, NEW, 256, padding=p).encode()) for p in (1, 2))
    padding = max(1, round((megabytes * 2**20 - one) / (two - one)) + 1)
    path = tmp / "big.txt"
    path.write_text(scaled(OLD, NEW, 256, padding=padding), encoding="utf-8")
    size = path.stat().st_size / 2**20
    secs, mib = measured([*CLI, "normalize", "--check", "--max-bytes", str(2**30), str(path)])
    print(f"\n{size:.0f} MB text ({256 * 17} directions, requirements ×{padding}): normalized in "
          f"{secs:.1f} s, peak {mib:.0f} MiB = {(mib - base[1]) / size:.1f}× its size above the "
          f"interpreter's {base[1]:.0f} MiB")


def reports(tmp: Path) -> None:
    from guidediff import FORMATS, RenderOptions, diff, normalize_file
    from guidediff.read.ingest import ingest_text

    def per_format(log: object) -> dict[str, float]:
        out = {}
        for name, fn in FORMATS.items():
            fn(log, RenderOptions())  # warm (templates, imports)
            t = time.perf_counter()
            fn(log, RenderOptions())
            out[name] = time.perf_counter() - t
        return out

    real = diff(normalize_file(OLD).guideline, normalize_file(NEW).guideline)
    times = {"real pair": per_format(real)}
    for c in (1, 4, 16, 64):
        a = ingest_text(scaled(OLD, NEW, c), "a.txt")
        b = ingest_text(scaled(OLD, NEW, c, edited=True), "b.txt")
        from guidediff.normalize.pipeline import normalize_raw

        log = diff(normalize_raw(a).guideline, normalize_raw(b).guideline)
        times[f"17×{c}"] = per_format(log)
    names = list(FORMATS)
    print("\nreports, ms per format (rendering only; the models are built):")
    print(f"{'':10}" + "".join(f"{n:>9}" for n in names))
    for row, t in times.items():
        print(f"{row:10}" + "".join(f"{1000 * t[n]:9.1f}" for n in names))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, nargs="*", default=[1, 4, 16, 64, 256])
    ap.add_argument("--no-big", action="store_true", help="skip the 50 MB text")
    ap.add_argument("--no-reports", action="store_true", help="skip the report timings")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scale(a.copies, Path(tmp))
        if not a.no_big:
            big(Path(tmp))
        if not a.no_reports:
            reports(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
