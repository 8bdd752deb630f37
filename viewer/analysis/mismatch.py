"""The DWI–FLAIR mismatch helper: is the DWI lesion still dark on FLAIR? (issue #14)

WAKE-UP logic (Thomalla et al., N Engl J Med 2018;379:611-622; PRE-FLAIR, Thomalla et
al., Lancet Neurol 2011;10:978-986): an acute DWI lesion with *no marked parenchymal
hyperintensity* on FLAIR suggests onset within about 4.5 h. The trial read it by eye;
this helper measures it as the relative FLAIR signal intensity (rSI) of the lesion
against its mirror region in the other hemisphere, as quantitative studies did:

* Petkova et al., Radiology 2010;257:782-792: FLAIR lesion/contralateral ratio, cut-off
  +7 % (1.07) for < 3 h (sensitivity 90 %, specificity 92 %);
* Legge et al., J Stroke Cerebrovasc Dis 2017;26:1582-1587: signal intensity ratio
  ≤ 1.18 for < 6 h (86 % / 79 %), ≤ 1.20 for < 8 h;
* Ostwaldt et al., J Neuroimaging 2015;25:964-968: whole-ROI and hotspot rSI relative
  to the contralateral side both separate patients beyond 4.5 h with their published
  thresholds.

:data:`FLAIR_RATIO_THRESHOLD` = 1.15, between the < 3 h (1.07) and < 6 h (1.18)
cut-offs, for the 4.5 h window: "flair-negative" is suggested below it,
"flair-positive" at or above it; a suggestion the radiologist confirms by eye.

The DWI lesion is the ADC core (ADC < 620 × 10⁻⁶ mm²/s, :mod:`viewer.analysis.adc`):
low ADC is what makes a DWI hyperintensity acute (a b1000 hyperintensity alone may be
T2 shine-through). The b1000 image confirms it: the core must be brighter on b1000 than
its mirror, otherwise a warning says the core may be an artefact.

Regions. The mid-sagittal plane is x = x₀ of :func:`viewer.analysis.adc.midline_x` on
the ADC brain mask (LPS, +x the patient's left). The lesion is carried from the ADC grid
to the FLAIR grid through the two affines (the same (0020,0052) Frame of Reference:
patient coordinates agree): a FLAIR voxel is in the lesion when the lesion mask,
linearly interpolated at its centre, is ≥ 0.5. The mirror region is the same with each
FLAIR voxel's centre first reflected across x = x₀, then restricted to voxels outside
the lesion and to the ADC brain mask sampled at the mirror voxel itself (no CSF, nothing
outside the brain: a ventricle in the mirror would darken the reference). Ratio = mean
FLAIR in the lesion ÷ mean FLAIR in the mirror.

"not-assessable" (ratio None) with a warning when there is no FLAIR, no lesion (0 mL
core), the FLAIR is in another frame of reference, the lesion lies outside the FLAIR,
the lesion crosses the midline (core on both sides, or ≥ 10 % of the lesion
overlapping its own mirror), the mirror region keeps too little brain (fewer than
``MIRROR_MIN_VOXELS`` = 10 voxels or than ``MIRROR_MIN_FRACTION`` = 25 % of the
lesion's voxels), or the FLAIR has no usable signal there (a mirror mean ≤ 0: the
ratio is never infinite nor NaN).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import ndimage

from viewer.analysis.adc import midline_x
from viewer.analysis.results import AdcCoreResult, DwiFlairResult, VoxelGrid
from viewer.notes import note
from viewer.volume import Volume

FLAIR_RATIO_THRESHOLD = 1.15  # rSI below it: "flair-negative" suggested
MIDLINE_OVERLAP = 0.10  # lesion overlapping its mirror by this fraction: crosses the midline
MIRROR_MIN_FRACTION = 0.25  # mirror region kept (brain, not lesion) ÷ lesion voxels, at least
MIRROR_MIN_VOXELS = 10  # FLAIR voxels in the mirror region, at least
Affine = npt.NDArray[np.float64]


def reflection(x_mid: float) -> Affine:
    """4×4 LPS reflection across the plane x = ``x_mid``."""
    r = np.eye(4)
    r[0, 0] = -1.0
    r[0, 3] = 2.0 * x_mid
    return r


def resample_mask(
    mask: npt.NDArray[np.bool_],
    source: Affine,
    target: Affine,
    shape: tuple[int, int, int],
) -> npt.NDArray[np.bool_]:
    """``mask`` (on the grid of affine ``source``) on the grid ``target``/``shape``: a
    target voxel is in when the mask, linearly interpolated at its centre, is ≥ 0.5.
    ``target`` may include a reflection (the mirror). Only the mask's bounding box is
    visited."""
    out = np.zeros(shape, dtype=bool)
    idx = np.nonzero(mask)
    if idx[0].size == 0:
        return out
    # target index → source index: (k, j, i) order handled through (i, j, k) affines
    to_source = np.linalg.solve(source, target)
    lo = np.array([idx[2].min(), idx[1].min(), idx[0].min()], dtype=np.float64) - 1
    hi = np.array([idx[2].max(), idx[1].max(), idx[0].max()], dtype=np.float64) + 1
    corners = np.array(np.meshgrid(*zip(lo, hi, strict=True), indexing="ij")).reshape(3, -1)
    back = np.linalg.solve(to_source, np.vstack([corners, np.ones(corners.shape[1])]))[:3]
    t_lo = np.maximum(np.floor(back.min(axis=1)).astype(int), 0)
    t_hi = np.minimum(np.ceil(back.max(axis=1)).astype(int), np.array(shape[::-1]) - 1)
    if np.any(t_hi < t_lo):
        return out
    i, j, k = np.meshgrid(
        np.arange(t_lo[0], t_hi[0] + 1),
        np.arange(t_lo[1], t_hi[1] + 1),
        np.arange(t_lo[2], t_hi[2] + 1),
        indexing="ij",
    )
    points = np.stack([i.ravel(), j.ravel(), k.ravel(), np.ones(i.size)]).astype(np.float64)
    src = to_source @ points
    values = ndimage.map_coordinates(
        mask.astype(np.float32), [src[2], src[1], src[0]], order=1, mode="constant", cval=0.0
    )
    inside = values >= 0.5
    out[k.ravel()[inside], j.ravel()[inside], i.ravel()[inside]] = True
    return out


def sample_mask(
    mask: npt.NDArray[np.bool_],
    source: Affine,
    target: Affine,
    voxels: tuple[npt.NDArray[np.intp], ...],
) -> npt.NDArray[np.bool_]:
    """``mask`` (grid ``source``) at the target grid's ``voxels`` (k, j, i arrays): the
    mask, linearly interpolated at each voxel's centre, is ≥ 0.5."""
    k, j, i = voxels
    if k.size == 0:
        return np.zeros(0, dtype=bool)
    points = np.stack([i, j, k, np.ones(k.size)]).astype(np.float64)
    src = np.linalg.solve(source, target) @ points
    values = ndimage.map_coordinates(
        mask.astype(np.float32), [src[2], src[1], src[0]], order=1, mode="constant", cval=0.0
    )
    return np.asarray(values >= 0.5, dtype=bool)


def _not_assessable(
    grid: VoxelGrid,
    *,
    flair: npt.NDArray[np.float32],
    warning: str,
    lesion: npt.NDArray[np.bool_] | None = None,
    mirror: npt.NDArray[np.bool_] | None = None,
    warnings: list[str] | None = None,
) -> DwiFlairResult:
    empty = np.zeros(grid.shape, dtype=bool)
    return DwiFlairResult(
        grid=grid,
        flair=flair,
        lesion=empty if lesion is None else lesion,
        mirror=empty if mirror is None else mirror,
        flair_ratio=None,
        threshold=FLAIR_RATIO_THRESHOLD,
        suggestion="not-assessable",
        warnings=[*(warnings or []), warning],
    )


def _b1000_check(b1000: Volume, core: AdcCoreResult, x_mid: float) -> list[str]:
    """A warning when the core is not brighter on b1000 than its mirror."""
    a = b1000.affine
    lesion = resample_mask(core.core, core.grid.affine, a, b1000.shape)
    mirror = resample_mask(core.core, core.grid.affine, reflection(x_mid) @ a, b1000.shape)
    mirror &= ~lesion
    mirror[mirror] = sample_mask(core.brain, core.grid.affine, a, np.nonzero(mirror))
    if not lesion.any() or not mirror.any():
        return []
    values = b1000.array
    ratio = float(values[lesion].mean()) / max(float(values[mirror].mean()), 1e-6)
    return [] if ratio > 1.0 else [note("flair_dwi_not_bright", ratio=f"{ratio:.2f}")]


def dwi_flair(b1000: Volume, core: AdcCoreResult, flair: Volume | None) -> DwiFlairResult:
    """The FLAIR ratio of the DWI lesion (the ADC core) against its mirror region, and
    the suggestion (module docstring). ``flair`` None: not assessable."""
    if flair is None:
        return _not_assessable(
            core.grid, flair=np.zeros(core.grid.shape, np.float32), warning=note("flair_missing")
        )
    grid = VoxelGrid(flair.shape, flair.affine.copy(), flair.frame_of_reference_uid)
    image = flair.array.astype(np.float32, copy=False)
    if (
        flair.frame_of_reference_uid
        and core.grid.frame_of_reference_uid
        and flair.frame_of_reference_uid != core.grid.frame_of_reference_uid
    ):
        return _not_assessable(grid, flair=image, warning=note("flair_other_frame"))
    if not core.core.any():
        return _not_assessable(grid, flair=image, warning=note("flair_no_lesion"))
    x_mid = midline_x(core.brain, core.grid.affine)
    if x_mid is None:
        return _not_assessable(grid, flair=image, warning=note("flair_no_lesion"))
    warnings = _b1000_check(b1000, core, x_mid)
    lesion = resample_mask(core.core, core.grid.affine, grid.affine, grid.shape)
    if not lesion.any():
        return _not_assessable(grid, flair=image, warning=note("flair_outside"), warnings=warnings)
    mirrored = resample_mask(
        core.core, core.grid.affine, reflection(x_mid) @ grid.affine, grid.shape
    )
    overlap = np.count_nonzero(lesion & mirrored) / np.count_nonzero(lesion)
    # the reference: the mirror voxels outside the lesion, where the ADC brain mask,
    # sampled AT the mirror voxel itself, is brain (no CSF, nothing outside the brain)
    mirror = mirrored & ~lesion
    mirror[mirror] = sample_mask(core.brain, core.grid.affine, grid.affine, np.nonzero(mirror))
    if core.side == "both" or overlap >= MIDLINE_OVERLAP:
        return _not_assessable(
            grid,
            flair=image,
            warning=note("flair_midline"),
            lesion=lesion,
            mirror=mirror,
            warnings=warnings,
        )
    kept, total = np.count_nonzero(mirror), np.count_nonzero(lesion)
    if kept < max(MIRROR_MIN_VOXELS, MIRROR_MIN_FRACTION * total):
        return _not_assessable(
            grid,
            flair=image,
            warning=note("flair_mirror_small", kept=str(kept), total=str(total)),
            lesion=lesion,
            mirror=mirror,
            warnings=warnings,
        )
    inside = float(np.mean(image[lesion], dtype=np.float64))
    reference = float(np.mean(image[mirror], dtype=np.float64))
    ratio = inside / reference if np.isfinite(reference) and reference > 0 else float("nan")
    if not (np.isfinite(inside) and inside >= 0 and np.isfinite(ratio)):
        return _not_assessable(
            grid,
            flair=image,
            warning=note("flair_no_signal", lesion=f"{inside:.4g}", mirror=f"{reference:.4g}"),
            lesion=lesion,
            mirror=mirror,
            warnings=warnings,
        )
    return DwiFlairResult(
        grid=grid,
        flair=image,
        lesion=lesion,
        mirror=mirror,
        flair_ratio=ratio,
        threshold=FLAIR_RATIO_THRESHOLD,
        suggestion="flair-negative" if ratio < FLAIR_RATIO_THRESHOLD else "flair-positive",
        warnings=warnings,
    )
