"""Bone removal for the 3-D view of a CT angiography (no Qt).

The skull dominates a 3-D MIP of a CTA: cortical bone (700–2000 HU) is far
brighter than contrast-filled arteries (≈ 200–500 HU). :func:`bone_mask`
finds the bone, :func:`remove_bone` sets it to air (-1000 HU) in a copy that
only the 3-D view draws; the MPR views always show the acquired values.

The rule (docs/bone-removal.md):

1. *Core*: voxels ≥ :data:`BONE_CORE_HU` (600 HU, above the brightest
   arterial contrast of a well-timed CTA, ≈ 200–500 HU).
2. *Thick bone*: voxels ≥ :data:`THICK_BONE_HU` (500 HU) that stay after an
   opening (erosion, then dilation) by :data:`THICK_MM` (3 mm): trabecular
   bone without a bright cortex around it (a clivus, a vertebral body) is
   thicker than 6 mm in every direction, an artery (≤ 5 mm across) is not.
3. *Dilation* of both by :data:`DILATE_MM` (2.5 mm, a box rounded up to
   whole voxels) so that the diploë between the two tables and the
   partial-volume rim around the cortex go too, and so that a cortex cut into
   fragments by a coarse grid joins up again.
4. *Large components only*: 6-connected components of the dilated core of at
   least :data:`MIN_BONE_ML` (5 mL). The skull, the skull base and each
   vertebra are large; a calcified plaque, a small calcification or a short
   bright arterial segment is small and stays.

Vessels farther than the dilation from the bone (the circle of Willis,
≥ 5 mm above the skull base) stay; the petrous and cavernous carotid,
inside or against bone, go with it.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkImagingMorphological import vtkImageConnectivityFilter

from viewer.vtkbridge import image_from_array

BONE_CORE_HU: Final = 600.0
THICK_BONE_HU: Final = 500.0
THICK_MM: Final = 3.0
MIN_BONE_ML: Final = 5.0
DILATE_MM: Final = 2.5
AIR_HU: Final = -1000


def dilate(mask: npt.NDArray[np.bool_], radius: tuple[int, int, int]) -> npt.NDArray[np.bool_]:
    """Binary dilation by a box of ``radius`` voxels per axis (k, j, i), separable;
    each axis in log2(2r + 1) passes (a window doubled at each)."""
    out = mask
    for axis, r in enumerate(radius):
        if r <= 0:
            continue
        length = 2 * r + 1
        pad = [(0, 0)] * 3
        pad[axis] = (r, r)
        work = np.pad(out, pad)  # work[x] will hold the OR of the window x .. x + length - 1
        covered = 1
        while covered < length:
            step = min(covered, length - covered)
            head = [slice(None)] * 3
            tail = [slice(None)] * 3
            head[axis], tail[axis] = slice(0, -step), slice(step, None)
            work[tuple(head)] |= work[tuple(tail)]
            covered += step
        keep = [slice(None)] * 3
        keep[axis] = slice(0, out.shape[axis])
        out = work[tuple(keep)]
    return np.ascontiguousarray(out) if out is not mask else mask.copy()


def erode(mask: npt.NDArray[np.bool_], radius: tuple[int, int, int]) -> npt.NDArray[np.bool_]:
    """Binary erosion by a box of ``radius`` voxels per axis (the image's edge counts as set)."""
    return ~dilate(~mask, radius)


def _radius(mm: float, spacing_kji: tuple[float, float, float]) -> tuple[int, int, int]:
    k, j, i = (int(np.ceil(mm / s - 1e-6)) for s in spacing_kji)
    return k, j, i


#: Connected components are labelled on a grid pooled to at most this many voxels
#: (VTK's labelling of a full 512 × 512 × 300 mask takes seconds).
LABEL_VOXELS: Final = 2_000_000


def _pool(mask: npt.NDArray[np.bool_], f: int) -> npt.NDArray[np.bool_]:
    """OR over ``f`` × ``f`` × ``f`` blocks (the edges padded with False)."""
    k, j, i = mask.shape
    pad = [(0, (-n) % f) for n in (k, j, i)]
    m = np.pad(mask, pad) if any(p for _, p in pad) else mask
    kk, jj, ii = (n // f for n in m.shape)
    return np.asarray(m.reshape(kk, f, jj, f, ii, f).any(axis=(1, 3, 5)))


def large_components(mask: npt.NDArray[np.bool_], min_voxels: int) -> npt.NDArray[np.bool_]:
    """The voxels of ``mask`` in 6-connected (face) components of at least ``min_voxels``.

    A large mask is labelled on a pooled grid (:data:`LABEL_VOXELS`): components
    closer than one pooled voxel count as one, sizes are counted in pooled voxels.
    """
    if not mask.any():
        return mask.copy()
    f = max(1, int(np.ceil((mask.size / LABEL_VOXELS) ** (1.0 / 3.0))))
    coarse = _pool(mask, f) if f > 1 else mask
    values = np.ascontiguousarray(coarse, dtype=np.uint8)
    connectivity = vtkImageConnectivityFilter()
    connectivity.SetInputData(image_from_array(values))
    connectivity.SetScalarRange(1, 1)
    connectivity.SetExtractionModeToAllRegions()
    connectivity.SetSizeRange(max(1, int(np.ceil(min_voxels / f**3))), 2**62)
    connectivity.SetLabelModeToSizeRank()
    connectivity.GenerateRegionExtentsOff()
    connectivity.Update()
    labels = vtk_to_numpy(connectivity.GetOutput().GetPointData().GetScalars())
    large = labels.reshape(coarse.shape) > 0
    if f > 1:
        k, j, i = mask.shape
        large = large.repeat(f, axis=0)[:k].repeat(f, axis=1)[:, :j].repeat(f, axis=2)[:, :, :i]
    return np.asarray(large & mask)


def bone_mask(
    array: npt.NDArray[np.generic],
    spacing_mm: tuple[float, float, float],
    *,
    core_hu: float = BONE_CORE_HU,
    min_ml: float = MIN_BONE_ML,
    dilate_mm: float = DILATE_MM,
) -> npt.NDArray[np.bool_]:
    """Voxels of bone (and a ``dilate_mm`` rim) in a CT ``[k, j, i]`` array in HU.

    ``spacing_mm`` is the voxel size along (i, j, k) (columns, rows, slices),
    as :attr:`viewer.volume.Volume.spacing`.
    """
    if array.ndim != 3:
        raise ValueError("expected a 3-D array")
    si, sj, sk = (float(s) for s in spacing_mm)
    spacing_kji = (sk, sj, si)
    core = np.greater_equal(array, core_hu)
    dense = np.greater_equal(array, THICK_BONE_HU)
    thick = dilate(erode(dense, _radius(THICK_MM, spacing_kji)), _radius(THICK_MM, spacing_kji))
    grown = dilate(core | (thick & dense), _radius(dilate_mm, spacing_kji))
    min_voxels = int(np.ceil(min_ml * 1000.0 / (si * sj * sk)))
    return large_components(grown, min_voxels)


def remove_bone(
    array: npt.NDArray[np.generic],
    spacing_mm: tuple[float, float, float],
    mask: npt.NDArray[np.bool_] | None = None,
) -> npt.NDArray[np.generic]:
    """A copy of ``array`` with the bone (``mask``, default :func:`bone_mask`) set to
    air, -1000 HU. Voxels already below air (e.g. slices not loaded yet) keep their value.
    """
    if mask is None:
        mask = bone_mask(array, spacing_mm)
    out = array.copy()
    out[mask & np.greater(array, AIR_HU)] = AIR_HU
    return out
