"""The tree is the map: one package per stage, imports that only run down the pipeline, no
import circle, a public API importable from ``guidediff`` itself, and a README that shows the
tree as it is."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

import guidediff

from .conftest import ROOT

PACKAGE = ROOT / "tooling" / "guidediff"

# Lower stages first. A module may import its own stage and any stage below it, never above.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("guidediff.errors", "guidediff.model", "guidediff.text", "guidediff.files",
              "guidediff.targets",
              "guidediff.version", "guidediff.xmlio")),
    ("read", ("guidediff.read",)),
    ("normalize", ("guidediff.normalize",)),
    ("compare", ("guidediff.compare",)),
    ("proofread", ("guidediff.proofread",)),
    ("render", ("guidediff.render",)),
    ("corpus", ("guidediff.corpus",)),
    ("top", ("guidediff.cli", "guidediff.serve", "guidediff")),
)


def stage_of(module: str) -> int:
    best, rank = -1, -1
    for k, (_, prefixes) in enumerate(STAGES):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > best:
                best, rank = len(p), k
    assert rank >= 0, f"{module} belongs to no stage: add it to STAGES"
    return rank


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """Every guidediff module ``name`` imports, at module level or inside a function."""
    known = set(known)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("guidediff"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("guidediff"):
                continue
            for a in node.names:
                sub = f"{target}.{a.name}"
                out.add(sub if sub in known else target)
    return {m for m in out if m != name}


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {m: imports_of(m, p, mods) for m, p in mods.items()}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(g.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def upward(g: dict[str, set[str]]) -> list[str]:
    return sorted(f"{a} → {b}" for a, deps in g.items() for b in deps
                  if stage_of(b) > stage_of(a))


def test_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_no_import_runs_up_the_pipeline() -> None:
    assert upward(graph()) == []


def test_read_and_normalize_never_import_later_stages() -> None:
    g = graph()
    later = ("guidediff.compare", "guidediff.render", "guidediff.corpus")
    bad = [f"{a} → {b}" for a, deps in g.items() for b in deps
           if a.startswith(("guidediff.read", "guidediff.normalize")) and b.startswith(later)]
    assert bad == []


def test_readers_do_not_import_the_dispatcher_or_each_other() -> None:
    g = graph()
    readers = {"guidediff.read.text", "guidediff.read.pdf", "guidediff.read.docx",
               "guidediff.read.html"}
    for r in readers:
        assert not g[r] & (readers | {"guidediff.read.ingest"}), r


def test_the_checks_catch_what_they_look_for() -> None:
    """The walker sees function-level imports, and the checks fire on a circle and on an import
    running up: fed the old layout's circle, they fail."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert upward({"guidediff.read.pdf": {"guidediff.compare.diff"}}) == [
        "guidediff.read.pdf → guidediff.compare.diff"]
    deps = imports_of("guidediff.read.ingest", PACKAGE / "read" / "ingest.py", modules())
    assert "guidediff.read.pdf" in deps  # imported inside a function


def test_every_stage_package_says_what_enters_leaves_and_where_to_start() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "In:" in doc and "Out:" in doc, init
        first = re.search(r"Open ``([\w/]+\.py)`` first", doc)
        assert first, f"{init}: name the module to open first"
        assert (init.parent / first.group(1)).exists(), f"{init}: {first.group(1)} is missing"


def test_public_api() -> None:
    for name in guidediff.__all__:
        assert getattr(guidediff, name) is not None, name
    assert sorted(guidediff.__all__) == sorted(["__version__", *guidediff._API])
    with pytest.raises(AttributeError):
        guidediff.no_such_thing  # noqa: B018


def test_readme_layout_matches_the_tree() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^tooling/guidediff/(\w+)/", section, re.M))
    actual = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert listed == actual
