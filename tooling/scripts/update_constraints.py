"""Regenerate ``.ci/constraints.txt``: the exact releases CI lints and type-checks with.

CI runs ruff and mypy in a virtualenv of their own installed from this file, so that a new
release of ruff, mypy or of a library whose types mypy reads cannot turn CI red by itself; the
tests run on the newest releases of the runtime dependencies (``.ci/run`` upgrades them), so a
breaking release still shows, as a failing test. Run this to move the pins forward, then review
the diff and run ``.ci/run``::

    python tooling/scripts/update_constraints.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / ".ci" / "constraints.txt"
HEADER = """\
# The releases CI lints and type-checks with (.ci/run installs '.[dev]' with these in a
# virtualenv of its own). Regenerate: python tooling/scripts/update_constraints.py
"""


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        venv.create(tmp, with_pip=True)
        python = str(Path(tmp) / ("Scripts" if sys.platform == "win32" else "bin") / "python")
        subprocess.run([python, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"],
                       check=True)
        frozen = subprocess.run([python, "-m", "pip", "freeze", "--exclude-editable"],
                                check=True, capture_output=True, text=True).stdout
    pins = sorted((ln for ln in frozen.splitlines() if "==" in ln), key=str.lower)
    TARGET.write_text(HEADER + "\n".join(pins) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(pins)} pins")
    return 0


if __name__ == "__main__":
    sys.exit(main())
