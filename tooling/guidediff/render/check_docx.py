"""For a DOCX input: a copy of the document with each finding as a Word comment (批注) on its
paragraph, written by python-docx. The original is read, never changed; the copy's bytes are
the same for the same input (no comment date, sorted archive members, a fixed timestamp)."""

from __future__ import annotations

import io
from typing import Any

from ..proofread import Finding, Proofreading
from ..proofread.words import message, suggestion, word
from ..read.docx import paragraph_elements
from .docxbase import stable_zip


def _note(f: Finding, lang: str, unit: str = "paragraph") -> str:
    severity, kind = word(f"words.{f.severity.value}", lang), word(f"kind.{f.kind.value}", lang)
    text = (f"{severity}［{kind}］{message(f, lang, unit)}" if lang == "zh"
            else f"{severity} [{kind}] {message(f, lang, unit)}")
    fix = suggestion(f, lang)
    if fix:
        text += f"\n{word('words.fix', lang)}{'：' if lang == 'zh' else ': '}{fix}"
    return text


def _runs(paragraph: Any) -> list[Any]:
    runs = [r for r in paragraph.runs if r.text]
    return runs or [paragraph.add_run("")]


def _has_style(doc: Any, style_id: str) -> bool:
    from docx.oxml.ns import qn

    return any(st.get(qn("w:styleId")) == style_id for st in doc.styles.element.iter(qn("w:style")))


def commented(data: bytes, r: Proofreading, lang: str = "zh", author: str = "guidediff"
              ) -> bytes:
    """The DOCX ``data`` with each finding of ``r`` as a comment on its paragraph (a finding on
    a paragraph the copy cannot find is said on the first paragraph with text)."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    doc = Document(io.BytesIO(data))
    if r.findings and not _has_style(doc, "CommentText"):
        from .docxbase import comment_styles

        comment_styles(doc)
    body = doc.element.body
    paras = paragraph_elements(data, body, r.document.path)
    first = min(paras) if paras else None
    initials = "".join(w[0] for w in author.split() if w)[:3].upper() or "G"
    for f in r.findings:
        el = paras.get(f.place.line)
        if el is None and first is not None:
            el = paras[first]
        if el is None:
            continue
        p = Paragraph(el, doc.part)  # type: ignore[arg-type]
        comment = doc.add_comment(_runs(p), text=_note(f, lang), author=author,
                                  initials=initials)
        date = qn("w:date")
        if date in comment._comment_elm.attrib:  # (python-docx stamps the time of day)
            del comment._comment_elm.attrib[date]
    raw = io.BytesIO()
    doc.save(raw)
    return stable_zip(raw.getvalue())
