"""How readers see places and sources: one wording for every report, in Chinese by default and
English on request. No internal name (a field key, ``requirements[6]``) reaches a reader:
positions are named as a drafting office names them (第6项其他要求, 第3个领域方向), from the
``Location`` an event carries."""

from __future__ import annotations

from decimal import Decimal

from ..compare.events import DocInfo
from ..compare.kinds import Figure
from ..compare.location import OTHER, Location, Scope
from ..model import Source
from ..normalize.vocabulary import vocabulary
from .i18n import catalogue, t
from .words import NONE, yuan

# list clauses: how a position is counted in each (第3个领域方向, 第6项其他要求)
_COUNTED = ("areas", "requirements", "agreements")


def figure_name(figure: Figure, lang: str = "zh") -> str:
    """A stated figure as a sentence names it (指南方向数, number of directions)."""
    return t(f"figure_name.{figure.value}", lang)


def figure_value(figure: Figure, n: object, approx: bool, lang: str = "zh") -> str:
    """A stated count with its unit (17个, 283项左右; about 283)."""
    return t(f"figure_{'approx' if approx else 'count'}.{figure.value}", lang, n=n)


def section_name(where: Location, lang: str = "zh") -> str:
    """The section of a place as readers call it: budget → 拟支持经费, goals → 总体目标."""
    if where.scope is Scope.FIGURE:
        return figure_name(Figure(where.section), lang)
    if where.scope is Scope.PREAMBLE:
        return t(f"preamble.{where.section}", lang, n=where.part)
    if where.section == OTHER:
        return where.label  # a label guidediff does not know is shown as printed (申报说明)
    if f"section.{where.section}" in catalogue():
        return t(f"section.{where.section}", lang)
    f = vocabulary().field(where.section)
    return where.section if f is None else (f.zh if lang == "zh" else f.en)


def place(where: Location, lang: str = "zh") -> str:
    """Where a change is, in words: requirements (6) → 第6项其他要求, areas (1, 2) → 第1个领域方向
    第2项, goals (2) → 总体目标第2句, a part's heading → 总体目标（标题）."""
    name = section_name(where, lang)
    if where.heading:
        return t("place.heading", lang, name=name)
    if not where.path:
        return name
    top = where.path[0]
    if where.scope is Scope.DIRECTION and where.section in _COUNTED:
        text = t(f"place.{where.section}", lang, n=top)
    elif where.scope is Scope.PREAMBLE:
        text = t("place.sentence", lang, name=name, n=top)
    else:
        text = t("place.item", lang, name=name, n=top)
    if len(where.path) > 1:
        text = t("place.subitem", lang, text=text, n=".".join(str(k) for k in where.path[1:]))
    return text


def source_text(src: Source | None, unit: str = "line", lang: str = "zh") -> str:
    """Where a clause stands in its document: 第5页第126行, 第3页第57段 (a DOCX paragraph)."""
    if src is None:
        return ""
    lines = str(src.line) if src.end_line == src.line else f"{src.line}–{src.end_line}"
    where = t(f"source.{'paragraph' if unit == 'paragraph' else 'line'}", lang, lines=lines)
    return where if src.page is None else t("source.page", lang, page=src.page, where=where)


def title_note(doc: DocInfo, lang: str = "zh") -> str:
    """What follows a document's title where it prints none: that it prints no title line, and
    where the name the reports give it was read (（文件未印标题行，名称取自第2页第21–27行））."""
    if doc.title_line:
        return ""
    if doc.title_source is None:
        return t("source.no_title_line_nowhere", lang)
    return t("source.no_title_line", lang,
             where=source_text(doc.title_source, doc.line_unit, lang))


def figure_in_words(value: Decimal | int | None, figure: Figure, lang: str,
                    approx: bool = False) -> str:
    """A stated or computed figure with its unit (17个, 8.2亿元; as stated with 约 or 左右:
    约6.2亿元, 283项左右), or — ."""
    if value is None:
        return NONE
    if figure is Figure.BUDGET:
        return yuan(value, lang, approx)
    return figure_value(figure, value, approx, lang)
