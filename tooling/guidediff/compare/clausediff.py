"""Clause-level comparison of two directions: change events and the rows the reports show.

Fields are matched by name; list clauses by content with a global assignment, so a reordered
clause is a move; the texts of matched clauses are then diffed token by token. Rows are emitted
in an order that keeps both documents' order (see ``ClauseRow``).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..model import Agreement, Direction, Field, Source
from ..normalize import patterns as pt
from .assign import assign
from .clauses import Node, field_nodes, field_text
from .events import Change, ClauseRow, TypedValue
from .kinds import Kind, Operation, RowStatus, Subject
from .location import TITLE, Location
from .measures import Measures
from .neutral import neutral_between, neutral_edit
from .tokens import comparable, reword_similarity, token_diff

CLAUSE_THRESHOLD = 0.5
LIST_SUBJECTS = {"areas": Subject.AREA, "requirements": Subject.REQUIREMENT}
Path = tuple[int, ...]


def change_id(kind: Kind, old: str | None, new: str | None, where: Location,
              old_text: str | None, new_text: str | None) -> str:
    key = "\x1f".join([kind.value, old or "", new or "", str(where), old_text or "",
                       new_text or ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def make_change(kind: Kind, old: str | None, new: str | None, where: Location, *,
                old_text: str | None = None, new_text: str | None = None,
                old_value: TypedValue = None, new_value: TypedValue = None,
                format_only: bool = False, with_diff: bool = False,
                old_source: Source | None = None, new_source: Source | None = None,
                measures: Measures | None = None) -> Change:
    diff = measures.diff if measures is not None else token_diff
    ops = diff(old_text or "", new_text or "") if with_diff else ()
    # a text's wording only: a typed value that changed (a cap, a contact) is never neutral
    neutral = neutral_edit(old_text, new_text) if with_diff and not format_only and \
        old_text and new_text and old_value is None and new_value is None else ()
    return Change(change_id(kind, old, new, where, old_text, new_text), kind, old, new, where,
                  old_text, new_text, old_value, new_value, ops, format_only, old_source,
                  new_source, neutral)


def moved_pairs(pairs: list[tuple[int, int]], weight: dict[tuple[int, int], float]
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


def reworded_pairs(olds: list[Node], news: list[Node], anchors: list[tuple[int, int]],
                   paired: list[tuple[int, int]],
                   reworded: Callable[[str, str], float] = reword_similarity
                   ) -> list[tuple[int, int]]:
    """Clauses left over between two anchored pairs that are one clause reworded: in order,
    each pair keeping its subject (``reword_similarity`` at least ``CLAUSE_THRESHOLD``)."""
    taken_old = {i for i, _ in paired}
    taken_new = {j for _, j in paired}
    out: list[tuple[int, int]] = []
    bounds = [(-1, -1), *anchors, (len(olds), len(news))]
    for (a0, b0), (a1, b1) in itertools.pairwise(bounds):
        free_o = [i for i in range(a0 + 1, a1) if i not in taken_old]
        free_n = [j for j in range(b0 + 1, b1) if j not in taken_new]
        if free_o and free_n:
            weights = {(i, j): w for i in free_o for j in free_n
                       if (w := reworded(olds[i].full, news[j].full))
                       >= CLAUSE_THRESHOLD}
            out.extend(_ordered_matching(free_o, free_n, weights))
    return out


def _ordered_matching(rows: list[int], cols: list[int],
                      weight: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The heaviest set of pairs that keeps both orders (no pair crosses another)."""
    n, m = len(rows), len(cols)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            w = weight.get((rows[a], cols[b]))
            take = w + best[a + 1][b + 1] if w is not None else -1.0
            best[a][b] = max(best[a + 1][b], best[a][b + 1], take)
    out, a, b = [], 0, 0
    while a < n and b < m:
        w = weight.get((rows[a], cols[b]))
        if w is not None and abs(best[a][b] - (w + best[a + 1][b + 1])) < 1e-12:
            out.append((rows[a], cols[b]))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            a += 1
        else:
            b += 1
    return out


@dataclass
class Comparer:
    """Collects the events and rows of one direction (or one added/dropped direction)."""

    old_id: str | None
    new_id: str | None
    emit: bool = True  # False for added/dropped directions: one program_* event covers them
    changes: list[Change] = field(default_factory=list)
    rows: list[ClauseRow] = field(default_factory=list)
    # the kind an operation on a clause is reported as (None: no event), where it is not its
    # subject's own (the preamble's sentences all change as text_changed, and never move)
    kinds: dict[Operation, Kind | None] | None = None
    measures: Measures = field(default_factory=Measures)
    # where the pair's contact and link events are printed (old, new): a clause that only gives
    # contacts is said by those events, if one of them is printed in it
    addressed: tuple[tuple[Source | None, Source | None], ...] = ()

    def said_by_addresses(self, node: Node, new: bool) -> bool:
        """Whether a contact-only clause is said whole by a contact or link event printed in
        it (not where that contact stood elsewhere already, and no event says it)."""
        if not node.only_contacts:
            return False
        s = node.source
        printed = (new_src if new else old_src for old_src, new_src in self.addressed)
        return any(src is not None and s.line <= src.line <= s.end_line for src in printed)

    def event(self, kind: Kind, where: Location, **kw: object) -> str:
        if not self.emit:
            return ""
        c = make_change(kind, self.old_id, self.new_id, where, measures=self.measures,
                        **kw)  # type: ignore[arg-type]
        self.changes.append(c)
        return c.id

    def clause_event(self, subject: Subject, op: Operation, where: Location,
                     **kw: object) -> str:
        """The event of an operation on a list clause (none where ``kinds`` says so)."""
        kind = self.kinds[op] if self.kinds is not None else Kind.of(subject, op)
        return "" if kind is None else self.event(kind, where, **kw)

    def row(self, where: Location, label: str, status: RowStatus, old: str | None,
            new: str | None, ids: tuple[str, ...] = (), **kw: object) -> None:
        ops = self.measures.diff(old, new) if old is not None and new is not None and \
            old != new else ()
        fmt = False
        neutral: tuple[str, ...] = ()
        if old is not None and new is not None and old != new:
            x, y = comparable(pt.unmarked(old)), comparable(pt.unmarked(new))
            fmt = x == y
            neutral = neutral_between(x, y) if ops and not fmt else ()
        self.rows.append(ClauseRow(where, label, status, old, new, ops, fmt,
                                   change_ids=tuple(i for i in ids if i), neutral=neutral,
                                   **kw))  # type: ignore

    # ------------------------------------------------------------ title and fields

    def title(self, o: Direction | None, n: Direction | None, to: str | None,
              tn: str | None) -> None:
        """The directions' titles (``to``, ``tn``: without their numbers) as a clause."""
        ids: tuple[str, ...] = ()
        where = Location.in_direction(TITLE)
        if to is not None and tn is not None and to != tn:
            ids = (self.event(Kind.TITLE_CHANGED, where, old_text=to, new_text=tn,
                              format_only=comparable(to) == comparable(tn), with_diff=True,
                              old_source=o.title.source if o else None,
                              new_source=n.title.source if n else None),)
        self.row(where, "", _status(to, tn), to, tn, ids,
                 old_source=o.title.source if o else None,
                 new_source=n.title.source if n else None)

    def field(self, fo: Field | None, fn: Field | None, typed_ids: dict[str, str]) -> None:
        f = fn or fo
        assert f is not None
        if f.name in LIST_SUBJECTS:
            self._list_field(fo, fn)
            return
        ids: list[str] = []
        if fo is not None and fn is not None and f.name == "agreements":
            ids = self._agreements(fo, fn)
        a = field_text(fo) if fo else None
        b = field_text(fn) if fn else None
        if f.name in ("budget", "projects"):
            ids.append(typed_ids.get(f.name, ""))
            if a is not None and b is not None and a != b and comparable(a) == comparable(b):
                ids.append(self._text_event(fo, fn))
        elif fo is not None and fn is not None and a != b and not ids:
            ids.append(self._text_event(fo, fn))
        elif (fo is None or fn is None) and f.name not in ("budget", "projects"):
            ids.append(self.event(Kind.TEXT_CHANGED, _where(f), old_text=a, new_text=b,
                                  old_source=fo.source if fo else None,
                                  new_source=fn.source if fn else None))
        self.row(_where(f), f.label, _status(a, b), a, b, tuple(ids),
                 old_source=fo.source if fo else None, new_source=fn.source if fn else None)

    def _text_event(self, fo: Field | None, fn: Field | None) -> str:
        assert fo is not None and fn is not None
        a, b = field_text(fo), field_text(fn)
        return self.event(Kind.TEXT_CHANGED, _where(fn), old_text=a, new_text=b,
                          format_only=comparable(a) == comparable(b), with_diff=True,
                          old_source=fo.source, new_source=fn.source)

    def _agreements(self, fo: Field, fn: Field) -> list[str]:
        olds, news = _agreement_nodes(fo), _agreement_nodes(fn)
        sub = Comparer(self.old_id, self.new_id, self.emit, measures=self.measures)
        sub.nodes(Subject.AGREEMENT, Location.of_field("agreements"), "", olds, news, (), 0,
                  False, record_moves=False)
        self.changes.extend(sub.changes)
        return [c.id for c in sub.changes]

    def _list_field(self, fo: Field | None, fn: Field | None) -> None:
        f = fn or fo
        assert f is not None
        lo = fo.label_text if fo else None
        ln = fn.label_text if fn else None
        where = Location.of_field(f.name)
        if lo or ln:
            self.row(where, f.label, _status(lo, ln), lo, ln,
                     old_source=fo.source if fo else None, new_source=fn.source if fn else None)
        olds = field_nodes(fo) if fo else []
        news = field_nodes(fn) if fn else []
        self.nodes(LIST_SUBJECTS[f.name], where, f.label, olds, news, (), 0, False)

    # ------------------------------------------------------------ list clauses

    def nodes(self, subject: Subject, base: Location, label: str, olds: list[Node],
              news: list[Node], path: Path, depth: int, in_moved: bool,
              record_moves: bool = True) -> None:
        scores = [[self.measures.similarity(a.full, b.full) for b in news] for a in olds]
        pairs = assign(scores, CLAUSE_THRESHOLD) if olds and news else []
        moved = moved_pairs(pairs, {p: scores[p[0]][p[1]] for p in pairs}) if record_moves \
            else set()
        anchors = sorted(p for p in pairs if p not in moved)
        reworded = reworded_pairs(olds, news, anchors, pairs, self.measures.reworded)
        pairs = pairs + reworded
        anchors = sorted(anchors + reworded)
        old_of = {j: i for i, j in pairs}
        new_of = {i: j for i, j in pairs}
        oi = nj = 0
        for ai, aj in [*anchors, (len(olds), len(news))]:
            for i in range(oi, ai):
                if i in new_of:
                    self._subtree(olds[i], RowStatus.MOVED_FROM, base, label,
                                  (*path, new_of[i] + 1), depth, ())
                else:
                    self._removed(subject, base, label, olds[i], (*path, i + 1), depth)
            for j in range(nj, aj):
                if j in old_of:
                    self._pair(subject, base, label, olds[old_of[j]], news[j], (*path, j + 1),
                               depth, True, in_moved)
                else:
                    self._added(subject, base, label, news[j], (*path, j + 1), depth, in_moved)
            if ai < len(olds):
                self._pair(subject, base, label, olds[ai], news[aj], (*path, aj + 1), depth,
                           False, in_moved)
            oi, nj = ai + 1, aj + 1

    def _pair(self, subject: Subject, base: Location, label: str, a: Node, b: Node,
              pos: Path, depth: int, moved: bool, in_moved: bool) -> None:
        where = base.at(pos)
        ids = []
        if moved:
            ids.append(self.clause_event(subject, Operation.MOVED, where, old_text=a.text,
                                         new_text=b.text, old_source=a.source,
                                         new_source=b.source))
        if a.text != b.text or a.marker != b.marker:
            ids.append(self.clause_event(subject, Operation.CHANGED, where, old_text=a.text,
                                         new_text=b.text,
                                         format_only=comparable(a.text) == comparable(b.text),
                                         with_diff=True, old_source=a.source,
                                         new_source=b.source))
        status = RowStatus.MOVED_TO if moved else (
            RowStatus.EQUAL if a.printed == b.printed else RowStatus.CHANGED)
        self.row(where, label, status, a.printed, b.printed, tuple(ids), depth=depth,
                 in_moved=in_moved, new_paragraph=b.new_paragraph,
                 old_paragraph=a.new_paragraph, old_source=a.source, new_source=b.source)
        self.nodes(subject, base, label, list(a.children), list(b.children), pos, depth + 1,
                   in_moved or moved)

    def _removed(self, subject: Subject, base: Location, label: str, a: Node, pos: Path,
                 depth: int) -> None:
        cid = "" if self.said_by_addresses(a, False) else self.clause_event(
            subject, Operation.REMOVED, base.at(pos), old_text=a.marker + a.full,
            old_source=a.source)
        self._subtree(a, RowStatus.REMOVED, base, label, pos, depth, (cid,))

    def _added(self, subject: Subject, base: Location, label: str, b: Node, pos: Path,
               depth: int, in_moved: bool) -> None:
        cid = "" if self.said_by_addresses(b, True) else self.clause_event(
            subject, Operation.ADDED, base.at(pos), new_text=b.marker + b.full,
            new_source=b.source)
        self._subtree(b, RowStatus.ADDED, base, label, pos, depth, (cid,), in_moved)

    def _subtree(self, node: Node, status: RowStatus, base: Location, label: str, pos: Path,
                 depth: int, ids: tuple[str, ...], in_moved: bool = False) -> None:
        old_side = status in (RowStatus.REMOVED, RowStatus.MOVED_FROM)
        for d, path, x in node.subtree(depth, pos):
            self.row(base.at(path), label, status,
                     x.printed if old_side else None, None if old_side else x.printed, ids,
                     depth=d, in_moved=in_moved, new_paragraph=x.new_paragraph,
                     old_paragraph=x.new_paragraph,
                     old_source=x.source if old_side else None,
                     new_source=None if old_side else x.source)


def attach(rows: list[ClauseRow], events: list[Change]) -> list[ClauseRow]:
    """Give each event that no row carries yet (a duration, a contact, a link, a stated figure)
    to the clause it is printed in: the narrowest row whose source holds the event's source;
    of several (the sentences of one paragraph), the first whose text changed, for a change
    stands in a clause that changed (指南方向数由29个调整为17个 on the sentence that says it, not on
    the unchanged 具体要求如下。 after it)."""
    carried = {i for r in rows for i in r.change_ids}
    out = list(rows)
    for e in events:
        if e.id in carried:
            continue
        side = "new" if e.new_source is not None else "old"
        src = e.new_source if side == "new" else e.old_source
        if src is None:
            continue
        best, key = None, None
        for k, r in enumerate(out):
            rs = r.new_source if side == "new" else r.old_source
            text = r.new_text if side == "new" else r.old_text
            if rs is None or text is None or not rs.line <= src.line <= rs.end_line:
                continue
            mine = (rs.end_line - rs.line, r.old_text == r.new_text)
            if key is None or mine < key:
                best, key = k, mine
        if best is not None:
            out[best] = replace(out[best], change_ids=(*out[best].change_ids, e.id))
    return out


def _where(f: Field) -> Location:
    """Where a field is: its name (and its printed label, for a field guidediff does not
    know)."""
    return Location.of_field(f.name, f.label)


def _status(a: str | None, b: str | None) -> RowStatus:
    if a is None:
        return RowStatus.ADDED
    if b is None:
        return RowStatus.REMOVED
    return RowStatus.EQUAL if a == b else RowStatus.CHANGED


def _agreement_nodes(f: Field) -> list[Node]:
    return [Node("", v.title, b.source) for b in f.blocks() for v in b.values(Agreement)
            if isinstance(v, Agreement)]
