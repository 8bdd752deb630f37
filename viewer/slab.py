"""Slab projections and "not loaded" masks in voxel-index space (numpy, no VTK).

Two pieces of plane arithmetic the MPR views need on the CPU:

* :func:`aligned_axis` / :func:`slab_range` / :func:`project_slab`: when a
  view's normal runs along one voxel-index axis (the usual case: axial view of
  an axial acquisition), a thick-slab MIP / MinIP / mean is a plain reduction
  over whole voxel slices — an order of magnitude faster than resampling
  every sample of the slab. Oblique planes and gantry-tilted volumes go
  through VTK's slab resampling instead.
* :func:`unloaded_mask`: which pixels of a resliced plane read any slice whose
  ``Volume.loaded`` flag is False, so that they are drawn as "not loaded",
  never as zeros.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

#: numpy array axis for each voxel-index axis (i=column, j=row, k=slice).
ARRAY_AXIS = (2, 1, 0)


def aligned_axis(index_per_mm: npt.ArrayLike, *, tolerance: float = 1e-6) -> int | None:
    """The voxel-index axis (0=i, 1=j, 2=k) a direction runs along, or None.

    ``index_per_mm`` is how the fractional voxel index changes per mm along the
    direction (inverse affine × unit normal).
    """
    m = np.abs(np.asarray(index_per_mm, dtype=np.float64))
    axis = int(np.argmax(m))
    others = np.delete(m, axis)
    if m[axis] == 0 or np.any(others > tolerance * m[axis]):
        return None
    return axis


def plane_axis(
    index_from_lps: npt.ArrayLike,
    right: npt.ArrayLike,
    up: npt.ArrayLike,
    *,
    tolerance: float = 1e-6,
) -> int | None:
    """The voxel-index axis (0=i, 1=j, 2=k) that is constant over a plane, or None.

    True when the plane spanned by ``right`` and ``up`` (LPS unit vectors) is a
    plane of voxel centres, e.g. an axial view of an axial acquisition; false
    for an oblique plane or a true axial plane through gantry-tilted images.
    """
    rows = np.asarray(index_from_lps, dtype=np.float64)[:3, :3]
    r = np.asarray(right, dtype=np.float64)
    u = np.asarray(up, dtype=np.float64)
    for axis in range(3):
        g = rows[axis]
        scale = float(np.linalg.norm(g))
        if abs(float(g @ r)) <= tolerance * scale and abs(float(g @ u)) <= tolerance * scale:
            return axis
    return None


def slab_range(centre: float, half_width: float, size: int) -> tuple[int, int] | None:
    """Voxel indices ``lo..hi`` (inclusive) whose centres lie within ``centre ± half_width``.

    A slab thinner than one voxel keeps the nearest voxel; None when the slab
    lies wholly outside ``0..size-1``.
    """
    eps = 1e-6
    lo = math.ceil(centre - half_width - eps)
    hi = math.floor(centre + half_width + eps)
    if lo > hi:
        lo = hi = round(centre)
    lo, hi = max(lo, 0), min(hi, size - 1)
    if lo > hi:
        return None
    return (lo, hi)


def project_slab(
    array: npt.NDArray[np.generic], axis: int, lo: int, hi: int, mode: str
) -> npt.NDArray[np.generic]:
    """MIP (``"mip"``), MinIP (``"minip"``) or mean of voxel slices ``lo..hi`` along index ``axis``.

    Returns a 2-D C-contiguous array with the two remaining array axes in
    order; max/min keep the volume's dtype, the mean is float32.
    """
    if mode not in ("mip", "minip", "mean"):
        raise ValueError(f"unknown slab mode {mode!r}")
    a_axis = ARRAY_AXIS[axis]
    index: list[slice] = [slice(None)] * 3
    index[a_axis] = slice(lo, hi + 1)
    sub = array[tuple(index)]
    if a_axis == 2:
        # Along the fastest axis numpy's reduction is slow; halve pairwise instead.
        return np.ascontiguousarray(_pairwise(sub, mode))
    if mode == "mip":
        out = sub.max(axis=a_axis)
    elif mode == "minip":
        out = sub.min(axis=a_axis)
    else:
        out = np.add.reduce(sub, axis=a_axis, dtype=np.float32) / np.float32(hi - lo + 1)
    return np.ascontiguousarray(out)


def thin_slice(array: npt.NDArray[Any], axis: int, centre: float) -> npt.NDArray[Any] | None:
    """The plane at fractional voxel index ``centre`` along index ``axis``, linearly
    interpolated between the two nearest voxel slices (float32 then), or None outside.

    Returns a 2-D C-contiguous array with the two remaining array axes in order.
    """
    a_axis = ARRAY_AXIS[axis]
    n = array.shape[a_axis]
    if not -0.5 <= centre <= n - 0.5:
        return None
    c = min(max(centre, 0.0), n - 1.0)
    i0 = math.floor(c)
    f = c - i0

    def take(i: int) -> npt.NDArray[Any]:
        index: list[int | slice] = [slice(None)] * 3
        index[a_axis] = i
        return array[tuple(index)]

    if f < 1e-3 or i0 == n - 1:
        return np.ascontiguousarray(take(i0))
    if f > 1.0 - 1e-3:
        return np.ascontiguousarray(take(i0 + 1))
    if a_axis == 2:
        # Both neighbours share cache lines along the fastest axis: gather them in one pass.
        pair = _column_pair(array, i0)
        first, second = pair[..., 0], pair[..., 1]
    else:
        first, second = take(i0), take(i0 + 1)
    out = first.astype(np.float32)
    out *= np.float32(1.0 - f)
    out += np.float32(f) * second
    return out


def _column_pair(array: npt.NDArray[Any], i: int) -> npt.NDArray[Any]:
    """``array[:, :, i:i+2]`` as a C-contiguous copy.

    Copied as one two-voxel item per row: numpy then runs one tight strided
    loop instead of a ``memcpy`` call per row (twice as fast on a volume).
    """
    sub = array[:, :, i : i + 2]
    try:
        items = sub.view(np.dtype((np.void, 2 * array.itemsize)))
    except ValueError:  # the two voxels are not adjacent in memory
        return np.ascontiguousarray(sub)
    return np.ascontiguousarray(items).view(array.dtype).reshape(sub.shape)


def _pairwise(sub: npt.NDArray[Any], mode: str) -> npt.NDArray[Any]:
    op: Callable[[npt.NDArray[Any], npt.NDArray[Any]], npt.NDArray[Any]]
    if mode == "mean":
        n = sub.shape[-1]
        b: npt.NDArray[Any] = sub.astype(np.float32)
        op = np.add
    elif mode in ("mip", "minip"):
        n = 0
        b = sub
        op = np.maximum if mode == "mip" else np.minimum
    else:
        raise ValueError(f"unknown slab mode {mode!r}")
    while b.shape[-1] > 1:
        w = b.shape[-1]
        h = w // 2
        m = op(b[..., :h], b[..., h : 2 * h])
        if w % 2:
            m[..., 0] = op(m[..., 0], b[..., -1])
        b = m
    out = b[..., 0]
    if n:
        out = out / np.float32(n)
    return out


def unloaded_mask(
    loaded: npt.NDArray[np.bool_],
    shape_kji: tuple[int, int, int],
    plane_to_index: npt.NDArray[np.float64],
    xs: npt.NDArray[np.float64],
    ys: npt.NDArray[np.float64],
    *,
    k_half_width: float,
    exact: bool = False,
) -> npt.NDArray[np.bool_] | None:
    """Pixels of a plane that read a not-loaded slice, or None when there is none.

    ``plane_to_index`` is the 4×4 matrix from plane coordinates (x right,
    y up, mm) to voxel index (i, j, k); ``xs``/``ys`` are the pixel centres;
    ``k_half_width`` is how far (in slices) the sample reaches along k on each
    side (half the slab, at least one slice for linear interpolation). The
    mask is ``(len(ys), len(xs))``, row 0 at ``ys[0]``; pixels outside the
    volume are never marked.

    ``exact``: the plane is drawn by the numpy path (:func:`thin_slice`,
    :func:`slab_range`); when it is also perpendicular to k, the mask marks
    exactly the slices those functions read, so an axial slice that has
    arrived shows at once even while its neighbours have not.
    """
    if loaded.all():
        return None
    n_k, n_j, n_i = shape_kji
    m = plane_to_index
    if exact and abs(m[2, 0]) < 1e-9 and abs(m[2, 1]) < 1e-9:
        read = _slices_read(float(m[2, 3]), k_half_width, n_k)
        if read is None or loaded[read[0] : read[1] + 1].all():
            return None
        gx, gy = xs[np.newaxis, :], ys[:, np.newaxis]
        i = m[0, 0] * gx + m[0, 1] * gy + m[0, 3]
        j = m[1, 0] * gx + m[1, 1] * gy + m[1, 3]
        full = (i > -0.5) & (i < n_i - 0.5) & (j > -0.5) & (j < n_j - 0.5)
        return full if full.any() else None
    gx, gy = xs[np.newaxis, :], ys[:, np.newaxis]
    i = m[0, 0] * gx + m[0, 1] * gy + m[0, 3]
    j = m[1, 0] * gx + m[1, 1] * gy + m[1, 3]
    k = m[2, 0] * gx + m[2, 1] * gy + m[2, 3]
    inside = (i > -0.5) & (i < n_i - 0.5) & (j > -0.5) & (j < n_j - 0.5)
    inside &= (k > -0.5) & (k < n_k - 0.5)
    lo = np.clip(np.floor(k - k_half_width), 0, n_k - 1).astype(np.intp)
    hi = np.clip(np.ceil(k + k_half_width), 0, n_k - 1).astype(np.intp)
    cum = np.concatenate(([0], np.cumsum(~loaded, dtype=np.intp)))
    mask = inside & ((cum[hi + 1] - cum[lo]) > 0)
    return mask if mask.any() else None


def _slices_read(k: float, half_width: float, n_k: int) -> tuple[int, int] | None:
    """The slices (inclusive) that :func:`slab_range` / :func:`thin_slice` read at ``k``."""
    if half_width > 0:
        return slab_range(k, half_width, n_k)
    if not -0.5 <= k <= n_k - 0.5:
        return None
    c = min(max(k, 0.0), n_k - 1.0)
    i0 = math.floor(c)
    f = c - i0
    if f < 1e-3 or i0 == n_k - 1:
        return (i0, i0)
    if f > 1.0 - 1e-3:
        return (i0 + 1, i0 + 1)
    return (i0, i0 + 1)


def hatch(mask: npt.NDArray[np.bool_], *, period: int = 12) -> npt.NDArray[np.uint8]:
    """The "not loaded" pattern: opaque diagonal amber / dark-blue stripes where ``mask``.

    Returns ``(rows, columns, 4)`` RGBA, transparent elsewhere.
    """
    rows, cols = mask.shape
    y, x = np.ogrid[:rows, :cols]
    stripe = ((x + y) // (period // 2)) % 2 == 0
    rgba = np.zeros((rows, cols, 4), dtype=np.uint8)
    rgba[mask & stripe] = HATCH_COLOURS[0]
    rgba[mask & ~stripe] = HATCH_COLOURS[1]
    return rgba


#: The two colours of the "not loaded" hatch, RGBA.
HATCH_COLOURS: tuple[tuple[int, int, int, int], tuple[int, int, int, int]] = (
    (255, 170, 0, 255),
    (30, 40, 110, 255),
)
