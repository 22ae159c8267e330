"""Runs at the same time: adds into one corpus never lose an entry (the manifest is locked from
reading it to writing it), and what each add writes is whole."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from .conftest import CORPUS, RAW_2021, RAW_2022


def test_six_adds_at_once_lose_nothing(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "raw").mkdir(parents=True)
    for p in (RAW_2021, RAW_2022):
        (root / "raw" / p.name).write_bytes(p.read_bytes())
    (root / "manifest.toml").write_bytes((CORPUS / "manifest.toml").read_bytes())
    text = RAW_2022.read_text(encoding="utf-8")
    years = range(2031, 2037)
    sources = []
    for y in years:
        src = tmp_path / f"v{y}.txt"
        src.write_text(text.replace("2022年度", f"{y}年度"), encoding="utf-8")
        sources.append(src)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    procs = [subprocess.Popen([sys.executable, "-m", "guidediff", "add", str(s), "--corpus",
                               str(root)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for s in sources]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0] * len(procs), outs
    manifest = tomllib.loads((root / "manifest.toml").read_text(encoding="utf-8"))
    ids = [d["id"] for d in manifest["document"]]
    assert ids[:2] == ["2021-b1-draft", "2022-b1-final"]
    assert sorted(ids[2:]) == [f"{y}-b1-final" for y in years]
    assert sorted(p.name for p in (root / "raw").iterdir()) == sorted(
        [RAW_2021.name, RAW_2022.name] + [f"{y}-b1-final.txt" for y in years])
    build = subprocess.run([sys.executable, "-m", "guidediff", "build", "--corpus", str(root),
                            "--reports", str(tmp_path / "reports")], capture_output=True,
                           text=True, env=env, check=False)
    assert build.returncode == 0, build.stderr[-2000:]
