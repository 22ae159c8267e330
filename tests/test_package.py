"""The wheel holds what the code reads: every data file of the package (schemas, templates,
the vocabulary, the message catalogue) is named by setup.cfg's package_data."""

from __future__ import annotations

import configparser
import fnmatch

from .conftest import ROOT

PACKAGE = ROOT / "tooling" / "guidediff"


def test_every_data_file_is_package_data() -> None:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    patterns = [p.strip() for p in cfg["options.package_data"]["guidediff"].splitlines()
                if p.strip()]
    data = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*")
                  if p.is_file() and p.suffix not in (".py", ".pyc")
                  and "__pycache__" not in p.parts)
    assert {"render/messages.toml", "normalize/labels.toml", "schema/guideline.rng"} <= set(data)
    assert [d for d in data if not any(fnmatch.fnmatch(d, p) for p in patterns)] == []
