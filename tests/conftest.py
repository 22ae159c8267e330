"""Shared fixtures: the real corpus documents, normalized once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from lxml import etree

from guidediff import xmlio
from guidediff.normalize.pipeline import Normalized, normalize_file

# Property tests are seeded (the same examples on every run and machine, nothing written into
# the checkout): the long runs in tooling/scripts/ explore at random.
settings.register_profile("guidediff", derandomize=True, database=None, deadline=None,
                          print_blob=True)
settings.load_profile("guidediff")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
RAW_2021 = CORPUS / "raw" / "2021-batch1-draft.txt"
RAW_2022 = CORPUS / "raw" / "2022-batch1-final.txt"
RAW = {"2021": RAW_2021, "2022": RAW_2022}


@pytest.fixture(scope="session", autouse=True)
def own_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The whole run has a home of its own, set before any fixture runs a program: no test,
    and no program a test starts (guidediff, Chromium, LibreOffice), reads or writes the user's
    home, their cache (``~/.cache/guidediff``) or their settings."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(home))
        for var, sub in (("XDG_CACHE_HOME", ".cache"), ("XDG_CONFIG_HOME", ".config"),
                         ("XDG_DATA_HOME", ".local/share")):
            mp.setenv(var, str(home / sub))
        mp.setenv("GUIDEDIFF_CACHE", str(home / "guidediff-cache"))
        yield home


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has a user cache of its own (``GUIDEDIFF_CACHE``), inherited by the processes
    it starts: no test reads or writes the user's ``~/.cache/guidediff``."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("GUIDEDIFF_CACHE", str(path))
    return path


@pytest.fixture(scope="session")
def norm2021() -> Normalized:
    return normalize_file(RAW_2021)


@pytest.fixture(scope="session")
def norm2022() -> Normalized:
    return normalize_file(RAW_2022)


@pytest.fixture(scope="session", params=["2021", "2022"])
def norm(request: pytest.FixtureRequest) -> Normalized:
    return normalize_file(RAW[request.param])


def xml_root(n: Normalized) -> etree._Element:
    return etree.fromstring(n.xml_bytes(), xmlio.safe_parser())


def direction_el(root: etree._Element, did: str) -> etree._Element:
    found = root.xpath(f"//direction[@id='{did}']")
    assert len(found) == 1, f"direction {did}: {len(found)} elements"
    return found[0]


def assert_direction(root: etree._Element, did: str, *, title: str | None = None,
                     budget_wan: str | None = None, projects_max: str | None = None,
                     emails: list[str] | None = None) -> None:
    """Domain assertions on one direction of the corpus XML."""
    d = direction_el(root, did)
    if title is not None:
        t = "".join(d.find("title").itertext())
        assert title in t, f"{did}: title {t!r}"
    if budget_wan is not None:
        amounts = d.xpath("field[@name='budget']//money[not(@currency) and not(@per)]"
                          "/@amount-wan")
        assert sum(float(a) for a in amounts) == float(budget_wan), f"{did}: {amounts}"
    if projects_max is not None:
        counts = d.xpath("field[@name='projects']//count[@of='projects']/@max")
        assert counts[:1] == [projects_max], f"{did}: {counts}"
    if emails is not None:
        assert d.xpath(".//contact/@email") == emails


@pytest.fixture(scope="session")
def changelog(norm2021: Normalized, norm2022: Normalized):  # type: ignore[no-untyped-def]
    from guidediff.compare.diff import diff

    return diff(norm2021.guideline, norm2022.guideline)


def changes_of(log, kind: str, old: str | None = None, new: str | None = None,  # type: ignore[no-untyped-def]
               substantive: bool = True) -> list:  # type: ignore[type-arg]
    """The changes of one kind (optionally of one matched pair; ``substantive``: neither format
    only nor a meaning-neutral wording edit)."""
    return [c for c in log.changes if c.kind == kind
            and (old is None or c.old_direction == old) and (new is None or c.new_direction == new)
            and (not substantive or not c.minor)]


def require_tool(name: str) -> str:
    """The path of an external program the test needs. Missing: skip, except under CI, where
    .ci/run installs it and a missing tool is a failure."""
    import os
    import shutil

    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI (.ci/run installs it) but is not on PATH")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def reports(changelog, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Every report of the seed pair, written once."""
    from guidediff.render import RenderOptions
    from guidediff.render.write import write_reports

    out = tmp_path_factory.mktemp("reports")
    paths = write_reports(changelog, out, "seed", opts=RenderOptions())
    return {p.name.split(".", 1)[1]: p for p in paths}


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where the tests leave the pictures of what they rendered, for a person to look at:
    build/screenshots (or $GUIDEDIFF_SCREENSHOTS)."""
    import os

    path = Path(os.environ.get("GUIDEDIFF_SCREENSHOTS", ROOT / "build" / "screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium, headless, driven by Playwright: one for the whole run (a missing
    Chromium or Playwright fails under CI, skips elsewhere)."""
    import os

    chromium = require_tool("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is required in CI")
        pytest.skip("playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


def watched(browser, **options):  # type: ignore[no-untyped-def]
    """A new page that records its console errors (``page.errors``) and every request it makes
    (``page.requests``)."""
    page = browser.new_page(**{"viewport": {"width": 1280, "height": 900}, **options})
    page.errors, page.requests = [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    return page


@pytest.fixture(scope="session")
def office():  # type: ignore[no-untyped-def]
    """LibreOffice itself, one for the whole run, driven through its UNO API by a macro in its
    own Python (tests/support/office.py): open, accept or reject all tracked changes, save as
    text, PDF, DOCX or ODT. A missing soffice, python3-uno or Python script provider fails under CI, skips elsewhere."""
    import os

    from .support import office as lo

    require_tool("soffice")
    if not lo.has_python_uno():
        if os.environ.get("CI"):
            pytest.fail("python3-uno and libreoffice-script-provider-python are required in CI"
                        " (.ci/run installs them)")
        pytest.skip("python3-uno or libreoffice-script-provider-python is not installed")
    running = lo.start()
    assert running is not None
    yield running
    running.close()
