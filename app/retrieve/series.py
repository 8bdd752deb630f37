"""Retrieving one series: metadata first, then the middle image, then the rest.

:class:`SeriesRetrieval` is synchronous (STYLE.md point 6): the UI runs
:meth:`SeriesRetrieval.run` in a worker thread and hears of progress through
:class:`RetrievalCallbacks`, called on that thread. Order of events:

1. metadata (WADO-RS ``…/metadata``, or the cache) → the plan is computed
   from headers (in a worker process when the :class:`Decoder` has some);
2. the middle instance (by position along the slice normal) is fetched and
   decoded at once → ``on_first_image``: a diagnostic image on screen before
   the volume exists;
3. the plan is ready → ``on_plan``: every volume of the series, the slices
   received so far already in (flagged loaded), the others "not loaded"
   (:data:`viewer.volume.NOT_LOADED_VALUE`);
4. the rest: the whole series streamed (WADO-RS multipart, parsed as it
   arrives) when nothing was received yet, else only the missing instances
   one by one (WADO-RS instance), middle first → ``on_slice`` per slice,
   ``on_progress`` per instance.

Every instance is checked before it reaches a volume or the cache
(:func:`app.retrieve.decode.decode_part`: DICOM, its UIDs, pixel data
length, decodable). A refused one is fetched once more on its own; if it
fails again its slice stays "not loaded" and the result names it by
(0020,0013) Instance Number. A network cut leaves the series INTERRUPTED:
calling :meth:`SeriesRetrieval.run` again (or a new retrieval with the same
cache) fetches only what is missing. Instances already in the cache are
never fetched again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Future, wait
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from pydicom.uid import ExplicitVRLittleEndian

from app.hub.errors import (
    HubError,
    HubTimeout,
    HubUnreachable,
    MalformedAnswer,
    NotFound,
    RequestRejected,
)
from app.hub.protocol import JsonDataset, StudiesService
from app.retrieve.cache import ImageCache
from app.retrieve.decode import (
    NATIVE,
    BadInstance,
    DecodedInstance,
    Decoder,
    PlanOutcome,
    UnsupportedTransferSyntax,
    check_decodable,
    decode_part,
    modality_values,
    peek_transfer_syntax,
    plan_from_metadata,
    prescale,
    unscale,
)
from app.retrieve.model import (
    CENTER,
    INTERCEPT,
    NUMBER,
    SLOPE,
    SOP_UID,
    WIDTH,
    Canceled,
    FirstImage,
    RetrievalCallbacks,
    SeriesResult,
    SeriesStatus,
    SeriesVolumes,
    first_value,
    middle_out,
)
from viewer.assembly import SeriesPlan
from viewer.frames import FrameHeader
from viewer.native_pixels import voxel_array
from viewer.notes import labelled, note
from viewer.slice_fill import ValuesOutOfRange
from viewer.volume import NOT_LOADED_VALUE, Volume

log = logging.getLogger("app.retrieve.case")
ROWS, COLUMNS, FRAMES = "00280010", "00280011", "00280008"


class SeriesRetrieval:
    """Retrieve one series into volumes, progressively and resumably (module docstring).

    ``hub`` may be None to open from the cache only. ``metadata`` may be given
    when the caller already fetched it. ``max_in_flight`` bounds the
    instances waiting for a worker (memory). ``label`` names the series in
    messages (e.g. "series 2 (CT)"): never a description, which may hold
    free text.
    """

    def __init__(
        self,
        hub: StudiesService | None,
        study_uid: str,
        series_uid: str,
        *,
        cache: ImageCache | None = None,
        decoder: Decoder | None = None,
        callbacks: RetrievalCallbacks | None = None,
        cancel: threading.Event | None = None,
        transfer_syntax: str = "*",
        metadata: list[JsonDataset] | None = None,
        max_in_flight: int | None = None,
        label: str = "",
    ) -> None:
        self.hub = hub
        self.study_uid = study_uid
        self.series_uid = series_uid
        self.cache = cache
        self.decoder = decoder if decoder is not None else Decoder(0)
        self.callbacks = callbacks or RetrievalCallbacks()
        self.cancel = cancel or threading.Event()
        self.transfer_syntax = transfer_syntax
        self.metadata = metadata
        self.label = label or "series"
        self.max_in_flight = max_in_flight or max(2, 4 * self.decoder.workers)
        self.per_instance: bool | None = None  # does the hub serve single instances?
        self.volumes: SeriesVolumes | None = None
        self.numbers: dict[str, str] = {}
        self.order: list[str] = []
        self.done: set[str] = set()
        self._plan_future: Future[PlanOutcome] | None = None
        self._placement: dict[str, list[tuple[int, int, int]]] = {}
        self._others: dict[str, list[int | None]] = {}
        self._pending: dict[str, DecodedInstance] = {}
        self._inflight: dict[Future[DecodedInstance], _Received] = {}
        self._refused: dict[str, str] = {}  # sop → why it was refused (last time)
        self._fetched_from_hub = False
        self._first_shown = False
        self._checked_syntaxes: set[str] = set()
        self._items: dict[str, JsonDataset] | None = None  # metadata by SOP Instance UID
        self._prefilled: _Prefilled | None = None
        self._result = SeriesResult(series_uid)

    # -- public ------------------------------------------------------------------

    @property
    def expected(self) -> int:
        return len(self.order)

    @property
    def missing(self) -> list[str]:
        """SOP Instance UIDs not received yet (middle first)."""
        return [sop for sop in self.order if sop not in self.done]

    def run(self) -> SeriesResult:
        """Retrieve what is missing; never raises for hub or data faults (see result)."""
        started = time.monotonic()
        self._result = result = SeriesResult(self.series_uid)
        try:
            self._load_metadata()
            self._from_cache()
            self._fetch_missing()
            self._finish()
        except Canceled:
            result.status = SeriesStatus.CANCELED
        except (HubUnreachable, HubTimeout) as exc:
            result.status = SeriesStatus.INTERRUPTED
            result.errors.append(f"{self.label}: {exc}")
            self._salvage()
        except UnsupportedTransferSyntax as exc:
            result.status = SeriesStatus.FAILED
            result.errors.append(f"{self.label}: {exc}, and the hub could not convert it")
        except HubError as exc:
            result.status = SeriesStatus.FAILED
            result.errors.append(f"{self.label}: {exc}")
        except BrokenExecutor:
            result.status = SeriesStatus.FAILED
            result.errors.append(f"{self.label}: the image decoding processes stopped")
        except Exception as exc:  # a background job must end with a message, not a crash
            log.error("retrieval of a series failed: %s", type(exc).__name__)
            result.status = SeriesStatus.FAILED
            result.errors.append(f"{self.label}: unexpected error ({type(exc).__name__})")
        finally:
            self._abandon_inflight()
        result.expected = len(self.order)
        result.received = len(self.done)
        result.missing = [self._name(sop) for sop in self.missing]
        result.errors.extend(self._refused[sop] for sop in self.missing if sop in self._refused)
        if result.status is SeriesStatus.COMPLETE and result.missing:
            result.status = SeriesStatus.INCOMPLETE
        result.seconds = time.monotonic() - started
        if self.callbacks.on_series_done is not None:
            self.callbacks.on_series_done(self.series_uid, result)
        return result

    # -- steps -------------------------------------------------------------------

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise Canceled

    def _name(self, sop: str) -> str:
        number = self.numbers.get(sop, "")
        return f"instance {number}" if number else "an instance without a number"

    def load_metadata(self) -> list[JsonDataset]:
        """The series' metadata (cache, else hub) and its plan started; HubError if not."""
        self._load_metadata()
        assert self.metadata is not None
        return self.metadata

    def _load_metadata(self) -> None:
        if self.metadata is None and self.cache is not None:
            self.metadata = self.cache.get_series_metadata(self.study_uid, self.series_uid)
        if self.metadata is None:
            if self.hub is None:
                raise NotFound(f"{self.label} is not in the cache and there is no hub (offline)")
            self._result.requests += 1
            self.metadata = self.hub.retrieve_series_metadata(self.study_uid, self.series_uid)
            if not self.metadata:
                raise NotFound("the hub has no instances for this series")
            if self.cache is not None:
                self.cache.put_series_metadata(self.study_uid, self.series_uid, self.metadata)
        if not self.order:
            self.order = middle_out(self.metadata)
            self.numbers = {
                str(first_value(m, SOP_UID)): str(first_value(m, NUMBER) or "")
                for m in self.metadata
            }
        if self.volumes is None and self._plan_future is None:
            self._plan_future = self.decoder.submit(plan_from_metadata, self.metadata)
            if self.decoder.parallel and self._prefilled is None:
                self._prefilled = _Prefilled.start(self.metadata)
            self._check_plan(block=not self.decoder.parallel)

    def _from_cache(self) -> None:
        if self.cache is None:
            return
        for sop in self.missing:
            self._check_cancel()
            if not self.cache.has_instance(self.study_uid, self.series_uid, sop):
                continue
            data = self.cache.get_instance(self.study_uid, self.series_uid, sop)
            if data is not None:
                self._result.from_cache += 1
                self._accept(_Received(data, sop, from_cache=True))
        self._collect(0)

    def _fetch_missing(self) -> None:
        if not self.missing:
            return
        if self.hub is None:
            self._result.warnings.append(
                f"{self.label}: offline, {len(self.missing)} instance(s) missing"
            )
            return
        try:
            self._fetch_from_hub()
        except UnsupportedTransferSyntax as exc:
            if self.transfer_syntax != "*":
                raise
            self._abandon_inflight()
            self._result.warnings.append(
                f"{self.label}: {exc}; asking the hub for Explicit VR Little Endian instead"
            )
            self.transfer_syntax = ExplicitVRLittleEndian
            try:
                self._fetch_from_hub()
            except (MalformedAnswer, RequestRejected, NotFound):
                raise exc from None

    def _fetch_from_hub(self) -> None:
        if not self.done and not self._fetched_from_hub:
            if self.per_instance is not False:
                self._probe_instance(self.missing[0])  # the middle image first
            if self.missing:
                self._stream()
        elif self.per_instance is False:
            self._stream()
        else:
            self._one_by_one([sop for sop in self.missing if sop not in self._refused])
        self._collect(0)
        if self.missing:  # refused, or cut off by a malformed answer: one more chance each
            if self.per_instance is False:
                self._stream()
            else:
                self._one_by_one(self.missing)

    def _probe_instance(self, sop: str) -> None:
        """Fetch one instance; a hub that refuses single instances is streamed from."""
        try:
            self._fetch_one(sop, probing=True)
            self.per_instance = True
        except (NotFound, RequestRejected):
            self.per_instance = False

    def _stream(self) -> None:
        assert self.hub is not None
        self._result.requests += 1
        self._fetched_from_hub = True
        parts: Iterator[bytes] = self.hub.iter_series(
            self.study_uid, self.series_uid, transfer_syntax=self.transfer_syntax
        )
        index = 0
        try:
            while True:
                self._check_cancel()
                try:
                    data = next(parts)
                except StopIteration:
                    break
                except MalformedAnswer as exc:
                    # what arrived before stays; the rest gets one more chance
                    self._result.warnings.append(f"{self.label}: {exc}")
                    break
                index += 1
                self._result.downloaded_bytes += len(data)
                self._accept(_Received(data, part=index))
        finally:
            close = getattr(parts, "close", None)
            if close is not None:
                close()

    def _fetch_one(self, sop: str, *, probing: bool = False) -> None:
        assert self.hub is not None
        self._check_cancel()
        self._result.requests += 1
        self._fetched_from_hub = True
        try:
            data = self.hub.retrieve_instance(
                self.study_uid, self.series_uid, sop, transfer_syntax=self.transfer_syntax
            )
        except MalformedAnswer as exc:
            self._refuse(_Received(b"", sop), BadInstance(str(exc)))
            return
        except NotFound as exc:  # gone from the hub since the metadata was read
            if probing:
                raise
            self._refuse(_Received(b"", sop), BadInstance(str(exc)))
            return
        self._result.downloaded_bytes += len(data)
        self._accept(_Received(data, sop))

    def _one_by_one(self, sops: list[str]) -> None:
        for sop in sops:
            if sop in self.done:
                continue
            self._fetch_one(sop)
        self._collect(0)

    # -- one received file -------------------------------------------------------

    def _accept(self, item: _Received) -> None:
        """Check and decode one file: inline if native (cheap) or first, else in a worker."""
        syntax = peek_transfer_syntax(item.data)
        if syntax and syntax not in self._checked_syntaxes:
            check_decodable(syntax)
            self._checked_syntaxes.add(syntax)
        if not item.from_cache:
            self._result.transfer_syntaxes.add(syntax)
        if syntax in NATIVE or not self.decoder.parallel or not self._first_shown:
            try:
                decoded = decode_part(item.data)
            except BadInstance as exc:
                self._refuse(item, exc)
                return
            self._received(item, decoded)
        else:
            future = self.decoder.submit(decode_part, item.data)
            self._inflight[future] = item
            self._collect(self.max_in_flight)

    def _where(self, item: _Received, sop: str = "") -> str:
        sop = sop or item.sop
        if sop and sop in self.numbers:
            return self._name(sop)
        return f"part {item.part} of the series" if item.part else "an instance"

    def _refuse(self, item: _Received, error: BadInstance) -> None:
        """Not kept. Named later if still missing; fetched again like any missing one."""
        sop = item.sop or error.sop
        message = f"{self.label}: {self._where(item, sop)}: {error} (refused)"
        if item.from_cache:
            self._result.warnings.append(message + " in the cache; fetched again")
        elif sop in self.numbers:
            self._refused[sop] = message
            self._result.warnings.append(message)
        else:
            self._result.warnings.append(message)

    def _received(self, item: _Received, decoded: DecodedInstance) -> None:
        if decoded.study_uid != self.study_uid or decoded.series_uid != self.series_uid:
            self._refuse(item, BadInstance("belongs to another study or series"))
            return
        if item.sop and decoded.sop_instance_uid != item.sop:
            self._refuse(item, BadInstance("is another instance than the one asked for"))
            return
        sop = decoded.sop_instance_uid
        if sop not in self.numbers:
            self._result.warnings.append(f"{self.label}: an instance not in the metadata, ignored")
            return
        if sop in self.done:
            return
        if not item.from_cache and self.cache is not None:
            self.cache.put_instance(self.study_uid, self.series_uid, sop, item.data)
        self.done.add(sop)
        self._refused.pop(sop, None)
        if not self._first_shown:
            self._showfirst_value(decoded)
        if self.volumes is not None:
            self._place(decoded)
        else:  # rescaled now, while the plan is computed: placing it later is a copy
            self._pending[sop] = prescale(decoded, *self._rescale_of(sop))
            self._check_plan(block=False)
        if self.callbacks.on_progress is not None:
            self.callbacks.on_progress(self.series_uid, len(self.done), len(self.order))

    def _collect(self, limit: int) -> None:
        """Handle finished decodes until at most ``limit`` are still running."""
        while self._inflight:
            finished = [f for f in self._inflight if f.done()]
            if not finished:
                if len(self._inflight) <= limit:
                    break
                self._check_cancel()
                wait(self._inflight, timeout=0.2, return_when=FIRST_COMPLETED)
                continue
            for future in finished:
                item = self._inflight.pop(future)
                try:
                    decoded = future.result()
                except BadInstance as exc:
                    self._refuse(item, exc)
                    continue
                self._received(item, decoded)
        self._check_plan(block=False)

    def _abandon_inflight(self) -> None:
        for future in self._inflight:
            future.cancel()
        self._inflight.clear()

    def _salvage(self) -> None:
        """After a network cut: keep what was received, and show the plan."""
        try:
            self._collect(0)
            self._check_plan(block=True)
        except (Canceled, UnsupportedTransferSyntax):
            pass

    def _finish(self) -> None:
        self._collect(0)
        self._check_plan(block=True)

    # -- plan and placement ------------------------------------------------------

    def _showfirst_value(self, decoded: DecodedInstance) -> None:
        self._first_shown = True
        if self.callbacks.on_first_image is None or not decoded.frames:
            return
        frame = decoded.frames[len(decoded.frames) // 2]
        item = next(
            (m for m in self.metadata or [] if first_value(m, SOP_UID) == decoded.sop_instance_uid),
            {},
        )
        values = frame.astype(np.float32)
        if not decoded.lut_applied:
            slope, intercept = first_value(item, SLOPE), first_value(item, INTERCEPT)
            values *= np.float32(slope if slope is not None else 1.0)
            values += np.float32(intercept if intercept is not None else 0.0)
        width, center = first_value(item, WIDTH), first_value(item, CENTER)
        window = (float(width), float(center)) if width is not None and center is not None else None
        number = self.numbers.get(decoded.sop_instance_uid, "")
        image = FirstImage(
            decoded.sop_instance_uid,
            number,
            values,
            window,
            orientation=_floats(item, "00200037"),
            pixel_spacing=_floats(item, "00280030"),
            modality=str(first_value(item, "00080060") or ""),
        )
        self.callbacks.on_first_image(self.series_uid, image)

    def _check_plan(self, *, block: bool) -> None:
        future = self._plan_future
        if future is None or (not block and not future.done()):
            return
        self._plan_future = None
        try:
            outcome = future.result()
        except BrokenExecutor:
            raise
        except Exception as exc:  # malformed metadata that pydicom or assembly refuse
            outcome = PlanOutcome(None, f"the headers cannot be read ({type(exc).__name__})")
        plan = outcome.plan
        not_volumes = plan.not_volumes if plan is not None else outcome.not_volumes
        if plan is not None:
            for v, volume_plan in enumerate(plan.volumes):
                for k, source in enumerate(volume_plan.sources):
                    if source is not None:
                        placement = (v, k, source.frame or 0)
                        self._placement.setdefault(source.sop_instance_uid, []).append(placement)
        for part in not_volumes:
            for f in part.frames:  # frame None: a classic instance, maybe multi-frame
                self._others.setdefault(f.sop_instance_uid, []).append(f.frame)
        volumes = self._allocate(plan) if plan is not None else []
        self.volumes = SeriesVolumes(self.series_uid, plan, volumes, not_volumes, outcome.reason)
        if not volumes:
            reason = note("not_a_volume_reason", reason=outcome.reason)
            self._result.warnings.append(labelled(self.label, reason))  # worded by the UI
        pending, self._pending = self._pending, {}
        for decoded in pending.values():  # already counted: in the volumes before on_plan
            self._place(decoded, notify=False)
        if self.callbacks.on_plan is not None:
            self.callbacks.on_plan(self.series_uid, self.volumes)

    def _allocate(self, plan: SeriesPlan) -> list[Volume]:
        """Empty volumes; every slice not about to be filled holds NOT_LOADED_VALUE.

        Like :meth:`viewer.assembly.VolumePlan.new_volume`, without writing the
        slices already received twice (a 500-slice CT is 256 MiB).
        """
        arriving = {place[:2] for sop in self._pending for place in self._placement.get(sop, [])}
        volumes = []
        prefilled, self._prefilled = self._prefilled, None
        for v, volume_plan in enumerate(plan.volumes):
            volume = replace(volume_plan, shape=(1, *volume_plan.shape[1:])).new_volume()
            volume.loaded = np.zeros(volume_plan.shape[0], dtype=bool)
            ready = prefilled.take(volume_plan.shape, volume_plan.dtype) if prefilled else None
            if ready is not None:  # filled with NOT_LOADED_VALUE while the plan was computed
                volume.array = ready
                prefilled = None
            else:
                # not np.empty: no transparent-huge-page compaction stalls (voxel_array)
                volume.array = voxel_array(volume_plan.shape, volume_plan.dtype)
                for k in range(volume_plan.shape[0]):
                    if (v, k) not in arriving:
                        volume.array[k] = NOT_LOADED_VALUE
            volumes.append(volume)
        return volumes

    def _rescale_of(self, sop: str) -> tuple[float | None, float | None]:
        """(0028,1053) Rescale Slope and (0028,1052) Intercept of ``sop``'s metadata."""
        if self._items is None:
            self._items = {str(first_value(m, SOP_UID)): m for m in self.metadata or []}
        item = self._items.get(sop, {})
        try:
            slope, intercept = first_value(item, SLOPE), first_value(item, INTERCEPT)
            return (
                float(slope) if slope is not None else None,
                float(intercept) if intercept is not None else None,
            )
        except (TypeError, ValueError):
            return None, None

    def _place(self, decoded: DecodedInstance, *, notify: bool = True) -> None:
        assert self.volumes is not None
        sop = decoded.sop_instance_uid
        for v, k, frame in self._placement.get(sop, []):
            volume = self.volumes.volumes[v]
            plan = self.volumes.plan
            assert plan is not None and volume.loaded is not None
            source = plan.volumes[v].sources[k]
            assert source is not None
            target = volume.array[k]
            try:
                stored = decoded.frames[frame]
                rescale = source.rescale if source.rescale is not None else (1.0, 0.0)
                if (
                    decoded.rescaled == rescale
                    and volume.array.dtype == np.int16
                    and stored.shape == target.shape
                ):
                    values = stored  # rescaled on arrival, as the plan says: a copy
                else:
                    if decoded.rescaled is not None:
                        stored = unscale(decoded, frame)
                    values = self._values(v, stored, source, decoded.lut_applied, target)
            except (IndexError, ValueError) as exc:
                self._result.errors.append(f"{self.label}: {self._name(sop)}: {exc}")
                volume.array[k] = NOT_LOADED_VALUE  # (float32 now, if promoted)
                continue
            if values is not target:
                volume.array[k] = values
            volume.loaded[k] = True
            if notify and self.callbacks.on_slice is not None:
                self.callbacks.on_slice(self.series_uid, v, k, volume.array[k])
        if self.callbacks.on_other_image is not None:
            for wanted in self._others.get(sop, []):
                frames = range(len(decoded.frames)) if wanted is None else [wanted]
                for frame in frames:
                    if frame < len(decoded.frames):
                        array = decoded.frames[frame]
                        if decoded.rescaled is not None:  # as stored, as promised
                            array = unscale(decoded, frame)
                        self.callbacks.on_other_image(self.series_uid, sop, frame, array)

    def _values(
        self,
        v: int,
        stored: np.ndarray,
        source: FrameHeader,
        lut_applied: bool,
        target: np.ndarray,
    ) -> np.ndarray:
        """Modality values of a slice, written into ``target`` when they can be."""
        assert self.volumes is not None
        dtype = self.volumes.volumes[v].array.dtype
        try:
            return modality_values(stored, source, dtype, lut_applied=lut_applied, out=target)
        except ValuesOutOfRange as exc:
            self._promote(v, str(exc))
            return modality_values(stored, source, np.float32, lut_applied=lut_applied)

    def _promote(self, v: int, why: str) -> None:
        """int16 overflowed: the volume becomes float32 (the viewer hears on_plan again)."""
        assert self.volumes is not None and self.volumes.plan is not None
        volume = self.volumes.volumes[v]
        volume.array = volume.array.astype(np.float32)
        self.volumes.plan.volumes[v].dtype = np.float32
        volume.warnings.append(f"voxels stored as float32: {why}")
        if self.callbacks.on_plan is not None:
            self.callbacks.on_plan(self.series_uid, self.volumes)


class _Prefilled:
    """The likely volume, allocated and filled with NOT_LOADED_VALUE in a thread.

    Started with the plan (computed in a worker process), from the metadata
    alone: one int16 slice per single-frame instance when every instance has
    the same (0028,0010) Rows and (0028,0011) Columns (the CT and MR case).
    Touching 256 MiB costs a fraction of a second of page faults; done here,
    that time overlaps the network instead of following the plan. numpy
    releases the GIL while filling. A plan of another shape leaves it unused.
    """

    def __init__(self, shape: tuple[int, int, int]) -> None:
        self.shape = shape
        self._array: np.ndarray | None = None
        self._thread = threading.Thread(target=self._fill, name="volume-prefill", daemon=True)

    @classmethod
    def start(cls, metadata: list[JsonDataset]) -> _Prefilled | None:
        sizes = set()
        for item in metadata:
            frames = first_value(item, FRAMES)
            if frames not in (None, 1, "1"):
                return None
            sizes.add((first_value(item, ROWS), first_value(item, COLUMNS)))
        if len(sizes) != 1:
            return None
        rows, columns = sizes.pop()
        if not isinstance(rows, int) or not isinstance(columns, int) or rows < 1 or columns < 1:
            return None
        prefilled = cls((len(metadata), rows, columns))
        prefilled._thread.start()
        return prefilled

    def _fill(self) -> None:
        array = voxel_array(self.shape, np.int16)
        array.fill(NOT_LOADED_VALUE)
        self._array = array

    def take(self, shape: tuple[int, ...], dtype: npt.DTypeLike) -> np.ndarray | None:
        """The filled array if the plan's volume has its shape and is int16, else None."""
        if tuple(shape) != self.shape or np.dtype(dtype) != np.int16:
            return None
        self._thread.join()
        array, self._array = self._array, None
        return array


@dataclass
class _Received:
    """One file from the hub or the cache, and where it came from."""

    data: bytes
    sop: str = ""  # the instance asked for ('' when streamed)
    part: int = 0  # its number in a streamed answer
    from_cache: bool = False


def _floats(item: JsonDataset, tag: str) -> tuple[float, ...] | None:
    """All values of a numeric element of a DICOM JSON item, or None (absent, not numbers)."""
    values = (item.get(tag) or {}).get("Value") or []
    try:
        return tuple(float(v) for v in values) or None
    except (TypeError, ValueError):
        return None
