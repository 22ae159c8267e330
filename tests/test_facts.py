"""A direction's facts are computed once and carried: a comparison derives each fact of each
direction exactly once, and nothing is remembered at module level (a cache, where it helps,
is an object passed in)."""

from __future__ import annotations

import ast
from collections import Counter

import pytest

from guidediff.compare import facts as compare_facts
from guidediff.compare.diff import diff
from guidediff.compare.facts import DocumentFacts
from guidediff.compare.measures import Measures
from guidediff.render.jsonlog import render_json
from guidediff.render.options import RenderOptions

from .conftest import ROOT

DERIVED = ("title_text", "budget", "projects", "located_durations",
           "located_contacts", "located_links")


def test_a_comparison_derives_each_fact_once(norm2021, norm2022, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: Counter[str] = Counter()
    derive = compare_facts.derive
    for name in DERIVED:
        fn = getattr(derive, name)

        def counted(d, _fn=fn, _name=name):  # type: ignore[no-untyped-def]
            calls[_name] += 1
            return _fn(d)

        monkeypatch.setattr(derive, name, counted)
    old, new = norm2021.guideline, norm2022.guideline
    diff(old, new)
    n = len(old.directions) + len(new.directions)
    assert calls == {name: n for name in DERIVED}


def test_facts_given_are_facts_used(norm2021, norm2022, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Facts derived before (a build worker keeps each version's) are not derived again."""
    fo, fn = DocumentFacts.of(norm2021.guideline), DocumentFacts.of(norm2022.guideline)
    expected = diff(norm2021.guideline, norm2022.guideline).changes
    monkeypatch.setattr(compare_facts.DirectionFacts, "of", classmethod(
        lambda cls, d: pytest.fail(f"{d.id} derived again")))
    assert diff(fo, fn).changes == expected


def test_shared_measures_change_nothing_but_the_cost(norm2021, norm2022) -> None:  # type: ignore[no-untyped-def]
    """A run of comparisons passing one Measures to all gives each the bytes it gives alone,
    in both directions; a Measures that forgets (a tiny limit) too."""
    old, new = norm2021.guideline, norm2022.guideline
    alone = [render_json(diff(a, b), RenderOptions()) for a, b in ((old, new), (new, old))]
    for measures in (Measures(), Measures(limit=3)):
        shared = [render_json(diff(a, b, measures), RenderOptions())
                  for a, b in ((old, new), (new, old), (old, new))]
        assert shared == [*alone, alone[0]]


def _module_memos(path) -> list[str]:  # type: ignore[no-untyped-def]
    """Module-level memos: functools caches, and empty dicts or lists bound at module level."""
    out = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for dec in node.decorator_list:
                name = ast.unparse(dec)
                if "cache" in name and "cached_property" not in name:
                    out.append(f"{path.name}: @{name} {node.name}")
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.Dict | ast.List) and not (value.keys if isinstance(
                value, ast.Dict) else value.elts):
            out.append(f"{path.name}: {ast.unparse(node)}")
    return out


def test_no_module_level_memo_in_the_comparison() -> None:
    package = ROOT / "tooling" / "guidediff"
    paths = [*sorted((package / "compare").glob("*.py")), package / "corpus" / "build.py",
             package / "normalize" / "partners.py", package / "render" / "history.py"]
    assert [m for p in paths for m in _module_memos(p)] == []


def test_the_memo_check_finds_what_it_looks_for(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "m.py"
    p.write_text("from functools import lru_cache\n_SEEN: dict[str, int] = {}\n"
                 "@lru_cache(maxsize=8)\ndef f(x): return x\n", encoding="utf-8")
    assert len(_module_memos(p)) == 2
