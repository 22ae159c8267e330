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

- both name partners and none is shared: the partner part is 0 and the score halved, so it
  stays under 0.43 whatever the agreements, title and areas.

So the candidates of a query are the targets sharing an agreement, the targets with a reworded
agreement (a prefix-filtered index on bigrams, exact for Dice ≥ 0.9), the targets sharing a
partner, and the few targets whose missing agreements or partners leave only the title to
decide. Every pair that can score 0.5 is among them (a property test checks it against the
full matrix); the assignment over this sparse matrix is the assignment over the full one. The
assignment needs only the ``matchable`` ones: of these, the pairs whose partners differ are
left out (a document of many directions under near-identical agreement titles, one per
partner, would otherwise verify every title against every other); the nearest of a direction
left unpaired is looked for among all its candidates.

A pair that is not a candidate scores at most ``OUTSIDE`` (``score.outside_bound``, derived from
the weights: 0.35 today): both naming agreements, none shared or reworded, it has an agreement
part of 0 and the 0.6 factor; one naming none and partners different, the partner part is 0
and the score halved; one naming none and one no partner, it is a candidate. So the nearest
direction of an unpaired one is found among its candidates whenever one scores above
``OUTSIDE``, and a non-candidate's agreements need no comparing (``disjoint``).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Iterable

from .features import REWORDED, Features
from .tokens import Profile, profile_similarity

Element = str  # a bigram and its occurrence (``tokens.Profile``)



def _hashed(element: Element) -> tuple[int, str]:
    """The order of prefix filtering when no frequencies are known: by a stable hash (a common
    bigram is then no more likely than a rare one to stand in a prefix, as it would be in
    code-point order, where 中 and 与 come first)."""
    return zlib.crc32(element.encode("utf-8")), element


def _elements(p: Profile) -> tuple[Element, ...]:
    return tuple(sorted(p.elements, key=_hashed))


class DiceIndex:
    """The targets holding a text whose bigram Dice coefficient with a query text reaches
    ``theta``: prefix filtering finds the few that may (two multisets with an overlap of at least
    α share an element among the first n − α + 1 of each, in one global order; Dice ≥ θ needs an
    overlap of at least θ·n / (2 − θ)), then each is verified. Texts come as their ``Profile``."""

    def __init__(self, theta: float, frequency: dict[str, int] | None = None) -> None:
        """``frequency``: how many targets hold each element, when they are known in advance
        (the order is then rarest first, and a prefix holds what tells texts apart)."""
        self.theta = theta
        self.frequency = frequency
        self.postings: dict[Element, set[int]] = {}
        self.keys: dict[int, list[Element]] = {}
        self.texts: dict[int, tuple[Profile, ...]] = {}

    def _ordered(self, p: Profile) -> tuple[Element, ...]:
        if self.frequency is None:
            return _elements(p)
        freq = self.frequency
        return tuple(sorted(p.elements, key=lambda e: (freq.get(e, 0), _hashed(e))))

    def _prefix(self, p: Profile) -> tuple[Element, ...]:
        elements = self._ordered(p)
        n = len(elements)
        needed = math.ceil(self.theta * n / (2 - self.theta) - 1e-9)
        return elements[:max(1, n - needed + 1)]

    def add(self, target: int, texts: Iterable[Profile]) -> None:
        keys: list[Element] = []
        self.texts[target] = tuple(texts)
        for text in self.texts[target]:
            keys.extend(self._prefix(text))
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

    def query(self, texts: Iterable[Profile],
              allow: Callable[[int], bool] | None = None) -> set[int]:
        """The targets holding a text this close to one of ``texts`` (``allow``: only among
        the targets it allows, the others never verified)."""
        out: set[int] = set()
        for text in texts:
            maybe: set[int] = set()
            for k in self._prefix(text):
                maybe |= self.postings.get(k, set())
            out |= {t for t in maybe - out
                    if (allow is None or allow(t))
                    and any(profile_similarity(text, other) >= self.theta
                            for other in self.texts[t])}
        return out


class Candidates:
    """An index over target directions (their ``Features``), updated as targets come and go
    (a lineage's latest member changes with each version)."""

    def __init__(self, frequency: dict[str, int] | None = None) -> None:
        self.by_agreement: dict[str, set[int]] = {}
        self.by_partner: dict[str, set[int]] = {}
        self.reworded = DiceIndex(REWORDED, frequency)
        self.no_agreements: set[int] = set()
        self.no_partners: set[int] = set()
        self.features: dict[int, Features] = {}

    def add(self, target: int, f: Features) -> None:
        self.features[target] = f
        for a in set(f.agreements):
            self.by_agreement.setdefault(a, set()).add(target)
        for p in f.partners:
            self.by_partner.setdefault(p, set()).add(target)
        self.reworded.add(target, f.agreements_p.values())
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

    def query(self, f: Features, matchable: bool = False) -> set[int]:
        """Every target that may score at least ``OUTSIDE`` against ``f`` (a superset).
        ``matchable``: only those that may reach the threshold (see above): not the targets
        whose partners are all other than ``f``'s, nor, when both name agreements, those
        that share only a partner. The others matter only for a nearest."""
        if not f.agreements and not f.partners:
            return set(self.features)
        allow = self._same_partner(f) if matchable and f.partners else None
        out: set[int] = set()
        if f.agreements:
            for a in set(f.agreements):
                out |= self.by_agreement.get(a, set())
            out |= self._reworded(f, allow)
            out |= self.no_agreements if not f.partners else \
                self.no_agreements & self.no_partners
        if f.partners:
            for p in f.partners:
                sharing = self.by_partner.get(p, set())
                out |= sharing & self.no_agreements if matchable and f.agreements else sharing
            if not f.agreements:
                out |= self.no_partners
        return out if allow is None else {t for t in out if allow(t)}

    _FEW = 64  # allowed targets few enough to verify one by one

    def _reworded(self, f: Features, allow: Callable[[int], bool] | None) -> set[int]:
        """The targets with an agreement reworded from one of ``f``'s (among those ``allow``
        allows): through the index, or, when only a few targets share ``f``'s partners, by
        verifying those (many near-identical titles, one per partner, fill the index's
        postings)."""
        texts = f.agreements_p.values()
        if allow is not None:
            few = {t for p in f.partners for t in self.by_partner.get(p, ())}
            if len(few) + len(self.no_partners) <= self._FEW:
                own = self.reworded.texts
                return {t for t in few | self.no_partners
                        if any(profile_similarity(x, y) >= REWORDED
                               for x in texts for y in own[t])}
        return self.reworded.query(texts, allow)

    def _same_partner(self, f: Features) -> Callable[[int], bool]:
        def allow(t: int) -> bool:
            theirs = self.features[t].partners
            return not theirs or not f.partners.isdisjoint(theirs)

        return allow

    @classmethod
    def of(cls, targets: list[Features]) -> Candidates:
        """An index of targets all known at once (a document's directions): its prefix order
        is rarest element first, counted over the targets' agreements."""
        frequency: dict[str, int] = {}
        for f in targets:
            for g in {e for p in f.agreements_p.values() for e in p.elements}:
                frequency[g] = frequency.get(g, 0) + 1
        index = cls(frequency)
        for k, f in enumerate(targets):
            index.add(k, f)
        return index
