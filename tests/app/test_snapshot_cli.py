"""``strokelink snapshot``: off-screen PNGs of a DICOM series, clear errors otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.viewer.dicom_factory import make_series, write_series

STROKELINK = Path(sys.executable).with_name("strokelink")


def snapshot(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}  # no X server needed
    return subprocess.run(
        [str(STROKELINK), "snapshot", *args], capture_output=True, text=True, env=env,
        timeout=120, check=False,
    )  # fmt: skip


def read_png(path: Path) -> np.ndarray:
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkIOImage import vtkPNGReader

    reader = vtkPNGReader()
    reader.SetFileName(str(path))
    reader.Update()
    image = reader.GetOutput()
    w, h, _ = image.GetDimensions()
    pixels = vtk_to_numpy(image.GetPointData().GetScalars()).reshape(h, w, -1)
    return pixels[::-1, :, :3]


@pytest.fixture(scope="module")
def series_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CT with a bright lesion on the patient's left, feet-first and with shuffled files."""
    folder = tmp_path_factory.mktemp("ct")
    write_series(make_series(shape=(20, 40, 40), orientation=(-1, 0, 0, 0, 1, 0),
                             patient_position="FFS"), folder)  # fmt: skip
    return folder


@pytest.mark.parametrize("view", ["axial", "coronal"])
def test_snapshot_shows_the_left_lesion_on_the_right(series_folder: Path, tmp_path: Path,
                                                      view: str) -> None:  # fmt: skip
    out = tmp_path / f"{view}.png"
    done = snapshot(str(series_folder), "--view", view, "--size", "200", "--preset", "brain",
                    "--slab", "0", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    rgb = read_png(out)
    assert rgb.shape == (200, 200, 3)
    inner = np.zeros(rgb.shape[:2], dtype=bool)
    inner[30:170, 16:184] = True
    bright = inner & np.all(rgb >= 240, axis=2)
    assert bright.sum() > 10
    assert np.nonzero(bright)[1].mean() > 100, "patient's left on the screen's right"


def test_snapshot_3d_and_options(series_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "3d.png"
    done = snapshot(str(series_folder), "--view", "3d", "--size", "160", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert read_png(out).shape == (160, 160, 3)
    out = tmp_path / "at.png"
    done = snapshot(str(series_folder), "--view", "sagittal", "--at", "30,0,0", "--slab", "10",
                    "--slab-mode", "mean", "--size", "120", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert read_png(out).shape == (120, 120, 3)


def test_no_volume_is_a_clear_error_with_exit_code_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    done = snapshot(str(empty), "--out", str(tmp_path / "x.png"))
    assert done.returncode == 2
    assert "no DICOM series" in done.stderr
    text = tmp_path / "notes"
    text.mkdir()
    (text / "readme.txt").write_text("not DICOM")
    done = snapshot(str(text), "--out", str(tmp_path / "x.png"))
    assert done.returncode == 2 and "snapshot:" in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_unknown_series_uid(series_folder: Path, tmp_path: Path) -> None:
    done = snapshot(str(series_folder), "--series", "1.2.3.4", "--out", str(tmp_path / "x.png"))
    assert done.returncode == 2
    assert "no series 1.2.3.4" in done.stderr


def test_volume_label_chooses_within_a_series(series_folder: Path, tmp_path: Path) -> None:
    done = snapshot(str(series_folder), "--volume", "b=1000", "--out", str(tmp_path / "x.png"))
    assert done.returncode == 2
    assert "no volume labelled 'b=1000'" in done.stderr


def letter_pixels(rgb: np.ndarray, rows: slice, columns: slice) -> int:
    """Pixels of the orientation letters' yellow (viewer.overlays.LABEL_COLOUR) in a region."""
    part = rgb[rows, columns].astype(int)
    r, g, b = part[..., 0], part[..., 1], part[..., 2]
    return int(((r > 200) & (g > 180) & (b > 15) & (b < 120)).sum())


def assert_left_on_the_right_with_letters(rgb: np.ndarray) -> None:
    size = rgb.shape[0]
    inner = np.zeros(rgb.shape[:2], dtype=bool)
    inner[size // 6 : -size // 6, size // 10 : -size // 10] = True
    bright = inner & np.all(rgb >= 240, axis=2)
    assert bright.sum() > 10
    assert np.nonzero(bright)[1].mean() > size / 2, "patient's left on the screen's right"
    middle = slice(size * 2 // 5, size * 3 // 5)
    assert letter_pixels(rgb, middle, slice(size - size // 12, size)) > 5, "right letter"
    assert letter_pixels(rgb, middle, slice(0, size // 12)) > 5, "left letter"
    centre = slice(size * 2 // 5, size * 3 // 5)
    # in a small snapshot the top letter moves down, clear of the corner texts
    assert letter_pixels(rgb, slice(0, size // 4), centre) > 5, "top letter"


@pytest.fixture(scope="module")
def uneven_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Feet-first CT, flipped rows, one slice written 1.5 mm (30 % of 5 mm) off its place."""
    folder = tmp_path_factory.mktemp("uneven")
    datasets = make_series(shape=(20, 40, 40), orientation=(-1, 0, 0, 0, 1, 0),
                           patient_position="FFS")  # fmt: skip
    odd = next(ds for ds in datasets if int(ds.InstanceNumber) == 6)
    x, y, z = (float(v) for v in odd.ImagePositionPatient)
    odd.ImagePositionPatient = [f"{x:.6f}", f"{y:.6f}", f"{z + 1.5:.6f}"]
    write_series(datasets, folder)
    return folder


@pytest.fixture(scope="module")
def irregular_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 of 60 slices 2 mm apart, at random: no regular grid holds them (not a volume)."""
    folder = tmp_path_factory.mktemp("irregular")
    datasets = make_series(shape=(60, 40, 40), slice_step=2.0, orientation=(-1, 0, 0, 0, 1, 0),
                           patient_position="FFS")  # fmt: skip
    by_z = sorted(datasets, key=lambda ds: float(ds.ImagePositionPatient[2]))
    keep = np.random.default_rng(4).choice(60, 20, replace=False)
    write_series([by_z[n] for n in sorted(keep)], folder)
    return folder


def test_an_uneven_series_is_a_warned_volume_shown_left_on_the_right(
    uneven_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "uneven.png"
    done = snapshot(str(uneven_folder), "--size", "200", "--preset", "brain", "--slab", "0",
                    "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "warning: uneven slice spacing: slices up to" in done.stderr
    assert "acquired at z=" in done.stderr
    assert_left_on_the_right_with_letters(read_png(out))


def test_an_irregular_series_shows_the_image_nearest_the_point_with_its_letters(
    irregular_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "irregular.png"
    done = snapshot(str(irregular_folder), "--at", "30,0,1", "--size", "200", "--preset",
                    "brain", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "warning: not a volume: uneven slice spacing" in done.stderr
    assert "ordered by position" in done.stdout
    assert "left R, right L, top A, bottom P" in done.stdout
    assert "(instance 30)  S 1.0 mm" in done.stdout, "the image through z = 1 mm"
    assert_left_on_the_right_with_letters(read_png(out))


def test_an_irregular_series_without_a_point_shows_its_middle_image(
    irregular_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "middle.png"
    done = snapshot(str(irregular_folder), "--size", "120", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "image 11 / 20" in done.stdout
    assert read_png(out).shape == (120, 120, 3)
