"""Review marks: what a reader decided about each change (已核对 or 有疑问, and a note), as the
web page keeps them; written into a 核对意见 column of the 新旧对照表 and of the CSV, beside the
changes they are about. Renderers only read them (like the events)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .i18n import t

STATUSES = ("checked", "query")  # (their words: review.checked, review.query, in the catalogue)
MAX_NOTE = 2000  # characters of one note
COLUMN_MM = 40.0  # the 对照表's 核对意见 column (the others give up the room in proportion;
# render/table.py lays it out as one more of its columns)
SHORT = 16  # characters of a change's wording that name it beside its mark


@dataclass(frozen=True)
class Mark:
    status: str = ""  # checked | query | "" (a note alone)
    note: str = ""


@dataclass(frozen=True)
class Review:
    """The HTML report's review pane: marks kept in the browser under ``key`` (the comparison's
    id), exported by posting them to ``action`` + a file name (table.docx, changes.csv)."""

    key: str
    action: str


def column(lang: str) -> str:
    return t("review.column", lang)


def mark_text(m: Mark, lang: str) -> str:
    """已核对：note — or the status alone, or the note alone."""
    status = t(f"review.{m.status}", lang) if m.status in STATUSES else ""
    return t("review.sep", lang).join(x for x in (status, m.note.strip()) if x)


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[:SHORT - 1] + "…"


def marks_text(ids: Iterable[str], marks: Mapping[str, Mark], said: Mapping[str, str],
               lang: str) -> str:
    """The 核对意见 of a row stating the changes ``ids``; each named by the start of what the
    row says of it (``said``) when the row states more than one."""
    ids = [i for i in ids if i in marks and mark_text(marks[i], lang)]
    if len(ids) == 1:
        return mark_text(marks[ids[0]], lang)
    return "\n".join(
        f"（{_short(said[i])}）{mark_text(marks[i], lang)}" for i in ids)
