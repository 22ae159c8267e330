"""The proofreader's findings as one self-contained HTML page (no script, no outside resource),
grouped by direction, each finding with its place, clause, severity, kind, words and fix."""

from __future__ import annotations

from pathlib import Path

from ..proofread import Proofreading
from ..proofread.words import message, suggestion, where, word
from ..version import __version__
from .check import groups, heading, summary_line, unit_of
from .env import environment

_WORDS = ("title", "none", "place", "clause", "severity", "kind", "message", "fix", "html_lang",
          "downloads")


def html_text(r: Proofreading, lang: str = "zh",
              downloads: tuple[tuple[str, str], ...] = ()) -> str:
    """The page; ``downloads``: (label, address) of links atop it (the web app's files)."""
    unit = unit_of(r)
    rows = [{"heading": heading(r, direction, lang),
             "rows": [{"where": where(f, unit, lang), "clause": f.place.clause or "",
                       "severity": f.severity.value,
                       "severity_word": word(f"words.{f.severity.value}", lang),
                       "kind": word(f"kind.{f.kind.value}", lang), "code": f.code,
                       "line": f.place.line, "message": message(f, lang, unit),
                       "fix": suggestion(f, lang) or ""} for f in found]}
            for direction, found in groups(r)]
    g = r.document.guideline
    against = (word("words.against", lang, name=r.against.meta.id)
               if r.against is not None else "")
    return environment().get_template("check.html.j2").render(
        lang=lang, version=__version__, words={k: word(f"words.{k}", lang) for k in _WORDS},
        document={"title": g.meta.title, "name": Path(r.document.path).name},
        against=against, summary=summary_line(r, lang), groups=rows, downloads=downloads)


def html_bytes(r: Proofreading, lang: str = "zh",
               downloads: tuple[tuple[str, str], ...] = ()) -> bytes:
    return html_text(r, lang, downloads).encode("utf-8")
