"""``strokelink view PATH``: the viewer window on a folder, with a verification screenshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from tests.conftest import require_program

ROOT = Path(__file__).resolve().parents[2]


def run_view(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    env.pop("VTK_DEFAULT_OPENGL_WINDOW", None)
    return subprocess.run(
        [sys.executable, "-m", "app", "view", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_view_writes_a_screenshot_once_loaded(synth_root: Path, tmp_path: Path) -> None:
    require_program("import")
    from vtkmodules.vtkIOImage import vtkPNGReader

    out = tmp_path / "right-ich.png"
    done = run_view(str(synth_root / "right-ich"), "--screenshot", str(out))
    assert done.returncode == 0, done.stderr
    assert out.exists()
    reader = vtkPNGReader()
    reader.SetFileName(str(out))
    reader.Update()
    width, height, _ = reader.GetOutput().GetDimensions()
    assert width >= 800 and height >= 600
    from vtkmodules.util.numpy_support import vtk_to_numpy

    pixels = vtk_to_numpy(reader.GetOutput().GetPointData().GetScalars())
    assert np.unique(pixels[::97]).size > 20  # images and text, not a blank screen


def test_view_refuses_a_missing_path(tmp_path: Path) -> None:
    done = run_view(str(tmp_path / "absent"))
    assert done.returncode == 2
    assert "does not exist" in done.stderr
