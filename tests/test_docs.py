"""Every command has a complete --help that says what it reads and writes, and the README's
command list is the CLI's: the same commands, the same options, every format named."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from guidediff.cli import cli
from guidediff.render import FORMATS, REPORT_FILES

from .conftest import ROOT

CTX = click.Context(cli)
COMMANDS = cli.list_commands(CTX)
README = re.sub(r"^```.*?^```", "", (ROOT / "README.md").read_text(encoding="utf-8"),
                flags=re.M | re.S)  # examples of output are not sections


def _command(name: str) -> click.Command:
    cmd = cli.get_command(CTX, name)
    assert cmd is not None, name
    return cmd


def _readme_section(name: str) -> str:
    m = re.search(rf"^### guidediff {name}\n(.*?)(?=^### |^## )", README, re.M | re.S)
    assert m, f"README has no section ### guidediff {name}"
    return m.group(1)


def test_the_readme_lists_exactly_the_commands() -> None:
    listed = set(re.findall(r"^### guidediff (\w+)", README, re.M))
    assert len(COMMANDS) >= 5
    assert listed == set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_says_what_the_command_reads_and_writes(name: str) -> None:
    r = CliRunner().invoke(cli, [name, "--help"])
    assert r.exit_code == 0, r.output
    cmd = _command(name)
    assert cmd.help and len(cmd.help) > 120
    assert re.search(r"\bReads\b", cmd.help), f"{name}: say what it reads"
    assert re.search(r"\b(Writes|Prints|prints|writes)\b", cmd.help), f"{name}: say what it writes"
    for p in cmd.params:
        if isinstance(p, click.Option):
            assert p.help, f"{name} {p.opts} has no help"


@pytest.mark.parametrize("name", COMMANDS)
def test_the_readme_signature_matches_the_options(name: str) -> None:
    section = _readme_section(name)
    signature = re.search(rf"`guidediff {name}([^`]*)`", section)
    assert signature, f"README section of {name} gives no signature"
    r = CliRunner().invoke(cli, [name, "--help"])
    for option in set(re.findall(r"(--[a-z][a-z-]+|(?<=[\[ ])-[a-zA-Z])\b", signature.group(1))):
        assert option in r.output, f"{name}: README names {option}, --help does not"
    def named(opt: str) -> bool:
        return re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", signature.group(1)) is not None

    missing = [p.opts for p in _command(name).params if isinstance(p, click.Option)
               and not any(named(o) for o in p.opts)]
    assert not missing, f"{name}: options not in the README signature: {missing}"


def test_every_format_is_named_in_the_help() -> None:
    diff_help = CliRunner().invoke(cli, ["diff", "--help"]).output
    for fmt in FORMATS:
        assert fmt in diff_help, fmt
    report_help = " ".join(CliRunner().invoke(cli, ["report", "--help"]).output.split())
    for fmt, files in REPORT_FILES.items():
        assert fmt in report_help
        for suffix, _ in files:
            assert suffix in report_help, suffix
    build_help = " ".join(CliRunner().invoke(cli, ["build", "--help"]).output.split())
    for files in REPORT_FILES.values():
        for suffix, _ in files:
            assert "." + suffix.split(".", 1)[1] in build_help, suffix
    normalize_help = CliRunner().invoke(cli, ["normalize", "--help"]).output
    for what in ("PDF", "DOCX", "HTML"):
        assert what in normalize_help
