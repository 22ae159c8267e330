"""What a direction is, for telling programmes apart: its agreements (normalized), partners,
title and areas, computed once per direction and read by alignment, blocking and lineages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import InitVar, dataclass, field

from ..model import Agreement, Direction
from ..normalize import facts
from .tokens import Profile

THRESHOLD = 0.5  # the score two directions need to be one programme
REWORDED = 0.9  # two agreement titles this similar are one agreement reworded


@dataclass(frozen=True)
class Features:
    """A direction as alignment and blocking read it."""

    id: str
    title: str
    agreements: tuple[str, ...]  # normalized for comparison
    partners: frozenset[str]
    areas: str
    printed: tuple[tuple[str, str], ...] = ()  # normalized -> as printed, for the evidence
    # the texts as similarity reads them, made once per direction (not once per pair)
    title_p: Profile = field(init=False, repr=False, compare=False)
    areas_p: Profile = field(init=False, repr=False, compare=False)
    agreements_p: dict[str, Profile] = field(init=False, repr=False, compare=False)
    # how to make a profile (``Measures.profile``: the same text profiled once in a run)
    profile: InitVar[Callable[[str], Profile] | None] = None

    def __post_init__(self, profile: Callable[[str], Profile] | None) -> None:
        make = profile or Profile.of
        object.__setattr__(self, "title_p", make(self.title))
        object.__setattr__(self, "areas_p", make(self.areas))
        object.__setattr__(self, "agreements_p", {a: make(a) for a in self.agreements})


def norm_agreement(title: str) -> str:
    t = unicodedata.normalize("NFKC", title)
    t = re.sub(r"\s+", "", t)
    t = re.sub(r"[-—–－~～至]", "-", t)
    return t.replace("中华人民共和国科学技术部", "中国科技部").replace("科学技术部", "科技部")


def features(d: Direction, title: str | None = None,
             partners: tuple[str, ...] | None = None,
             profile: Callable[[str], Profile] | None = None) -> Features:
    """A direction's features (``title`` and ``partners``: its facts, where they are known;
    ``profile``: how to profile a text, ``Measures.profile`` in a run)."""
    f = d.field("agreements")
    titles: list[str] = []
    if f is not None:
        titles = [v.title for b in f.blocks() for v in b.values(Agreement)
                  if isinstance(v, Agreement)]
        titles = titles or [b.text for b in f.blocks() if b.text.strip()]
    agreements = tuple(norm_agreement(t) for t in titles)
    areas = d.field("areas")
    area_text = "".join(b.text for b in areas.blocks()) if areas is not None else ""
    title = facts.title_text(d) if title is None else title
    partners = facts.partners(d) if partners is None else partners
    return Features(d.id, title, agreements, frozenset(partners), area_text,
                    tuple(zip(agreements, titles, strict=True)), profile)
