"""Bone removal for the 3-D view of a CT angiography (no Qt).

The skull dominates a 3-D MIP of a CTA: cortical bone (≈ 1200–2000 HU) is far
brighter than most contrast-filled arteries. :func:`bone_mask` finds the bone,
:func:`remove_bone` sets it to air (-1000 HU) in a copy that only the 3-D view
draws; the MPR views always show the acquired values.

Arteries reach 600–900 HU and more (low kV, a dense bolus), as bright as
trabecular bone, so no HU threshold below cortical bone tells them apart, and
anything grown by *connectivity* from bone runs up an artery that touches it
(an ICA in its canal, then the whole M1). The rule (docs/bone-removal.md)
therefore seeds only from what contrast never reaches and bounds the growth by
*distance* from the seeds:

1. *Cortex*: voxels ≥ :data:`CORTEX_HU` (1150 HU).
2. *Thick bone*: voxels ≥ :data:`THICK_BONE_HU` (500 HU) that survive an
   opening (erosion, then dilation) by a cube whose voxel centres span at least
   :data:`THICK_MM` (7 mm) along each axis, **and** that cortex encloses: cortex
   within :data:`ENCLOSED_MM` (30 mm) in at least :data:`ENCLOSED_SIDES` (5) of
   the six directions along the grid's axes (all but one side). That is the trabecular
   interior of a clivus, a sphenoid or a vertebral body, whose cortex rim is too
   far from its core for the growth (3) to reach. No 7 mm cube fits in an
   artery of ≤ 9.9 mm (7 mm × √2); one does fit in an aortic arch, a CCA, an
   ectatic basilar or a giant aneurysm, but these are not enclosed by cortex:
   touching it (a basilar against the clivus) is not enough.
3. *Bounded growth*: voxels ≥ :data:`GROW_HU` (300 HU) within
   :data:`GROW_MM` (2.5 mm, Euclidean, on the voxel grid) of a seed (1 or 2):
   the diploë between the tables and the partial-volume rim of the cortex.
   A vessel is never followed: the growth stops at 2.5 mm whatever is connected.
4. *Large components only*: 6-connected components of seeds and growth of at
   least :data:`MIN_BONE_ML` (5 mL). The skull, the skull base and each
   vertebra are large; a dense calcified plaque is small and stays.

Vessels within 2.5 mm of the cortex (the petrous and cavernous carotid, the
vertebral arteries in their foramina) go with the bone; the circle of Willis
and the M1–M2 segments, farther from it, stay whatever their HU below
:data:`CORTEX_HU`, and so does a bright vessel or aneurysm wider than 7 mm
unless cortex surrounds it on five sides (limits: docs/bone-removal.md).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkImagingMorphological import vtkImageConnectivityFilter

from viewer.vtkbridge import image_from_array

#: Cortical bone: brighter than any arterial contrast (≈ 200–900 HU, rarely 1000).
CORTEX_HU: Final = 1150.0
#: Trabecular bone that seeds only where it is thick (:data:`THICK_MM`).
THICK_BONE_HU: Final = 500.0
#: The width (voxel centre to voxel centre) of the cube that thick bone must hold;
#: wider than any artery (an ICA is ≤ 6 mm across).
THICK_MM: Final = 7.0
#: Growth from the seeds: voxels at least this bright ...
GROW_HU: Final = 300.0
#: ... and at most this far (mm, Euclidean) from a seed.
GROW_MM: Final = 2.5
#: Thick bone seeds only where cortex encloses it: cortex within this distance (mm)
#: along at least :data:`ENCLOSED_SIDES` of the six directions of the grid's axes.
ENCLOSED_MM: Final = 30.0
ENCLOSED_SIDES: Final = 5
MIN_BONE_ML: Final = 5.0
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


def reach(mask: npt.NDArray[np.bool_], axis: int, r: int, forward: bool) -> npt.NDArray[np.bool_]:
    """``out[x]``: any of ``mask[x .. x + r]`` along ``axis`` (``forward``), else any of
    ``mask[x - r .. x]``; outside the image counts as unset. In log2(r + 1) passes."""
    work = mask.copy()
    covered, length = 1, r + 1
    while covered < length:
        step = min(covered, length - covered)
        head = [slice(None)] * 3
        tail = [slice(None)] * 3
        head[axis], tail[axis] = slice(0, -step), slice(step, None)
        if forward:
            work[tuple(head)] |= work[tuple(tail)]
        else:
            work[tuple(tail)] |= work[tuple(head)]
        covered += step
    return work


def enclosed(
    cortex: npt.NDArray[np.bool_],
    spacing_kji: tuple[float, float, float],
    mm: float = ENCLOSED_MM,
    sides: int = ENCLOSED_SIDES,
) -> npt.NDArray[np.bool_]:
    """Voxels with ``cortex`` within ``mm`` (the voxel itself included) in at least
    ``sides`` of the six directions along the grid's axes (+k, -k, +j, -j, +i, -i)."""
    count = np.zeros(cortex.shape, dtype=np.uint8)
    for axis, s in enumerate(spacing_kji):
        r = int(mm / s + 1e-6)
        count += reach(cortex, axis, r, forward=True)
        count += reach(cortex, axis, r, forward=False)
    return np.greater_equal(count, sides)


def erode(mask: npt.NDArray[np.bool_], radius: tuple[int, int, int]) -> npt.NDArray[np.bool_]:
    """Binary erosion by a box of ``radius`` voxels per axis (the image's edge counts as set)."""
    return ~dilate(~mask, radius)


def _radius(mm: float, spacing_kji: tuple[float, float, float]) -> tuple[int, int, int]:
    k, j, i = (int(np.ceil(mm / s - 1e-6)) for s in spacing_kji)
    return k, j, i


def ball_boxes(mm: float, spacing_kji: tuple[float, float, float]) -> list[tuple[int, int, int]]:
    """The maximal boxes (half-widths in voxels along k, j, i) whose corners lie within
    ``mm`` of the centre: their union is exactly the ball of radius ``mm`` on the grid
    (each grid offset in the ball is inside the box of its absolute values)."""
    sk, sj, si = spacing_kji
    limit = mm * mm + 1e-6
    boxes = []
    for a in range(int(mm / sk + 1e-6) + 1):
        for b in range(int(mm / sj + 1e-6) + 1):
            rest = limit - (a * sk) ** 2 - (b * sj) ** 2
            if rest >= 0.0:
                boxes.append((a, b, int(np.sqrt(rest) / si)))
    return [
        box
        for box in boxes
        if not any(o != box and all(p >= q for p, q in zip(o, box, strict=True)) for o in boxes)
    ]


def dilate_ball(
    mask: npt.NDArray[np.bool_], mm: float, spacing_kji: tuple[float, float, float]
) -> npt.NDArray[np.bool_]:
    """Binary dilation by the ball of radius ``mm`` (Euclidean, voxel centres): the
    union of the separable dilations by :func:`ball_boxes`. A dilation of a union is
    the union of the dilations, so the passes along k and j are shared, and the boxes
    with the same half-width along i take one pass along i together."""
    along_k: dict[int, npt.NDArray[np.bool_]] = {}
    by_i: dict[int, npt.NDArray[np.bool_]] = {}
    for a, b, c in ball_boxes(mm, spacing_kji):
        if a not in along_k:
            along_k[a] = dilate(mask, (a, 0, 0))
        kj = dilate(along_k[a], (0, b, 0))
        if c in by_i:
            by_i[c] |= kj
        else:
            by_i[c] = kj
    out = np.zeros_like(mask)
    for c, union in by_i.items():
        out |= dilate(union, (0, 0, c))
    return out


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
    cortex_hu: float = CORTEX_HU,
    min_ml: float = MIN_BONE_ML,
    grow_mm: float = GROW_MM,
) -> npt.NDArray[np.bool_]:
    """Voxels of bone (and up to ``grow_mm`` of bright rim) in a CT ``[k, j, i]`` array
    in HU (the rule in the module's docstring).

    ``spacing_mm`` is the voxel size along (i, j, k) (columns, rows, slices),
    as :attr:`viewer.volume.Volume.spacing`.
    """
    if array.ndim != 3:
        raise ValueError("expected a 3-D array")
    si, sj, sk = (float(s) for s in spacing_mm)
    spacing_kji = (sk, sj, si)
    cortex = np.greater_equal(array, cortex_hu)
    seeds = cortex.copy()
    dense = np.greater_equal(array, THICK_BONE_HU)
    half = _radius(THICK_MM / 2.0, spacing_kji)  # centres of 2r + 1 voxels span ≥ THICK_MM
    thick = dilate(erode(dense, half), half)  # the opening stays inside ``dense``
    if thick.any():
        # enclosed by cortex: looked up only around the thick voxels (± ENCLOSED_MM)
        lo, hi = [], []
        for axis, s in enumerate(spacing_kji):
            along = np.flatnonzero(thick.any(axis=tuple(a for a in range(3) if a != axis)))
            r = int(ENCLOSED_MM / s + 1e-6)
            lo.append(max(0, int(along[0]) - r))
            hi.append(min(thick.shape[axis], int(along[-1]) + r + 1))
        box = tuple(slice(a, b) for a, b in zip(lo, hi, strict=True))
        seeds[box] |= thick[box] & enclosed(cortex[box], spacing_kji)
    if not seeds.any():
        return seeds
    near = dilate_ball(seeds, grow_mm, spacing_kji)
    near &= np.greater_equal(array, GROW_HU)
    near |= seeds
    min_voxels = int(np.ceil(min_ml * 1000.0 / (si * sj * sk)))
    return large_components(near, min_voxels)


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
