"""Hand-over from background loading to the GUI thread (STYLE.md point 6).

Retrieval (:mod:`app.retrieve.case`) and folder loading
(:mod:`app.ui.viewer.folder_source`) call :class:`~app.retrieve.case.RetrievalCallbacks`
on their own thread. :class:`ProgressiveFeed` only queues what they say
(plans, numpy slices, 2-D images, progress) and applies it to the
:class:`~app.ui.viewer.study.StudyModel` on the GUI thread, from a timer, so
that the views are refreshed (``MprViewer.mark_modified``) at most
``1000 / interval_ms`` times a second however fast slices arrive. VTK objects
are only ever touched on the GUI thread.

Slices: a slice handed over as a fresh array is copied into the volume's
array here, on the GUI thread. Retrieval writes each slice into the planned
volume itself (that is its design, so a 512×512×500 CT is not held twice);
such a slice already shares the volume's memory and is not copied again.

The GUI keeps its own :class:`~viewer.volume.Volume` objects (sharing the
arrays): when the producer replaces a volume's array (int16 values that
overflow become float32), a new plan arrives and the views are given the new
object, so no view keeps wrapping a stale array.
"""

from __future__ import annotations

import contextlib
import dataclasses
import queue
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.retrieve.model import FirstImage, RetrievalCallbacks, SeriesResult, SeriesVolumes
from app.ui.viewer.study import Image2D, LoadStatus, SeriesEntry, StudyModel
from viewer.notes import note
from viewer.volume import Volume

_STATUS = {
    "complete": LoadStatus.COMPLETE,
    "incomplete": LoadStatus.INCOMPLETE,
    "interrupted": LoadStatus.INCOMPLETE,
    "canceled": LoadStatus.CANCELED,
    "failed": LoadStatus.FAILED,
}


class _Waker(QObject):
    """Wakes feeds on the GUI thread from any thread. One for the application, never
    deleted: a retrieval thread may still emit after a case window (and its feed) is gone,
    which on the feed itself would touch a deleted object."""

    wake = Signal(object)  # a weak reference to a ProgressiveFeed

    def __init__(self) -> None:
        super().__init__()
        self.wake.connect(self._woken, Qt.ConnectionType.QueuedConnection)

    @staticmethod
    def _woken(ref: weakref.ref[ProgressiveFeed]) -> None:
        feed = ref()
        if feed is not None:
            with contextlib.suppress(RuntimeError):  # deleted since: nothing to draw
                feed._woken()


_WAKER: list[_Waker] = []


def _waker() -> _Waker:
    """The application's waker, made on the GUI thread (by the first feed)."""
    if not _WAKER:
        _WAKER.append(_Waker())
    return _WAKER[0]


class ProgressiveFeed(QObject):
    """Queue of loading events, drained into a :class:`StudyModel` on the GUI thread.

    The first image of a series and a plan are drained at once (:class:`_Waker`, queued to the GUI
    thread) rather than at the next tick: the first readable image is what the radiologist
    waits for."""

    def __init__(
        self, study: StudyModel, *, interval_ms: int = 100, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.study = study
        self._queue: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.drain)
        self._waker = _waker()
        self.drains_with_slices = 0  # how often views were told slices arrived (for tests)
        self._early: dict[str, list[tuple[Any, ...]]] = {}  # events of series not listed yet

    # --- producer side (any thread) ----------------------------------------------------------
    def callbacks(self) -> RetrievalCallbacks:
        """Callbacks for :class:`~app.retrieve.case.CaseRetrieval` or the folder loader."""
        put = self._queue.put
        waker, me = self._waker, weakref.ref(self)

        def urgent(event: tuple[Any, ...]) -> None:
            put(event)
            waker.wake.emit(me)

        return RetrievalCallbacks(
            on_first_image=lambda uid, image: urgent(("first", uid, image)),
            on_plan=lambda uid, volumes: urgent(("plan", uid, volumes)),
            on_slice=lambda uid, v, k, array: put(("slice", uid, v, k, array)),
            on_other_image=lambda uid, sop, frame, array: put(("image", uid, sop, frame, array)),
            on_progress=lambda uid, done, total: put(("progress", uid, done, total)),
            on_series_done=lambda uid, result: put(("done", uid, result)),
        )

    def listed(self, entries: list[SeriesEntry]) -> None:
        """Series known before their images (any thread)."""
        for entry in entries:
            self._queue.put(("listed", entry.series_uid, entry))

    def call(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the GUI thread at the next drain, in order with the events."""
        self._queue.put(("call", "", fn))

    # --- consumer side (GUI thread) ----------------------------------------------------------
    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def _woken(self) -> None:
        if self._timer.isActive():  # not before start() nor after stop()
            self.drain()

    def drain(self) -> None:
        """Apply every queued event; tell the views once per series that slices arrived."""
        with_slices: dict[str, None] = {}
        while True:
            try:
                event = self._queue.get_nowait()
            except queue.Empty:
                break
            self._apply(event, with_slices)
        self._flush(with_slices)

    def _apply(self, event: tuple[Any, ...], with_slices: dict[str, None]) -> None:
        kind, uid = event[0], event[1]
        if kind == "call":
            self._flush(with_slices)
            event[2]()
            return
        if kind == "listed":
            self.study.add(event[2])
            for early in self._early.pop(uid, []):
                self._apply(early, with_slices)
            return
        entry = self.study.get(uid)
        if entry is None:  # e.g. a plan made while the hub's listing was being read
            self._early.setdefault(uid, []).append(event)
            return
        if kind == "slice":
            if self._copy_slice(entry, event[2], event[3], event[4]):
                with_slices[uid] = None
        elif kind == "plan":
            self._plan(entry, event[2])
        elif kind == "image":
            self._image(entry, event[2], event[3], event[4])
        elif kind == "progress":
            self.study.progress(uid, event[2], event[3])
        elif kind == "done":
            self._done(entry, event[2])
        elif kind == "first":
            self._first(entry, event[2])

    def _flush(self, with_slices: dict[str, None]) -> None:
        """Tell the views once per series that slices arrived."""
        if not with_slices:
            return
        self.drains_with_slices += 1
        for uid in list(with_slices):
            self.study.slices_arrived(uid)
        with_slices.clear()

    def _plan(self, entry: SeriesEntry, planned: SeriesVolumes) -> None:
        old = {id(v.array): v for v in entry.volumes}
        volumes: list[Volume] = []
        for produced in planned.volumes:
            mine = old.get(id(produced.array))
            volumes.append(mine if mine is not None else dataclasses.replace(produced))
        plan = planned.plan
        warnings = list(plan.warnings) if plan is not None else []
        for volume in volumes:
            warnings.extend(w for w in volume.warnings if w not in warnings)
        self.study.plan(
            entry.series_uid,
            volumes,
            list(planned.not_volumes),
            times=plan.times if plan is not None else None,
            warnings=warnings,
            reason=planned.reason,
            volume_plans=list(plan.volumes) if plan is not None else None,
        )

    def _copy_slice(self, entry: SeriesEntry, v: int, k: int, array: np.ndarray) -> bool:
        if v >= len(entry.volumes):
            return False
        volume = entry.volumes[v]
        if not 0 <= k < volume.shape[0] or array.shape != volume.shape[1:]:
            return False
        if not np.shares_memory(array, volume.array):
            if array.dtype == np.float32 and volume.array.dtype == np.int16:
                volume = dataclasses.replace(volume, array=volume.array.astype(np.float32))
                volume.warnings.append(note("float32_beyond_int16"))
                entry.volumes[v] = volume
                self.study.emit("replaced", entry.series_uid)
            volume.array[k] = array
        assert volume.loaded is not None
        volume.loaded[k] = True
        return True

    def _image(self, entry: SeriesEntry, sop: str, frame: int, array: np.ndarray) -> None:
        header = entry.find_frame(sop, frame)
        if array.ndim == 3 and array.shape[-1] == 3:
            pixels: np.ndarray = np.ascontiguousarray(array, dtype=np.uint8)
        else:
            pixels = array.astype(np.float32)
            if header is not None and header.rescale is not None:
                slope, intercept = header.rescale
                pixels = pixels * np.float32(slope) + np.float32(intercept)
        number = header.instance_number if header is not None else None
        label = f"instance {number}" if number is not None else f"image {len(entry.images) + 1}"
        if header is not None and (header.frame is not None or header.number_of_frames > 1):
            label += f" frame {frame + 1}"
        image = Image2D(
            pixels,
            label,
            monochrome1=header is not None and header.photometric == "MONOCHROME1",
            window=header.window if header is not None else None,
            header=header,
            frame=frame,
        )
        self.study.add_image(entry.series_uid, image)

    def _done(self, entry: SeriesEntry, result: SeriesResult) -> None:
        status = _STATUS.get(str(result.status), LoadStatus.INCOMPLETE)
        notes = [*result.warnings, *result.errors]
        if result.missing:
            shown = ", ".join(result.missing[:5]) + ("…" if len(result.missing) > 5 else "")
            notes.append(note("instances_not_received", count=len(result.missing), shown=shown))
        if result.expected:
            self.study.progress(entry.series_uid, result.received, result.expected)
        self.study.finish(entry.series_uid, status, notes)

    def _first(self, entry: SeriesEntry, image: FirstImage) -> None:
        if entry.preview is None:
            entry.preview_orientation = image.orientation
            entry.preview_pixel_spacing = image.pixel_spacing
            entry.preview_modality = image.modality
            self.study.set_preview(entry.series_uid, image.array, image.window)
