"""The outbox: signed opinions wait here, sealed on disk, until the hub has them (invariant 4).

An opinion the radiologist sends is first *submitted* here: its objects (SR,
PDF, key images, KOS) are built once, their Part 10 bytes sealed on disk
with the opinion and the claim (:mod:`app.store.sealed`), and only then does
:meth:`Outbox.process_once` send them (:mod:`app.outbox.delivery`): STOW-RS of
the objects, then the UPS-RS step — output references on the workitem for a
preliminary opinion (it stays IN PROGRESS), output references, Final State
attributes and COMPLETED for the final one.

Every item is a small state machine (STYLE.md point 8, :data:`TRANSITIONS`)::

    WAITING --start--> SENDING --delivered--> DELIVERED
                          |--retry-later--> WAITING   (hub down, 5xx…: backoff)
                          |--interrupt----> WAITING   (cancelled, or found SENDING at start-up)
                          '--fail---------> FAILED    (refused: the user retries or exports)
    FAILED --retry--> WAITING

Progress within an item is recorded step by step (objects the hub
acknowledged, workitem done), so an item interrupted anywhere — even by
``kill -9`` between the STOW and the completion — resumes where it stopped
and sends nothing twice; and what it does send again is identical (same
bytes, same UIDs), which the hub takes as success. Items of one request go
in the order they were submitted: a final opinion waits for the
preliminary one before it.

Layout (names are keyed hashes)::

    outbox/<name(item)>/item.bin          the record (JSON), sealed
    outbox/<name(item)>/object-<i>.bin    object i's Part 10 bytes, sealed

The objects are removed once delivered (the hub has them); the record stays
for the history until :meth:`Outbox.purge_delivered`. The audit trail gets
UIDs only: identity overrides when submitted, deliveries and definitive
failures.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import pydicom

from app.hub.backoff import Backoff
from app.hub.errors import HubError, NotFound
from app.hub.protocol import Hub
from app.hub.ups import CANCELED, COMPLETED, SCHEDULED, state_of
from app.opinion.build import OpinionDocuments
from app.opinion.drafts import restore_opinion
from app.opinion.model import Opinion, Radiologist, ReportKind
from app.opinion.schema import opinion_to_dict
from app.outbox import delivery as d
from app.outbox.item import (
    TRANSITIONS,
    DeliveryEvent,
    DeliveryState,
    InvalidTransition,
    ItemStatus,
    OutboxItem,
    item_id,
    next_state,
)
from app.store.sealed import SealedBox, Unreadable, private_folder, remove_leftovers, write_atomic

S = DeliveryState

log = logging.getLogger("app.outbox.store")

ITEM_FILE = "item.bin"


class AuditTrail(Protocol):
    """What the outbox needs of :class:`app.store.audit.AuditLog`."""

    def append(self, what: str, **fields: Any) -> Any: ...


def default_outbox_dir(profile: str) -> Path:
    """``outbox/<profile>`` in platformdirs' user data folder: one outbox per hub profile.

    An outbox sends everything it holds to the hub its ``hub_factory`` makes,
    so items for two hubs must not share a folder.
    """
    import platformdirs

    return Path(platformdirs.user_data_dir("strokelink", appauthor=False)) / "outbox" / profile


def _close(hub: object) -> None:
    close = getattr(hub, "close", None)
    if callable(close):
        with contextlib.suppress(Exception):
            close()


class Outbox:
    """The persistent queue of signed opinions (see the module docstring).

    ``hub_factory`` makes a hub client for one pass of :meth:`process_once`;
    ``clock`` gives aware datetimes; ``audit`` is the audit trail (optional);
    ``checkpoint(item_id, step)`` is called after each recorded step
    (``"stored"``, ``"workitem"``) — tests raise from it to simulate a crash.
    Listeners get an :class:`ItemStatus` at every change (from the calling
    thread: the UI hands it to the GUI thread).
    """

    def __init__(
        self,
        folder: Path,
        box: SealedBox,
        hub_factory: Callable[[], Hub],
        clock: Callable[[], dt.datetime],
        audit: AuditTrail | None = None,
        *,
        backoff: Backoff | None = None,
        checkpoint: Callable[[str, str], None] | None = None,
    ) -> None:
        self.folder = private_folder(Path(folder))
        self.box = box
        self.hub_factory = hub_factory
        self.clock = clock
        self.audit = audit
        self.backoff = backoff or Backoff()
        self.checkpoint = checkpoint
        self.unreadable = 0  # item records that could not be opened at start-up
        self._items: dict[str, OutboxItem] = {}
        self._lock = threading.RLock()
        self._busy = threading.Lock()
        self._listeners: list[Callable[[ItemStatus], None]] = []
        self._load()

    # -- persistence -----------------------------------------------------------

    def _item_folder(self, id: str) -> Path:
        return self.box.locate(self.folder, "item", id)

    def _load(self) -> None:
        for folder in sorted(p for p in self.folder.iterdir() if p.is_dir()):
            remove_leftovers(folder)
            path = folder / ITEM_FILE
            if not path.is_file():
                shutil.rmtree(folder, ignore_errors=True)  # a submission that never finished
                continue
            try:
                item = OutboxItem.from_record(json.loads(self.box.read(path, "outbox-item")))
            except (Unreadable, ValueError, KeyError, TypeError, OSError):
                self.unreadable += 1
                log.warning(
                    "an outbox item could not be read (damaged, or sealed with another key)"
                )
                continue
            if self.box.place(folder, "item", item.id) is None:
                self.unreadable += 1
                continue
            if item.state is DeliveryState.SENDING:  # the process stopped while sending
                item.state = next_state(item.state, DeliveryEvent.INTERRUPT)
                item.reason = "interrupted while sending; it resumes where it stopped"
                item.next_try = self.clock()
                self._save(item)
            self._items[item.id] = item

    def _save(self, item: OutboxItem) -> None:
        data = json.dumps(item.to_record(), ensure_ascii=False, separators=(",", ":"))
        self.box.write(self._item_folder(item.id) / ITEM_FILE, data.encode("utf-8"), "outbox-item")

    def _object_path(self, id: str, index: int) -> Path:
        return self._item_folder(id) / f"object-{index}.bin"

    def _object_bytes(self, item: OutboxItem, index: int) -> bytes:
        return self.box.read(self._object_path(item.id, index), f"object:{item.id}:{index}")

    # -- reading ---------------------------------------------------------------

    def subscribe(self, listener: Callable[[ItemStatus], None]) -> None:
        self._listeners.append(listener)

    def _status(self, item: OutboxItem) -> ItemStatus:
        identity = (item.opinion.get("request") or {}).get("identity") or {}
        sr = next((o for o in item.objects if o.role == "sr"), item.objects[-1])
        return ItemStatus(
            id=item.id, state=item.state, reason=item.reason, note=item.note, kind=item.kind,
            amendment=item.amendment, study_uid=item.study_uid, workitem_uid=item.workitem_uid,
            sr_instance_uid=sr.sop_instance_uid, patient_name=str(identity.get("name", "")),
            signed_at=item.signed_at, submitted_at=item.submitted_at, attempts=item.attempts,
            next_try=item.next_try, delivered_at=item.delivered_at,
            objects_stored=len(set(item.stored)), objects_total=len(item.objects),
        )  # fmt: skip

    def _notify(self, item: OutboxItem) -> None:
        status = self._status(item)
        for listener in list(self._listeners):
            listener(status)

    def items(self) -> list[ItemStatus]:
        """Every item, in the order submitted."""
        with self._lock:
            return [self._status(i) for i in sorted(self._items.values(), key=lambda i: i.sequence)]

    def status(self, id: str) -> ItemStatus:
        """One item's status; KeyError for an unknown id."""
        with self._lock:
            return self._status(self._items[id])

    def pending(self) -> list[ItemStatus]:
        """Items the outbox will still send by itself (waiting or sending)."""
        return [s for s in self.items() if s.state in (S.WAITING, S.SENDING)]

    def undelivered(self) -> list[ItemStatus]:
        """Items not delivered, failed ones included: ask before quitting when not empty."""
        return [s for s in self.items() if s.state is not S.DELIVERED]

    def next_due(self) -> dt.datetime | None:
        """When :meth:`process_once` next has something to send (None: nothing waits)."""
        with self._lock:
            times = [
                i.next_try or i.submitted_at for i in self._items.values() if i.state is S.WAITING
            ]
        return min(times) if times else None

    def opinion(self, id: str) -> Opinion:
        """The signed opinion of an item, as submitted."""
        with self._lock:
            return restore_opinion(self._items[id].opinion)[0]

    # -- submitting ------------------------------------------------------------

    def submit(
        self,
        opinion: Opinion,
        documents: OpinionDocuments,
        *,
        workitem_uid: str | None,
        transaction_uid: str | None,
        final: bool | None = None,
        started_at: dt.datetime | None = None,
    ) -> ItemStatus:
        """Queue a signed opinion with the documents built for it; returns its status.

        ``workitem_uid`` and the claim's ``transaction_uid`` name the request
        to update (preliminary) or complete (``final``, by default when the
        opinion is FINAL); ``workitem_uid=None`` stores the documents only
        (e.g. an amendment after the request was completed). ``started_at``
        is when the reading started ((0040,4050); default: the signing time).
        Submitting the same signed opinion again returns the queued item.
        """
        if not opinion.is_signed or opinion.uids is None or opinion.signed_at is None:
            raise ValueError("only a signed opinion can be sent")
        if str(documents.sr.SOPInstanceUID) != opinion.uids.sr_instance:
            raise ValueError("these documents were not built from this signed opinion")
        if workitem_uid and not transaction_uid:
            raise ValueError("updating the request needs the claim's Transaction UID")
        final = opinion.kind is ReportKind.FINAL if final is None else final
        step = d.UpsStep.NONE if not workitem_uid else (
            d.UpsStep.COMPLETE if final else d.UpsStep.UPDATE
        )  # fmt: skip
        id = item_id(opinion.uids.sr_instance)
        with self._lock:
            if id in self._items:
                return self._status(self._items[id])
            objects = d.objects_of(documents)
            now = self.clock()
            item = OutboxItem(
                id=id, sequence=max((i.sequence for i in self._items.values()), default=0) + 1,
                study_uid=str(documents.sr.StudyInstanceUID), workitem_uid=workitem_uid or None,
                transaction_uid=transaction_uid if workitem_uid else None, step=step,
                kind=ReportKind.FINAL if final else ReportKind.PRELIMINARY,
                amendment=opinion.is_amendment, opinion=opinion_to_dict(opinion),
                objects=[obj for obj, _ in objects], submitted_at=now,
                started_at=started_at or opinion.signed_at, signed_at=opinion.signed_at,
                next_try=now,
            )  # fmt: skip
            folder = self._item_folder(id)
            shutil.rmtree(folder, ignore_errors=True)  # a half-written earlier try
            private_folder(folder)
            for index, (_, data) in enumerate(objects):
                write_atomic(
                    self._object_path(id, index), self.box.seal(data, f"object:{id}:{index}")
                )
            self._save(item)  # the item exists from here on
            self._items[id] = item
        if opinion.identity_override is not None:
            self._audit(
                "identity-override", item, outcome="ok", reason="user-override",
                sop_instance_uid=opinion.uids.sr_instance,
            )  # fmt: skip
        self._notify(item)
        return self._status(item)

    # -- user actions ----------------------------------------------------------

    def retry(self, id: str) -> ItemStatus:
        """Send a failed or waiting item at the next :meth:`process_once`, backoff reset."""
        with self._lock:
            item = self._items[id]
            item.state = next_state(item.state, DeliveryEvent.RETRY)
            item.next_try = self.clock()
            item.attempts = 0
            self._save(item)
        self._notify(item)
        return self._status(item)

    def export(self, id: str, folder: Path) -> list[Path]:
        """Write an undelivered item's objects as DICOM files (and ``opinion.pdf``) to ``folder``.

        The fallback when the hub cannot be reached: the files are *not*
        encrypted, they are for the user to carry. Raises ValueError once
        delivered (the objects are on the hub, no longer here).
        """
        with self._lock:
            item = self._items[id]
            if item.state is S.DELIVERED:
                raise ValueError("this opinion was delivered; its documents are on the hub")
            folder.mkdir(parents=True, exist_ok=True)
            written: list[Path] = []
            counts: dict[str, int] = {}
            for index, obj in enumerate(item.objects):
                data = self._object_bytes(item, index)
                counts[obj.role] = counts.get(obj.role, 0) + 1
                suffix = f"-{counts[obj.role]:02d}" if obj.role == "key-image" else ""
                path = folder / f"opinion-{obj.role}{suffix}.dcm"
                path.write_bytes(data)
                written.append(path)
                if obj.role == "pdf":
                    ds = pydicom.dcmread(path)
                    size = int(ds.get("EncapsulatedDocumentLength", len(ds.EncapsulatedDocument)))
                    pdf = folder / "opinion.pdf"
                    pdf.write_bytes(bytes(ds.EncapsulatedDocument)[:size])
                    written.append(pdf)
            return written

    def purge_delivered(self, older_than: dt.timedelta) -> int:
        """Forget delivered items delivered more than ``older_than`` ago; returns how many."""
        now = self.clock()
        with self._lock:
            old = [
                i for i in self._items.values()
                if i.state is S.DELIVERED and i.delivered_at and now - i.delivered_at > older_than
            ]  # fmt: skip
            for item in old:
                shutil.rmtree(self._item_folder(item.id), ignore_errors=True)
                del self._items[item.id]
        return len(old)

    # -- sending ---------------------------------------------------------------

    def _blocked(self, item: OutboxItem) -> bool:
        """An earlier item of the same request is not sent yet: keep their order."""
        return item.workitem_uid is not None and any(
            other.sequence < item.sequence
            and other.workitem_uid == item.workitem_uid
            and other.state in (S.WAITING, S.SENDING)
            for other in self._items.values()
        )

    def process_once(
        self,
        *,
        progress: Callable[[int, int, str], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> list[ItemStatus]:
        """Send every item that is due, in order; returns the statuses of those tried.

        Synchronous (run it off the GUI thread). ``progress(done, total,
        message)`` is called between steps; ``cancel()`` returning True stops
        before the next step (the item goes back to waiting). A call while
        another one runs returns ``[]`` at once.
        """
        if not self._busy.acquire(blocking=False):
            return []
        hub: Hub | None = None
        tried: list[ItemStatus] = []
        try:
            now = self.clock()
            with self._lock:
                due = sorted(
                    (i for i in self._items.values()
                     if i.state is S.WAITING and (i.next_try is None or i.next_try <= now)),
                    key=lambda i: i.sequence,
                )  # fmt: skip
            total = 2 * len(due)
            for number, item in enumerate(due):
                if cancel is not None and cancel():
                    break
                with self._lock:
                    if item.state is not S.WAITING or self._blocked(item):
                        continue
                if progress is not None:
                    progress(2 * number, total, f"sending the {item.kind.value} opinion")
                if hub is None:
                    try:
                        hub = self.hub_factory()
                    except HubError as exc:
                        self._start(item)
                        self._failed(item, d.classify(exc))
                        tried.append(self._status(item))
                        continue
                self._send(hub, item, cancel)
                tried.append(self._status(item))
            if progress is not None:
                progress(total, total, "outbox processed")
        finally:
            if hub is not None:
                _close(hub)
            self._busy.release()
        return tried

    def _start(self, item: OutboxItem) -> None:
        with self._lock:
            item.state = next_state(item.state, DeliveryEvent.START)
            item.attempts += 1
            item.last_try = self.clock()
            self._save(item)
        self._notify(item)

    def _send(self, hub: Hub, item: OutboxItem, cancel: Callable[[], bool] | None) -> None:
        self._start(item)
        try:
            pending = [
                (obj, index) for index, obj in enumerate(item.objects)
                if obj.sop_instance_uid not in item.stored
            ]  # fmt: skip
            if pending:
                data = [(obj, self._object_bytes(item, index)) for obj, index in pending]
                outcome = d.store_objects(hub, item.study_uid, data)
                with self._lock:
                    item.stored = list(dict.fromkeys([*item.stored, *outcome.stored]))
                    self._save(item)
                if outcome.failure is not None:
                    self._failed(item, outcome.failure)
                    return
                if self.checkpoint is not None:
                    self.checkpoint(item.id, "stored")
            if cancel is not None and cancel():
                self._interrupt(item, "sending paused")
                return
            if item.step is not d.UpsStep.NONE and not item.workitem_done:
                failure = self._workitem_step(hub, item)
                if failure is not None:
                    self._failed(item, failure)
                    return
                with self._lock:
                    item.workitem_done = True
                    self._save(item)
                if self.checkpoint is not None:
                    self.checkpoint(item.id, "workitem")
            self._delivered(item)
        except HubError as exc:
            self._failed(item, d.classify(exc))
        except Unreadable:
            damaged = "the opinion's documents in the outbox are damaged or sealed with another key"
            self._failed(item, d.Failure(False, damaged, "corrupt"))
        except Exception as exc:  # never lose the item to a bug: it stays, failed, exportable
            log.error("sending an opinion failed unexpectedly (%s)", type(exc).__name__)
            self._failed(
                item, d.Failure(False, f"unexpected error ({type(exc).__name__})", "malformed")
            )

    def _workitem_step(self, hub: Hub, item: OutboxItem) -> d.Failure | None:
        """The UPS step; None when done (a note may say how), else why not."""
        assert item.workitem_uid is not None and item.transaction_uid is not None
        try:
            workitem = hub.retrieve_workitem(item.workitem_uid)
        except NotFound:
            item.note = "the request is no longer on the hub; the opinion is in the study"
            return None
        state = state_of(workitem)
        if state == COMPLETED:
            item.note = "the request was already completed; the opinion is in the study"
            return None
        if state == CANCELED:
            if item.step is d.UpsStep.UPDATE or item.amendment:
                item.note = "the request was canceled; the opinion is in the study"
                return None
            return d.Failure(
                False, "the request was canceled on the hub; the opinion is stored in the "
                "study but the request could not be completed", "conflict",
            )  # fmt: skip
        if state == SCHEDULED:
            return d.Failure(
                False, "the request is not claimed on the hub (SCHEDULED): claim it, then retry",
                "conflict",
            )  # fmt: skip
        opinion = restore_opinion(item.opinion)[0]
        radiologist: Radiologist | None = opinion.radiologist
        update = d.performed_update(
            workitem, item.objects, base_url=hub.base_url, radiologist=radiologist,
            started=item.started_at,
            ended=item.signed_at if item.step is d.UpsStep.COMPLETE else None,
        )  # fmt: skip
        if item.step is d.UpsStep.COMPLETE:
            hub.complete(item.workitem_uid, item.transaction_uid, update=update)
        else:
            hub.update_workitem(item.workitem_uid, item.transaction_uid, update)
        return None

    def _interrupt(self, item: OutboxItem, reason: str) -> None:
        with self._lock:
            item.state = next_state(item.state, DeliveryEvent.INTERRUPT)
            item.reason = reason
            item.next_try = self.clock()
            self._save(item)
        self._notify(item)

    def _failed(self, item: OutboxItem, failure: d.Failure) -> None:
        with self._lock:
            if failure.retryable:
                item.state = next_state(item.state, DeliveryEvent.RETRY_LATER)
                item.next_try = self.clock() + self.backoff.delay(item.attempts)
            else:
                item.state = next_state(item.state, DeliveryEvent.FAIL)
                item.next_try = None
            item.reason = failure.reason
            self._save(item)
        if not failure.retryable:
            self._audit(self._action(item), item, outcome="failed", reason=failure.audit_reason)
        self._notify(item)

    def _delivered(self, item: OutboxItem) -> None:
        with self._lock:
            item.state = next_state(item.state, DeliveryEvent.DELIVERED)
            item.delivered_at = self.clock()
            item.reason = ""
            item.next_try = None
            self._save(item)
            for index in range(len(item.objects)):  # the hub has them now
                with contextlib.suppress(OSError):
                    self._object_path(item.id, index).unlink()
        self._audit(
            self._action(item), item, outcome="ok",
            document_uids=[o.sop_instance_uid for o in item.objects],
        )  # fmt: skip
        self._notify(item)

    @staticmethod
    def _action(item: OutboxItem) -> str:
        return "opinion-sent" if item.kind is ReportKind.FINAL else "opinion-preliminary-sent"

    def _audit(self, what: str, item: OutboxItem, **fields: Any) -> None:
        if self.audit is None:
            return
        record = {"study_uid": item.study_uid, **fields}
        if item.workitem_uid:
            record["workitem_uid"] = item.workitem_uid
        try:
            self.audit.append(what, **record)
        except (ValueError, OSError) as exc:
            log.warning("the audit trail refused a record (%s)", type(exc).__name__)


__all__ = [
    "TRANSITIONS",
    "AuditTrail",
    "Backoff",
    "DeliveryEvent",
    "DeliveryState",
    "InvalidTransition",
    "ItemStatus",
    "Outbox",
    "OutboxItem",
    "default_outbox_dir",
    "item_id",
    "next_state",
]
