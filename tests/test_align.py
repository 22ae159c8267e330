"""Direction alignment on the real pair (2021 draft → 2022 final), traps included."""

from __future__ import annotations

import re

from guidediff.compare.align import align, features, score
from guidediff.compare.assign import assign
from guidediff.compare.evidence import SameAgreement
from guidediff.normalize.pipeline import Normalized

from .cases import gold_pairs


def test_alignment_of_the_seed_pair_is_the_independent_readers(norm2021: Normalized,
                                                                norm2022: Normalized) -> None:
    """Matched, added and dropped as the independent reading (tests/data/gold) has them."""
    rows = align(norm2021.guideline, norm2022.guideline)
    assert {(r.old, r.new) for r in rows} == gold_pairs()
    for r in rows:
        assert r.status == ("matched" if r.old and r.new else "added" if r.new else "dropped")


def test_every_direction_appears_exactly_once(norm2021: Normalized,
                                              norm2022: Normalized) -> None:
    rows = align(norm2021.guideline, norm2022.guideline)
    olds = [r.old for r in rows if r.old]
    news = [r.new for r in rows if r.new]
    assert sorted(olds) == sorted(d.id for d in norm2021.guideline.directions)
    assert sorted(news) == sorted(d.id for d in norm2022.guideline.directions)


def test_same_partner_other_agreement_is_not_matched(norm2021: Normalized,
                                                     norm2022: Normalized) -> None:
    rows = {(r.status, r.old, r.new): r for r in align(norm2021.guideline, norm2022.guideline)}
    # Austria 产学研 (2022 1.4) is under a new agreement: added, not forced onto 2021 3.2
    added = rows[("added", None, "1.4")]
    assert added.nearest is not None and added.nearest.id == "3.2" and added.nearest.score < 0.5
    # the US: clean-energy centre (2021 1.1) and the S&T agreement (2022 2.6) are two programmes
    assert ("added", None, "2.6") in rows and ("dropped", "1.1", None) in rows


def test_sole_surviving_german_direction_matches_its_agreement(norm2021: Normalized,
                                                               norm2022: Normalized) -> None:
    rows = align(norm2021.guideline, norm2022.guideline)
    germany = next(r for r in rows if r.new == "1.6")
    assert germany.old == "3.5"  # same BMVI declaration; 3.4, 3.6, 3.7 are dropped
    same = [e for e in germany.evidence if isinstance(e, SameAgreement)]
    assert same and "联邦交通和数字基础设施部" in same[0].title
    assert germany.score is not None and 0 <= germany.score <= 1


def test_evidence_is_data_worded_by_the_reader_s_language(norm2021: Normalized,
                                                         norm2022: Normalized) -> None:
    """Each piece of evidence is a typed value: the JSON writes it as its English sentence,
    the link state keeps it as data (and reads it back the same), a Chinese reader reads it
    without an English word (only the document's own titles may hold Latin letters)."""
    from guidediff.compare.evidence import from_list, sentence, to_list
    from guidediff.render.phrases import evidence_text

    rows = align(norm2021.guideline, norm2022.guideline)
    pieces = [e for r in rows for e in r.evidence]
    assert {type(e).__name__ for e in pieces} >= {"SameAgreement", "SamePartner",
                                                 "PartSimilarity"}
    for e in pieces:
        assert from_list(to_list(e)) == e
        assert evidence_text(e, "en") == sentence(e)
        zh = evidence_text(e, "zh")
        own = e.title if isinstance(e, SameAgreement) else ""
        assert not re.search(r"[A-Za-z]", zh.replace(own, "")), zh
    assert any(re.fullmatch(r"title similarity \d\.\d\d", sentence(e)) for e in pieces)


def test_korean_directions_with_one_agreement_are_told_apart_by_title(
        norm2021: Normalized, norm2022: Normalized) -> None:
    rows = {r.old: r.new for r in align(norm2021.guideline, norm2022.guideline)}
    assert (rows["1.7"], rows["1.8"], rows["2.0"]) == ("1.8", "1.9", "2.7")
    assert rows["1.9"] is None


def test_score_is_symmetric(norm2021: Normalized, norm2022: Normalized) -> None:
    fo = [features(d) for d in norm2021.guideline.directions]
    fn = [features(d) for d in norm2022.guideline.directions]
    for a in fo:
        for b in fn:
            assert score(a, b)[0] == score(b, a)[0]


def test_assignment_is_global_not_greedy() -> None:
    # greedy would take 0.9 (row 0 → col 0) and leave row 1 with 0.1; the global optimum is 1.6
    assert assign([[0.9, 0.8], [0.8, 0.1]], 0.5) == [(0, 1), (1, 0)]


def test_assignment_threshold() -> None:
    assert assign([[0.4, 0.2]], 0.5) == []
    assert assign([[0.9], [0.95], [0.3]], 0.5) == [(1, 0)]
