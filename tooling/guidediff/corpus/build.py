"""``guidediff build``: the corpus, normalized, linked into lineages, compared and published.

1. Every document of the manifest, in parallel: its sha256 checked, normalized (or taken from
   the cache by its hash), ``corpus/xml/<id>.xml`` written if it changed, its digest cached.
2. The versions, in order, linked into lineages (resumed from the cached state of the longest
   unchanged prefix: adding a version links one version).
3. Every comparison the manifest names (all report formats) and every step of a lineage (its
   HTML report), in parallel, each only if its inputs or the tool changed.
4. The corpus site (``reports/index.html`` and a page per lineage) and ``reports/history.json``.
5. The files an earlier build made that this one did not (a version removed from the manifest,
   a lineage gone) are removed; a file the build never made is never touched.

Outputs are written only when their bytes change. A bad document fails alone: the others are
built, the comparisons and steps it is part of are skipped, and the failure is reported.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .. import files
from ..compare.history import History, VersionInfo
from ..compare.lineage import Lineage, Linker, Overrides
from ..errors import GuidediffError
from ..files import read_file
from . import batch
from .cache import MAX_ENTRY, Cache, frame, key, unframe
from .manifest import Entry, Manifest, load_manifest
from .overrides import load_overrides

CACHE_DIR = ".cache"
STATE_FILE = ".guidediff-state.json"  # in the reports folder: which inputs each report is of
CHECKPOINT = 100  # the link state is also kept every this many versions

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Prepared:
    id: str
    version_key: str  # the cache key of its normalization (file hash, metadata, tool)
    xml_sha256: str  # of corpus/xml/<id>.xml
    info: dict[str, Any]  # VersionInfo as JSON
    directions: tuple[str, ...]
    warnings: tuple[str, ...]
    computed: bool  # normalized now (not taken from the cache)
    written: bool  # corpus/xml/<id>.xml changed


@dataclass(frozen=True)
class PairJob:
    old: str
    new: str
    formats: tuple[str, ...]
    key: str
    stem: str


@dataclass(frozen=True)
class PairDone:
    job: PairJob
    summary: dict[str, Any]
    written: tuple[str, ...]  # the report files whose bytes changed
    unchanged: int  # the report files made again with the same bytes (not rewritten)


@dataclass
class BuildResult:
    history: History
    failures: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    normalized: int = 0
    reused: int = 0
    compared: int = 0
    pairs: int = 0
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # made by an earlier build, not by this


# ---------------------------------------------------------------- 1. documents


def version_key(entry: Entry) -> str:
    m = entry.meta
    return key("version", entry.sha256, m.id, m.title, m.program, m.year, m.batch, m.stage,
               m.source, m.date)


def prepare(entry: Entry, xml_dir: Path | None, cache_dir: Path) -> Prepared:
    """One document: checked, normalized or taken from the cache, its XML written (into
    ``xml_dir``, unless None) if it changed."""
    from ..read.raw import DEFAULT_MAX_BYTES
    from .manifest import ManifestError

    data = read_file(entry.path, DEFAULT_MAX_BYTES) if entry.path.is_file() else None
    if data is None:
        from .manifest import verify_checksum

        verify_checksum(entry)  # says why: missing, a directory, a FIFO…
        raise ManifestError(f"document {entry.meta.id}: cannot be read", entry.manifest)
    digest_hex = hashlib.sha256(data).hexdigest()
    if digest_hex != entry.sha256:
        raise ManifestError(f"document {entry.meta.id}: source {entry.meta.source}: sha256 is "
                            f"{digest_hex}, the manifest says {entry.sha256} (the file changed "
                            "since it was listed)", entry.manifest)
    cache, k = Cache(cache_dir), version_key(entry)
    meta = cache.get_json("meta", k, meta_shape)
    xml = cache.get_checked("xml", k, meta["xml_sha256"]) if meta is not None else None
    computed = xml is None or meta is None or cached_digest(cache, k) is None
    if computed:
        xml, meta = normalized(entry, data, cache)
    assert xml is not None and meta is not None
    written = xml_dir is not None and files.write_if_changed(
        files.safe_child(xml_dir, f"{entry.meta.id}.xml"), xml)
    return Prepared(entry.meta.id, k, meta["xml_sha256"], meta["info"],
                    tuple(meta["directions"]), tuple(meta["warnings"]), computed, written)


def normalized(entry: Entry, data: bytes, cache: Cache) -> tuple[bytes, dict[str, Any]]:
    """The document normalized afresh: its XML and its meta, both put in the cache with its
    digest (a cache that cannot be written is simply not used)."""
    from ..compare.digest import digest, to_dict
    from ..compare.history import VersionInfo
    from ..normalize.pipeline import normalize_raw
    from ..read.ingest import ingest_bytes

    n = normalize_raw(ingest_bytes(data, entry.path), meta=entry.meta)
    n.check()
    xml = n.xml_bytes()
    d = digest(n.guideline)
    meta = {"info": _info_dict(VersionInfo.of(d)), "warnings": list(n.warnings),
            "directions": [x.id for x in d.directions],
            "xml_sha256": hashlib.sha256(xml).hexdigest()}
    k = version_key(entry)
    try:
        cache.put("xml", k, xml)
        cache.put_json("digest", k, to_dict(d))
        cache.put_json("meta", k, meta)
    except GuidediffError:
        pass
    return xml, meta


def meta_shape(m: Any) -> bool:
    """Is ``m`` a document's meta as ``prepare`` wrote it?"""
    return (isinstance(m, dict) and isinstance(m.get("xml_sha256"), str)
            and isinstance(m.get("info"), dict) and _strings(m.get("warnings"))
            and _strings(m.get("directions")) and info_from_dict(m["info"]) is not None)


def _strings(x: Any) -> bool:
    return isinstance(x, list) and all(isinstance(s, str) for s in x)


def cached_digest(cache: Cache, k: str) -> Any:
    """The digest cached under ``k`` as a VersionDigest, or None (absent, or not one)."""
    from ..compare.digest import from_dict

    return cache.get_parsed("digest", k, from_dict)


def redo(entry: Entry, cache: Cache) -> tuple[bytes, Any]:
    """A document whose cache entries were lost or damaged, read again from its raw file
    (checked against the manifest's sha256): its XML and its digest."""
    from ..compare.digest import digest
    from ..files import read_file
    from ..read.raw import DEFAULT_MAX_BYTES
    from ..xmlio import parse_xml

    data = read_file(entry.path, DEFAULT_MAX_BYTES)
    if hashlib.sha256(data).hexdigest() != entry.sha256:
        from .manifest import verify_checksum

        verify_checksum(entry)
    xml, _ = normalized(entry, data, cache)
    return xml, digest(parse_xml(xml, entry.path))


# ---------------------------------------------------------------- unchanged files, by stat

STAMPS = "stamps.json"  # in the cache: what each document and its XML were at the last build


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def load_stamps(cache: Cache) -> dict[str, Any]:
    """The stamps of the last build (none if they are absent or do not prove themselves)."""
    try:
        data = unframe(read_file(cache.root / STAMPS, MAX_ENTRY, record=False), STAMPS)
        stamps = json.loads(data) if data is not None else {}
    except (GuidediffError, ValueError):
        return {}
    return stamps if isinstance(stamps, dict) else {}


def unchanged(entry: Entry, xml_dir: Path | None, cache: Cache,
              stamps: dict[str, Any]) -> Prepared | None:
    """A document built before and untouched since (as git's index tells it: the raw file and
    its XML have the size and modification time they had, its cache key is the same, and their
    bytes hash as the manifest and the cache say: a file changed with its size and time kept
    is found): its Prepared, without normalizing it again. None when anything differs."""
    st = stamps.get(entry.meta.id)
    k = version_key(entry)
    if not isinstance(st, dict) or st.get("key") != k or st.get("raw") != _stat(entry.path):
        return None
    if xml_dir is not None and st.get("xml") != _stat(xml_dir / f"{entry.meta.id}.xml"):
        return None
    meta = cache.get_json("meta", k, meta_shape)
    if meta is None or not cache.path("digest", k).is_file() \
            or not _hashes(entry.path, entry.sha256) \
            or (xml_dir is not None and not _hashes(xml_dir / f"{entry.meta.id}.xml",
                                                    meta["xml_sha256"])):
        return None
    return Prepared(entry.meta.id, k, meta["xml_sha256"], meta["info"],
                    tuple(meta["directions"]), tuple(meta["warnings"]), False, False)


def _hashes(path: Path, sha256: str) -> bool:
    try:
        return files.sha256_file(path) == sha256
    except GuidediffError:
        return False


def save_stamps(cache: Cache, entries: dict[str, Entry], prepared: Sequence[Prepared],
                xml_dir: Path | None, stamps: dict[str, Any]) -> None:
    new = {p.id: {"key": p.version_key, "raw": _stat(entries[p.id].path),
                  "xml": _stat(xml_dir / f"{p.id}.xml") if xml_dir is not None
                  else stamps.get(p.id, {}).get("xml")} for p in prepared}
    data = json.dumps(new, sort_keys=True, separators=(",", ":")).encode("utf-8")
    files.write_if_changed(cache.root / STAMPS, frame(data, STAMPS))


def _info_dict(v: VersionInfo) -> dict[str, Any]:
    t = v.totals
    return {"id": v.id, "title": v.title, "sha256": v.sha256, "year": v.year, "batch": v.batch,
            "stage": v.stage, "directions": v.directions, "source": v.source, "date": v.date,
            "totals": [t.directions, t.projects, None if t.budget_wan is None
                       else str(t.budget_wan), t.stated_directions, t.stated_partners,
                       t.stated_tasks, None if t.stated_budget_wan is None
                       else str(t.stated_budget_wan), t.stated_budget_approx]}


def info_from_dict(x: dict[str, Any]) -> VersionInfo:
    from decimal import Decimal

    from ..compare.digest import Totals

    n, p, b, sd, sp, st, sb, sba = x["totals"]
    return VersionInfo(x["id"], x["title"], x["sha256"], x["year"], x["batch"], x["stage"],
                       x["directions"], Totals(n, p, None if b is None else Decimal(b), sd, sp,
                                               st, None if sb is None else Decimal(sb), sba),
                       x["source"], x["date"])


# ---------------------------------------------------------------- 2. lineages


def prepare_all(entries: Sequence[Entry], xml_dir: Path | None, cache: Cache,
                stamps: dict[str, Any], jobs: int
                ) -> list[tuple[Entry, Prepared | None, str | None]]:
    """Every document prepared, in order: the untouched ones here, by stat; the others in
    worker processes. Each is (entry, its Prepared, or the error that failed it)."""
    fast = {e.meta.id: unchanged(e, xml_dir, cache, stamps) for e in entries}
    todo = [e for e in entries if fast[e.meta.id] is None]
    job = partial(prepare, xml_dir=xml_dir, cache_dir=cache.root)
    slow = {o.item.meta.id: (o.result, o.error)
            for o in batch.run(job, todo, jobs, name=lambda e: str(e.path))}
    return [(e, fast[e.meta.id], None) if fast[e.meta.id] is not None
            else (e, *slow[e.meta.id]) for e in entries]


def _chain_keys(overrides: Overrides, prepared: Sequence[Prepared]) -> list[str]:
    """chain[k]: the key of the link state after the first k versions."""
    pins = sorted(f"{a}>{b}" for a, b in overrides.pins)
    cuts = sorted(f"{a}>{b}" for a, b in overrides.cuts)
    out = [key("links", json.dumps([pins, cuts]))]
    for p in prepared:
        out.append(key("links", out[-1], p.version_key))
    return out


def link(prepared: Sequence[Prepared], overrides: Overrides, cache: Cache,
         progress: Progress | None = None,
         entries: dict[str, Entry] | None = None) -> tuple[tuple[Lineage, ...], int]:
    """The lineages of the versions (in order), resumed from the longest cached prefix; and how
    many versions were linked now. A digest the cache lost or that is damaged is made again
    from the document (``entries``: the manifest's, by id)."""
    chain = _chain_keys(overrides, prepared)
    start, linker = 0, Linker(overrides)
    for k in range(len(prepared), 0, -1):
        found = cache.get_parsed("links", chain[k], lambda x: Linker.from_dict(x, overrides))
        if found is not None:
            start, linker = k, found
            break
    for k in range(start, len(prepared)):
        dig = cached_digest(cache, prepared[k].version_key)
        if dig is None:
            if entries is None or prepared[k].id not in entries:
                raise GuidediffError(f"the digest of {prepared[k].id} is not in the cache and "
                                     "its document is not given")
            _, dig = redo(entries[prepared[k].id], cache)
        linker.add(dig)
        if (k + 1) % CHECKPOINT == 0 and k + 1 < len(prepared):
            cache.put_chunks("links", chain[k + 1], linker.to_json())
        if progress is not None and (k + 1) % 200 == 0:
            progress(f"linked {k + 1}/{len(prepared)} versions")
    if start < len(prepared):
        cache.put_chunks("links", chain[len(prepared)], linker.to_json())
    return linker.lineages(), len(prepared) - start


# ---------------------------------------------------------------- 3. comparisons

def compare(jobs: Sequence[PairJob], xml_dir: Path, reports_dir: Path) -> list[PairDone]:
    """A run of comparisons (consecutive pairs read each version once, and share what their
    texts measure): diff, render the report files asked for, write those that changed, and
    summarize each."""
    from ..render import REPORT_FILES, RenderOptions
    from ..render.steps import pair_summary, to_dict
    from .comparison import Documents, compare_documents
    from .documents import Input

    def version(doc_id: str) -> Input:
        path = xml_dir / f"{doc_id}.xml"
        return Input(path, path.read_bytes())

    out = []
    documents = Documents()  # (the versions' XML, each read once in the run)
    for job in jobs:
        log = compare_documents(version(job.old), version(job.new), documents)
        opts = RenderOptions()
        written, same = [], 0
        for fmt in job.formats:
            for suffix, fn in REPORT_FILES[fmt]:
                name = f"{job.stem}.{suffix}"
                if files.write_if_changed(files.safe_child(reports_dir, name), fn(log, opts)):
                    written.append(name)
                else:
                    same += 1
        out.append(PairDone(job, to_dict(pair_summary(log)), tuple(written), same))
    return out


def _runs(jobs: list[PairJob], n: int) -> list[list[PairJob]]:
    """``jobs`` cut into at most ``n`` runs of consecutive pairs (about equal)."""
    if not jobs:
        return []
    size = max(1, -(-len(jobs) // n))
    return [jobs[i:i + size] for i in range(0, len(jobs), size)]


# ---------------------------------------------------------------- the build


def _read_state(reports_dir: Path) -> dict[str, str]:
    try:
        state = json.loads((reports_dir / STATE_FILE).read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def build(corpus_dir: str | Path = "corpus", reports_dir: str | Path = "reports", jobs: int = 1,
          strict: bool = False, progress: Progress | None = None) -> BuildResult:
    """Build the corpus: see the module's docstring. Failures are collected in the result."""
    from ..render import REPORT_FILES

    say = progress or (lambda _: None)
    manifest = load_manifest(corpus_dir)
    reports = Path(reports_dir)
    cache = Cache(manifest.root / CACHE_DIR)
    entries = manifest.ordered()
    prepared: list[Prepared] = []
    result = BuildResult(History((), ()))
    stamps = load_stamps(cache)
    for k, (entry, p, error) in enumerate(prepare_all(entries, manifest.xml_dir, cache, stamps,
                                                      jobs), 1):
        if error is not None:
            result.failures[entry.meta.id] = error
            say(f"[{k}/{len(entries)}] Error: {error}")
            continue
        assert p is not None
        result.warnings.extend(p.warnings)
        if p.warnings and strict:
            result.failures[p.id] = f"{p.id}: {len(p.warnings)} warning(s) and --strict"
        prepared.append(p)
        result.normalized += p.computed
        result.reused += not p.computed
        if p.written:
            result.written.append(manifest.xml_dir / f"{p.id}.xml")
        else:
            result.unchanged += 1
        if len(entries) <= 50 or k % 100 == 0 or k == len(entries):
            how = "normalized" if p.computed else "unchanged"
            say(f"[{k}/{len(entries)}] {p.id}: {len(p.directions)} directions, {how}"
                + (f" → {manifest.xml_dir / (p.id + '.xml')}" if p.written else ""))
    ok = [p for p in prepared if p.id not in result.failures]
    save_stamps(cache, {e.meta.id: e for e in entries}, ok, manifest.xml_dir, stamps)
    overrides = load_overrides(manifest.root, {p.id: p.directions for p in ok},
                               [p.id for p in ok])
    lineages, linked = link(ok, overrides, cache, say, {e.meta.id: e for e in entries})
    history = History(tuple(info_from_dict(p.info) for p in ok), lineages)
    result.history = history
    say(f"{len(lineages)} lineages over {len(ok)} versions ({linked} linked now)")
    state = _read_state(reports)
    summaries, made = _comparisons(manifest, history, ok, result, reports, cache, jobs, say,
                                   tuple(REPORT_FILES), state)
    made |= _publish(history, summaries, manifest, reports, result)
    _sweep(reports, state, made, result)
    return result


SITE = "site"  # the state's key of a page of the site (its inputs are the whole history)


def _sweep(reports: Path, state: dict[str, str], made: set[str], result: BuildResult) -> None:
    """Remove what an earlier build made (the state names it) and this one did not; keep the
    state of what this build made."""
    base = reports.resolve()
    for name in sorted(set(state) - made):
        target = (base / name).resolve()
        if base in target.parents and target.is_file():  # (a state file edited by hand)
            target.unlink()
            result.removed.append(target)
        del state[name]
    for name in made:
        state.setdefault(name, SITE)
    files.write_if_changed(reports / STATE_FILE, json.dumps(state, sort_keys=True, indent=0)
                           .encode("utf-8"))


def _comparisons(manifest: Manifest, history: History, ok: list[Prepared],
                 result: BuildResult, reports: Path, cache: Cache, jobs: int, say: Progress,
                 all_formats: tuple[str, ...], state: dict[str, str]
                 ) -> tuple[dict[tuple[str, str], dict[str, Any]], set[str]]:
    """Every report of every comparison and step, made if its inputs or the tool changed; the
    pairs' summaries, and the names of the report files (``state``: what made each)."""
    xml_sha = {p.id: p.xml_sha256 for p in ok}
    wanted: dict[tuple[str, str], tuple[str, ...]] = {}
    for c in manifest.comparisons:
        if c.old in xml_sha and c.new in xml_sha:
            wanted[(c.old, c.new)] = all_formats
        else:
            result.skipped.append(f"{c.old} → {c.new}")
    for pair in history.steps():
        wanted.setdefault(pair, ("html",))
    summaries: dict[tuple[str, str], dict[str, Any]] = {}
    todo: list[PairJob] = []
    made: set[str] = set()
    for (old, new), formats in wanted.items():
        k = key("pair", xml_sha[old], xml_sha[new])
        pj = PairJob(old, new, formats, key("reports", k, formats), f"{old}__{new}")
        summary = cache.get_json("summary", k, steps_from_dict)
        names = [f"{pj.stem}.{s}" for f in formats for s, _ in _report_files(f)]
        made.update(names)
        fresh = all(state.get(n) == pj.key and (reports / n).is_file() for n in names)
        if summary is not None and fresh:
            summaries[(old, new)] = summary
            result.unchanged += len(names)
        else:
            todo.append(pj)
    result.pairs = len(wanted)
    if todo:
        say(f"comparing {len(todo)} of {len(wanted)} pairs")
    runs = _runs(todo, max(1, jobs) * 4)
    worker = partial(compare, xml_dir=manifest.xml_dir, reports_dir=reports)
    for outcome in batch.run(worker, runs, jobs, name=lambda r: f"{r[0].stem}…"):
        if outcome.error is not None:
            result.failures[f"compare {outcome.item[0].stem}…"] = outcome.error
            continue
        for done in outcome.result or ():
            pj = done.job
            cache.put_json("summary", key("pair", xml_sha[pj.old], xml_sha[pj.new]),
                           done.summary)
            summaries[(pj.old, pj.new)] = done.summary
            result.compared += 1
            for name in (f"{pj.stem}.{s}" for f in pj.formats for s, _ in _report_files(f)):
                state[name] = pj.key
            result.written.extend(reports / n for n in done.written)
            result.unchanged += done.unchanged
    return summaries, made


def steps_from_dict(x: Any) -> object:
    from ..render.steps import from_dict

    return from_dict(x)


def _report_files(fmt: str) -> tuple[tuple[str, Any], ...]:
    from ..render import REPORT_FILES

    return REPORT_FILES[fmt]


def _publish(history: History, summaries: dict[tuple[str, str], dict[str, Any]],
             manifest: Manifest, reports: Path, result: BuildResult) -> set[str]:
    """The site's pages and history.json, each written if its bytes changed; their names."""
    from ..render.history import history_json_chunks
    from ..render.site import site_pages
    from ..render.steps import from_dict

    pairs = {k: from_dict(v) for k, v in summaries.items()}
    made = {"history.json"}
    for name, data in site_pages(history, pairs):
        made.add(name)
        target = reports / name
        if files.write_if_changed(target, data):
            result.written.append(target)
        else:
            result.unchanged += 1
    target = reports / "history.json"
    if files.write_chunks_if_changed(target, history_json_chunks(history)):
        result.written.append(target)
    else:
        result.unchanged += 1
    return made
