"""Why an upload is refused, in the page's language: the readers give their reasons in English
(as the command line prints them); the Chinese page says them in Chinese, from the table in
``reasons.toml`` (data, read once; a test feeds the battery's hostile uploads through it)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

UNTRANSLATED = "无法读取"  # the lead of a reason the table does not know (its words follow)
CANNOT_KEEP = "无法保存比较结果"  # the lead of a server's own failure to write


@dataclass(frozen=True)
class _Reason:
    pattern: re.Pattern[str]
    zh: str


@cache
def _table() -> tuple[tuple[_Reason, ...], dict[str, str]]:
    data = tomllib.loads(resources.files(__package__).joinpath("reasons.toml")
                         .read_text(encoding="utf-8"))
    reasons = tuple(
        _Reason(re.compile(re.escape(r["en"]).replace(r"\{\}", "(.+?)") + r"\Z", re.S), r["zh"])
        for r in data["reason"])
    return reasons, dict(data.get("words", {}))


def worded(reason: str, lang: str, lead: str | None = None) -> str:
    """``reason`` (a library error's message, without its file) in ``lang``; ``lead`` comes
    first in Chinese (a reason the table does not know keeps its words after the lead)."""
    if lang != "zh":
        return f"the result cannot be kept: {reason}" if lead == CANNOT_KEEP else reason
    reasons, words = _table()
    for r in reasons:
        m = r.pattern.match(reason)
        if m:
            said = r.zh.format(*(words.get(g, g) for g in m.groups()))
            return f"{lead}：{said}" if lead else said
    return f"{lead or UNTRANSLATED}（{reason}）"


def where(label: str, name: str, line: int | None, lang: str) -> str:
    """The lead of an upload's reason: which upload, its name, its line (修改后：a.txt：第3行)."""
    if lang == "zh":
        return f"{label}：{name}" + (f"：第 {line} 行" if line is not None else "")
    return f"{label}: {name}" + (f":{line}" if line is not None else "")


def upload_reason(label: str, name: str, line: int | None, reason: str, lang: str) -> str:
    sep = "：" if lang == "zh" else ": "
    return where(label, name, line, lang) + sep + worded(reason, lang)
