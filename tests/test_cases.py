"""The file-based cases (``tests/data/<case>/``): what guidediff says about real documents is
what the case's files say, byte for byte. A difference fails with the diff and the command
that regenerates the files (``python tooling/scripts/update_cases.py``), to be reviewed."""

from __future__ import annotations

import difflib

import pytest

from .cases import REAL_PAIR, Case, all_cases, outputs

CASES = all_cases()
FILES = ("changes.json", "summary.txt", "memo.md", "table.txt")


def test_the_cases_are_found() -> None:
    names = {c.name for c in CASES}
    assert REAL_PAIR in names and f"{REAL_PAIR}-swapped" in names and f"{REAL_PAIR}-en" in names
    for c in CASES:
        assert sorted(p.name for p in c.folder.iterdir() if p.name != "case.toml") == \
            sorted(FILES), c.name


@pytest.mark.parametrize("c", CASES, ids=[c.name for c in CASES])
def test_case_outputs_are_as_reviewed(c: Case) -> None:
    now = outputs(c)
    for name in FILES:
        expected = c.expected(name)
        if now[name] != expected:
            delta = "".join(list(difflib.unified_diff(
                expected.splitlines(True), now[name].splitlines(True),
                f"tests/data/{c.name}/{name}", "now"))[:80])
            pytest.fail(f"{c.name}/{name} differs from what guidediff writes now; if the change "
                        f"is meant, run `python tooling/scripts/update_cases.py {c.name}` and "
                        f"review the diff:\n{delta}")
