"""The command line: a thin layer over the library, on top of every stage.

In: the arguments of ``guidediff COMMAND``. Out: files and standard output; a library error is
one ``Error: FILE: reason`` line and exit code 1, bad usage exits 2 (click's convention).

Open ``common.py`` first (errors, warnings, options, ``-o -``), then a command's module.
Commands are loaded on use (click's lazy subcommand pattern): ``guidediff diff`` imports the
comparison and its renderer, not python-docx; each command imports the library inside itself,
so that starting the CLI and listing its commands stays fast.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from ..version import __version__

# command name -> "module:function" (the modules of this package)
COMMANDS: dict[str, str] = {
    "add": "add:add",
    "build": "build:build",
    "check": "check:check",
    "diff": "compare:diff",
    "history": "history:history",
    "memo": "memo:memo",
    "normalize": "normalize:normalize",
    "report": "compare:report",
    "serve": "serve:serve",
    "show": "show:show",
}


class LazyGroup(click.Group):
    """A group whose commands are imported when one is asked for, not when the CLI starts."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module, _, name = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(f"{__name__}.{module}"), name)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, lazy=COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="guidediff")
def cli() -> None:
    """Track how funding-call guidelines (申报指南) change.

    guidediff reads guidelines (text, PDF, DOCX or HTML), normalizes each into per-direction
    XML, lines the directions of two versions up by content, and reports what changed, clause
    by clause, in HTML, Word (tracked changes, 新旧对照表, memo), Markdown, CSV and JSON.

    \b
    Start with:
      guidediff build                  the corpus named by corpus/manifest.toml, all reports
      guidediff add FILE               a new guideline into the corpus (hash computed)
      guidediff history                every programme across the versions of the corpus
      guidediff memo --year 2022       a year's guidelines against the previous year's
      guidediff diff OLD NEW           what changed, in the terminal (or -f json|html|…)
      guidediff report OLD NEW -o DIR  every report of one comparison
      guidediff show FILE              a document's directions with budgets and counts
      guidediff normalize FILE -o DIR  the normalized XML of any guideline
      guidediff check FILE             proofread a draft: its own slips, line by line
    """


def main() -> None:
    # a character the console cannot show (a file name that is not UTF-8, a Chinese character
    # on a console of another code page) is printed escaped, never a crash
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    cli(prog_name="guidediff")
