"""Sending a request: images by STOW-RS, then the UPS workitem that points at them.

:func:`send_request` follows DESIGN.md "The request" and issue #6 "Sending":

1. the series go most urgent first (NCCT, CTA, CTP, MR), each in batches of
   at most ``batch_count`` instances / ``batch_bytes`` bytes; after every batch
   the SOP Instance UIDs the hub acknowledged are saved in the
   :class:`~app.ed.request.state.RequestState`;
2. as soon as the first series is wholly stored, the workitem is created
   (``POST /workitems``, PS3.18 11.4) with (0040,4041) Input Readiness State
   INCOMPLETE — the radiologist is alerted while the rest is still on its way;
3. each further series, once stored, is added to (0040,4021) Input Information
   Sequence (UpdateUPS, PS3.18 11.6: a SCHEDULED workitem needs no Transaction
   UID, PS3.4 CC.2.6), and the last one sets READY. Every listed series says
   how many images it will have ((0020,1209)) and the workitem how many the
   whole request has (``IMAGES-EXPECTED``), so that the radiologist's client
   shows "50 of 200 images on the hub" rather than a short series as whole;
   every update restates that total (images added later change it).
   When a send stops part-way, the series in flight is listed with what the
   hub stored (best effort: the hub may be what failed). Once a radiologist has
   claimed the request the workitem can no longer be updated by the ED: later
   series are then only in the study on the hub, where the radiologist's client
   finds them (a note says so);
4. without images, the workitem alone is created (protocol advice first).

Images are compressed losslessly before upload (``upload_syntax``, JPEG-LS
lossless by default, None to send the files as they are; see
:func:`app.hub.stow.for_upload`): pixel-identical, same SOP Instance UIDs, the
files themselves untouched. A hub that refuses them as "transfer syntax not
supported" (0xC122), any other 0xCxxx failure of a compressed part ("cannot
understand", e.g. no decoder), or that refuses a whole compressed request (HTTP
400, 409 or 415: a proxy, a hub without JPEG-LS) gets them again uncompressed,
once, and the rest of that request too: the request state remembers it, so a
resume starts uncompressed. A conflict (0x0111) on a compressed part (the hub
holds the instance as sent uncompressed earlier) is retried uncompressed once
and accepted when the hub then finds it identical. ``upload_syntax`` defaults
to the hub profile's setting (``upload_compression``, see
:func:`app.hub.profiles.hub_for`), JPEG-LS lossless when the hub has none.

The workitem only ever references instances the hub acknowledged. A failure
part-way (:class:`SendError`) leaves the state on disk with status ``failed``
and a message saying what is on the hub;
:func:`resume_request` (or sending the same request again) continues: the
workitem UID was chosen once, before anything was sent, so a retry never makes a
second request; instances already acknowledged are not sent again, and those
of the series in flight are looked up on the hub (QIDO-RS) first. Cancelling
(``cancel()`` true between batches) stops with status ``cancelled``, also
resumable; a workitem already created stays, INCOMPLETE (see
:func:`withdraw_request`). Synchronous, with progress and cancel callbacks:
the UI runs it in a worker thread (STYLE.md point 6).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.ed.request.form import ClinicalForm, parse_clinical
from app.ed.request.images import (
    RequestImages,
    check_expected_patient,
    patient_keywords,
)
from app.ed.request.start import (
    new_state,
    patient_of_files,
    refresh_paths,
    request_key,
    series_state,
)
from app.ed.request.state import RequestState, RequestStateStore, SeriesState
from app.hub import ups
from app.hub.errors import Conflict, HubError, NotFound, RequestRejected
from app.hub.protocol import Hub
from app.hub.stow import UPLOAD_SYNTAX, StoreResult, for_upload
from app.opinion.identity import PatientIdentity
from protocol.request import InputSeries, build_inputs_update, build_request_workitem

log = logging.getLogger("app.ed.request.send")
BATCH_COUNT = 50
BATCH_BYTES = 32 * 1024 * 1024
#: HTTP statuses of a whole STOW-RS request refused, retried uncompressed when compressed.
REFUSED_REQUEST = frozenset({400, 409, 415})
#: (0008,1197) "conflict": another instance with that SOP Instance UID is on the hub.
SOP_CONFLICT = 0x0111


class _FromHub:
    """Default of ``upload_syntax``: the hub's setting (its profile's), else JPEG-LS."""


FROM_HUB = _FromHub()
READY = "READY"
INCOMPLETE = "INCOMPLETE"


@dataclass(frozen=True)
class Progress:
    """Where a send stands, after each step (no patient data: it may be printed)."""

    stage: str  # storing, series-stored, workitem-created, workitem-updated, done
    series_done: int
    series_total: int
    instances_done: int
    instances_total: int
    series_title: str = ""
    workitem_uid: str = ""
    readiness: str = ""

    def line(self) -> str:
        """One line for a terminal or a status bar."""
        images = f"{self.instances_done}/{self.instances_total} images"
        series = f"{self.series_done}/{self.series_total} series"
        if self.stage == "storing":
            return f"storing {self.series_title}: {images}"
        if self.stage == "series-stored":
            return f"stored {self.series_title} ({series}, {images})"
        if self.stage == "workitem-created":
            return f"request {self.workitem_uid} created on the hub ({self.readiness})"
        if self.stage == "workitem-updated":
            return f"request {self.workitem_uid} updated: {series} listed ({self.readiness})"
        return f"request {self.workitem_uid} sent: {series}, {images} ({self.readiness})"


@dataclass(frozen=True)
class SendResult:
    """A request sent: its workitem and what it references."""

    request_id: str
    workitem_uid: str
    readiness: str  # (0040,4041) as last set by this client
    series_stored: int
    instances_stored: int
    resumed: bool  # an earlier, unfinished or finished, send of this request was continued
    notes: tuple[str, ...] = ()


class SendError(Exception):
    """Sending stopped; ``str()`` says why and what is on the hub. ``state`` is kept."""

    def __init__(self, message: str, state: RequestState) -> None:
        super().__init__(message)
        self.state = state


class SendCancelled(SendError):
    """The user cancelled; the state is kept and can be resumed."""


ProgressCallback = Callable[[Progress], None]
CancelCheck = Callable[[], bool]
Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now().astimezone()


def send_request(
    hub: Hub,
    images: RequestImages | None,
    form: ClinicalForm,
    *,
    on_progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    state_store: RequestStateStore | None = None,
    clock: Clock = _now,
    new: bool = False,
    batch_count: int = BATCH_COUNT,
    batch_bytes: int = BATCH_BYTES,
    upload_syntax: str | _FromHub | None = FROM_HUB,
) -> SendResult:
    """Send a request: ``images`` (None: the workitem alone) and the clinical ``form``.

    With a ``state_store``, an unfinished send of the same request (same hub,
    study, series and form) is resumed, and a finished one is not repeated
    (its result is returned) unless ``new``. Raises :class:`SendError`
    (:class:`SendCancelled`) with the state kept, :class:`ValueError` when a
    request without images names no patient, and
    :class:`app.ed.request.images.IdentityMismatch` when the form's patient is not
    the images'.
    """
    if images is None and form.patient is None:
        raise ValueError("a request without images needs the patient's identity (name or ID)")
    if images is not None:
        check_expected_patient(images, form.patient)
    state = None
    if state_store is not None and not new:
        state = state_store.find(request_key(hub.base_url, images, form))
    resumed = state is not None
    if state is None:
        state = new_state(hub.base_url, images, form, now=clock())
    elif images is not None:
        refresh_paths(state, images)
    patient = images.patient if images is not None else form.patient
    assert patient is not None
    run = _Send(
        hub, state, form=form, patient=patient, store=state_store,
        on_progress=on_progress, cancel=cancel, clock=clock, upload_syntax=upload_syntax,
    )  # fmt: skip
    return run.run(batch_count=batch_count, batch_bytes=batch_bytes, resumed=resumed)


def resume_request(
    hub: Hub,
    state_store: RequestStateStore,
    request_id: str,
    *,
    on_progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    clock: Clock = _now,
    batch_count: int = BATCH_COUNT,
    batch_bytes: int = BATCH_BYTES,
    upload_syntax: str | _FromHub | None = FROM_HUB,
) -> SendResult:
    """Continue a saved send (after a failure, a cancel or a crash) from its state."""
    state = state_store.load(request_id)
    if state.hub_url != hub.base_url.rstrip("/"):
        raise ValueError("this request was being sent to another hub")
    form = parse_clinical(state.form, now=datetime.fromisoformat(state.created))
    if state.patient_from_form:
        if form.patient is None:
            raise ValueError("the saved request names no patient")
        patient = form.patient
    else:
        patient = patient_of_files(state)
    run = _Send(
        hub, state, form=form, patient=patient, store=state_store,
        on_progress=on_progress, cancel=cancel, clock=clock, upload_syntax=upload_syntax,
    )  # fmt: skip
    return run.run(batch_count=batch_count, batch_bytes=batch_bytes, resumed=True)


def add_images(
    hub: Hub,
    state_store: RequestStateStore,
    request_id: str,
    images: RequestImages,
    *,
    on_progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    clock: Clock = _now,
    batch_count: int = BATCH_COUNT,
    batch_bytes: int = BATCH_BYTES,
    upload_syntax: str | _FromHub | None = FROM_HUB,
) -> SendResult:
    """Add series (or instances) that arrived later to a request sent or being sent.

    The new images are stored and the workitem's inputs updated (INCOMPLETE
    until they are all on the hub, then READY), unless a radiologist has
    claimed it already: they are then in the study only (a note says so).
    """
    state = state_store.load(request_id)
    if state.patient_from_form:
        raise ValueError("this request was sent without images: send the images as a new request")
    if images.study_uid not in {s.study_uid for s in state.series}:
        raise ValueError("these images are of another study than the request's")
    check_expected_patient(images, patient_of_files(state))
    known = {s.series_uid: s for s in state.series}
    for series in images.series:
        existing = known.get(series.series_uid)
        if existing is None:
            state.series.append(series_state(series))
            continue
        have = {sop for _, sop in existing.instances}
        for path, instance in zip(series.paths, series.instances, strict=True):
            if instance[1] not in have:
                existing.paths.append(str(path))
                existing.instances.append(list(instance))
    state.status = "sending"
    state_store.save(state)
    return resume_request(
        hub, state_store, request_id, on_progress=on_progress, cancel=cancel, clock=clock,
        batch_count=batch_count, batch_bytes=batch_bytes, upload_syntax=upload_syntax,
    )  # fmt: skip


def withdraw_request(hub: Hub, state: RequestState, reason: str) -> None:
    """Ask the hub to cancel the request's workitem (UPS RequestCancellation, PS3.18 11.8)."""
    if state.workitem == "none":
        return
    hub.request_cancellation(state.workitem_uid, reason)


def _batches(
    pending: Sequence[tuple[str, str]], count: int, max_bytes: int
) -> Iterator[list[tuple[str, str]]]:
    batch: list[tuple[str, str]] = []
    size = 0
    for path, sop in pending:
        length = Path(path).stat().st_size
        if batch and (len(batch) >= count or size + length > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append((path, sop))
        size += length
    if batch:
        yield batch


class _Send:
    """One run of a send: the steps of the module docstring, saving after each."""

    def __init__(
        self,
        hub: Hub,
        state: RequestState,
        *,
        form: ClinicalForm,
        patient: PatientIdentity,
        store: RequestStateStore | None,
        on_progress: ProgressCallback | None,
        cancel: CancelCheck | None,
        clock: Clock,
        upload_syntax: str | _FromHub | None = FROM_HUB,
    ) -> None:
        if isinstance(upload_syntax, _FromHub):
            upload_syntax = getattr(hub, "upload_syntax", UPLOAD_SYNTAX)
        self.upload_syntax: str | None = None if state.upload_uncompressed else upload_syntax
        self.hub = hub
        self.state = state
        self.form = form
        self.patient = patient
        self.store = store
        self.on_progress = on_progress
        self.cancel = cancel
        self.clock = clock
        self._failing = False

    def run(self, *, batch_count: int, batch_bytes: int, resumed: bool) -> SendResult:
        state = self.state
        if state.finished:
            return self._result(resumed=True)
        missing = [p for s in state.series for p, _ in s.pending() if not Path(p).is_file()]
        if missing:
            raise self._fail(f"{len(missing)} image files of the request are no longer there")
        state.status, state.last_error = "sending", ""
        self._save()
        if resumed:
            self._recover()
        for series in state.series:
            if not series.complete:
                self._store(series, batch_count, batch_bytes)
            self._sync_workitem()
        self._sync_workitem()
        state.status = "done"
        self._save()
        self._report("done")
        return self._result(resumed=resumed)

    # -- steps ----------------------------------------------------------------

    def _recover(self) -> None:
        """After a failure: what did the hub store that the state does not know of?"""
        for series in self.state.series:
            if series.complete or not series.pending():
                continue
            try:
                found = self.hub.search_instances(
                    series.study_uid, series.series_uid, includefield=["00080018"]
                )
            except HubError:
                return  # resending is harmless (STOW is idempotent); the send will tell
            on_hub = {str(ups.first_value(item, "00080018") or "") for item in found}
            wanted = {sop for _, sop in series.instances}
            series.stored += sorted((on_hub & wanted) - set(series.stored))
        self._save()

    def _store(self, series: SeriesState, batch_count: int, batch_bytes: int) -> None:
        self._report("storing", series)
        for batch in _batches(series.pending(), batch_count, batch_bytes):
            if self.cancel is not None and self.cancel():
                self._list_partial()
                self.state.status = "cancelled"
                self._save()
                raise SendCancelled(f"sending cancelled; {self._where()}", self.state)
            try:
                result = self._store_batch(batch, series.study_uid)
            except HubError as exc:
                raise self._fail(f"storing {series.title} failed: {exc}") from exc
            sent = {sop for _, sop in batch}
            series.stored += sorted((result.stored_uids & sent) - set(series.stored))
            self._save()
            self._report("storing", series)
            if not result.ok:
                raise self._fail(f"the hub did not store all of {series.title}: {result.summary()}")
        self._report("series-stored", series)

    def _store_batch(self, batch: list[tuple[str, str]], study_uid: str) -> StoreResult:
        """STOW-RS one batch, compressed losslessly (``upload_syntax``) where possible.

        A hub that refuses the compressed request as a whole (HTTP 400, 409,
        415) or compressed instances with a 0xCxxx failure gets them again
        uncompressed, and so does the rest of this request (remembered in its
        state). A conflict (0x0111) on a compressed instance is retried
        uncompressed once: the hub may hold it as sent uncompressed before.
        """
        sources = [for_upload(Path(p), self.upload_syntax) for p, _ in batch]
        compressed = {
            sop for (_, sop), src in zip(batch, sources, strict=True) if isinstance(src, bytes)
        }
        try:
            result = self.hub.store_instances(sources, study_uid)
        except HubError as exc:
            if not compressed or exc.status not in REFUSED_REQUEST:
                raise
            self._uncompressed(f"HTTP {exc.status}")
            return self.hub.store_instances([Path(p) for p, _ in batch], study_uid)
        refused = {
            f.sop_instance_uid
            for f in result.failed
            if f.reason_code is not None and f.reason_code & 0xF000 == 0xC000
        } & compressed
        conflicts = {
            f.sop_instance_uid for f in result.failed if f.reason_code == SOP_CONFLICT
        } & compressed
        if refused:
            codes = {f.reason_code for f in result.failed if f.sop_instance_uid in refused}
            self._uncompressed(", ".join(f"0x{c or 0:04X}" for c in sorted(c or 0 for c in codes)))
        again = refused | conflicts
        if again:
            result.failed = [f for f in result.failed if f.sop_instance_uid not in again]
            result.sent = [uid for uid in result.sent if uid not in again]
            paths = [Path(p) for p, sop in batch if sop in again]
            result.merge(self.hub.store_instances(paths, study_uid))
        return result

    def _uncompressed(self, why: str) -> None:
        """The hub refused compressed uploads: the rest of this request goes uncompressed."""
        log.info("the hub refused %s uploads (%s): sending uncompressed", self.upload_syntax, why)
        self.upload_syntax = None
        self.state.upload_uncompressed = True
        self._save()

    def _inputs(self, listable: list[SeriesState]) -> list[InputSeries]:
        """Input Information Sequence items: stored instances only, never the others."""
        base = self.hub.base_url.rstrip("/")
        return [
            InputSeries(
                s.study_uid,
                s.series_uid,
                s.stored_instances(),
                f"{base}/studies/{s.study_uid}/series/{s.series_uid}",
                expected=len(s.instances),
            )
            for s in listable
        ]

    def _sync_workitem(self, *, partial: bool = False) -> None:
        """Create the workitem, or bring its inputs and readiness up to date.

        A series is listed once wholly stored; one that grew afterwards (more
        instances received) stays listed with its stored instances. With
        ``partial`` (a send stopping part-way), a series with some instances on
        the hub is listed too, with its expected count.
        """
        state = self.state
        listable = [
            s for s in state.series if s.complete or s.in_workitem or (partial and s.stored)
        ]
        if state.series and not listable:
            return  # no workitem before its first series is on the hub
        complete = all(s.complete for s in state.series)
        readiness = READY if complete else INCOMPLETE
        if state.workitem in ("none", "creating") and self._create(listable, readiness):
            return
        if state.workitem == "claimed":
            return
        if state.readiness == readiness and all(
            s.listed == len(s.stored_instances()) for s in listable
        ):
            return
        update = build_inputs_update(  # the total too: images added later change it
            self.form.to_request(), self._inputs(listable), readiness=readiness,
            images_expected=state.instances_total,
        )  # fmt: skip
        try:
            self.hub.update_workitem(state.workitem_uid, None, update)
        except (Conflict, RequestRejected) as exc:
            if self._claimed():
                return
            raise self._fail(f"updating the request on the hub failed: {exc}") from exc
        except HubError as exc:
            raise self._fail(f"updating the request on the hub failed: {exc}") from exc
        self._listed(listable, readiness)
        self._report("workitem-updated")

    def _create(self, listable: list[SeriesState], readiness: str) -> bool:
        """POST /workitems; False when it existed already (an earlier try): update it then."""
        state = self.state
        body = build_request_workitem(
            self.form.to_request(),
            patient=patient_keywords(self.patient),
            inputs=self._inputs(listable),
            scheduled=self.clock(),
            priority=self.form.priority,
            workitem_uid=state.workitem_uid,
            readiness=readiness,
            images_expected=state.instances_total if state.series else None,
        )
        state.workitem = "creating"
        self._save()
        try:
            state.workitem_uid = self.hub.create_workitem(body, state.workitem_uid)
        except Conflict as exc:
            try:  # the UID is this request's own: an earlier try created it
                self.hub.retrieve_workitem(state.workitem_uid)
            except HubError:
                raise self._fail(f"creating the request on the hub failed: {exc}") from exc
            state.workitem, state.readiness = "created", ""
            for series in state.series:
                series.listed = 0
            self._save()
            return False
        except HubError as exc:
            raise self._fail(f"creating the request on the hub failed: {exc}") from exc
        state.workitem = "created"
        self._listed(listable, readiness)
        self._report("workitem-created")
        return True

    def _claimed(self) -> bool:
        """Whether a refused update is due to a radiologist having claimed the request."""
        try:
            item = self.hub.retrieve_workitem(self.state.workitem_uid)
        except (NotFound, HubError):
            return False
        if ups.state_of(item) == ups.SCHEDULED:
            return False
        self.state.workitem = "claimed"
        self.state.notes.append(
            f"the request was already {ups.state_of(item)} when more series arrived: they are "
            "in the study on the hub, where the radiologist's viewer finds them, but not "
            "listed in the request"
        )
        self._save()
        return True

    def _listed(self, listable: list[SeriesState], readiness: str) -> None:
        names = {s.series_uid for s in listable}
        for series in self.state.series:
            series.listed = len(series.stored_instances()) if series.series_uid in names else 0
        self.state.readiness = readiness
        self._save()

    # -- plumbing ---------------------------------------------------------------

    def _where(self) -> str:
        state = self.state
        done = sum(1 for s in state.series if s.complete)
        text = (
            f"{done} of {len(state.series)} series ({state.instances_stored} of "
            f"{state.instances_total} images) are on the hub"
        )
        if state.workitem in ("created", "claimed"):
            listed = sum(1 for s in state.series if s.in_workitem)
            text += f"; request {state.workitem_uid} lists {listed} ({state.readiness})"
        elif state.workitem == "creating":
            text += "; the request may or may not have been created"
        else:
            text += "; no request was created yet"
        return text

    def _list_partial(self) -> None:
        """Stopping part-way: list the series in flight with what the hub has (best effort)."""
        state = self.state
        if state.workitem != "created":
            return
        if not any(s.stored and not s.complete and not s.in_workitem for s in state.series):
            return
        # When the hub is what failed, the workitem keeps saying INCOMPLETE, with its totals.
        with contextlib.suppress(SendError):
            self._sync_workitem(partial=True)

    def _fail(self, message: str) -> SendError:
        self.state.status = "failed"
        self.state.last_error = message
        self._save()
        if not self._failing:
            self._failing = True
            try:
                self._list_partial()
            finally:
                self._failing = False
            self.state.status, self.state.last_error = "failed", message
            self._save()
        return SendError(
            f"{message}. {self._where()}. The request is saved: send it again to resume "
            f"(request id {self.state.request_id}).",
            self.state,
        )

    def _save(self) -> None:
        if self.store is not None:
            self.store.save(self.state)

    def _report(self, stage: str, series: SeriesState | None = None) -> None:
        if self.on_progress is None:
            return
        state = self.state
        self.on_progress(
            Progress(
                stage=stage,
                series_done=sum(1 for s in state.series if s.complete),
                series_total=len(state.series),
                instances_done=state.instances_stored,
                instances_total=state.instances_total,
                series_title=series.title if series else "",
                workitem_uid=state.workitem_uid,
                readiness=state.readiness,
            )
        )

    def _result(self, *, resumed: bool) -> SendResult:
        state = self.state
        return SendResult(
            request_id=state.request_id,
            workitem_uid=state.workitem_uid,
            readiness=state.readiness,
            series_stored=sum(1 for s in state.series if s.complete),
            instances_stored=state.instances_stored,
            resumed=resumed,
            notes=tuple(state.notes),
        )
