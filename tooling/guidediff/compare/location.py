"""Where a change or a clause is: a ``Location`` (the section it is in, and the position of the
clause in that section), never a string to parse.

The JSON contract writes a location as one string (``areas[1.2]``, ``preamble:goals[6]``,
``budget_wan``): ``str(location)`` writes it, here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Scope(StrEnum):
    """What a location is a part of."""

    DIRECTION = "direction"  # a direction: one of its fields, or the direction itself
    PREAMBLE = "preamble"  # the document's own parts (title, front matter, each part's text)
    FIGURE = "figure"  # a figure the document states of itself


# The places of a direction that are not fields (a field's place is its name).
TITLE, CONTACTS, LINKS, WHOLE = "title", "contacts", "links", "direction"
OTHER = "other"  # the name of a field guidediff does not know (its printed label says which)
# The sections of the preamble: the title, the front matter, 总体目标, the directions part's
# own text, and any other part (by its number in the document).
FRONT, GOALS, DIRECTIONS, PART = "front", "goals", "directions", "part"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a document.

    ``section``: for a direction, the name of a field (``budget``, ``areas``; ``other`` for a
    field guidediff does not know, its printed label in ``label``) or ``title``, ``contacts``,
    ``links``, ``direction`` (the whole); for the preamble ``title``, ``front``, ``goals``,
    ``directions`` or ``part`` (numbered ``part``); for a figure, its ``Figure`` value.
    ``path``: the clause's position in the section, outermost first: (3, 4) is the 4th item of
    the 3rd (第3个领域方向第4项); () is the section itself.
    """

    scope: Scope
    section: str
    path: tuple[int, ...] = ()
    label: str = ""  # section "other": the field's printed label (申报说明)
    part: int | None = None  # section "part" of the preamble: its number in the document
    heading: bool = False  # the preamble: a part's heading, not its text

    @classmethod
    def of_field(cls, name: str, label: str = "") -> Location:
        """A field of a direction (``label``: the printed label, kept for a field ``other``)."""
        return cls(Scope.DIRECTION, name, label=label if name == OTHER else "")

    @classmethod
    def in_direction(cls, section: str) -> Location:
        """A place of a direction that is not a field: its title, contacts, links, itself."""
        return cls(Scope.DIRECTION, section)

    @classmethod
    def in_preamble(cls, section: str, part: int | None = None,
                    heading: bool = False) -> Location:
        return cls(Scope.PREAMBLE, section, part=part, heading=heading)

    @classmethod
    def of_figure(cls, figure: str) -> Location:
        return cls(Scope.FIGURE, str(figure))

    def at(self, path: tuple[int, ...]) -> Location:
        """The same section, at the clause ``path``."""
        return replace(self, path=path)

    @property
    def is_title(self) -> bool:
        """The title of a direction or of the document."""
        return self.section == TITLE and not self.path

    def __str__(self) -> str:
        """The location as the JSON contract writes it: ``areas[1.2]``, ``申报说明``,
        ``preamble:part3:heading[1]``, ``budget_wan``."""
        if self.scope is Scope.PREAMBLE:
            name = f"{PART}{self.part}" if self.section == PART else self.section
            base = f"preamble:{name}" + (":heading" if self.heading else "")
        elif self.scope is Scope.DIRECTION and self.section == OTHER:
            base = self.label
        else:
            base = self.section
        if not self.path:
            return base
        return f"{base}[{'.'.join(str(k) for k in self.path)}]"
