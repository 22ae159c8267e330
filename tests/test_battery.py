"""The bad-input battery: each case ends in its exact error, exit code 1 and no output file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from guidediff.cli import cli
from guidediff.selftest.battery import CASES, Case, run_case

from .conftest import RAW_2022


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_gives_its_error(case: Case, tmp_path: Path) -> None:
    outcome = run_case(case, RAW_2022, tmp_path)
    assert outcome.traceback == ""
    assert outcome.ok, outcome.message


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli_exit_code_and_nothing_written(case: Case, tmp_path: Path) -> None:
    bad = case.make(RAW_2022, tmp_path)
    before = bad.read_bytes()
    out = tmp_path / "out"
    args = ["normalize", str(bad), "-o", str(out)]
    if case.max_bytes:
        args += ["--max-bytes", str(case.max_bytes)]
    if bad.suffix == ".xml":
        args = ["show", str(bad)]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 1, r.output
    assert r.output.startswith("Error: ") and r.output.count("\n") == 1, r.output
    assert "Traceback" not in r.output
    assert not out.exists() or list(out.iterdir()) == []
    assert bad.read_bytes() == before  # inputs are never modified
