"""Two documents compared: the one function every comparison goes through (``guidediff diff``
and ``report``, the web app's worker, ``build``), and the one cache interface it reads through.

``compare_documents`` reads both inputs (a file, an upload, a corpus id, a version's XML),
normalizes them or takes them from the cache, derives their facts and diffs them. ``Documents``
is what it reads through: the user cache (``cache.Cache``, by content) or none, the facts of
the documents read in this run (consecutive pairs share a version), the text measures the run
shares, and the outputs a command remembers. An error names the side it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import GuidediffError
from .cache import Cache
from .documents import Input, load, prune, remembered_warnings

if TYPE_CHECKING:
    from ..compare.events import ChangeLog
    from ..compare.facts import DocumentFacts
    from ..compare.measures import Measures

Warn = Callable[[str], None]
Opener = Callable[[], Input]  # reads a document's bytes when the comparison needs them


class DocumentError(GuidediffError):
    """A document of a comparison failed: ``side`` (old or new) says which; the message is the
    document's own error, unchanged."""

    def __init__(self, side: str, error: GuidediffError) -> None:
        self.side, self.error = side, error
        super().__init__(error.message, error.path, error.line)


class Documents:
    """The documents of a run of comparisons, by content: read through ``cache`` (None: read
    afresh), their facts kept for the ``keep`` last read."""

    def __init__(self, cache: Cache | None = None, keep: int = 4) -> None:
        from ..compare.measures import Measures

        self.cache, self.keep = cache, keep
        self.measures: Measures = Measures()
        self._facts: dict[str, DocumentFacts] = {}

    def facts(self, doc: Input, warn: Warn) -> DocumentFacts:
        """A document's facts: read, or from the cache, or from this run."""
        from ..compare.facts import DocumentFacts

        k = doc.key
        found = self._facts.get(k)
        if found is None:
            if len(self._facts) >= self.keep:
                self._facts.pop(next(iter(self._facts)))
            found = self._facts[k] = DocumentFacts.of(load(doc, self.cache, warn),
                                                          self.measures)
        return found

    def remembered(self, key: str, docs: tuple[Input, Input], warn: Warn) -> bytes | None:
        """An output made before from these documents (their warnings said again), or None."""
        if self.cache is None:
            return None
        warnings = [remembered_warnings(d, self.cache) for d in docs]
        data = self.cache.get("output", key)
        if data is None or any(w is None for w in warnings):
            return None
        for ws in warnings:
            for w in ws or ():
                warn(w)
        return data

    def remember(self, key: str, data: bytes) -> None:
        """Keep an output (a cache that cannot be written is not used)."""
        if self.cache is None:
            return
        try:
            self.cache.put("output", key, data)
            prune(self.cache)
        except Exception:
            pass


def compare_documents(old: Input | Opener, new: Input | Opener, documents: Documents,
                      warn: Warn = lambda _: None) -> ChangeLog:
    """``old`` → ``new``: each read (an ``Opener`` is called now), normalized or taken from
    ``documents``, its facts derived once, then aligned and diffed. A document that fails raises
    ``DocumentError`` naming its side."""
    from ..compare.diff import diff

    facts = []
    for side, doc in (("old", old), ("new", new)):
        try:
            facts.append(documents.facts(doc if isinstance(doc, Input) else doc(), warn))
        except GuidediffError as e:
            raise DocumentError(side, e) from e
    return diff(facts[0], facts[1], documents.measures)
