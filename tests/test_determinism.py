"""The same inputs give byte-identical outputs across processes: another hash seed, time zone
and locale change nothing (in process reruns are checked where each format is tested)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

OLD = "corpus/raw/2021-batch1-draft.txt"
NEW = "corpus/raw/2022-batch1-final.txt"
ENVIRONMENTS = (
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    {"PYTHONHASHSEED": "4242", "TZ": "Asia/Shanghai", "LC_ALL": "POSIX", "LANG": "POSIX"},
    {"PYTHONHASHSEED": "random", "TZ": "America/Los_Angeles", "LC_ALL": "C", "LANG": "C",
     "PYTHONUTF8": "1"},
)


def _run(args: list[str], env: dict[str, str], cache: Path) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, **env, "GUIDEDIFF_CACHE": str(cache)}
    r = subprocess.run([sys.executable, "-m", "guidediff", *args], cwd=ROOT, env=full,
                       capture_output=True, timeout=600)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    return r


def test_a_report_set_is_the_same_bytes_in_other_processes(tmp_path: Path) -> None:
    sets = []
    for k, env in enumerate(ENVIRONMENTS):
        out = tmp_path / f"set{k}"
        _run(["report", OLD, NEW, "-o", str(out), "--name", "pair"], env, tmp_path / f"c{k}")
        sets.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert len(sets[0]) >= 8
    for other in sets[1:]:
        assert sorted(other) == sorted(sets[0])
        different = [name for name in sets[0] if other[name] != sets[0][name]]
        assert different == []


def test_normalized_xml_and_the_history_are_the_same_bytes_in_other_processes(
        tmp_path: Path) -> None:
    outs = []
    for k, env in enumerate(ENVIRONMENTS):
        corpus = tmp_path / f"corpus{k}"  # each run its own corpus cache, none in the checkout
        shutil.copytree(ROOT / "corpus", corpus, ignore=shutil.ignore_patterns(".cache"))
        outs.append((_run(["normalize", OLD, "-o", "-"], env, tmp_path / f"n{k}").stdout,
                     _run(["history", "--corpus", str(corpus), "--format", "json"], env,
                          tmp_path / f"h{k}").stdout))
    assert outs[0][0].startswith(b"<?xml") and outs[0][1].startswith(b"{")
    assert all(o == outs[0] for o in outs[1:])
