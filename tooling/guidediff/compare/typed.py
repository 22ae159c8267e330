"""The typed values of a matched pair compared: budget (with its sub-budgets and per-project
cap), project count, duration, contacts (matched by e-mail, then by name) and links. Each
comparison reads the two directions' facts (``facts.DirectionFacts``), never the text again."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Contact, Direction, Duration, Source
from ..normalize.facts import Located, Projects
from ..text import canonical
from .clausediff import make_change
from .clauses import field_text
from .events import Change
from .facts import DirectionFacts
from .kinds import Kind
from .location import CONTACTS, LINKS, Location
from .measures import Measures

_CONTACTS, _LINKS = Location.in_direction(CONTACTS), Location.in_direction(LINKS)

def _text_of(d: Direction, name: str) -> tuple[str | None, Source | None]:
    f = d.field(name)
    return (field_text(f), f.source) if f is not None else (None, None)


def _projects_key(p: Projects | None) -> object:
    return None if p is None else (p.min, p.max, p.cap, p.approx)


def _budget_changes(o: DirectionFacts, n: DirectionFacts,
                    m: Measures) -> Iterator[Change]:
    bo, bn = o.budget, n.budget
    if (bo.key() if bo else None) != (bn.key() if bn else None):
        (ta, sa), (tb, sb) = _text_of(o.direction, "budget"), _text_of(n.direction, "budget")
        yield make_change(Kind.BUDGET_CHANGED, o.id, n.id, Location.of_field("budget"),
                          old_text=ta, new_text=tb, old_value=bo, new_value=bn, with_diff=True,
                          old_source=sa, new_source=sb, measures=m)


def _projects_changes(o: DirectionFacts, n: DirectionFacts,
                    m: Measures) -> Iterator[Change]:
    po, pn = o.projects, n.projects
    if _projects_key(po) != _projects_key(pn):
        name_o = "projects" if o.direction.field("projects") else "budget"
        name_n = "projects" if n.direction.field("projects") else "budget"
        (ta, sa), (tb, sb) = _text_of(o.direction, name_o), _text_of(n.direction, name_n)
        yield make_change(Kind.PROJECT_COUNT_CHANGED, o.id, n.id, Location.of_field(name_n),
                          old_text=ta, new_text=tb, old_value=po, new_value=pn, with_diff=True,
                          old_source=sa, new_source=sb, measures=m)


def _main_duration(d: DirectionFacts) -> Located[Duration] | None:
    return next((x for x in d.durations if x.value.max_years is not None), None)


def _duration_changes(o: DirectionFacts, n: DirectionFacts,
                    m: Measures) -> Iterator[Change]:
    do, dn = _main_duration(o), _main_duration(n)
    if (do.value if do else None) != (dn.value if dn else None):
        yield make_change(Kind.DURATION_CHANGED, o.id, n.id, Location.of_field("duration"),
                          old_value=do.value if do else None, new_value=dn.value if dn else None,
                          old_source=do.source if do else None,
                          new_source=dn.source if dn else None)


def _name_key(c: Contact) -> str:
    """A contact's name as matched: its canonical form (米卡（Mika） is 米卡(Mika)), no spaces."""
    return "".join(canonical(c.name or "").lower().split())


def _contact_key(c: Contact) -> str:
    return (c.email or "").lower() or _name_key(c)


def _contact_changes(o: DirectionFacts, n: DirectionFacts,
                    m: Measures) -> Iterator[Change]:
    olds = {_contact_key(c.value): c for c in o.contacts}
    news = {_contact_key(c.value): c for c in n.contacts}
    by_name_o = {_name_key(c.value): k for k, c in olds.items() if c.value.name}
    renamed = {}  # new key -> old key, for a contact whose e-mail changed but name did not
    for k, c in news.items():
        nk = _name_key(c.value)
        if k not in olds and nk in by_name_o and by_name_o[nk] not in news:
            renamed[k] = by_name_o[nk]
    for k, c in news.items():
        ok = k if k in olds else renamed.get(k)
        if ok is None:
            yield make_change(Kind.CONTACT_ADDED, o.id, n.id, _CONTACTS,
                              new_text=_printed(c), new_value=c.value,
                              new_source=c.source)
        elif contact_parts(olds[ok].value) != contact_parts(c.value):
            old = olds[ok]
            yield make_change(Kind.CONTACT_CHANGED, o.id, n.id, _CONTACTS,
                              old_text=_printed(old), new_text=_printed(c),
                              old_value=old.value, new_value=c.value, with_diff=True,
                              old_source=old.source, new_source=c.source, measures=m)
    for k, c in olds.items():
        if k not in news and k not in renamed.values():
            yield make_change(Kind.CONTACT_REMOVED, o.id, n.id, _CONTACTS,
                              old_text=_printed(c), old_value=c.value,
                              old_source=c.source)


def contact_parts(c: Contact) -> tuple[str, str, tuple[str, ...], str, str]:
    """A contact's name, organisation, phones, e-mail and web site as compared: canonical
    (米卡（Mika） is 米卡(Mika)), phones by their digits, a web site without its trailing slash."""
    digits = tuple("".join(ch for ch in p if ch.isdigit()) for p in c.phones)
    return (_name_key(c), canonical(c.org or ""), digits,
            (c.email or "").lower(), (c.web or "").rstrip("/"))


def _printed(c: Located[Contact]) -> str:
    """The words a contact is printed as (its value spelled out where none were kept)."""
    if c.printed:
        return c.printed
    v = c.value
    parts = [v.name or "", v.org or "", "、".join(v.phones), v.email or "", v.web or ""]
    return "，".join(p for p in parts if p)


def _link_changes(o: DirectionFacts, n: DirectionFacts,
                    m: Measures) -> Iterator[Change]:
    # a link is the same with or without its trailing slash; an event says it as printed
    # (its text) and repaired (its value), the slash kept
    lo = {x.value.rstrip("/"): x for x in reversed(o.links)}
    ln = {x.value.rstrip("/"): x for x in reversed(n.links)}
    for key in sorted(set(ln) - set(lo)):
        x = ln[key]
        yield make_change(Kind.LINK_ADDED, o.id, n.id, _LINKS, new_text=x.printed or x.value,
                          new_value=x.value, new_source=x.source)
    for key in sorted(set(lo) - set(ln)):
        x = lo[key]
        yield make_change(Kind.LINK_REMOVED, o.id, n.id, _LINKS, old_text=x.printed or x.value,
                          old_value=x.value, old_source=x.source)




def typed_changes(o: DirectionFacts, n: DirectionFacts, measures: Measures) -> list[Change]:
    """The events of a matched pair's typed values."""
    out: list[Change] = []
    for typed in (_budget_changes, _projects_changes, _duration_changes, _contact_changes,
                  _link_changes):
        out.extend(typed(o, n, measures))
    return out
