"""Opening a folder (a CD, a download) progressively, like a case from the hub.

Synchronous and Qt-free (STYLE.md point 6): :func:`scan_folder` reads the
headers and plans every series (whole volumes, every slice "not loaded");
:func:`load_pixels` then reads the pixel data slice by slice, middle of each
volume first, and hands each decoded slice over as a fresh numpy array
through the same :class:`~app.retrieve.case.RetrievalCallbacks` as retrieval from
the hub. Uncompressed little-endian pixel data, located by the scan
(:mod:`viewer.native_pixels`), is read straight from its file into the new
array, as :meth:`viewer.dicom_folder.Series.assemble` does; anything else
(compressed, a Modality LUT, a file changed since the scan) is read again and
decoded by pydicom. The GUI runs it in a worker thread and copies the slices into the
volumes on its own thread (:mod:`app.ui.viewer.feed`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from pydicom.dataset import Dataset
from pydicom.pixels import apply_modality_lut, pixel_array

from app.retrieve.decode import modality_values
from app.retrieve.model import RetrievalCallbacks, SeriesResult, SeriesStatus, SeriesVolumes
from viewer.assembly import NotAVolume, VolumePlan, banner_of
from viewer.dicom_folder import Series, UnreadableFile, read_folder
from viewer.frames import FrameHeader
from viewer.native_pixels import (
    PixelDataLocation,
    integral_intercept,
    read_frame,
    read_frame_as_int16,
)
from viewer.notes import note
from viewer.slice_fill import ValuesOutOfRange
from viewer.volume import PatientBanner


class EmptyFolder(ValueError):
    """The path holds no DICOM image (the message says so in words)."""


@dataclass
class FolderSeries:
    """One series of the folder: its files, its plan (volumes not loaded yet)."""

    series: Series
    planned: SeriesVolumes
    label: str
    kind: str
    banner: PatientBanner
    warnings: list[str] = field(default_factory=list)

    @property
    def series_uid(self) -> str:
        return self.series.series_instance_uid


@dataclass
class FolderContents:
    series: list[FolderSeries]
    warnings: list[str]  # files skipped, with why (basenames only)

    @property
    def skipped_files(self) -> int:
        return sum(1 for w in self.warnings if w.startswith("skipped "))


def series_label(series: Series) -> str:
    """``"series 3 (CT)"``: names a series without its free-text description."""
    number = f" {series.series_number}" if series.series_number is not None else ""
    modality = f" ({series.modality})" if series.modality else ""
    return f"series{number}{modality}"


def scan_folder(path: str | os.PathLike[str]) -> FolderContents:
    """Headers of every file, grouped and planned; :class:`EmptyFolder` when nothing is DICOM."""
    root = Path(path)
    if not root.exists():
        raise EmptyFolder(f"{root} does not exist")
    scan = read_folder(root)
    if not scan.series:
        skipped = sum(1 for w in scan.warnings if w.startswith("skipped "))
        detail = f" ({skipped} file(s) skipped: not DICOM or unreadable)" if skipped else ""
        raise EmptyFolder(f"no DICOM images under {root}{detail}")
    found = []
    for series in scan.series:
        uid = series.series_instance_uid
        try:
            plan = series.plan()
        except NotAVolume as error:
            planned = SeriesVolumes(uid, None, [], list(error.parts), error.reason)
            kind = error.parts[0].kind if error.parts else "other"
            warnings = list(error.warnings)
        else:
            volumes = [v.new_volume() for v in plan.volumes]
            planned = SeriesVolumes(uid, plan, volumes, list(plan.not_volumes))
            kind = plan.volumes[0].kind
            warnings = list(plan.warnings)
        banner = banner_of(series.headers[0])
        found.append(FolderSeries(series, planned, series_label(series), kind, banner, warnings))
    return FolderContents(found, list(scan.warnings))


def middle_out(count: int) -> list[int]:
    """0..count-1 from the middle outwards: the first image shown is the middle one."""
    middle = count // 2
    order = [middle]
    for step in range(1, count):
        for k in (middle + step, middle - step):
            if 0 <= k < count and len(order) < count:
                order.append(k)
    return order


def load_pixels(
    contents: FolderContents,
    callbacks: RetrievalCallbacks,
    cancel: threading.Event,
    *,
    order: Sequence[str] = (),
    first_volumes: dict[str, int] | None = None,
) -> None:
    """Read every slice, series in ``order`` (UIDs) first, each volume middle first.

    ``first_volumes`` names, per series, the volume index to fill first (the
    one on screen). Each slice is decoded into a new array and handed to
    ``callbacks.on_slice``; 2-D images to ``on_other_image``. Stops when
    ``cancel`` is set (the series then ends CANCELED).
    """
    rank = {uid: n for n, uid in enumerate(order)}
    todo = sorted(contents.series, key=lambda s: rank.get(s.series_uid, len(rank)))
    for entry in todo:
        result = _load_series(entry, callbacks, cancel, (first_volumes or {}).get(entry.series_uid))
        if callbacks.on_series_done is not None:
            callbacks.on_series_done(entry.series_uid, result)


def _load_series(
    entry: FolderSeries,
    callbacks: RetrievalCallbacks,
    cancel: threading.Event,
    first_volume: int | None,
) -> SeriesResult:
    uid = entry.series_uid
    planned = entry.planned
    result = SeriesResult(uid, expected=entry.series.instances)
    reader = _InstanceReader(entry.series)
    places = list(_places(planned, first_volume))
    frames_2d = [f for part in planned.not_volumes for f in part.frames]
    total = len(places) + len(frames_2d)
    done = 0
    for v, k, source in places:
        if cancel.is_set():
            result.status = SeriesStatus.CANCELED
            return result
        plan = planned.plan.volumes[v] if planned.plan is not None else None
        assert plan is not None
        try:
            values = _slice_values(reader, source, plan)
        except Exception as error:  # undecodable: the slice stays "not loaded"
            result.warnings.append(note("not_decoded_short", file=source.source, problem=error))
            result.missing.append(source.source)
        else:
            if callbacks.on_slice is not None:
                callbacks.on_slice(uid, v, k, values)
        done += 1
        if callbacks.on_progress is not None:
            callbacks.on_progress(uid, done, total)
    for header in frames_2d:
        if cancel.is_set():
            result.status = SeriesStatus.CANCELED
            return result
        try:
            ds = reader.get(header.dataset_index)
            pixels = pixel_array(ds, index=header.frame)
        except Exception as error:
            result.warnings.append(note("not_decoded_short", file=header.source, problem=error))
            result.missing.append(header.source)
        else:
            # A classic multi-frame instance (no per-frame geometry) gives all its frames.
            frames = (
                [pixels] if header.frame is not None or header.number_of_frames <= 1 else pixels
            )
            first = header.frame or 0
            for n, frame in enumerate(frames):
                if callbacks.on_other_image is not None:
                    callbacks.on_other_image(uid, header.sop_instance_uid, first + n, frame)
        done += 1
        if callbacks.on_progress is not None:
            callbacks.on_progress(uid, done, total)
    result.received = entry.series.instances - len(result.missing)
    result.status = SeriesStatus.INCOMPLETE if result.missing else SeriesStatus.COMPLETE
    return result


def _places(
    planned: SeriesVolumes, first_volume: int | None
) -> Iterator[tuple[int, int, FrameHeader]]:
    """(volume, slice, source) for every slice, the volume on screen first, middle first."""
    if planned.plan is None:
        return
    indices = list(range(len(planned.plan.volumes)))
    if first_volume is not None and first_volume in indices:
        indices.remove(first_volume)
        indices.insert(0, first_volume)
    for v in indices:
        sources = planned.plan.volumes[v].sources
        for k in middle_out(len(sources)):
            source = sources[k]
            if source is not None:
                yield v, k, source


def _slice_values(
    reader: _InstanceReader, source: FrameHeader, plan: VolumePlan
) -> npt.NDArray[Any]:
    """Modality values of one slice: int16 when they fit the plan, else float32.

    Straight from the file where the scan located uncompressed pixel data,
    else decoded by pydicom; the values are the same either way.
    """
    location = reader.location(source.dataset_index)
    if location is not None and not source.has_modality_lut:
        try:
            return _values_from_file(location, source, plan)
        except (OSError, ValueError):
            pass  # e.g. the file changed since the scan: pydicom reads it again
    ds = reader.get(source.dataset_index)
    stored = pixel_array(ds, index=source.frame)
    if source.has_modality_lut:
        values = np.asarray(apply_modality_lut(stored, ds))
        integral = np.array_equal(values, np.rint(values))
        if plan.dtype == np.int16 and integral and -32768 <= values.min() <= values.max() <= 32767:
            return values.astype(np.int16)
        return values.astype(np.float32)
    return _rescaled(stored, source, plan)


def _values_from_file(
    location: PixelDataLocation, source: FrameHeader, plan: VolumePlan
) -> npt.NDArray[Any]:
    """:func:`_slice_values` of uncompressed pixel data, read into a new array.

    (0028,1053) Rescale Slope 1 and an integral (0028,1052) Rescale Intercept
    into int16 are applied in place, without a float copy; anything else goes
    through :func:`~app.retrieve.decode.modality_values`. Raises ``OSError``
    (:class:`~viewer.native_pixels.StaleFile` included) or ``ValueError``
    when the file is not as scanned.
    """
    if (location.rows, location.columns) != (source.rows, source.columns):
        raise ValueError(f"{source.source}: pixel data size differs from the header's")
    intercept = integral_intercept(source.rescale)
    if plan.dtype != np.int16 or intercept is None or location.bits_allocated != 16:
        return _rescaled(read_frame(location, source.frame), source, plan)
    values = np.empty((location.rows, location.columns), dtype=np.int16)
    if read_frame_as_int16(location, source.frame, values, intercept):
        return values
    return modality_values(values.view(location.dtype), source, np.float32)  # stored values


def _rescaled(stored: npt.NDArray[Any], source: FrameHeader, plan: VolumePlan) -> npt.NDArray[Any]:
    try:
        return modality_values(stored, source, plan.dtype)
    except ValuesOutOfRange:
        return modality_values(stored, source, np.float32)


class _InstanceReader:
    """Reads instances with pixels, keeping the last one (frames of a multi-frame)."""

    def __init__(self, series: Series) -> None:
        self.series = series
        self._index = -1
        self._dataset: Dataset | None = None

    def location(self, index: int) -> PixelDataLocation | None:
        """Where the scan found the instance's uncompressed pixel data, if it did."""
        return self.series.pixel_locations.get(self.series.paths[index])

    def get(self, index: int) -> Dataset:
        if index != self._index or self._dataset is None:
            try:
                self._dataset = self.series.read_instance(index)
            except UnreadableFile:
                self._dataset = None
                raise
            self._index = index
        return self._dataset
