"""Run the normalization pipeline on one file: ingest → clean → parse → annotate → XML.

The document passes through as pieces (``parse.parse_stream``: its head, each part, each
direction): ``normalize_raw`` assembles them into the whole model; ``XmlStream`` writes each
piece's XML as soon as it is complete and checks it, so that a document of any size is never
whole in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from .. import xmlio
from ..model import Artifact, DocMeta, Guideline, Part
from ..read.detect import detect
from ..read.ingest import ingest, ingest_bytes
from ..read.raw import DEFAULT_MAX_BYTES, RawText, read_bytes
from .annotate import annotate
from .clean import StepReport, clean_lines, paragraphs
from .conserve import Conservation, ConservationReport, check_conservation
from .parse import Head, Piece, assemble, parse_stream
from .structure import StructureWatch, structure_warnings


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
        return _warnings(self.raw, structure_warnings(self.guideline))

    def check(self) -> ConservationReport:
        return check_conservation(self.raw, xmlio.parse_tree(self.xml_bytes()))


def _warnings(raw: RawText, structure: tuple[str, ...]) -> tuple[str, ...]:
    """The readers' warnings, then the structure's, each naming the file."""
    return raw.warnings + tuple(f"{raw.path}: {w}" for w in structure)


def _pieces(raw: RawText, meta: DocMeta | None, doc_id: str, reports: list[StepReport]
            ) -> tuple[Iterator[Piece], list[Artifact]]:
    """The document's annotated pieces in order, and what cleaning took out of it."""
    lines, artifacts, line_reports = clean_lines(raw)
    reports.extend(line_reports)

    def pieces() -> Iterator[Piece]:
        for piece in parse_stream(raw, paragraphs(lines, reports), doc_id):
            if isinstance(piece, Head) and meta is not None:
                piece = Head(_merge(piece.meta, meta), piece.front)
            yield annotate(piece)

    return pieces(), artifacts


def normalize_raw(raw: RawText, meta: DocMeta | None = None, doc_id: str = "") -> Normalized:
    reports: list[StepReport] = []
    pieces, artifacts = _pieces(raw, meta, doc_id, reports)
    g = assemble(pieces, artifacts)
    return Normalized(raw, g, tuple(reports))


def normalize_file(path: str | Path, meta: DocMeta | None = None, doc_id: str = "",
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Normalized:
    return normalize_raw(ingest(path, max_bytes), meta, doc_id)


class XmlStream:
    """A document's XML a piece at a time (``chunks``), each piece checked as it goes: its
    schema, and, read back from the bytes written, its text against the input (nothing lost).
    The chunks together are the bytes ``Normalized.xml_bytes`` gives. Once they are all taken,
    ``directions``, ``warnings`` and ``conservation`` say what was written; an error raised
    while they are taken means the output must be dropped."""

    def __init__(self, raw: RawText, meta: DocMeta | None = None, doc_id: str = "",
                 progress: Callable[[int], None] | None = None) -> None:
        """``progress``: told the number of directions written after each one."""
        self.raw, self.meta, self.doc_id, self.progress = raw, meta, doc_id, progress
        self.directions = 0
        self.warnings: tuple[str, ...] = ()
        self.conservation: ConservationReport | None = None

    def chunks(self) -> Iterator[bytes]:
        raw = self.raw
        pieces, artifacts = _pieces(raw, self.meta, self.doc_id, [])
        check = Conservation(raw, artifacts)
        watch = StructureWatch()
        writer = xmlio.Writer(raw.path, _ReadBack(check))
        for piece in pieces:
            watch.feed(piece)
            if isinstance(piece, Head):
                yield writer.head(piece.meta, piece.front)
            elif isinstance(piece, Part):
                yield writer.part(piece)
            else:
                self.directions += 1
                yield writer.direction(piece)
                if self.progress is not None:
                    self.progress(self.directions)
        data = writer.end(artifacts)
        self.conservation = check.finish()
        self.warnings = _warnings(raw, watch.warnings())
        yield data


class _ReadBack:
    """Hands each body element's text, and the artifacts, as parsed back from the bytes
    written, to the check: the bytes, not the model, are what must hold the input."""

    def __init__(self, check: Conservation) -> None:
        self.check = check

    def body(self, text: str) -> None:
        self.check.body(text)

    def artifacts(self, artifacts: list[Artifact]) -> None:
        self.check.written(artifacts)


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
