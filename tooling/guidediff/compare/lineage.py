"""Lineages: each programme followed through every version of a corpus, whatever its number.

Versions are linked one at a time, in order. A direction links to the latest member of a
lineage by content (``align.score``: agreements strongest, then partner, title, areas), even
when that member is several versions back (the programme was absent, and ``reappeared``). The
pairing of a version's directions with the open lineages is one-to-one and global
(``assign``), over the candidates ``Candidates`` finds (every pair that can reach the threshold
is among them), so a lineage is never continued by number: a number reused by another programme
starts a lineage of its own.

A new direction that is a part of a programme continued in the same version by another
direction (it names the agreements that were that programme's own, and its areas are among that
programme's) is a ``split`` of it: it starts a lineage of its own linked to the member it split
from. A programme not continued that is a part of a direction of this version (the direction
names its own agreements and holds its areas) was ``merged`` into it: the merged direction is
its last member (and, where two or more merge into a new direction, it continues the
closest). A person's ``Overrides`` pin a link (``override``) or cut one.

A lineage's id is its first member, ``VERSION:DIRECTION``: it depends on nothing later, so
adding a version or rebuilding never changes it. Linking is deterministic, and its state can be
saved after any version and resumed (``to_dict``/``from_dict``): adding one version to a corpus
links one version.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from sys import intern
from typing import Any

from ..errors import GuidediffError
from ..model import Source
from .assign import assign
from .candidates import Candidates
from .digest import (
    DirectionDigest,
    Values,
    VersionDigest,
    direction_from_dict,
    direction_to_dict,
    values_from_dict,
    values_to_dict,
)
from .evidence import Evidence, from_list, to_list
from .features import THRESHOLD
from .measures import Measures
from .score import score, score_value
from .tokens import Profile


class LinkKind(StrEnum):
    """How a member continues the member before it in its lineage."""

    MATCHED = "matched"  # the next version, by content
    REAPPEARED = "reappeared"  # after an absence of one version or more
    SPLIT = "split"  # a new direction carrying a part of a programme continued elsewhere
    MERGED = "merged"  # taken into a direction of this version
    OVERRIDE = "override"  # pinned by a person (corpus/lineage.toml)


CONTAINED = 0.8  # a part's areas held by the whole: the share of its bigrams the whole has


def contained(part: Profile, whole: Profile) -> float:
    """How much of ``part``'s text ``whole`` holds: the share of its character bigrams (with
    their counts) found in ``whole``; 0 for an empty part. (The profiles are the directions'
    own, made once: ``Features.areas_p``.)"""
    return len(part.elements & whole.elements) / part.n if part.n else 0.0


@dataclass(frozen=True)
class Ref:
    """A direction of a version: ``2021-b1-draft:2.8``."""

    version: str
    direction: str

    def __str__(self) -> str:
        return f"{self.version}:{self.direction}"

    @classmethod
    def parse(cls, text: str) -> Ref:
        version, sep, direction = text.rpartition(":")
        if not sep or not version or not direction:
            raise ValueError(f"expected VERSION:DIRECTION (e.g. 2021-b1-draft:2.8), not {text!r}")
        return cls(version.strip(), direction.strip())


@dataclass(frozen=True)
class Overrides:
    """What a person says content cannot: ``pins`` (old continues as new) and ``cuts`` (old never
    continues as new), each a pair of refs."""

    pins: tuple[tuple[Ref, Ref], ...] = ()
    cuts: tuple[tuple[Ref, Ref], ...] = ()


@dataclass(frozen=True)
class Link:
    """How a member was linked to the member before it in its lineage."""

    kind: LinkKind
    source: Ref  # the member it continues (for a split, the member it split from)
    score: float | None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Member:
    version: str
    direction: str
    title: str
    source: Source | None
    via: Link | None
    values: Values

    @property
    def ref(self) -> Ref:
        return Ref(self.version, self.direction)


@dataclass(frozen=True)
class Lineage:
    id: str
    name: str  # the title as most recently printed
    partners: tuple[str, ...]
    members: tuple[Member, ...]
    closed: bool = False  # merged into another lineage: it is not continued


@dataclass
class _Open:
    id: str
    members: list[Member]
    latest: DirectionDigest
    closed: bool = False
    own: frozenset[str] = frozenset()  # the latest member's agreements no other direction of
    # its version names (an umbrella agreement, such as a government-to-government accord that
    # several directions cite, says nothing about which programme is which)


@dataclass
class _Round:
    """What linking one version knows: its directions, the lineages as they were before it
    (each one's latest reference, latest member and own agreements), the scores of the free
    directions against them, and what the steps decided."""

    version: VersionDigest
    dirs: list[DirectionDigest]
    prev: str | None  # the version linked before
    forced: dict[int, int]  # direction -> lineage, pinned
    free: list[int]  # the directions not pinned
    before: dict[int, Ref] = field(default_factory=dict)
    was: dict[int, DirectionDigest] = field(default_factory=dict)
    own: dict[int, frozenset[str]] = field(default_factory=dict)
    scored: dict[tuple[int, int], float] = field(default_factory=dict)
    pairs: dict[int, int] = field(default_factory=dict)  # direction -> lineage, assigned
    continued: set[int] = field(default_factory=set)
    ended: list[int] = field(default_factory=list)  # lineages that ended with the version before


class LinkError(GuidediffError):
    """An override that cannot apply (the manifest and the XML are fine)."""


@dataclass
class Linker:
    """Links versions one at a time; ``lineages()`` is the result so far."""

    overrides: Overrides = field(default_factory=Overrides)
    versions: list[str] = field(default_factory=list)
    _lineages: list[_Open] = field(default_factory=list)
    _index: Candidates = field(default_factory=Candidates)
    _umbrella: frozenset[str] = frozenset()  # agreements several directions of a version name
    # the scores by content: a programme unchanged from one version to the next is scored once
    measures: Measures = field(default_factory=Measures)

    def __post_init__(self) -> None:
        for k, lin in enumerate(self._lineages):
            if not lin.closed:
                self._index.add(k, lin.latest.features)

    # -------------------------------------------------------------- one version

    def add(self, v: VersionDigest) -> None:
        """Link one version (after the ones linked so far): its pinned directions, then the
        one-to-one assignment of the others to the open lineages, then the merges, the splits
        and the new lineages."""
        if v.id in self.versions:
            raise LinkError(f"version {v.id} is linked twice")
        r = self._round(v)
        self._assign(r)
        self._continue(r)
        closed: set[int] = set()
        for j in r.free:
            self._merge_or_start(r, j, closed)
        self.versions.append(v.id)

    def _round(self, v: VersionDigest) -> _Round:
        """The state of the lineages before ``v`` is linked, and its directions' scores
        against them (over the candidates only, the pins and cuts applied)."""
        dirs = list(v.directions)
        self._umbrella = _umbrella(dirs)
        forced = self._pins(v)
        r = _Round(v, dirs, self.versions[-1] if self.versions else None, forced,
                   [j for j in range(len(dirs)) if j not in forced],
                   before={k: self._latest_ref(k) for k in range(len(self._lineages))},
                   was={k: lin.latest for k, lin in enumerate(self._lineages)},
                   own={k: lin.own for k, lin in enumerate(self._lineages)})
        cut = {(str(a), b.direction) for a, b in self.overrides.cuts if b.version == v.id}
        for j in r.free:
            for k in self._index.query(dirs[j].features):
                if k in forced.values() or (str(r.before[k]), dirs[j].id) in cut:
                    continue
                r.scored[(j, k)] = score_value(r.was[k].features, dirs[j].features,
                                               measures=self.measures)
        return r

    def _assign(self, r: _Round) -> None:
        """The one-to-one assignment of the free directions to the lineages (threshold)."""
        cols = sorted({k for _, k in r.scored})
        matrix = [[r.scored.get((j, k), 0.0) for k in cols] for j in r.free]
        r.pairs = {r.free[row]: cols[c] for row, c in assign(matrix, THRESHOLD)}

    def _continue(self, r: _Round) -> None:
        """The pinned and the assigned directions continue their lineages (after an absence:
        reappeared); the lineages that ended with the version before are noted."""
        for j, k in sorted(r.forced.items()):
            self._extend(k, r.version, r.dirs[j], self._link(LinkKind.OVERRIDE, r, k, j))
        for j, k in sorted(r.pairs.items()):
            kind = LinkKind.MATCHED if r.before[k].version == r.prev else LinkKind.REAPPEARED
            self._extend(k, r.version, r.dirs[j], self._link(kind, r, k, j))
        r.continued = set(r.pairs.values()) | set(r.forced.values())
        r.ended = [k for k in sorted(r.before) if k not in r.continued
                   and not self._lineages[k].closed and r.before[k].version == r.prev]

    def _merge_or_start(self, r: _Round, j: int, closed: set[int]) -> None:
        """A free direction that takes in ended programmes (merged), or starts a lineage
        (split from a programme it carries a part of, or new)."""
        d = r.dirs[j]
        parts = [k for k in r.ended if k not in closed and (j, k) in r.scored
                 and self._part_of(r.own[k], r.was[k], d)]
        if j in r.pairs:  # it continues a lineage and takes in others: merged into it
            # (only what it did not hold before: a programme it already held is dropped)
            prior = r.was[r.pairs[j]]
            parts = [k for k in parts if not r.own[k] <= set(prior.features.agreements)
                     or contained(r.was[k].features.areas_p, prior.features.areas_p)
                     < CONTAINED]
            for k in parts:
                self._close(k, r.version, d, self._link(LinkKind.MERGED, r, k, j))
            closed.update(parts)
        elif len(parts) >= 2:  # two or more programmes became this one
            best = max(parts, key=lambda k: (r.scored[(j, k)], -k))
            self._extend(best, r.version, d, self._link(LinkKind.MERGED, r, best, j))
            for k in parts:
                if k != best:
                    self._close(k, r.version, d, self._link(LinkKind.MERGED, r, k, j))
            closed.update(parts)
        else:
            self._start(r.version, d, self._split(r, j))

    def _link(self, kind: LinkKind, r: _Round, k: int, j: int) -> Link:
        """A link of lineage ``k`` to direction ``j``, with its score and evidence in words
        (worded only for the links made)."""
        return Link(kind, r.before[k], *score(r.was[k].features, r.dirs[j].features,
                                              self.measures))

    def _pins(self, v: VersionDigest) -> dict[int, int]:
        """Direction index -> lineage index, for the pins that end in this version."""
        out: dict[int, int] = {}
        for old, new in self.overrides.pins:
            if new.version != v.id:
                continue
            j = next((i for i, d in enumerate(v.directions) if d.id == new.direction), None)
            k = next((i for i, lin in enumerate(self._lineages)
                      if not lin.closed and self._latest_ref(i) == old), None)
            if j is None:
                raise LinkError(f"pin {old} → {new}: {v.id} has no direction {new.direction}")
            if k is None:
                raise LinkError(f"pin {old} → {new}: {old} is not the latest member of an open "
                                f"lineage when {v.id} is linked")
            out[j] = k
        return out

    def _latest_ref(self, k: int) -> Ref:
        m = self._lineages[k].members[-1]
        return Ref(m.version, m.direction)

    def _member(self, v: VersionDigest, d: DirectionDigest, via: Link | None) -> Member:
        return Member(v.id, d.id, d.title, d.source, via, d.values)

    def _extend(self, k: int, v: VersionDigest, d: DirectionDigest, via: Link) -> None:
        lin = self._lineages[k]
        lin.members.append(self._member(v, d, via))
        lin.latest = d
        lin.own = frozenset(d.features.agreements) - self._umbrella
        self._index.remove(k)
        self._index.add(k, d.features)

    def _start(self, v: VersionDigest, d: DirectionDigest, via: Link | None) -> None:
        k = len(self._lineages)
        self._lineages.append(_Open(f"{v.id}:{d.id}", [self._member(v, d, via)], d, False,
                                    frozenset(d.features.agreements) - self._umbrella))
        self._index.add(k, d.features)

    @staticmethod
    def _part_of(own: frozenset[str], part: DirectionDigest, whole: DirectionDigest) -> bool:
        """Is ``part`` a part of ``whole``: both name the agreements ``own`` (those of the
        direction that ended, which no other direction of its version names), with a partner
        in common where both name partners, and ``whole``'s areas hold ``part``'s?"""
        a, b = part.features, whole.features
        return bool(own) and own <= set(a.agreements) and own <= set(b.agreements) and (
            not a.partners or not b.partners or bool(a.partners & b.partners)) and \
            contained(a.areas_p, b.areas_p) >= CONTAINED

    def _split(self, r: _Round, j: int) -> Link | None:
        """A new direction that carries what made a programme its own, continued in this
        version by another direction, was split from it."""
        d = r.dirs[j]
        whole = [k for k in r.continued if (j, k) in r.scored
                 and self._part_of(r.own[k], d, r.was[k])]
        if not whole:
            return None
        k = max(whole, key=lambda x: (r.scored[(j, x)], -x))
        return self._link(LinkKind.SPLIT, r, k, j)

    def _close(self, k: int, v: VersionDigest, d: DirectionDigest, via: Link) -> None:
        lin = self._lineages[k]
        lin.members.append(self._member(v, d, via))
        lin.closed = True
        self._index.remove(k)

    # -------------------------------------------------------------- results

    def lineages(self) -> tuple[Lineage, ...]:
        out = []
        for lin in self._lineages:
            last = lin.members[-1]
            out.append(Lineage(lin.id, last.title, tuple(sorted(lin.latest.features.partners)),
                               tuple(lin.members), lin.closed))
        return tuple(out)

    # -------------------------------------------------------------- saved state

    def to_dict(self) -> dict[str, Any]:
        """The state as JSON; the values a programme keeps from version to version are stored
        once (a table), so the state stays small and loads fast."""
        table: dict[Values, int] = {}
        return {"versions": list(self.versions),
                "lineages": [{"id": lin.id, "closed": lin.closed, "own": sorted(lin.own),
                              "latest": direction_to_dict(lin.latest),
                              "members": [member_to_dict(m, table) for m in lin.members]}
                             for lin in self._lineages],
                "values": [values_to_dict(v) for v in table]}

    def to_json(self) -> Iterator[bytes]:
        """``to_dict`` as compact JSON, a lineage at a time (never whole in memory)."""
        import json

        dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        table: dict[Values, int] = {}
        yield f'{{"versions":{dump(self.versions)},"lineages":['.encode()
        for k, lin in enumerate(self._lineages):
            yield (("," if k else "") + dump({
                "id": lin.id, "closed": lin.closed, "own": sorted(lin.own),
                "latest": direction_to_dict(lin.latest),
                "members": [member_to_dict(m, table) for m in lin.members]})).encode()
        yield f'],"values":{dump([values_to_dict(v) for v in table])}}}'.encode()

    @classmethod
    def from_dict(cls, x: dict[str, Any], overrides: Overrides) -> Linker:
        table = [values_from_dict(v) for v in x["values"]]
        lineages = [_Open(lin["id"], [member_from_dict(m, table) for m in lin["members"]],
                          direction_from_dict(lin["latest"]), lin["closed"],
                          frozenset(lin["own"])) for lin in x["lineages"]]
        return cls(overrides, list(x["versions"]), lineages)


def _umbrella(dirs: list[DirectionDigest]) -> frozenset[str]:
    seen: dict[str, int] = {}
    for d in dirs:
        for a in set(d.features.agreements):
            seen[a] = seen.get(a, 0) + 1
    return frozenset(a for a, n in seen.items() if n > 1)


def member_to_dict(m: Member, table: dict[Values, int]) -> list[Any]:
    via = None if m.via is None else [m.via.kind.value, str(m.via.source), m.via.score,
                                      [to_list(e) for e in m.via.evidence]]
    src = None if m.source is None else [m.source.line, m.source.end_line, m.source.page]
    return [m.version, m.direction, m.title, src, via, table.setdefault(m.values, len(table))]


def member_from_dict(x: list[Any], table: list[Values]) -> Member:
    """A member of a saved state (its repeated texts interned: one copy for a thousand
    versions)."""
    version, direction, title, src, via, values = x
    link = None if via is None else Link(LinkKind(via[0]), Ref.parse(via[1]), via[2],
                                         tuple(from_list(e) for e in via[3]))
    return Member(intern(version), intern(direction), intern(title),
                  None if src is None else Source(*src), link, table[values])


def link_versions(versions: list[VersionDigest], overrides: Overrides | None = None
                  ) -> tuple[Lineage, ...]:
    """Every lineage of ``versions`` (in order)."""
    linker = Linker(overrides or Overrides())
    for v in versions:
        linker.add(v)
    return linker.lineages()
