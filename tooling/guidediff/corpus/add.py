"""``guidediff add``: a document into the corpus, its hash computed, its metadata read from its
title where not given, its manifest entry put after the other documents, and (unless told not
to) the comparison with the version before it in the corpus order recorded after the other
comparisons, so that ``build`` writes the new step's whole report set. Nothing is written unless
all of it can be: the file must read as a guideline, be new to the corpus (by content) and have
an id of its own.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .. import files
from ..errors import GuidediffError
from ..model import DocMeta
from .manifest import ID_RE, STAGES, Manifest, load_manifest, order_key, parse_manifest

PROGRAM = "政府间国际科技创新合作"


@dataclass(frozen=True)
class Added:
    meta: DocMeta
    path: Path  # the copy in corpus/raw/
    sha256: str
    directions: int
    compared_with: str | None = None  # the version before it, whose comparison was recorded


def _id_for(meta: DocMeta) -> str:
    """The id a version gets from its metadata: 2022-b1-final, as the corpus names its own."""
    missing = [k for k in ("year", "batch", "stage") if getattr(meta, k) is None]
    if missing:
        raise GuidediffError(f"its title does not say its {' or '.join(missing)}: give --id, or "
                             + ", ".join(f"--{k}" for k in missing))
    return f"{meta.year}-b{meta.batch}-{meta.stage}"


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string


LOCK = ".manifest.lock"  # in the corpus folder: one ``add`` at a time changes the manifest

_TABLE = re.compile(r"^\s*\[\[\s*(document|comparison)\s*\]\]", re.M)


def _first_comparison(text: str) -> int:
    """Where the manifest's comparisons begin: the first ``[[comparison]]`` after the last
    ``[[document]]``, with the comment lines just above it (len(text): none)."""
    heads = list(_TABLE.finditer(text))
    last_doc = max((k for k, m in enumerate(heads) if m.group(1) == "document"), default=-1)
    start = next((m.start() for m in heads[last_doc + 1:] if m.group(1) == "comparison"), None)
    if start is None:
        return len(text)
    lines = text[:start].split("\n")
    while len(lines) > 1 and lines[-2].lstrip().startswith("#"):  # (lines[-1] is "")
        lines.pop(-2)
    return len("\n".join(lines)) - len(lines[-1])


def manifest_with(text: str, document: str, comparison: str | None) -> str:
    """The manifest's text with a document entry after the other documents (before the
    comparisons) and a comparison entry after the other comparisons."""
    at = _first_comparison(text)
    head, tail = text[:at].rstrip("\n"), text[at:].rstrip("\n")
    out = (head + "\n" if head else "") + document
    if tail:
        out += "\n" + tail + "\n"
    if comparison is not None:
        out += "\n" + comparison
    return out


def _previous(manifest: Manifest, new: DocMeta) -> str | None:
    """The version before ``new`` in the corpus order (None: it comes first)."""
    before = [e.meta for e in manifest.entries if order_key(e.meta) < order_key(new)]
    return max(before, key=order_key).id if before else None


def add_document(file: str | Path, corpus_dir: str | Path = "corpus", doc_id: str | None = None,
                 year: int | None = None, batch: int | None = None, stage: str | None = None,
                 max_bytes: int | None = None, compare: bool = True) -> Added:
    """Read the file as a guideline, then, holding the corpus's lock (two ``add`` at once
    never lose an entry: the second waits, then reads the manifest the first wrote), check it
    against the manifest and write its raw copy and its entry as one set."""
    from ..normalize.pipeline import normalize_raw
    from ..read.ingest import ingest_bytes
    from ..read.raw import DEFAULT_MAX_BYTES

    src = Path(file)
    root = Path(corpus_dir)
    if stage is not None and stage not in STAGES:
        raise GuidediffError(f"--stage must be draft or final, not {stage!r}")
    load_manifest(root)  # (a corpus that does not read says so before any work)
    data = files.read_file(src, max_bytes or DEFAULT_MAX_BYTES)
    n = normalize_raw(ingest_bytes(data, src))
    found = n.guideline.meta
    meta = replace(found, year=year or found.year, batch=batch or found.batch,
                   stage=stage or found.stage)
    with files.locked(root / LOCK):
        return _add_locked(src, root, data, meta, doc_id, len(n.guideline.directions),
                           compare)


def _add_locked(src: Path, root: Path, data: bytes, meta: DocMeta, doc_id: str | None,
                directions: int, compare: bool) -> Added:
    manifest = load_manifest(root)  # as it is now (another add may have just written it)
    sha = hashlib.sha256(data).hexdigest()
    for e in manifest.entries:
        if e.sha256 == sha:
            raise GuidediffError(f"is already in the corpus as {e.meta.id} ({e.meta.source})",
                                 src)
    new_id = doc_id or _id_for(meta)
    if not ID_RE.match(new_id):
        raise GuidediffError(f"id {new_id!r} is not letters, digits, '.', '_' or '-'")
    if any(e.meta.id == new_id for e in manifest.entries):
        raise GuidediffError(f"id {new_id!r} is already taken in {manifest.path}: give --id")
    suffix = src.suffix.lower() if src.suffix.lower() in (".txt", ".pdf", ".docx", ".html",
                                                          ".htm") else ".txt"
    target = root / "raw" / f"{new_id}{suffix}"
    if target.exists():
        raise GuidediffError(f"{target} exists already (another file): give --id")
    entry = (f"\n[[document]]\nid = {_toml(new_id)}\nprogram = {_toml(PROGRAM)}\n"
             + (f"year = {meta.year}\n" if meta.year else "")
             + (f"batch = {meta.batch}\n" if meta.batch else "")
             + (f"stage = {_toml(meta.stage)}\n" if meta.stage else "")
             + f"title = {_toml(meta.title)}\nsource = {_toml(f'raw/{target.name}')}\n"
             f"sha256 = {_toml(sha)}\n")
    added = DocMeta(new_id, meta.title, PROGRAM, meta.year, meta.batch, meta.stage,
                    f"{root.name}/raw/{target.name}")
    previous = _previous(manifest, added) if compare else None
    comparison = None if previous is None else (
        f"[[comparison]]\nold = {_toml(previous)}\nnew = {_toml(new_id)}\n")
    old_text = files.read_file(manifest.path, 1 << 30).decode("utf-8-sig")
    new_text = manifest_with(old_text, entry, comparison)
    try:  # the whole manifest, checked as build will check it, before anything is written
        parse_manifest(new_text, root)
    except GuidediffError as e:
        raise GuidediffError(f"cannot be added: {e.message}", src) from None
    files.write_set([(target, data), (manifest.path, new_text.encode("utf-8"))],
                    replacing=(manifest.path,))
    return Added(added, target, sha, directions, previous)
