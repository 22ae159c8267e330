"""Chains of guideline versions made from the real documents, with the truth about every
programme: the test data of the history.

The programmes are the directions of both real documents (a 2021 direction that 2022 continues
is one programme, typeset as in 2022). A chain is a sequence of versions, each a guideline text
(the 2022 preamble with the version's year, batch, stage and count, then its directions numbered
1.1, 1.2 … in order): programmes are renumbered, their budgets, counts and contacts edited, some
dropped, some back after an absence, some new (a new one may take the number of one just
dropped), one split into two and two merged into one. ``Chain.truth`` says, for every direction
of every version, which programme it is and how it continues.

``scripted_chain`` has one of each event at a known place (the tests); ``random_chain`` draws
them from a seed, for any length (the tests and ``bench_history.py``).
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from guidediff.normalize import patterns as pt
from guidediff.normalize.clean import clean
from guidediff.normalize.pipeline import normalize_raw
from guidediff.read.ingest import ingest

_CN = "一二三四五六七八九十"


@dataclass(frozen=True)
class Programme:
    key: str  # P01, P02 …
    paragraphs: tuple[str, ...]  # the heading first, without its number
    agreements: tuple[str, ...]  # as printed, 《…》
    own: bool  # it names an agreement no other programme of the pool names

    def areas(self) -> tuple[int, int]:
        """Where its areas field lies among its paragraphs: [start, end)."""
        start = next((k for k, p in enumerate(self.paragraphs) if p.startswith("领域方向")),
                     len(self.paragraphs))
        end = next((k for k in range(start + 1, len(self.paragraphs))
                    if pt.match_label(self.paragraphs[k])), len(self.paragraphs))
        return start, end


@dataclass
class Slot:
    """A direction of a version as the generator made it."""

    programme: str  # the programme it is
    how: str = "new"  # new | continued | reappeared | split:<programme> | merged:<programme>,…
    suffix: str = ""  # appended to its title (a split's second half)
    budget: int | None = None  # 万元, replacing the printed amount
    projects: int | None = None  # replacing the printed count
    contact: int | None = None  # a contact added (its number)
    absorbs: tuple[str, ...] = ()  # programmes merged into this one (their agreements added)


@dataclass
class Version:
    id: str
    year: int
    batch: int
    stage: str
    slots: list[Slot]

    @property
    def title(self) -> str:
        draft = "（征求意见稿）" if self.stage == "draft" else ""
        return (f"“政府间国际科技创新合作”重点专项{self.year}年度第{_cn(self.batch)}批项目申报指南"
                f"{draft}")


@dataclass
class Chain:
    preamble: tuple[str, ...]
    programmes: dict[str, Programme]
    versions: list[Version] = field(default_factory=list)

    def text(self, v: Version) -> str:
        return typeset(self, v)

    def truth(self) -> list[dict[str, tuple[str, str]]]:
        """Per version: direction id -> (programme, how it continues)."""
        return [{number(k + 1): (s.programme, s.how) for k, s in enumerate(v.slots)}
                for v in self.versions]

    def happened(self) -> list[Happened]:
        """Per version, what happened against the version before: by programme (a split's
        second half is its programme with its suffix), as the generator made it."""
        out: list[Happened] = []
        before: dict[str, Slot] = {}
        for v in self.versions:
            now = {s.programme + s.suffix: s for s in v.slots}
            merged = {p for s in v.slots for p in s.absorbs if p not in before.get(
                s.programme + s.suffix, Slot("")).absorbs}
            h = Happened(v.id)
            for key, s in now.items():
                if s.how == "reappeared":
                    h.back.add(key)
                elif key not in before:
                    h.new.add(key)
                else:
                    edits = _edits(before[key], s)
                    if edits:
                        h.changed[key] = edits
            h.dropped = {key for key in before if key not in now and key not in merged}
            out.append(h)
            before = now
        return out


@dataclass
class Happened:
    """What a version did against the one before it (``Chain.happened``): programmes new,
    back after an absence, no longer set, and changed (with what: budget, projects, contact,
    absorbs)."""

    version: str
    new: set[str] = field(default_factory=set)
    back: set[str] = field(default_factory=set)
    dropped: set[str] = field(default_factory=set)
    changed: dict[str, set[str]] = field(default_factory=dict)


def _edits(a: Slot, b: Slot) -> set[str]:
    return {name for name in ("budget", "projects", "contact", "absorbs")
            if getattr(a, name) != getattr(b, name)}


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")


def number(k: int) -> str:
    """The printed number of the k-th direction, as the real documents count: 1.1 … 1.9, 2.0 …"""
    return f"{(k + 10) // 10}.{(k + 10) % 10}"


# ---------------------------------------------------------------- the programmes


def _blocks(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    """The paragraphs before the first direction, and each direction's paragraphs."""
    raw = ingest(path)
    g = normalize_raw(raw).guideline
    ids = {d.id for d in g.directions}
    preamble: list[str] = []
    blocks: dict[str, list[str]] = {}
    current: str | None = None
    for p in clean(raw).paragraphs:
        head = pt.match_direction(p.text)
        if head is not None and head[0] in ids and head[0] not in blocks:
            current = head[0]
            blocks[current] = [head[1]]
        elif current is None:
            preamble.append(p.text)
        else:
            blocks[current].append(p.text)
    return preamble, blocks


def load_programmes(old: Path, new: Path) -> tuple[list[str], dict[str, Programme]]:
    """The 2022 preamble and the programmes of both documents (continued ones once)."""
    from guidediff.compare.diff import diff

    _, old_blocks = _blocks(old)
    preamble, new_blocks = _blocks(new)
    go, gn = normalize_raw(ingest(old)).guideline, normalize_raw(ingest(new)).guideline
    continued = {r.old for r in diff(go, gn).alignment if r.status == "matched"}
    pool = [new_blocks[d.id] for d in gn.directions]
    pool += [old_blocks[d.id] for d in go.directions if d.id not in continued]
    agreements = [tuple(re.findall(r"《[^《》]+》", "".join(b[1:3]))) for b in pool]
    named: dict[str, int] = {}
    for a in agreements:
        for t in set(a):
            named[t] = named.get(t, 0) + 1
    programmes = {}
    for k, (b, a) in enumerate(zip(pool, agreements, strict=True), 1):
        key = f"P{k:02d}"
        programmes[key] = Programme(key, tuple(b), a, any(named[t] == 1 for t in a))
    return preamble, programmes


# ---------------------------------------------------------------- typesetting


def _preamble(chain: Chain, v: Version) -> list[str]:
    out = []
    for p in chain.preamble:
        p = p.replace("2021", str(v.year - 1)).replace("2022", str(v.year))
        p = p.replace("第一批", f"第{_cn(v.batch)}批")
        p = re.sub(r"设立\s*\d+\s*个", f"设立 {len(v.slots)} 个", p)
        if v.stage == "draft":
            p = p.replace("项目申报指南。", "项目申报指南（征求意见稿）。")
        out.append(p)
    return out


def _edited(chain: Chain, s: Slot, k: int) -> list[str]:
    prog = chain.programmes[s.programme]
    paras = list(prog.paragraphs)
    paras[0] = f"{number(k)} {paras[0]}{s.suffix}"
    text = "\n".join(paras)
    if s.budget is not None:
        text = re.sub(r"(共拟支持经费[：:][^\d\n]*)(\d+)(\s*万元)", rf"\g<1>{s.budget}\g<3>",
                      text, count=1)
    if s.projects is not None:
        text = re.sub(r"(拟支持项目数[：:][^\d\n]*)(\d+)", rf"\g<1>{s.projects}", text, count=1)
    if s.absorbs:
        extra = "".join(a for p in s.absorbs for a in chain.programmes[p].agreements)
        text = re.sub(r"(合作协议[：:])", rf"\g<1>{extra}", text, count=1)
    paras = text.split("\n")
    if s.absorbs:  # the merged programmes' areas join this one's
        _, end = prog.areas()
        extra_areas: list[str] = []
        for key in s.absorbs:
            other = chain.programmes[key]
            a, b = other.areas()
            taken = list(other.paragraphs[a:b])
            if taken:
                taken[0] = re.sub(r"^领域方向[：:]\s*", "", taken[0])
            extra_areas.extend(t for t in taken if t)
        paras[end:end] = extra_areas
    if s.contact is not None:
        name = _cn(s.contact % 10 + 1)
        paras.append(f"联系人：王{name}，邮箱：wang{s.contact}@most.example.cn。")
    return paras


def typeset(chain: Chain, v: Version) -> str:
    paras = _preamble(chain, v)
    for k, s in enumerate(v.slots, 1):
        paras.extend(_edited(chain, s, k))
    return "\n\n".join(paras) + "\n"


# ---------------------------------------------------------------- chains


def _meta(k: int, batches: int = 2) -> tuple[str, int, int, str]:
    """The k-th version (from 0): ``batches`` batches a year, each a draft then a final."""
    year, rest = 2000 + k // (2 * batches), k % (2 * batches)
    return f"v{k + 1:04d}", year, rest // 2 + 1, "draft" if rest % 2 == 0 else "final"


def _next(prev: Version | None, k: int, batches: int = 2) -> Version:
    vid, year, batch, stage = _meta(k, batches)
    slots = [] if prev is None else [Slot(s.programme, "continued", s.suffix, s.budget,
                                          s.projects, s.contact, s.absorbs)
                                     for s in prev.slots]
    return Version(vid, year, batch, stage, slots)


def scripted_chain(old: Path, new: Path) -> Chain:
    """Eight versions with one of each event at a known place:

    v2: budgets, counts and a contact edited, the order changed (renumbering);
    v3: a programme dropped and a new one in its place (its number reused);
    v4: the dropped one back (reappeared); v5: one split in two; v6: two merged into one;
    v7: a programme dropped for good; v8: a new programme at the end.
    """
    preamble, programmes = load_programmes(old, new)
    chain = Chain(tuple(preamble), programmes)
    own = [p for p in programmes if programmes[p].own]
    first, reserve = own[:10], own[10:]
    v = _next(None, 0)
    v.slots = [Slot(p) for p in first]
    chain.versions.append(v)
    v = _next(v, 1)
    v.slots[0].budget, v.slots[1].projects, v.slots[2].contact = 1234, 7, 1
    v.slots[3], v.slots[4] = v.slots[4], v.slots[3]
    chain.versions.append(v)
    v = _next(v, 2)
    dropped = v.slots[5].programme
    v.slots[5] = Slot(reserve[0])  # a new programme takes the dropped one's number
    chain.versions.append(v)
    v = _next(v, 3)
    v.slots.insert(2, Slot(dropped, "reappeared"))
    chain.versions.append(v)
    v = _next(v, 4)
    whole = v.slots[0]
    v.slots.insert(1, Slot(whole.programme, f"split:{whole.programme}", "（二期）"))
    chain.versions.append(v)
    v = _next(v, 5)
    a, b = _same_partner(chain, v)  # two programmes with one partner become one
    ia = next(i for i, s in enumerate(v.slots) if s.programme == a)
    v.slots[ia] = Slot(a, f"merged:{b}", absorbs=(b,))
    v.slots = [s for s in v.slots if s.programme != b]
    chain.versions.append(v)
    v = _next(v, 6)
    del v.slots[-1]
    chain.versions.append(v)
    v = _next(v, 7)
    v.slots.append(Slot(reserve[1]))
    chain.versions.append(v)
    return chain


def _same_partner(chain: Chain, v: Version) -> tuple[str, str]:
    from guidediff.normalize.partners import partners_of

    seen: dict[str, str] = {}
    for s in v.slots:
        for partner in partners_of(chain.programmes[s.programme].paragraphs[0]):
            if partner in seen and seen[partner] != s.programme:
                return seen[partner], s.programme
            seen[partner] = s.programme
    raise ValueError("no two programmes of this version share a partner")


def random_chain(old: Path, new: Path, n: int, seed: int = 1) -> Chain:
    """``n`` versions with random edits, drops, returns and new programmes (no splits or merges:
    their truth depends on which programmes meet), the same for the same seed."""
    rng = random.Random(seed)
    batches = max(2, -(-n // 300))  # years stay within what a manifest accepts (≤ 2200)
    preamble, programmes = load_programmes(old, new)
    chain = Chain(tuple(preamble), programmes)
    keys = sorted(programmes)
    v = _next(None, 0, batches)
    v.slots = [Slot(p) for p in keys[:14]]
    away: dict[str, int] = {}  # programme -> the version it comes back in
    chain.versions.append(v)
    for k in range(1, n):
        v = _next(v, k, batches)
        for s in rng.sample(v.slots, min(3, len(v.slots))):
            what = rng.randrange(3)
            if what == 0:
                s.budget = rng.randrange(5, 80) * 100
            elif what == 1:
                s.projects = rng.randrange(2, 20)
            else:
                s.contact = k
        if rng.random() < (0.3 if len(v.slots) < 20 else 0.6) and len(v.slots) > 8:
            gone = v.slots.pop(rng.randrange(len(v.slots)))
            away[gone.programme] = k + rng.randrange(1, 4)
        for p, back in sorted(away.items()):
            if back == k:
                v.slots.insert(rng.randrange(len(v.slots) + 1), Slot(p, "reappeared"))
                del away[p]
        present = {s.programme for s in v.slots}
        if rng.random() < 0.1 and len(v.slots) < 20:  # a guideline has 15 to 30 directions
            fresh = [p for p in keys if p not in present and p not in away]
            if fresh:
                v.slots.append(Slot(rng.choice(fresh)))
        if rng.random() < 0.2:
            i, j = rng.randrange(len(v.slots)), rng.randrange(len(v.slots))
            v.slots[i], v.slots[j] = v.slots[j], v.slots[i]
        chain.versions.append(v)
    return chain


# ---------------------------------------------------------------- a corpus on disk


def write_corpus(chain: Chain, root: Path, versions: int | None = None) -> Path:
    """The chain (its first ``versions``) as a corpus: raw/<id>.txt and manifest.toml."""
    (root / "raw").mkdir(parents=True, exist_ok=True)
    entries = []
    for v in chain.versions[:versions]:
        data = chain.text(v).encode("utf-8")
        path = root / "raw" / f"{v.id}.txt"
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        entries.append(
            f'[[document]]\nid = "{v.id}"\nprogram = "政府间国际科技创新合作"\nyear = {v.year}\n'
            f'batch = {v.batch}\nstage = "{v.stage}"\ntitle = "{v.title}"\n'
            f'source = "raw/{v.id}.txt"\nsha256 = "{hashlib.sha256(data).hexdigest()}"\n')
    (root / "manifest.toml").write_text("\n".join(entries), encoding="utf-8")
    return root
