"""DWI–FLAIR mismatch helper (viewer.analysis.mismatch): FLAIR-negative and FLAIR-positive
phantom lesions on a FLAIR grid other than the ADC's, the mirror region on the other side,
the not-assessable cases, and the synthetic wake-up MR case."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from tests.viewer.analysis.test_adc import (
    RIGHT_LESION,
    Lesions,
    Phantom,
    affine,
    head,
    make_phantom,
)
from viewer.analysis.adc import adc_core
from viewer.analysis.mismatch import FLAIR_RATIO_THRESHOLD, dwi_flair, reflection, resample_mask
from viewer.analysis.results import AdcCoreResult, VoxelGrid
from viewer.notes import Note
from viewer.volume import Volume

FLAIR_SHAPE = (13, 150, 150)  # 1 mm pixels, 5 mm slices: another grid than the ADC's


def flair_volume(
    lesions: Lesions, *, brightness: float, seed: int = 11, frame: str = "1.2.3.4"
) -> tuple[Volume, npt.NDArray[np.bool_]]:
    """FLAIR of the phantom head on its own grid; the lesion's signal × ``brightness``."""
    a = affine(1.0, 5.0, FLAIR_SHAPE)
    _, _, flair, lesion, _ = head(a, FLAIR_SHAPE, lesions, 0.0)
    flair[lesion] *= np.float32(brightness)
    rng = np.random.default_rng(seed)
    re = flair + 12.0 * rng.standard_normal(FLAIR_SHAPE)
    im = 12.0 * rng.standard_normal(FLAIR_SHAPE)
    image = np.sqrt(re * re + im * im).astype(np.float32)
    return Volume(image, a, frame_of_reference_uid=frame), lesion


def b1000_of(ph: Phantom) -> Volume:
    return Volume(ph.b1000, ph.volume.affine, frame_of_reference_uid="1.2.3.4")


@pytest.fixture(scope="module")
def right() -> tuple[Phantom, AdcCoreResult]:
    ph = make_phantom(RIGHT_LESION)
    return ph, adc_core(ph.volume)


def lps_centroid(
    mask: npt.NDArray[np.bool_], a: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    k, j, i = np.nonzero(mask)
    return np.asarray(a[:3, :3] @ [i.mean(), j.mean(), k.mean()] + a[:3, 3])


def dice(a: npt.NDArray[np.bool_], b: npt.NDArray[np.bool_]) -> float:
    return 2.0 * np.count_nonzero(a & b) / (np.count_nonzero(a) + np.count_nonzero(b))


def test_flair_negative_lesion(right: tuple[Phantom, AdcCoreResult]) -> None:
    ph, core = right
    flair, truth = flair_volume(RIGHT_LESION, brightness=1.0)
    result = dwi_flair(b1000_of(ph), core, flair)
    assert result.suggestion == "flair-negative"
    assert result.flair_ratio == pytest.approx(1.0, abs=0.05)
    assert result.threshold == FLAIR_RATIO_THRESHOLD == 1.15
    assert result.warnings == []
    # the regions, on the FLAIR grid
    assert result.grid.shape == FLAIR_SHAPE and result.lesion.shape == FLAIR_SHAPE
    assert result.flair is not None and result.flair.shape == FLAIR_SHAPE
    assert dice(result.lesion, truth) > 0.85
    lesion_c = lps_centroid(result.lesion, flair.affine)
    mirror_c = lps_centroid(result.mirror, flair.affine)
    assert lesion_c[0] < -20 and mirror_c[0] > 20, "lesion on the right, mirror on the left"
    assert mirror_c == pytest.approx(lesion_c * [-1, 1, 1], abs=2.0)
    assert not (result.lesion & result.mirror).any()
    summary = result.summary()
    assert summary["suggestion"] == "flair-negative"
    assert summary["lesion_ml"] == pytest.approx(ph.lesion_ml, rel=0.12)


def test_flair_positive_lesion(right: tuple[Phantom, AdcCoreResult]) -> None:
    ph, core = right
    flair, _ = flair_volume(RIGHT_LESION, brightness=1.35)
    result = dwi_flair(b1000_of(ph), core, flair)
    assert result.suggestion == "flair-positive"
    assert result.flair_ratio == pytest.approx(1.35, abs=0.06)


def test_subtle_hyperintensity_below_the_threshold(right: tuple[Phantom, AdcCoreResult]) -> None:
    ph, core = right
    flair, _ = flair_volume(RIGHT_LESION, brightness=1.07)
    result = dwi_flair(b1000_of(ph), core, flair)
    assert result.flair_ratio is not None and 1.02 < result.flair_ratio < 1.12
    assert result.suggestion == "flair-negative"


def test_left_lesion_mirrors_to_the_right() -> None:
    lesions: Lesions = (((30.0, 10.0, 4.0), (10.0, 12.0, 10.0)),)
    ph = make_phantom(lesions, seed=8)
    core = adc_core(ph.volume)
    assert core.side == "left"
    flair, _ = flair_volume(lesions, brightness=1.3)
    result = dwi_flair(b1000_of(ph), core, flair)
    assert result.suggestion == "flair-positive"
    assert lps_centroid(result.mirror, flair.affine)[0] < -20


def codes(warnings: list[str]) -> list[str]:
    return [w.code for w in warnings if isinstance(w, Note)]


def test_not_assessable(right: tuple[Phantom, AdcCoreResult]) -> None:
    ph, core = right
    missing = dwi_flair(b1000_of(ph), core, None)
    assert missing.suggestion == "not-assessable" and missing.flair_ratio is None
    assert codes(missing.warnings) == ["flair_missing"]
    assert missing.summary()["flair_ratio"] is None

    flair, _ = flair_volume(RIGHT_LESION, brightness=1.0, frame="9.9.9")
    other = dwi_flair(b1000_of(ph), core, flair)
    assert other.suggestion == "not-assessable" and codes(other.warnings) == ["flair_other_frame"]

    none = make_phantom((), seed=9)
    flair, _ = flair_volume((), brightness=1.0)
    empty = dwi_flair(b1000_of(none), adc_core(none.volume), flair)
    assert empty.suggestion == "not-assessable" and codes(empty.warnings) == ["flair_no_lesion"]
    assert not empty.lesion.any()

    crossing: Lesions = (((0.0, -32.0, 2.0), (12.0, 8.0, 8.0)),)
    mid = make_phantom(crossing, seed=10)
    mid_core = adc_core(mid.volume)
    assert mid_core.core_ml > 1.0
    flair, _ = flair_volume(crossing, brightness=1.0)
    result = dwi_flair(b1000_of(mid), mid_core, flair)
    assert result.suggestion == "not-assessable"
    assert codes(result.warnings) == ["flair_midline"]
    assert result.lesion.any(), "the regions stay for display"


def test_core_not_bright_on_b1000_is_flagged(right: tuple[Phantom, AdcCoreResult]) -> None:
    ph, core = right
    flat = Volume(np.full(ph.b1000.shape, 100.0, np.float32), ph.volume.affine)
    flair, _ = flair_volume(RIGHT_LESION, brightness=1.0)
    result = dwi_flair(flat, core, flair)
    assert codes(result.warnings) == ["flair_dwi_not_bright"]
    assert result.suggestion == "flair-negative"


def test_resample_mask_and_reflection() -> None:
    a = affine(2.0, 4.0, (4, 20, 20))
    mask = np.zeros((4, 20, 20), bool)
    mask[1:3, 5:9, 2:6] = True  # x from -17 to -11 mm (columns 2-5)
    fine = affine(1.0, 2.0, (8, 40, 40))
    same = resample_mask(mask, a, fine, (8, 40, 40))
    assert np.count_nonzero(same) * 1.0 * 1.0 * 2.0 == pytest.approx(
        np.count_nonzero(mask) * 2.0 * 2.0 * 4.0, rel=0.3
    )
    mirrored = resample_mask(mask, a, reflection(0.0) @ a, (4, 20, 20))
    assert np.array_equal(mirrored, mask[:, :, ::-1])


def test_synthetic_wake_up_case_is_flair_negative(synth_root: Path) -> None:
    from tests.viewer.analysis.test_adc import load
    from viewer.analysis.adc import adc_units
    from viewer.dicom_folder import read_folder

    case = synth_root / "wake-up-mr"
    truth = json.loads((case / "truth.json").read_text())
    folders = {s["kind"]: case / s["folder"] for s in truth["series"]}
    adc, ds = load(folders["adc"])
    factor, why = adc_units(ds, adc.array)
    core = adc_core(adc, factor=factor, units_note=why)
    dwi = read_folder(folders["dwi"]).series[0].assemble().volumes
    (b1000,) = [v for v in dwi if v.label == "b=1000"]
    (flair,) = read_folder(folders["flair"]).series[0].assemble().volumes
    result = dwi_flair(b1000, core, flair)
    (finding,) = [f for f in truth["findings"] if f["type"] == "dwi-lesion"]
    assert finding["flair_visible"] is False and truth["expected"]["dwi_flair_mismatch"] is True
    assert result.suggestion == "flair-negative"
    assert result.flair_ratio == pytest.approx(1.0, abs=0.08)
    assert result.warnings == []
    assert lps_centroid(result.mirror, flair.affine)[0] > 0 > finding["centroid_lps_mm"][0]


# --- the mirror region: brain at the mirror voxel, enough of it, a usable signal ------


def square_case(
    *, csf_columns: slice, mirror_flair: float = 100.0
) -> tuple[Volume, AdcCoreResult, Volume, npt.NDArray[np.bool_]]:
    """A 1 mm grid, midline x = 0 between columns 31 and 32; a lesion on the patient's
    left (columns 40-47) +10 % on FLAIR; CSF (out of the ADC brain mask, dark on FLAIR)
    at ``csf_columns`` of the mirror position (columns 16-23) on the right."""
    shape = (5, 64, 64)
    a = np.eye(4)
    a[:3, 3] = [-31.5, -31.5, -2.0]
    brain = np.zeros(shape, bool)
    brain[:, 8:56, 8:56] = True
    lesion = np.zeros(shape, bool)
    lesion[1:4, 28:36, 40:48] = True
    csf = np.zeros(shape, bool)
    csf[1:4, 28:36, csf_columns] = True
    brain &= ~csf
    grid = VoxelGrid(shape, a, "1.2.3")
    core = AdcCoreResult(grid, np.full(shape, 800, np.float32), brain, lesion, "left", "")
    flair = np.full(shape, 100.0, np.float32)
    flair[:, 28:36, 16:24] = mirror_flair
    flair[lesion] = 110.0
    flair[csf] = 30.0
    b1000 = Volume(np.where(lesion, 200, 100).astype(np.float32), a)
    return b1000, core, Volume(flair, a, frame_of_reference_uid="1.2.3"), csf


def test_mirror_region_leaves_out_csf_at_the_mirror_voxel() -> None:
    # a ventricle fills half the mirror position: it must not darken the reference
    b1000, core, flair, csf = square_case(csf_columns=slice(16, 20))
    result = dwi_flair(b1000, core, flair)
    assert not (result.mirror & csf).any()
    assert not (result.mirror & result.lesion).any()
    assert np.count_nonzero(result.mirror) >= 0.4 * np.count_nonzero(result.lesion)
    assert result.flair_ratio == pytest.approx(1.1, abs=0.01)
    assert result.suggestion == "flair-negative"
    assert result.warnings == []


def test_mirror_region_mostly_csf_is_not_assessable() -> None:
    b1000, core, flair, csf = square_case(csf_columns=slice(16, 24))
    result = dwi_flair(b1000, core, flair)
    assert result.suggestion == "not-assessable" and result.flair_ratio is None
    assert codes(result.warnings) == ["flair_mirror_small"]
    assert result.warnings[0].params["total"] == str(np.count_nonzero(core.core))
    assert not (result.mirror & csf).any()
    assert result.lesion.any(), "the regions stay for display"


@pytest.mark.parametrize("mirror_flair", [0.0, -5.0, float("nan")])
def test_mirror_without_flair_signal_gives_no_infinite_ratio(mirror_flair: float) -> None:
    b1000, core, flair, _ = square_case(csf_columns=slice(0, 0), mirror_flair=mirror_flair)
    result = dwi_flair(b1000, core, flair)
    assert result.suggestion == "not-assessable" and result.flair_ratio is None
    assert codes(result.warnings) == ["flair_no_signal"]
    json.dumps(result.summary(), allow_nan=False)  # valid JSON: no Infinity nor NaN
