"""ADC core (viewer.analysis.adc): units, volume within 10 % of a phantom lesion, side,
and the synthetic wake-up MR case against its truth."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pydicom
import pytest
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from scipy import ndimage

from viewer.analysis.adc import adc_core, adc_units, midline_x
from viewer.notes import Note
from viewer.volume import Volume

B = 1000.0  # s/mm²
# (b0 signal, ADC in 10⁻⁶ mm²/s) per tissue
SCALP, SKULL, CSF, GREY, WHITE = (
    (300.0, 1200.0),
    (10.0, 0.0),
    (1600.0, 3000.0),
    (900.0, 800.0),
    (
        700.0,
        700.0,
    ),
)
LESION_ADC = 450.0


@dataclass
class Phantom:
    volume: Volume  # ADC, 10⁻⁶ mm²/s, int16
    b0: npt.NDArray[np.float32]
    b1000: npt.NDArray[np.float32]
    lesion: npt.NDArray[np.bool_]  # voxel centres in a lesion
    lesion_ml: float  # analytic volume of the lesions (4/3 π abc each)
    parenchyma: npt.NDArray[np.bool_]


def affine(
    pixel: float, thickness: float, shape: tuple[int, int, int], x0: float = 0.0
) -> npt.NDArray[np.float64]:
    """Axial LPS affine, columns toward the patient's left, centred on (x0, 0, 0)."""
    k, j, i = shape
    a = np.diag([pixel, pixel, thickness, 1.0])
    a[:3, 3] = [x0 - (i - 1) / 2 * pixel, -(j - 1) / 2 * pixel, -(k - 1) / 2 * thickness]
    return a


def _ellipsoid(
    x: np.ndarray,
    y: np.ndarray,
    z: np.ndarray,
    c: tuple[float, float, float],
    r: tuple[float, float, float],
) -> np.ndarray:
    return ((x - c[0]) / r[0]) ** 2 + ((y - c[1]) / r[1]) ** 2 + ((z - c[2]) / r[2]) ** 2 <= 1.0


Lesions = tuple[tuple[tuple[float, float, float], tuple[float, float, float]], ...]
RIGHT_LESION: Lesions = (((-33.0, -5.0, 0.0), (12.0, 15.0, 14.0)),)
FLAIR_OF_ADC = {1200.0: 300.0, 0.0: 20.0, 3000.0: 60.0, 800.0: 520.0, 700.0: 420.0}


def head(
    a: npt.NDArray[np.float64], shape: tuple[int, int, int], lesions: Lesions, midline: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
    """Noise-free (b0, ADC, healthy FLAIR, lesion mask, analytic lesion mL) of the head slab
    on the grid ``a``/``shape`` (voxel centres): scalp, skull (no signal), CSF, grey, white
    matter, two ventricles, ellipsoid lesions of ADC 450 in the parenchyma."""
    k, j, i = np.meshgrid(*(np.arange(n) for n in shape), indexing="ij")
    x = a[0, 0] * i + a[0, 3] - midline
    y = a[1, 1] * j + a[1, 3]
    z = a[2, 2] * k + a[2, 3]
    # depth below the scalp, approximated on the ellipsoid (65, 72, 60)
    depth = (1.0 - np.sqrt((x / 65.0) ** 2 + (y / 72.0) ** 2 + (z / 60.0) ** 2)) * 68.0
    s0 = np.zeros(shape, np.float32)
    adc = np.zeros(shape, np.float32)
    for (lo, hi), (sig, d) in (
        ((0.0, 3.0), SCALP),
        ((3.0, 9.0), SKULL),
        ((9.0, 11.0), CSF),
        ((11.0, 14.0), GREY),
        ((14.0, 1e9), WHITE),
    ):
        m = (depth >= lo) & (depth < hi)
        s0[m], adc[m] = sig, d
    for cx in (-8.0, 8.0):
        m = _ellipsoid(x, y, z, (cx, 0.0, 0.0), (4.0, 16.0, 10.0))
        s0[m], adc[m] = CSF
    flair = np.zeros(shape, np.float32)
    for value, signal in FLAIR_OF_ADC.items():
        flair[adc == value] = signal
    parenchyma = (adc > 500) & (adc < 1000)
    lesion = np.zeros(shape, bool)
    volume_ml = 0.0
    for centre, radii in lesions:
        lesion |= _ellipsoid(x, y, z, centre, radii) & parenchyma
        volume_ml += 4.0 / 3.0 * np.pi * float(np.prod(radii)) / 1000.0
    adc[lesion] = LESION_ADC
    s0[lesion] *= 1.1  # T2 shine
    return s0, adc, flair, lesion, volume_ml


def make_phantom(
    lesions: Lesions = RIGHT_LESION,
    *,
    shape: tuple[int, int, int] = (16, 128, 128),
    pixel: float = 1.2,
    thickness: float = 4.0,
    noise: float = 12.0,
    midline: float = 0.0,
    seed: int = 1,
) -> Phantom:
    """:func:`head` imaged: b0 and b1000 with Rician noise ``noise``, ADC = ln(b0 / b1000) / b
    stored in 10⁻⁶ mm²/s (int16), 0 where b0 is background."""
    a = affine(pixel, thickness, shape, midline)
    s0, adc, _, lesion, volume_ml = head(a, shape, lesions, midline)
    parenchyma = ((adc > 500) & (adc < 1000)) | lesion
    rng = np.random.default_rng(seed)

    def rician(signal: np.ndarray) -> np.ndarray:
        re = signal + noise * rng.standard_normal(shape)
        im = noise * rng.standard_normal(shape)
        return np.sqrt(re * re + im * im).astype(np.float32)

    b0 = rician(s0)
    b1000 = rician(s0 * np.exp(-B * 1e-6 * adc))
    with np.errstate(divide="ignore"):
        measured = np.log(np.maximum(b0, 1.0) / np.maximum(b1000, 1.0)) / (B * 1e-6)
    measured = np.clip(measured, 0, 4000)
    measured[b0 < 100] = 0
    vol = Volume(
        np.rint(measured).astype(np.int16),
        a,
        series_instance_uid="1.2.3",
        frame_of_reference_uid="1.2.3.4",
    )
    return Phantom(vol, b0, b1000, lesion, volume_ml, parenchyma)


def header(**kw: object) -> Dataset:
    ds = Dataset()
    for key, value in kw.items():
        setattr(ds, key, value)
    return ds


def scaled(volume: Volume, factor: float) -> Volume:
    """The same ADC stored in another scaling (float32)."""
    return Volume((volume.array.astype(np.float32) / np.float32(factor)), volume.affine)


# --- units ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ds", "factor", "source"),
    [
        (header(RescaleType="10^-6 mm2/s"), 1.0, "(0028,1054) Rescale Type"),
        (header(RescaleType="1E-3 MM2/S"), 1e3, "(0028,1054) Rescale Type"),
        (header(SeriesDescription="ADC (10^-6 mm2/s)"), 1.0, "(0008,103E) Series Description"),
        (header(SeriesDescription="dADC x10-3 mm²/s"), 1e3, "(0008,103E) Series Description"),
        (header(SeriesDescription="ep2d_diff ADC", ImageComments="µm²/s"), 1.0, "(0020,4000)"),
        (header(SeriesDescription="ADC mm2/s"), 1e6, "(0008,103E)"),
    ],
)
def test_units_from_the_header(ds: Dataset, factor: float, source: str) -> None:
    got, why = adc_units(ds)
    assert got == factor
    assert isinstance(why, Note) and why.code == "adc_units_header"
    assert source in why


def test_units_from_real_world_value_mapping() -> None:
    unit = Dataset()
    unit.CodeValue, unit.CodingSchemeDesignator, unit.CodeMeaning = "um2/s", "UCUM", "um2/s"
    item = Dataset()
    item.MeasurementUnitsCodeSequence = Sequence([unit])
    ds = header(RealWorldValueMappingSequence=Sequence([item]))
    assert adc_units(ds)[0] == 1.0


def test_units_from_values_and_disagreement() -> None:
    ph = make_phantom()
    micro = ph.volume.array
    milli = micro.astype(np.float32) / 1000
    raw = micro.astype(np.float32) / 1e6
    for values, factor in ((micro, 1.0), (milli, 1e3), (raw, 1e6)):
        got, why = adc_units(header(SeriesDescription="ADC"), values)
        assert got == factor and isinstance(why, Note) and why.code == "adc_units_values"
    # the header says 10^-6 but the values are 10^-3: the values win, the note says so
    got, why = adc_units(header(SeriesDescription="ADC 10^-6 mm2/s"), milli)
    assert got == 1e3 and isinstance(why, Note) and why.code == "adc_units_disagree"
    assert "10^-6 mm2/s" in why and "10^-3 mm2/s used" in why
    # header and values agree
    got, why = adc_units(header(SeriesDescription="ADC 10^-3"), milli)
    assert got == 1e3 and isinstance(why, Note) and why.code == "adc_units_header"
    # nothing at all: the vendor convention, said as an assumption
    got, why = adc_units(header())
    assert got == 1.0 and isinstance(why, Note) and why.code == "adc_units_assumed"


# --- the core ------------------------------------------------------------------------


@pytest.mark.parametrize("noise", [12.0, 30.0])
def test_core_volume_within_10_percent_of_the_phantom_lesion(noise: float) -> None:
    ph = make_phantom(noise=noise)
    factor, why = adc_units(header(SeriesDescription="ADC (10^-6 mm2/s)"), ph.volume.array)
    result = adc_core(ph.volume, factor=factor, units_note=why)
    error = abs(result.core_ml - ph.lesion_ml) / ph.lesion_ml
    assert error < 0.10, (result.core_ml, ph.lesion_ml)
    # the core is the lesion: few voxels outside it, most of it found
    assert np.count_nonzero(result.core & ~ph.lesion) < 0.10 * np.count_nonzero(ph.lesion)
    assert np.count_nonzero(result.core & ph.lesion) > 0.95 * np.count_nonzero(ph.lesion)
    assert result.side == "right"
    assert result.units_note == why and "10^-6 mm2/s" in result.units_note
    assert result.warnings == []
    assert result.series_instance_uid == "1.2.3"
    assert result.grid.frame_of_reference_uid == "1.2.3.4"
    assert result.grid.shape == ph.volume.shape
    # the brain mask: parenchyma, no CSF, nothing outside the head
    assert not (result.brain & (ph.volume.array > 2000)).any()
    assert np.count_nonzero(result.brain & ~ph.parenchyma) < 0.01 * np.count_nonzero(result.brain)
    assert result.adc.dtype == np.float32


def test_core_volume_at_10e3_scaling() -> None:
    ph = make_phantom(seed=2)
    milli = scaled(ph.volume, 1e3)
    factor, why = adc_units(header(SeriesDescription="ADC x10-3 mm2/s"), milli.array)
    assert factor == 1e3
    result = adc_core(milli, factor=factor, units_note=why)
    assert abs(result.core_ml - ph.lesion_ml) / ph.lesion_ml < 0.10
    assert float(np.median(result.adc[result.brain])) == pytest.approx(740, abs=60)


def test_wrong_units_are_flagged() -> None:
    ph = make_phantom()
    result = adc_core(scaled(ph.volume, 1e3), factor=1.0)
    codes = [w.code for w in result.warnings if isinstance(w, Note)]
    assert "adc_implausible" in codes or "adc_no_brain" in codes
    assert result.units_note.startswith("ADC units: stored values × 1")


def test_side_left_both_none_and_islands() -> None:
    left = make_phantom((((33.0, -5.0, 0.0), (12.0, 15.0, 14.0)),), seed=3)
    assert adc_core(left.volume).side == "left"
    both = make_phantom(
        (((33.0, -5.0, 0.0), (10.0, 12.0, 10.0)), ((-33.0, -5.0, 0.0), (10.0, 12.0, 10.0))),
        seed=4,
    )
    result = adc_core(both.volume)
    assert result.side == "both"
    assert abs(result.core_ml - both.lesion_ml) / both.lesion_ml < 0.10
    none = make_phantom((), seed=5)
    result = adc_core(none.volume)
    assert result.side == "none" and result.core_ml == 0.0
    # a lesion smaller than the island size (0.1 mL) is removed
    tiny = make_phantom((((-30.0, 0.0, 2.0), (2.5, 2.5, 3.0)),), seed=6)
    assert 0 < np.count_nonzero(tiny.lesion) * 1.2 * 1.2 * 4 / 1000 < 0.1
    assert adc_core(tiny.volume).core_ml == 0.0


def test_side_follows_the_midline_not_the_grid_centre() -> None:
    # head shifted 20 mm to the patient's left of the grid centre; lesion still right
    ph = make_phantom(
        (((-25.0, -5.0, 0.0), (10.0, 12.0, 10.0)),), shape=(12, 128, 160), midline=20.0, seed=7
    )
    result = adc_core(ph.volume)
    x = midline_x(result.brain, result.grid.affine)
    assert x == pytest.approx(20.0, abs=1.0)
    assert result.side == "right"


def test_core_rejects_a_bad_factor() -> None:
    ph = make_phantom((), shape=(4, 64, 64))
    with pytest.raises(ValueError, match="factor"):
        adc_core(ph.volume, factor=0.0)


# --- the synthetic wake-up MR case ---------------------------------------------------


def load(folder: Path) -> tuple[Volume, Dataset]:
    from viewer.dicom_folder import read_folder

    scan = read_folder(folder)
    (volume,) = scan.series[0].assemble().volumes
    first = sorted(folder.glob("*.dcm"))[0]
    return volume, pydicom.dcmread(first, stop_before_pixels=True)


def test_synthetic_wake_up_case_core_matches_truth(synth_root: Path) -> None:
    case = synth_root / "wake-up-mr"
    truth = json.loads((case / "truth.json").read_text())
    (entry,) = [s for s in truth["series"] if s["kind"] == "adc"]
    (finding,) = [f for f in truth["findings"] if f["type"] == "dwi-lesion"]
    # the known core: the lesion's voxels plus the 5 mm slices it partly fills
    assert finding["volume_ml"] <= finding["adc_core_ml"] < 1.5 * finding["volume_ml"]
    volume, ds = load(case / entry["folder"])
    factor, why = adc_units(ds, volume.array)
    assert factor == 1.0 and "(0008,103E) Series Description" in why
    result = adc_core(volume, factor=factor, units_note=why)
    assert abs(result.core_ml - finding["adc_core_ml"]) / finding["adc_core_ml"] < 0.10
    assert result.side == finding["side"] == "right"
    assert result.warnings == []
    k, j, i = np.nonzero(result.core)
    centroid = result.grid.index_to_lps([i.mean(), j.mean(), k.mean()])
    assert np.linalg.norm(centroid - np.asarray(finding["centroid_lps_mm"])) < 5.0


# --- dropouts and incomplete maps ----------------------------------------------------


def test_dropouts_inside_the_brain_draw_no_core_ring() -> None:
    ph = make_phantom(seed=12)
    adc = ph.volume.array.copy()
    # left hemisphere white matter, away from the (right) lesion: a solid dropout hole
    # and a striped dropout patch (every other column without signal)
    hole = np.zeros(adc.shape, bool)
    hole[4:12, 50:58, 84:90] = True
    stripes = np.zeros(adc.shape, bool)
    stripes[4:12, 66:80, 84:98:2] = True
    assert not ((hole | stripes) & ~ph.parenchyma).any()
    adc[hole | stripes] = 0
    volume = Volume(adc, ph.volume.affine, frame_of_reference_uid="1.2.3.4")
    result = adc_core(volume)
    near = ndimage.binary_dilation(hole | stripes, structure=np.ones((1, 5, 5), bool))
    assert not (result.core & near).any(), np.count_nonzero(result.core & near)
    assert abs(result.core_ml - ph.lesion_ml) / ph.lesion_ml < 0.10
    assert result.side == "right"
    # the tissue between the stripes stays brain, not core
    between = near & ~(hole | stripes) & ph.parenchyma
    assert np.count_nonzero(result.brain & between) > 0.5 * np.count_nonzero(between)


def test_core_refuses_a_map_with_slices_not_loaded() -> None:
    ph = make_phantom((), shape=(6, 64, 64))
    loaded = np.ones(6, bool)
    loaded[[2, 4]] = False
    volume = Volume(ph.volume.array, ph.volume.affine, loaded=loaded)
    with pytest.raises(ValueError) as raised:
        adc_core(volume)
    message = raised.value.args[0]
    assert isinstance(message, Note) and message.code == "adc_not_loaded"
    assert message.params == {"slices": "3, 5", "total": "6"}
    assert "3, 5 of 6 not loaded" in str(raised.value)
