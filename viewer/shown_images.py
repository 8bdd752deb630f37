"""Which acquired images a view shows: what a key image references (no VTK, no Qt).

A key image must point at exactly what its capture shows. The view is one
sub-volume of a series (a DWI series holds b0 and b1000, a CTA several
phases, an enhanced multi-frame MR every echo in one instance); its
:class:`~viewer.assembly.VolumePlan` says which instance and frame fills
each slice (``VolumePlan.sources``). :func:`images_shown` follows the
drawing rules of :class:`viewer.slice_view.SliceView` to name the images a
view was made from:

* **native**: a thin plane along the slice axis through a slice centre
  (closer than :data:`SLICE_TOLERANCE` of a slice, where
  :func:`viewer.slab.thin_slice` takes that slice as it is), or a slab
  along it that holds one slice only (a 5 mm average of 5 mm slices), shows
  one acquired image: its instance and, for a multi-frame instance, its
  frame ((0008,1160) Referenced Frame Number, from 1);
* **derived** (the Secondary Capture is then the key image, and these are
  its sources): a thin plane between two slices (blended), a reformat
  (coronal, sagittal, oblique, or any plane through gantry-tilted slices),
  a slab (MIP / MinIP / mean) or the 3-D view. The sources are the
  sub-volume's images that the plane or slab intersects within the volume:
  whole-slice reductions take exactly the slices :func:`viewer.slab.slab_range`
  takes; resampled planes every slice within one slice of a sample
  (linear interpolation), the slab being ``mm`` thick as the state says.
  The 3-D view references every image of the sub-volume: the renderer reads
  them all, and the camera's crop is not tracked. That is the bound: the
  displayed sub-volume, never its sibling sub-volumes, at most one reference
  per slice of it (a few hundred for a thin CTA).

Slices missing from the series (gaps, hatched on screen) are never
referenced; a native view of a gap, or a plane outside the volume, shows no
image: :class:`NothingShown`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from viewer import slab
from viewer.assembly import VolumePlan
from viewer.frames import FrameHeader
from viewer.planes import MPR_VIEWS, plane_axes

#: A plane closer than this (fraction of a slice) to a slice centre shows that slice as it
#: is (:func:`viewer.slab.thin_slice` does not blend it with its neighbour).
SLICE_TOLERANCE = 1e-3
#: The 3-D view's name.
THREE_D = "3d"
SLAB_TITLES = {"mip": "MIP", "minip": "MinIP", "mean": "average"}


class NothingShown(ValueError):
    """The view shows no acquired image (outside the volume, or a gap in the series)."""


@dataclass(frozen=True)
class ShownImage:
    """One acquired image: an instance and, for a multi-frame instance, its frame."""

    sop_instance_uid: str
    sop_class_uid: str
    frame: int | None  # (0008,1160) Referenced Frame Number (from 1); None: single-frame
    slice_index: int  # in the sub-volume


@dataclass(frozen=True)
class ImagesShown:
    """What a view shows, as acquired images.

    ``native``: the view shows ``at_crosshair`` as acquired. Otherwise the
    view is derived from ``sources`` (``at_crosshair`` among them: the image
    of the slice nearest the crosshair).
    """

    view: str
    native: bool
    at_crosshair: ShownImage
    sources: tuple[ShownImage, ...]  # in slice order; native: ``at_crosshair`` alone
    reason: str  # "axial" / "coronal reformat" / "MIP 20 mm" / "3-D view" …

    @property
    def slices(self) -> list[int]:
        return [s.slice_index for s in self.sources]


def referenced_frame(source: FrameHeader) -> int | None:
    """(0008,1160) Referenced Frame Number of a slice's source: from 1 in a multi-frame
    instance (a classic multi-frame fills a volume slice with its first frame), else None."""
    if source.frame is None and source.number_of_frames <= 1:
        return None
    return (source.frame or 0) + 1


def images_shown(
    plan: VolumePlan,
    view: str,
    *,
    crosshair: npt.ArrayLike,
    rotation: npt.ArrayLike | None = None,
    slab_mode: str = "none",
    slab_mm: float = 0.0,
) -> ImagesShown:
    """The acquired images ``view`` ("axial", "coronal", "sagittal" or "3d") shows.

    ``crosshair`` (LPS mm), ``rotation`` (the oblique rotation) and the slab
    are the view's :class:`~viewer.model.ViewerState`. Raises
    :class:`NothingShown` when it shows none.
    """
    shape = plan.shape
    index_from_lps = np.linalg.inv(plan.affine)
    point = np.append(np.asarray(crosshair, dtype=np.float64), 1.0)
    at = (index_from_lps @ point)[:3]  # fractional (i, j, k) of the crosshair
    if view == THREE_D:
        return _derived(plan, view, range(shape[0]), float(at[2]), "3-D view")
    if view not in MPR_VIEWS:
        raise ValueError(f"unknown view {view!r}")
    right, up, normal = plane_axes(view, rotation)
    index_per_mm = index_from_lps[:3, :3] @ normal
    plane_axis = slab.plane_axis(index_from_lps, right, up)
    slab_axis = plane_axis if slab.aligned_axis(index_per_mm) == plane_axis else None
    thin = slab_mode == "none" or slab_mm <= 0
    sizes = (shape[2], shape[1], shape[0])  # along i, j, k
    every = range(shape[0])
    if thin and plane_axis == 2:
        read = _thin_slices(float(at[2]), shape[0])
        if len(read) == 1:
            return _native(plan, view, read[0])
        return _derived(plan, view, read, float(at[2]), f"{view} between two slices")
    if thin and plane_axis is not None:
        if not -0.5 <= at[plane_axis] <= sizes[plane_axis] - 0.5:
            raise NothingShown("the plane lies outside the volume")
        return _derived(plan, view, every, float(at[2]), f"{view} reformat")
    title = f"{SLAB_TITLES.get(slab_mode, slab_mode)} {slab_mm:g} mm"
    if not thin and slab_axis is not None:
        half = slab_mm / 2.0 * abs(float(index_per_mm[slab_axis]))
        found = slab.slab_range(float(at[slab_axis]), half, sizes[slab_axis])
        if found is None:
            raise NothingShown("the slab lies outside the volume")
        if slab_axis == 2 and found[0] == found[1]:
            return _native(plan, view, found[0])  # a slab of one slice is that slice as it is
        ks = range(found[0], found[1] + 1) if slab_axis == 2 else every
        return _derived(plan, view, ks, float(at[2]), f"{view} {title}")
    half_mm = 0.0 if thin else slab_mm / 2.0
    read = _resampled_slices(plan, normal, np.asarray(crosshair, dtype=np.float64), half_mm)
    what = f"{view} reformat" if thin else f"{view} {title}"
    return _derived(plan, view, read, float(at[2]), what)


def _thin_slices(k: float, count: int) -> list[int]:
    """The slice(s) a thin plane at fractional slice ``k`` reads, as :func:`slab.thin_slice`."""
    if not -0.5 <= k <= count - 0.5:
        raise NothingShown("the plane lies outside the volume")
    k = min(max(k, 0.0), count - 1.0)
    below = math.floor(k)
    fraction = k - below
    if fraction < SLICE_TOLERANCE or below == count - 1:
        return [below]
    if fraction > 1.0 - SLICE_TOLERANCE:
        return [below + 1]
    return [below, below + 1]


def _resampled_slices(
    plan: VolumePlan, normal: npt.NDArray[np.float64], origin: npt.NDArray[np.float64], half: float
) -> list[int]:
    """Slices within one slice of a sample of a resampled plane (or slab ``±half`` mm).

    Along the normal, a point of voxel index ``x`` lies ``s(x) = n·(A x + t − origin)``
    mm from the plane; it is linear in ``x``, so over each slice's support (the
    box of ``i``, ``j`` in the volume and ``k`` within one slice, half a voxel
    beyond the edges as VTK's reslice reads them) its range comes from the
    box's corners. A slice is read when that range meets ``[−half, +half]``.
    """
    count, rows, columns = plan.shape
    g = normal @ plan.affine[:3, :3]  # mm along the normal per index step (i, j, k)
    s0 = float(normal @ (plan.affine[:3, 3] - origin))
    low = s0
    high = s0
    for step, size in ((g[0], columns), (g[1], rows)):
        ends = (float(step) * -0.5, float(step) * (size - 0.5))
        low, high = low + min(ends), high + max(ends)
    found = []
    for k in range(count):
        first = -0.5 if k == 0 else k - 1 + SLICE_TOLERANCE
        last = count - 0.5 if k == count - 1 else k + 1 - SLICE_TOLERANCE
        ends = (float(g[2]) * first, float(g[2]) * last)
        if low + min(ends) <= half + 1e-9 and high + max(ends) >= -half - 1e-9:
            found.append(k)
    if not found:
        raise NothingShown("the plane lies outside the volume")
    return found


def _image(plan: VolumePlan, k: int) -> ShownImage | None:
    source = plan.sources[k]
    if source is None:
        return None
    return ShownImage(source.sop_instance_uid, source.sop_class_uid, referenced_frame(source), k)


def _native(plan: VolumePlan, view: str, k: int) -> ImagesShown:
    image = _image(plan, k)
    if image is None:
        raise NothingShown("no image at this position: a gap in the series")
    return ImagesShown(view, True, image, (image,), view)


def _derived(
    plan: VolumePlan, view: str, ks: Sequence[int] | range, k_crosshair: float, reason: str
) -> ImagesShown:
    images = [image for k in ks if (image := _image(plan, k)) is not None]
    if not images:
        raise NothingShown("no image of the series in this view: only gaps")
    nearest = min(
        images, key=lambda image: (abs(image.slice_index - k_crosshair), image.slice_index)
    )
    return ImagesShown(view, False, nearest, tuple(images), reason)
