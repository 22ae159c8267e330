"""Typed change events for two versions of a guideline.

Structure first, text second: directions are aligned (``align``), then inside a matched pair the
typed values are compared (budget, project count, duration, contacts, links), and the clauses of
each field are matched by content, so a reordered clause is a move and not a delete plus an
insert. Only then are the texts of matched clauses diffed, token by token.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..model import Contact, Direction, Duration, Guideline, Source
from ..normalize import facts
from ..read.raw import line_unit
from .align import align
from .clausediff import Comparer, attach, make_change
from .clauses import field_text
from .events import Change, ChangeLog, DocInfo, PairView
from .preamble import compare_preamble
from .reconcile import reconcile

# ---------------------------------------------------------------- typed values


def _text_of(d: Direction, name: str) -> tuple[str | None, Source | None]:
    f = d.field(name)
    return (field_text(f), f.source) if f is not None else (None, None)


def _projects_key(p: facts.Projects | None) -> object:
    return None if p is None else (p.min, p.max, p.cap, p.approx)


def _budget_changes(o: Direction, n: Direction) -> Iterator[Change]:
    bo, bn = facts.budget(o), facts.budget(n)
    if (bo.key() if bo else None) != (bn.key() if bn else None):
        (ta, sa), (tb, sb) = _text_of(o, "budget"), _text_of(n, "budget")
        yield make_change("budget_changed", o.id, n.id, "budget", old_text=ta, new_text=tb,
                      old_value=bo, new_value=bn, with_diff=True, old_source=sa, new_source=sb)


def _projects_changes(o: Direction, n: Direction) -> Iterator[Change]:
    po, pn = facts.projects(o), facts.projects(n)
    if _projects_key(po) != _projects_key(pn):
        name_o = "projects" if o.field("projects") else "budget"
        name_n = "projects" if n.field("projects") else "budget"
        (ta, sa), (tb, sb) = _text_of(o, name_o), _text_of(n, name_n)
        yield make_change("project_count_changed", o.id, n.id, name_n, old_text=ta, new_text=tb,
                      old_value=po, new_value=pn, with_diff=True, old_source=sa, new_source=sb)


def _main_duration(d: Direction) -> facts.Located[Duration] | None:
    return next((x for x in facts.located_durations(d) if x.value.max_years is not None), None)


def _duration_changes(o: Direction, n: Direction) -> Iterator[Change]:
    do, dn = _main_duration(o), _main_duration(n)
    if (do.value if do else None) != (dn.value if dn else None):
        yield make_change("duration_changed", o.id, n.id, "duration",
                          old_value=do.value if do else None, new_value=dn.value if dn else None,
                          old_source=do.source if do else None,
                          new_source=dn.source if dn else None)


def _name_key(c: Contact) -> str:
    return "".join((c.name or "").lower().split())


def _contact_key(c: Contact) -> str:
    return (c.email or "").lower() or _name_key(c)


def _contact_changes(o: Direction, n: Direction) -> Iterator[Change]:
    olds = {_contact_key(c.value): c for c in facts.located_contacts(o)}
    news = {_contact_key(c.value): c for c in facts.located_contacts(n)}
    by_name_o = {_name_key(c.value): k for k, c in olds.items() if c.value.name}
    renamed = {}  # new key -> old key, for a contact whose e-mail changed but name did not
    for k, c in news.items():
        nk = _name_key(c.value)
        if k not in olds and nk in by_name_o and by_name_o[nk] not in news:
            renamed[k] = by_name_o[nk]
    for k, c in news.items():
        ok = k if k in olds else renamed.get(k)
        if ok is None:
            yield make_change("contact_added", o.id, n.id, "contacts",
                              new_text=_contact_text(c.value), new_value=c.value,
                              new_source=c.source)
        elif _contact_norm(olds[ok].value) != _contact_norm(c.value):
            old = olds[ok]
            yield make_change("contact_changed", o.id, n.id, "contacts",
                              old_text=_contact_text(old.value), new_text=_contact_text(c.value),
                              old_value=old.value, new_value=c.value, with_diff=True,
                              old_source=old.source, new_source=c.source)
    for k, c in olds.items():
        if k not in news and k not in renamed.values():
            yield make_change("contact_removed", o.id, n.id, "contacts",
                              old_text=_contact_text(c.value), old_value=c.value,
                              old_source=c.source)


def _contact_norm(c: Contact) -> tuple[str, str, tuple[str, ...], str, str]:
    digits = tuple("".join(ch for ch in p if ch.isdigit()) for p in c.phones)
    return (_name_key(c), c.org or "", digits,
            (c.email or "").lower(), (c.web or "").rstrip("/"))


def _contact_text(c: Contact) -> str:
    parts = [c.name or "", c.org or "", "、".join(c.phones), c.email or "", c.web or ""]
    return "，".join(p for p in parts if p)


def _link_changes(o: Direction, n: Direction) -> Iterator[Change]:
    lo = {x.value: x.source for x in reversed(facts.located_links(o))}
    ln = {x.value: x.source for x in reversed(facts.located_links(n))}
    for href in sorted(set(ln) - set(lo)):
        yield make_change("link_added", o.id, n.id, "links", new_text=href, new_source=ln[href])
    for href in sorted(set(lo) - set(ln)):
        yield make_change("link_removed", o.id, n.id, "links", old_text=href,
                          old_source=lo[href])


# ---------------------------------------------------------------- directions and documents


def _typed_changes(o: Direction, n: Direction) -> list[Change]:
    out: list[Change] = []
    for typed in (_budget_changes, _projects_changes, _duration_changes, _contact_changes,
                  _link_changes):
        out.extend(typed(o, n))
    return out


def compare_directions(o: Direction | None, n: Direction | None) -> Comparer:
    """Events and rows of a matched pair, or the rows of an added or dropped direction."""
    cmp = Comparer(o.id if o else None, n.id if n else None, emit=o is not None and n is not None)
    typed = _typed_changes(o, n) if o is not None and n is not None else []
    typed_ids = {c.field: c.id for c in typed if c.field in ("budget", "projects")}
    cmp.title(o, n)
    fields_o = list(o.fields) if o else []
    fields_n = list(n.fields) if n else []
    keys = [f.key for f in fields_n] + [f.key for f in fields_o]
    for key in dict.fromkeys(keys):
        cmp.field(o.field_by_key(key) if o else None, n.field_by_key(key) if n else None,
                  typed_ids)
    cmp.changes.extend(typed)
    cmp.rows = attach(cmp.rows, typed)
    return cmp


def _program(kind: str, d: Direction, side: str) -> Change:
    title = facts.title_text(d)
    if side == "old":
        return make_change(kind, d.id, None, "direction", old_text=title, old_source=d.source,
                       old_value=facts.budget(d))
    return make_change(kind, None, d.id, "direction", new_text=title, new_source=d.source,
                   new_value=facts.budget(d))


def _figure_changes(old: Guideline, new: Guideline) -> Iterator[Change]:
    so, sn = facts.stated(old), facts.stated(new)
    for figure in ("directions", "partners", "tasks", "budget"):
        a, b = getattr(so, figure), getattr(sn, figure)
        va = None if a is None else (a.amount_wan if figure == "budget" else a.max)
        vb = None if b is None else (b.amount_wan if figure == "budget" else b.max)
        if va != vb:
            sa, sb = old.summary, new.summary
            yield make_change("document_figure_changed", None, None,
                          "budget_wan" if figure == "budget" else figure,
                          old_text=sa.text if sa else None, new_text=sb.text if sb else None,
                          old_value=va, new_value=vb,
                          old_source=sa.source if sa else None,
                          new_source=sb.source if sb else None)


def doc_info(g: Guideline) -> DocInfo:
    m = g.meta
    return DocInfo(m.id, m.title, m.source, m.sha256, m.year, m.stage, len(g.directions),
                   line_unit(m.encoding), m.date, m.batch)


def diff(old: Guideline, new: Guideline) -> ChangeLog:
    rows = align(old, new)
    preamble = compare_preamble(old, new)
    figures = list(_figure_changes(old, new))
    preamble.rows = attach(preamble.rows, figures)  # stated in the paragraph that states them
    changes: list[Change] = figures + preamble.changes
    views: list[PairView] = []
    for r in rows:
        o = old.direction(r.old) if r.old else None
        n = new.direction(r.new) if r.new else None
        cmp = compare_directions(o, n)
        if r.status == "matched":
            changes.extend(cmp.changes)
        elif n is not None:
            changes.append(_program("program_added", n, "new"))
        elif o is not None:
            changes.append(_program("program_dropped", o, "old"))
        views.append(PairView(r.status, r.old, r.new, r.old_title, r.new_title, r.score,
                              tuple(cmp.rows)))
    checks = [replace(c, document="old") for c in reconcile(old)]
    checks += [replace(c, document="new") for c in reconcile(new)]
    return ChangeLog(doc_info(old), doc_info(new), tuple(rows), tuple(changes), tuple(checks),
                     tuple(views), tuple(preamble.rows))
