"""The change memo, written in sentences from the events (Markdown and DOCX), as a drafting
office writes one: the overview figures, the partners and programmes added and dropped, for each
direction one sentence per kind of change, the document's other parts, the reconciliation, and
a 落款 (the issuing office and the date).

The content is made here (``build_memo``), the Word layout in ``memo_docx.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..compare.events import Change, ChangeLog
from ..compare.kinds import AlignStatus, Figure, Kind, Operation, Subject
from ..model import Contact
from ..normalize.patterns import unmarked
from .i18n import LANGS, t
from .names import figure_name, figure_value, place
from .options import RenderOptions
from .phrases import href, phrase
from .summary import FigureLine, ProgramLine, Summary, summarize
from .text import check_line
from .words import budget_text, contact_text, quote, tolerance_text, yuan

CN = "一二三四五六七八九十"


@dataclass(frozen=True)
class Memo:
    title: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # heading, paragraphs
    issuer: str  # the 落款; empty: a line to fill in
    date: str  # as printed (2022年1月1日); empty: a line to fill in


# ---------------------------------------------------------------- 一、overview


def _figure(f: FigureLine, lang: str) -> str:
    def value(v: Decimal | int | None, approx: bool) -> str:
        if f.figure is Figure.BUDGET:
            return yuan(v, lang, approx)
        return "—" if v is None else figure_value(f.figure, v, approx, lang)

    return t("memo.figure", lang, name=figure_name(f.figure, lang),
             old=value(f.old, f.old_approx), new=value(f.new, f.new_approx))


def _rounding(log: ChangeLog, lang: str) -> list[str]:
    """Where a stated total and the sum of the directions differ within the document's
    rounding, say so: 8.2亿元 against 8.225亿元 is within 0.05亿元, not equal."""
    out = []
    for ch in log.checks:
        if not (ch.ok and ch.stated is not None and ch.computed is not None
                and ch.stated != ch.computed):
            continue
        if ch.figure is Figure.BUDGET:
            stated, computed = yuan(ch.stated, lang), yuan(ch.computed, lang)
        else:
            stated, computed = str(ch.stated), str(ch.computed)
        out.append(t("memo.within_rounding", lang, doc=t(ch.document, lang),
                     name=figure_name(ch.figure, lang), stated=stated, computed=computed,
                     step=tolerance_text(ch.tolerance, ch.stated, ch.figure, lang)))
    return out


def _overview(s: Summary, log: ChangeLog, lang: str) -> tuple[str, ...]:
    figs = [_figure(f, lang) for f in s.figures if f.old is not None or f.new is not None]
    first = t("memo.overview", lang, old=log.old.title, new=log.new.title,
              figures=t("memo.figure_sep", lang).join(figs), matched=s.matched,
              added=len(s.added), dropped=len(s.dropped))
    rounding = _rounding(log, lang)
    if rounding:
        first += t("memo.rounding", lang, items=t("sep.clause", lang).join(rounding))
    return (first,)


# ---------------------------------------------------------------- 二、partners and programmes


def _partners(s: Summary, lang: str) -> tuple[str, ...]:
    sep, none = t("sep.list", lang), t("word.none", lang)
    return (t("memo.partners", lang, n_added=len(s.partners_added),
              added=sep.join(s.partners_added) or none, n_dropped=len(s.partners_dropped),
              dropped=sep.join(s.partners_dropped) or none),)


def _programs(s: Summary, lang: str) -> tuple[str, ...]:
    def lines(ps: tuple[ProgramLine, ...]) -> str:
        return t("sep.clause", lang).join(
            t("memo.program", lang, title=p.title, id=p.id, budget=budget_text(p.budget, lang))
            for p in ps) or t("word.none", lang)

    return (t("memo.programs_added", lang, n=len(s.added), items=lines(s.added)),
            t("memo.programs_dropped", lang, n=len(s.dropped), items=lines(s.dropped)))


# ---------------------------------------------------------------- 三、each direction


def _subject(text: str) -> str:
    """What an area is about: its text up to 包括 or its first clause, quoted whole."""
    head = re.split(r"[，,：:；;。]|包括", unmarked(text or ""), maxsplit=1)[0]
    return quote(head, 30)


@dataclass(frozen=True)
class Statement:
    """One sentence of the memo and the events it states (a sentence may state several: 其他要求
    新增2项…), so that what it says can be traced to, and checked against, the comparison."""

    text: str
    changes: tuple[Change, ...]


def _said(c: Change, lang: str) -> Statement:
    return Statement(phrase(c, lang), (c,))


def _areas(changes: list[Change], lang: str) -> list[Statement]:
    """Area changes as sentences; when every area was replaced, one sentence says so
    (领域方向由“…”等3个调整为“…”)."""
    added = [c for c in changes if c.kind is Kind.AREA_ADDED and _top(c)]
    removed = [c for c in changes if c.kind is Kind.AREA_REMOVED and _top(c)]
    rest = [c for c in changes if c not in added and c not in removed]
    out = []
    if added and removed and not any(c.kind is Kind.AREA_CHANGED and _top(c)
                                     for c in changes):
        def some(cs: list[Change], old: bool) -> str:
            first = _subject((cs[0].old_text if old else cs[0].new_text) or "")
            return t("memo.areas_some" if len(cs) > 1 else "memo.areas_one", lang, first=first,
                     n=len(cs), more=len(cs) - 1)
        out.append(Statement(t("memo.areas_replaced", lang, old=some(removed, True),
                               new=some(added, False)), (*removed, *added)))
    else:
        rest = changes
    out.extend(_said(c, lang) for c in rest)
    return out


def _top(c: Change) -> bool:
    """Is the change's clause a top-level one (an area, not an item inside one)?"""
    return len(c.location.path) < 2


def _requirements(changes: list[Change], lang: str) -> list[Statement]:
    """Requirements summarized, not pasted: how many were added, removed and reworded, each by
    its position and first clause."""
    groups: dict[Operation, list[Change]] = defaultdict(list)
    for c in changes:
        groups[c.kind.operation].append(c)
    out = []
    for op in (Operation.ADDED, Operation.REMOVED, Operation.CHANGED, Operation.MOVED):
        cs = groups.get(op, [])
        if not cs:
            continue
        if op in (Operation.ADDED, Operation.REMOVED):
            items = [t("memo.quoted", lang, where=place(c.location, lang),
                       text=quote(unmarked(c.new_text or c.old_text or ""), 24)) for c in cs]
        elif op is Operation.CHANGED:
            items = [phrase(c, lang) for c in cs]
        else:
            items = [place(c.location, lang) for c in cs]
        out.append(Statement(t(f"memo.requirements_{op.value}", lang, n=len(cs),
                               items=t("sep.clause", lang).join(items)), tuple(cs)))
    return out


# the order of a direction's sentences: by kind, the areas and the requirements each together
_ORDER: tuple[Kind | Subject, ...] = (
    Kind.TITLE_CHANGED, Kind.AGREEMENT_ADDED, Kind.AGREEMENT_REMOVED, Kind.AGREEMENT_CHANGED,
    Subject.AREA, Kind.PROJECT_COUNT_CHANGED, Kind.BUDGET_CHANGED, Kind.DURATION_CHANGED,
    Subject.REQUIREMENT, Kind.CONTACT_ADDED, Kind.CONTACT_REMOVED, Kind.CONTACT_CHANGED,
    Kind.LINK_ADDED, Kind.LINK_REMOVED, Kind.TEXT_CHANGED)
_GROUPED = (Kind.CONTACT_ADDED, Kind.CONTACT_REMOVED, Kind.LINK_ADDED, Kind.LINK_REMOVED)


def _direction(changes: list[Change], lang: str) -> list[Statement]:
    by: dict[Kind | Subject, list[Change]] = defaultdict(list)
    for c in changes:
        subject = c.kind.subject
        by[subject if subject in (Subject.AREA, Subject.REQUIREMENT) else c.kind].append(c)
    out: list[Statement] = []
    for key in _ORDER:
        cs = by.get(key, [])
        if key is Subject.AREA and cs:
            out.extend(_areas(cs, lang))
        elif key is Subject.REQUIREMENT and cs:
            out.extend(_requirements(cs, lang))
        elif isinstance(key, Kind) and key in _GROUPED and cs:
            out.append(_grouped(key, cs, lang))
        else:
            out.extend(_said(c, lang) for c in cs)
    return out


def _grouped(kind: Kind, cs: list[Change], lang: str) -> Statement:
    """Contacts or links added (or removed) in one direction, in one sentence."""
    if len(cs) == 1:
        return _said(cs[0], lang)
    added = kind.operation is Operation.ADDED
    if kind.subject is Subject.CONTACT:
        people = [c.new_value if added else c.old_value for c in cs]
        items = [contact_text(p, lang) for p in people if isinstance(p, Contact)]
        what = "contacts"
    else:
        items = [href(c) for c in cs]
        what = "links"
    return Statement(t(f"memo.{what}_{'added' if added else 'removed'}", lang, n=len(cs),
                       items=t("sep.list", lang).join(items)), tuple(cs))


def direction_statements(log: ChangeLog, lang: str
                         ) -> dict[tuple[str, str], list[Statement]]:
    """The substantive changes of each matched pair of directions, in sentences."""
    pairs: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for c in log.substantive():
        if c.old_direction and c.new_direction:
            pairs[(c.old_direction, c.new_direction)].append(c)
    return {(r.old or "", r.new or ""): _direction(pairs[(r.old or "", r.new or "")], lang)
            for r in log.alignment
            if r.status is AlignStatus.MATCHED and pairs.get((r.old or "", r.new or ""))}


def direction_sentences(log: ChangeLog, lang: str) -> dict[tuple[str, str], list[str]]:
    """The same, as text."""
    return {k: [x.text for x in v] for k, v in direction_statements(log, lang).items()}


def _directions(log: ChangeLog, lang: str) -> tuple[str, ...]:
    said = direction_sentences(log, lang)
    out = []
    for r in log.alignment:
        sentences = said.get((r.old or "", r.new or ""))
        if sentences:
            out.append(t("memo.direction", lang, title=r.new_title, old=r.old, new=r.new,
                         body=t("sep.clause", lang).join(sentences)))
    return tuple(out) or (t("memo.no_direction_change", lang),)


# ---------------------------------------------------------------- 四、preamble, 五、checks


def _preamble(log: ChangeLog, lang: str) -> tuple[str, ...]:
    cs = [c for c in log.substantive() if c.kind is Kind.TEXT_CHANGED and not c.old_direction
          and not c.new_direction]
    # the stated figures are said in 一、总体情况: the edits of them in the sentence that states
    # them are not said again (a sentence whose only edits they are is not said here at all)
    figures = [c for c in log.substantive() if c.kind is Kind.DOCUMENT_FIGURE_CHANGED]
    said = (phrase(c, lang, tuple(f for f in figures if f.new_source == c.new_source
                                  and f.old_source == c.old_source)) for c in cs)
    out = [x + t("word.stop", lang) for x in said if x]
    return tuple(out) or (t("memo.no_other_change", lang),)


def _checks(log: ChangeLog, lang: str) -> tuple[str, ...]:
    bad = [c for c in log.checks if not c.ok]
    if bad:
        return tuple(check_line(c, lang) + t("word.stop", lang) for c in bad)
    if _rounding(log, lang):
        return (t("memo.checks_within_rounding", lang),)
    return (t("memo.checks_ok", lang),)


# ---------------------------------------------------------------- the memo


def _date(opts: RenderOptions, log: ChangeLog) -> str:
    """The memo's date: --date, else the date the newer document prints; else a blank line."""
    iso = opts.date or log.new.date
    if not iso:
        return ""
    return date_text(iso, opts.lang)


def date_text(iso: str, lang: str) -> str:
    """A date as a memo prints it (2022年1月1日; 2022-01-01)."""
    d = dt.date.fromisoformat(iso[:10])
    return t("memo.date", lang, year=d.year, month=d.month, day=d.day, iso=d.isoformat())


def build_memo(log: ChangeLog, opts: RenderOptions | None = None) -> Memo:
    opts = opts or RenderOptions()
    lang = opts.lang
    s = summarize(log)
    heads = tuple(t(f"memo.head_{part}", lang) for part in (
        "overview", "partners", "programs", "directions", "preamble", "checks"))
    title = t("memo.title", lang, title=log.new.title)
    bodies = (_overview(s, log, lang), _partners(s, lang), _programs(s, lang),
              _directions(log, lang), _preamble(log, lang), _checks(log, lang))
    return Memo(title, tuple(zip(heads, bodies, strict=True)), opts.issuer or "",
                _date(opts, log))


def blank(lang: str) -> tuple[str, str]:
    """A 落款 to fill in: the issuer's line and the date's."""
    return t("memo.blank_issuer", lang), t("memo.blank_date", lang)


BLANK = {lang: blank(lang) for lang in LANGS}


def memo_markdown(m: Memo, lang: str) -> bytes:
    """A memo in Markdown: every text the documents print escaped, a 落款 at the right."""
    from .escape import markdown

    blank_issuer, blank_date = blank(lang)
    out = [f"# {markdown(m.title)}", ""]
    for head, paras in m.sections:  # the headings are ours; the text quotes the documents
        out += [f"## {head}", ""]
        for p in paras:
            out += [markdown(p), ""]
    issuer = markdown(m.issuer) if m.issuer else blank_issuer
    date = markdown(m.date) if m.date else blank_date
    out += [f'<p align="right">{issuer}<br>{date}</p>', ""]
    return "\n".join(out).encode("utf-8")


def render_memo_md(log: ChangeLog, opts: RenderOptions) -> bytes:
    return memo_markdown(build_memo(log, opts), opts.lang)
