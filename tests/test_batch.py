"""Batches go on: a bad item, a bug, or a worker process that dies fails its item only."""

from __future__ import annotations

import os

import pytest

from guidediff.corpus.batch import run
from guidediff.errors import InputError


def job(item: str) -> str:
    if item == "bad":
        raise InputError("is bad", item)
    if item == "bug":
        raise KeyError("planted")
    if item == "die":
        os._exit(9)  # a worker killed mid-item (as by the OOM killer or kill -9)
    return item.upper()


@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_items_fail_alone(jobs: int) -> None:
    items = ["a", "bad", "b", "bug", "c"]
    out = list(run(job, items, jobs))
    assert [o.item for o in out] == items
    assert [o.result for o in out] == ["A", None, "B", None, "C"]
    assert out[1].error == "bad: is bad"
    assert out[3].error is not None and out[3].error.startswith("bug: internal error (KeyError")


def test_a_dying_worker_fails_its_item_only() -> None:
    items = ["a", "b", "die", "c", "d", "e"]
    out = list(run(job, items, jobs=2))
    assert [o.result for o in out] == ["A", "B", None, "C", "D", "E"]
    assert out[2].error == "die: the worker process reading it died (killed or out of memory)"
