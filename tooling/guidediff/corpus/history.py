"""The history of a corpus (from its manifest, with the build cache) or of files given one by
one; where a phrase appears across it; and the guideline a corpus id names."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..compare.digest import digest
from ..compare.events import ChangeLog
from ..compare.history import History, VersionInfo
from ..compare.lineage import Lineage, Linker, Overrides
from ..errors import GuidediffError
from ..model import Guideline
from ..read.raw import line_unit
from ..render.history import Seen
from .build import (
    CACHE_DIR,
    Prepared,
    info_from_dict,
    link,
    load_stamps,
    prepare_all,
    redo,
    version_key,
)
from .cache import Cache
from .manifest import Manifest, load_manifest, order_key
from .overrides import load_overrides

Progress = Callable[[str], None]


def corpus_history(corpus_dir: str | Path = "corpus", jobs: int = 1,
                   progress: Progress | None = None) -> tuple[History, Manifest]:
    """The history of the corpus the manifest names, every document read through the cache
    (nothing else is written); a bad document is an error, as ``build`` reports it."""
    manifest = load_manifest(corpus_dir)
    cache = Cache(manifest.root / CACHE_DIR)
    prepared: list[Prepared] = []
    for _, p, error in prepare_all(manifest.ordered(), None, cache, load_stamps(cache), jobs):
        if error is not None:
            raise GuidediffError(f"{error} (the history needs every document)")
        assert p is not None
        prepared.append(p)
    overrides = load_overrides(manifest.root, {p.id: p.directions for p in prepared},
                               [p.id for p in prepared])
    lineages, _ = link(prepared, overrides, cache, progress,
                       {e.meta.id: e for e in manifest.entries})
    return History(tuple(info_from_dict(p.info) for p in prepared), lineages), manifest


def files_history(paths: Sequence[str | Path], max_bytes: int,
                  warn: Callable[[str], None] | None = None) -> tuple[History,
                                                                        list[Guideline]]:
    """The history of files given directly: each read, its id its file name without extension,
    the versions ordered by the year, batch and stage their titles print."""
    from ..normalize.pipeline import load

    guidelines = []
    for p in paths:
        g = load(p, max_bytes, warn)
        guidelines.append(g)
    ids = [g.meta.id for g in guidelines]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise GuidediffError(f"two files are version {dup!r}: give files with different names")
    guidelines.sort(key=lambda g: order_key(g.meta))
    linker = Linker(Overrides())
    infos = []
    for g in guidelines:
        d = digest(g)
        infos.append(VersionInfo.of(d))
        linker.add(d)
    return History(tuple(infos), linker.lineages()), guidelines


# ---------------------------------------------------------------- where a phrase appears


def _fold(text: str) -> str:
    return "".join(text.split()).casefold()


def grep(h: History, phrase: str, guidelines: Callable[[], Sequence[Guideline]]) -> list[Seen]:
    """Every lineage (and the text outside directions) where ``phrase`` appears, in version
    order, with each version, direction and line (spacing and line wraps ignored)."""
    needle = _fold(phrase)
    if not needle:
        raise GuidediffError("--grep needs a phrase with something in it")
    of: dict[tuple[str, str], Lineage] = {}
    for lin in h.lineages:
        for m in lin.members:
            of.setdefault((m.version, m.direction), lin)
    hits: dict[str | None, list[tuple[str, str, int, str]]] = {}
    for g in guidelines():
        unit = line_unit(g.meta.encoding)
        in_directions = {id(b) for d in g.directions for b in d.blocks()}
        for d in g.directions:
            line = next((b.source.line for b in d.blocks() if needle in _fold(b.text)), None)
            found = of.get((g.meta.id, d.id))
            if line is not None and found is not None:  # (a lineage the filter kept)
                hits.setdefault(found.id, []).append((g.meta.id, d.id, line, unit))
        line = next((b.source.line for b in g.blocks()
                     if id(b) not in in_directions and needle in _fold(b.text)), None)
        if line is not None:
            hits.setdefault(None, []).append((g.meta.id, "", line, unit))
    by_id = {lin.id: lin for lin in h.lineages}
    out = [Seen(by_id[k], tuple(v)) for k, v in hits.items() if k is not None]
    out.sort(key=lambda s: (s.hits[0][0], s.lineage.id if s.lineage else ""))
    if None in hits:
        out.append(Seen(None, tuple(hits[None])))
    return out


def corpus_guidelines(manifest: Manifest, order: Sequence[str]) -> list[Guideline]:
    """The corpus's guidelines in version order, from the cache (built by ``corpus_history``)."""
    from ..xmlio import parse_xml

    cache = Cache(manifest.root / CACHE_DIR)
    entries = {e.meta.id: e for e in manifest.entries}
    out = []
    for vid in order:
        data = cache.get("xml", version_key(entries[vid]))
        if data is None:  # lost or damaged since: read from its document again
            data, _ = redo(entries[vid], cache)
        out.append(parse_xml(data, f"{vid}.xml"))
    return out


def compare_versions(manifest: Manifest, pairs: Sequence[tuple[str, str]]
                     ) -> dict[tuple[str, str], ChangeLog]:
    """The change logs of pairs of corpus versions (ids), each version's XML from the cache
    (built by ``corpus_history``), compared through the one comparison function."""
    from .comparison import Documents, compare_documents
    from .documents import Input

    cache = Cache(manifest.root / CACHE_DIR)
    entries = {e.meta.id: e for e in manifest.entries}

    def version(vid: str) -> Input:
        data = cache.get("xml", version_key(entries[vid]))
        if data is None:
            raise GuidediffError(f"the cache lost {vid}; run again")
        return Input(Path(f"{vid}.xml"), data)

    documents = Documents()
    return {(a, b): compare_documents(version(a), version(b), documents) for a, b in pairs}
