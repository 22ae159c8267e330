"""XML access lives in one layer: only xmlio/ knows the corpus XML's element and attribute
names, and it writes through lxml (nothing escaped by hand)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "tooling" / "guidediff"
# other formats read or written with lxml: DOCX, HTML pages, SVG charts
OTHER_FORMATS = {"read/docx.py", "read/html.py", "render/docxutil.py", "render/charts.py",
                 "render/docx_tracked.py"}


def corpus_names() -> set[str]:
    rng = (PACKAGE / "schema" / "guideline.rng").read_text(encoding="utf-8")
    return set(re.findall(r'<(?:element|attribute) name="([\w-]+)"', rng))


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "xmlio" not in p.parts)


def _lxml_users() -> set[str]:
    out = set()
    for p in _modules():
        tree = ast.parse(p.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.startswith("lxml") for n in names):
                out.add(p.relative_to(PACKAGE).as_posix())
    return out


def test_only_the_xml_layer_and_other_formats_use_lxml() -> None:
    assert _lxml_users() - OTHER_FORMATS == set()


def element_access(tree: ast.AST, names: set[str]) -> list[str]:
    """Code that reads the corpus XML by its names: ``el.tag == "artifacts"``,
    ``el.get("kind")``, ``root.iterfind("artifacts")``."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) and \
                node.left.attr == "tag":
            consts = [c.value for c in node.comparators if isinstance(c, ast.Constant)]
            if any(c in names for c in consts if isinstance(c, str)):
                out.append(ast.unparse(node))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("find", "findall", "iterfind", "xpath", "iter") and \
                node.args and isinstance(node.args[0], ast.Constant) and \
                isinstance(node.args[0].value, str) and \
                set(re.findall(r"[\w-]+", node.args[0].value)) & names:
            out.append(ast.unparse(node))
    return out


def test_no_module_outside_the_xml_layer_reads_the_xml_by_its_names() -> None:
    names = corpus_names()
    assert {"guideline", "direction", "artifacts", "money", "amount-wan"} <= names
    allowed = {p for p in OTHER_FORMATS}  # (their own formats' names: w:p, svg, body…)
    found = {p.relative_to(PACKAGE).as_posix(): element_access(ast.parse(
        p.read_text(encoding="utf-8")), names) for p in _modules()}
    assert {k: v for k, v in found.items() if v and k not in allowed} == {}


def test_the_check_finds_what_it_looks_for() -> None:
    tree = ast.parse('if el.tag == "artifacts": pass\nx = root.iterfind("artifacts/artifact")\n'
                     'y = s.find("邮")')
    assert len(element_access(tree, corpus_names())) == 2


def test_the_writer_escapes_nothing_by_hand() -> None:
    """Markup is made by lxml: no entity, no tag, spelled out in the writer."""
    text = (PACKAGE / "xmlio" / "write.py").read_text(encoding="utf-8")
    assert not re.search(r"&(?:amp|lt|gt|quot|#\d+);", text)
    tags = "|".join(sorted(corpus_names(), key=len, reverse=True))
    assert not re.search(rf"""["']</?(?:{tags})[\s>/]""", text)
