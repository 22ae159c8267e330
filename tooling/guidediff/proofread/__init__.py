"""The proofreader (``guidediff check``), after compare and before render: one guideline's own
slips, found from the structure and the typed values guidediff reads.

In: a ``document.Document`` (a ``model.Guideline`` with its source lines; ``read_document``
reads one), and optionally the previous version's ``Guideline``. Out: a ``Proofreading``: typed
``model.Finding`` (kind, severity, place: line, page, direction, clause; a message key of
``messages.toml`` and its values) in document order; ``words`` words them in Chinese or English.

Open ``model.py`` first, then ``document.py`` (where a slip is: ``Spot``, ``Document.place``).
Each finding class is one module with a ``find``: ``figures`` (the stated totals, through
``compare.reconcile``), ``numbering``, ``years``, ``arithmetic``, ``addresses``, ``brackets``,
``lists``, ``repetition``, ``missing``. Precision over recall: each names only what is certainly
(error) or most likely (warning) a slip, or worth a look (note).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compare.facts import DocumentFacts
from ..model import Guideline
from . import (
    addresses,
    arithmetic,
    brackets,
    figures,
    lists,
    missing,
    numbering,
    repetition,
    years,
)
from .document import Document, document_of, read_document
from .model import Finding, FindingKind, Place, Severity

__all__ = ["Document", "Finding", "FindingKind", "Place", "Proofreading", "Severity",
           "document_of", "proofread", "read_document"]


@dataclass(frozen=True)
class Proofreading:
    """A document and what the proofreader found in it, in document order."""

    document: Document
    findings: tuple[Finding, ...]
    against: Guideline | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


def proofread(doc: Document, previous: Guideline | None = None) -> Proofreading:
    """Every finding of every class in ``doc`` (``previous``: the version it was made from)."""
    facts = DocumentFacts.of(doc.guideline)
    found = [
        *figures.find(doc, facts),
        *numbering.find(doc),
        *years.find(doc, previous),
        *arithmetic.find(doc, facts),
        *addresses.find(doc),
        *brackets.find(doc),
        *lists.find(doc),
        *repetition.find(doc),
        *missing.find(doc, facts),
    ]
    unique = list(dict.fromkeys(found))
    return Proofreading(doc, tuple(sorted(unique, key=Finding.sort_key)), previous)
