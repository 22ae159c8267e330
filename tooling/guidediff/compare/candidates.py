"""Which directions can pair at all: blocking on strong evidence, so that alignment scores only
the pairs that may reach the threshold instead of every pair.

The score (``align.score``) bounds what can reach the threshold of 0.5:

- both name agreements: the pair needs an agreement in common, or one reworded (bigram Dice
  ≥ 0.9): with none, the agreement part is under 0.6 and the score is multiplied by 0.6, so it
  stays under 0.48 whatever the partner, title and areas;
- one side names no agreement, both name partners: the pair needs a partner in common (with
  none, the score is halved and stays under 0.35);
- one side names no agreement and one side no partner: only the title and the areas count, and
  the title decides (with title similarity 0, the areas alone give at most 0.29).

So the candidates of a query are the targets sharing an agreement, the targets with a reworded
agreement (a prefix-filtered index on bigrams, exact for Dice ≥ 0.9), the targets sharing a
partner, and the few targets whose missing agreements or partners leave only the title to
decide. Every pair that can score 0.5 is among them (a property test checks it against the
full matrix); the assignment over this sparse matrix is the assignment over the full one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

from .align import REWORDED, Features
from .tokens import bigram_profile, similarity


@lru_cache(maxsize=4096)
def _elements(text: str) -> tuple[tuple[str, int], ...]:
    """A text's bigram multiset as a set of (bigram, occurrence) in one global order."""
    _, grams, _ = bigram_profile(text)
    return tuple(sorted((g, k) for g, n in grams.items() for k in range(n)))


def dice(a: str, b: str) -> float:
    """``tokens.similarity`` of two texts (bigram Dice of their comparable forms)."""
    return similarity(a, b)


class DiceIndex:
    """The targets holding a text whose bigram Dice coefficient with a query text reaches
    ``theta``: prefix filtering finds the few that may (two multisets with an overlap of at least
    α share an element among the first n − α + 1 of each, in one global order; Dice ≥ θ needs an
    overlap of at least θ·n / (2 − θ)), then each is verified."""

    def __init__(self, theta: float) -> None:
        self.theta = theta
        self.postings: dict[tuple[str, int], set[int]] = {}
        self.keys: dict[int, list[tuple[str, int]]] = {}
        self.texts: dict[int, tuple[str, ...]] = {}

    def _prefix(self, elements: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
        n = len(elements)
        needed = math.ceil(self.theta * n / (2 - self.theta) - 1e-9)
        return elements[:max(1, n - needed + 1)]

    def add(self, target: int, texts: Iterable[str]) -> None:
        keys: list[tuple[str, int]] = []
        self.texts[target] = tuple(texts)
        for text in self.texts[target]:
            keys.extend(self._prefix(_elements(text)))
        self.keys[target] = keys
        for k in keys:
            self.postings.setdefault(k, set()).add(target)

    def remove(self, target: int) -> None:
        self.texts.pop(target, None)
        for k in self.keys.pop(target, []):
            posting = self.postings.get(k)
            if posting is not None:
                posting.discard(target)
                if not posting:
                    del self.postings[k]

    def query(self, texts: Iterable[str]) -> set[int]:
        out: set[int] = set()
        for text in texts:
            maybe: set[int] = set()
            for k in self._prefix(_elements(text)):
                maybe |= self.postings.get(k, set())
            out |= {t for t in maybe - out
                    if any(dice(text, other) >= self.theta for other in self.texts[t])}
        return out


class Candidates:
    """An index over target directions (their ``Features``), updated as targets come and go
    (a lineage's latest member changes with each version)."""

    def __init__(self) -> None:
        self.by_agreement: dict[str, set[int]] = {}
        self.by_partner: dict[str, set[int]] = {}
        self.reworded = DiceIndex(REWORDED)
        self.no_agreements: set[int] = set()
        self.no_partners: set[int] = set()
        self.features: dict[int, Features] = {}

    def add(self, target: int, f: Features) -> None:
        self.features[target] = f
        for a in set(f.agreements):
            self.by_agreement.setdefault(a, set()).add(target)
        for p in f.partners:
            self.by_partner.setdefault(p, set()).add(target)
        self.reworded.add(target, set(f.agreements))
        if not f.agreements:
            self.no_agreements.add(target)
        if not f.partners:
            self.no_partners.add(target)

    def remove(self, target: int) -> None:
        f = self.features.pop(target, None)
        if f is None:
            return
        for index, keys in ((self.by_agreement, set(f.agreements)),
                            (self.by_partner, f.partners)):
            for k in keys:
                index[k].discard(target)
                if not index[k]:
                    del index[k]
        self.reworded.remove(target)
        self.no_agreements.discard(target)
        self.no_partners.discard(target)

    def __len__(self) -> int:
        return len(self.features)

    def query(self, f: Features) -> set[int]:
        """Every target that may score at least the threshold against ``f`` (a superset)."""
        if not f.agreements and not f.partners:
            return set(self.features)
        out: set[int] = set()
        if f.agreements:
            for a in set(f.agreements):
                out |= self.by_agreement.get(a, set())
            out |= self.reworded.query(set(f.agreements))
            out |= self.no_agreements if not f.partners else \
                self.no_agreements & self.no_partners
        if f.partners:
            for p in f.partners:
                out |= self.by_partner.get(p, set())
            if not f.agreements:
                out |= self.no_partners
        return out


def candidate_pairs(old: list[Features], new: list[Features]) -> dict[int, set[int]]:
    """For each new direction (by index), the old directions (by index) it may pair with."""
    index = Candidates()
    for i, f in enumerate(old):
        index.add(i, f)
    return {j: index.query(f) for j, f in enumerate(new)}
