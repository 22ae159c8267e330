"""The order the documents' reports walk the directions in."""

from __future__ import annotations

from ..compare.events import ChangeLog, PairView
from ..compare.kinds import AlignStatus
from ..model import id_key


def _key(did: str | None) -> tuple[int, ...]:
    return id_key(did or "0")


def interleaved(log: ChangeLog) -> list[PairView]:
    """Matched and added directions in the new document's order, each dropped direction right
    after the matched one that preceded it in the old document (or first, if none did)."""
    placed = [v for v in log.views if v.status is not AlignStatus.DROPPED]
    dropped = sorted((v for v in log.views if v.status is AlignStatus.DROPPED),
                     key=lambda v: _key(v.old))
    matched_old = sorted((v for v in placed if v.old), key=lambda v: _key(v.old))
    after: dict[int, list[PairView]] = {}
    head: list[PairView] = []
    for d in dropped:
        before = [m for m in matched_old if _key(m.old) < _key(d.old)]
        if before:
            after.setdefault(id(before[-1]), []).append(d)
        else:
            head.append(d)
    out = list(head)
    for v in placed:
        out.append(v)
        out.extend(after.get(id(v), []))
    return out
