"""The DICOM outputs of the stroke analyses, from fabricated results: Parametric Maps
and Segmentations pass dciodvfy with 0 errors, read back into the maps and masks
(frame k on slice k of the grid), and summary.json has the contract's keys."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset

from tests.conftest import require_program
from tests.viewer.analysis.study_factory import write_ctp
from tests.viewer.dicom_factory import make_series, write_series
from viewer.analysis.dicom_out import (
    OUTSIDE_BRAIN_VALUE,
    RESULT_NAMES,
    UCUM,
    clear_results,
    write_results,
)
from viewer.analysis.results import (
    PERFUSION_UNITS,
    AdcCoreResult,
    DwiFlairResult,
    InputFunction,
    PerfusionResult,
    VoxelGrid,
)
from viewer.analysis.study import StudyAnalysis, _sources
from viewer.dicom_folder import read_folder


def dciodvfy_errors(path: Path) -> list[str]:
    run = subprocess.run(
        [require_program("dciodvfy"), str(path)], capture_output=True, text=True, check=False
    )
    return [line for line in (run.stdout + run.stderr).splitlines() if line.startswith("Error")]


def _grid_and_sources(folder: Path) -> tuple[VoxelGrid, list[Dataset]]:
    series = read_folder(folder).series[0]
    plan = series.plan().volumes[0]
    return VoxelGrid(plan.shape, plan.affine, plan.frame_of_reference_uid), _sources(
        series.headers, plan
    )


@pytest.fixture(scope="module")
def ctp_written(tmp_path_factory: pytest.TempPathFactory) -> tuple[StudyAnalysis, Path]:
    root = tmp_path_factory.mktemp("ctp-src")
    write_ctp(root, noise_hu=0.0)
    grid, sources = _grid_and_sources(root)
    rng = np.random.default_rng(1)
    maps = {n: rng.uniform(0.5, 80, grid.shape).astype(np.float32) for n in PERFUSION_UNITS}
    brain = np.ones(grid.shape, dtype=bool)
    brain[:, :6] = False
    for values in maps.values():
        values[~brain] = np.nan
    core = np.zeros(grid.shape, dtype=bool)
    core[1:3, 20:30, 40:50] = True
    hypo = core.copy()
    hypo[:, 15:35, 35:55] = True
    aif = InputFunction(
        (-12.0, -45.0, 0.0), ((1, 16, 27),), (0.0, 1.5), (0.0, 300.0), "automatic",
        300.0, 7.5, 4.0,
    )  # fmt: skip
    result = PerfusionResult(
        grid=grid, maps=maps, brain=brain, core=core, hypoperfusion=hypo,
        severe=core.copy(), aif=aif, vof=None, healthy_cbf=50.0,
    )  # fmt: skip
    analysis = StudyAnalysis(perfusion=result, ctp_sources=sources)
    out = tmp_path_factory.mktemp("ctp-out")
    write_results(analysis, out)
    return analysis, out


def _frame_positions(ds: Dataset) -> list[list[float]]:
    return [
        [float(v) for v in item.PlanePositionSequence[0].ImagePositionPatient]
        for item in ds.PerFrameFunctionalGroupsSequence
    ]


@pytest.mark.parametrize("name", list(PERFUSION_UNITS))
def test_parametric_map_valid_and_reads_back(
    ctp_written: tuple[StudyAnalysis, Path], name: str
) -> None:
    analysis, out = ctp_written
    assert analysis.perfusion is not None
    path = out / f"{name}.dcm"
    assert dciodvfy_errors(path) == []
    ds = pydicom.dcmread(path)
    assert ds.Modality == "OT" or ds.SOPClassUID == "1.2.840.10008.5.1.4.1.1.30"
    assert ds.SeriesDescription.startswith(name)
    grid = analysis.perfusion.grid
    # each frame lies on a slice of the grid (its position says which) and holds its values
    slices = [grid.lps_to_index(p) for p in _frame_positions(ds)]
    np.testing.assert_allclose([s[:2] for s in slices], 0, atol=1e-3)
    ks = [round(s[2]) for s in slices]
    assert sorted(ks) == list(range(grid.shape[0]))
    values = ds.pixel_array.astype(np.float32)
    expected = np.nan_to_num(analysis.perfusion.maps[name], nan=OUTSIDE_BRAIN_VALUE)
    np.testing.assert_allclose(values, expected[ks], rtol=1e-6)
    mapping = ds.SharedFunctionalGroupsSequence[0].RealWorldValueMappingSequence[0]
    assert mapping.MeasurementUnitsCodeSequence[0].CodeValue == UCUM[name][0]
    assert mapping.MeasurementUnitsCodeSequence[0].CodingSchemeDesignator == "UCUM"
    assert ds.PatientID == "SYN-CTP"  # copied from the sources
    assert ds.FrameOfReferenceUID == grid.frame_of_reference_uid


def _segment_masks(
    ds: Dataset, shape: tuple[int, int, int], grid: VoxelGrid
) -> dict[int, np.ndarray]:
    masks: dict[int, np.ndarray] = {}
    pixels = ds.pixel_array.reshape(-1, shape[1], shape[2])
    shared = ds.SharedFunctionalGroupsSequence[0]
    for n, item in enumerate(ds.PerFrameFunctionalGroupsSequence):
        where = item if "SegmentIdentificationSequence" in item else shared
        segment = int(where.SegmentIdentificationSequence[0].ReferencedSegmentNumber)
        position = [float(v) for v in item.PlanePositionSequence[0].ImagePositionPatient]
        k = round(grid.lps_to_index(position)[2])
        masks.setdefault(segment, np.zeros(shape, dtype=bool))[k] = pixels[n] > 0
    return masks


def test_ctp_segmentation_valid_and_reads_back(ctp_written: tuple[StudyAnalysis, Path]) -> None:
    analysis, out = ctp_written
    assert analysis.perfusion is not None
    path = out / "seg-ctp.dcm"
    assert dciodvfy_errors(path) == []
    ds = pydicom.dcmread(path)
    assert [s.SegmentLabel for s in ds.SegmentSequence] == ["Core", "Hypoperfusion"]
    assert ds.SegmentationType == "BINARY"
    masks = _segment_masks(ds, analysis.perfusion.grid.shape, analysis.perfusion.grid)
    np.testing.assert_array_equal(masks[1], analysis.perfusion.core)
    np.testing.assert_array_equal(masks[2], analysis.perfusion.hypoperfusion)


def test_summary_has_the_contract_keys(ctp_written: tuple[StudyAnalysis, Path]) -> None:
    _, out = ctp_written
    summary = json.loads((out / "summary.json").read_text())
    assert {"core_ml", "hypoperfusion_ml", "mismatch_ml", "mismatch_ratio", "hir", "aif",
            "warnings"} <= set(summary["ctp"])  # fmt: skip
    assert "mr" not in summary
    assert summary["warnings"] == []
    assert summary["software"]["name"] == "StrokeLink"
    analysis, _ = ctp_written
    assert analysis.perfusion is not None
    # 10×10×2 core voxels
    assert summary["ctp"]["core_ml"] == pytest.approx(
        200 * analysis.perfusion.grid.voxel_ml, abs=0.05
    )


def test_adc_core_segmentation_on_the_adc_grid(tmp_path: Path) -> None:
    folder = tmp_path / "adc"
    write_series(make_series(modality="MR", shape=(6, 32, 32), shuffle_seed=2), folder)
    grid, sources = _grid_and_sources(folder)
    core = np.zeros(grid.shape, dtype=bool)
    core[2:4, 10:14, 20:25] = True
    adc = AdcCoreResult(
        grid=grid, adc=np.full(grid.shape, 800, np.float32), brain=np.ones(grid.shape, bool),
        core=core, side="left", units_note="10^-6 mm2/s (from the series description)",
    )  # fmt: skip
    flair = DwiFlairResult(
        grid=grid, flair=np.ones(grid.shape, np.float32), lesion=core, mirror=core,
        flair_ratio=1.05, threshold=1.15, suggestion="flair-negative",
    )  # fmt: skip
    analysis = StudyAnalysis(adc=adc, dwi_flair=flair, adc_sources=sources)
    written = write_results(analysis, tmp_path / "out")
    assert [p.name for p in written] == ["seg-adc-core.dcm", "summary.json"]
    assert dciodvfy_errors(written[0]) == []
    ds = pydicom.dcmread(written[0])
    assert ds.FrameOfReferenceUID == grid.frame_of_reference_uid
    np.testing.assert_array_equal(_segment_masks(ds, grid.shape, grid)[1], core)
    summary = json.loads(written[1].read_text())
    assert "ctp" not in summary
    mr = summary["mr"]
    assert mr["adc_core_ml"] == pytest.approx(40 * grid.voxel_ml, abs=0.05)
    assert mr["adc_core_side"] == "left"
    assert mr["adc_units"].startswith("10^-6")
    assert mr["dwi_flair"]["suggestion"] == "flair-negative"


def test_nothing_analysed_writes_only_the_summary(tmp_path: Path) -> None:
    analysis = StudyAnalysis(warnings=["nothing to analyse: no DICOM series"])
    written = write_results(analysis, tmp_path / "out")
    assert [p.name for p in written] == ["summary.json"]
    summary = json.loads(written[0].read_text())
    assert set(summary) == {"warnings", "software"}
    assert summary["warnings"] == ["nothing to analyse: no DICOM series"]


def _strict_json(path: Path) -> dict[str, object]:
    """summary.json as strict JSON (no NaN / Infinity), decoded as UTF-8."""

    def refuse(constant: str) -> object:
        raise AssertionError(f"non-standard JSON constant {constant}")

    loaded: dict[str, object] = json.loads(path.read_bytes().decode("utf-8"), parse_constant=refuse)
    return loaded


def test_summary_omits_absent_vof(ctp_written: tuple[StudyAnalysis, Path]) -> None:
    _, out = ctp_written
    ctp = _strict_json(out / "summary.json")["ctp"]
    assert isinstance(ctp, dict)
    assert "vof" not in ctp and "aif" in ctp


def test_summary_is_strict_utf8_json_with_non_finite_as_null(tmp_path: Path) -> None:
    folder = tmp_path / "adc"
    write_series(make_series(modality="MR", shape=(4, 16, 16)), folder)
    grid, sources = _grid_and_sources(folder)
    core = np.zeros(grid.shape, dtype=bool)
    core[1:3, 4:8, 4:8] = True
    adc = AdcCoreResult(
        grid=grid, adc=np.full(grid.shape, 800, np.float32), brain=np.ones(grid.shape, bool),
        core=core, side="left", units_note="10^-6 mm2/s (from the series description)",
    )  # fmt: skip
    flair = DwiFlairResult(
        grid=grid, flair=np.ones(grid.shape, np.float32), lesion=core, mirror=core,
        flair_ratio=float("inf"), threshold=1.15, suggestion="flair-positive",
    )  # fmt: skip
    analysis = StudyAnalysis(
        adc=adc, dwi_flair=flair, adc_sources=sources, warnings=["série « Diffusion » ∅"]
    )
    written = write_results(analysis, tmp_path / "out")
    summary = _strict_json(written[-1])
    mr = summary["mr"]
    assert isinstance(mr, dict)
    assert mr["dwi_flair"]["flair_ratio"] is None
    assert mr["adc_core_threshold"] == "ADC < 620 × 10^-6 mm2/s"
    assert summary["warnings"] == ["série « Diffusion » ∅"]
    assert not (tmp_path / "out" / "summary.json.tmp").exists()


def test_earlier_results_removed_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("CBF.dcm", "Tmax.dcm", "seg-ctp.dcm", "seg-adc-core.dcm", "summary.json.tmp"):
        (out / name).write_bytes(b"earlier patient")
    (out / "summary.json").write_text('{"ctp": {"core_ml": 99}}')
    (out / "notes.txt").write_text("mine")
    (out / "CBF.dcm.bak").write_text("mine too")
    analysis = StudyAnalysis(warnings=["nothing to analyse: no DICOM series"])
    written = write_results(analysis, out)
    assert sorted(p.name for p in out.iterdir()) == ["CBF.dcm.bak", "notes.txt", "summary.json"]
    assert [p.name for p in written] == ["summary.json"]
    assert "ctp" not in _strict_json(out / "summary.json")
    assert (out / "notes.txt").read_text() == "mine"
    # clear_results names what it removed; only result names are in RESULT_NAMES
    (out / "MTT.dcm").write_bytes(b"x")
    assert [p.name for p in clear_results(out)] == ["MTT.dcm", "summary.json"]
    assert all(name.endswith((".dcm", ".json", ".json.tmp")) for name in RESULT_NAMES)
