"""Run the normalization pipeline on one file: ingest → clean → parse → annotate → XML."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from lxml import etree

from .. import xmlio
from ..model import DocMeta, Guideline
from ..read.detect import detect
from ..read.ingest import ingest, ingest_bytes
from ..read.raw import DEFAULT_MAX_BYTES, RawText, read_bytes
from .annotate import annotate
from .clean import StepReport, clean
from .conserve import ConservationReport, check_conservation
from .parse import parse
from .structure import structure_warnings


@dataclass(frozen=True)
class Normalized:
    raw: RawText
    guideline: Guideline
    reports: tuple[StepReport, ...]

    @cached_property
    def _xml(self) -> bytes:
        return xmlio.to_bytes(self.guideline)  # serialized and validated once

    def xml_bytes(self) -> bytes:
        return self._xml

    @cached_property
    def warnings(self) -> tuple[str, ...]:
        """What the readers noticed, then where the structure disagrees with the document."""
        return self.raw.warnings + tuple(f"{self.raw.path}: {w}"
                                         for w in structure_warnings(self.guideline))

    def check(self) -> ConservationReport:
        root = etree.fromstring(self.xml_bytes(), xmlio.safe_parser())
        return check_conservation(self.raw, root)


def normalize_raw(raw: RawText, meta: DocMeta | None = None, doc_id: str = "") -> Normalized:
    cleaned = clean(raw)
    g = annotate(parse(raw, cleaned, doc_id))
    if meta is not None:
        g = replace(g, meta=_merge(g.meta, meta))
    return Normalized(raw, g, tuple(cleaned.reports))


def normalize_file(path: str | Path, meta: DocMeta | None = None, doc_id: str = "",
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Normalized:
    return normalize_raw(ingest(path, max_bytes), meta, doc_id)


def _merge(found: DocMeta, given: DocMeta) -> DocMeta:
    """Metadata the manifest states wins over what was read from the text."""
    return replace(found, id=given.id or found.id, title=given.title or found.title,
                   program=given.program or found.program, year=given.year or found.year,
                   batch=given.batch or found.batch, stage=given.stage or found.stage,
                   source=given.source or found.source, date=given.date or found.date)


def load(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES,
         warn: Callable[[str], None] | None = None) -> Guideline:
    """A Guideline from a guideline text, PDF, DOCX or HTML, or a normalized XML file.

    Warnings go to ``warn``: the readers' (a DOCX read with its tracked changes…) and where the
    structure disagrees with the document (``structure.structure_warnings``).
    """
    p = Path(path)
    data = read_bytes(p, max_bytes)
    if data and detect(data, p) == "xml":
        g = xmlio.parse_xml(data, p)
        warnings = tuple(f"{p}: {w}" for w in structure_warnings(g))
    else:
        n = normalize_raw(ingest_bytes(data, p))
        g, warnings = n.guideline, n.warnings
    for w in warnings:
        if warn is not None:
            warn(w)
    return g
