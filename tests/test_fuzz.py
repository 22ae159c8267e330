"""The fuzzer in the suite: hypothesis draws mutation plans of the real documents (structure,
bytes, encodings, huge values, control characters, crafted DOCX, PDF and HTML containers) and
each input must end in a result or a clear error within its time bound, keep every character,
and read the same from its XML (``tests.support.fuzz``). A few hundred examples here;
``python tooling/scripts/fuzz.py 10000`` runs the long version."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.fuzz import (
    BYTE_OPS,
    CONTAINERS,
    TEXT_OPS,
    Plan,
    Verdict,
    build,
    check,
    run_plan,
)
from tests.support.hostile import docx_of_text

from .conftest import RAW_2021, RAW_2022

SEEDS = [RAW_2021.read_text(encoding="utf-8"), RAW_2022.read_text(encoding="utf-8")]
PARAM = st.integers(min_value=0, max_value=2**32 - 1)


def ops(names: dict[str, object], most: int) -> st.SearchStrategy[tuple[tuple[str, int], ...]]:
    return st.lists(st.tuples(st.sampled_from(sorted(names)), PARAM), max_size=most).map(tuple)


plans = st.builds(Plan, doc=st.integers(0, len(SEEDS) - 1), text_ops=ops(TEXT_OPS, 4),
                  container=st.tuples(st.sampled_from(sorted(CONTAINERS)), PARAM),
                  byte_ops=st.one_of(st.just(()), ops(BYTE_OPS, 2)))


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plan=plans)
def test_fuzzed_inputs_end_in_a_result_or_a_clear_error(plan: Plan) -> None:
    verdict = run_plan(plan, SEEDS, bound=60.0)  # a hang guard: the slowest input takes ~1.5 s
    assert not verdict.failed, f"{verdict.kind} on {plan}:\n{verdict.detail}"


def test_every_container_and_operation_is_drawn() -> None:
    """The strategy of the fuzz test reaches every operation and container (drawn as the test
    draws, seeded), and a plan of each builds real bytes."""
    seen: set[str] = set()

    @settings(max_examples=300, deadline=None, derandomize=True, database=None)
    @given(plan=plans)
    def draw(plan: Plan) -> None:
        seen.update(name for name, _ in plan.text_ops)
        seen.update(name for name, _ in plan.byte_ops)
        seen.add(plan.container[0])

    draw()
    missing = (set(TEXT_OPS) | set(CONTAINERS) | set(BYTE_OPS)) - seen
    assert not missing, f"the strategy never draws {sorted(missing)}"
    for name in TEXT_OPS:
        assert build(Plan(1, ((name, 7),), ("utf-8", 0)), SEEDS)[1]
    for name in CONTAINERS:
        suffix, data = build(Plan(1, (), (name, 7)), SEEDS)
        assert data and suffix in (".txt", ".docx", ".html", ".pdf")
    for name in BYTE_OPS:
        assert build(Plan(1, (), ("docx", 0), ((name, 7),)), SEEDS)[1] is not None


def test_the_unmutated_documents_read_in_every_readable_container() -> None:
    for name in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "docx",
                 "html"):
        for doc in range(len(SEEDS)):
            v = run_plan(Plan(doc, (), (name, 0)), SEEDS)
            assert v.kind == "ok", (name, doc, v)


def test_the_checker_catches_what_it_must(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clear refusal passes; a crash and a hang (planted in the pipeline) fail."""
    import time

    from guidediff.normalize import pipeline

    assert check(b"", "empty.txt").kind == "refused"
    assert not check(b"", "empty.txt").failed
    assert check(docx_of_text(SEEDS[1]), "ok.docx").kind == "ok"
    data = SEEDS[1].encode()
    monkeypatch.setattr(pipeline, "normalize_raw", lambda raw: [][1])
    crash = check(data, "crash.txt")
    assert crash.kind == "crash" and "IndexError" in crash.detail
    monkeypatch.setattr(pipeline, "normalize_raw", lambda raw: time.sleep(5))
    assert check(data, "slow.txt", bound=0.3).kind == "hang"
    assert Verdict("lost").failed and Verdict("self-diff").failed
