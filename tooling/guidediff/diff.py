"""Typed change events for two versions of a guideline.

Structure first, text second: directions are aligned (``align``), then inside a matched pair the
typed values are compared (budget, project count, duration, contacts, links), and the clauses of
each field are matched by content, so a reordered clause is a move and not a delete plus an
insert. Only then are the texts of matched clauses diffed, token by token.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace

from . import facts
from .align import align
from .assign import assign
from .check import reconcile
from .clauses import Node, field_nodes, field_text
from .events import AlignmentRow, Change, ChangeLog, DocInfo, TypedValue
from .model import Agreement, Contact, Direction, Duration, Field, Guideline, Link, Source
from .textnorm import comparable, similarity, token_diff

CLAUSE_THRESHOLD = 0.5
_LIST_KINDS = {"areas": "area", "requirements": "requirement"}


def _id(kind: str, old: str | None, new: str | None, field: str, old_text: str | None,
        new_text: str | None) -> str:
    key = "\x1f".join([kind, old or "", new or "", field, old_text or "", new_text or ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _change(kind: str, old: str | None, new: str | None, field: str, *,
            old_text: str | None = None, new_text: str | None = None,
            old_value: TypedValue = None, new_value: TypedValue = None,
            format_only: bool = False, with_diff: bool = False,
            old_source: Source | None = None, new_source: Source | None = None) -> Change:
    ops = tuple(token_diff(old_text or "", new_text or "")) if with_diff else ()
    return Change(_id(kind, old, new, field, old_text, new_text), kind, old, new, field,
                  old_text, new_text, old_value, new_value, ops, format_only, old_source,
                  new_source)


# ---------------------------------------------------------------- clause lists


def _moved(pairs: list[tuple[int, int]], weight: dict[tuple[int, int], float]
           ) -> set[tuple[int, int]]:
    """Pairs outside the heaviest run kept in the same relative order: those moved.

    The run maximizes the summed similarity of its pairs, so of two clauses that swapped places
    the one that changed more is reported as the move; the choice is the same whichever document
    is called old (the weights are symmetric).
    """
    pairs = sorted(pairs)
    n = len(pairs)
    best = [weight[p] for p in pairs]
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if pairs[j][1] < pairs[i][1] and best[j] + weight[pairs[i]] > best[i] + 1e-9:
                best[i], prev[i] = best[j] + weight[pairs[i]], j
    keep: set[tuple[int, int]] = set()
    k = max(range(n), key=lambda i: (round(best[i], 9), -i), default=-1)
    while k >= 0:
        keep.add(pairs[k])
        k = prev[k]
    return set(pairs) - keep


def _nodes_changes(noun: str, old_d: str, new_d: str, name: str, olds: list[Node],
                   news: list[Node], path: str = "") -> Iterator[Change]:
    scores = [[similarity(a.full, b.full) for b in news] for a in olds]
    pairs = assign(scores, CLAUSE_THRESHOLD) if olds and news else []
    moved = _moved(pairs, {(i, j): scores[i][j] for i, j in pairs})
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    for i, j in pairs:
        a, b = olds[i], news[j]
        label = f"{name}[{path}{j + 1}]"
        if (i, j) in moved:
            yield _change(f"{noun}_moved", old_d, new_d, label, old_text=a.text, new_text=b.text,
                          old_source=a.source, new_source=b.source)
        if a.text != b.text or a.marker != b.marker:
            fmt = comparable(a.text) == comparable(b.text)
            yield _change(f"{noun}_changed", old_d, new_d, label, old_text=a.text,
                          new_text=b.text, format_only=fmt, with_diff=True,
                          old_source=a.source, new_source=b.source)
        yield from _nodes_changes(noun, old_d, new_d, name, list(a.children), list(b.children),
                                  f"{path}{j + 1}.")
    for i, a in enumerate(olds):
        if i not in paired_old:
            yield _change(f"{noun}_removed", old_d, new_d, f"{name}[{path}{i + 1}]",
                          old_text=a.marker + a.full, old_source=a.source)
    for j, b in enumerate(news):
        if j not in paired_new:
            yield _change(f"{noun}_added", old_d, new_d, f"{name}[{path}{j + 1}]",
                          new_text=b.marker + b.full, new_source=b.source)


# ---------------------------------------------------------------- fields


def _agreement_nodes(f: Field) -> list[Node]:
    return [Node("", v.title, b.source) for b in f.blocks() for v in b.values(Agreement)
            if isinstance(v, Agreement)]


def _agreement_changes(od: str, nd: str, fo: Field, fn: Field) -> Iterator[Change]:
    olds = _agreement_nodes(fo)
    news = _agreement_nodes(fn)
    if not olds and not news:
        olds = [Node("", b.text, b.source) for b in fo.paras]
        news = [Node("", b.text, b.source) for b in fn.paras]
    found = list(_nodes_changes("agreement", od, nd, "agreements", olds, news))
    yield from (c for c in found if not c.kind.endswith("_moved"))
    if not found and field_text(fo) != field_text(fn):
        yield _field_text_change(od, nd, fo, fn)


def _field_text_change(od: str, nd: str, fo: Field, fn: Field) -> Change:
    a, b = field_text(fo), field_text(fn)
    return _change("text_changed", od, nd, fn.name, old_text=a, new_text=b,
                   format_only=comparable(a) == comparable(b), with_diff=True,
                   old_source=fo.source, new_source=fn.source)


def _field_changes(od: str, nd: str, fo: Field | None, fn: Field | None) -> Iterator[Change]:
    name = (fn or fo).name  # type: ignore[union-attr]
    if fo is not None and fn is not None:
        if name == "agreements":
            yield from _agreement_changes(od, nd, fo, fn)
        elif name in _LIST_KINDS:
            yield from _nodes_changes(_LIST_KINDS[name], od, nd, name, field_nodes(fo),
                                      field_nodes(fn))
        elif name in ("budget", "projects"):
            a, b = field_text(fo), field_text(fn)
            if a != b and comparable(a) == comparable(b):
                yield _field_text_change(od, nd, fo, fn)
        elif field_text(fo) != field_text(fn):
            yield _field_text_change(od, nd, fo, fn)
        return
    present = fn or fo
    assert present is not None
    if name in _LIST_KINDS:
        noun = _LIST_KINDS[name]
        olds = field_nodes(fo) if fo else []
        news = field_nodes(fn) if fn else []
        yield from _nodes_changes(noun, od, nd, name, olds, news)
    elif name not in ("budget", "projects"):
        yield _change("text_changed", od, nd, name,
                      old_text=field_text(fo) if fo else None,
                      new_text=field_text(fn) if fn else None,
                      old_source=fo.source if fo else None, new_source=fn.source if fn else None)


# ---------------------------------------------------------------- typed values


def _text_of(d: Direction, name: str) -> tuple[str | None, Source | None]:
    f = d.field(name)
    return (field_text(f), f.source) if f is not None else (None, None)


def _budget_key(b: facts.Budget | None) -> object:
    if b is None:
        return None
    return b.amount_wan, b.cap, b.approx, tuple((m.amount_wan, m.cap) for m in b.lines)


def _projects_key(p: facts.Projects | None) -> object:
    return None if p is None else (p.min, p.max, p.cap, p.approx)


def _budget_changes(o: Direction, n: Direction) -> Iterator[Change]:
    bo, bn = facts.budget(o), facts.budget(n)
    if _budget_key(bo) != _budget_key(bn):
        (ta, sa), (tb, sb) = _text_of(o, "budget"), _text_of(n, "budget")
        yield _change("budget_changed", o.id, n.id, "budget", old_text=ta, new_text=tb,
                      old_value=bo, new_value=bn, with_diff=True, old_source=sa, new_source=sb)


def _projects_changes(o: Direction, n: Direction) -> Iterator[Change]:
    po, pn = facts.projects(o), facts.projects(n)
    if _projects_key(po) != _projects_key(pn):
        name_o = "projects" if o.field("projects") else "budget"
        name_n = "projects" if n.field("projects") else "budget"
        (ta, sa), (tb, sb) = _text_of(o, name_o), _text_of(n, name_n)
        yield _change("project_count_changed", o.id, n.id, name_n, old_text=ta, new_text=tb,
                      old_value=po, new_value=pn, with_diff=True, old_source=sa, new_source=sb)


def _main_duration(d: Direction) -> Duration | None:
    return next((x for x in facts.durations(d) if x.max_years is not None), None)


def _duration_changes(o: Direction, n: Direction) -> Iterator[Change]:
    do, dn = _main_duration(o), _main_duration(n)
    if do != dn:
        yield _change("duration_changed", o.id, n.id, "duration", old_value=do, new_value=dn)


def _contact_key(c: Contact) -> str:
    return (c.email or "").lower() or "".join((c.name or "").lower().split())


def _contact_changes(o: Direction, n: Direction) -> Iterator[Change]:
    olds = {_contact_key(c): c for c in facts.contacts(o)}
    news = {_contact_key(c): c for c in facts.contacts(n)}
    by_name_o = {"".join((c.name or "").lower().split()): k for k, c in olds.items() if c.name}
    renamed = {}  # new key -> old key, for a contact whose e-mail changed but name did not
    for k, c in news.items():
        nk = "".join((c.name or "").lower().split())
        if k not in olds and nk in by_name_o and by_name_o[nk] not in news:
            renamed[k] = by_name_o[nk]
    for k, c in news.items():
        ok = k if k in olds else renamed.get(k)
        if ok is None:
            yield _change("contact_added", o.id, n.id, "contacts", new_text=_contact_text(c),
                          new_value=c)
        elif _contact_norm(olds[ok]) != _contact_norm(c):
            yield _change("contact_changed", o.id, n.id, "contacts",
                          old_text=_contact_text(olds[ok]), new_text=_contact_text(c),
                          old_value=olds[ok], new_value=c, with_diff=True)
    for k, c in olds.items():
        if k not in news and k not in renamed.values():
            yield _change("contact_removed", o.id, n.id, "contacts", old_text=_contact_text(c),
                          old_value=c)


def _contact_norm(c: Contact) -> tuple[str, str, tuple[str, ...], str, str]:
    digits = tuple("".join(ch for ch in p if ch.isdigit()) for p in c.phones)
    return ((c.name or "").lower().replace(" ", ""), c.org or "", digits,
            (c.email or "").lower(), (c.web or "").rstrip("/"))


def _contact_text(c: Contact) -> str:
    parts = [c.name or "", c.org or "", "、".join(c.phones), c.email or "", c.web or ""]
    return "，".join(p for p in parts if p)


def _link_changes(o: Direction, n: Direction) -> Iterator[Change]:
    lo, ln = _links(o), _links(n)
    for href in sorted(set(ln) - set(lo)):
        yield _change("link_added", o.id, n.id, "links", new_text=href)
    for href in sorted(set(lo) - set(ln)):
        yield _change("link_removed", o.id, n.id, "links", old_text=href)


def _links(d: Direction) -> list[str]:
    """Links printed in the direction, outside contacts (a contact's web site is the contact's)."""
    out: list[str] = []
    for b in d.blocks():
        contacts = [(s.start, s.end) for s in b.spans if isinstance(s.value, Contact)]
        out.extend(s.value.href.rstrip("/") for s in b.spans if isinstance(s.value, Link)
                   and not any(a <= s.start and s.end <= z for a, z in contacts))
    return out


# ---------------------------------------------------------------- directions and documents


def direction_changes(o: Direction, n: Direction) -> list[Change]:
    out: list[Change] = []
    to, tn = facts.title_text(o), facts.title_text(n)
    if to != tn:
        out.append(_change("title_changed", o.id, n.id, "title", old_text=to, new_text=tn,
                           format_only=comparable(to) == comparable(tn), with_diff=True,
                           old_source=o.title.source, new_source=n.title.source))
    names = [f.name for f in n.fields] + [f.name for f in o.fields if not n.field(f.name)]
    for name in dict.fromkeys(names):
        out.extend(_field_changes(o.id, n.id, o.field(name), n.field(name)))
    for typed in (_budget_changes, _projects_changes, _duration_changes, _contact_changes,
                  _link_changes):
        out.extend(typed(o, n))
    return out


def _program(kind: str, d: Direction, side: str) -> Change:
    title = facts.title_text(d)
    if side == "old":
        return _change(kind, d.id, None, "direction", old_text=title, old_source=d.source,
                       old_value=facts.budget(d))
    return _change(kind, None, d.id, "direction", new_text=title, new_source=d.source,
                   new_value=facts.budget(d))


def _figure_changes(old: Guideline, new: Guideline) -> Iterator[Change]:
    so, sn = facts.stated(old), facts.stated(new)
    for figure in ("directions", "partners", "tasks", "budget"):
        a, b = getattr(so, figure), getattr(sn, figure)
        va = None if a is None else (a.amount_wan if figure == "budget" else a.max)
        vb = None if b is None else (b.amount_wan if figure == "budget" else b.max)
        if va != vb:
            sa, sb = old.summary, new.summary
            yield _change("document_figure_changed", None, None,
                          "budget_wan" if figure == "budget" else figure,
                          old_text=sa.text if sa else None, new_text=sb.text if sb else None,
                          old_value=va, new_value=vb,
                          old_source=sa.source if sa else None,
                          new_source=sb.source if sb else None)


def doc_info(g: Guideline) -> DocInfo:
    m = g.meta
    return DocInfo(m.id, m.title, m.source, m.sha256, m.year, m.stage, len(g.directions))


def diff(old: Guideline, new: Guideline) -> ChangeLog:
    rows = align(old, new)
    changes: list[Change] = list(_figure_changes(old, new))
    for r in rows:
        if r.status == "matched":
            o, n = old.direction(r.old or ""), new.direction(r.new or "")
            assert o is not None and n is not None
            changes.extend(direction_changes(o, n))
        elif r.status == "added":
            d = new.direction(r.new or "")
            assert d is not None
            changes.append(_program("program_added", d, "new"))
        else:
            d = old.direction(r.old or "")
            assert d is not None
            changes.append(_program("program_dropped", d, "old"))
    checks = [replace(c, document="old") for c in reconcile(old)]
    checks += [replace(c, document="new") for c in reconcile(new)]
    return ChangeLog(doc_info(old), doc_info(new), tuple(rows), tuple(changes), tuple(checks))


def matched_rows(log: ChangeLog) -> list[AlignmentRow]:
    return [r for r in log.alignment if r.status == "matched"]
