"""Hostile and unlucky files, made from the real documents: damaged ZIP containers and DOCX
numbering, PDFs, HTML nesting, encodings, huge values. The battery and the fuzzer build their
inputs from these; nothing here runs guidediff.

Every maker is a pure function of its arguments (the same bytes every time), so that a failing
case can be written to disk and reproduced.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


# ---------------------------------------------------------------- DOCX


def paragraph_xml(text: str, num: tuple[str, str] | None = None) -> str:
    """One w:p; ``num`` = (numId, ilvl) as written (they may be hostile: ``abc``)."""
    ppr = ""
    if num is not None:
        ppr = (f'<w:pPr><w:numPr><w:ilvl w:val="{escape(num[1])}"/>'
               f'<w:numId w:val="{escape(num[0])}"/></w:numPr></w:pPr>')
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def document_xml(paragraphs: Sequence[str]) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(paragraphs)}</w:body></w:document>')


def numbering_xml(fmt: str, text: str, start: str = "1", ilvl: str = "0") -> str:
    """A numbering part with one list (numId 1) of one level."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">'
            f'<w:lvl w:ilvl="{escape(ilvl)}"><w:start w:val="{escape(start)}"/>'
            f'<w:numFmt w:val="{escape(fmt)}"/><w:lvlText w:val="{escape(text)}"/></w:lvl>'
            f'</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            f'</w:numbering>')


def docx(paragraphs: Sequence[str], numbering: str | None = None,
         method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal DOCX of ``paragraphs`` (w:p XML), written with fixed timestamps."""
    parts = [("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
             ("word/document.xml", document_xml(paragraphs))]
    if numbering is not None:
        parts.append(("word/numbering.xml", numbering))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def docx_of_text(text: str, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The text as a DOCX, one paragraph per line (as a text pasted into Word)."""
    return docx([paragraph_xml(line) for line in text.split("\n")], method=method)


def _member_offsets(data: bytes, name: str) -> tuple[int, int]:
    """(local header offset, central directory entry offset) of a ZIP member."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        local = z.getinfo(name).header_offset
    encoded = name.encode("utf-8")
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + n] == encoded:
            return local, pos
        pos = data.find(b"PK\x01\x02", pos + 4)
    raise KeyError(name)


def patch_member(data: bytes, name: str, *, flags: int | None = None, method: int | None = None,
                 crc: int | None = None, compress_size: int | None = None,
                 file_size: int | None = None) -> bytes:
    """The ZIP with one member's header fields changed in both its local header and its central
    directory entry (a lying size, an encryption flag, an unknown method, a wrong CRC)."""
    out = bytearray(data)
    local, central = _member_offsets(data, name)
    for value, fmt, at_local, at_central in ((flags, "<H", 6, 8), (method, "<H", 8, 10),
                                             (crc, "<I", 14, 16), (compress_size, "<I", 18, 20),
                                             (file_size, "<I", 22, 24)):
        if value is not None:
            struct.pack_into(fmt, out, local + at_local, value)
            struct.pack_into(fmt, out, central + at_central, value)
    return bytes(out)


def corrupt_member_data(data: bytes, name: str, garbage: bytes = b"\xff\x00\xfe\x01" * 8) -> bytes:
    """The ZIP with bytes in the middle of one member's stored data overwritten."""
    local, _ = _member_offsets(data, name)
    name_len, extra_len = struct.unpack_from("<HH", data, local + 26)
    size = struct.unpack_from("<I", data, local + 18)[0]
    start = local + 30 + name_len + extra_len + size // 2
    return data[:start] + garbage + data[start + len(garbage):]


def member_crc(data: bytes, name: str) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.getinfo(name).CRC


def zip_bomb(inflated: int = 200 * 1024 * 1024) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * inflated + b"/>")
    return buf.getvalue()


# ---------------------------------------------------------------- PDF


def pdf(lines: Sequence[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (ASCII, Helvetica)."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 800 Td"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({safe}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    return _pdf_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def pdf_without_text() -> bytes:
    """A one-page PDF with a drawing and no text (what a scan looks like to a reader)."""
    stream = b"0 0 1 rg 100 100 200 200 re f"
    return _pdf_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
    ])


def _pdf_objects(objects: Sequence[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out)


# ---------------------------------------------------------------- HTML, XML, text


def nested_html(text: str, depth: int) -> bytes:
    body = "".join(f"<p>{escape(line)}</p>" for line in text.split("\n") if line.strip())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{'<div>' * depth}"
            f"{body}{'</div>' * depth}</body></html>").encode()


def billion_laughs() -> bytes:
    ents = ['<!ENTITY a0 "ha">'] + [f'<!ENTITY a{k} "{f"&a{k - 1};" * 10}">' for k in range(1, 10)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE guideline [{"".join(ents)}]>\n'
            f"<guideline>&a9;</guideline>\n").encode()


def external_entity() -> bytes:
    return (b'<?xml version="1.0"?>\n<!DOCTYPE guideline [<!ENTITY x SYSTEM '
            b'"file:///etc/passwd">]>\n<guideline>&x;</guideline>\n')


def insert_after(text: str, anchor: str, payload: str, occurrence: int = 1) -> str:
    """``text`` with ``payload`` inserted after the ``occurrence``-th ``anchor``."""
    at = -1
    for _ in range(occurrence):
        at = text.index(anchor, at + 1)
    at += len(anchor)
    return text[:at] + payload + text[at:]
