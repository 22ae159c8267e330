"""What readers read is worded in one place: every message of the catalogue in both languages,
every change kind with a phrase in both, every key the code asks for in the catalogue, and no
renderer re-deriving an event's kind or place from its spelling."""

from __future__ import annotations

import ast
import re
from importlib import resources

import pytest

from guidediff.compare.kinds import Figure, Kind
from guidediff.render import phrases
from guidediff.render.i18n import LANGS, catalogue, kind_label, parse_catalogue, t

from .conftest import ROOT

RENDER = ROOT / "tooling" / "guidediff" / "render"
TEMPLATES = ROOT / "tooling" / "guidediff" / "templates"
# the templates of the web app's own pages keep their words with the web app (serve/)
REPORT_TEMPLATES = sorted(p for p in TEMPLATES.glob("*.j2") if not p.name.startswith("serve_"))


def missing_languages(messages: dict[str, tuple[str, str]]) -> list[str]:
    return sorted(k for k, (zh, en) in messages.items() if not zh or not en)


def test_every_message_has_both_languages() -> None:
    messages = catalogue()
    assert len(messages) > 200
    assert missing_languages(messages) == []


def test_the_check_finds_a_message_without_its_english() -> None:
    text = (resources.files("guidediff.render") / "messages.toml").read_text(encoding="utf-8")
    broken = text.replace('en = "Comparison table"', 'fr = "Tableau"', 1)
    with pytest.raises(ValueError):  # a message with a third language is no message
        parse_catalogue(broken)
    broken = text.replace(', en = "Comparison table"', "", 1)
    assert missing_languages(parse_catalogue(broken)) == ["table.title"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_has_a_phrase_and_a_label(lang: str) -> None:
    table = phrases.TABLES[lang]
    assert sorted(set(Kind) - set(table)) == []
    for kind in Kind:
        assert kind_label(kind, lang)


def test_a_kind_without_a_phrase_fails_loudly(changelog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    c = next(c for c in changelog.changes if c.kind is Kind.BUDGET_CHANGED)
    monkeypatch.delitem(phrases.ZH, Kind.BUDGET_CHANGED)
    with pytest.raises(KeyError):
        phrases.phrase(c, "zh")


def test_every_event_of_the_real_pair_reads_in_both_languages(changelog) -> None:  # type: ignore[no-untyped-def]
    """Each event worded in Chinese and in English: the two differ, and neither shows an
    internal name (a kind, a field key, a location's spelling)."""
    kinds = {c.kind for c in changelog.changes}
    assert len(kinds) >= 15
    for c in changelog.changes:
        zh, en = phrases.phrase(c, "zh"), phrases.phrase(c, "en")
        assert zh and en and zh != en, c
        for said in (zh, en):
            assert c.kind.value not in said
            assert not re.search(r"\b(?:areas|requirements|preamble)\[", said), said


def _keys_asked(text: str) -> set[str]:
    """The message keys a source file or template asks for literally: t("…"), w('…')."""
    found = set(re.findall(r"\bt\(\s*[\"']([a-z_.]+)[\"']\s*[,)]", text))
    found |= {f"site.{k}" for k in re.findall(r"\bw\(\s*[\"']([a-z_.]+)[\"']\s*[,)]", text)}
    return found


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    messages = catalogue()
    asked: set[str] = set()
    for path in [*sorted(RENDER.glob("*.py")), *REPORT_TEMPLATES]:
        asked |= _keys_asked(path.read_text(encoding="utf-8"))
    assert len(asked) > 100
    assert sorted(asked - set(messages)) == []
    # and the keys made from types: every kind, figure and row status has its words
    for lang in LANGS:
        for figure in Figure:
            assert t(f"figure.{figure.value}", lang) and t(f"figure_name.{figure.value}", lang)
        for stage in ("draft", "final"):
            assert t(f"site.stage.{stage}", lang)


def test_no_template_words_a_language_of_its_own() -> None:
    """A report template takes its words from the catalogue (t, w), never a pair of its own."""
    pair = re.compile(r"if lang == ['\"]zh['\"] else")
    assert [p.name for p in REPORT_TEMPLATES if pair.search(p.read_text(encoding="utf-8"))] \
        == []


STRING_SURGERY = {"split", "rsplit", "partition", "rpartition", "startswith", "endswith",
                  "replace", "removeprefix", "removesuffix"}
TYPED = {"kind", "location", "status", "field"}


def surgery_on_types(tree: ast.AST) -> list[str]:
    """Calls that take an event's kind, place or status apart as a string: ``x.kind.rsplit``,
    ``re.match(…, x.location)``, ``str(x.location).startswith``."""
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr in STRING_SURGERY:
            target = f.value
            if isinstance(target, ast.Call) and getattr(target.func, "id", "") == "str":
                target = target.args[0] if target.args else target
            if isinstance(target, ast.Attribute) and target.attr in TYPED:
                out.append(f"{ast.unparse(node)}")
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and \
                f.value.id == "re":
            for arg in node.args:
                if isinstance(arg, ast.Attribute) and arg.attr in TYPED:
                    out.append(ast.unparse(node))
    return out


def test_no_renderer_takes_a_kind_or_a_place_apart() -> None:
    bad = {p.name: surgery_on_types(ast.parse(p.read_text(encoding="utf-8")))
           for p in sorted(RENDER.glob("*.py"))}
    assert {k: v for k, v in bad.items() if v} == {}
    for p in REPORT_TEMPLATES:
        text = p.read_text(encoding="utf-8")
        assert not re.search(r"\.(?:kind|field|location|status)\s*\.\s*(?:endswith|startswith|"
                             r"split|replace)\(", text), p.name


def test_the_surgery_check_catches_what_it_looks_for() -> None:
    tree = ast.parse("op = c.kind.rsplit('_', 1)[1]\nm = re.fullmatch(r'x', r.field)\n"
                     "ok = str(c.location).startswith('areas')\nfine = c.old_text.split('：')")
    assert len(surgery_on_types(tree)) == 3
