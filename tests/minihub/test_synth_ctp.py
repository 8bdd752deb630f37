"""The synthetic CT perfusion case (``ctp-left-mca``): 4-D series, curves, known volumes.

The series is read back with pydicom and assembled by the viewer
(:func:`viewer.assembly.assemble_series`); LPS points are mapped to voxels
with the volumes' own geometry, never with the generator's grid code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
import pytest

from minihub.synth.perfusion import (
    NORMAL,
    TIMES_S,
    Perfusion,
    arterial_curve,
    tissue_curve,
    venous_curve,
)
from minihub.synth.phantom import PARENCHYMA, Ellipsoid, tissue_labels
from viewer.assembly import SeriesAssembly, assemble_series
from viewer.classify import SeriesKind
from viewer.dicom_folder import read_folder

CASE = "ctp-left-mca"


@pytest.fixture(scope="module")
def truth(synth_root: Path) -> dict[str, Any]:
    return dict(json.loads((synth_root / CASE / "truth.json").read_text()))


@pytest.fixture(scope="module")
def ctp(synth_root: Path, truth: dict[str, Any]) -> tuple[list[pydicom.Dataset], SeriesAssembly]:
    (entry,) = [s for s in truth["series"] if s["kind"] == "ctp"]
    files = sorted((synth_root / CASE / entry["folder"]).glob("*.dcm"))
    datasets = [pydicom.dcmread(f) for f in files]
    return datasets, assemble_series(datasets)


def curve(assembly: SeriesAssembly, lps: list[float], half: int = 0) -> np.ndarray:
    """Mean HU of a (2 half + 1)² in-plane box around ``lps`` at every time point."""
    i, j, k = np.rint(assembly.volumes[0].lps_to_index(lps)).astype(int)
    box = (k, slice(j - half, j + half + 1), slice(i - half, i + half + 1))
    return np.array([float(v.array[box].mean()) for v in assembly.volumes])


# --- the 4-D series -----------------------------------------------------------------------------


def test_the_series_splits_into_one_volume_per_time_point(
    truth: dict[str, Any], ctp: tuple[list[pydicom.Dataset], SeriesAssembly]
) -> None:
    datasets, assembly = ctp
    phases, slices = len(TIMES_S), 12
    assert len(datasets) == phases * slices
    assert {int(ds.NumberOfTemporalPositions) for ds in datasets} == {phases}
    assert sorted({int(ds.TemporalPositionIdentifier) for ds in datasets}) == list(
        range(1, phases + 1)
    )
    assert assembly.plan.four_d and len(assembly.volumes) == phases
    assert assembly.times == pytest.approx(list(TIMES_S), abs=1e-3)
    assert assembly.times == pytest.approx(truth["perfusion"]["times_s"], abs=1e-3)
    # Irregular sampling: 1.5 s during the first pass, then 3 s.
    assert set(np.round(np.diff(assembly.times), 3)) == {1.5, 3.0}
    for volume in assembly.volumes:
        assert volume.kind == SeriesKind.CTP
        assert volume.shape == (slices, 256, 256)
    assert assembly.warnings == []
    first = datasets[0]
    assert first.Modality == "CT" and "PERFUSION" in first.SeriesDescription
    assert str(first.PatientName) == truth["patient"]["name"] == "SYNTH^DAVID"
    assert first.AccessionNumber == truth["study"]["accession_number"]


def test_the_viewer_opens_the_folder_as_one_4d_series(
    synth_root: Path, truth: dict[str, Any]
) -> None:
    (entry,) = [s for s in truth["series"] if s["kind"] == "ctp"]
    scan = read_folder(synth_root / CASE / entry["folder"])
    assert scan.warnings == [] and len(scan.series) == 1
    assembly = scan.series[0].assemble()
    assert assembly.warnings == []
    assert assembly.times == pytest.approx(entry["times_s"], abs=1e-3)
    assert entry["temporal_positions"] == len(assembly.volumes) == 33


# --- the curves ---------------------------------------------------------------------------------


def test_arterial_and_venous_curves(
    truth: dict[str, Any], ctp: tuple[list[pydicom.Dataset], SeriesAssembly]
) -> None:
    _, assembly = ctp
    times = np.asarray(assembly.times)
    perfusion = truth["perfusion"]
    aif = curve(assembly, perfusion["aif"]["lps_mm"])
    vof = curve(assembly, perfusion["vof"]["lps_mm"])
    assert perfusion["aif"]["partial_volume"] == perfusion["vof"]["partial_volume"] == 1.0
    # Baseline: unenhanced blood (≈ 45 HU); the AIF peaks ≈ 350 HU above it at ≈ 11 s.
    assert 25 <= aif[:3].mean() <= 65
    assert aif.max() - aif[:3].mean() == pytest.approx(350, abs=30)
    assert 9.0 <= times[np.argmax(aif)] <= 13.0
    # The venous output peaks later, a little lower, and returns towards baseline.
    assert times[np.argmax(vof)] - times[np.argmax(aif)] >= 4.5
    assert 230 <= vof.max() - vof[:3].mean() <= 320
    assert vof[-1] - vof[:3].mean() < 25
    # Same area (full-volume voxels): an AIF rescaled to the VOF is the true arterial curve.
    fine = np.arange(0.0, 120.0, 0.01)
    assert venous_curve(fine).sum() == pytest.approx(arterial_curve(fine).sum(), rel=1e-3)


def test_occluded_left_m1_does_not_enhance(
    truth: dict[str, Any], ctp: tuple[list[pydicom.Dataset], SeriesAssembly]
) -> None:
    _, assembly = ctp
    midline = truth["midline_x_mm"]
    m1 = np.asarray(truth["arteries_centrelines_lps_mm"]["M1-left"])
    # Three quarters along the M1's lateral segment: beyond the clot (7 to 17 mm from
    # the ICA bifurcation), and its mirror image on the patent right side.
    distal = list(m1[1] + 0.75 * (m1[2] - m1[1]))
    right = [2 * midline - distal[0], distal[1], distal[2]]
    left_m1 = curve(assembly, distal)
    right_m1 = curve(assembly, right)
    assert right_m1.max() - right_m1[:3].mean() > 120, "patent right M1 (partial volume)"
    assert left_m1.max() - left_m1[:3].mean() < 40, "no contrast beyond the left M1 clot"


def test_lesion_curves_are_delayed_and_lower(
    truth: dict[str, Any], ctp: tuple[list[pydicom.Dataset], SeriesAssembly]
) -> None:
    _, assembly = ctp
    times = np.asarray(assembly.times)
    midline = truth["midline_x_mm"]
    core = next(f for f in truth["findings"] if f["type"] == "perfusion-core")
    point = core["centroid_lps_mm"]
    mirror = [2 * midline - point[0], point[1], point[2]]
    lesion = curve(assembly, point, half=3)
    healthy = curve(assembly, mirror, half=3)
    lesion -= lesion[:3].mean()
    healthy -= healthy[:3].mean()
    # Healthy tissue: bolus delay 1 s, peak a few seconds after the AIF's (11 s).
    assert 11.0 <= times[np.argmax(healthy)] <= 19.0
    assert healthy.max() >= 3.5
    # Core: delay 11 s (Tmax 11 s), CBV 0.3 × normal: later and flatter.
    assert times[np.argmax(lesion)] - times[np.argmax(healthy)] >= 8.0
    assert lesion.max() < 0.6 * healthy.max()
    # Penumbra (delay 8 s, CBV 1.1 ×): delayed, but not lower.
    regions = truth["perfusion"]["regions"]
    centre = regions["penumbra"]["centre_lps_mm"]
    semi = regions["penumbra"]["semi_axes_mm"]
    rim = [centre[0], centre[1] + 0.75 * semi[1], point[2]]
    rim_mirror = [2 * midline - rim[0], rim[1], rim[2]]
    penumbra = curve(assembly, rim, half=3)
    contra = curve(assembly, rim_mirror, half=3)
    penumbra -= penumbra[:3].mean()
    contra -= contra[:3].mean()
    assert times[np.argmax(penumbra)] - times[np.argmax(contra)] >= 5.0
    area = np.trapezoid(penumbra, times) / np.trapezoid(contra, times)
    assert 0.8 <= area <= 1.5


def test_the_convention_gives_cbv_cbf_and_tmax_exactly() -> None:
    """CBV = 100 area(tissue)/area(AIF), CBF = CBV/MTT × 60, Tmax = delay (exp residue)."""
    fine = np.arange(0.0, 150.0, 0.01)
    aif_area = arterial_curve(fine).sum()
    for p in (*NORMAL.values(), Perfusion(7.0, 1.2, 11.0), Perfusion(37.7, 4.4, 8.0)):
        c = tissue_curve(p, fine)
        cbv = 100.0 * c.sum() / aif_area
        assert cbv == pytest.approx(p.cbv, rel=0.01)
        assert cbv / p.mtt_s * 60.0 == pytest.approx(p.cbf, rel=0.01)
        # The bolus reaches the tissue ``delay`` after the arterial input (t0 = 5 s).
        assert c[fine < p.delay_s + 5.0 - 0.02].max() < 1e-9 * c.max()
        assert c[fine < p.delay_s + 6.0].max() > 1e-3 * c.max()


# --- the truth ----------------------------------------------------------------------------------


def _fine_volume_ml(
    shapes: list[Ellipsoid], head_centre: list[float], z_lps: tuple[float, float]
) -> float:
    """Volume of the union of ``shapes`` ∩ parenchyma ∩ the slab, on a 0.5 mm lattice."""
    step = 0.5
    lo = np.min([[c - s for c, s in zip(e.centre, e.semi_axes, strict=True)] for e in shapes], 0)
    hi = np.max([[c + s for c, s in zip(e.centre, e.semi_axes, strict=True)] for e in shapes], 0)
    zlo = max(lo[2], z_lps[0] - head_centre[2])
    zhi = min(hi[2], z_lps[1] - head_centre[2])
    x = np.arange(lo[0], hi[0] + step, step, dtype=np.float32)
    y = np.arange(lo[1], hi[1] + step, step, dtype=np.float32)
    z = np.arange(zlo + step / 2, zhi, step, dtype=np.float32)
    inside = np.zeros((z.size, y.size, x.size), dtype=bool)
    for shape in shapes:
        inside |= shape.inside(x, y, z)
    inside &= np.isin(tissue_labels(x, y, z), np.array(PARENCHYMA, dtype=np.uint8))
    return float(inside.sum()) * step**3 / 1000.0


def test_truth_volumes_match_the_planted_regions(truth: dict[str, Any]) -> None:
    perfusion = truth["perfusion"]
    (entry,) = [s for s in truth["series"] if s["kind"] == "ctp"]
    half = entry["slice_thickness_mm"] / 2
    slab = (entry["z_range_mm"][0] - half, entry["z_range_mm"][1] + half)
    # The head frame's origin in LPS, from a landmark given in both.
    centre = [
        c - a for c, a in zip(truth["landmarks_lps_mm"]["air"], (-100.0, -100.0, 0.0), strict=True)
    ]

    def ellipsoid(name: str) -> Ellipsoid:
        r = perfusion["regions"][name]
        head = [p - c for p, c in zip(r["centre_lps_mm"], centre, strict=True)]
        return Ellipsoid(tuple(head), tuple(r["semi_axes_mm"]))  # type: ignore[arg-type]

    core, penumbra = ellipsoid("core"), ellipsoid("penumbra")
    analytic_core = 4 / 3 * np.pi * np.prod(core.semi_axes) / 1000.0
    assert 0.8 * analytic_core <= perfusion["core_ml"] <= 1.02 * analytic_core
    fine_core = _fine_volume_ml([core], centre, slab)
    fine_hypo = _fine_volume_ml([core, penumbra], centre, slab)
    assert perfusion["core_ml"] == pytest.approx(fine_core, rel=0.05)
    assert perfusion["hypoperfusion_ml"] == pytest.approx(fine_hypo, rel=0.05)
    assert perfusion["penumbra_ml"] == pytest.approx(
        perfusion["hypoperfusion_ml"] - perfusion["core_ml"], abs=1e-3
    )
    assert perfusion["mismatch_ratio"] == pytest.approx(
        perfusion["hypoperfusion_ml"] / perfusion["core_ml"], abs=1e-3
    )
    assert perfusion["hir"] == pytest.approx(
        perfusion["core_ml"] / perfusion["hypoperfusion_ml"], abs=1e-3
    )
    assert 10 <= perfusion["core_ml"] <= 30 and perfusion["hypoperfusion_ml"] >= 3 * 20


def test_truth_parameters_meet_the_definitions(truth: dict[str, Any]) -> None:
    """Core: rCBF < 30 % in every tissue; penumbra: rCBF > 30 %, Tmax > 6 s; healthy: Tmax ≤ 6."""
    perfusion = truth["perfusion"]
    mean = perfusion["contralateral_mean_cbf"]
    assert 25 <= mean <= 45
    tissues = perfusion["tissues"]
    assert tissues["grey"]["cbf"] == pytest.approx(58) and tissues["white"]["cbf"] == 23
    assert tissues["grey"]["mtt_s"] == pytest.approx(60 * 4.0 / 58, abs=1e-3)
    for name, t in tissues.items():
        assert t["tmax_s"] <= 6.0 and t["cbf"] / mean > 0.3, name
    for name, t in perfusion["regions"]["core"]["tissues"].items():
        assert t["cbf"] / mean < 0.3 and t["tmax_s"] > 10.0, name
    for name, t in perfusion["regions"]["penumbra"]["tissues"].items():
        assert t["cbf"] / mean > 0.3 and 6.0 < t["tmax_s"] < 10.0, name
    aif, vof = perfusion["aif"], perfusion["vof"]
    assert aif["lps_mm"][0] < truth["midline_x_mm"], "AIF on the healthy (right) side"
    assert vof["area_hu_s"] == pytest.approx(aif["area_hu_s"], rel=1e-3)
    assert vof["peak_time_s"] > aif["peak_time_s"]
    assert len(aif["curve_hu"]) == len(perfusion["times_s"]) == perfusion["temporal_positions"]
    assert perfusion["core_definition"] == "rCBF < 30 %"
    assert perfusion["hypoperfusion_definition"] == "Tmax > 6 s"
