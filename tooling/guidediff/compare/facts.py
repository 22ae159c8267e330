"""A direction's facts, computed once and carried: what alignment scores (``Features``), what
the diff compares (budget with its sub-budgets and per-project cap, projects with their caps and
sub-quotas, durations, contacts, links), what the reconciliation sums and the renderers word.

``DocumentFacts.of`` derives them for every direction of a guideline, and the document's stated
figures, in one pass; ``align``, ``diff``, ``reconcile``, the digest and ``show`` read them, none
derives a fact again. (``normalize.facts`` holds the derivations: the normalizer's own checks
use them on a direction as it is parsed.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..model import Agreement, Contact, Direction, Duration, Guideline, Source
from ..normalize import facts as derive
from ..normalize.facts import Budget, Located, Projects, Stated
from ..normalize.partners import partners_of
from .features import Features, features
from .measures import Measures


@dataclass(frozen=True)
class DirectionFacts:
    """The facts of one direction, derived once."""

    direction: Direction
    title: str  # without its printed number
    partners: tuple[str, ...]
    budget: Budget | None
    projects: Projects | None
    durations: tuple[Located[Duration], ...]
    contacts: tuple[Located[Contact], ...]
    links: tuple[Located[str], ...]  # repaired addresses, outside contacts
    agreements: tuple[str, ...]  # the titles of its agreements (《…》), as printed
    features: Features = field(repr=False)

    @property
    def id(self) -> str:
        return self.direction.id

    @property
    def source(self) -> Source:
        return self.direction.source

    @classmethod
    def of(cls, d: Direction, measures: Measures | None = None) -> DirectionFacts:
        agreement = d.field("agreements")
        titles = tuple(v.title for blk in (agreement.blocks() if agreement else ())
                       for v in blk.values(Agreement) if isinstance(v, Agreement))
        title = derive.title_text(d)
        partners = partners_of(title)
        return cls(d, title, partners, derive.budget(d), derive.projects(d),
                   tuple(derive.located_durations(d)), tuple(derive.located_contacts(d)),
                   tuple(derive.located_links(d)), titles,
                   features(d, title, partners, measures.profile if measures else None))


@dataclass(frozen=True)
class DocumentFacts:
    """A guideline and the facts of each of its directions (in document order)."""

    guideline: Guideline
    directions: tuple[DirectionFacts, ...]
    stated: Stated

    @classmethod
    def of(cls, g: Guideline, measures: Measures | None = None) -> DocumentFacts:
        """The facts of every direction of ``g`` (``measures``: profiles shared in a run)."""
        return cls(g, tuple(DirectionFacts.of(d, measures) for d in g.directions),
                   derive.stated(g))

    @cached_property
    def _by_id(self) -> dict[str, DirectionFacts]:
        out: dict[str, DirectionFacts] = {}
        for f in self.directions:
            out.setdefault(f.id, f)
        return out

    def direction(self, did: str) -> DirectionFacts | None:
        return self._by_id.get(did)


def facts_of(g: Guideline | DocumentFacts) -> DocumentFacts:
    """The facts of a guideline (given, or derived now)."""
    return g if isinstance(g, DocumentFacts) else DocumentFacts.of(g)
