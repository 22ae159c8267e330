"""``guidediff build``: normalize every document named by the corpus manifest into corpus/xml/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import files, xmlio
from ..compare.diff import diff
from ..normalize.pipeline import normalize_file
from ..render import RenderOptions
from ..render.write import write_reports
from .manifest import Comparison, Entry, Manifest, verify_checksum


@dataclass(frozen=True)
class Built:
    doc_id: str
    path: Path
    directions: int
    warnings: tuple[str, ...] = ()


def build_entry(entry: Entry, out_dir: Path) -> Built:
    verify_checksum(entry)
    n = normalize_file(entry.path, meta=entry.meta)
    n.check()
    data = n.xml_bytes()
    target = files.safe_child(out_dir, f"{entry.meta.id}.xml")
    files.write_bytes(target, data)
    return Built(entry.meta.id, out_dir / target.name, len(n.guideline.directions), n.warnings)


def xml_path(manifest: Manifest, doc_id: str) -> Path:
    return manifest.xml_dir / f"{doc_id}.xml"


def report_stem(c: Comparison) -> str:
    return f"{c.old}__{c.new}"


def build_comparison(manifest: Manifest, c: Comparison, reports_dir: Path,
                     opts: RenderOptions | None = None) -> list[Path]:
    """Write every report of one comparison from the corpus XML (build the XML first)."""
    old = xmlio.read_xml(xml_path(manifest, c.old))
    new = xmlio.read_xml(xml_path(manifest, c.new))
    return write_reports(diff(old, new), reports_dir, report_stem(c), opts=opts)
