"""The MR ADC core: ADC < 620 × 10⁻⁶ mm²/s in the brain, its volume and side (issue #14).

Units (:func:`adc_units`). ADC maps are stored in 10⁻⁶ mm²/s (µm²/s: Siemens, GE,
Philips and Canon integer maps), in 10⁻³ mm²/s, or as mm²/s floats behind a
(0028,1053) Rescale Slope. The factor to 10⁻⁶ mm²/s is read, first found first, from
(0028,1054) Rescale Type, the (0040,9096) Real World Value Mapping units and LUT
explanation, then the free text of (0008,103E) Series Description, (0020,4000) Image
Comments and (0008,2111) Derivation Description ("10^-6 mm2/s", "x10-3", "1e-3",
"µm²/s", a bare "mm2/s"). The values then check it: the typical brain value (the mode
of the log-histogram of the positive values: brain tissue is the largest class; grey
and white matter lie at 700–900 × 10⁻⁶ mm²/s) picks the nearest of 10⁻⁶, 10⁻³ and
mm²/s (the candidates are 1000 × apart, so CSF at 3000 or an infarct at 450 cannot
be mistaken for another scaling). Where the header and the values disagree, the
values win and the note says so (a header claiming 10⁻⁶ on values of 0.8 would make
the whole brain "core"). Without a unit in the header, the values decide; without
values either, 10⁻⁶ is assumed (vendor convention) and the note says so.

Core (:func:`adc_core`), on the ADC grid, all vectorised (scipy.ndimage):

1. *Signal*: voxels with ADC ≥ 100 × 10⁻⁶ mm²/s (``SIGNAL_MIN``). The background
   of an ADC map is 0 or noise near 0 (scanners zero the ADC where b0 is noise);
   nothing in living brain, infarct included (≈ 250–600), lies below 100.
2. *Intracranial mask*: the largest 3-D (6-connected) component of the signal voxels
   after a 2-voxel in-plane opening that cuts thin bridges to the scalp, its holes
   filled slice by slice (ventricles, dark dropouts).
3. *Brain mask*: the intracranial mask eroded in-plane by ``RIM_MM`` = 3 mm (drops the
   partial-volume cortex/bone rim and the skull-base susceptibility rim, where
   distorted b0/b1000 give spurious low ADC) minus CSF, ADC > ``CSF_MIN`` = 1500
   (above any parenchyma; CSF is ≈ 3000, partial volume with it only raises ADC).
4. *Core*: brain voxels whose ADC, median-filtered over 3 × 3 voxels in-plane, is below
   620 (:data:`~viewer.analysis.results.ADC_CORE_THRESHOLD`), no-signal voxels (below
   ``SIGNAL_MIN``: dropouts, background) entering that median as CSF (3000), so that a
   dropout never pulls its neighbours into the core (a false ring), then 3-D 6-connected
   components smaller than ``MIN_ISLAND_ML`` = 0.1 mL removed. The median (edges kept,
   noise SD ≈ 0.4 ×) stops noisy normal white matter (ADC ≈ 700, noise 30–60 on a
   1.5 T map) from crossing 620 in scattered voxels and clusters; the islands rule
   removes what is left. The map kept in the result (``adc``) is not filtered.

A map with a slice not loaded (``Volume.loaded``) is refused (ValueError, a Note
naming the slices): a missing slice would silently shrink the core.

Volume: core voxels × voxel volume (mL). Side: the patient's side (LPS: +x is the
patient's LEFT) of the core voxels relative to the mid-sagittal plane
(:func:`midline_x`: x = x₀ maximising the mirror symmetry of the brain mask's
left-right profile); "both" when each side holds at least 10 % of the core, "none"
without a core. The plane is taken perpendicular to the LPS x axis (head not yawed
or rolled by more than a few degrees).
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt
import pydicom
from scipy import ndimage

from viewer.analysis.results import ADC_CORE_THRESHOLD, AdcCoreResult, VoxelGrid
from viewer.notes import Note, note
from viewer.volume import Volume

SIGNAL_MIN = 100.0  # 10⁻⁶ mm²/s: below it, no signal (background, dropout)
CSF_MIN = 1500.0  # 10⁻⁶ mm²/s: above it, CSF
NO_SIGNAL_AS = 3000.0  # 10⁻⁶ mm²/s: no-signal voxels in the core's median, as CSF
RIM_MM = 3.0  # in-plane erosion of the intracranial mask
MIN_ISLAND_ML = 0.1  # core components smaller than this are removed
SIDE_FRACTION = 0.10  # a side counts when it holds at least this fraction of the core
TYPICAL_BRAIN = 800.0  # 10⁻⁶ mm²/s: typical grey/white matter ADC
PLAUSIBLE = (400.0, 1600.0)  # typical brain ADC outside it: the units are suspect

# factor to 10⁻⁶ mm²/s → how the units read
UNITS: dict[float, str] = {1.0: "10^-6 mm2/s", 1e3: "10^-3 mm2/s", 1e6: "mm2/s"}
_EXPONENT = re.compile(r"(?<![\d.])(?:10|1e)-([3-6])(?!\d)")


def _normalised(text: str) -> str:
    t = text.lower().replace("µ", "u").replace("μ", "u").replace("²", "2").replace("−", "-")
    t = re.sub(r"[\s^*×]", "", t)
    return re.sub(r"x(?=10|1e)", "", t)


def _factor_of(text: str) -> float | None:
    """Factor to 10⁻⁶ mm²/s named by a unit text, or None."""
    t = _normalised(text)
    m = _EXPONENT.search(t)
    if m is not None:
        return float(10 ** (6 - int(m.group(1))))
    if "um2/s" in t or "um2s-1" in t:
        return 1.0
    if "mm2/s" in t or "mm2s-1" in t:
        return 1e6
    return None


def _header_units(dataset: pydicom.Dataset) -> tuple[float, str] | None:
    """(factor, source) from the header, or None."""
    texts: list[tuple[str, str]] = []
    rescale_type = dataset.get("RescaleType")
    if rescale_type:
        texts.append((str(rescale_type), "(0028,1054) Rescale Type"))
    for item in dataset.get("RealWorldValueMappingSequence", []) or []:
        for unit in item.get("MeasurementUnitsCodeSequence", []) or []:
            for attr in ("CodeValue", "CodeMeaning"):
                if unit.get(attr):
                    texts.append((str(unit.get(attr)), "(0040,9096) Real World Value Mapping"))
        if item.get("LUTExplanation"):
            texts.append((str(item.LUTExplanation), "(0040,9096) Real World Value Mapping"))
    for keyword, source in (
        ("SeriesDescription", "(0008,103E) Series Description"),
        ("ImageComments", "(0020,4000) Image Comments"),
        ("DerivationDescription", "(0008,2111) Derivation Description"),
    ):
        if dataset.get(keyword):
            texts.append((str(dataset.get(keyword)), source))
    for text, source in texts:
        factor = _factor_of(text)
        if factor is not None:
            return factor, source
    return None


def typical_value(values: npt.ArrayLike) -> float | None:
    """The mode of the log-histogram of the positive finite values (the brain's ADC
    in the stored scaling), or None without positive values."""
    v = np.asarray(values, dtype=np.float32).ravel()
    v = v[np.isfinite(v) & (v > 0)]
    if v.size < 100:
        return None
    lo, hi = np.percentile(v, (2.0, 99.5))
    if not hi > lo:
        return float(lo)
    logs = np.log10(v[(v >= lo) & (v <= hi)])
    counts, edges = np.histogram(logs, bins=max(10, int((np.log10(hi) - np.log10(lo)) / 0.02)))
    smooth = ndimage.uniform_filter1d(counts.astype(np.float64), 5, mode="nearest")
    b = int(np.argmax(smooth))
    return float(10 ** ((edges[b] + edges[b + 1]) / 2))


def _factor_from_values(typical: float) -> float:
    return min(UNITS, key=lambda f: abs(np.log10(typical * f / TYPICAL_BRAIN)))


def _fits(typical: float, factor: float) -> bool:
    return abs(float(np.log10(typical * factor / TYPICAL_BRAIN))) < 1.0


def adc_units(dataset: pydicom.Dataset, values: np.ndarray | None = None) -> tuple[float, str]:
    """factor that converts the stored ADC values to 10^-6 mm²/s, and how it was decided
    (a Note text).

    ``dataset``: one instance of the ADC series (header only is enough); ``values``:
    its stored values after (0028,1052)/(0028,1053) rescale (e.g. the Volume's array),
    the plausibility check. See the module docstring for the order of the sources.
    """
    header = _header_units(dataset)
    typical = typical_value(values) if values is not None else None
    shown = f"{typical:.4g}" if typical is not None else ""
    if header is not None:
        factor, source = header
        if typical is not None and not _fits(typical, factor):
            found = _factor_from_values(typical)
            return found, note(
                "adc_units_disagree",
                source=source,
                header=UNITS.get(factor, f"x{factor:g}"),
                typical=shown,
                units=UNITS[found],
            )
        return factor, note(
            "adc_units_header", units=UNITS.get(factor, f"x{factor:g}"), source=source
        )
    if typical is not None:
        found = _factor_from_values(typical)
        return found, note("adc_units_values", units=UNITS[found], typical=shown)
    return 1.0, note("adc_units_assumed", units=UNITS[1.0])


def midline_x(mask: npt.NDArray[np.bool_], affine: npt.NDArray[np.float64]) -> float | None:
    """LPS x (mm) of the mid-sagittal plane of a brain mask: the x₀ about which the
    mask's left-right profile (voxel count per 1 mm of LPS x, linearly splatted and
    smoothed by a 2 mm Gaussian) is most symmetric, found
    as the peak of the profile's self-convolution (at 2 x₀), refined to sub-mm by a
    parabola. None for an empty mask."""
    k, j, i = np.nonzero(mask)
    if k.size == 0:
        return None
    a = np.asarray(affine, dtype=np.float64)
    x = a[0, 0] * i + a[0, 1] * j + a[0, 2] * k + a[0, 3]
    x0 = float(np.floor(x.min()))
    # linear splat into 1 mm bins, then smoothed: no comb from voxels of another size
    rel = x - x0
    b = np.floor(rel).astype(np.int64)
    w = rel - b
    profile = np.bincount(b, weights=1.0 - w, minlength=b.max() + 2)
    profile += np.bincount(b + 1, weights=w, minlength=b.max() + 2)
    profile = ndimage.gaussian_filter1d(profile, 2.0, mode="constant")
    conv = np.convolve(profile, profile)
    n = int(np.argmax(conv))
    shift = 0.0
    if 0 < n < conv.size - 1:
        left, mid, right = conv[n - 1], conv[n], conv[n + 1]
        denom = left - 2 * mid + right
        if denom < 0:
            shift = 0.5 * (left - right) / denom
    # bin b is x = x0 + b; a pair of bins (b, n - b) is symmetric about x0 + n / 2
    return x0 + (n + shift) / 2.0


def side_of(
    mask: npt.NDArray[np.bool_], affine: npt.NDArray[np.float64], x_mid: float | None
) -> str:
    """ "left", "right", "both" or "none": the patient's side of ``mask`` (+x is LEFT)."""
    k, j, i = np.nonzero(mask)
    if k.size == 0 or x_mid is None:
        return "none"
    a = np.asarray(affine, dtype=np.float64)
    x = a[0, 0] * i + a[0, 1] * j + a[0, 2] * k + a[0, 3]
    left = float(np.count_nonzero(x > x_mid)) / k.size
    if left >= 1 - SIDE_FRACTION:
        return "left"
    if left <= SIDE_FRACTION:
        return "right"
    return "both"


def _in_plane_ball(affine: npt.NDArray[np.float64], mm: float) -> npt.NDArray[np.bool_]:
    """A disc of radius ``mm`` in the (row, column) plane, as a (1, rows, cols) structure."""
    norms = np.linalg.norm(np.asarray(affine)[:3, :3], axis=0)
    ri, rj = max(0, int(mm / norms[0])), max(0, int(mm / norms[1]))
    jj, ii = np.mgrid[-rj : rj + 1, -ri : ri + 1]
    disc = (ii * norms[0]) ** 2 + (jj * norms[1]) ** 2 <= mm * mm + 1e-6
    return disc[None, :, :]


def _largest_component(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    labels, n = ndimage.label(mask)
    if n == 0:
        return mask
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    return np.asarray(labels == int(np.argmax(sizes)), dtype=bool)


def brain_masks(
    adc: npt.NDArray[np.float32], affine: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """(intracranial, brain) masks of an ADC map in 10⁻⁶ mm²/s (module docstring, 1–3)."""
    signal = adc >= SIGNAL_MIN
    plane = np.zeros((3, 3, 3), dtype=bool)
    plane[1] = ndimage.generate_binary_structure(2, 1)
    opened = ndimage.binary_opening(signal, structure=plane, iterations=2)
    intracranial = _largest_component(opened)
    intracranial = ndimage.binary_fill_holes(intracranial, structure=plane)
    intracranial = np.asarray(intracranial, dtype=bool)
    eroded = ndimage.binary_erosion(intracranial, structure=_in_plane_ball(affine, RIM_MM))
    brain = np.asarray(eroded, dtype=bool) & (adc <= CSF_MIN) & signal
    return intracranial, brain


def _remove_islands(mask: npt.NDArray[np.bool_], min_voxels: int) -> npt.NDArray[np.bool_]:
    labels, n = ndimage.label(mask)
    if n == 0:
        return mask
    sizes = np.bincount(labels.ravel())
    keep = sizes >= min_voxels
    keep[0] = False
    return np.asarray(keep[labels], dtype=bool)


def adc_core(volume: Volume, *, factor: float = 1.0, units_note: str = "") -> AdcCoreResult:
    """The ADC core of an ADC map (module docstring): ``factor`` converts the stored
    values to 10⁻⁶ mm²/s and ``units_note`` says how it was decided (:func:`adc_units`).

    Raises ValueError (its message a Note, code ``adc_not_loaded``) when a slice of
    ``volume`` is not loaded, and for a factor that is not positive."""
    if not factor > 0:
        raise ValueError(f"the ADC units factor must be positive, got {factor}")
    if volume.loaded is not None and not volume.loaded.all():
        missing = np.flatnonzero(~np.asarray(volume.loaded, dtype=bool)) + 1
        raise ValueError(
            note(
                "adc_not_loaded",
                slices=", ".join(str(int(k)) for k in missing),
                total=str(volume.shape[0]),
            )
        )
    grid = VoxelGrid(volume.shape, volume.affine.copy(), volume.frame_of_reference_uid)
    adc = np.multiply(volume.array, np.float32(factor), dtype=np.float32)
    if not units_note:
        units_note = note("adc_units_given", factor=f"{factor:g}")
    warnings: list[str] = []
    if isinstance(units_note, Note) and units_note.code in (
        "adc_units_disagree",
        "adc_units_assumed",
    ):
        warnings.append(units_note)
    _, brain = brain_masks(adc, grid.affine)
    if not brain.any():
        warnings.append(note("adc_no_brain"))
        empty = np.zeros(grid.shape, dtype=bool)
        return AdcCoreResult(
            grid, adc, brain, empty, "none", units_note, warnings, volume.series_instance_uid
        )
    typical = float(np.median(adc[brain]))
    if not PLAUSIBLE[0] <= typical <= PLAUSIBLE[1]:
        units = units_note.params.get("units", "") if isinstance(units_note, Note) else ""
        warnings.append(note("adc_implausible", typical=f"{typical:.0f}", units=units or "?"))
    # no-signal voxels (background, dropouts, NaN) enter the median as CSF: never core
    signal = adc >= np.float32(SIGNAL_MIN)
    smoothed = ndimage.median_filter(
        np.where(signal, adc, np.float32(NO_SIGNAL_AS)), size=(1, 3, 3), mode="nearest"
    )
    low = brain & signal & (smoothed < np.float32(ADC_CORE_THRESHOLD))
    min_voxels = max(1, int(np.ceil(MIN_ISLAND_ML / grid.voxel_ml)))
    core = _remove_islands(low, min_voxels)
    side = side_of(core, grid.affine, midline_x(brain, grid.affine))
    return AdcCoreResult(
        grid=grid,
        adc=adc,
        brain=brain,
        core=core,
        side=side,
        units_note=units_note,
        warnings=warnings,
        series_instance_uid=volume.series_instance_uid,
    )
