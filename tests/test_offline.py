"""The offline bundle (tooling/scripts/offline_bundle.py): its Linux half for real (a fresh
venv installs from the folder with no index and compares the real pair), its Windows half
checked (every dependency resolves to a win_amd64 wheel for Python 3.11, 3.12 and 3.13, with
``pip download --platform win_amd64 --only-binary=:all:``; the install script and shortcut
are read back). Needs the package index once, to fill the folder; the install uses none."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import RAW_2021, RAW_2022, ROOT

SCRIPT = ROOT / "tooling" / "scripts" / "offline_bundle.py"
HERE = f"{sys.version_info.major}.{sys.version_info.minor}"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("offline_bundle", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["offline_bundle"] = module  # (its dataclasses look themselves up there)
    spec.loader.exec_module(module)
    return module


def _bundle(out: Path, platforms: str, pythons: str) -> str:
    r = subprocess.run([sys.executable, str(SCRIPT), str(out), "--platforms", platforms,
                        "--pythons", pythons], capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("bundle")
    said = _bundle(out, "windows", "3.11,3.12,3.13") + _bundle(out, "linux", HERE)
    return out, said


def _no_network_pip() -> dict[str, str]:
    """This process's environment without any pip setting (no index, no extra wheel folder
    of this machine's configuration): the install sees only the bundle."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


def test_the_linux_half_installs_in_a_fresh_venv_and_compares(bundle, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, _ = bundle
    venv = tmp_path / "venv"
    r = subprocess.run(["sh", str(out / "install.sh")], capture_output=True, text=True,
                       timeout=900, cwd=tmp_path,
                       env={**_no_network_pip(), "PYTHON": sys.executable,
                            "GUIDEDIFF_VENV": str(venv)})
    assert r.returncode == 0, r.stdout + r.stderr
    assert "guidediff-app" in r.stdout and (venv / "bin" / "guidediff-app").is_file()
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import guidediff; print(guidediff.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert str(venv) in where and str(ROOT) not in where  # the wheel, not this checkout
    diff = subprocess.run([str(venv / "bin" / "guidediff"), "diff", str(RAW_2021),
                           str(RAW_2022), "--format", "json"], capture_output=True,
                          cwd=tmp_path, env={**os.environ, "GUIDEDIFF_CACHE": str(tmp_path)},
                          timeout=300)
    assert diff.returncode == 0, diff.stderr
    got = json.loads(diff.stdout)
    kept = json.loads((ROOT / "reports" / "2021-b1-draft__2022-b1-final.changes.json")
                      .read_text(encoding="utf-8"))
    assert [c["id"] for c in got["changes"]] == [c["id"] for c in kept["changes"]]
    assert got["alignment"] == kept["alignment"]


def test_the_windows_half_has_a_wheel_of_every_dependency(bundle) -> None:  # type: ignore[no-untyped-def]
    out, said = bundle
    for python in ("3.11", "3.12", "3.13"):
        assert f"windows  Python {python}:" in said
    assert "MISSING" not in said
    script = _script()
    wheels = out / "wheels"
    for python in ("3.11", "3.12", "3.13"):
        assert script.missing(wheels, script.TARGETS["windows"], python) == []
        cp = "cp" + python.replace(".", "")
        assert any(w.name.startswith("lxml-") and f"-{cp}-" in w.name and "win_amd64" in w.name
                   for w in wheels.iterdir())


def test_the_windows_install_script_and_shortcut(bundle) -> None:  # type: ignore[no-untyped-def]
    out, _ = bundle
    bat = (out / "install.bat").read_bytes()
    assert b"\r\n" in bat and b"\n" not in bat.replace(b"\r\n", b"")
    text = bat.decode("cp936")  # the console code page of a Chinese Windows
    assert "--no-index --find-links" in text and "guidediff-app.exe" in text
    assert "-m venv" in text and "shortcut.ps1" in text
    ps1 = (out / "shortcut.ps1").read_bytes()
    assert ps1.startswith(b"\xef\xbb\xbf")  # (PowerShell 5 reads UTF-8 only with a BOM)
    assert "CreateShortcut" in ps1.decode("utf-8-sig")
    sums = (out / "SHA256SUMS").read_text().splitlines()
    assert any(line.endswith("  install.bat") for line in sums)
    assert any("/guidediff-" in line and line.endswith(".whl") for line in sums)


def _wheel(folder: Path, name: str, requires: list[str]) -> None:
    with zipfile.ZipFile(folder / f"{name}-1.0-py3-none-any.whl", "w") as z:
        z.writestr(f"{name}-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: "
                   f"{name}\nVersion: 1.0\n" + "".join(f"Requires-Dist: {r}\n" for r in requires))


def test_a_dependency_only_one_target_needs_is_found_for_it(tmp_path: Path) -> None:
    """pip evaluates markers for the machine it runs on; the bundle evaluates them for each
    target, so that Windows gets what only Windows needs."""
    script = _script()
    _wheel(tmp_path, "guidediff", ["click", 'colorama; platform_system == "Windows"',
                                   'uvloop; sys_platform != "win32"', 'tomli; python_version < "3.11"'])
    _wheel(tmp_path, "click", ['colorama; sys_platform == "win32"'])
    assert script.missing(tmp_path, script.TARGETS["windows"], "3.12") == ["colorama"]
    assert script.missing(tmp_path, script.TARGETS["linux"], "3.12") == ["uvloop"]
