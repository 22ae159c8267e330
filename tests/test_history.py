"""History across many versions: lineages against the truth of generated chains (renumbering,
edits, drops, returns, a reused number, a split, a merge), stable ids, overrides, the contract,
and versions in order."""

from __future__ import annotations

import json
import random
from collections import Counter
from importlib import resources

import jsonschema
import pytest

from guidediff.compare.align import THRESHOLD, features, score
from guidediff.compare.candidates import Candidates
from guidediff.compare.digest import digest, from_dict, to_dict
from guidediff.compare.history import History, VersionInfo, year_changes, year_versions
from guidediff.compare.lineage import Linker, LinkError, Overrides, Ref, link_versions
from guidediff.corpus.manifest import order_key
from guidediff.model import DocMeta
from guidediff.normalize.pipeline import normalize_raw
from guidediff.read.ingest import ingest_text
from guidediff.render.history import history_dict
from tests.support.chains import Chain, random_chain, scripted_chain

from .conftest import RAW_2021, RAW_2022


def digests(chain: Chain) -> list:  # type: ignore[type-arg]
    return [digest(normalize_raw(ingest_text(chain.text(v), f"{v.id}.txt"), doc_id=v.id)
                   .guideline) for v in chain.versions]


@pytest.fixture(scope="module")
def scripted() -> tuple[Chain, list]:  # type: ignore[type-arg]
    chain = scripted_chain(RAW_2021, RAW_2022)
    return chain, digests(chain)


def programme_of(chain: Chain) -> dict[tuple[str, str], tuple[str, str]]:
    truth = chain.truth()
    return {(v.id, d): t for v, row in zip(chain.versions, truth, strict=True)
            for d, t in row.items()}


def assert_lineages_are_the_truth(chain: Chain, lineages: tuple) -> None:  # type: ignore[type-arg]
    """Each lineage is one programme; each direction is in one lineage, a merged one in two;
    each link is of the kind the generator made."""
    truth = programme_of(chain)
    where = Counter((m.version, m.direction) for lin in lineages for m in lin.members)
    assert set(where) == set(truth)
    for (vid, did), (prog, how) in truth.items():
        expected = 2 if how.startswith("merged:") else 1
        assert where[(vid, did)] == expected, (vid, did, prog, how)
    for lin in lineages:
        first_prog, first_how = truth[(lin.members[0].version, lin.members[0].direction)]
        m0 = lin.members[0]
        if first_how.startswith("split:"):
            assert m0.via is not None and m0.via.kind == "split"
            assert truth[(m0.via.source.version, m0.via.source.direction)][0] == \
                first_how.split(":")[1]
        else:
            assert m0.via is None and first_how == "new", (lin.id, first_how)
        for m in lin.members[1:]:
            prog, how = truth[(m.version, m.direction)]
            assert m.via is not None
            if how.startswith("merged:"):
                absorbed = how.split(":")[1]
                assert m.via.kind == "merged"
                assert first_prog in (prog, absorbed), (lin.id, prog, absorbed)
                continue
            assert prog == first_prog, (lin.id, m.version, m.direction, prog, first_prog)
            kind = {"continued": "matched", "reappeared": "reappeared"}[how]
            assert m.via.kind == kind, (lin.id, m.version, m.direction, m.via.kind, how)


def test_the_scripted_chain_is_linked_as_made(scripted) -> None:  # type: ignore[no-untyped-def]
    chain, ds = scripted
    lineages = link_versions(ds)
    assert_lineages_are_the_truth(chain, lineages)
    kinds = Counter(m.via.kind for lin in lineages for m in lin.members if m.via)
    assert kinds["reappeared"] == 1 and kinds["split"] == 1 and kinds["merged"] == 2


def test_a_reused_number_never_links_by_number(scripted) -> None:  # type: ignore[no-untyped-def]
    chain, ds = scripted
    lineages = link_versions(ds)
    v2, v3 = chain.versions[1].id, chain.versions[2].id
    assert chain.truth()[2]["1.6"][1] == "new"  # v3's 1.6 is another programme than v2's
    lin_v3 = next(lin for lin in lineages if any(m.version == v3 and m.direction == "1.6"
                                                 for m in lin.members))
    assert lin_v3.id == f"{v3}:1.6"
    assert all(not (m.version == v2 and m.direction == "1.6") for m in lin_v3.members)


@pytest.mark.parametrize("seed", [3, 11, 50, 53])
def test_random_chains_are_linked_as_made(seed: int) -> None:
    chain = random_chain(RAW_2021, RAW_2022, 25, seed)
    assert_lineages_are_the_truth(chain, link_versions(digests(chain)))


def test_lineage_ids_are_stable_when_versions_are_added(scripted) -> None:  # type: ignore[no-untyped-def]
    _, ds = scripted
    full = {lin.id: lin.members for lin in link_versions(ds)}
    for k in range(1, len(ds)):
        for lin in link_versions(ds[:k]):
            assert lin.id in full
            assert full[lin.id][:len(lin.members)] == lin.members
    assert {lin.id for lin in link_versions(ds)} == set(full)  # rebuilding: the same ids


def test_the_link_state_resumes_where_it_was_saved(scripted) -> None:  # type: ignore[no-untyped-def]
    _, ds = scripted
    whole = link_versions(ds)
    linker = Linker()
    for d in ds[:4]:
        linker.add(d)
    resumed = Linker.from_dict(json.loads(json.dumps(linker.to_dict())), Overrides())
    for d in ds[4:]:
        resumed.add(from_dict(json.loads(json.dumps(to_dict(d)))))
    assert resumed.lineages() == whole


def test_overrides_pin_and_cut(scripted) -> None:  # type: ignore[no-untyped-def]
    chain, ds = scripted
    v1, v2 = chain.versions[0].id, chain.versions[1].id
    plain = {(m.version, m.direction): lin.id for lin in link_versions(ds[:2])
             for m in lin.members}
    cut = Overrides(cuts=((Ref(v1, "1.1"), Ref(v2, "1.1")),))
    after_cut = {(m.version, m.direction): (lin.id, m.via)
                 for lin in link_versions(ds[:2], cut) for m in lin.members}
    assert plain[(v2, "1.1")] == f"{v1}:1.1"
    assert after_cut[(v2, "1.1")][0] == f"{v2}:1.1"  # cut: it starts a lineage of its own
    pin = Overrides(pins=((Ref(v1, "1.2"), Ref(v2, "1.1")),))
    after_pin = {(m.version, m.direction): (lin.id, m.via)
                 for lin in link_versions(ds[:2], pin) for m in lin.members}
    lin_id, via = after_pin[(v2, "1.1")]
    assert lin_id == f"{v1}:1.2" and via is not None and via.kind == "override"
    with pytest.raises(LinkError, match="has no direction 9.9"):
        link_versions(ds[:2], Overrides(pins=((Ref(v1, "1.2"), Ref(v2, "9.9")),)))


def test_candidates_hold_every_pair_that_can_match(norm2021, norm2022) -> None:  # type: ignore[no-untyped-def]
    """Blocking never loses a pair the full matrix would pair: over the real directions and
    mangled ones (titles, agreements and partners edited at random)."""
    rng = random.Random(5)
    base = [features(d) for g in (norm2021.guideline, norm2022.guideline) for d in g.directions]
    mangled = []
    for f in base:
        title = f.title if rng.random() < 0.5 else f.title[:rng.randrange(len(f.title) + 1)]
        agreements = f.agreements if rng.random() < 0.6 else tuple(
            a[:-2] + "修订" for a in f.agreements) if rng.random() < 0.5 else ()
        partners = f.partners if rng.random() < 0.7 else frozenset()
        mangled.append(type(f)(f.id + "m", title, agreements, partners, f.areas, f.printed))
    targets = base + mangled
    index = Candidates()
    for k, f in enumerate(targets):
        index.add(k, f)
    for q in targets:
        found = index.query(q)
        matchable = index.query(q, matchable=True)
        assert matchable <= found
        for k, t in enumerate(targets):
            if score(t, q)[0] >= THRESHOLD:
                assert k in matchable, (q.title, t.title)


@pytest.mark.parametrize("copies", [2, 5])
def test_matchable_candidates_hold_every_pair_that_can_match_among_copies(
        copies: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Copies of the directions under other partners and near-identical agreement titles (the
    case the matchable query is made for: few targets share a partner, many a title)."""
    from guidediff.normalize.pipeline import normalize_raw
    from guidediff.read.ingest import ingest_text
    from tests.support.scale import scaled

    from .conftest import RAW_2021, RAW_2022

    fs = [features(d) for e in (False, True) for d in normalize_raw(ingest_text(
        scaled(RAW_2021, RAW_2022, copies, edited=e), "x.txt")).guideline.directions]
    index = Candidates.of(fs)
    few = 0
    for q in fs:
        matchable = index.query(q, matchable=True)
        few += len(matchable) < len(index.query(q))
        for k, t in enumerate(fs):
            if score(t, q)[0] >= THRESHOLD:
                assert k in matchable, (q.id, t.id)
    assert few > 0  # the matchable query left pairs out, as it is meant to
    # the few targets sharing a partner verified one by one = the index's answer
    by_few = [index.query(q, matchable=True) for q in fs]
    monkeypatch.setattr(Candidates, "_FEW", -1)
    assert [index.query(q, matchable=True) for q in fs] == by_few


def test_history_json_is_the_contract(scripted) -> None:  # type: ignore[no-untyped-def]
    chain, ds = scripted
    h = History(tuple(VersionInfo.of(d) for d in ds), link_versions(ds))
    schema = json.loads((resources.files("guidediff") / "schema" / "history.schema.json")
                        .read_text(encoding="utf-8"))
    data = history_dict(h)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert [v["id"] for v in data["versions"]] == [v.id for v in chain.versions]
    budgets = {b["version"]: b["amount_wan"] for lin in data["lineages"]
               for b in lin["values"]["budget"] if lin["id"].endswith(":1.1")
               and lin["id"].startswith(chain.versions[0].id)}
    assert budgets[chain.versions[1].id] == 1234  # the edit of v2, in the values over time


def test_versions_in_order() -> None:
    metas = [DocMeta("c", "", year=2022, batch=1, stage="final"),
             DocMeta("a", "", year=2022, batch=1, stage="draft"),
             DocMeta("d", "", year=2022, batch=2, stage="draft"),
             DocMeta("b", "", year=2021, batch=3, stage="final")]
    assert [m.id for m in sorted(metas, key=order_key)] == ["b", "a", "c", "d"]


def test_year_changes_from_the_lineages(scripted) -> None:  # type: ignore[no-untyped-def]
    chain, ds = scripted
    h = History(tuple(VersionInfo.of(d) for d in ds), link_versions(ds))
    years = sorted({v.year for v in chain.versions})
    y = year_changes(h, years[1])
    assert [v.id for v in y.new_versions] == [v.id for v in year_versions(h, years[1])]
    assert all(v.stage == "final" for v in y.new_versions + y.old_versions)
    assert len(y.old_versions) == 2 and len(y.new_versions) == 2  # two batches a year
    truth = programme_of(chain)
    new_ids = {v.id for v in y.new_versions}
    programmes_now = {truth[(m.version, m.direction)][0] for lin, m in y.added}
    assert programmes_now <= {p for (v, _), (p, _) in truth.items() if v in new_ids}
