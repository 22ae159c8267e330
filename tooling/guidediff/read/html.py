"""HTML input: a guideline published as a web page. The article body is found by where the
numbered directions are; navigation, headers, footers and scripts are left out."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from lxml import etree, html

from ..errors import InputError
from ..model import Line
from .raw import RawText, decode, real_paragraphs, xml_safe

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
         "template", "svg", "button", "select")
_CHROME = re.compile(r"nav|menu|footer|header|breadcrumb|sidebar|share|banner|crumb|toolbar",
                     re.IGNORECASE)
_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
           "section", "article", "main", "blockquote", "pre", "td", "th", "dd", "dt", "center"}
_HEADING = re.compile(r"(?:^|\n)\s*\d{1,2}\.\d{1,2}\s*\S")


def _is_chrome(el: html.HtmlElement) -> bool:
    """Navigation, headers, scripts…: never part of the article (unless it holds directions)."""
    if el.tag in _DROP:
        return True
    marker = f"{el.get('id', '')} {el.get('class', '')}"
    return (el.tag in ("div", "ul", "section", "table") and bool(_CHROME.search(marker))
            and not _HEADING.search(el.text_content()))


def _strip_chrome(root: html.HtmlElement) -> None:
    for el in list(root.iter()):
        if el.getparent() is None:
            continue
        if not isinstance(el.tag, str) or _is_chrome(el):
            el.drop_tree()


def _article(root: etree._Element) -> etree._Element:
    """The smallest element holding as many direction headings as the whole page."""
    def count(el: etree._Element) -> int:
        return len(_HEADING.findall("\n".join(str(t).strip() for t in el.itertext())))

    best, best_n = root, count(root)
    node = root
    while True:
        kids = [(count(k), k) for k in node if isinstance(k.tag, str)]
        top = max(kids, key=lambda x: x[0], default=(0, None))
        if top[1] is None or top[0] < best_n:
            return best
        best = node = top[1]


def _blocks(el: etree._Element, out: list[list[str]]) -> None:
    """Text of ``el`` as blocks (paragraphs), each a list of lines split at <br>."""
    def walk(e: etree._Element) -> None:
        block = e.tag in _BLOCKS
        if block:
            out.append([""])
        if e.tag == "br":
            out[-1].append("")
        elif e.text:
            out[-1][-1] += e.text
        for child in e:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                out[-1][-1] += child.tail
        if block:
            out.append([""])

    out.append([""])
    walk(el)


def _refuse_truncated_parse(parser: html.HTMLParser, path: str | Path) -> None:
    """libxml2 stops reading past its limits (elements nested more than 256 deep): what it
    dropped is the page's text, so say so rather than read a part of the page."""
    for e in parser.error_log:
        if e.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in e.message:
            depth = re.search(r"\d+", e.message)
            raise InputError(f"is an HTML page nested more than {depth.group(0) if depth else 256}"
                             " elements deep, past what the HTML parser reads (line "
                             f"{e.line}): save its text as a .txt file and read that", path)


def read_html(data: bytes, path: str | Path) -> RawText:
    text, _ = decode(data, path)
    parser = html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                             remove_pis=True)
    try:
        root = html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"is not readable HTML ({e})", path) from None
    _refuse_truncated_parse(parser, path)
    _strip_chrome(root)
    blocks: list[list[str]] = []
    _blocks(_article(root), blocks)
    paragraphs = [[xml_safe(ln.replace("\xa0", " "))[0].strip() for ln in b] for b in blocks]
    paragraphs = [[ln for ln in b if ln] for b in paragraphs]
    paragraphs = [b for b in paragraphs if b]
    hard = real_paragraphs([" ".join(b) for b in paragraphs])
    lines: list[Line] = []
    for number, b in enumerate(paragraphs, 1):
        for k, ln in enumerate(b):
            lines.append(Line(number, ln, None, False, hard and k == len(b) - 1))
    if not lines:
        raise InputError("is an HTML page with no text", path)
    return RawText(str(path), hashlib.sha256(data).hexdigest(), "html", tuple(lines))
