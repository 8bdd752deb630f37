"""Smoke test of the frozen bundle that ``packaging/build.sh`` builds.

Runs only when ``STROKELINK_BUNDLE`` names the built ``dist/strokelink`` folder
(``scripts/test.sh`` builds it once and sets it); without it the tests skip,
and fail under ``CI=true``. The executable runs as a user would start it: a
clean environment (no venv on PATH, no PYTHONPATH), the working folder
outside the repository.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require, require_display, require_program

BUNDLE_ENV = "STROKELINK_BUNDLE"


@pytest.fixture(scope="module")
def executable() -> Path:
    folder = os.environ.get(BUNDLE_ENV, "")
    require(bool(folder), f"{BUNDLE_ENV}: the bundle built by packaging/build.sh")
    exe = Path(folder) / "strokelink"
    assert exe.is_file(), f"{BUNDLE_ENV}={folder} holds no strokelink executable"
    return exe


def clean_env(home: Path) -> dict[str, str]:
    """What a desktop session gives the app: no venv, no PYTHONPATH, the display."""
    home.mkdir(parents=True, exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    for name in ("DISPLAY", "XAUTHORITY", "QT_QPA_PLATFORM"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def run_frozen(
    exe: Path, args: list[str], cwd: Path, timeout: float
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        env=clean_env(cwd / "home"),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, (
        f"strokelink {' '.join(args)} exited {result.returncode}\n"
        f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}"
    )
    return result


def image_stats(path: Path) -> tuple[int, int, int]:
    """(width, height, distinct grey levels) of a PNG."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not an image"
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(grey.constBits())  # type: ignore[call-overload]
    return image.width(), image.height(), len(set(data))


def test_version(executable: Path, tmp_path: Path) -> None:
    from app import __version__

    result = run_frozen(executable, ["--version"], tmp_path, timeout=60)
    assert result.stdout.strip() == f"strokelink {__version__}"


@pytest.fixture(scope="module")
def cts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A real-size CT (512x512x200, uncompressed) and a small JPEG 2000 Lossless one."""
    from pydicom.uid import JPEG2000Lossless

    from minihub.synth import write_ct_series

    root = tmp_path_factory.mktemp("bundle-ct")
    ct = write_ct_series(root / "ct", slices=200)
    j2k = write_ct_series(
        root / "ct-j2k", slices=24, rows=256, columns=256, transfer_syntax=JPEG2000Lossless
    )
    return ct, j2k


def test_snapshot_of_a_real_size_ct(
    executable: Path, cts: tuple[Path, Path], tmp_path: Path
) -> None:
    """Axial, coronal and 3-D of the real-size CT; the JPEG 2000 one needs pylibjpeg's
    plugins (found through their entry points) in the bundle."""
    require_display()
    ct, j2k = cts
    for folder, view in ((ct, "axial"), (ct, "coronal"), (ct, "3d"), (j2k, "axial")):
        out = tmp_path / f"{folder.name}-{view}.png"
        run_frozen(
            executable,
            ["snapshot", str(folder), "--view", view, "--size", "512", "--out", str(out)],
            tmp_path,
            timeout=240,
        )
        width, height, levels = image_stats(out)
        assert (width, height) == (512, 512)
        assert levels > 20, f"{out.name}: {levels} grey levels, the view looks empty"


def test_viewer_in_french(executable: Path, cts: tuple[Path, Path], tmp_path: Path) -> None:
    """The viewer window (Qt + VTK views, translations from the bundle) on the real-size CT."""
    require_display()
    require_program("import", system=True)
    out = tmp_path / "view.png"
    run_frozen(
        executable,
        ["view", str(cts[0]), "--lang", "fr", "--screenshot", str(out)],
        tmp_path,
        timeout=240,
    )
    width, height, levels = image_stats(out)
    assert width > 600 and height > 400
    assert levels > 20


def test_demo_screenshot(executable: Path, tmp_path: Path) -> None:
    """The embedded hub started by the bundle itself (``strokelink hub``) and the worklist."""
    require_display()
    require_program("import", system=True)
    out = tmp_path / "demo.png"
    result = run_frozen(
        executable,
        ["demo", "--data", str(tmp_path / "hub"), "--screenshot", str(out)],
        tmp_path,
        timeout=300,
    )
    assert "starting the hub" in result.stdout
    width, height, levels = image_stats(out)
    assert width > 600 and height > 400
    assert levels > 20
