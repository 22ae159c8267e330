"""The battery of hostile and unlucky inputs, each run as a user runs it: ``python -m guidediff``
in a fresh process with a time bound. Every case checks its exit code, its one-line reason, no
traceback, no hang, nothing written and its inputs unchanged (``tests.support.battery``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.support.battery import CASES, Case, Result, Seeds, applicable, run_battery

from .conftest import CORPUS, RAW_2021, RAW_2022

SEEDS = Seeds(RAW_2021, RAW_2022, CORPUS)
KINDS = ("special files", "reasons", "values", "containers", "outputs", "batches", "manifests",
         "injection", "report sets", "numbers", "structure", "caches", "concurrency",
         "overrides", "messages")


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """The whole battery, two cases at a time (each in its own process and folder)."""
    done = run_battery(SEEDS, tmp_path_factory.mktemp("battery"), jobs=2)
    return {r.case.name: r for r in done}


def test_the_battery_covers_every_class() -> None:
    assert len(CASES) >= 120
    assert len({c.name for c in CASES}) == len(CASES)
    kinds = Counter(c.kind for c in CASES)
    assert set(kinds) == set(KINDS), kinds
    assert all(kinds[k] >= 2 for k in KINDS), kinds


@pytest.mark.parametrize("case", applicable(), ids=[c.name for c in applicable()])
def test_case(case: Case, results: dict[str, Result]) -> None:
    r = results[case.name]
    if r.impossible:  # reported with its reason (-ra), never passed
        pytest.skip(f"{case.name}: {r.impossible}")
    assert r.ok, f"{case.name}: {'; '.join(r.problems)}\n{r.stderr[-2000:]}"


def test_a_case_that_should_fail_is_caught(tmp_path: Path) -> None:
    """The runner itself: a case that expects the wrong reason is reported, not passed."""
    wrong = Case("empty, wrong reason", "reasons", CASES[10].setup, "is a PNG image")
    assert CASES[10].name == "empty"
    (r,) = run_battery(SEEDS, tmp_path, cases=[wrong])
    assert not r.ok and any("no Error line says" in p for p in r.problems)
