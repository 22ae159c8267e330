"""Why two directions are one programme: the evidence of an alignment, as data.

Each piece says one thing the score weighed (an agreement in common, the partners, how alike
the titles or areas are); the renderers word it for readers in their language. The JSON
contracts (``guidediff.changes/1``, ``guidediff.history/1``) write each piece as one English
sentence: ``sentence`` writes it, here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


@dataclass(frozen=True, slots=True)
class SameAgreement:
    """Both name this agreement (as the new side prints it), and ``more`` others in common."""

    title: str
    more: int = 0


@dataclass(frozen=True, slots=True)
class RewordedAgreement:
    """No agreement in common, but one reworded (its best similarity)."""

    similarity: float


@dataclass(frozen=True, slots=True)
class NoAgreementInCommon:
    """Both name agreements, none alike (the closest pair's similarity)."""

    closest: float


@dataclass(frozen=True, slots=True)
class SamePartner:
    """Both name these partners."""

    partners: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DifferentPartners:
    """Both name partners, none in common."""

    pass


class Part(StrEnum):
    TITLE = "title"
    AREAS = "areas"


@dataclass(frozen=True, slots=True)
class PartSimilarity:
    """How alike the two titles (or areas) are, from 0 to 1."""

    part: Part
    value: float


Evidence = (SameAgreement | RewordedAgreement | NoAgreementInCommon | SamePartner
            | DifferentPartners | PartSimilarity)


def sentence(e: Evidence) -> str:
    """The evidence as the JSON contracts write it (English, for tools)."""
    if isinstance(e, SameAgreement):
        return f"same agreement 《{e.title}》" + (f" (+{e.more})" if e.more else "")
    if isinstance(e, RewordedAgreement):
        return f"reworded agreement (similarity {e.similarity:.2f})"
    if isinstance(e, NoAgreementInCommon):
        return f"no agreement in common (closest similarity {e.closest:.2f})"
    if isinstance(e, SamePartner):
        return f"same partner {'、'.join(e.partners)}"
    if isinstance(e, DifferentPartners):
        return "different partners"
    return f"{e.part.value} similarity {e.value:.2f}"


# ---------------------------------------------------------------- as JSON (the link state)

_TAGS: dict[str, type] = {"agreement": SameAgreement, "reworded": RewordedAgreement,
                          "no-agreement": NoAgreementInCommon, "partner": SamePartner,
                          "other-partners": DifferentPartners, "similarity": PartSimilarity}
_TAG_OF = {cls: tag for tag, cls in _TAGS.items()}


def to_list(e: Evidence) -> list[Any]:
    """A piece of evidence as a JSON list: its tag, then its fields."""
    if isinstance(e, SamePartner):
        return ["partner", list(e.partners)]
    if isinstance(e, PartSimilarity):
        return ["similarity", e.part.value, e.value]
    fields = [getattr(e, name) for name in type(e).__slots__]
    return [_TAG_OF[type(e)], *fields]


def from_list(x: list[Any]) -> Evidence:
    tag, *fields = x
    if tag == "partner":
        return SamePartner(tuple(fields[0]))
    if tag == "similarity":
        return PartSimilarity(Part(fields[0]), fields[1])
    return _TAGS[tag](*fields)
