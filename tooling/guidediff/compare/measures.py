"""What comparing texts costs, computed once: an object that remembers the measures it took
(bigram profiles, similarities, rewordings, token diffs, the parts of a pair's score), passed to
the comparisons that share them. A comparison made without one makes its own; a run of
comparisons (a build worker, the linking of a corpus) passes one to all of them, since the same
texts meet again from one version to the next. Nothing is remembered at module level: two
``Measures`` never share anything, and dropping one forgets all it knew."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from .tokens import Profile, reword_similarity, token_diff

T = TypeVar("T")
DiffOps = tuple[tuple[int, str], ...]


class Measures:
    """Memos of the text measures (each forgotten whole when it holds ``limit`` entries, so a
    long run stays bounded)."""

    def __init__(self, limit: int = 65536) -> None:
        self.limit = limit
        self._profiles: dict[str, Profile] = {}
        self._similar: dict[tuple[str, str], float] = {}
        self._reworded: dict[tuple[str, str], float] = {}
        self._diffs: dict[tuple[str, str], DiffOps] = {}
        self._other: dict[Hashable, Any] = {}

    def _memo(self, memo: dict[Any, T], key: Any, make: Callable[[], T]) -> T:
        found = memo.get(key)
        if found is None:
            if len(memo) >= self.limit:
                memo.clear()
            found = memo[key] = make()
        return found

    def profile(self, text: str) -> Profile:
        """The text as ``similarity`` reads it (``tokens.Profile``)."""
        return self._memo(self._profiles, text, lambda: Profile.of(text))

    def similarity(self, a: str, b: str) -> float:
        """``tokens.similarity``: Dice on character bigrams of the comparable texts."""
        from .tokens import profile_similarity

        return self._memo(self._similar, (a, b),
                          lambda: profile_similarity(self.profile(a), self.profile(b)))

    def reworded(self, a: str, b: str) -> float:
        """``tokens.reword_similarity``."""
        return self._memo(self._reworded, (a, b), lambda: reword_similarity(a, b))

    def diff(self, old: str, new: str) -> DiffOps:
        """``tokens.token_diff``."""
        return self._memo(self._diffs, (old, new), lambda: token_diff(old, new))

    def remember(self, key: Hashable, make: Callable[[], T]) -> T:
        """Anything else a comparison measures by content (the parts of a pair's score)."""
        return self._memo(self._other, key, make)
