"""Each command imports what it uses: starting the CLI loads no renderer library, and alignment
by blocked candidates pairs exactly as the full matrix does."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from guidediff.compare.align import THRESHOLD, align, features, score_value
from guidediff.compare.assign import assign
from guidediff.compare.events import AlignmentRow

HEAVY = ("docx", "jinja2", "multiprocessing", "concurrent.futures", "lxml.html",
         "pypdfium2", "rapidfuzz", "diff_match_patch")


def loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout.split()
    return set(out)


def test_starting_the_cli_loads_no_heavy_library() -> None:
    modules = loaded_after("import guidediff.cli")
    assert not {m for m in HEAVY if m in modules}
    assert not [m for m in modules if m.startswith(("guidediff.render.", "guidediff.compare."))]


def test_the_json_diff_loads_no_word_nor_template_library() -> None:
    from .conftest import RAW_2021, RAW_2022

    code = ("from click.testing import CliRunner\nfrom guidediff.cli import cli\n"
            f"r = CliRunner().invoke(cli, ['diff', {str(RAW_2021)!r}, {str(RAW_2022)!r}, "
            "'-f', 'json'])\nassert r.exit_code == 0, r.output")
    modules = loaded_after(code)
    assert not {m for m in ("docx", "jinja2", "multiprocessing", "pypdfium2") if m in modules}


Row = tuple[str, str | None, str | None, tuple[object, ...] | None]


def dense_align(old, new) -> list[Row]:  # type: ignore[no-untyped-def]
    """Alignment as it was: every pair scored, one assignment over the full matrix, each
    unpaired direction's nearest (the first of equals) looked for among all."""
    fo = [features(d) for d in old.directions]
    fn = [features(d) for d in new.directions]
    matrix = [[score_value(a, b) for b in fn] for a in fo]
    pairs = {j: i for i, j in assign(matrix, THRESHOLD)}
    new_of = {i: j for j, i in pairs.items()}

    def nearest(values: list[float], others, took_of, back):  # type: ignore[no-untyped-def]
        if not values:
            return None
        k = max(range(len(values)), key=lambda k: (values[k], -k))
        took = took_of.get(k)
        return (others[k].id, values[k], back[took].id if took is not None else None)

    rows: list[Row] = [
        ("matched", fo[pairs[j]].id, b.id, None) if j in pairs else
        ("added", None, b.id, nearest([matrix[i][j] for i in range(len(fo))], fo, new_of, fn))
        for j, b in enumerate(fn)]
    rows += [("dropped", a.id, None, nearest(matrix[i], fn, pairs, fo))
             for i, a in enumerate(fo) if i not in new_of]
    return rows


def shape(rows: list[AlignmentRow]) -> list[Row]:
    return [(r.status, r.old, r.new, None if r.nearest is None else
             (r.nearest.id, r.nearest.score, r.nearest.taken_by)) for r in rows]


def test_blocked_alignment_is_the_full_one_on_the_real_pair(norm2021, norm2022) -> None:  # type: ignore[no-untyped-def]
    old, new = norm2021.guideline, norm2022.guideline
    assert shape(align(old, new)) == dense_align(old, new)
    assert shape(align(new, old)) == dense_align(new, old)


@pytest.mark.parametrize("seed", range(6))
def test_blocked_alignment_is_the_full_one_on_shuffled_mixes(norm2021, norm2022,  # type: ignore[no-untyped-def]
                                                             seed: int) -> None:
    """Directions of both documents, shuffled and thinned at random on each side."""
    from dataclasses import replace

    rng = random.Random(seed)
    pool = list(norm2021.guideline.directions) + list(norm2022.guideline.directions)

    def pick():  # type: ignore[no-untyped-def]
        dirs = rng.sample(pool, rng.randrange(10, len(pool)))
        dirs = [replace(d, id=f"{k // 10 + 1}.{k % 10}") for k, d in enumerate(dirs)]
        g = norm2022.guideline
        part = next(p for p in g.parts if p.directions)
        return replace(g, parts=tuple(replace(p, directions=tuple(dirs)) if p is part else p
                                      for p in g.parts))

    old, new = pick(), pick()
    assert shape(align(old, new)) == dense_align(old, new)


def test_blocked_alignment_is_the_full_one_on_scaled_copies() -> None:
    """68 directions against an edited copy (some dropped, some added, budgets changed), under
    other partners and near-identical agreement titles: pairs and every nearest as the full
    matrix gives them, in both directions."""
    from guidediff.normalize.pipeline import normalize_raw
    from guidediff.read.ingest import ingest_text
    from tests.support.scale import scaled

    from .conftest import RAW_2021, RAW_2022

    old, new = (normalize_raw(ingest_text(scaled(RAW_2021, RAW_2022, 4, edited=e),
                                          "x.txt")).guideline for e in (False, True))
    rows = shape(align(old, new))
    assert {r[0] for r in rows} == {"matched", "added", "dropped"}
    assert rows == dense_align(old, new)
    assert shape(align(new, old)) == dense_align(new, old)


@pytest.mark.parametrize("copies", [1, 3])
def test_a_pair_outside_the_candidates_scores_at_most_outside(copies: int) -> None:
    """The bound that lets the nearest be looked for among candidates first, on every pair of
    the real directions and of scaled copies of them (other partners, own agreements)."""
    from guidediff.compare.candidates import Candidates
    from guidediff.compare.score import OUTSIDE
    from guidediff.normalize.pipeline import normalize_raw
    from guidediff.read.ingest import ingest_text
    from tests.support.scale import scaled

    from .conftest import RAW_2021, RAW_2022

    docs = [normalize_raw(ingest_text(scaled(RAW_2021, RAW_2022, copies, edited=e), "x.txt"))
            for e in (False, True)]
    fs = [features(d) for n in docs for d in n.guideline.directions]
    from guidediff.normalize.pipeline import normalize_file

    fs += [features(d) for p in (RAW_2021, RAW_2022)
           for d in normalize_file(p).guideline.directions]
    index = Candidates.of(fs)
    # (nothing is remembered between scores: a score is computed in full unless a
    # Measures is passed)
    checked = 0
    for f in fs:
        inside = index.query(f)
        for k, g in enumerate(fs):
            if k not in inside:
                assert score_value(f, g) <= OUTSIDE, (f.id, g.id)
                checked += 1
    assert checked > len(fs)  # the bound was put to the test
