"""The corpus: ``corpus/manifest.toml`` names each document and the comparisons to report."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import ManifestError
from ..model import DocMeta


@dataclass(frozen=True)
class Entry:
    meta: DocMeta
    path: Path  # the raw file
    sha256: str


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

    @property
    def xml_dir(self) -> Path:
        return self.root / "xml"


_REQUIRED = ("id", "program", "year", "batch", "stage", "title", "source", "sha256")


def _entry(root: Path, manifest: Path, i: int, doc: dict) -> Entry:
    missing = [k for k in _REQUIRED if k not in doc]
    if missing:
        raise ManifestError(f"document #{i + 1} lacks {', '.join(missing)}", manifest)
    if doc["stage"] not in ("draft", "final"):
        raise ManifestError(f"document {doc['id']}: stage must be draft or final", manifest)
    path = root / doc["source"]
    meta = DocMeta(id=doc["id"], title=doc["title"], program=doc["program"],
                   year=int(doc["year"]), batch=int(doc["batch"]), stage=doc["stage"],
                   source=f"{root.name}/{doc['source']}")
    return Entry(meta, path, doc["sha256"])


def load_manifest(corpus_dir: str | Path = "corpus") -> Manifest:
    root = Path(corpus_dir)
    manifest = root / "manifest.toml"
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError("not found (run from the project folder or pass --corpus)",
                            manifest) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ManifestError(f"is not valid TOML: {e}", manifest) from None
    docs = data.get("document", [])
    if not docs:
        raise ManifestError("lists no [[document]]", manifest)
    entries = tuple(_entry(root, manifest, i, d) for i, d in enumerate(docs))
    ids = [e.meta.id for e in entries]
    if len(set(ids)) != len(ids):
        raise ManifestError("document ids are not unique", manifest)
    comps = tuple(Comparison(c["old"], c["new"]) for c in data.get("comparison", []))
    known = set(ids)
    for c in comps:
        if c.old not in known or c.new not in known:
            raise ManifestError(f"comparison {c.old} → {c.new} names an unknown document",
                                manifest)
    return Manifest(root, entries, comps)


def verify_checksum(entry: Entry) -> None:
    try:
        digest = hashlib.sha256(entry.path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise ManifestError("listed in the manifest but missing", entry.path) from None
    if digest != entry.sha256:
        raise ManifestError(f"sha256 is {digest}, the manifest says {entry.sha256}", entry.path)
