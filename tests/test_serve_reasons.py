"""Every input the battery refuses, uploaded to the web app: refused with one line naming the
upload, in Chinese on the Chinese page (no English reason left, serve/reasons.toml) and with
the command line's own reason on the English page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from guidediff.serve.reasons import UNTRANSLATED, worded
from tests.support import serving
from tests.support.battery import CASES, CannotMake, Case, Seeds

from .conftest import CORPUS, RAW_2021, RAW_2022

SEEDS = Seeds(RAW_2021, RAW_2022, CORPUS)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _upload(case: Case, work: Path) -> Path | None:
    """The one regular file a refusing case reads, if it is one an upload can carry."""
    work.mkdir(parents=True, exist_ok=True)
    try:
        run = case.setup(SEEDS, work)
    except (CannotMake, OSError):
        return None
    if case.code != 1 or run.args[0] not in ("normalize", "show"):
        return None
    extra = [a for a in run.args[2:] if a not in ("-o", str(work / "out"))]
    path = Path(run.args[1])
    try:
        return None if extra or path.is_symlink() or not path.is_file() else path
    except OSError:  # (a name the system refuses)
        return None


READING = ("special files", "reasons", "values", "containers")  # (what reads one file)


def _carried() -> list[Case]:
    """The refusing cases of the battery whose input an upload can carry (a regular file)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return [c for k, c in enumerate(CASES) if c.code == 1 and c.kind in READING
                and _upload(c, Path(tmp) / str(k)) is not None]


UPLOADS = _carried()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[serving.Server]:
    with serving.running("--workers", "1", env={
            "GUIDEDIFF_CACHE": str(tmp_path_factory.mktemp("cache"))}) as s:
        yield s


def test_the_family_is_large() -> None:
    assert len(UPLOADS) >= 30


@pytest.mark.parametrize("case", UPLOADS, ids=[c.name for c in UPLOADS])
def test_a_refused_upload_says_why_in_the_pages_language(server: serving.Server, case: Case,
                                                         tmp_path: Path) -> None:
    path = _upload(case, tmp_path)
    assert path is not None
    files = {"old": ("2021-batch1-draft.txt", RAW_2021.read_bytes()),
             "new": (path.name, path.read_bytes())}
    zh = serving.compare(server.url, files, "?format=json")
    assert zh.status == 400, zh.text()[:300]
    error = json.loads(zh.body)["error"]
    assert error.startswith(f"修改后：{path.name}：") and "\n" not in error, error
    reason = error.removeprefix(f"修改后：{path.name}：")
    assert UNTRANSLATED not in reason and CJK.search(reason), reason
    en = serving.compare(server.url, files, "?format=json&lang=en")
    assert en.status == 400
    assert json.loads(en.body)["error"].startswith(f"new: {path.name}")
    assert case.expect in json.loads(en.body)["error"]


def test_an_unknown_reason_keeps_its_words_after_a_chinese_lead() -> None:
    assert worded("a reason of the future", "zh") == f"{UNTRANSLATED}（a reason of the future）"
    assert worded("file is empty", "en") == "file is empty"


def test_a_server_that_cannot_keep_a_result_says_so_not_that_an_upload_is_bad() -> None:
    from guidediff.errors import GuidediffError
    from guidediff.serve.job import _failed

    full = _failed(GuidediffError("cannot be written: the disk is full", "/srv/x/y"), "zh")
    assert full.error is None and full.failed == "无法保存比较结果：无法写入：磁盘已满"
    en = _failed(GuidediffError("cannot be written: the disk is full", "/srv/x/y"), "en")
    assert en.failed == "the result cannot be kept: cannot be written: the disk is full"
    deep = _failed(RecursionError("maximum recursion depth exceeded"), "zh")
    assert deep.error == "文件太大或嵌套太深，无法处理（RecursionError）"  # the input's: 400
