"""LibreOffice itself, from the inside: a Python macro that serves conversions in one LibreOffice
process. ``tests/support/office.py`` copies this file into a fresh LibreOffice profile and
starts ``soffice --headless`` on ``vnd.sun.star.script:guidediff_office.py$serve``; the macro
runs in LibreOffice's own Python (Debian's python3-uno, the system interpreter), on its main
thread, where a document with comments opens as it does for a user (through a remote UNO
bridge, LibreOffice 7.4 aborts on such a document).

Requests are files in the folder named by ``GUIDEDIFF_OFFICE_QUEUE``: ``N.req`` holds
``{"src", "out", "filter": "txt"|"pdf"|"docx"|"odt", "changes": "accept"|"reject"|"keep"}``;
the answer ``N.res`` is ``{"ok": true, "redlines": N}`` (the tracked changes the document held)
or ``{"ok": false, "error": …}``. A file ``stop`` ends the server. Accept and reject are what a
user's 接受所有修订 / 拒绝所有修订 does (``.uno:AcceptAllTrackedChanges``,
``.uno:RejectAllTrackedChanges``); a document only converted is opened read-only.
"""

from __future__ import annotations

import json
import os
import time
import traceback
from pathlib import Path

import uno  # type: ignore[import-not-found]  # noqa: F401  (LibreOffice's Python has it)
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

FILTERS = {
    "txt": ("Text (encoded)", "UTF8,LF,,,"),
    "pdf": ("writer_pdf_Export", ""),
    "docx": ("MS Word 2007 XML", ""),
    "odt": ("writer8", ""),
}
COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}
IDLE = 0.02  # s between looks at the queue


def _props(**kw: object) -> tuple:
    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        out.append(p)
    return tuple(out)


def _count(doc: object) -> int:
    redlines = doc.getRedlines().createEnumeration()  # type: ignore[attr-defined]
    n = 0
    while redlines.hasMoreElements():
        redlines.nextElement()
        n += 1
    return n


def _convert(ctx: object, desktop: object, req: dict) -> dict:
    src, out = Path(req["src"]).resolve(), Path(req["out"]).resolve()
    command = COMMANDS.get(req.get("changes", "keep"))
    doc = desktop.loadComponentFromURL(  # type: ignore[attr-defined]
        src.as_uri(), "_blank", 0, _props(Hidden=True, ReadOnly=command is None))
    if doc is None:
        return {"ok": False, "error": f"LibreOffice cannot open {src}"}
    try:
        count = _count(doc)
        if command:
            helper = ctx.ServiceManager.createInstanceWithContext(  # type: ignore[attr-defined]
                "com.sun.star.frame.DispatchHelper", ctx)
            helper.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
        name, options = FILTERS[req["filter"]]
        doc.storeToURL(out.as_uri(), _props(FilterName=name, FilterOptions=options,
                                            Overwrite=True))
    finally:
        doc.close(True)
    return {"ok": True, "redlines": count}


def _answer(queue: Path, req_path: Path, ctx: object, desktop: object) -> None:
    try:
        answer = _convert(ctx, desktop, json.loads(req_path.read_text(encoding="utf-8")))
    except Exception as e:  # one bad request answers with its reason
        answer = {"ok": False, "error": f"{type(e).__name__}: {e}",
                  "trace": traceback.format_exc()}
    res = req_path.with_suffix(".res")
    tmp = res.with_suffix(".tmp")
    tmp.write_text(json.dumps(answer), encoding="utf-8")
    os.replace(tmp, res)
    req_path.unlink()


def serve(*args: object) -> None:
    """The macro: answer requests until told to stop, then close LibreOffice."""
    ctx = XSCRIPTCONTEXT.getComponentContext()  # type: ignore[name-defined]  # noqa: F821
    desktop = XSCRIPTCONTEXT.getDesktop()  # type: ignore[name-defined]  # noqa: F821
    queue = Path(os.environ["GUIDEDIFF_OFFICE_QUEUE"])
    (queue / "ready").write_text("ready", encoding="utf-8")
    try:
        while not (queue / "stop").exists():
            requests = sorted(queue.glob("*.req"), key=lambda p: int(p.stem))
            for req_path in requests:
                _answer(queue, req_path, ctx, desktop)
            if not requests:
                time.sleep(IDLE)
    finally:
        desktop.terminate()


g_exportedScripts = (serve,)
