"""Assembly on the synthetic stroke cases (minihub.synth): findings land where truth.json says."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.conftest import require
from viewer.assembly import SeriesAssembly
from viewer.dicom_folder import read_folder
from viewer.volume import Volume


@pytest.fixture(scope="module")
def left_mca(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Path]:
    require(importlib.util.find_spec("minihub.synth") is not None, "minihub.synth")
    synth_root: Path = request.getfixturevalue("synth_root")
    folder = synth_root / "left-mca"
    truth: dict[str, Any] = json.loads((folder / "truth.json").read_text())
    return truth, folder


def assemble(folder: Path) -> SeriesAssembly:
    scan = read_folder(folder)
    assert scan.warnings == []
    assert len(scan.series) == 1
    return scan.series[0].assemble()


def mean_hu(volume: Volume, lps: list[float], half_width: int = 5) -> float:
    """Mean over an in-plane square of (2 × half_width + 1)² voxels centred on ``lps``."""
    i, j, k = np.rint(volume.lps_to_index(lps)).astype(int)
    w = half_width
    return float(volume.array[k, j - w : j + w + 1, i - w : i + w + 1].mean())


def test_left_mca_ischaemia_is_on_the_left_and_hypodense(
    left_mca: tuple[dict[str, Any], Path],
) -> None:
    truth, folder = left_mca
    ncct = next(s for s in truth["series"] if s["kind"] == "ncct")
    assembly = assemble(folder / ncct["folder"])
    (volume,) = assembly.volumes
    assert volume.warnings == []
    assert volume.kind == "ncct"
    assert volume.shape == (ncct["instances"], ncct["rows"], ncct["columns"])
    assert volume.array.dtype == np.int16
    assert volume.banner.patient_id == truth["patient"]["patient_id"]
    finding = next(f for f in truth["findings"] if f["type"] == "ischaemia-early")
    centroid = finding["centroid_lps_mm"]
    assert centroid[0] > 0, "truth: a left-sided lesion"
    i, _, _ = volume.lps_to_index(centroid)
    assert i > volume.shape[2] / 2, "HFS, [1,0,0,0,1,0]: the patient's left is the high columns"
    mirror = [-centroid[0], centroid[1], centroid[2]]
    assert mean_hu(volume, centroid) < mean_hu(volume, mirror) - 3, "hypodense vs the right side"


def test_left_m1_is_hyperdense_on_ncct_and_cta_geometry_agrees(
    left_mca: tuple[dict[str, Any], Path],
) -> None:
    truth, folder = left_mca
    ncct_info = next(s for s in truth["series"] if s["kind"] == "ncct")
    cta_info = next(s for s in truth["series"] if s["kind"] == "cta")
    (ncct,) = assemble(folder / ncct_info["folder"]).volumes
    (cta,) = assemble(folder / cta_info["folder"]).volumes
    assert cta.kind == "cta"
    assert cta.frame_of_reference_uid == ncct.frame_of_reference_uid
    vessel = next(f for f in truth["findings"] if f["type"] == "hyperdense-vessel")
    centre = vessel["centroid_lps_mm"]
    mirror = [-centre[0], centre[1], centre[2]]
    assert centre[0] > 0
    assert mean_hu(ncct, centre, 1) > mean_hu(ncct, mirror, 1) + 5
    z_low, z_high = cta_info["z_range_mm"]
    first, last = cta.index_to_lps([0, 0, 0])[2], cta.index_to_lps([0, 0, cta.shape[0] - 1])[2]
    assert sorted([first, last]) == pytest.approx([z_low, z_high])
