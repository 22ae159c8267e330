"""The corpus: ``corpus/manifest.toml`` names each document and the comparisons to report.

One validator reads it: every key of every entry is checked for its type and range (an id of
letters, digits, ``.``, ``_``, ``-``; a year from 1900 to 2200; a batch from 1 to 99; a stage of
draft or final; a source inside the corpus; a sha256 of 64 hex digits), and every error names
the entry and the key. A source that is missing, not a regular file, or whose sha256 differs
from the manifest's is the error of that entry when it is built.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn

from ..errors import GuidediffError, ManifestError
from ..files import note_input, read_file, sha256_file
from ..model import DocMeta

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
STAGES = ("draft", "final")
MANIFEST_MAX_BYTES = 4 * 1024 * 1024
_DOCUMENT_KEYS = {"id", "program", "year", "batch", "stage", "title", "source", "sha256"}
_OPTIONAL_KEYS = {"date"}


@dataclass(frozen=True)
class Entry:
    meta: DocMeta
    path: Path  # the raw file
    sha256: str
    manifest: Path = Path("corpus/manifest.toml")  # where it is listed


_STAGE_ORDER = {"draft": 0, None: 1, "final": 2}


def order_key(meta: DocMeta) -> tuple[int, int, int, str]:
    """Versions in order: year, then batch, then draft before final (then id)."""
    return (meta.year or 0, meta.batch or 0, _STAGE_ORDER.get(meta.stage, 1), meta.id)


@dataclass(frozen=True)
class Comparison:
    old: str
    new: str


@dataclass(frozen=True)
class Manifest:
    root: Path  # the corpus directory
    entries: tuple[Entry, ...]
    comparisons: tuple[Comparison, ...]

    def entry(self, doc_id: str) -> Entry:
        for e in self.entries:
            if e.meta.id == doc_id:
                return e
        raise ManifestError(f"no document with id {doc_id!r}", self.root / "manifest.toml")

    def ordered(self) -> list[Entry]:
        """The documents as versions in order (year, batch, draft before final)."""
        return sorted(self.entries, key=lambda e: order_key(e.meta))

    @property
    def xml_dir(self) -> Path:
        return self.root / "xml"

    @property
    def path(self) -> Path:
        return self.root / "manifest.toml"


class _Checker:
    """Reads one table of the manifest, naming it in every error."""

    def __init__(self, manifest: Path, where: str, table: Any) -> None:
        self.manifest, self.where = manifest, where
        if not isinstance(table, dict):
            self.fail("", "must be a table ([[document]] / [[comparison]])")
        self.table: dict[str, Any] = table

    def fail(self, key: str, problem: str) -> NoReturn:
        raise ManifestError(f"{self.where}{': ' + key if key else ''}: {problem}", self.manifest)

    def text(self, key: str, pattern: re.Pattern[str] | None = None, what: str = "") -> str:
        value = self.table.get(key)
        if value is None:
            self.fail(key, "is missing")
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"must be a non-empty string, not {value!r}")
        if pattern is not None and not pattern.match(value):
            self.fail(key, f"must be {what}, not {value!r}")
        return value

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.table.get(key)
        if value is None:
            self.fail(key, "is missing")
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"must be a whole number, not {value!r}")
        if not low <= value <= high:
            self.fail(key, f"must be from {low} to {high}, not {value}")
        return value

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in choices:
            self.fail(key, f"must be {' or '.join(choices)}, not {value!r}")
        return value

    def unknown(self, allowed: set[str]) -> None:
        extra = sorted(set(self.table) - allowed)
        if extra:
            self.fail(extra[0], f"is not a key of this table (known: {', '.join(sorted(allowed))})")


def _source(c: _Checker, root: Path) -> str:
    source = c.text("source")
    pure = PurePosixPath(source.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts:
        c.fail("source", f"must be a path inside the corpus directory, not {source!r}")
    return str(pure)


def _entry(root: Path, manifest: Path, i: int, doc: Any) -> Entry:
    c = _Checker(manifest, f"document {i + 1}", doc)
    doc_id = c.text("id", ID_RE, "letters, digits, '.', '_' or '-' (at most 64)")
    c.where = f"document {i + 1} ({doc_id})"
    c.unknown(_DOCUMENT_KEYS | _OPTIONAL_KEYS)
    source = _source(c, root)
    meta = DocMeta(id=doc_id, title=c.text("title"), program=c.text("program"),
                   year=c.integer("year", 1900, 2200), batch=c.integer("batch", 1, 99),
                   stage=c.choice("stage", STAGES), source=f"{root.name}/{source}")
    sha = c.text("sha256", SHA_RE, "64 lowercase hexadecimal digits")
    return Entry(meta, root / source, sha, manifest)


def _comparison(manifest: Path, i: int, table: Any, known: set[str]) -> Comparison:
    c = _Checker(manifest, f"comparison {i + 1}", table)
    c.unknown({"old", "new"})
    old, new = c.text("old"), c.text("new")
    for key, value in (("old", old), ("new", new)):
        if value not in known:
            c.fail(key, f"names no document of the manifest: {value!r}")
    if old == new:
        c.fail("new", "is the same document as old")
    return Comparison(old, new)


def parse_manifest(text: str, root: Path) -> Manifest:
    manifest = root / "manifest.toml"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ManifestError(f"is not valid TOML: {e}", manifest) from None
    extra = sorted(set(data) - {"document", "comparison"})
    if extra:
        raise ManifestError(f"{extra[0]}: is not a table of the manifest (known: document, "
                            "comparison)", manifest)
    docs, comps = data.get("document", []), data.get("comparison", [])
    if not isinstance(docs, list) or not docs:
        raise ManifestError("lists no [[document]]", manifest)
    if not isinstance(comps, list):
        raise ManifestError("comparison: must be [[comparison]] tables", manifest)
    entries = tuple(_entry(root, manifest, i, d) for i, d in enumerate(docs))
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        if entry.meta.id in seen:
            raise ManifestError(f"document {i + 1} ({entry.meta.id}): id: already the id of "
                                f"document {seen[entry.meta.id] + 1}", manifest)
        seen[entry.meta.id] = i
    known = set(seen)
    return Manifest(root, entries, tuple(_comparison(manifest, i, c, known)
                                         for i, c in enumerate(comps)))


def load_manifest(corpus_dir: str | Path = "corpus") -> Manifest:
    root = Path(corpus_dir)
    manifest = root / "manifest.toml"
    try:
        data = read_file(manifest, MANIFEST_MAX_BYTES)
    except GuidediffError as e:
        hint = " (run from the project folder or pass --corpus)" if e.message == "no such file" \
            else ""
        raise ManifestError(f"{e.message}{hint}", manifest) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ManifestError(f"is not UTF-8 (byte {e.start})", manifest) from None
    parsed = parse_manifest(text, root)
    for entry in parsed.entries:  # its documents are inputs of any run that reads it
        note_input(entry.path)
    return parsed


def verify_checksum(entry: Entry) -> None:
    """The entry's source is a regular file whose sha256 is the manifest's."""
    where = f"document {entry.meta.id}: source {entry.meta.source}"
    try:
        digest = sha256_file(entry.path)
    except GuidediffError as e:
        raise ManifestError(f"{where}: {e.message}", entry.manifest) from None
    if digest != entry.sha256:
        raise ManifestError(f"{where}: sha256 is {digest}, the manifest says {entry.sha256} "
                            "(the file changed since it was listed)", entry.manifest)


def resolve(arg: str, corpus_dir: str | Path) -> Entry | None:
    """The corpus document a command argument names by its id (``2021-b1-draft``), when the
    argument is not a file and the corpus has a document with that id; else None."""
    if os.path.lexists(arg) or not ID_RE.match(arg) or not (Path(corpus_dir) /
                                                          "manifest.toml").is_file():
        return None
    return next((e for e in load_manifest(corpus_dir).entries if e.meta.id == arg), None)
