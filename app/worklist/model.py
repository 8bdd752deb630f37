"""The radiologist's worklist: UPS workitems read as tele-expertise requests.

A request is one UPS workitem (DESIGN.md "The request"); this module reads the
standard attributes an ED puts in it into a plain :class:`Request`, and keeps
the list in priority order. No Qt: the UI subscribes to :class:`Worklist`.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from pydicom import Dataset

from app.hub.protocol import JsonDataset, WorklistService
from protocol.dicom_json import dataset_from_json
from protocol.request import (
    ClinicalRequest,
    InputSeries,
    clinical_flags,
    read_request_workitem,
)

log = logging.getLogger(__name__)

PRIORITY_ORDER = {"STAT": 0, "HIGH": 1, "MEDIUM": 2, "LOW": 3}


@dataclass(frozen=True)
class Request:
    """One tele-expertise request, as read from a UPS workitem by the request codec.

    ``clinical`` holds every fact the ED sent (:mod:`protocol.request`);
    ``readiness`` is (0040,4041) Input Readiness State, ``images_listed`` the
    instances the workitem lists and ``images_expected`` how many the ED
    announced (None when it did not say).
    """

    workitem_uid: str
    state: str  # (0074,1000) Procedure Step State
    priority: str  # (0074,1200) Scheduled Procedure Step Priority
    patient_name: str = ""
    patient_id: str = ""
    issuer_of_patient_id: str = ""
    birth_date: str = ""
    sex: str = ""
    label: str = ""  # (0074,1204) Procedure Step Label
    scheduled: dt.datetime | None = None  # (0040,4005) Scheduled Procedure Step Start DateTime
    performer: str = ""  # (0040,4035) Actual Human Performers Sequence
    study_uids: tuple[str, ...] = ()
    clinical: ClinicalRequest = field(default_factory=ClinicalRequest)
    readiness: str = ""
    images_listed: int = 0
    images_expected: int | None = None
    incomplete: bool = False
    #: (0040,4021) Input Information Sequence: each series with the instances the hub
    #: holds and how many it will have (``InputSeries.expected``).
    inputs: tuple[InputSeries, ...] = ()
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def requesting_site(self) -> str:  # (0032,1033) Requesting Service
        return self.clinical.site

    @property
    def requesting_physician(self) -> str:  # (0032,1032) Requesting Physician
        return self.clinical.physician

    @property
    def question(self) -> str:  # (0040,1002) Reason for the Requested Procedure
        return self.clinical.question

    @property
    def accession_number(self) -> str:
        return self.clinical.accession

    @property
    def last_known_well(self) -> dt.datetime | None:
        return self.clinical.last_known_well

    @property
    def nihss(self) -> int | None:
        return self.clinical.nihss

    @property
    def flags(self) -> list[str]:
        """Clinical flags (not verdicts): :func:`protocol.request.clinical_flags`."""
        return clinical_flags(self.clinical)

    @property
    def sort_key(self) -> tuple[int, float]:
        """Priority first, then the oldest request first."""
        when = self.scheduled.timestamp() if self.scheduled else float("inf")
        return (PRIORITY_ORDER.get(self.priority, 9), when)


def _first(seq: Any) -> Dataset | None:
    return seq[0] if seq else None


def request_from_workitem(item: JsonDataset) -> Request:
    """Read a UPS workitem (DICOM JSON) into a :class:`Request` (:mod:`protocol.request`)."""
    decoded = read_request_workitem(item)
    ds = dataset_from_json(item)
    performer = ""
    actual = _first(ds.get("ActualHumanPerformersSequence"))
    if actual is not None:
        performer = str(actual.get("HumanPerformerName", ""))
    studies = tuple(s.study_uid for s in decoded.inputs if s.study_uid)
    patient = decoded.patient
    return Request(
        workitem_uid=decoded.workitem_uid,
        state=decoded.state,
        priority=decoded.priority,
        patient_name=patient["PatientName"],
        patient_id=patient["PatientID"],
        issuer_of_patient_id=patient["IssuerOfPatientID"],
        birth_date=patient["PatientBirthDate"],
        sex=patient["PatientSex"],
        label=str(ds.get("ProcedureStepLabel", "")),
        scheduled=decoded.scheduled,
        performer=performer,
        study_uids=studies,
        clinical=decoded.clinical,
        readiness=decoded.readiness,
        images_listed=decoded.images_listed,
        images_expected=decoded.images_expected,
        incomplete=decoded.incomplete,
        inputs=decoded.inputs,
    )


class Worklist:
    """The open requests, sorted by priority then waiting time; views subscribe."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self._listeners: list[Callable[[Worklist], None]] = []

    def subscribe(self, listener: Callable[[Worklist], None]) -> None:
        self._listeners.append(listener)

    def replace(self, requests: Iterable[Request]) -> None:
        self.requests = sorted(requests, key=lambda r: r.sort_key)
        for listener in list(self._listeners):
            listener(self)


# -- watching the hub's worklist (polling) ---------------------------------------------

OPEN_STATES = ("SCHEDULED", "IN PROGRESS")


@dataclass
class WorklistChanges:
    """What one poll found, compared with the poll before."""

    new: list[Request] = field(default_factory=list)
    changed: list[tuple[Request, Request]] = field(default_factory=list)  # (before, now)
    gone: list[Request] = field(default_factory=list)  # no longer open (completed, canceled)

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.gone)


def fetch_open_requests(
    hub: WorklistService,
    states: Iterable[str] = OPEN_STATES,
    read: Callable[[JsonDataset], Request] | None = None,
) -> list[Request]:
    """The open worklist: workitems in ``states`` ((0074,1000) Procedure Step State).

    ``read`` turns a workitem into a :class:`Request` (default
    :func:`request_from_workitem`; the radiologist's list uses :func:`read_request`).
    """
    items: list[JsonDataset] = []
    for state in states:
        items.extend(hub.search_workitems({"ProcedureStepState": state}))
    return [read_or_placeholder(item, read or request_from_workitem) for item in items]


def read_or_placeholder(item: JsonDataset, read: Callable[[JsonDataset], Request]) -> Request:
    """``read(item)``, or, when the workitem is too malformed to read, a request that says
    so (one hub's bad workitem never blanks the whole list, nor hides itself)."""
    try:
        return read(item)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):
        log.warning("a workitem could not be read; it is listed as unreadable")
        return unreadable_request(item)


def unreadable_request(item: JsonDataset) -> Request:
    """A placeholder for a workitem that cannot be read: its UID and state when they can be
    found, and every clinical fact marked unreadable."""

    def raw(tag: str) -> str:
        element = item.get(tag) if isinstance(item, dict) else None
        values = element.get("Value") if isinstance(element, dict) else None
        return str(values[0]) if isinstance(values, list) and values else ""

    return Request(
        workitem_uid=raw("00080018"),
        state=raw("00741000"),
        priority=raw("00741200") or "HIGH",
        clinical=ClinicalRequest(unreadable=("the whole request",)),
        incomplete=True,
    )


class WorklistWatcher:
    """Polls the hub's open requests and tells what changed, without Qt.

    :meth:`poll_once` asks the hub (UPS-RS SearchForUPS, one query per open
    state), updates ``worklist`` and calls ``on_new_request(request)`` for
    every request seen for the first time — including on the first poll, so
    that a request waiting when the application starts is alerted too —
    ``on_changed_request(before, now)`` and ``on_gone_request(request)``.
    Synchronous: the UI calls it from a timer, off the GUI thread, and
    raises the alert (sound, tray) in ``on_new_request``. ``read`` is passed
    to :func:`fetch_open_requests`. Hub failures raise
    :class:`app.hub.errors.HubError`; the previous state is kept.
    """

    def __init__(
        self,
        hub: WorklistService,
        *,
        worklist: Worklist | None = None,
        states: Iterable[str] = OPEN_STATES,
        on_new_request: Callable[[Request], None] | None = None,
        on_changed_request: Callable[[Request, Request], None] | None = None,
        on_gone_request: Callable[[Request], None] | None = None,
        read: Callable[[JsonDataset], Request] | None = None,
    ) -> None:
        self.hub = hub
        self.read = read
        self.worklist = worklist if worklist is not None else Worklist()
        self.states = tuple(states)
        self.on_new_request = on_new_request
        self.on_changed_request = on_changed_request
        self.on_gone_request = on_gone_request
        self.known: dict[str, Request] = {}

    def poll_once(self) -> WorklistChanges:
        """Ask the hub once, diff, notify; returns what changed."""
        found = fetch_open_requests(self.hub, self.states, self.read)
        current = {r.workitem_uid: r for r in found}
        changes = WorklistChanges()
        for uid, request in current.items():
            before = self.known.get(uid)
            if before is None:
                changes.new.append(request)
            elif before != request:
                changes.changed.append((before, request))
        changes.gone = [r for uid, r in self.known.items() if uid not in current]
        self.known = current
        if changes or not self.worklist.requests:
            self.worklist.replace(current.values())
        for request in changes.new:
            if self.on_new_request is not None:
                self.on_new_request(request)
        for before, now in changes.changed:
            if self.on_changed_request is not None:
                self.on_changed_request(before, now)
        for request in changes.gone:
            if self.on_gone_request is not None:
                self.on_gone_request(request)
        return changes


# -- what the radiologist's list shows beyond the Request fields -----------------------

#: Modality of referenced images by SOP Class UID (PS3.4 Annex B), for the list's column.
SOP_CLASS_MODALITIES = {
    "1.2.840.10008.5.1.4.1.1.2": "CT",  # CT Image Storage
    "1.2.840.10008.5.1.4.1.1.2.1": "CT",  # Enhanced CT Image Storage
    "1.2.840.10008.5.1.4.1.1.2.2": "CT",  # Legacy Converted Enhanced CT Image Storage
    "1.2.840.10008.5.1.4.1.1.4": "MR",  # MR Image Storage
    "1.2.840.10008.5.1.4.1.1.4.1": "MR",  # Enhanced MR Image Storage
    "1.2.840.10008.5.1.4.1.1.4.4": "MR",  # Legacy Converted Enhanced MR Image Storage
    "1.2.840.10008.5.1.4.1.1.12.1": "XA",  # X-Ray Angiographic Image Storage
    "1.2.840.10008.5.1.4.1.1.128": "PT",  # Positron Emission Tomography Image Storage
}
UPS_PUSH_SOP_CLASS = "1.2.840.10008.5.1.4.34.6.1"


def modalities_of(item: JsonDataset) -> tuple[str, ...]:
    """Modalities of the images a request references, from their SOP classes.

    Reads (0040,4021) Input Information Sequence > (0008,1199) Referenced SOP
    Sequence > (0008,1150) Referenced SOP Class UID; no query to the hub.
    """
    ds = dataset_from_json(item)
    found: list[str] = []
    for series in ds.get("InputInformationSequence", []):
        for ref in series.get("ReferencedSOPSequence", []):
            modality = SOP_CLASS_MODALITIES.get(str(ref.get("ReferencedSOPClassUID", "")))
            if modality and modality not in found:
                found.append(modality)
    return tuple(found)


def cancel_request_of(item: JsonDataset) -> tuple[str, str] | None:
    """``(reason, contact)`` when the ED asked to cancel a request being read.

    A cancellation request on an IN PROGRESS workitem is recorded by the hub in
    (0074,1002) Procedure Step Progress Information Sequence: (0074,1238)
    Reason For Cancellation, (0074,100C) Contact Display Name (PS3.4 CC.2.4).
    A CANCELED workitem carries the same attributes but is no request any more.
    """
    ds = dataset_from_json(item)
    if str(ds.get("ProcedureStepState", "")) != "IN PROGRESS":
        return None
    progress = _first(ds.get("ProcedureStepProgressInformationSequence"))
    if progress is None:
        return None
    reason = str(progress.get("ReasonForCancellation", "") or "")
    contact = str(progress.get("ContactDisplayName", "") or "")
    codes = progress.get("ProcedureStepDiscontinuationReasonCodeSequence")
    if not (reason or contact or codes):
        return None
    return reason, contact


def replaced_workitem_of(item: JsonDataset) -> str:
    """The workitem a request replaces: (0074,1224) Replaced Procedure Step Sequence."""
    ref = _first(dataset_from_json(item).get("ReplacedProcedureStepSequence"))
    return str(ref.get("ReferencedSOPInstanceUID", "")) if ref is not None else ""


def read_request(item: JsonDataset) -> Request:
    """:func:`request_from_workitem` plus what the radiologist's list shows in ``extras``.

    ``extras`` keys: ``modalities`` (tuple), ``replaces`` (workitem UID or ''),
    and, when the ED asked to cancel, ``cancel_requested`` (True),
    ``cancel_reason``, ``cancel_contact``.
    """
    extras: dict[str, Any] = {
        "modalities": modalities_of(item),
        "replaces": replaced_workitem_of(item),
    }
    cancel = cancel_request_of(item)
    if cancel is not None:
        extras.update(cancel_requested=True, cancel_reason=cancel[0], cancel_contact=cancel[1])
    return replace(request_from_workitem(item), extras=extras)


class Filter(enum.Enum):
    """Which requests the radiologist's list shows."""

    UNCLAIMED = "unclaimed"  # SCHEDULED: nobody reads them yet
    MINE = "mine"  # IN PROGRESS, claimed by this radiologist
    ALL = "all"  # the open worklist: SCHEDULED and IN PROGRESS
    FINISHED_TODAY = "finished"  # COMPLETED or CANCELED, scheduled today


def filter_requests(
    requests: Iterable[Request], which: Filter, is_mine: Callable[[Request], bool]
) -> list[Request]:
    """The open requests a filter keeps (FINISHED_TODAY is a search of its own)."""
    if which is Filter.UNCLAIMED:
        return [r for r in requests if r.state == "SCHEDULED"]
    if which is Filter.MINE:
        return [r for r in requests if r.state == "IN PROGRESS" and is_mine(r)]
    return list(requests)


def day_range(now: dt.datetime) -> str:
    """DT range matching the local day of ``now`` (aware), in UTC: ``…+0000-…+0000``.

    Used as the (0040,4005) Scheduled Procedure Step Start DateTime key; UTC
    offsets avoid a '-' inside the range's bounds (PS3.4 C.2.2.2.5).
    """
    local = now.astimezone()
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + dt.timedelta(days=1) - dt.timedelta(seconds=1)
    fmt = "%Y%m%d%H%M%S+0000"
    return f"{start.astimezone(dt.UTC).strftime(fmt)}-{end.astimezone(dt.UTC).strftime(fmt)}"


def fetch_finished_requests(
    hub: WorklistService,
    now: dt.datetime,
    read: Callable[[JsonDataset], Request] = read_request,
) -> list[Request]:
    """COMPLETED and CANCELED requests scheduled on the (hub-clock) day of ``now``."""
    items: list[JsonDataset] = []
    for state in ("COMPLETED", "CANCELED"):
        items.extend(
            hub.search_workitems(
                {"ProcedureStepState": state, "ScheduledProcedureStepStartDateTime": day_range(now)}
            )
        )
    return [read_or_placeholder(item, read) for item in items]
