"""Accessibility checks in a real browser: axe-core (npm ``axe-core``, installed by .ci/run
into build/node, or named by $GUIDEDIFF_AXE) run inside a page that Playwright drives."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "build" / "node" / "node_modules" / "axe-core" / "axe.min.js"

_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ["violations"]});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


def axe_path() -> Path | None:
    path = Path(os.environ.get("GUIDEDIFF_AXE", AXE))
    return path if path.is_file() else None


def violations(page: Any, source: str) -> list[dict[str, Any]]:
    """What axe-core finds wrong with the page as it is now (its own policy is kept: the
    script is evaluated by the browser's debugger, which a Content-Security-Policy allows)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    found: list[dict[str, Any]] = page.evaluate(_RUN)
    return found
