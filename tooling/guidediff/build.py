"""``guidediff build``: normalize every document named by the corpus manifest into corpus/xml/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import atomic
from .corpus import Entry, Manifest, verify_checksum
from .normalize import normalize_file


@dataclass(frozen=True)
class Built:
    doc_id: str
    path: Path
    directions: int


def build_entry(entry: Entry, out_dir: Path) -> Built:
    verify_checksum(entry)
    n = normalize_file(entry.path, meta=entry.meta)
    n.check()
    data = n.xml_bytes()
    target = atomic.safe_child(out_dir, f"{entry.meta.id}.xml")
    atomic.write_bytes(target, data)
    return Built(entry.meta.id, out_dir / target.name, len(n.guideline.directions))


def xml_path(manifest: Manifest, doc_id: str) -> Path:
    return manifest.xml_dir / f"{doc_id}.xml"
