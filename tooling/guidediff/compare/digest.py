"""A version in brief: what linking lineages and the history need of a guideline, computed once
per document and small enough to keep for a thousand versions (and to cache as JSON).

For each direction: its number, title, heading source, the alignment features (agreements,
partners, title, areas) and its values (budget with caps, project count, duration, contacts,
agreements). For the version: its metadata and its totals (stated and summed).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..model import Guideline, Source
from .facts import DirectionFacts, DocumentFacts, facts_of
from .features import Features


@dataclass(frozen=True)
class Values:
    """A direction's typed values, as the history reports them over time."""

    budget_wan: Decimal | None = None
    budget_cap: bool = False
    budget_approx: bool = False
    per_project_wan: Decimal | None = None
    projects_min: int | None = None
    projects_max: int | None = None
    projects_cap: bool = False
    duration_min: int | None = None
    duration_max: int | None = None
    emails: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()
    projects_approx: bool = False  # 约 / 左右


@dataclass(frozen=True)
class DirectionDigest:
    id: str
    title: str  # without its printed number
    source: Source  # its heading
    features: Features
    values: Values


@dataclass(frozen=True)
class Totals:
    directions: int
    projects: int | None  # the sum of the directions' maxima (None if none states one)
    budget_wan: Decimal | None  # the sum of the directions' budgets
    stated_directions: int | None = None
    stated_partners: int | None = None
    stated_tasks: int | None = None
    stated_budget_wan: Decimal | None = None
    stated_budget_approx: bool = False  # 约6.2亿元


@dataclass(frozen=True)
class VersionDigest:
    id: str
    title: str
    sha256: str
    year: int | None
    batch: int | None
    stage: str | None
    source: str
    directions: tuple[DirectionDigest, ...]
    totals: Totals
    date: str | None = None

    def direction(self, did: str) -> DirectionDigest | None:
        return next((d for d in self.directions if d.id == did), None)


def _values(d: DirectionFacts) -> Values:
    b, p = d.budget, d.projects
    durations = [x.value for x in d.durations if x.value.min_years is not None
                 or x.value.max_years is not None]
    contacts = [c.value for c in d.contacts]
    titles = d.agreements
    return Values(
        b.amount_wan if b else None, bool(b and b.cap), bool(b and b.approx),
        b.per_project.amount_wan if b and b.per_project else None,
        p.min if p else None, p.max if p else None, bool(p and p.cap),
        durations[0].min_years if durations else None,
        durations[0].max_years if durations else None,
        tuple(c.email for c in contacts if c.email), tuple(c.name for c in contacts if c.name),
        titles, bool(p and p.approx))


def digest(g: Guideline | DocumentFacts) -> VersionDigest:
    """The digest of a normalized guideline (from its facts)."""
    f = facts_of(g)
    g = f.guideline
    dirs = tuple(DirectionDigest(d.id, d.title, d.direction.title.source, d.features,
                                 _values(d)) for d in f.directions)
    budgets = [d.values.budget_wan for d in dirs if d.values.budget_wan is not None]
    maxima = [d.values.projects_max for d in dirs if d.values.projects_max is not None]
    st = f.stated
    totals = Totals(len(dirs), sum(maxima) if maxima else None,
                    sum(budgets, Decimal(0)) if budgets else None,
                    st.directions.max if st.directions else None,
                    st.partners.max if st.partners else None,
                    st.tasks.max if st.tasks else None,
                    st.budget.amount_wan if st.budget else None,
                    bool(st.budget and st.budget.approx))
    m = g.meta
    return VersionDigest(m.id, m.title, m.sha256, m.year, m.batch, m.stage, m.source, dirs,
                         totals, m.date)


# ---------------------------------------------------------------- JSON (the build cache)


def _dec(x: Decimal | None) -> str | None:
    return None if x is None else str(x)


def _undec(x: str | None) -> Decimal | None:
    return None if x is None else Decimal(x)


def _source(s: Source) -> list[int | None]:
    return [s.line, s.end_line, s.page]


def features_to_dict(f: Features) -> dict[str, Any]:
    return {"id": f.id, "title": f.title, "agreements": list(f.agreements),
            "partners": sorted(f.partners), "areas": f.areas,
            "printed": [list(p) for p in f.printed]}


def features_from_dict(x: dict[str, Any]) -> Features:
    return Features(x["id"], x["title"], tuple(x["agreements"]), frozenset(x["partners"]),
                    x["areas"], tuple((a, b) for a, b in x["printed"]))


def values_to_dict(v: Values) -> dict[str, Any]:
    return {"budget_wan": _dec(v.budget_wan), "budget_cap": v.budget_cap,
            "budget_approx": v.budget_approx, "per_project_wan": _dec(v.per_project_wan),
            "projects": [v.projects_min, v.projects_max, v.projects_cap, v.projects_approx],
            "duration": [v.duration_min, v.duration_max], "emails": list(v.emails),
            "names": list(v.names), "agreements": list(v.agreements)}


def values_from_dict(x: dict[str, Any]) -> Values:
    pmin, pmax, pcap, papprox = x["projects"]
    dmin, dmax = x["duration"]
    return Values(_undec(x["budget_wan"]), x["budget_cap"], x["budget_approx"],
                  _undec(x["per_project_wan"]), pmin, pmax, pcap, dmin, dmax,
                  tuple(x["emails"]), tuple(x["names"]), tuple(x["agreements"]), papprox)


def direction_to_dict(d: DirectionDigest) -> dict[str, Any]:
    return {"id": d.id, "title": d.title, "source": _source(d.source),
            "features": features_to_dict(d.features), "values": values_to_dict(d.values)}


def direction_from_dict(x: dict[str, Any]) -> DirectionDigest:
    return DirectionDigest(x["id"], x["title"], Source(*x["source"]),
                           features_from_dict(x["features"]), values_from_dict(x["values"]))


def to_dict(v: VersionDigest) -> dict[str, Any]:
    t = v.totals
    return {"id": v.id, "title": v.title, "sha256": v.sha256, "year": v.year,
            "batch": v.batch, "stage": v.stage, "source": v.source, "date": v.date,
            "directions": [direction_to_dict(d) for d in v.directions],
            "totals": [t.directions, t.projects, _dec(t.budget_wan), t.stated_directions,
                       t.stated_partners, t.stated_tasks, _dec(t.stated_budget_wan),
                       t.stated_budget_approx]}


def from_dict(x: dict[str, Any]) -> VersionDigest:
    n, projects, budget, sd, sp, stasks, sb, sba = x["totals"]
    return VersionDigest(x["id"], x["title"], x["sha256"], x["year"], x["batch"], x["stage"],
                         x["source"], tuple(direction_from_dict(d) for d in x["directions"]),
                         Totals(n, projects, _undec(budget), sd, sp, stasks, _undec(sb), sba),
                         x.get("date"))
