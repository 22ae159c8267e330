"""Every command has complete --help and is documented in the README."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from guidediff.cli import cli

from .conftest import ROOT

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_help(name: str) -> None:
    r = CliRunner().invoke(cli, [name, "--help"])
    assert r.exit_code == 0
    cmd = cli.commands[name]
    assert cmd.help and len(cmd.help) > 40
    for p in cmd.params:
        if isinstance(p, click.Option):
            assert p.help, f"{name} {p.opts} has no help"


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_documents_command(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"guidediff {name}" in readme
