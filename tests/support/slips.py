"""Planted slips: drafts made from the real guidelines with one slip (or several) of each class
the proofreader names, each at a known line, seeded.

A planter looks at the real document read (its model: directions, fields, items, blocks) for
the places a slip of its kind can be made, picks one with the seeded generator, and edits one
or more source lines in place (the number of lines never changes, so that every other line
keeps its number). It answers the edit and what the proofreader must then say: the finding's
code and line. ``draft`` applies slips to the text.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from guidediff.compare.facts import DocumentFacts
from guidediff.model import Block, Direction, Field, Item
from guidediff.normalize.pipeline import normalize_raw
from guidediff.proofread import Document, proofread
from guidediff.proofread.document import Spot, direction_spots
from guidediff.proofread.years import _matches as year_matches
from guidediff.read.ingest import ingest_text


@dataclass(frozen=True)
class Slip:
    """One planted slip: the lines it edits (line → new text) and the finding it must give."""

    kind: str  # the finding kind (FindingKind value)
    code: str
    line: int  # where the finding must be
    edits: tuple[tuple[int, str], ...]
    direction: str | None = None  # the direction it is made in (combined drafts keep apart)

    @property
    def lines(self) -> set[int]:
        return {n for n, _ in self.edits}


@dataclass(frozen=True)
class Seed:
    """A real guideline, read once: its text's lines and its model."""

    name: str
    text: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@cache
def read(name: str, text: str) -> Document:
    n = normalize_raw(ingest_text(text, name))
    return Document(name, n.guideline, n.raw, n.warnings)


def document(seed: Seed) -> Document:
    return read(seed.name, seed.text)


def draft(seed: Seed, slips: list[Slip]) -> str:
    lines = seed.lines
    for s in slips:
        for n, new in s.edits:
            lines[n - 1] = new
    return "\n".join(lines)


def findings_of(name: str, text: str, previous: str | None = None) -> set[tuple[str, int]]:
    """(code, line) of every finding the proofreader gives on ``text``."""
    before = read(f"prev-{name}", previous).guideline if previous is not None else None
    return {(f.code, f.line) for f in proofread(read(name, text), before).findings}


# ---------------------------------------------------------------- helpers


def _line_of(doc: Document, spot: Spot, at: int) -> int:
    return doc.place(spot, at).line


def _unique_in_line(seed: Seed, line: int, needle: str) -> int | None:
    """The column of ``needle`` in the source line, if it is there exactly once."""
    text = seed.lines[line - 1]
    return text.index(needle) if text.count(needle) == 1 else None


def _replace_in_line(seed: Seed, line: int, old: str, new: str) -> tuple[int, str] | None:
    col = _unique_in_line(seed, line, old)
    if col is None:
        return None
    text = seed.lines[line - 1]
    return line, text[:col] + new + text[col + len(old):]


def _clean_spots(seed: Seed) -> set[int]:
    """The lines of the real document that already hold a finding (left alone)."""
    return {ln for _, ln in findings_of(seed.name, seed.text)}


def _choice(rng: random.Random, options: list[Slip]) -> Slip | None:
    return rng.choice(options) if options else None


def _single_line(b: Block) -> bool:
    return b.source.line == b.source.end_line


def _lists(d: Direction) -> Iterator[tuple[Field, tuple[Item, ...]]]:
    for f in d.fields:
        if f.items:
            yield f, f.items


def _number(marker: str) -> int | None:
    m = re.search(r"\d+", marker)
    return int(m.group(0)) if m else None


# ---------------------------------------------------------------- 1. figures


def figures(seed: Seed, rng: random.Random) -> Slip | None:
    doc = document(seed)
    facts = DocumentFacts.of(doc.guideline)
    summary = doc.guideline.summary
    assert summary is not None
    at = summary.source.line
    options: list[Slip] = []
    # the stated number of directions, changed
    m = re.search(r"设立\s*(\d+)\s*个", summary.text)
    if m:
        line = _line_of(doc, Spot(summary), m.start(1))
        n = int(m.group(1))
        for k in (n - 2, n - 1, n + 1, n + 3):
            e = _replace_in_line(seed, line, f"{m.group(1)}", str(k)) if \
                re.search(rf"设立\s*{n}", seed.lines[line - 1]) else None
            if e:
                options.append(Slip("figures", "figures.directions", at, (e,)))
    for f in facts.directions:
        d = f.direction
        b, p = f.budget, f.projects
        budget = d.field("budget")
        if b is not None and budget is not None and len(b.lines) == 1 and \
                all(_single_line(x) for x in budget.paras) and b.amount_wan is not None:
            old = format(b.amount_wan.normalize(), "f")
            new = str(int(b.amount_wan) + rng.choice((2000, 3000, 5000)))
            e = _replace_in_line(seed, budget.source.line, f"{old}万元", f"{new}万元")
            if e:
                options.append(Slip("figures", "figures.budget", at, (e,), d.id))
        projects = d.field("projects")
        if p is not None and projects is not None and projects.paras and p.max is not None \
                and not p.approx and len(p.parts) == 1 and _single_line(projects.paras[0]):
            new_n = p.max + rng.choice((20, 30, 40))
            e = _replace_in_line(seed, projects.source.line, f"{p.max}", str(new_n))
            if e:
                options.append(Slip("figures", "figures.tasks", at, (e,), d.id))
    return _choice(rng, options)


# ---------------------------------------------------------------- 2. numbering


def _heading_edit(seed: Seed, d: Direction, new_id: str) -> tuple[int, str] | None:
    line = d.title.source.line
    text = seed.lines[line - 1]
    m = re.match(r"^(\s*)" + re.escape(d.id) + r"(?!\d)", text)
    if not m:
        return None
    return line, m.group(1) + new_id + text[m.end():]


def numbering(seed: Seed, rng: random.Random) -> Slip | None:
    dirs = document(seed).guideline.directions
    options: list[Slip] = []
    for k in range(1, len(dirs)):
        e = _heading_edit(seed, dirs[k], dirs[k - 1].id)  # printed with the number before
        if e:
            options.append(Slip("numbering", "numbering.twice", e[0], (e,), dirs[k].id))
    for k in range(1, len(dirs) - 1):  # two neighbours' numbers swapped
        a, b = _heading_edit(seed, dirs[k], dirs[k + 1].id), _heading_edit(seed, dirs[k + 1],
                                                                           dirs[k].id)
        if a and b:
            options.append(Slip("numbering", "numbering.order", b[0], (a, b), dirs[k + 1].id))
    last = dirs[-1]
    major, minor = (int(x) for x in last.id.split("."))
    counted = any(d.id.endswith(".0") for d in dirs)
    for skip in (2, 3):
        n = major * 10 + minor + skip - 1 if counted else minor + skip - 1
        new = f"{n // 10}.{n % 10}" if counted else f"{major}.{n}"
        e = _heading_edit(seed, last, new)
        if e:
            options.append(Slip("numbering", "numbering.gap", e[0], (e,), last.id))
    return _choice(rng, options)


# ---------------------------------------------------------------- 3. years


def years(seed: Seed, rng: random.Random) -> Slip | None:
    doc = document(seed)
    options = []
    for spot, m, _ in year_matches(doc):
        line = _line_of(doc, spot, m.start(1))
        year = m.group(1)
        new = str(int(year) + rng.choice((-2, -1, 1)))
        e = _replace_in_line(seed, line, year, new)
        if e:
            options.append(Slip("year", "year.moved", line, (e,)))
    return _choice(rng, options)


def carried(seed: Seed, previous: Seed, rng: random.Random) -> Slip | None:
    """A requirement of ``previous`` that holds a date of its time (项目执行期为 2021-2023年)
    put in place of a one-line requirement of ``seed``, unchanged but for the mark that ends
    it: the draft made from last year's text that kept last year's dates."""
    from guidediff.proofread.years import _TITLE, _YEAR

    doc, prev = document(seed), document(previous)
    since = prev.guideline.meta.year
    assert since is not None
    taken = _clean_spots(seed)
    old = [it.paras[0].text.rstrip() for d in prev.guideline.directions
           for _, items in _lists(d) for it in items
           if len(it.paras) == 1 and not it.fields and not it.children
           and any(int(y) >= since - 1 for y in _YEAR.findall(_TITLE.sub("", it.paras[0].text)))
           and re.fullmatch(r"[^。；]+[。；]", it.paras[0].text.rstrip())]
    options = []
    for d in doc.guideline.directions:
        for _, items in _lists(d):
            for it in items:
                if len(it.paras) != 1 or it.fields or it.children or \
                        not _single_line(it.paras[0]) or it.source.line in taken:
                    continue
                line = it.source.line
                text = seed.lines[line - 1]
                marker = it.marker.strip()
                end = it.paras[0].text.rstrip()[-1:]
                if not text.lstrip().startswith(marker) or end not in "。；":
                    continue
                for sentence in old:
                    new = text[:text.index(marker) + len(marker)] + sentence[:-1] + end
                    options.append(Slip("year", "year.carried", line, ((line, new),), d.id))
    return _choice(rng, options)


# ---------------------------------------------------------------- 4. arithmetic


def arithmetic(seed: Seed, rng: random.Random) -> Slip | None:
    facts = DocumentFacts.of(document(seed).guideline)
    options = []
    for f in facts.directions:
        d, b, p = f.direction, f.budget, f.projects
        budget, projects = d.field("budget"), d.field("projects")
        if b is None or p is None or budget is None or p.max is None or p.approx or \
                b.amount_wan is None or len(b.lines) != 1:
            continue
        n, total = p.max, int(b.amount_wan)
        if n >= 2 and _single_line(budget.paras[0]):
            cap = (total // n) - rng.choice((10, 50, 100))
            line = budget.paras[0].source.line
            text = seed.lines[line - 1]
            if cap > 0 and text.rstrip().endswith("。"):
                new = text.rstrip()[:-1] + f"，每个项目不超过{cap}万元。"
                options.append(Slip("arithmetic", "arithmetic.cap", line, ((line, new),), d.id))
        if projects is not None and projects.paras and _single_line(projects.paras[0]) and \
                len(p.parts) == 1 and not p.cap and n >= 3:
            line = projects.paras[0].source.line
            text = seed.lines[line - 1]
            a = rng.randint(1, n - 1)
            c = n - a + rng.choice((-1, 1, 2))
            if c > 0 and text.rstrip().endswith("个。"):
                new = text.rstrip()[:-1] + f"（甲领域 {a}个，乙领域 {c}个）。"
                options.append(Slip("arithmetic", "arithmetic.quotas", line, ((line, new),),
                                    d.id))
    return _choice(rng, options)


# ---------------------------------------------------------------- 5. addresses

_EMAIL = re.compile(r"[A-Za-z0-9._-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[a-z]{2,}")
_PHONE = re.compile(r"电话[：:]\s*([+0-9][0-9 -]{6,})")


def _mangled_email(e: str, rng: random.Random) -> tuple[str, str]:
    local, domain = e.split("@")
    how = rng.choice(("wide-at", "wide-dot", "space", "no-domain"))
    if how == "wide-at":
        return f"{local}＠{domain}", "address.email_wide"
    if how == "wide-dot":
        k = domain.rindex(".")
        return f"{local}@{domain[:k]}．{domain[k + 1:]}", "address.email_wide"
    if how == "space":
        return f"{local}@ {domain}", "address.email_space"
    return f"{local}@{domain.split('.')[0]}", "address.email_domain"


def _mangled_url(u: str, rng: random.Random) -> tuple[str, str]:
    scheme, rest = u.split("://", 1)
    how = rng.choice(("colon", "slash", "one-slash", "space"))
    if how == "colon":
        return f"{scheme}：//{rest}", "address.url_colon"
    if how == "slash":
        return f"{scheme}:／／{rest}", "address.url_slash"
    if how == "one-slash":
        return f"{scheme}:/{rest}", "address.url_one_slash"
    k = rest.rindex(".")
    return f"{scheme}://{rest[:k + 1]} {rest[k + 1:]}", "address.url_space"


def addresses(seed: Seed, rng: random.Random) -> Slip | None:
    doc = document(seed)
    taken = _clean_spots(seed)
    options = []
    for spot in doc.spots():
        text = spot.block.text
        found: list[tuple[int, str, Callable[[str, random.Random], tuple[str, str]]]] = [
            (m.start(), m.group(0), _mangled_email) for m in _EMAIL.finditer(text)]
        found += [(m.start(), m.group(0), _mangled_url) for m in _URL.finditer(text)]
        for at, token, mangle in found:
            line = _line_of(doc, spot, at)
            if line in taken:
                continue
            new, code = mangle(token, rng)
            e = _replace_in_line(seed, line, token, new)
            if e:
                options.append(Slip("address", code, line, (e,),
                                    spot.direction.id if spot.direction else None))
        for m in _PHONE.finditer(text):
            number = m.group(1).rstrip()
            line = _line_of(doc, spot, m.start(1))
            digits = [k for k, ch in enumerate(number) if ch in "01" and 0 < k < len(number) - 1
                      and number[k - 1].isdigit() and number[k + 1].isdigit()]
            if not digits or line in taken:
                continue
            k = rng.choice(digits)
            new = number[:k] + ("O" if number[k] == "0" else "l") + number[k + 1:]
            e = _replace_in_line(seed, line, number, new)
            if e:
                options.append(Slip("address", "address.phone", line, (e,),
                                    spot.direction.id if spot.direction else None))
    return _choice(rng, options)


# ---------------------------------------------------------------- 6. brackets

_PAIRS = {"《": "》", "（": "）", "“": "”", "【": "】"}


def _pairs(text: str) -> Iterator[tuple[int, int]]:
    for o, c in _PAIRS.items():
        stack: list[int] = []
        for k, ch in enumerate(text):
            if ch == o:
                stack.append(k)
            elif ch == c and stack:
                yield stack.pop(), k


def brackets(seed: Seed, rng: random.Random) -> Slip | None:
    doc = document(seed)
    taken = _clean_spots(seed)
    options = []
    for spot in doc.spots():
        text = spot.block.text
        for o, c in _pairs(text):
            lo, lc = _line_of(doc, spot, o), _line_of(doc, spot, c)
            if lo in taken or lc in taken:
                continue
            where = spot.direction.id if spot.direction else None
            # the closing mark dropped: the opening one is left open
            if seed.lines[lc - 1].count(text[c]) == 1 and seed.lines[lo - 1].count(text[o]) == 1:
                options.append(Slip("brackets", "brackets.open", lo,
                                    ((lc, seed.lines[lc - 1].replace(text[c], "")),), where))
                # the opening mark dropped: the closing one closes nothing
                options.append(Slip("brackets", "brackets.closed", lc,
                                    ((lo, seed.lines[lo - 1].replace(text[o], "")),), where))
    return _choice(rng, options)


# ---------------------------------------------------------------- 7. lists


def lists(seed: Seed, rng: random.Random) -> Slip | None:
    doc = document(seed)
    taken = _clean_spots(seed)
    options = []
    for d in doc.guideline.directions:
        for f, items in _lists(d):
            numbers = [_number(it.marker) for it in items]
            if len(items) < 3 or numbers != list(range(1, len(items) + 1)) or \
                    len({it.style for it in items}) != 1:
                continue
            for k, it in enumerate(items):
                line = it.source.line
                text = seed.lines[line - 1]
                marker = it.marker.strip()
                if line in taken or not text.lstrip().startswith(marker):
                    continue
                col = text.index(marker)

                def put(new: str, text: str = text, col: int = col, marker: str = marker
                        ) -> str:
                    return text[:col] + new + text[col + len(marker):]
                n = k + 1
                if k >= 1:
                    options.append(Slip("list", "list.repeated", line,
                                        ((line, put(marker.replace(str(n), str(n - 1)))),), d.id))
                    if k == len(items) - 1:
                        options.append(Slip("list", "list.skipped", line,
                                            ((line, put(marker.replace(str(n), str(n + 1)))),),
                                            d.id))
                    if it.style == "digit-paren":
                        options.append(Slip("list", "list.style", line,
                                            ((line, put(f"{n}）")),), d.id))
            ends = [_one_clause_end(it) for it in items]
            body = ends[:-1]
            if len(body) >= 3 and len(set(body)) == 1 and body[0] in "；。":
                other = "。" if body[0] == "；" else "；"
                for it in items[:-1]:
                    if not _one_clause_end(it):
                        continue
                    last = it.paras[-1]
                    spot = Spot(last, d, f, it)
                    line = _line_of(doc, spot, len(last.text.rstrip()) - 1)
                    text = seed.lines[line - 1].rstrip()
                    if line in taken or not text.endswith(body[0]):
                        continue
                    options.append(Slip("list", "list.ending", line,
                                        ((line, text[:-1] + other),), d.id))
    return _choice(rng, options)


def _one_clause_end(it: Item) -> str:
    """The mark a one-clause item ends with ("" for any other item)."""
    if not it.paras or it.fields or it.children:
        return ""
    text = "".join(b.text for b in it.paras).rstrip()
    return "" if any(m in text[:-1] for m in "。；;") else text[-1:]


# ---------------------------------------------------------------- 8. repetition


def repetition(seed: Seed, rng: random.Random) -> Slip | None:
    doc = document(seed)
    taken = _clean_spots(seed)
    options = []
    for d in doc.guideline.directions:
        for _, items in _lists(d):
            plain = [it for it in items[:-1] if len(it.paras) == 1 and not it.fields and
                     not it.children and len(it.paras[0].text) >= 20]
            for i, j in ((i, j) for i in plain for j in plain if i is not j):
                lines = range(j.source.line, j.paras[0].source.end_line + 1)
                source = range(i.source.line, i.paras[0].source.end_line + 1)
                if any(n in taken for n in (*lines, *source)) or \
                        i.paras[0].text[-1:] != j.paras[0].text[-1:]:
                    continue
                head = seed.lines[j.source.line - 1]
                marker = j.marker.strip()
                if not head.lstrip().startswith(marker):
                    continue
                first = head[:head.index(marker) + len(marker)] + i.paras[0].text
                edits = ((j.source.line, first), *((n, "") for n in lines[1:]))
                if j.source.line > i.source.line:
                    options.append(Slip("repetition", "repetition.requirement", j.source.line,
                                        tuple(edits), d.id))
        # a contact's e-mail given again in a later item of the direction
        spots = list(direction_spots(d))
        for k, spot in enumerate(spots):
            for m in _EMAIL.finditer(spot.block.text):
                for later in spots[k + 1:]:
                    if later.item is None or later.block is spot.block or \
                            not later.block.text.endswith("。"):
                        continue
                    line = later.block.source.end_line
                    text = seed.lines[line - 1].rstrip()
                    if line in taken or not text.endswith("。") or "@" in later.block.text:
                        continue
                    options.append(Slip("repetition", "repetition.contact", line,
                                        ((line, text + f"联系邮箱：{m.group(0)}。"),), d.id))
    return _choice(rng, options)


# ---------------------------------------------------------------- 9. missing


def missing(seed: Seed, rng: random.Random) -> Slip | None:
    doc = document(seed)
    dirs = doc.guideline.directions
    options = []
    for d in dirs[:-1]:  # (a last direction without its budget reads as a cut file)
        for name, code in (("budget", "missing.budget"), ("projects", "missing.projects")):
            f = d.field(name)
            if f is None or f.items or len(f.paras) != 1 or not _single_line(f.paras[0]):
                continue
            if name == "projects" and any(x.field("budget") is None for x in dirs):
                continue
            options.append(Slip("missing", code, d.title.source.line,
                                ((f.source.line, ""),), d.id))
    return _choice(rng, options)


PLANTERS: dict[str, Callable[[Seed, random.Random], Slip | None]] = {
    "figures": figures, "numbering": numbering, "years": years, "arithmetic": arithmetic,
    "addresses": addresses, "brackets": brackets, "lists": lists, "repetition": repetition,
    "missing": missing,
}


def combined(seed: Seed, rng: random.Random, how_many: int = 3) -> list[Slip]:
    """Slips of ``how_many`` different classes, each in its own direction and on its own lines
    (a stated total and a budget taken away are not combined: the sum cannot be made then)."""
    names = rng.sample(sorted(PLANTERS), k=len(PLANTERS))
    out: list[Slip] = []
    used_lines: set[int] = set()
    used_dirs: set[str | None] = set()
    for name in names:
        if len(out) == how_many:
            break
        if (name == "figures" and any(s.kind == "missing" for s in out)) or \
                (name == "missing" and any(s.kind == "figures" for s in out)):
            continue
        for _ in range(8):
            s = PLANTERS[name](seed, rng)
            if s is None:
                break
            near = {n + k for n in s.lines | {s.line} for k in range(-2, 3)}
            if near & used_lines or (s.direction is not None and s.direction in used_dirs) or \
                    (s.direction is None and None in used_dirs):
                continue
            out.append(s)
            used_lines |= s.lines | {s.line}
            used_dirs.add(s.direction)
            break
    return out


def seeds(raw: dict[str, Path]) -> list[Seed]:
    return [Seed(name, p.read_text(encoding="utf-8")) for name, p in raw.items()]




def docx_of(name: str, text: str) -> bytes:
    """The text as a Word draft: one paragraph per non-empty line, without what extracting it
    from a PDF left in it (page numbers, dumped link annotations: a Word draft has none), in a
    clean document (the project's own base, nothing python-docx's template leaves)."""
    from guidediff.render.docxbase import finish, new_document

    dropped = {a.line for a in read(name, text).guideline.artifacts}
    doc = new_document()
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip() and n not in dropped:
            doc.add_paragraph(line.strip())
    return finish(doc)
