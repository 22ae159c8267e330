"""Blocking is exact: on generated sets of directions, the candidates that may reach the
threshold hold every pair the full matrix puts above it, and a pair outside the candidates
never scores above OUTSIDE, a bound derived from the score's weights."""

from __future__ import annotations

import random
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from guidediff.compare.candidates import Candidates
from guidediff.compare.features import THRESHOLD, Features, features
from guidediff.compare.score import OUTSIDE, WEIGHTS, Parts, outside_bound, score_value, value
from guidediff.normalize.pipeline import normalize_file

from .conftest import RAW_2021, RAW_2022

PARTNERS = ("日本", "韩国", "德国", "芬兰", "奥地利", "西班牙", "法国")


@cache
def pool() -> tuple[Features, ...]:
    """The real directions' features: what generated sets are made of."""
    return tuple(features(d) for p in (RAW_2021, RAW_2022)
                 for d in normalize_file(p).guideline.directions)


def _reworded(title: str, rng: random.Random) -> str:
    """One character of a long title changed (a rewording close enough to be one agreement)."""
    if len(title) < 25:
        return title
    k = rng.randrange(len(title))
    return title[:k] + "国" + title[k + 1:]


def _variant(f: Features, k: int, rng: random.Random) -> Features:
    """A direction made of a real one: its agreements kept, dropped, reworded or taken from
    another, its partners changed or dropped, its title or areas taken from another."""
    other = rng.choice(pool())
    agreements = list(f.agreements)
    choice = rng.random()
    if choice < 0.2:
        agreements = []
    elif choice < 0.4:
        agreements = [_reworded(a, rng) for a in agreements]
    elif choice < 0.55:
        agreements = list(other.agreements)
    elif choice < 0.65:
        agreements += list(other.agreements)
    partners = set(f.partners)
    choice = rng.random()
    if choice < 0.2:
        partners = set()
    elif choice < 0.45:
        partners = {rng.choice(PARTNERS)}
    elif choice < 0.55:
        partners |= set(other.partners)
    title = other.title if rng.random() < 0.2 else f.title
    areas = other.areas if rng.random() < 0.2 else ("" if rng.random() < 0.1 else f.areas)
    return Features(f"{k // 10 + 1}.{k % 10}", title, tuple(agreements), frozenset(partners),
                    areas, tuple((a, a) for a in agreements))


def _set(seed: int, n: int) -> list[Features]:
    rng = random.Random(seed)
    return [_variant(rng.choice(pool()), k, rng) for k in range(n)]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.integers(2, 40), st.integers(1, 40))
def test_blocked_candidates_are_the_full_matrix_above_the_threshold(seed: int, n: int,
                                                                     m: int) -> None:
    targets, queries = _set(seed, n), _set(seed + 1, m)
    index = Candidates.of(targets)
    for f in queries:
        full = {i for i, t in enumerate(targets) if score_value(t, f) >= THRESHOLD}
        blocked = {i for i in index.query(f, matchable=True)
                   if score_value(targets[i], f) >= THRESHOLD}
        assert blocked == full, (f.id, sorted(full - blocked))
        inside = index.query(f)
        assert all(score_value(f, t) <= OUTSIDE for i, t in enumerate(targets)
                   if i not in inside)


def test_outside_is_derived_from_the_weights() -> None:
    assert OUTSIDE == outside_bound(WEIGHTS) == 0.35
    heavier = {**WEIGHTS, "partner": 0.3}
    assert outside_bound(heavier) != OUTSIDE


@given(st.lists(st.floats(0.05, 1.0), min_size=4, max_size=4),
       st.sampled_from([0.0, None]), st.sampled_from([0.0, None]),
       st.floats(0.0, 1.0), st.none() | st.floats(0.0, 1.0))
def test_no_pair_outside_the_candidates_passes_the_bound(weights: list[float],
                                                         agreements: float | None,
                                                         partner: float | None, title: float,
                                                         areas: float | None) -> None:
    """Any weights: a pair shaped as no candidate is (its agreement part 0 or missing, its
    partner part 0 or missing, not both missing) scores at most the bound, whatever its title
    and areas."""
    if agreements is None and partner is None:
        return
    w = dict(zip(("agreements", "partner", "title", "areas"), weights, strict=True))
    parts = Parts(agreements, (), None, partner, (), title, areas)
    assert value(parts, w) <= outside_bound(w) + 1e-9


def test_the_generated_sets_put_the_blocking_to_the_test() -> None:
    """The sets hold pairs above the threshold, pairs outside the candidates, and candidates
    that cannot pair (matchable prunes them)."""
    above = outside = pruned = 0
    for seed in range(4):
        targets, queries = _set(seed, 30), _set(seed + 1, 30)
        index = Candidates.of(targets)
        for f in queries:
            inside, matchable = index.query(f), index.query(f, matchable=True)
            above += sum(score_value(t, f) >= THRESHOLD for t in targets)
            outside += len(targets) - len(inside)
            pruned += len(inside - matchable)
    assert above > 50 and outside > 1000 and pruned > 50
