"""The study on display: its series, their volumes as they fill, their 2-D images.

Plain Python (no Qt, no VTK), like :class:`viewer.model.ViewerState`: the
series browser, the panes and the windows subscribe to a :class:`StudyModel`
and redraw when told what changed (STYLE.md point 2). Only the GUI thread
changes it (see :mod:`app.ui.viewer.feed` for the hand-over from workers).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from viewer.assembly import NotVolumePart, VolumePlan
from viewer.frames import FrameHeader
from viewer.volume import PatientBanner, Volume


class LoadStatus(StrEnum):
    WAITING = "waiting"  # known, nothing received yet
    LOADING = "loading"
    COMPLETE = "complete"
    INCOMPLETE = "incomplete"  # finished with slices or images missing
    FAILED = "failed"
    CANCELED = "canceled"


@dataclass
class Image2D:
    """One image that is not part of a volume, for the 2-D viewer.

    ``pixels`` is ``(rows, columns)`` in modality units ((0028,1052) Rescale
    Intercept / (0028,1053) Rescale Slope applied) or ``(rows, columns, 3)``
    uint8 RGB.
    """

    pixels: npt.NDArray[np.generic]
    label: str
    monochrome1: bool = False
    window: tuple[float, float] | None = None  # (width, centre) from the header
    header: FrameHeader | None = None  # geometry for the order and the orientation letters
    frame: int = 0  # 0-based frame of its instance (a classic multi-frame's share one header)

    @property
    def is_rgb(self) -> bool:
        return self.pixels.ndim == 3


@dataclass
class SeriesEntry:
    """One series of the study and how far its loading got."""

    series_uid: str
    label: str  # "series 2 (CT)": no free text, safe for messages
    description: str = ""  # (0008,103E) Series Description, shown, never logged
    number: int | None = None
    modality: str = ""
    kind: str = "other"
    banner: PatientBanner = field(default_factory=PatientBanner)
    volumes: list[Volume] = field(default_factory=list)
    # the plan of each volume (same index): which instance and frame fills each slice
    volume_plans: list[VolumePlan] = field(default_factory=list)
    times: list[float] | None = None  # 4-D series: seconds of each volume
    not_volumes: list[NotVolumePart] = field(default_factory=list)
    images: list[Image2D] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reason: str = ""  # why the series is not a volume
    planned: bool = False
    done: int = 0  # instances received
    total: int = 0  # instances expected
    status: LoadStatus = LoadStatus.WAITING
    preview: npt.NDArray[np.float32] | None = None  # middle image before the volume
    preview_window: tuple[float, float] | None = None
    # the first image's geometry and modality (app.retrieve.model.FirstImage)
    preview_orientation: tuple[float, ...] | None = None
    preview_pixel_spacing: tuple[float, ...] | None = None
    preview_modality: str = ""

    @property
    def is_volume(self) -> bool:
        return bool(self.volumes)

    @property
    def frame_of_reference_uid(self) -> str:
        return self.volumes[0].frame_of_reference_uid if self.volumes else ""

    @property
    def expected_images(self) -> int:
        return sum(part.images for part in self.not_volumes)

    def main_volume(self) -> Volume | None:
        """The volume a pane shows: the highest b-value of a DWI, else the biggest."""
        if not self.volumes:
            return None
        if self.kind == "dwi":
            with_b = [(b, v) for v in self.volumes if (b := b_value(v.label)) is not None]
            if with_b:
                return max(with_b, key=lambda pair: pair[0])[1]
        return max(self.volumes, key=lambda v: int(np.prod(v.shape)))

    def part_indices(self) -> dict[tuple[str, int | None], int]:
        """(SOP Instance UID, frame of the header) → index of its part in ``not_volumes``."""
        return {
            (header.sop_instance_uid, header.frame): index
            for index, part in enumerate(self.not_volumes)
            for header in part.frames
        }

    def find_frame(self, sop_instance_uid: str, frame: int) -> FrameHeader | None:
        """The not-volume frame header of instance ``sop_instance_uid``, frame ``frame``."""
        for part in self.not_volumes:
            for header in part.frames:
                if header.sop_instance_uid != sop_instance_uid:
                    continue
                if header.frame is None or header.frame == frame:  # None: every frame
                    return header
        return None


def b_value(label: str) -> float | None:
    """The b-value in a sub-volume label such as ``"b=1000"``."""
    found = re.search(r"\bb=(\d+(?:\.\d+)?)", label)
    return float(found.group(1)) if found else None


#: What changed in a :class:`StudyModel`: "added", "planned", "slices", "images",
#: "progress", "status", "preview", "replaced" (a volume got a new array).
StudyListener = Callable[[str, str], None]


class StudyModel:
    """Series of the study in display order, with listeners ``(what, series_uid)``."""

    def __init__(self) -> None:
        self._series: dict[str, SeriesEntry] = {}
        self._listeners: list[StudyListener] = []
        self.scan_warnings: list[str] = []  # files skipped while reading a folder
        self.skipped_files = 0

    def subscribe(self, listener: StudyListener) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def emit(self, what: str, series_uid: str) -> None:
        for listener in list(self._listeners):
            listener(what, series_uid)

    # --- reading -----------------------------------------------------------------------------
    @property
    def series(self) -> list[SeriesEntry]:
        return list(self._series.values())

    def get(self, series_uid: str) -> SeriesEntry | None:
        return self._series.get(series_uid)

    def __contains__(self, series_uid: object) -> bool:
        return series_uid in self._series

    def kinds(self) -> list[str]:
        """Kinds of the series that hold volumes (what display protocols are chosen from);
        kinds of 2-D-only series too when no series is a volume yet."""
        return [s.kind for s in self._series.values()]

    def patients(self) -> list[PatientBanner]:
        """Distinct patients (by ID, issuer and name) among the series."""
        seen: dict[tuple[str, str, str], PatientBanner] = {}
        for entry in self._series.values():
            b = entry.banner
            if b.patient_id or b.name:
                seen.setdefault((b.patient_id, b.issuer, b.name), b)
        return list(seen.values())

    def warnings(self) -> list[tuple[str, str]]:
        """(series label, warning) for every series, then the folder's own warnings."""
        out = [(s.label, w) for s in self._series.values() for w in s.warnings]
        out.extend(("", w) for w in self.scan_warnings)
        return out

    # --- changing (GUI thread) ---------------------------------------------------------------
    def add(self, entry: SeriesEntry) -> None:
        """A series became known (from a folder scan or the hub's listing)."""
        if entry.series_uid in self._series:
            return
        self._series[entry.series_uid] = entry
        self.emit("added", entry.series_uid)

    def plan(
        self,
        series_uid: str,
        volumes: list[Volume],
        not_volumes: list[NotVolumePart],
        *,
        times: list[float] | None = None,
        warnings: list[str] | None = None,
        reason: str = "",
        volume_plans: list[VolumePlan] | None = None,
    ) -> None:
        """The series' volumes exist (every slice not loaded yet) — or it has none.

        ``volume_plans`` (one per volume, same order) say which instance and
        frame each slice comes from (what a key image references); without
        them, or with a count that does not match, none is kept.
        """
        entry = self._series[series_uid]
        replan = entry.planned
        entry.volumes = list(volumes)
        plans = list(volume_plans or [])
        entry.volume_plans = plans if len(plans) == len(entry.volumes) else []
        entry.not_volumes = list(not_volumes)
        entry.times = times
        entry.reason = reason
        if warnings is not None:
            entry.warnings = list(dict.fromkeys([*entry.warnings, *warnings]))
        if volumes:
            entry.kind = volumes[0].kind
            entry.banner = volumes[0].banner
        elif not_volumes:
            entry.kind = not_volumes[0].kind
        entry.planned = True
        if entry.status is LoadStatus.WAITING:
            entry.status = LoadStatus.LOADING
        self.emit("replaced" if replan else "planned", series_uid)

    def slices_arrived(self, series_uid: str) -> None:
        self.emit("slices", series_uid)

    def add_image(self, series_uid: str, image: Image2D) -> None:
        self._series[series_uid].images.append(image)
        self.emit("images", series_uid)

    def progress(self, series_uid: str, done: int, total: int) -> None:
        entry = self._series[series_uid]
        entry.done, entry.total = done, total
        if entry.status is LoadStatus.WAITING:
            entry.status = LoadStatus.LOADING
        self.emit("progress", series_uid)

    def finish(self, series_uid: str, status: LoadStatus, warnings: list[str]) -> None:
        entry = self._series[series_uid]
        entry.status = status
        entry.warnings = list(dict.fromkeys([*entry.warnings, *warnings]))
        self.emit("status", series_uid)

    def set_preview(
        self, series_uid: str, image: npt.NDArray[np.float32], window: tuple[float, float] | None
    ) -> None:
        entry = self._series[series_uid]
        entry.preview, entry.preview_window = image, window
        self.emit("preview", series_uid)
