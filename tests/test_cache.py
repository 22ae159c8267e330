"""Caches that can be trusted (``corpus/cache.py``): an entry proves itself by its trailer (the
format, the SHA-256 of its payload bound to its kind and key, its length) or is dropped and
computed again; a hit gives the same bytes as a fresh run; ``--no-cache`` leaves the cache alone;
a build finds a file edited with its size and time kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guidediff.corpus.cache import FORMAT, Cache, frame, key, unframe

from .conftest import CORPUS, RAW_2021, RAW_2022


def _diff(*extra: str, cache: Path | None, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GUIDEDIFF_CACHE": str(cache) if cache else "off"}
    return subprocess.run([sys.executable, "-m", "guidediff", "diff", str(RAW_2021),
                           str(RAW_2022), "-f", "json", "-o", str(out), *extra],
                          capture_output=True, text=True, env=env, check=False)


def test_an_entry_proves_itself(tmp_path: Path) -> None:
    c = Cache(tmp_path)
    c.put("output", "ab12", b"payload")
    raw = c.path("output", "ab12").read_bytes()
    assert raw.startswith(b"payload\n" + FORMAT) and unframe(raw, "output/ab12") == b"payload"
    assert c.get("output", "ab12") == b"payload"
    c.put_chunks("output", "cd34", iter([b"pay", b"load"]))
    assert c.get("output", "cd34") == b"payload"
    assert unframe(raw, "output/cd34") is None  # another entry's: moved, it does not prove itself


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2], lambda b: b"\0" * len(b), lambda b: b[:3] + b"X" + b[4:],
    lambda b: b"", lambda b: b + b"more", lambda b: b"payload",
    lambda b: frame(b"payload", "output/other"),
], ids=["cut", "zero-filled", "a byte changed", "empty", "grown", "no trailer", "moved"])
def test_a_damaged_entry_is_dropped_never_served(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    c = Cache(tmp_path)
    c.put("output", "ab12", b"payload")
    p = c.path("output", "ab12")
    p.write_bytes(damage(p.read_bytes()))
    assert c.get("output", "ab12") is None
    assert not p.exists() and c.misses == 1 and c.hits == 0


def test_a_wrongly_shaped_json_entry_is_dropped(tmp_path: Path) -> None:
    c = Cache(tmp_path)
    c.put_json("meta", "ab12", {"warnings": 5})
    shape = lambda m: isinstance(m.get("warnings"), list)  # noqa: E731
    assert c.get_json("meta", "ab12", shape) is None and not c.path("meta", "ab12").exists()
    c.put_json("meta", "ab12", {"warnings": []})
    assert c.get_json("meta", "ab12", shape) == {"warnings": []}
    c.put_json("digest", "ab12", {"id": 1})
    assert c.get_parsed("digest", "ab12", lambda x: x["totals"]) is None  # (KeyError: refused)


@pytest.mark.skipif(os.name != "posix", reason="a FIFO is POSIX")
def test_an_entry_that_is_not_a_file_is_no_hit_and_no_hang(tmp_path: Path) -> None:
    c = Cache(tmp_path)
    p = c.path("output", "ab12")
    p.parent.mkdir(parents=True)
    os.mkfifo(p)
    assert c.get("output", "ab12") is None and not p.exists()
    os.mkfifo(p)
    c.put("output", "ab12", b"payload")  # (never written into the FIFO)
    assert c.get("output", "ab12") == b"payload"


def test_a_key_of_a_name_that_is_not_utf8() -> None:
    name = os.fsdecode("中文.txt".encode("gbk"))
    assert key("document", name) != key("document", "中文.txt")


def test_a_hit_gives_the_same_bytes_and_a_damaged_entry_is_recomputed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh, hit, again = tmp_path / "fresh.json", tmp_path / "hit.json", tmp_path / "again.json"
    assert _diff(cache=cache, out=fresh).returncode == 0
    entries = sorted(p for p in cache.rglob("*") if p.is_file())
    assert {p.parent.parent.name for p in entries} == {"xml", "meta", "output"}
    assert _diff(cache=cache, out=hit).returncode == 0
    assert hit.read_bytes() == fresh.read_bytes()
    for p in entries:  # every entry cut: each is found out and made again
        p.write_bytes(p.read_bytes()[:-10])
    assert _diff(cache=cache, out=again).returncode == 0
    assert again.read_bytes() == fresh.read_bytes()
    assert all(unframe(p.read_bytes(), f"{p.parent.parent.name}/{p.name}") is not None
               for p in entries)


def test_no_cache_bypasses_it(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert _diff(cache=cache, out=a).returncode == 0
    entries = {p: p.read_bytes() for p in cache.rglob("*") if p.is_file()}
    for p in entries:  # a cache whose every entry is damaged: --no-cache never reads it
        p.write_bytes(b"\0" * 64)
    done = _diff("--no-cache", cache=cache, out=b)
    assert done.returncode == 0 and b.read_bytes() == a.read_bytes()
    assert all(p.read_bytes() == b"\0" * 64 for p in entries)
    assert len([p for p in cache.rglob("*") if p.is_file()]) == len(entries)


def _build(root: Path, reports: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guidediff", "build", "--corpus", str(root),
                           "--reports", str(reports)], capture_output=True, text=True,
                          check=False)


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "raw").mkdir(parents=True)
    for p in (RAW_2021, RAW_2022):
        (root / "raw" / p.name).write_bytes(p.read_bytes())
    (root / "manifest.toml").write_bytes((CORPUS / "manifest.toml").read_bytes())
    return root


def test_a_build_finds_a_file_edited_with_its_size_and_time_kept(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    assert _build(root, tmp_path / "reports").returncode == 0
    raw = root / "raw" / RAW_2022.name
    st = raw.stat()
    raw.write_bytes(raw.read_bytes().replace("4500万元".encode(), "4600万元".encode(), 1))
    os.utime(raw, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert raw.stat().st_size == st.st_size
    done = _build(root, tmp_path / "reports")
    assert done.returncode == 1 and "sha256 is" in done.stderr


def test_a_build_with_every_cache_entry_damaged_is_the_same_build(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    assert _build(root, tmp_path / "first").returncode == 0
    for p in (root / ".cache").rglob("*"):
        if p.is_file():
            p.write_bytes(json.dumps({"versions": [], "warnings": 5}).encode())
    done = _build(root, tmp_path / "again")
    assert done.returncode == 0, done.stderr
    first = {p.relative_to(tmp_path / "first"): p.read_bytes()
             for p in (tmp_path / "first").rglob("*") if p.is_file()}
    again = {p.relative_to(tmp_path / "again"): p.read_bytes()
             for p in (tmp_path / "again").rglob("*") if p.is_file()}
    assert first == again
