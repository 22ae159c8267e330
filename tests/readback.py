"""What a reader reads in a report, as the pieces of text it is made of: the text nodes of an
HTML page, the runs of a DOCX (inserted and deleted text included), the lines of Markdown, CSV
and the terminal summary. Used to check that a report speaks its language."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from lxml import etree, html

from guidediff import xmlio
from guidediff.normalize.pipeline import Normalized

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"<[^>]+>")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
OWN_NAMES = frozenset({"guidediff"})  # the tool's name is no English word


def pieces(name: str, data: bytes) -> Iterator[str]:
    """The texts of a report file ``name`` (by its suffix) as a reader meets them."""
    if name.endswith(".html"):
        root = html.fromstring(data)
        for el in root.iter():
            if el.tag in ("script", "style") or not isinstance(el.tag, str):
                continue
            yield from (t for t in (el.text, el.tail) if t)
    elif name.endswith(".docx"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = [n for n in z.namelist() if re.fullmatch(
                r"word/(document|comments|header\d*|footer\d*)\.xml", n)]
            for part in parts:
                for t in etree.fromstring(z.read(part)).iter(f"{W}t", f"{W}delText"):
                    if t.text:
                        yield t.text
    else:
        text = TAG.sub("\n", data.decode("utf-8-sig"))
        if name.endswith(".md"):
            text = MD_ESCAPE.sub(r"\1", text)
        yield from text.splitlines()


CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
WORD = re.compile(r"(?<![0-9A-Za-z_])[A-Za-z]{2,}(?![0-9A-Za-z_])")


def tracked_texts(data: bytes) -> list[tuple[str, str]]:
    """A tracked DOCX's paragraphs as (Accept All, Reject All) texts: accepted, deletions and
    moves away are gone; rejected, insertions and moves here."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))

    def read(p: etree._Element, without: tuple[str, ...]) -> str:
        return "".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText")
                       if not any(a.tag in without for a in t.iterancestors()))

    return [(read(p, (f"{W}del", f"{W}moveFrom")), read(p, (f"{W}ins", f"{W}moveTo")))
            for p in root.iter(f"{W}p")]


def comment_texts(data: bytes) -> list[str]:
    """A DOCX's comments, each as its text."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if "word/comments.xml" not in z.namelist():
            return []
        root = etree.fromstring(z.read("word/comments.xml"))
    return ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in root.iter(f"{W}comment")]


def foreign(name: str, data: bytes, lang: str, documents: str) -> list[str]:
    """What a report in ``lang`` says in the other language that is not a quote of the
    documents (``documents``: their text): Chinese in an English report, English words in a
    Chinese one."""
    flat = "".join(documents.split())
    words = set(WORD.findall(documents))
    out = []
    for piece in pieces(name, data):
        if lang == "en":
            out += [m for m in CJK.findall("".join(piece.split())) if m not in flat]
        else:
            out += [w for w in WORD.findall(piece) if w not in words and w not in OWN_NAMES]
    return sorted(set(out))


def body_text(n: Normalized) -> str:
    """A document's body text as its XML holds it: every character of the input but the page
    furniture (the artifacts)."""
    root = etree.fromstring(n.xml_bytes(), xmlio.safe_parser())
    for a in root.iter("artifacts"):
        a.getparent().remove(a)
    return "".join(root.itertext())
