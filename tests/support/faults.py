"""The makers of the battery's second part (issue #25): outputs onto what is not a regular file
or onto a file the run read, report sets that cannot be placed, numbers printed with invisible
or odd characters, structures a reader might take twice, damaged caches, runs at the same time,
contradicting overrides, and messages that must say the true reason.

Each maker returns ``setup(seeds, work) -> Run`` (and, where the user must see more than an exit
code, a ``check(work, stderr) -> problem``), as ``battery`` runs them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import structures as st
from .runs import CannotMake, Run, Seeds, put

Setup = Callable[[Seeds, Path], Run]
Check = Callable[[Path, str], "str | None"]

TEXT_2022 = "2022-batch1-final.txt"


def _guidediff(*args: str, cwd: Path, env: dict[str, str] | None = None,
               timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """guidediff run as a user runs it (to prepare a case: a first build, a cache to damage)."""
    full = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "guidediff", *args], cwd=cwd, env=full,
                          capture_output=True, timeout=timeout, check=False)


def _corpus_copy(seeds: Seeds, work: Path) -> Path:
    root = work / "corpus"
    (root / "raw").mkdir(parents=True)
    for p in (seeds.old, seeds.new):
        shutil.copy(p, root / "raw" / p.name)
    shutil.copy(seeds.corpus / "manifest.toml", root / "manifest.toml")
    return root


def _both(*checks: Check) -> Check:
    def check(work: Path, stderr: str) -> str | None:
        return next((p for p in (c(work, stderr) for c in checks) if p), None)
    return check


def _mknod(path: Path, kind: int, major: int, minor: int) -> None:
    """A device node of our own (never the system's /dev/null): root only."""
    if not hasattr(os, "mknod") or os.geteuid() != 0:
        raise CannotMake("a device node needs root")
    try:
        os.mknod(path, 0o666 | kind, os.makedev(major, minor))
    except OSError as e:
        raise CannotMake(f"mknod is not allowed here ({e.strerror})") from None


def _diff_json(seeds: Seeds, out: Path) -> list[str]:
    return ["diff", str(seeds.old), str(seeds.new), "-f", "json", "-o", str(out)]


# ---------------------------------------------------------------- 1. outputs not regular


def still_in(name: str, test: Callable[[int], bool], what: str, link: bool = False) -> Check:
    """The file ``work/name`` is still what it was."""
    def check(work: Path, stderr: str) -> str | None:
        p = work / name
        try:
            mode = os.lstat(p).st_mode if link else os.stat(p).st_mode
        except OSError:
            return f"{name} is gone"
        return None if test(mode) else f"{name} is no longer {what}: it was replaced"
    return check


def device(minor: int) -> Setup:
    def setup(seeds: Seeds, work: Path) -> Run:
        _mknod(work / "dev-node", stat.S_IFCHR, 1, minor)
        return Run(_diff_json(seeds, work / "dev-node"), watch=[seeds.new])
    return setup


def block_device(seeds: Seeds, work: Path) -> Run:
    _mknod(work / "blk-node", stat.S_IFBLK, 7, 250)  # a loop device number no one uses
    return Run(_diff_json(seeds, work / "blk-node"), watch=[seeds.new])


def fifo_without_reader(seeds: Seeds, work: Path) -> Run:
    os.mkfifo(work / "pipe")
    return Run(_diff_json(seeds, work / "pipe"), watch=[seeds.new])


def fifo_with_reader(seeds: Seeds, work: Path) -> Run:
    """A named pipe that a reader (a thread of the runner) reads into ``got.json``."""
    pipe = work / "pipe"
    os.mkfifo(pipe)

    def read() -> None:
        with open(pipe, "rb") as f:  # (blocks until guidediff opens it)
            (work / "got.json").write_bytes(f.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()

    def cleanup() -> None:
        if reader.is_alive():  # guidediff never opened it: let the reader go
            with open(pipe, "wb"):
                pass
        reader.join(10)
    return Run(_diff_json(seeds, pipe), watch=[seeds.new], cleanup=cleanup)


def got_the_log(work: Path, stderr: str) -> str | None:
    try:
        log = json.loads((work / "got.json").read_bytes())
    except (OSError, ValueError) as e:
        return f"the pipe's reader did not get a whole change log ({e})"
    return None if log.get("changes") else "the change log in the pipe has no changes"


def report_set_onto_fifo(seeds: Seeds, work: Path) -> Run:
    out = work / "out"
    out.mkdir()
    os.mkfifo(out / "x.report.html")
    return Run(["report", str(seeds.old), str(seeds.new), "-o", str(out), "--name", "x"],
               absent=[out / "x.changes.json", out / "x.memo.md"])


def normalize_into_device(seeds: Seeds, work: Path) -> Run:
    out = work / "out"
    out.mkdir()
    src = put(work, "guide.txt", seeds.text())
    _mknod(out / "guide.xml", stat.S_IFCHR, 1, 3)
    return Run(["normalize", str(src), "-o", str(out)], watch=[src])


def through_symlink(seeds: Seeds, work: Path) -> Run:
    target = put(work, "real/log.json", b"old")
    os.symlink(target, work / "link.json")
    return Run(_diff_json(seeds, work / "link.json"), watch=[seeds.new])


def output_behind_link(work: Path, stderr: str) -> str | None:
    data = (work / "real" / "log.json").read_bytes()
    return None if data.startswith(b"{") else "the file the symlink points to was not written"


def link_to_own_device(seeds: Seeds, work: Path) -> Run:
    _mknod(work / "dev-node", stat.S_IFCHR, 1, 3)
    os.symlink(work / "dev-node", work / "null-link")
    return Run(_diff_json(seeds, work / "null-link"), watch=[seeds.new])


def onto_corpus_raw(command: str) -> Setup:
    """``diff``/``history`` by corpus ids with ``-o`` the raw file behind an id."""
    def setup(seeds: Seeds, work: Path) -> Run:
        root = _corpus_copy(seeds, work)
        raw = root / "raw" / TEXT_2022
        args = (["diff", "2021-b1-draft", "2022-b1-final", "--corpus", str(root)]
                if command == "diff" else ["history", "--corpus", str(root)])
        return Run([*args, "-o", str(raw)], watch=[raw, root / "manifest.toml"])
    return setup


def onto_manifest(seeds: Seeds, work: Path) -> Run:
    root = _corpus_copy(seeds, work)
    return Run(["diff", "2021-b1-draft", "2022-b1-final", "--corpus", str(root), "-o",
                str(root / "manifest.toml")], watch=[root / "manifest.toml"])


def report_onto_linked_raw(seeds: Seeds, work: Path) -> Run:
    """``report`` by ids into a folder where one file of the set is a hard link to a raw file."""
    root = _corpus_copy(seeds, work)
    raw = root / "raw" / TEXT_2022
    out = work / "out"
    out.mkdir()
    os.link(raw, out / "x.changes.json")
    return Run(["report", "2021-b1-draft", "2022-b1-final", "--corpus", str(root), "-o",
                str(out), "--name", "x"], watch=[raw], absent=[out / "x.report.html"])


def onto_input_by(how: str) -> Setup:
    """``diff OLD NEW -o`` a hard link or a symlink to NEW."""
    def setup(seeds: Seeds, work: Path) -> Run:
        new = put(work, "new.txt", seeds.new.read_bytes())
        alias = work / "alias.json"
        (os.link if how == "hard" else os.symlink)(new, alias)
        return Run(["diff", str(seeds.old), str(new), "-f", "json", "-o", str(alias)],
                   watch=[new])
    return setup


# ---------------------------------------------------------------- 2. a set whole or not at all


def _old_set(seeds: Seeds, out: Path) -> list[Path]:
    """A report set written before (old → new), to be replaced by new → old."""
    done = _guidediff("report", str(seeds.old), str(seeds.new), "-o", str(out), "--name", "x",
                      cwd=out.parent)
    if done.returncode != 0:
        raise RuntimeError(f"the first report failed: {done.stderr[-200:]!r}")
    return sorted(out.iterdir())


def set_with_immutable(name: str) -> Setup:
    """The old set, with ``name`` made immutable (``chattr +i``: renaming over it fails)."""
    def setup(seeds: Seeds, work: Path) -> Run:
        out = work / "out"
        old = _old_set(seeds, out)
        if shutil.which("chattr") is None:
            raise CannotMake("chattr is not installed")
        done = subprocess.run(["chattr", "+i", str(out / name)], capture_output=True,
                              check=False)
        if done.returncode != 0:
            raise CannotMake(f"chattr +i is not allowed here ({done.stderr.decode()[:80]})")

        def cleanup() -> None:
            subprocess.run(["chattr", "-i", str(out / name)], capture_output=True, check=False)
        return Run(["report", str(seeds.new), str(seeds.old), "-o", str(out), "--name", "x"],
                   watch=old, cleanup=cleanup)
    return setup


def set_with_directory(seeds: Seeds, work: Path) -> Run:
    out = work / "out"
    old = _old_set(seeds, out)
    (out / "x.summary.txt").unlink()
    (out / "x.summary.txt").mkdir()
    return Run(["report", str(seeds.new), str(seeds.old), "-o", str(out), "--name", "x"],
               watch=[p for p in old if p.name != "x.summary.txt"])


# ---------------------------------------------------------------- 3. numbers


def edited_pair(old: str, new: str) -> Setup:
    """``diff`` of the 2022 text against itself with ``old`` printed as ``new``."""
    def setup(seeds: Seeds, work: Path) -> Run:
        text = seeds.text()
        assert old in text, old
        edited = put(work, "new.txt", text.replace(old, new, 1))
        return Run(["diff", str(seeds.new), str(edited), "-f", "json", "-o",
                    str(work / "log.json")], watch=[edited])
    return setup


def _log(work: Path) -> dict[str, Any]:
    return json.loads((work / "log.json").read_text(encoding="utf-8"))


_TYPED = ("budget_changed", "project_count_changed", "document_figure_changed",
          "duration_changed")


def unchanged_values(work: Path, stderr: str) -> str | None:
    """The same value printed another way: no typed change, no warning about it."""
    typed = [c for c in _log(work)["changes"] if c["kind"] in _TYPED]
    if typed:
        c = typed[0]
        return f"a {c['kind']} from {c.get('old_value')} to {c.get('new_value')} was reported"
    return "a warning was given" if "Warning" in stderr else None


def kept_as_text(line: int) -> Check:
    """A value that cannot be read with certainty: a warning naming the line, and no number
    read in its place (the budget or count is absent, never a wrong one)."""
    def check(work: Path, stderr: str) -> str | None:
        if f"line {line}:" not in stderr or "kept as text" not in stderr:
            return f"no warning naming line {line} says the value was kept as text"
        for c in _log(work)["changes"]:
            v = c.get("new_value")
            if c["kind"] in _TYPED and isinstance(v, dict) and (
                    v.get("amount_wan") is not None or v.get("max") is not None):
                return f"a number was read instead: {c['kind']} to {v}"
        return None
    return check


def foreign_kept(currency: str, cny: int | None, amount: int) -> Check:
    def check(work: Path, stderr: str) -> str | None:
        budget = [c for c in _log(work)["changes"] if c["kind"] == "budget_changed"]
        if not budget:
            return "the amount in another currency was not reported"
        v = budget[0]["new_value"] or {}
        foreign = v.get("foreign") or []
        if v.get("amount_wan") != cny:
            return f"the 万元 total is {v.get('amount_wan')}, not {cny} (summed with {currency}?)"
        if [(m.get("currency"), m.get("amount_wan")) for m in foreign] != [(currency, amount)]:
            return f"the amount is not kept with its currency: {foreign}"
        return None
    return check


def no_duration_of(years: int) -> Check:
    def check(work: Path, stderr: str) -> str | None:
        for c in _log(work)["changes"]:
            v = c.get("new_value")
            if c["kind"] == "duration_changed" and isinstance(v, dict) and years in (
                    v.get("min_years"), v.get("max_years")):
                return f"a duration of {years} years was read from a date"
        return None
    return check


# ---------------------------------------------------------------- 4. structure


def label_twice(seeds: Seeds, work: Path) -> Run:
    text = seeds.text()
    old = put(work, "old.txt", st.label_twice(text, "第二处要求甲。"))
    new = put(work, "new.txt", st.label_twice(text, "第二处要求乙。"))
    return Run(["diff", str(old), str(new), "-f", "json", "-o", str(work / "log.json")],
               watch=[old, new])


def second_field_compared(work: Path, stderr: str) -> str | None:
    found = [c for c in _log(work)["changes"] if "要求乙" in (c.get("new_text") or "")]
    return None if found else "the change in the second 其他要求 field is not reported"


def structured_docx(made: Callable[[str], bytes]) -> Setup:
    def setup(seeds: Seeds, work: Path) -> Run:
        src = put(work, "doc.docx", made(seeds.text()))
        return Run(["normalize", str(src), "-o", str(work / "out")], watch=[src])
    return setup


def read_once(work: Path, stderr: str) -> str | None:
    from lxml import etree

    root = etree.parse(str(work / "out" / "doc.xml")).getroot()
    texts = ["".join(el.itertext()) for el in root.iter("p", "title")]
    n = sum(t.count("写在文本框里的要求") for t in texts)
    if n != 1:
        return f"the structure's paragraph is in the XML {n} times, not once"
    if any("锚定文本框的段落" in t and "写在文本框里" in t for t in texts):
        return "the text box is glued into the paragraph it is anchored in"
    return None


def seventeen_directions(work: Path, stderr: str) -> str | None:
    xml = (work / "out" / "doc.xml").read_text(encoding="utf-8")
    n = xml.count("<direction ")
    return None if n == 17 and 'id="1.1"' in xml else f"{n} directions read, not 17 (1.1 …)"


# ---------------------------------------------------------------- 5. caches


def _cache_env(work: Path) -> tuple[tuple[str, str], ...]:
    return (("GUIDEDIFF_CACHE", str(work / "cache")),)


def _entries(root: Path, kinds: tuple[str, ...]) -> list[Path]:
    return sorted(p for k in kinds for p in (root / k).rglob("*") if p.is_file())


def damage(how: str, p: Path) -> None:
    """Damage one cache entry as a disk, a kill or a hand can: cut, zero-filled, a byte
    flipped, garbage, a directory or a FIFO in its place, a well-framed entry of the wrong
    shape."""
    data = p.read_bytes()
    if how in ("directory", "fifo"):
        p.unlink()
        p.mkdir() if how == "directory" else os.mkfifo(p)
    elif how == "cut":
        p.write_bytes(data[:len(data) // 2])
    elif how == "zeros":
        p.write_bytes(b"\0" * len(data))
    elif how == "flip":
        p.write_bytes(data[:len(data) // 3] + bytes([data[len(data) // 3] ^ 1])
                      + data[len(data) // 3 + 1:])
    elif how == "garbage":
        p.write_bytes(b'{"warnings": 5, "xml_sha256": [], "info": null}')
    elif how == "shape":  # (as the cache frames an entry: its kind and key)
        from guidediff.corpus.cache import frame

        label = p.name if p.parent.name == ".cache" else f"{p.parent.parent.name}/{p.name}"
        p.write_bytes(frame(b'{"warnings": 5, "xml_sha256": [], "versions": {}}', label))


def user_cache_damaged(how: str, kinds: tuple[str, ...]) -> tuple[Setup, Check]:
    """``diff`` run once with a cache of its own, its entries of ``kinds`` damaged, then run
    again: the same bytes as the first run."""
    def setup(seeds: Seeds, work: Path) -> Run:
        env = dict(_cache_env(work))
        _guidediff(*_diff_json(seeds, work / "first.json"), cwd=work, env=env)
        for p in _entries(work / "cache", kinds):  # (none: the check says the first failed)
            damage(how, p)
        return Run(_diff_json(seeds, work / "again.json"), watch=[seeds.new],
                   env=_cache_env(work))

    def check(work: Path, stderr: str) -> str | None:
        if not (work / "first.json").is_file():
            return "the first run, with the cache empty, failed"
        if not _entries(work / "cache", kinds) and how != "directory":
            return f"the first run left no {kinds} entries to damage"
        if (work / "again.json").read_bytes() != (work / "first.json").read_bytes():
            return "the output after the damage differs from the first"
        return None
    return setup, check


def gbk_name_cached(seeds: Seeds, work: Path) -> Run:
    name = os.fsdecode("中文指南.txt".encode("gbk"))
    path = work / name
    path.write_bytes(seeds.new.read_bytes())
    _guidediff("diff", str(seeds.old), name, "-f", "json", "-o", "first.json", cwd=work,
               env=dict(_cache_env(work)))  # (its failure: the check says the first failed)
    return Run(["diff", str(seeds.old), name, "-f", "json", "-o", "again.json"], watch=[path],
               env=_cache_env(work))


def same_again(work: Path, stderr: str) -> str | None:
    if not (work / "first.json").is_file():
        return "the first run, with the cache empty, failed"
    a, b = (work / "first.json").read_bytes(), (work / "again.json").read_bytes()
    return None if a == b else "the remembered output differs from the first"


def cache_is_a_file(seeds: Seeds, work: Path) -> Run:
    put(work, "cache", b"a file where the cache folder goes")
    return Run(_diff_json(seeds, work / "log.json"), watch=[seeds.new, work / "cache"],
               env=_cache_env(work))


def has_changes(work: Path, stderr: str) -> str | None:
    return None if _log(work)["changes"] else "the change log is empty"


def corpus_cache_damaged(how: str, kinds: tuple[str, ...]) -> tuple[Setup, Check]:
    """A corpus built once, its cache entries of ``kinds`` damaged (and the reports it wrote
    removed, so that the build must make them again), then built again: the same reports."""
    def setup(seeds: Seeds, work: Path) -> Run:
        root = _corpus_copy(seeds, work)
        _guidediff("build", "--corpus", str(root), "--reports", "first", cwd=work)
        for p in _entries(root / ".cache", kinds) + ([root / ".cache" / "stamps.json"]
                                                     if "stamps" in kinds else []):
            damage(how, p)
        shutil.rmtree(root / "xml")
        return Run(["build", "--corpus", str(root), "--reports", "again"],
                   watch=[root / "manifest.toml"])

    def check(work: Path, stderr: str) -> str | None:
        differs = tree_differs(work / "first", work / "again")
        return f"reports/{differs} differs from the first build's" if differs else None
    return setup, check


def tree_differs(a: Path, b: Path) -> str | None:
    """The first file under ``a`` (not a hidden one) that ``b`` does not hold alike (``a``
    itself if it holds nothing)."""
    if not a.is_dir() or not any(a.iterdir()):
        return f"{a.name}/ (nothing was built there)"
    for p in sorted(a.rglob("*")):
        rel = p.relative_to(a)
        if p.is_file() and not any(part.startswith(".") for part in rel.parts):
            q = b / rel
            if not q.is_file() or q.read_bytes() != p.read_bytes():
                return rel.as_posix()
    return None


def stat_kept(which: str) -> Setup:
    """A corpus built once, then its raw file (or its XML) edited with its size and time
    kept: the build finds it."""
    def setup(seeds: Seeds, work: Path) -> Run:
        root = _corpus_copy(seeds, work)
        first = _guidediff("build", "--corpus", str(root), "--reports", "reports", cwd=work)
        if first.returncode != 0:
            raise RuntimeError(f"the first build failed: {first.stderr[-300:]!r}")
        p = root / ("raw/" + TEXT_2022 if which == "raw" else "xml/2022-b1-final.xml")
        before = p.stat()
        p.write_bytes(p.read_bytes().replace("4500万元".encode(), "4600万元".encode(), 1))
        os.utime(p, ns=(before.st_atime_ns, before.st_mtime_ns))
        return Run(["build", "--corpus", str(root), "--reports", "reports"],
                   watch=[root / "manifest.toml"])
    return setup


def xml_rewritten(work: Path, stderr: str) -> str | None:
    xml = (work / "corpus" / "xml" / "2022-b1-final.xml").read_text(encoding="utf-8")
    return "the edited XML was kept (taken as unchanged by its size and time)" \
        if "4600万元" in xml else None


def grep_with_lost_xml(seeds: Seeds, work: Path) -> Run:
    root = _corpus_copy(seeds, work)
    first = _guidediff("history", "--corpus", str(root), cwd=work)
    if first.returncode != 0:
        raise RuntimeError(f"the first history failed: {first.stderr[-300:]!r}")
    for p in _entries(root / ".cache", ("xml",)):
        p.unlink()
    return Run(["history", "--corpus", str(root), "--grep", "联合研究", "-o",
                str(work / "grep.txt")], watch=[root / "manifest.toml"])


def grep_found(work: Path, stderr: str) -> str | None:
    text = (work / "grep.txt").read_text(encoding="utf-8")
    return None if "联合研究" in text or "2022-b1-final" in text else "the grep found nothing"


# ---------------------------------------------------------------- 6. at the same time


def _titled(seeds: Seeds, year: int) -> str:
    return seeds.text().replace("2022年度", f"{year}年度").replace("2022 年", f"{year} 年")


def adds_at_once(n: int) -> tuple[Setup, Check]:
    """``n`` adds of different versions at once into one corpus: none is lost."""
    def setup(seeds: Seeds, work: Path) -> Run:
        root = _corpus_copy(seeds, work)
        files = [put(work, f"v{k}.txt", _titled(seeds, 2030 + k)) for k in range(n)]
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        others = [subprocess.Popen([sys.executable, "-m", "guidediff", "add", str(f),
                                    "--corpus", str(root)], cwd=work, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                  for f in files[1:]]

        def cleanup() -> None:
            codes = [p.wait(120) for p in others]
            (work / "others.txt").write_text(" ".join(map(str, codes)), encoding="utf-8")
        return Run(["add", str(files[0]), "--corpus", str(root)], watch=files,
                   cleanup=cleanup)

    def check(work: Path, stderr: str) -> str | None:
        codes = (work / "others.txt").read_text(encoding="utf-8").split()
        if set(codes) != {"0"}:
            return f"the other adds exited with {codes}"
        manifest = (work / "corpus" / "manifest.toml").read_text(encoding="utf-8")
        missing = [y for y in range(2030, 2030 + n) if f'id = "{y}-b1-final"' not in manifest]
        if missing:
            return f"entries lost: {missing}"
        raws = sorted(p.name for p in (work / "corpus" / "raw").iterdir())
        return None if len(raws) == 2 + n else f"raw files: {raws}"
    return setup, check


def builds_at_once(seeds: Seeds, work: Path) -> Run:
    """Two builds of one corpus at once, after a build of a copy: both as that one."""
    alone = work / "alone"
    alone.mkdir()
    ref_root = _corpus_copy(seeds, alone)
    done = _guidediff("build", "--corpus", str(ref_root), "--reports", str(alone / "reports"),
                      cwd=alone)
    if done.returncode != 0:
        raise RuntimeError(f"the reference build failed: {done.stderr[-300:]!r}")
    root = _corpus_copy(seeds, work)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    other = subprocess.Popen([sys.executable, "-m", "guidediff", "build", "--corpus",
                              str(root), "--reports", "reports"], cwd=work, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def cleanup() -> None:
        (work / "other.txt").write_text(str(other.wait(300)), encoding="utf-8")
    return Run(["build", "--corpus", str(root), "--reports", "reports"],
               watch=[root / "manifest.toml"], cleanup=cleanup)


def as_built_alone(work: Path, stderr: str) -> str | None:
    if (work / "other.txt").read_text(encoding="utf-8") != "0":
        return "the other build failed"
    for sub in ("reports", "corpus/xml"):
        differs = tree_differs(work / "alone" / sub, work / sub)
        if differs:
            return f"{sub}/{differs} differs from a build alone"
    return None


# ---------------------------------------------------------------- 7. overrides


def overrides(body: str) -> Setup:
    def setup(seeds: Seeds, work: Path) -> Run:
        root = _corpus_copy(seeds, work)
        lineage = put(root, "lineage.toml", body)
        return Run(["build", "--corpus", str(root), "--reports", str(work / "reports")],
                   watch=[lineage, root / "manifest.toml"], absent=[work / "reports"])
    return setup


def pin(a: str, b: str) -> str:
    return f'[[pin]]\nfrom = "2021-b1-draft:{a}"\nto = "2022-b1-final:{b}"\n'


def cut(a: str, b: str) -> str:
    return f'[[cut]]\nfrom = "2021-b1-draft:{a}"\nto = "2022-b1-final:{b}"\n'


# ---------------------------------------------------------------- 10. messages


def missing_with_broken_manifest(seeds: Seeds, work: Path) -> Run:
    manifest = put(work, "corpus/manifest.toml", "[[document\n")
    return Run(["diff", "missing.txt", str(seeds.new)], watch=[manifest])


def add_without_year(seeds: Seeds, work: Path) -> Run:
    root = _corpus_copy(seeds, work)
    draft = seeds.old.read_text(encoding="utf-8")  # (a draft: its stage is printed)
    src = put(work, "noyear.txt", re.sub(r"2021\s*年度第一批", "", draft, count=1))
    return Run(["add", str(src), "--corpus", str(root)], watch=[src, root / "manifest.toml"],
               absent=[root / "raw" / "noyear.txt"])
