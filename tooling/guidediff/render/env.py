"""The one Jinja2 environment: templates in the package, autoescape on, undefined is an error."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .fmt import signed, value_text
from .i18n import kind_label, t
from .names import figure_in_words, place, source_text, title_note
from .phrases import check_verdict, evidence_text, phrase
from .words import yuan


def diff_html(ops: tuple[tuple[int, str], ...], side: str) -> Markup:
    """One side of a token diff: 'old' shows deletions, 'new' insertions, 'both' all."""
    out = []
    for op, chunk in ops:
        if op == 0:
            out.append(escape(chunk))
        elif op < 0 and side in ("old", "both"):
            out.append(Markup('<del title="删除">{}</del>').format(chunk))
        elif op > 0 and side in ("new", "both"):
            out.append(Markup('<ins title="新增">{}</ins>').format(chunk))
    return Markup("").join(out)


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("guidediff", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters.update(diff_html=diff_html, value=value_text, signed=signed, place=place,
                       phrase=phrase, src=source_text, yuan=yuan,
                       evidence=evidence_text, figure_words=figure_in_words,
                       verdict=check_verdict, title_note=title_note)
    env.globals.update(t=t, kind_label=kind_label)
    return env
