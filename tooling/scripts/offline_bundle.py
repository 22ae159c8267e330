"""A folder that installs guidediff on a computer without network access.

Run: python tooling/scripts/offline_bundle.py DIR [--platforms windows,linux]
                                               [--pythons 3.11,3.12,3.13]

Writes ``DIR/wheels/`` with guidediff's wheel and a wheel of every dependency for Windows
(win_amd64) and Linux (manylinux x86_64, glibc 2.17 and later) for each Python asked for,
then ``DIR/install.bat`` (Windows: a venv of its own, a desktop shortcut to guidediff-app),
``DIR/install.sh`` (Linux: a venv of its own), ``DIR/使用说明.txt`` and ``DIR/SHA256SUMS``.
Each install runs ``pip install --no-index --find-links wheels guidediff``. Every dependency
must resolve to a wheel for every target (``pip download --only-binary=:all:``), including
those a target alone needs (colorama for click on Windows: pip evaluates such markers for the
machine it runs on, so the script evaluates them for each target itself); it prints what each
target holds and the bundle's size. Needs network access to the package index, once.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHONS = ("3.11", "3.12", "3.13")


@dataclass(frozen=True)
class Target:
    name: str  # windows | linux
    platforms: tuple[str, ...]  # pip's --platform values
    markers: dict[str, str]  # the environment markers of that system

    def env(self, python: str) -> dict[str, str]:
        return {**self.markers, "python_version": python, "python_full_version": f"{python}.0",
                "implementation_name": "cpython", "platform_python_implementation": "CPython",
                "extra": ""}


TARGETS = {
    "windows": Target("windows", ("win_amd64",), {
        "sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
        "platform_machine": "AMD64"}),
    "linux": Target("linux", ("manylinux_2_17_x86_64", "manylinux2014_x86_64"), {
        "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
        "platform_machine": "x86_64"}),
}


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args, "--disable-pip-version-check", "-q"],
                   check=True)


def download(wheels: Path, target: Target, python: str, requirements: list[str]) -> None:
    """Wheels of ``requirements`` and their dependencies for one target (no source build)."""
    flags = [f"--platform={p}" for p in target.platforms]
    abi = "cp" + python.replace(".", "")
    pip("download", "--only-binary=:all:", "--implementation=cp", f"--python-version={python}",
        f"--abi={abi}", "--abi=abi3", "--abi=none", *flags, "-d", str(wheels), *requirements)


def _metadata(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        text = z.read(name).decode("utf-8", "replace")
    return [line.split(":", 1)[1].strip() for line in text.splitlines()
            if line.startswith("Requires-Dist:")]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _wheel_name(wheel: Path) -> str:
    return _norm(wheel.name.split("-", 1)[0])


def _fits(wheel: Path, target: Target, python: str) -> bool:
    """The wheel installs on the target (its tags: any, abi3, or this CPython)."""
    from packaging.utils import parse_wheel_filename

    cp = "cp" + python.replace(".", "")
    for tag in parse_wheel_filename(wheel.name)[3]:
        platform_ok = tag.platform == "any" or tag.platform in target.platforms or (
            target.name == "linux" and re.fullmatch(r"manylinux_2_(\d+)_x86_64", tag.platform)
            and int(tag.platform.split("_")[2]) <= 17)
        python_ok = tag.interpreter in (cp, "py3") or (tag.abi == "abi3"
                                                        and tag.interpreter <= cp)
        if platform_ok and python_ok and tag.abi in ("none", "abi3", cp):
            return True
    return False


def missing(wheels: Path, target: Target, python: str) -> list[str]:
    """The requirements (markers evaluated for the target) no wheel of the folder fits."""
    from packaging.requirements import Requirement

    fitting = [w for w in wheels.glob("*.whl") if _fits(w, target, python)]
    have = {_wheel_name(w) for w in fitting}
    wanted: set[str] = set()
    todo = [w for w in fitting if _wheel_name(w) == "guidediff"]
    seen: set[str] = set()
    while todo:
        w = todo.pop()
        for line in _metadata(w):
            r = Requirement(line)
            if r.marker is not None and not r.marker.evaluate(target.env(python)):
                continue
            name = _norm(r.name)
            wanted.add(name)
            for dep in (x for x in fitting if _wheel_name(x) == name and x.name not in seen):
                seen.add(dep.name)
                todo.append(dep)
    return sorted(wanted - have)


INSTALL_SH = """#!/bin/sh
# guidediff, installed offline from the wheels beside this script, into a venv of its own.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON:-python3}
VENV=${GUIDEDIFF_VENV:-$HERE/venv}
if ! "$PY" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] <= (3, 13)))'; then
  echo "需要 Python 3.11 至 3.13 (need Python 3.11 to 3.13; set PYTHON=...)" >&2
  exit 1
fi
"$PY" -m venv "$VENV" || { echo "无法创建 venv：Debian/Ubuntu 请先安装 python3-venv" >&2; exit 1; }
"$VENV/bin/python" -m pip install --no-index --find-links "$HERE/wheels" guidediff
echo "已安装：$VENV/bin/guidediff-app 打开比较页，$VENV/bin/guidediff 为命令行。"
echo "(installed: $VENV/bin/guidediff-app opens the compare page; $VENV/bin/guidediff is the CLI)"
"""

# (cp936: the console code page of a Chinese Windows; its commands are ASCII)
INSTALL_BAT = """@echo off
rem guidediff, installed offline from the wheels beside this file, into a venv of its own,
rem with a shortcut to guidediff-app on the desktop.
setlocal
set "HERE=%~dp0"
set "VENV=%HERE%venv"
set "PY=python"
where py >nul 2>nul && set "PY=py -3"
%PY% -c "import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] <= (3, 13)))"
if errorlevel 1 (
  echo 需要 Python 3.11 至 3.13：请先安装 Python（python.org 的 Windows 安装程序）。
  exit /b 1
)
%PY% -m venv "%VENV%" || exit /b 1
set "VPY=%VENV%\\Scripts\\python.exe"
"%VPY%" -m pip install --no-index --find-links "%HERE%wheels" guidediff || exit /b 1
set "APP=%VENV%\\Scripts\\guidediff-app.exe"
set "PS1=%HERE%shortcut.ps1"
powershell -NoProfile -ExecutionPolicy Bypass -File "%PS1%" -Target "%APP%" || exit /b 1
echo 已安装。双击桌面上的“guidediff 申报指南比较”即可打开比较页。
endlocal
"""

SHORTCUT_PS1 = """param([string]$Target)
# A desktop shortcut to guidediff-app (the desktop of this user, wherever Windows keeps it).
$desktop = [Environment]::GetFolderPath('Desktop')
$shell = New-Object -ComObject WScript.Shell
$link = $shell.CreateShortcut((Join-Path $desktop 'guidediff 申报指南比较.lnk'))
$link.TargetPath = $Target
$link.WorkingDirectory = Split-Path $Target
$link.Description = 'guidediff：申报指南比较'
$link.Save()
"""

README = """guidediff 离线安装包
====================

本文件夹可在没有网络的电脑上安装 guidediff（申报指南比较）。

Windows（64 位，Python 3.11、3.12 或 3.13）：
  1. 先安装 Python（python.org 的 Windows 安装程序，勾选 “Add python.exe to PATH”）。
  2. 双击 install.bat。它在本文件夹的 venv 中安装 guidediff，并在桌面放一个
     “guidediff 申报指南比较” 快捷方式。
  3. 双击该快捷方式：浏览器打开比较页；小窗口中点击 “停止” 即关闭。

Linux（x86_64，Python 3.11 至 3.13）：
  sh install.sh        （之后运行 venv/bin/guidediff-app）

安装时不连接网络（pip install --no-index --find-links wheels guidediff）。
SHA256SUMS 列出每个文件的校验和，可在拷贝后核对。
"""


def write_scripts(out: Path) -> None:
    (out / "install.sh").write_text(INSTALL_SH, encoding="utf-8", newline="\n")
    (out / "install.sh").chmod(0o755)
    (out / "install.bat").write_bytes(INSTALL_BAT.replace("\n", "\r\n").encode("cp936"))
    (out / "shortcut.ps1").write_bytes(b"\xef\xbb\xbf" + SHORTCUT_PS1.replace(
        "\n", "\r\n").encode("utf-8"))  # (PowerShell 5 reads UTF-8 only with a BOM)
    (out / "使用说明.txt").write_bytes(b"\xef\xbb\xbf" + README.replace("\n", "\r\n").encode())


def checksums(out: Path) -> None:
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(out).as_posix()}"
             for p in sorted(out.rglob("*")) if p.is_file() and p.name != "SHA256SUMS"]
    (out / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--platforms", default="windows,linux")
    ap.add_argument("--pythons", default=",".join(PYTHONS))
    a = ap.parse_args()
    out: Path = a.dir
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    pip("wheel", "--no-deps", "-w", str(wheels), str(ROOT))
    ours = max(wheels.glob("guidediff-*.whl"), key=lambda p: p.stat().st_mtime)
    failed = []
    for name in a.platforms.split(","):
        target = TARGETS[name]
        for python in a.pythons.split(","):
            try:
                download(wheels, target, python, [str(ours)])
                for _ in range(5):  # what only the target needs (markers): until none is left
                    need = missing(wheels, target, python)
                    if not need:
                        break
                    download(wheels, target, python, need)
                need = missing(wheels, target, python)
            except subprocess.CalledProcessError:
                need = ["(pip download failed: a dependency has no wheel for this target)"]
            fits = [w for w in wheels.glob("*.whl") if _fits(w, target, python)]
            print(f"{name:8} Python {python}: {len(fits)} wheels"
                  + (f"; MISSING {', '.join(need)}" if need else ""))
            if need:
                failed.append(f"{name} {python}")
    write_scripts(out)
    checksums(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"{out}: {len(list(wheels.glob('*.whl')))} wheels, {size / 2**20:.1f} MiB")
    if failed:
        print(f"not complete for: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
