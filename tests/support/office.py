"""One LibreOffice for many conversions: the client of ``office_macro.py``.

``Office`` starts one headless LibreOffice in a profile of its own, running the macro
``office_macro.py`` in LibreOffice's Python (Debian's python3-uno belongs to the system's
``/usr/bin/python3``, not to a virtualenv, so the tests never import ``uno`` themselves), and
hands it requests through a folder: open a document, accept or reject all its tracked changes
as a user would, save it as text, PDF, DOCX or ODT. One LibreOffice start then serves every
request of a test session. LibreOffice runs with the fontconfig file beside this module
(``fonts.conf``), which maps the fonts an official document names (仿宋_GB2312, 黑体, 楷体,
方正小标宋简体…) to the Noto CJK fonts installed here; nothing outside the process changes.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MACRO = HERE / "office_macro.py"
FONTS_CONF = HERE / "fonts.conf"
SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT_PROVIDER = "/usr/lib/libreoffice/program/pythonscript.py"
START_TIMEOUT = 180  # s: hang guards (LibreOffice starts in a few seconds, converts in one)
TIMEOUT = 300
_SCRIPT_URL = "vnd.sun.star.script:guidediff_office.py$serve?language=Python&location=user"


class OfficeError(RuntimeError):
    pass


def has_python_uno() -> bool:
    """Are Debian's python3-uno (the Python that LibreOffice's macros run in) and
    libreoffice-script-provider-python (which runs a Python macro at all; without it
    LibreOffice aborts on the macro's URL) both there?"""
    if not Path(SYSTEM_PYTHON).exists() or not Path(SCRIPT_PROVIDER).exists():
        return False
    r = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=60,
                       check=False)
    return r.returncode == 0


# What would make LibreOffice's embedded Python (the system's libpython) take another
# interpreter's standard library: it finds its home from the ``python3`` first on PATH, so
# under pyenv (as CI runs the tests) it loaded pyenv's library and the Python script provider
# died in std::bad_alloc (exit 134) before the macro ran; the variables below point it
# elsewhere likewise.
_FOREIGN_PYTHON = ("PYTHONHOME", "PYTHONPATH", "VIRTUAL_ENV", "PYENV_VERSION", "CONDA_PREFIX")


def office_environment() -> dict[str, str]:
    """The environment LibreOffice runs in: it finds the official fonts by their names, and its
    Python is the system's (the system Python's folder first on PATH, no other Python's
    variables), whatever Python runs the tests."""
    env = {k: v for k, v in os.environ.items() if k not in _FOREIGN_PYTHON}
    system_bin = str(Path(SYSTEM_PYTHON).parent)
    rest = [d for d in env.get("PATH", "").split(os.pathsep) if d and d != system_bin]
    env["PATH"] = os.pathsep.join([system_bin, *rest])
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return env


def _said(log: Path) -> str:
    """What LibreOffice said before it died, without its stack frames (which fill the end of
    its output and hide the reason: 'terminate called after throwing …')."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    kept = [ln for ln in lines if not ln.startswith("/") or "(" not in ln]
    return "\n".join(kept)[:2000]


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float, what: str,
              log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            said = ""
            if log is not None and log.exists():
                said = "; it printed:\n" + _said(log)
            raise OfficeError(f"LibreOffice ended (exit code {proc.returncode}) while {what}{said}")
        if time.monotonic() > deadline:
            raise OfficeError(f"LibreOffice did not answer within {timeout:.0f} s ({what})")
        time.sleep(0.02)


class Office:
    """A running LibreOffice; ``convert`` one document at a time; ``close`` at the end."""

    def __init__(self, soffice: str) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="guidediff-office-"))
        self.queue = self.tmp / "queue"
        self.queue.mkdir()
        scripts = self.tmp / "profile" / "user" / "Scripts" / "python"
        scripts.mkdir(parents=True)
        shutil.copy(MACRO, scripts / "guidediff_office.py")
        env = {**office_environment(), "GUIDEDIFF_OFFICE_QUEUE": str(self.queue)}
        self.log = self.tmp / "soffice.log"
        self.proc = subprocess.Popen(
            [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck",
             f"-env:UserInstallation={(self.tmp / 'profile').as_uri()}", _SCRIPT_URL],
            stdin=subprocess.DEVNULL, stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
            env=env, start_new_session=True)
        self.lock = threading.Lock()
        self.count = 0
        try:
            _wait_for(self.queue / "ready", self.proc, START_TIMEOUT, "starting", self.log)
        except OfficeError:
            self.close()
            raise

    def convert(self, src: Path, out: Path, filter: str, changes: str = "keep") -> int:
        """Save ``src`` as ``out`` through ``filter`` (txt, pdf, docx, odt) after accepting or
        rejecting all its tracked changes (``changes``: accept, reject, keep). Returns how
        many tracked changes it held."""
        with self.lock:
            self.count += 1
            req = self.queue / f"{self.count}.req"
            tmp = self.queue / f"{self.count}.part"
            tmp.write_text(json.dumps({"src": str(src), "out": str(out), "filter": filter,
                                       "changes": changes}), encoding="utf-8")
            os.replace(tmp, req)
            res = req.with_suffix(".res")
            _wait_for(res, self.proc, TIMEOUT, f"converting {src.name}", self.log)
            answer = json.loads(res.read_text(encoding="utf-8"))
            res.unlink()
        if not answer.get("ok"):
            raise OfficeError(f"{src}: {answer.get('error')}\n{answer.get('trace', '')}")
        return int(answer["redlines"])

    def close(self) -> None:
        if self.proc.poll() is None:
            (self.queue / "stop").write_text("stop", encoding="utf-8")
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the group this Office started
                self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def start() -> Office | None:
    """A LibreOffice, or None where soffice or python3-uno is missing."""
    soffice = shutil.which("soffice")
    if soffice is None or not has_python_uno():
        return None
    return Office(soffice)
