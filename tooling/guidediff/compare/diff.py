"""Typed change events for two versions of a guideline.

Structure first, text second: directions are aligned (``align``), then inside a matched pair the
typed values are compared (budget, project count, duration, contacts, links), and the clauses of
each field are matched by content, so a reordered clause is a move and not a delete plus an
insert. Only then are the texts of matched clauses diffed, token by token.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..model import Direction, Field, Guideline
from ..read.raw import line_unit
from .align import align
from .clausediff import Comparer, attach, make_change
from .events import Change, ChangeLog, DocInfo, PairView, ProgramValue, StatedFigure
from .facts import DirectionFacts, DocumentFacts, facts_of
from .kinds import AlignStatus, Figure, Kind, Subject
from .location import WHOLE, Location
from .measures import Measures
from .preamble import compare_preamble, title_printed, title_source
from .reconcile import reconcile
from .typed import typed_changes

# ---------------------------------------------------------------- directions and documents


def _by_occurrence(d: Direction | None) -> dict[tuple[str, int], Field]:
    """A direction's fields by key and occurrence: the second field printed under one label
    is compared with the other version's second, never hidden behind the first."""
    out: dict[tuple[str, int], Field] = {}
    seen: dict[str, int] = {}
    for f in d.fields if d is not None else ():
        k = seen[f.key] = seen.get(f.key, 0) + 1
        out[(f.key, k)] = f
    return out


def compare_directions(fo: DirectionFacts | None, fn: DirectionFacts | None,
                       measures: Measures | None = None) -> Comparer:
    """Events and rows of a matched pair, or the rows of an added or dropped direction."""
    measures = measures if measures is not None else Measures()
    o = fo.direction if fo else None
    n = fn.direction if fn else None
    cmp = Comparer(o.id if o else None, n.id if n else None, emit=o is not None and n is not None,
                   measures=measures)
    typed = typed_changes(fo, fn, measures) if fo is not None and fn is not None else []
    typed_ids = {c.location.section: c.id for c in typed
                 if c.location.section in ("budget", "projects")}
    cmp.addressed = tuple((c.old_source, c.new_source) for c in typed
                          if c.kind.subject in (Subject.CONTACT, Subject.LINK))
    cmp.title(o, n, fo.title if fo else None, fn.title if fn else None)
    fields_o = _by_occurrence(o)
    fields_n = _by_occurrence(n)
    for key in dict.fromkeys([*fields_n, *fields_o]):  # (a label printed twice: both)
        cmp.field(fields_o.get(key), fields_n.get(key), typed_ids)
    cmp.changes.extend(typed)
    cmp.rows = attach(cmp.rows, typed)
    return cmp


def _program(kind: Kind, d: DirectionFacts, side: str) -> Change:
    where = Location.in_direction(WHOLE)
    value = ProgramValue(d.budget, d.projects)
    if side == "old":
        return make_change(kind, d.id, None, where, old_text=d.title, old_source=d.source,
                           old_value=value)
    return make_change(kind, None, d.id, where, new_text=d.title, new_source=d.source,
                       new_value=value)


def _figure_changes(old: DocumentFacts, new: DocumentFacts) -> Iterator[Change]:
    so, sn = old.stated, new.stated
    for figure, name in ((Figure.DIRECTIONS, "directions"), (Figure.PARTNERS, "partners"),
                         (Figure.TASKS, "tasks"), (Figure.BUDGET, "budget")):
        a, b = getattr(so, name), getattr(sn, name)
        va = None if a is None else StatedFigure(figure, a)
        vb = None if b is None else StatedFigure(figure, b)
        if (va.number if va else None) != (vb.number if vb else None):
            sa, sb = old.guideline.summary, new.guideline.summary
            yield make_change(Kind.DOCUMENT_FIGURE_CHANGED, None, None,
                              Location.of_figure(figure),
                              old_text=sa.text if sa else None,
                              new_text=sb.text if sb else None, old_value=va, new_value=vb,
                              old_source=sa.source if sa else None,
                              new_source=sb.source if sb else None)


def doc_info(g: Guideline) -> DocInfo:
    m = g.meta
    return DocInfo(m.id, m.title, m.source, m.sha256, m.year, m.stage, len(g.directions),
                   line_unit(m.encoding), m.date, m.batch, title_printed(g), title_source(g))


def diff(old: Guideline | DocumentFacts, new: Guideline | DocumentFacts,
         measures: Measures | None = None) -> ChangeLog:
    """The change log of ``old`` → ``new``: each guideline's facts derived once (or given) and
    carried through the alignment, the clause comparison and the reconciliation; ``measures``
    remembers the text measures (a run of comparisons passes one to all)."""
    fo, fn = facts_of(old), facts_of(new)
    measures = measures if measures is not None else Measures()
    rows = align(fo, fn, measures=measures)
    preamble = compare_preamble(fo.guideline, fn.guideline, measures)
    figures = list(_figure_changes(fo, fn))
    preamble.rows = attach(preamble.rows, figures)  # stated in the paragraph that states them
    changes: list[Change] = figures + preamble.changes
    views: list[PairView] = []
    for r in rows:
        o = fo.direction(r.old) if r.old else None
        n = fn.direction(r.new) if r.new else None
        cmp = compare_directions(o, n, measures)
        if r.status is AlignStatus.MATCHED:
            changes.extend(cmp.changes)
        elif n is not None:
            changes.append(_program(Kind.PROGRAM_ADDED, n, "new"))
        elif o is not None:
            changes.append(_program(Kind.PROGRAM_DROPPED, o, "old"))
        views.append(PairView(r.status, r.old, r.new, r.old_title, r.new_title, r.score,
                              tuple(cmp.rows)))
    checks = [replace(c, document="old") for c in reconcile(fo)]
    checks += [replace(c, document="new") for c in reconcile(fn)]
    return ChangeLog(doc_info(fo.guideline), doc_info(fn.guideline), tuple(rows),
                     tuple(changes), tuple(checks), tuple(views), tuple(preamble.rows))
