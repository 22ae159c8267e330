"""Class 5: addresses that cannot work: an e-mail with a full-width ＠ or ．, without a domain or
with a space in it; a URL typed with a full-width colon or slash, or with one slash; a phone
number with a letter among its digits (O for 0, l for 1)."""

from __future__ import annotations

import re

from .document import Document, Spot
from .model import Finding, FindingKind, Severity, finding

_URL_COLON = re.compile(r"(?i)\b(https?|ftp)\s*：\s*[/／]")
_URL_SLASH = re.compile(r"(?i)\b(https?|ftp)\s*:\s*(?:／[/／]|/／)")
_URL_ONE_SLASH = re.compile(r"(?i)\b(https?|ftp)\s*:\s*/(?![/／])")
# Every pattern is linear in the text: a local part is tried only where a run of its characters
# starts, for at most 64 characters, and taken whole (possessive quantifiers), so that a long run
# without an @ is scanned once, not once per character (a run of 60,000 such characters took
# 100 s before; tooling/scripts/fuzz.py runs the proofreader on long runs, the suite a seeded few)
_URL_SPACE = re.compile(r"(?i)\b(?:https?|ftp)://[\w-]++(?:\.[\w-]++)*+"
                        r"(?:\.\s+[a-z]{2,}\b|\s+\.[a-z]{2,}\b)")
_LOCAL = r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}+"
_EMAIL_WIDE = re.compile(rf"{_LOCAL}\s*＠\s*[A-Za-z0-9.\-．]*"
                         rf"|{_LOCAL}@[A-Za-z0-9\-]+(?:[.．][A-Za-z0-9\-]+)*．[A-Za-z0-9\-]+")
_EMAIL_SPACE = re.compile(rf"{_LOCAL}(?: +@ *| *@ +)[A-Za-z0-9\-]+\.[A-Za-z]")
_EMAIL_NODOMAIN = re.compile(rf"{_LOCAL}@(?![A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{{2,}})"
                             r"[A-Za-z0-9\-]*")
_PHONE = re.compile(r"(?:电话|手机|传真|Tel|TEL|Phone)\s*[：:]\s*"
                    r"([+＋]?[0-9OoIl（）()\-－—\s]{7,})")
_LETTER_IN_DIGITS = re.compile(r"(?<=\d)[OoIl]|[OoIl](?=\d)")


def _spot_findings(doc: Document, spot: Spot) -> list[Finding]:
    text = spot.block.text
    out: list[Finding] = []

    def add(code: str, at: int, printed: str) -> None:
        out.append(finding(FindingKind.ADDRESS, Severity.ERROR, doc.place(spot, at), code,
                           printed=printed.strip()))

    for m in _URL_COLON.finditer(text):
        add("address.url_colon", m.start(), _around(text, m.start()))
    for m in _URL_SLASH.finditer(text):
        add("address.url_slash", m.start(), _around(text, m.start()))
    for m in _URL_ONE_SLASH.finditer(text):
        add("address.url_one_slash", m.start(), _around(text, m.start()))
    for m in _URL_SPACE.finditer(text):
        add("address.url_space", m.start(), m.group(0))
    for m in _EMAIL_WIDE.finditer(text):
        add("address.email_wide", m.start(), m.group(0))
    for m in _EMAIL_SPACE.finditer(text):
        add("address.email_space", m.start(), m.group(0))
    for m in _EMAIL_NODOMAIN.finditer(text):
        if not _EMAIL_WIDE.match(text, m.start()) and not _EMAIL_SPACE.match(text, m.start()):
            add("address.email_domain", m.start(), m.group(0))
    for m in _PHONE.finditer(text):
        number = m.group(1).rstrip()
        if _LETTER_IN_DIGITS.search(number):
            add("address.phone", m.start(1), number)
    return out


_LONGEST = 300
_ADDRESS = re.compile(rf"[^\s，。；、）)“”《》]{{1,{_LONGEST}}}")


def _around(text: str, at: int) -> str:
    """The address from ``at`` to the first character that cannot be in one, at most
    ``_LONGEST`` characters (a run without such a character is not read to its end once per
    address in it)."""
    m = _ADDRESS.match(text, at)
    return m.group(0) if m else text[at:at + 30]


def find(doc: Document) -> list[Finding]:
    return [f for spot in doc.spots() for f in _spot_findings(doc, spot)]
