"""The corpus site: ``index.html`` (the versions with their hashes, totals per version with a
chart, the grid of programmes × versions) and one page per lineage (its members, a timeline of
what changed between consecutive members with a link to the report where it changed, charts of
budget and project count over the versions).

Everything works offline from ``file://``: relative links only, no external resource (a
Content-Security-Policy that allows none), charts as inline SVG (``charts``). A corpus of many
versions shows its grid one year a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..compare.digest import Values
from ..compare.history import Absence, History, VersionInfo
from ..compare.lineage import Lineage, LinkKind, Member
from ..version import __version__
from .charts import line_chart
from .env import environment
from .history import by_version
from .i18n import t
from .marks import (
    Cell,
    Grid,
    budget_printed,
    count_printed,
    report_name,
    version_name,
    version_summaries,
)
from .steps import PairSummary

GRID_COLUMNS = 40  # more versions than this: one grid page per year



def w(key: str, lang: str) -> str:
    """A word of the site (the catalogue's ``site`` group)."""
    return t(f"site.{key}", lang)


def count(v: Values) -> str:
    """A project count as printed in a table: ≤15, 5-8, 3, or —."""
    lo, hi = v.projects_min, v.projects_max
    if hi is None and lo is None:
        return "—"
    text = f"{lo}-{hi}" if lo is not None and hi is not None and lo != hi else str(hi or lo)
    return ("≤" if v.projects_cap else "") + text


def page_name(lin: Lineage) -> str:
    """The file of a lineage's page, under ``lineages/``."""
    return "lineages/" + re.sub(r"[^A-Za-z0-9._-]+", "_", lin.id) + ".html"


@dataclass(frozen=True)
class Event:
    """One step of a lineage, as the timeline shows it."""

    member: Member
    kind: str
    text: tuple[str, ...]  # the changes in sentences
    href: str | None  # the report where it changed (relative to the lineage page)
    previous: str | None  # the direction number it continues
    role: str = "event"


@dataclass(frozen=True)
class Quiet:
    """A run of steps without a substantive change, shown as one line of the timeline."""

    first: Member
    last: Member
    count: int
    role: str = "quiet"


@dataclass(frozen=True)
class Dropped:
    """A programme no longer set from ``absence.version`` on: the step's report, where the
    pair's report shows it."""

    absence: Absence
    href: str | None
    role: str = "dropped"


def _step(m: Member, pairs: Mapping[tuple[str, str], PairSummary], lang: str, root: str
          ) -> tuple[str | None, tuple[str, ...]]:
    """The report where a member's step stands (at the section that shows it), and its
    changes in sentences."""
    if m.via is None:
        return None, ()
    old, new = m.via.source.version, m.version
    summary = pairs.get((old, new))
    if summary is None:
        return None, ()
    frag = summary.anchor_for(m.via.source.direction, m.direction)
    href = f"{root}{report_name(old, new)}" + (f"#{frag}" if frag else "")
    if m.via.kind in (LinkKind.MATCHED, LinkKind.REAPPEARED, LinkKind.OVERRIDE):
        step = summary.step(m.via.source.direction, m.direction)
        return href, step.said(lang) if step else ()
    return href, ()


def _events(lin: Lineage, pairs: Mapping[tuple[str, str], PairSummary], lang: str,
            root: str, grid: Grid) -> list[Event | Quiet | Dropped]:
    """The timeline: every step that changed something (or was not a plain match), each
    absence (the programme no longer set), and the runs of unchanged steps between them as one
    line each."""
    out: list[Event | Quiet | Dropped] = []
    quiet: list[Member] = []
    gone = {a.last: a for a in grid.dropped.values() if a.lineage.id == lin.id}

    def flush() -> None:
        if quiet:
            out.append(Quiet(quiet[0], quiet[-1], len(quiet)))
            quiet.clear()

    for m in lin.members:
        href, said = _step(m, pairs, lang, root)
        if m.via is not None and m.via.kind is LinkKind.MATCHED and not said:
            quiet.append(m)  # (a new number alone is no change: the table shows it)
        else:
            flush()
            kind = "first" if m.via is None else f"kind.{m.via.kind.value}"
            out.append(Event(m, kind, said, href, m.via.source.direction if m.via else None))
        if m in gone:
            flush()
            out.append(Dropped(gone[m], grid.drop_href(gone[m])))
    flush()
    return out


def _status(lin: Lineage, grid: Grid) -> Dropped | None:
    """The programme's absence that has not ended (it is no longer set), if any."""
    a = next((a for a in grid.dropped.values() if a.lineage.id == lin.id and a.back is None),
             None)
    return None if a is None else Dropped(a, grid.drop_href(a))


def _series(h: History, lin: Lineage) -> tuple[list[str], list[Decimal | None],
                                               list[int | None]]:
    by = {m.version: m for m in lin.members}
    labels = [v.id for v in h.versions]
    budget = [by[v].values.budget_wan if v in by else None for v in labels]
    projects = [by[v].values.projects_max if v in by else None for v in labels]
    return labels, budget, projects


def _grid_versions(h: History) -> list[tuple[str, list[VersionInfo]]]:
    """The grid's pages: all versions on the index, or one page a year when there are many."""
    if len(h.versions) <= GRID_COLUMNS:
        return [("", list(h.versions))]
    years: dict[str, list[VersionInfo]] = {}
    for v in h.versions:
        years.setdefault(str(v.year or "—"), []).append(v)
    return list(years.items())


def _cells(h: History, members: list[dict[str, Member]], versions: list[VersionInfo],
           grid: Grid) -> list[tuple[Lineage, str, list[Cell]]]:
    """Rows of the grid: a lineage, its page, and for each version its cell (``members``:
    each lineage's member by version)."""
    rows = []
    for lin, by in zip(h.lineages, members, strict=True):
        if not any(v.id in by for v in versions):
            continue
        rows.append((lin, grid.root + page_name(lin), grid.row(lin, by, versions)))
    return rows


@dataclass(frozen=True)
class Run:
    """Consecutive members with the same number, title and values: one row of a table."""

    first: Member
    last: Member
    count: int


def _runs(lin: Lineage) -> list[Run]:
    out: list[Run] = []
    for m in lin.members:
        prev = out[-1] if out else None
        same = prev is not None and (prev.last.direction, prev.last.title, prev.last.values) == (
            m.direction, m.title, m.values)
        if prev is not None and same and (m.via is None or m.via.kind is LinkKind.MATCHED):
            out[-1] = Run(prev.first, m, prev.count + 1)
        else:
            out.append(Run(m, m, 1))
    return out


def site_pages(h: History, pairs: Mapping[tuple[str, str], PairSummary],
               lang: str = "zh") -> Iterator[tuple[str, bytes]]:
    """Every page of the site, one at a time: (relative path, bytes)."""
    env = environment()
    common = _common(h, lang)
    labels = [v.id for v in h.versions]
    charts = [
        line_chart(labels, [v.totals.directions for v in h.versions], w("directions", lang)),
        line_chart(labels, [v.totals.projects for v in h.versions], w("projects", lang)),
        line_chart(labels, [v.totals.budget_wan for v in h.versions], w("budget", lang),
                   w("wan", lang)),
    ]
    grids = _grid_versions(h)
    members = [by_version(lin) for lin in h.lineages]
    top, below = Grid(h, pairs, "", lang), Grid(h, pairs, "../", lang)
    index_grid = _cells(h, members, grids[0][1], top) if len(grids) == 1 else []
    yield "index.html", env.get_template("site_index.html.j2").render(
        h=h, charts=charts, grid_versions=grids[0][1] if len(grids) == 1 else [],
        rows=index_grid, years=[y for y, _ in grids] if len(grids) > 1 else [], root="",
        page_name=page_name, summaries=version_summaries(h, pairs, lang),
        **common).encode("utf-8")
    if len(grids) > 1:
        for year, versions in grids:
            yield f"grid/{year}.html", env.get_template("site_grid.html.j2").render(
                h=h, year=year, grid_versions=versions, rows=_cells(h, members, versions, below),
                root="../", **common).encode("utf-8")
    for lin in h.lineages:
        vlabels, budget, projects = _series(h, lin)
        lin_charts = [line_chart(vlabels, budget, w("budget", lang), w("wan", lang)),
                      line_chart(vlabels, projects, w("projects", lang))]
        yield page_name(lin), env.get_template("site_lineage.html.j2").render(
            h=h, lin=lin, runs=_runs(lin), events=_events(lin, pairs, lang, "../", below),
            status=_status(lin, below), charts=lin_charts, root="../",
            **common).encode("utf-8")


def _common(h: History, lang: str) -> dict[str, object]:
    """What every page's template is given: the language, the site's words, the values as
    printed and the versions' names."""
    versions = {v.id: v for v in h.versions}
    return {"lang": lang, "w": w, "version": __version__, "count": count,
            "budget_of": lambda v: budget_printed(v, lang),
            "count_of": lambda v: count_printed(v, lang),
            "name": lambda vid: version_name(versions.get(vid), lang)}



def history_page(h: History, lang: str = "zh") -> bytes:
    """The history as one self-contained page (``guidediff history --format html``): the
    versions, their totals, the grid, and each lineage with its members, charts and links."""
    env = environment()
    labels = [v.id for v in h.versions]
    grid = Grid(h, {}, "", lang, links=False)
    sections = []
    for lin in h.lineages:
        vlabels, budget, projects = _series(h, lin)
        sections.append((lin, "lin-" + re.sub(r"[^A-Za-z0-9._-]+", "_", lin.id),
                         [line_chart(vlabels, budget, w("budget", lang), w("wan", lang)),
                          line_chart(vlabels, projects, w("projects", lang))],
                         _events(lin, {}, lang, "", grid)))
    rows = [(lin, "#" + anchor_id, grid.row(lin, by, h.versions))
            for (lin, anchor_id, _, _), by in zip(sections, (by_version(lin) for lin in
                                                              h.lineages), strict=True)]
    charts = [line_chart(labels, [v.totals.directions for v in h.versions],
                         w("directions", lang)),
              line_chart(labels, [v.totals.budget_wan for v in h.versions], w("budget", lang),
                         w("wan", lang))]
    return env.get_template("site_history.html.j2").render(
        h=h, charts=charts, grid_versions=list(h.versions), rows=rows, sections=sections,
        root="", **_common(h, lang)).encode("utf-8")
