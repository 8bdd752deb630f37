"""Smoke test of the frozen bundle that ``packaging/build.sh`` builds.

Runs only when ``STROKELINK_BUNDLE`` names the built ``dist/strokelink`` folder
(``scripts/test.sh`` builds it once and sets it); without it the tests skip,
and fail under ``CI=true``. The executable runs as a user would start it: a
clean environment (no venv on PATH, no PYTHONPATH), the working folder
outside the repository.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
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
    """Run the frozen executable in a session of its own and, however it ends
    (exit, failure, timeout), kill what is left of its process group: ``demo``
    starts ``strokelink hub``, which must not outlive a failed or timed-out test.
    Its output goes to files, not pipes, which a left-over child would hold open."""
    out_path, err_path = cwd / "frozen-stdout.txt", cwd / "frozen-stderr.txt"
    with out_path.open("w") as out, err_path.open("w") as err:
        process = subprocess.Popen(
            [str(exe), *args],
            cwd=cwd,
            env=clean_env(cwd / "home"),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        try:
            returncode: int | None = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            returncode = None
        finally:
            kill_group(process)
            process.wait()
    stdout, stderr = out_path.read_text(), err_path.read_text()
    output = f"stdout:\n{stdout[-3000:]}\nstderr:\n{stderr[-3000:]}"
    if returncode is None:
        pytest.fail(
            f"strokelink {' '.join(args)} still ran after {timeout:.0f} s "
            f"(killed with its process group)\n{output}"
        )
    assert returncode == 0, f"strokelink {' '.join(args)} exited {returncode}\n{output}"
    return subprocess.CompletedProcess(process.args, returncode, stdout, stderr)


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process group that ``process`` leads (its session), if any of it is left."""
    with contextlib.suppress(ProcessLookupError):  # the executable and its children are gone
        os.killpg(process.pid, signal.SIGKILL)


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


# Libraries a GL driver or the display server's client libraries also load: the
# bundle must use the system's (docs/install.md), not a copy found first.
SYSTEM_ONLY = (
    "libstdc++.so.6", "libgcc_s.so.1", "libglib-2.0.so.0", "libgio-2.0.so.0",
    "libgobject-2.0.so.0", "libfontconfig.so.1", "libfreetype.so.6", "libX11.so.6",
    "libX11-xcb.so.1", "libxcb-cursor.so.0", "libxcb-xkb.so.1", "libxkbcommon.so.0",
    "libdbus-1.so.3", "libsystemd.so.0", "libkrb5.so.3", "libgcrypt.so.20", "libz.so.1",
    "libzstd.so.1", "libexpat.so.1", "libffi.so.8", "libGL.so.1", "libEGL.so.1",
    "libdrm.so.2", "libgbm.so.1",
)  # fmt: skip
# What the bundle keeps: it must match the frozen Python.
KEPT = ("libpython3.11.so.1.0", "libssl.so.3", "libcrypto.so.3")


def test_system_libraries_are_left_out(executable: Path) -> None:
    names = {p.name for p in (executable.parent / "_internal").rglob("*.so*")}
    assert not names & set(SYSTEM_ONLY), f"bundled system libraries: {names & set(SYSTEM_ONLY)}"
    assert set(KEPT) <= names


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


def test_info_decodes_jpeg_2000(executable: Path, cts: tuple[Path, Path], tmp_path: Path) -> None:
    """``info --pixels`` decodes every JPEG 2000 Lossless frame with the bundle's
    pylibjpeg/openjpeg plugins, no display needed."""
    result = run_frozen(executable, ["info", str(cts[1]), "--pixels"], tmp_path, timeout=120)
    report = json.loads(result.stdout)
    [series] = report["series"]
    assert series["dimensions"] == [256, 256, 24]
    assert series["warnings"] == []
    low, high = series["value_range"]
    assert high > low


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


def test_stroke_analysis(executable: Path, tmp_path: Path) -> None:
    """``synth`` then ``analyze`` in the bundle: the CT perfusion engine and the ADC core
    (scipy.ndimage, highdicom's Parametric Map and Segmentation) are frozen with it."""
    cases = tmp_path / "cases"
    run_frozen(
        executable,
        ["synth", str(cases), "--case", "ctp-left-mca", "--case", "wake-up-mr"],
        tmp_path,
        timeout=240,
    )
    for case, section in (("ctp-left-mca", "ctp"), ("wake-up-mr", "mr")):
        out = tmp_path / f"results-{case}"
        run_frozen(
            executable, ["analyze", str(cases / case), "--out", str(out)], tmp_path, timeout=240
        )
        summary = json.loads((out / "summary.json").read_text())
        assert section in summary, summary
        core = summary[section]["core_ml" if section == "ctp" else "adc_core_ml"]
        assert core > 1.0, summary
    assert (tmp_path / "results-ctp-left-mca" / "CBF.dcm").stat().st_size > 0
    assert (tmp_path / "results-wake-up-mr" / "seg-adc-core.dcm").stat().st_size > 0


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


def process_gone(pid: int) -> bool:
    """True once ``pid`` has exited (a zombie waiting for its reaper counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


@pytest.mark.parametrize("ending", ["timeout", "failure"])
def test_a_failed_run_leaves_no_child_running(tmp_path: Path, ending: str) -> None:
    """What ``demo`` does (start a child, here ``sleep``, standing for the hub) and then
    hangs or fails: the child is killed with the executable's process group."""
    child_pid = tmp_path / "child.pid"
    exe = tmp_path / "strokelink"
    last = "wait" if ending == "timeout" else "exit 3"
    exe.write_text(f'#!/bin/sh\nsleep 600 &\necho $! > "{child_pid}"\n{last}\n')
    exe.chmod(0o755)
    with pytest.raises((pytest.fail.Exception, AssertionError)):
        run_frozen(exe, ["demo"], tmp_path, timeout=2 if ending == "timeout" else 60)
    pid = int(child_pid.read_text())
    deadline = time.monotonic() + 30
    while not process_gone(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert process_gone(pid), f"the child {pid} of the executable still runs"
