"""``corpus/lineage.toml``: the links a person pins or cuts where content cannot tell.

    # 2022's 1.6 continues 2021's 3.5 (the programme was renamed and refocused)
    [[pin]]
    from = "2021-b1-draft:3.5"
    to = "2022-b1-final:1.6"

    # these two are different programmes, whatever their content says
    [[cut]]
    from = "2021-b1-draft:1.9"
    to = "2022-b1-final:2.7"

Every entry is checked against the corpus: a version or a direction that does not exist, or a
``to`` that does not come after its ``from``, is an error naming the entry and the key. So are
entries that contradict each other: a pin and a cut of the same pair, one direction pinned into
two directions of one version, two pins into one direction, or an entry given twice.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..compare.lineage import Overrides, Ref
from ..errors import GuidediffError
from ..files import read_file

FILE = "lineage.toml"


class OverrideError(GuidediffError):
    """corpus/lineage.toml is malformed or names what the corpus does not have."""


def load_overrides(corpus_dir: Path, directions: Mapping[str, Sequence[str]],
                   order: Sequence[str]) -> Overrides:
    """The overrides of ``corpus_dir/lineage.toml`` (none if there is no such file), checked
    against the versions (``directions``: version -> its direction ids; ``order``: the versions
    in order)."""
    path = corpus_dir / FILE
    if not path.exists():
        return Overrides()
    try:
        data = tomllib.loads(read_file(path, 1 << 20).decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise OverrideError("is not UTF-8", path) from None
    except tomllib.TOMLDecodeError as e:
        raise OverrideError(f"is not valid TOML: {e}", path) from None
    extra = sorted(set(data) - {"pin", "cut"})
    if extra:
        raise OverrideError(f"{extra[0]}: is not a table of this file (known: pin, cut)", path)
    rank = {v: k for k, v in enumerate(order)}
    pins = tuple(_pair(path, "pin", i, t, directions, rank)
                 for i, t in enumerate(_tables(path, data, "pin")))
    cuts = tuple(_pair(path, "cut", i, t, directions, rank)
                 for i, t in enumerate(_tables(path, data, "cut")))
    _refuse_contradictions(path, pins, cuts)
    return Overrides(pins, cuts)


def _refuse_contradictions(path: Path, pins: Sequence[tuple[Ref, Ref]],
                           cuts: Sequence[tuple[Ref, Ref]]) -> None:
    """Entries that cannot all hold: each error names both entries and the key they share."""
    seen: dict[tuple[Ref, Ref], str] = {}
    for name, pairs in (("pin", pins), ("cut", cuts)):
        for i, pair in enumerate(pairs):
            where = f"{name} {i + 1}"
            if pair in seen:
                other = seen[pair]
                why = "gives the same pair again" if other.split()[0] == name else \
                    "pins what it cuts (a pin and a cut of one pair contradict)"
                raise OverrideError(f"{other} and {where}: from = \"{pair[0]}\", to = "
                                    f"\"{pair[1]}\": {why}", path)
            seen[pair] = where
    into: dict[tuple[Ref, str], int] = {}  # (from, version of to) -> pin index
    onto: dict[Ref, int] = {}  # to -> pin index
    for i, (a, b) in enumerate(pins):
        k = into.setdefault((a, b.version), i)
        if k != i:
            raise OverrideError(f"pin {k + 1} and pin {i + 1}: from = \"{a}\": one direction "
                                f"pinned into two directions of {b.version} ({pins[k][1]} and "
                                f"{b}); a direction continues as one", path)
        k = onto.setdefault(b, i)
        if k != i:
            raise OverrideError(f"pin {k + 1} and pin {i + 1}: to = \"{b}\": two directions "
                                f"({pins[k][0]} and {a}) pinned into one; pin one of them, or "
                                "let content link them", path)


def _tables(path: Path, data: dict[str, Any], name: str) -> list[Any]:
    tables = data.get(name, [])
    if not isinstance(tables, list):
        raise OverrideError(f"{name}: must be [[{name}]] tables", path)
    return tables


def _pair(path: Path, name: str, i: int, table: Any, directions: Mapping[str, Sequence[str]],
          rank: dict[str, int]) -> tuple[Ref, Ref]:
    where = f"{name} {i + 1}"
    if not isinstance(table, dict):
        raise OverrideError(f"{where}: must be a table with from and to", path)
    extra = sorted(set(table) - {"from", "to", "why"})
    if extra:
        raise OverrideError(f"{where}: {extra[0]}: is not a key (known: from, to, why)", path)
    refs = []
    for k in ("from", "to"):
        value = table.get(k)
        if not isinstance(value, str):
            raise OverrideError(f"{where}: {k}: must be \"VERSION:DIRECTION\", not {value!r}",
                                path)
        try:
            ref = Ref.parse(value)
        except ValueError as e:
            raise OverrideError(f"{where}: {k}: {e}", path) from None
        if ref.version not in directions:
            raise OverrideError(f"{where}: {k}: no version {ref.version!r} in the corpus", path)
        if ref.direction not in directions[ref.version]:
            raise OverrideError(f"{where}: {k}: {ref.version} has no direction "
                                f"{ref.direction!r}", path)
        refs.append(ref)
    if rank[refs[1].version] <= rank[refs[0].version]:
        raise OverrideError(f"{where}: to: {refs[1].version} does not come after "
                            f"{refs[0].version}", path)
    return refs[0], refs[1]
