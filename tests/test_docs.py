"""Every command has a complete --help that says what it reads and writes, and the README's
command list is the CLI's: the same commands, the same options, every format named."""

from __future__ import annotations

import re
from pathlib import Path

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


# ---------------------------------------------------------------- the README's examples


def readme_examples() -> list[tuple[int, list[tuple[int, str, list[str]]]]]:
    """The README's code blocks of ``$ guidediff …`` examples, each block with its line and its
    examples: the line, the command, the output it shows (``…`` stands for what is left out:
    a whole line, or part of one). Scripts (``$ python tooling/…``) print this machine's
    figures and are not run here."""
    text = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    blocks: list[tuple[int, list[tuple[int, str, list[str]]]]] = []
    inside = False
    for k, line in enumerate(text, 1):
        if line.startswith("```"):
            inside = not inside
            if inside:
                blocks.append((k, []))
            continue
        if inside and line.startswith("$ "):
            blocks[-1][1].append((k, line[2:], []))
        elif inside and blocks[-1][1]:
            blocks[-1][1][-1][2].append(line)
    return [(k, [e for e in ex if e[1].startswith("guidediff ")]) for k, ex in blocks
            if any(e[1].startswith("guidediff ") for e in ex)]


def shown_matches(shown: list[str], printed: list[str]) -> str | None:
    """None if ``printed`` is what ``shown`` shows, else the first shown line that is not: each
    line in turn, ``…`` within a line standing for any text and a line of its own for any
    lines."""
    i, skip = 0, False
    for line in shown:
        if line.strip() == "…":
            skip = True
            continue
        pattern = re.compile(".*?".join(re.escape(p) for p in line.rstrip().split("…")))
        while skip and i < len(printed) and not pattern.fullmatch(printed[i].rstrip()):
            i += 1
        if i >= len(printed) or not pattern.fullmatch(printed[i].rstrip()):
            return line
        i, skip = i + 1, False
    return None if skip or i == len(printed) else f"(more lines: {printed[i]!r})"


def _make_inputs(sandbox: Path, home: Path) -> None:
    """The files the examples name that are not in the checkout, made from the real texts:
    the 2022 guideline without its direction 2.6, and a 2023 draft (the 2022 text a year on,
    with a title line) as Word saves it."""
    from docx import Document

    text = (ROOT / "corpus" / "raw" / "2022-batch1-final.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    start = next(k for k, ln in enumerate(lines) if ln.strip().startswith("2.6中国"))
    end = next(k for k, ln in enumerate(lines) if ln.strip().startswith("2.7中国"))
    (sandbox / "us-dropped.txt").write_text("\n".join(lines[:start] + lines[end:]),
                                            encoding="utf-8")
    doc = Document()
    doc.add_paragraph("“政府间国际科技创新合作”重点专项2023年度第一批项目申报指南（征求意见稿）")
    for ln in text.replace("2022", "2023").replace("2021", "2022").split("\n"):
        if ln.strip():
            doc.add_paragraph(ln.strip())
    (home / "Downloads").mkdir(parents=True)
    doc.save(str(home / "Downloads" / "2023年度第一批项目申报指南（征求意见稿）.docx"))


# What an example may leave in the checkout: add puts a document into the corpus, build writes
# the corpus XML and the reports. Any other example writes nothing there.
WRITES = {"add": ("corpus",), "build": ("corpus/xml", "reports")}


def _args(command: str, sandbox: Path, home: Path) -> list[str]:
    """The arguments as a shell gives them: ``~`` expanded, globs matched in the checkout."""
    import glob
    import shlex

    out: list[str] = []
    for a in shlex.split(command)[1:]:
        a = str(home) + a[1:] if a.startswith("~/") else a
        if "*" in a:
            out += [str(Path(p).relative_to(sandbox)) for p in sorted(glob.glob(str(sandbox / a)))]
        else:
            out.append(a)
    return out


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".cache" not in p.parts and p.name != ".guidediff-state.json"}


@pytest.mark.parametrize("block", readme_examples(), ids=lambda b: f"line{b[0]}")
def test_the_readme_shows_what_each_example_prints(tmp_path: Path, block) -> None:  # type: ignore[no-untyped-def]
    """The examples of one README code block, run in turn as a user runs them in a fresh
    copy of the checkout (the inputs they name made by ``_make_inputs``), print what the README
    shows and write nothing into the checkout but what their command is for."""
    import os
    import shutil
    import subprocess
    import sys

    sandbox, home = tmp_path / "checkout", tmp_path / "home"
    for part in ("corpus", "reports"):
        shutil.copytree(ROOT / part, sandbox / part, ignore=shutil.ignore_patterns(".cache"))
    _make_inputs(sandbox, home)
    env = {**os.environ, "HOME": str(home), "GUIDEDIFF_CACHE": str(tmp_path / "cache")}
    for line, command, shown in block[1]:
        before = _files(sandbox)
        r = subprocess.run([sys.executable, "-m", "guidediff", *_args(command, sandbox, home)],
                           cwd=sandbox, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=600)
        printed = r.stdout.decode("utf-8").splitlines()
        wrong = shown_matches(shown, printed)
        assert wrong is None, (f"README line {line}: `{command}` printed\n" + "\n".join(printed)
                               + f"\n\nwhich does not show {wrong!r}")
        allowed = WRITES.get(command.split()[1], ())
        changed = [n for n, data in _files(sandbox).items() if before.get(n) != data]
        assert [n for n in changed if not n.startswith(allowed or ("\0",))] == [], command
