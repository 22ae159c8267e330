"""The web app's 校对 tab (issue 26): one upload, answered with the findings page and, for a
DOCX, the commented copy; the same words and checks as ``guidediff check``; refusals on the
page; in Chromium by keyboard, without a request beyond the app."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import serving, slips

from .conftest import RAW_2022, ROOT

MAX = 3_000_000
TEXT = ("2022-batch1-final.txt", RAW_2022.read_bytes())
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[serving.Server]:
    cache, tmp = tmp_path_factory.mktemp("cache"), tmp_path_factory.mktemp("tmp")
    with serving.running("--workers", "2", "--queue", "8", "--max-bytes", str(MAX),
                         env={"GUIDEDIFF_CACHE": str(cache), "TMPDIR": str(tmp)}) as s:
        yield s


@pytest.fixture(scope="module")
def draft_docx() -> bytes:
    import random

    seed = slips.Seed("2022.txt", RAW_2022.read_text(encoding="utf-8"))
    return slips.docx_of(seed.name, slips.draft(seed, slips.combined(seed, random.Random(3), 3)))


def get(server: serving.Server, path: str) -> serving.Reply:
    return serving.request(server.url, "GET", path)


def post(server: serving.Server, file: tuple[str, bytes], query: str = "") -> serving.Reply:
    body, kind = serving.multipart({"file": file})
    return serving.request(server.url, "POST", f"/check{query}", body, {"Content-Type": kind})


def checked(server: serving.Server, file: tuple[str, bytes], query: str = ""
            ) -> tuple[str, serving.Reply]:
    r = post(server, file, query)
    assert r.status == 303, r.text()
    location = r.headers["location"]
    m = re.fullmatch(r"/check/([0-9a-f]{32})/(\?lang=en)?", location)
    assert m, location
    page = get(server, location)
    assert page.status == 200, page.text()
    return m.group(1), page


def test_the_tab_in_both_languages_and_beside_the_compare_page(server: serving.Server) -> None:
    zh, en, compare = get(server, "/check"), get(server, "/check?lang=en"), get(server, "/")
    assert zh.status == en.status == compare.status == 200
    assert 'name="file"' in zh.text() and 'action="/check"' in zh.text() and "校对" in zh.text()
    assert 'action="/check?lang=en"' in en.text() and "Proofread" in en.text()
    assert 'href="/check"' in compare.text() and 'href="/"' in zh.text()
    for r in (zh, en):
        assert "default-src 'none'" in r.headers["content-security-policy"]


def test_a_text_is_answered_with_its_findings_page_and_json(server: serving.Server) -> None:
    import jsonschema

    cid, page = checked(server, TEXT)
    text = page.text()
    assert text.count('<tr class="finding ') == 6
    assert "网址使用了全角冒号：https：//sede.cdti.gob.es/" in text
    assert f'href="/check/{cid}/check.json"' in text and "check.docx" not in text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    r = get(server, f"/check/{cid}/check.json")
    assert r.status == 200 and "attachment" in r.headers["content-disposition"]
    doc = json.loads(r.body)
    schema = json.loads((ROOT / "tooling/guidediff/schema/check.schema.json").read_text("utf-8"))
    jsonschema.validate(doc, schema)
    assert doc["document"]["name"] == "2022-batch1-final.txt"  # the client's name, not ours
    assert [f["line"] for f in doc["findings"]] == [120, 159, 167, 455, 457, 545]
    assert get(server, f"/check/{cid}/check.docx").status == 404
    assert get(server, f"/check/{cid}/../../etc").status == 404
    assert checked(server, TEXT)[0] == cid  # the same upload: the same check, kept
    en_id, en = checked(server, TEXT, "?lang=en")
    assert en_id != cid and "a URL typed with a full-width colon" in en.text()


def test_a_docx_comes_back_with_each_finding_as_a_comment(server: serving.Server,
                                                          draft_docx: bytes) -> None:
    cid, page = checked(server, ("draft.docx", draft_docx))
    rows = page.text().count('<tr class="finding ')
    assert rows > 6 and f'href="/check/{cid}/check.docx"' in page.text()
    r = get(server, f"/check/{cid}/check.docx")
    assert r.status == 200 and "draft.check.docx" in r.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(r.body)) as z:
        from lxml import etree

        comments = etree.fromstring(z.read("word/comments.xml"))
    assert len(list(comments.iter(f"{W}comment"))) == rows


def test_refusals_are_shown_on_the_tab(server: serving.Server, tmp_path: Path) -> None:
    r = post(server, ("scan.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 50))
    assert r.status == 400
    assert "指南：scan.pdf：" in r.text() and 'name="file"' in r.text()
    body, kind = serving.multipart({"other": ("x.txt", b"x")})
    r = serving.request(server.url, "POST", "/check", body, {"Content-Type": kind})
    assert r.status == 400 and "请选择指南文件" in r.text()
    r = get(server, "/check/" + "0" * 32 + "/")
    assert r.status == 404 and "这次校对的结果已不在本机" in r.text()
    assert get(server, "/check/not-an-id/").status == 404


def test_proofread_by_keyboard_in_chromium_then_download_the_commented_docx(
        browser, server: serving.Server, draft_docx: bytes, screenshots: Path,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    from .conftest import watched as recording

    src = tmp_path / "草稿.docx"
    src.write_bytes(draft_docx)
    page = recording(browser, viewport={"width": 1100, "height": 900}, accept_downloads=True)
    page.goto(server.url + "/")
    with page.expect_navigation():
        page.click("#tab-check")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "file":
            break
    assert page.evaluate("document.activeElement.id") == "file"
    page.locator("*:focus").set_input_files(str(src))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("tr.finding").count() > 6
    assert "网址使用了全角冒号" in page.locator("main").inner_text()
    page.screenshot(path=str(screenshots / "serve-check.png"))
    with page.expect_download() as download:
        page.click("nav.downloads a[href$='/check.docx']")
    assert download.value.suggested_filename == "草稿.check.docx"
    saved = tmp_path / "saved.docx"
    download.value.save_as(str(saved))
    with zipfile.ZipFile(saved) as z:
        assert b"<w:comment " in z.read("word/comments.xml")
    assert page.errors == []
    assert [u for u in page.requests if not u.startswith(server.url)] == []
    page.close()
