"""File-based cases: what guidediff says about real documents, kept as files and reviewed in
the diff like code.

Each folder ``tests/data/<case>/`` holds a ``case.toml`` naming its two inputs (paths relative
to the checkout, or files of the folder itself) and the language, and the expected outputs:

- ``changes.json``: the change log (the contract ``guidediff.changes/1``);
- ``summary.txt``: the terminal summary of ``guidediff diff``;
- ``memo.md``: the change memo;
- ``table.txt``: the 新旧对照表, a line a row (heading, or 原文 | 修改后 | 说明), with what it
  strikes out as ``[-…-]`` and underlines as ``{+…+}``.

``tests/test_cases.py`` compares them with what guidediff writes now; after a change that means
to alter them, regenerate them with ``python tooling/scripts/update_cases.py`` and review the
diff. The other tests state properties and take the real pair's figures from here.
"""

from __future__ import annotations

import contextlib
import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
REAL_PAIR = "real-pair"  # the 2021 draft against the 2022 final


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    old: str  # as given to the tool: relative to the checkout
    new: str
    lang: str = "zh"
    description: str = ""

    def expected(self, name: str) -> str:
        return (self.folder / name).read_text(encoding="utf-8")

    def changes(self) -> dict[str, Any]:
        """The expected change log, parsed."""
        data: dict[str, Any] = json.loads(self.expected("changes.json"))
        return data


def all_cases() -> list[Case]:
    return [load_case(p.parent) for p in sorted(DATA.glob("*/case.toml"))]


def load_case(folder: Path) -> Case:
    spec = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))

    def where(key: str) -> str:
        p = spec[key]
        return str((folder / p).relative_to(ROOT)) if (folder / p).is_file() else p

    return Case(folder.name, folder, where("old"), where("new"), spec.get("lang", "zh"),
                spec.get("description", ""))


def case(name: str) -> Case:
    return load_case(DATA / name)


GOLD = DATA / "gold" / "2021-b1-draft__2022-b1-final.gold.json"


@cache
def gold() -> dict[str, Any]:
    """The independent reading of the real pair (written before looking at any output): its
    alignment and every substantive change a ministry reader would list."""
    data: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


def gold_pairs() -> set[tuple[str | None, str | None]]:
    """The real pair's directions as the reader aligned them: (old, new), None where absent."""
    return {(r["old"], r["new"]) for r in gold()["alignment"]}


def alignment_counts(c: Case) -> dict[str, int]:
    """Matched, added and dropped directions of a case, as its expected change log says."""
    out = {"matched": 0, "added": 0, "dropped": 0}
    for row in c.changes()["alignment"]:
        out[row["status"]] += 1
    return out


# ---------------------------------------------------------------- what guidediff says now


def _table_text(log: Any, opts: Any) -> bytes:
    from guidediff.render.table import table_rows

    def side(s: Any, mark: int) -> str:
        """A side's text with what the DOCX strikes out as [-…-] and underlines as {+…+}."""
        if s is None:
            return ""
        ops = s.ops or (((mark, s.text),) if s.marked else ((0, s.text),))
        return "".join(t if op == 0 else f"[-{t}-]" if op < 0 else f"{{+{t}+}}"
                       for op, t in ops if op in (0, mark))

    lines = []
    for r in table_rows(log, opts):
        if r.kind == "heading":
            lines.append(f"## {r.heading}")
        else:
            lines.append(" | ".join((side(r.old, -1), side(r.new, 1), r.note)))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _renderers() -> dict[str, Callable[[Any, Any], bytes]]:
    from guidediff.render import FORMATS

    return {"changes.json": FORMATS["json"], "summary.txt": FORMATS["text"],
            "memo.md": FORMATS["memo.md"], "table.txt": _table_text}


@cache
def _log(old: str, new: str) -> Any:
    from guidediff.compare.diff import diff
    from guidediff.normalize.pipeline import normalize_file

    with contextlib.chdir(ROOT):  # paths as a user in the checkout gives them
        return diff(normalize_file(old).guideline, normalize_file(new).guideline)


def real_log(c: Case) -> Any:
    """The change log of a case's pair, as guidediff computes it now."""
    return _log(c.old, c.new)


def outputs(c: Case) -> dict[str, str]:
    """Every expected file of a case, as guidediff writes it now."""
    from guidediff.render import RenderOptions

    log = _log(c.old, c.new)
    opts = RenderOptions(lang=c.lang)
    return {name: fn(log, opts).decode("utf-8") for name, fn in _renderers().items()}
