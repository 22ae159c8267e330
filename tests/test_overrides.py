"""``corpus/lineage.toml``: overrides that contradict each other are refused, each error naming
both entries and the key they share; overrides that agree are accepted. Checked against the
versions of the real corpus, for every pair of entries of a generated family."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from guidediff.compare.lineage import Ref
from guidediff.corpus.overrides import OverrideError, load_overrides

DIRS = {"2021-b1-draft": [f"1.{k}" for k in range(1, 10)],
        "2022-b1-final": [f"1.{k}" for k in range(1, 10)]}
ORDER = ["2021-b1-draft", "2022-b1-final"]


def _entry(kind: str, a: str, b: str) -> str:
    return f'[[{kind}]]\nfrom = "2021-b1-draft:{a}"\nto = "2022-b1-final:{b}"\n'


def _load(tmp_path: Path, *entries: str):  # type: ignore[no-untyped-def]
    (tmp_path / "lineage.toml").write_text("".join(entries), encoding="utf-8")
    return load_overrides(tmp_path, DIRS, ORDER)


def _verdict(a: tuple[str, str, str], b: tuple[str, str, str]) -> str | None:
    """Why two entries (kind, from, to) contradict, by the rules; None if they agree."""
    (ka, fa, ta), (kb, fb, tb) = a, b
    if (fa, ta) == (fb, tb):
        return "gives the same pair again" if ka == kb else "pins what it cuts"
    if ka == kb == "pin" and fa == fb:
        return "pinned into two directions"
    if ka == kb == "pin" and ta == tb:
        return "pinned into one"
    return None


ENTRIES = [(k, f, t) for k in ("pin", "cut") for f in ("1.4", "1.5") for t in ("1.1", "1.2")]


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations_with_replacement(ENTRIES, 2)))
def test_two_entries_agree_or_are_refused_naming_both(tmp_path: Path, a, b) -> None:  # type: ignore[no-untyped-def]
    why = _verdict(a, b)
    if why is None:
        o = _load(tmp_path, _entry(*a), _entry(*b))
        assert len(o.pins) + len(o.cuts) == 2
        return
    with pytest.raises(OverrideError) as e:
        _load(tmp_path, _entry(*a), _entry(*b))
    message = str(e.value)
    assert why in message and message.startswith(str(tmp_path / "lineage.toml"))
    first, second = ("pin 1", "pin 2") if a[0] == b[0] == "pin" else (
        ("cut 1", "cut 2") if a[0] == b[0] == "cut" else ("pin 1", "cut 1"))
    assert f"{first} and {second}:" in message
    assert "from = " in message or "to = " in message


def test_the_refusal_names_the_directions(tmp_path: Path) -> None:
    with pytest.raises(OverrideError, match=r"pin 1 and pin 2: to = \"2022-b1-final:1.1\": two "
                                            r"directions \(2021-b1-draft:1.4 and "
                                            r"2021-b1-draft:1.5\) pinned into one"):
        _load(tmp_path, _entry("pin", "1.4", "1.1"), _entry("pin", "1.5", "1.1"))
    o = _load(tmp_path, _entry("pin", "1.4", "1.1"), _entry("cut", "1.5", "1.1"))
    assert o.pins == ((Ref("2021-b1-draft", "1.4"), Ref("2022-b1-final", "1.1")),)
