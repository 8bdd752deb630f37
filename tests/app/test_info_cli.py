"""``strokelink info``: the JSON contract other tools depend on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydicom.data import get_testdata_file

from tests.viewer.dicom_factory import make_series, with_tags, write_series

STROKELINK = Path(sys.executable).parent / "strokelink"
CONTRACT_KEYS = {
    "series_instance_uid",
    "description",
    "modality",
    "instances",
    "label",
    "kind",
    "dimensions",
    "spacing",
    "orientation",
    "warnings",
}


def run_info(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(STROKELINK), "info", *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("study")
    write_series(with_tags(make_series(), SeriesNumber=2), root / "ncct")
    dwi_uid = "1.2.826.0.1.3680043.8.498.1001"
    for b in (0, 1000):
        part = make_series(modality="MR", intercept=0, shape=(6, 16, 16), series_uid=dwi_uid)
        with_tags(part, DiffusionBValue=b, SeriesNumber=5, SeriesDescription="DWI")
        write_series(part, root / "dwi", prefix=f"B{b}_")
    tilted = with_tags(make_series(tilt_deg=20), SeriesNumber=3, SeriesDescription="tilted")
    write_series(tilted, root / "tilted")
    ct_small = get_testdata_file("CT_small.dcm")
    assert ct_small is not None
    (root / "single").mkdir()
    (root / "single" / "one.dcm").write_bytes(Path(ct_small).read_bytes())
    (root / "README.txt").write_text("not an image\n")
    return root


@pytest.fixture(scope="module")
def report(study: Path) -> dict[str, Any]:
    result = run_info(str(study))
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def entry(report: dict[str, Any], description: str, label: str = "") -> dict[str, Any]:
    found = [e for e in report["series"] if e["description"] == description and e["label"] == label]
    assert len(found) == 1, [(e["description"], e["label"]) for e in report["series"]]
    return found[0]


def test_every_entry_has_the_contract_keys(report: dict[str, Any]) -> None:
    assert set(report) == {"series", "warnings"}
    assert len(report["series"]) == 5
    for item in report["series"]:
        assert set(item) >= CONTRACT_KEYS
        assert isinstance(item["warnings"], list)
        assert len(item["dimensions"]) == 3


def test_clean_volume(report: dict[str, Any]) -> None:
    ct = entry(report, "HEAD")
    assert ct["kind"] == "ncct"
    assert ct["volume"] is True
    assert ct["dimensions"] == [32, 32, 20]
    assert ct["spacing"] == [4.0, 4.0, 5.0]
    assert ct["orientation"] == [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
    assert ct["instances"] == 20
    assert ct["warnings"] == []


def test_split_series_has_one_entry_per_sub_volume(report: dict[str, Any]) -> None:
    for label in ("b=0", "b=1000"):
        dwi = entry(report, "DWI", label)
        assert dwi["kind"] == "dwi"
        assert dwi["dimensions"] == [16, 16, 6]
        assert dwi["instances"] == 12
        assert dwi["warnings"] == []


def test_tilt_is_a_warning(report: dict[str, Any]) -> None:
    tilted = entry(report, "tilted")
    assert tilted["tilt_deg"] == pytest.approx(20.0)
    assert any("gantry tilt" in w for w in tilted["warnings"])


def test_single_image_is_not_a_volume(report: dict[str, Any]) -> None:
    single = next(e for e in report["series"] if e["instances"] == 1)
    assert single["volume"] is False
    assert single["dimensions"] == [128, 128, 1]
    assert single["warnings"][0] == "not a volume: a single image"
    assert single["kind"] in {"ncct", "other"}


def test_skipped_files_are_listed(report: dict[str, Any]) -> None:
    assert report["warnings"] == ["skipped README.txt: not a DICOM file"]


def test_pixels_option_decodes(study: Path) -> None:
    result = run_info("--pixels", str(study / "ncct"))
    assert result.returncode == 0, result.stderr
    (ct,) = json.loads(result.stdout)["series"]
    assert ct["dtype"] == "int16"
    assert ct["value_range"] == [-1000.0, 300.0]


def test_folder_without_dicom_exits_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello\n")
    result = run_info(str(tmp_path))
    assert result.returncode == 2
    assert "no DICOM series" in result.stderr
    assert result.stdout == ""


def test_missing_path_exits_2(tmp_path: Path) -> None:
    result = run_info(str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr


def test_thin_tilted_series_with_rounded_positions_is_a_volume_without_spacing_warning(
    tmp_path: Path,
) -> None:
    """0.625 mm slices, 15° gantry tilt, positions written to 0.01 mm (formerly refused)."""
    datasets = make_series(shape=(240, 8, 8), slice_step=0.625, tilt_deg=15,
                           pixel_spacing=(0.45, 0.45))  # fmt: skip
    for ds in datasets:
        ds.ImagePositionPatient = [f"{float(v):.2f}" for v in ds.ImagePositionPatient]
    write_series(datasets, tmp_path / "thin")
    result = run_info(str(tmp_path / "thin"))
    assert result.returncode == 0, result.stderr
    (thin,) = json.loads(result.stdout)["series"]
    assert thin["volume"] is True
    assert thin["dimensions"] == [8, 8, 240]
    assert thin["missing_slices"] == []
    assert thin["tilt_deg"] == pytest.approx(15.0, abs=0.05)
    assert [w for w in thin["warnings"] if "gantry tilt" not in w] == []


def test_truncated_slice_is_warned_without_decoding(tmp_path: Path) -> None:
    paths = write_series(make_series(), tmp_path / "ct")
    data = paths[5].read_bytes()
    paths[5].write_bytes(data[: len(data) - 600])
    result = run_info(str(tmp_path))
    assert result.returncode == 0, result.stderr
    (ct,) = json.loads(result.stdout)["series"]
    assert ct["volume"] is True
    (warning,) = ct["warnings"]
    assert warning.startswith(f"{paths[5].name}: pixel data truncated")
    assert "not loaded" in warning
    assert str(tmp_path) not in warning, "basenames only"


def test_truncated_compressed_image_is_warned(tmp_path: Path) -> None:
    source = get_testdata_file("MR_small_jp2klossless.dcm")
    assert source is not None
    data = Path(source).read_bytes()
    (tmp_path / "j2k.dcm").write_bytes(data[: len(data) - 2000])
    result = run_info(str(tmp_path))
    assert result.returncode == 0, result.stderr
    (image,) = json.loads(result.stdout)["series"]
    assert any("j2k.dcm: pixel data truncated: encapsulated" in w for w in image["warnings"])
    whole = tmp_path / "whole"
    whole.mkdir()
    (whole / "j2k.dcm").write_bytes(data)
    (image,) = json.loads(run_info(str(whole)).stdout)["series"]
    assert not any("truncated" in w for w in image["warnings"])
