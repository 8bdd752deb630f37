"""Volume assembly: DICOM datasets → :class:`~viewer.volume.Volume` objects + warnings.

Two steps, so that retrieval can show a volume while its slices arrive:

1. :func:`plan_series` — headers only. Splits the series into sub-volumes
   (b-values, echoes, image types, time points: :mod:`viewer.splitting`),
   orders each one's slices along the normal of (0020,0037) Image Orientation
   (Patient), fits them on a regular grid (:mod:`viewer.geometry`), detects
   duplicates, gaps, uneven spacing and gantry tilt, and chooses the voxel
   type. What cannot be a volume (a single image, a localizer, a colour
   secondary capture, uneven spacing…) is kept as a :class:`NotVolumePart`
   for the 2-D viewer; when nothing is a volume, :class:`NotAVolume` says why.
2. :meth:`VolumePlan.new_volume` then :func:`viewer.slice_fill.fill_slice` (or
   :func:`~viewer.slice_fill.fill_instance`) per received instance: each slice
   is decoded and rescaled on its own into the preallocated array, so no
   float64 copy of a whole volume ever exists.

:func:`assemble_series` does both for datasets already at hand.

Missing slices (a gap on the regular grid) and slices not yet received hold
:data:`~viewer.volume.NOT_LOADED_VALUE` and are flagged False in
``Volume.loaded``: the renderer draws them as visibly not loaded, never as a
continuous image.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from pydicom.dataset import Dataset

from viewer.classify import Classification, classify_series
from viewer.frames import FrameHeader, banner_of, frames_of
from viewer.geometry import (
    REGULAR_FRACTION,
    IrregularGeometry,
    affine_of,
    fit_slice_grid,
    orientation_of,
)
from viewer.image2d import order_images
from viewer.native_pixels import (
    PixelDataLocation,
    in_threads,
    voxel_array,
)
from viewer.notes import joined, labelled, note
from viewer.slice_fill import ValuesOutOfRange, fill_slice, fill_slice_from_file
from viewer.splitting import (
    FramePart,
    label_parts,
    split_by_content,
    split_by_geometry,
    split_by_time,
)
from viewer.stack_checks import (
    drop_duplicates,
    needs_float,
    rescale_warnings,
    screen_images,
    tilt_warnings,
)
from viewer.volume import NOT_LOADED_VALUE, PatientBanner, Volume


class NotAVolume(ValueError):
    """The series holds no volume; ``reason`` says why, ``parts`` what it holds."""

    def __init__(
        self,
        reason: str,
        parts: Sequence[NotVolumePart] = (),
        warnings: Sequence[str] = (),
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.parts = list(parts)
        self.warnings = list(warnings)


@dataclass(frozen=True)
class Tolerances:
    """How far DICOM geometry may stray before it is reported (docs/geometry.md)."""

    position_mm: float = 0.01  # closer along the normal: the same position (duplicates, 4-D)
    spacing: float = REGULAR_FRACTION  # off the fitted grid, as a fraction of a voxel
    orientation: float = 1e-4  # per direction cosine


@dataclass
class NotVolumePart:
    """Images of a series that are not a volume, for the 2-D viewer."""

    label: str
    reason: str
    # in display order (viewer.image2d.arrange: along the normal of the main orientation,
    # then other orientations, then by (0020,0013) Instance Number; ``by_position``: any by it)
    frames: list[FrameHeader]
    classification: Classification
    by_position: bool = False

    @property
    def kind(self) -> str:
        return str(self.classification.kind)

    @property
    def images(self) -> int:
        return len(self.frames)


@dataclass
class VolumePlan:
    """Geometry and metadata of one volume, from headers only (no pixels)."""

    label: str
    shape: tuple[int, int, int]  # (slices, rows, columns)
    affine: npt.NDArray[np.float64]
    dtype: type[np.int16] | type[np.float32]
    sources: list[FrameHeader | None]  # per slice; None = missing from the series
    classification: Classification
    time_s: float | None = None  # seconds from the first time point of a 4-D series
    tilt_deg: float = 0.0
    warnings: list[str] = field(default_factory=list)
    series_instance_uid: str = ""
    frame_of_reference_uid: str = ""
    modality: str = ""
    banner: PatientBanner = field(default_factory=PatientBanner)
    default_window: tuple[float, float] | None = None  # (width, centre)
    acquired_offsets_mm: npt.NDArray[np.float64] | None = None  # as Volume's: slices off grid

    @property
    def kind(self) -> str:
        return str(self.classification.kind)

    @property
    def missing(self) -> list[int]:
        """Slice indices with no image in the series (gaps)."""
        return [k for k, source in enumerate(self.sources) if source is None]

    def slices_of(self, sop_instance_uid: str) -> list[int]:
        """Slice indices filled from one instance (several for a multi-frame)."""
        return [
            k
            for k, source in enumerate(self.sources)
            if source is not None and source.sop_instance_uid == sop_instance_uid
        ]

    def new_volume(self, *, filled: bool = True) -> Volume:
        """An empty volume: every slice not loaded, holding NOT_LOADED_VALUE (unless not
        ``filled``: the caller then writes every slice, loaded or not, itself)."""
        array = voxel_array(self.shape, self.dtype)
        if filled:
            array.fill(NOT_LOADED_VALUE)
        return Volume(
            array=array,
            affine=self.affine.copy(),
            series_instance_uid=self.series_instance_uid,
            frame_of_reference_uid=self.frame_of_reference_uid,
            modality=self.modality,
            kind=self.kind,
            banner=self.banner,
            default_window=self.default_window,
            warnings=list(self.warnings),
            loaded=np.zeros(self.shape[0], dtype=bool),
            label=self.label,
            acquired_offsets_mm=self.acquired_offsets_mm,
        )


@dataclass
class SeriesPlan:
    """All volumes of a series (one per sub-volume), planned from headers."""

    volumes: list[VolumePlan]
    not_volumes: list[NotVolumePart]
    warnings: list[str]  # series-level ones and each volume's, prefixed by its label
    four_d: bool = False

    @property
    def times(self) -> list[float] | None:
        """Seconds of each volume from the first, for a 4-D series; else None."""
        times = [v.time_s for v in self.volumes]
        if not self.four_d or any(t is None for t in times):
            return None
        return [float(t) for t in times if t is not None]


@dataclass
class SeriesAssembly:
    """Volumes of a series with their pixels, and what could not be a volume."""

    volumes: list[Volume]
    times: list[float] | None  # 4-D series: seconds of each volume from the first
    warnings: list[str]
    not_volumes: list[NotVolumePart]
    plan: SeriesPlan


def plan_series(
    headers: Sequence[Dataset],
    *,
    position_tolerance_mm: float = 0.01,
    spacing_tolerance: float = REGULAR_FRACTION,
    orientation_tolerance: float = 1e-4,
    float32: bool = False,
) -> SeriesPlan:
    """Plan the volumes of one series from its instances' headers.

    Pixel data is not needed. ``position_tolerance_mm``: images closer than
    this along the normal are at one position; ``spacing_tolerance``: how far
    (a fraction of a voxel) a slice may lie from its place on the fitted grid
    before a warning (:func:`viewer.geometry.fit_slice_grid`). ``float32``
    forces float32 voxels (by default int16 unless a (0028,1053) Rescale
    Slope or (0028,1052) Rescale Intercept is not integral). Raises
    :class:`NotAVolume` when no part of the series is a volume.
    """
    tolerances = Tolerances(position_tolerance_mm, spacing_tolerance, orientation_tolerance)
    frames = [f for n, ds in enumerate(headers) for f in frames_of(ds, n)]
    if not frames:
        raise NotAVolume("no instances")
    series_warnings: list[str] = []
    pending: list[tuple[FramePart, str | None, int]] = []
    four_d = False
    for content in split_by_content(frames):
        usable, refused = screen_images(
            content.frames, orientation_tolerance=tolerances.orientation
        )
        for why, group in refused.items():
            pending.append((FramePart(group, dict(content.descriptors)), why, 1))
        if not usable:
            continue
        geometric = split_by_geometry(
            FramePart(usable, dict(content.descriptors)),
            orientation_tolerance=tolerances.orientation,
        )
        series_warnings.extend(geometric.warnings)
        for part in geometric.parts:
            timed = split_by_time(part, position_tolerance_mm=tolerances.position_mm)
            four_d = four_d or timed.four_d
            pending.extend((p, None, len(timed.parts)) for p in timed.parts)
    label_parts([part for part, _, _ in pending])

    volumes: list[VolumePlan] = []
    not_volumes: list[NotVolumePart] = []
    for part, refusal, time_points in pending:
        first = headers[part.frames[0].dataset_index]
        classification = classify_series([first], frames=part.frames, time_points=time_points)
        reason: str
        if refusal is None:
            try:
                volumes.append(_plan_volume(part, headers, tolerances, float32, classification))
                continue
            except IrregularGeometry as error:
                reason = error.args[0] if error.args else str(error)
        else:
            reason = refusal
        frames_2d, by_position = order_images(part.frames)
        not_volumes.append(
            NotVolumePart(part.label, reason, frames_2d, classification, by_position)
        )
    if not volumes:
        reasons = sorted({p.reason for p in not_volumes})
        raise NotAVolume(joined(reasons), not_volumes, series_warnings)
    for part_2d in not_volumes:
        if part_2d.label:
            series_warnings.append(note("not_a_volume", what=part_2d.label, reason=part_2d.reason))
        else:
            series_warnings.append(
                note("not_a_volume_images", count=part_2d.images, reason=part_2d.reason)
            )
    all_warnings = list(series_warnings)
    for plan in volumes:
        all_warnings.extend(labelled(plan.label, w) for w in plan.warnings)
        plan.warnings[:0] = series_warnings
    return SeriesPlan(volumes, not_volumes, all_warnings, four_d)


def assemble_series(
    datasets: Sequence[Dataset],
    *,
    position_tolerance_mm: float = 0.01,
    spacing_tolerance: float = REGULAR_FRACTION,
    orientation_tolerance: float = 1e-4,
    read_pixels: Callable[[int], Dataset] | None = None,
    progress: Callable[[int, int], None] | None = None,
    pixel_locations: Sequence[PixelDataLocation | None] | None = None,
    workers: int = 1,
) -> SeriesAssembly:
    """Plan, allocate and fill every volume of a series.

    ``datasets`` may be headers only when ``read_pixels(n)`` returns the n-th
    instance with its pixel data (e.g. read from its file). Where
    ``pixel_locations[n]`` is given, ``workers`` threads read the n-th
    instance's pixels straight from its file (:func:`~viewer.slice_fill.fill_slice_from_file`);
    the rest is read once through ``read_pixels`` and decoded by pydicom.
    ``progress(done, total)`` is called after each instance, in the calling
    thread (raise from it to cancel). Raises :class:`NotAVolume` when nothing
    is a volume. A slice that cannot be decoded stays not loaded, with a
    warning naming the instance; a volume whose values overflow int16 becomes
    float32.
    """
    plan = plan_series(
        datasets,
        position_tolerance_mm=position_tolerance_mm,
        spacing_tolerance=spacing_tolerance,
        orientation_tolerance=orientation_tolerance,
    )
    # Not filled yet: the threads that read the slices touch their memory first.
    volumes = [volume_plan.new_volume(filled=False) for volume_plan in plan.volumes]
    warnings = list(plan.warnings)
    slots: dict[int, list[tuple[int, int]]] = {}
    for v, volume_plan in enumerate(plan.volumes):
        for k, source in enumerate(volume_plan.sources):
            if source is not None:
                slots.setdefault(source.dataset_index, []).append((v, k))
    done = 0

    def advance() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(slots))

    def from_file(index: int) -> list[tuple[int, int]]:
        """Fill the slices of instance ``index`` from its file; returns those it could not."""
        assert pixel_locations is not None
        location, failed = pixel_locations[index], []
        for v, k in slots[index]:
            try:
                assert location is not None
                fill_slice_from_file(volumes[v], plan.volumes[v], k, location, datasets[index])
            except Exception:
                failed.append((v, k))  # read again and decoded by pydicom below
        return failed

    native = [n for n in sorted(slots) if pixel_locations and pixel_locations[n] is not None]
    left = {n: slots[n] for n in sorted(set(slots) - set(native))}

    def finished(index: int, failed: list[tuple[int, int]]) -> None:
        if failed:
            left[index] = failed
        else:
            advance()

    in_threads(from_file, native, workers=workers, finished=finished)
    for volume in volumes:
        assert volume.loaded is not None
        volume.array[~volume.loaded] = NOT_LOADED_VALUE
    _fill_with_pydicom(
        plan=plan, volumes=volumes, datasets=datasets, read_pixels=read_pixels,
        slots=left, warnings=warnings, advance=advance,
    )  # fmt: skip
    return SeriesAssembly(volumes, plan.times, warnings, plan.not_volumes, plan)


def _fill_with_pydicom(
    *,
    plan: SeriesPlan,
    volumes: list[Volume],
    datasets: Sequence[Dataset],
    read_pixels: Callable[[int], Dataset] | None,
    slots: dict[int, list[tuple[int, int]]],
    warnings: list[str],
    advance: Callable[[], None],
) -> None:
    """Fill ``slots`` (instance → (volume, slice) places) from instances decoded by pydicom."""

    def warn(v: int, message: str) -> None:
        volumes[v].warnings.append(message)
        label = plan.volumes[v].label
        warnings.append(labelled(label, message))

    def warner(v: int) -> Callable[[str], None]:
        return lambda message: warn(v, message)

    for index, places in sorted(slots.items()):
        try:
            dataset = read_pixels(index) if read_pixels is not None else datasets[index]
        except Exception as error:
            name = _source_of(plan, places[0])
            for v in sorted({v for v, _ in places}):
                warn(v, note("not_read", file=name, problem=_short(error)))
            advance()
            continue
        for v, k in places:
            try:
                _fill_or_promote(volumes[v], plan.volumes[v], k, dataset, warn=warner(v))
            except Exception as error:
                name = _source_of(plan, (v, k))
                warn(v, note("not_decoded", file=name, problem=_short(error)))
        advance()


def _fill_or_promote(
    volume: Volume,
    plan: VolumePlan,
    index: int,
    dataset: Dataset,
    *,
    warn: Callable[[str], None],
) -> None:
    """Fill a slice; when int16 overflows, turn the (not yet shared) volume to float32."""
    try:
        fill_slice(volume, plan, index, dataset)
    except ValuesOutOfRange as error:
        promoted = voxel_array(volume.array.shape, np.float32)
        promoted[...] = volume.array
        volume.array = promoted
        plan.dtype = np.float32
        warn(note("float32", problem=error))
        fill_slice(volume, plan, index, dataset)


def _plan_volume(
    part: FramePart,
    headers: Sequence[Dataset],
    tolerances: Tolerances,
    float32: bool,
    classification: Classification,
) -> VolumePlan:
    """Order, check and place the frames of one sub-volume (one geometry, one time)."""
    first = part.frames[0]
    assert first.orientation is not None and first.pixel_spacing is not None
    orientation = orientation_of(first.orientation, orientation_tolerance=tolerances.orientation)
    normal = orientation.normal

    def along(f: FrameHeader) -> float:
        return float(np.dot(f.position or (0.0, 0.0, 0.0), normal))

    ordered = sorted(
        part.frames,
        key=lambda f: (along(f), f.instance_number or 0, f.sop_instance_uid, f.frame or 0),
    )
    kept, warnings = drop_duplicates(ordered, along, normal, tolerances.position_mm)
    if len(kept) < 2:
        raise IrregularGeometry(
            note("single_image") if len(part.frames) == 1 else note("one_position")
        )
    positions = np.array([f.position for f in kept], dtype=np.float64)
    grid = fit_slice_grid(
        positions,
        normal,
        pixel_spacing_mm=min(first.pixel_spacing),
        regular_fraction=tolerances.spacing,
    )
    warnings.extend(grid.warnings)
    warnings.extend(tilt_warnings(grid.tilt_deg, kept))
    warnings.extend(rescale_warnings(kept))
    if any(f.photometric == "MONOCHROME1" for f in kept):
        warnings.append(note("monochrome1"))
    sources: list[FrameHeader | None] = [None] * grid.count
    for frame, k in zip(kept, grid.grid_index, strict=True):
        sources[k] = frame
    ds = headers[first.dataset_index]
    middle = kept[len(kept) // 2]
    return VolumePlan(
        label=part.label,
        shape=(grid.count, first.rows, first.columns),
        affine=affine_of(orientation, first.pixel_spacing, grid.origin, grid.step),
        dtype=np.float32 if float32 or needs_float(kept) else np.int16,
        sources=sources,
        classification=classification,
        time_s=part.time_s,
        tilt_deg=grid.tilt_deg,
        warnings=warnings,
        series_instance_uid=str(ds.get("SeriesInstanceUID", "")),
        frame_of_reference_uid=str(ds.get("FrameOfReferenceUID", "")),
        modality=str(ds.get("Modality", "")),
        banner=banner_of(ds),
        default_window=middle.window,
        acquired_offsets_mm=grid.acquired_offsets(tolerances.spacing),
    )


def _source_of(plan: SeriesPlan, place: tuple[int, int]) -> str:
    source = plan.volumes[place[0]].sources[place[1]]
    return source.source if source is not None else "?"


def _short(error: BaseException) -> str:
    """An error message without directories (paths may hold patient names)."""
    text = re.sub(r"[^\s'\"]*[/\\]", "", str(error)).strip()
    return f"{type(error).__name__}: {text}"[:200] if text else type(error).__name__
