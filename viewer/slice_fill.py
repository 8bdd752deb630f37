"""Filling a planned volume, one slice at a time: decode, rescale, store, mark loaded.

Step 2 of :mod:`viewer.assembly`: after :meth:`~viewer.assembly.VolumePlan.new_volume`,
:func:`fill_slice` (or :func:`fill_instance`, :func:`store_pixels` for decoded frames,
:func:`fill_slice_from_file` for uncompressed pixels in a file) per received instance.
Each slice is rescaled on its own into the preallocated array, so no float64 copy of a
whole volume ever exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from pydicom.dataset import Dataset
from pydicom.pixels import apply_modality_lut, pixel_array

from viewer.frames import FrameHeader
from viewer.native_pixels import (
    PixelDataLocation,
    integral_intercept,
    read_frame,
    read_frame_as_int16,
)
from viewer.volume import NOT_LOADED_VALUE, Volume

if TYPE_CHECKING:
    from viewer.assembly import VolumePlan

__all__ = [
    "ValuesOutOfRange",
    "fill_instance",
    "fill_slice",
    "fill_slice_from_file",
    "store_pixels",
]


_INT16 = np.iinfo(np.int16)


class ValuesOutOfRange(ValueError):
    """A slice's modality values do not fit the planned int16 voxels."""


def fill_slice(volume: Volume, plan: VolumePlan, index: int, dataset: Dataset) -> None:
    """Decode slice ``index`` from its instance, rescale it, store it, mark it loaded.

    ``dataset`` must be the instance the plan names for that slice (checked by
    (0008,0018) SOP Instance UID), with its pixel data. The modality
    transformation is pydicom's ``apply_modality_lut`` with this frame's
    (0028,1053) Rescale Slope / (0028,1052) Rescale Intercept (per-frame for
    enhanced instances), one slice at a time. Raises :class:`ValuesOutOfRange`
    when int16 voxels cannot hold the values (plan again with
    ``float32=True``), ``ValueError`` for a wrong instance or size, and
    pydicom's errors for undecodable pixel data; the slice then stays not
    loaded.
    """
    source = _source(plan, index)
    if str(dataset.get("SOPInstanceUID", "")) != source.sop_instance_uid:
        raise ValueError(f"slice {index} comes from another instance than {source.source}")
    store_pixels(volume, plan, index, pixel_array(dataset, index=source.frame), dataset)


def store_pixels(
    volume: Volume,
    plan: VolumePlan,
    index: int,
    pixels: npt.NDArray[Any],
    header: Dataset | None = None,
) -> None:
    """Rescale already decoded stored values of slice ``index``, store them, mark it loaded.

    For retrieval that gets frames rather than instances (WADO-RS frames).
    ``header`` (the instance's header) is needed only when it has a
    (0028,3000) Modality LUT Sequence; the rescale comes from the plan.
    Raises like :func:`fill_slice`.
    """
    source = _source(plan, index)
    if pixels.shape != (source.rows, source.columns):
        raise ValueError(
            f"{source.source}: decoded pixel data has shape {pixels.shape}, "
            f"expected {(source.rows, source.columns)}"
        )
    if source.has_modality_lut and header is None:
        raise ValueError(f"{source.source}: the Modality LUT needs the instance header")
    values = apply_modality_lut(pixels, _modality_dataset(source, header))
    target = volume.array
    if target.dtype == np.int16:
        low, high = float(values.min()), float(values.max())
        if low < _INT16.min or high > _INT16.max:
            raise ValuesOutOfRange(
                f"{source.source}: values {low:g}..{high:g} do not fit int16 voxels"
            )
        if pixels.dtype.kind == "f" and not np.array_equal(values, np.rint(values)):
            raise ValuesOutOfRange(f"{source.source}: non-integral values in int16 voxels")
    target[index] = values
    assert volume.loaded is not None
    volume.loaded[index] = True


def fill_slice_from_file(
    volume: Volume,
    plan: VolumePlan,
    index: int,
    location: PixelDataLocation,
    header: Dataset | None = None,
) -> None:
    """:func:`fill_slice` from the file where the plan's instance keeps uncompressed pixels.

    ``location``: :func:`viewer.native_pixels.locate_pixel_data`. Rescale
    Slope 1 and an integral Rescale Intercept (or none) into int16 voxels are
    applied in place (exactly ``apply_modality_lut``'s values); anything else
    goes through :func:`store_pixels`. Raises like :func:`fill_slice`, or
    :class:`~viewer.native_pixels.StaleFile`; the slice then stays not loaded.
    """
    source = _source(plan, index)
    if (location.rows, location.columns) != (source.rows, source.columns):
        raise ValueError(f"{source.source}: pixel data size differs from the header's")
    target = volume.array
    intercept = None if source.has_modality_lut else integral_intercept(source.rescale)
    if target.dtype != np.int16 or intercept is None or location.bits_allocated != 16:
        store_pixels(volume, plan, index, read_frame(location, source.frame), header)
        return
    try:
        fits = read_frame_as_int16(location, source.frame, target[index], intercept)
    except BaseException:
        target[index] = NOT_LOADED_VALUE
        raise
    if not fits:
        stored = target[index].view(location.dtype)
        low, high = int(stored.min()) + intercept, int(stored.max()) + intercept
        target[index] = NOT_LOADED_VALUE
        raise ValuesOutOfRange(f"{source.source}: values {low:g}..{high:g} do not fit int16 voxels")
    assert volume.loaded is not None
    volume.loaded[index] = True


def _source(plan: VolumePlan, index: int) -> FrameHeader:
    source = plan.sources[index]
    if source is None:
        raise ValueError(f"slice {index} is missing from the series")
    return source


def fill_instance(volume: Volume, plan: VolumePlan, dataset: Dataset) -> list[int]:
    """Fill every slice of ``plan`` that comes from this instance; returns their indices."""
    slices = plan.slices_of(str(dataset.get("SOPInstanceUID", "")))
    for index in slices:
        fill_slice(volume, plan, index, dataset)
    return slices


def _modality_dataset(source: FrameHeader, dataset: Dataset | None) -> Dataset:
    """What ``apply_modality_lut`` reads for this frame: its own rescale, or the LUT."""
    if source.has_modality_lut and dataset is not None:
        return dataset
    holder = Dataset()
    if source.rescale is not None:
        holder.RescaleSlope, holder.RescaleIntercept = source.rescale
    return holder
