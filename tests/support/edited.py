"""Edits of the real 2022 guideline, read as a user's file is: the text, its reading, and the
places generated edits go (tests/test_truth.py, test_truth_families.py, test_neutral.py)."""

from __future__ import annotations

import re
from functools import cache

from guidediff.model import Direction, Guideline, Item
from guidediff.normalize.pipeline import normalize_raw
from guidediff.read.ingest import ingest_bytes

from ..conftest import RAW_2022

# names of the contacts the edits add, Latin and Chinese
NAMES = ("Anna Berg", "李明", "Jean Dupont", "Maria Rossi", "王芳", "Lars Olsen")


@cache
def text() -> str:
    """The 2022 guideline's text, as corpus/raw holds it."""
    return RAW_2022.read_text(encoding="utf-8")


def read(edited: str) -> Guideline:
    """An edited text read as a user's file is."""
    return normalize_raw(ingest_bytes(edited.encode("utf-8"), "edited.txt")).guideline


@cache
def original() -> Guideline:
    """The unedited text, read the same way."""
    return read(text())


def with_requirements() -> list[tuple[Direction, Item]]:
    """The directions whose 其他要求 is a list, each with its last item."""
    out = []
    for d in original().directions:
        f = d.field("requirements")
        if f is not None and f.items:
            out.append((d, f.items[-1]))
    return out


def next_marker(marker: str) -> str:
    """The list marker after ``marker``: （3） after （2）, 4） after 3）."""
    m = re.search(r"\d+", marker)
    assert m is not None, marker
    return marker[:m.start()] + str(int(m.group()) + 1) + marker[m.end():]
