"""The radiologist's worklist: UPS workitems read as tele-expertise requests.

A request is one UPS workitem (DESIGN.md "The request"); this module reads the
standard attributes an ED puts in it into a plain :class:`Request`, and keeps
the list in priority order. No Qt: the UI subscribes to :class:`Worklist`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydicom import Dataset
from pydicom.valuerep import DT

from app.hub.protocol import JsonDataset

PRIORITY_ORDER = {"STAT": 0, "HIGH": 1, "MEDIUM": 2, "LOW": 3}

# LOINC 72089-6 "Total score [NIHSS]" in (0074,1210) Scheduled Processing Parameters.
NIHSS_CODE = ("72089-6", "LN")


@dataclass(frozen=True)
class Request:
    """One tele-expertise request, as read from a UPS workitem."""

    workitem_uid: str
    state: str  # (0074,1000) Procedure Step State
    priority: str  # (0074,1200) Scheduled Procedure Step Priority
    patient_name: str = ""
    patient_id: str = ""
    issuer_of_patient_id: str = ""
    birth_date: str = ""
    sex: str = ""
    label: str = ""  # (0074,1204) Procedure Step Label
    requesting_site: str = ""  # (0032,1033) Requesting Service
    requesting_physician: str = ""  # (0032,1032) Requesting Physician
    question: str = ""  # (0040,1002) Reason for the Requested Procedure
    accession_number: str = ""
    scheduled: dt.datetime | None = None  # (0040,4005) Scheduled Procedure Step Start DateTime
    last_known_well: dt.datetime | None = None
    nihss: float | None = None
    performer: str = ""  # (0040,4035) Actual Human Performers Sequence
    study_uids: tuple[str, ...] = ()
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple[int, float]:
        """Priority first, then the oldest request first."""
        when = self.scheduled.timestamp() if self.scheduled else float("inf")
        return (PRIORITY_ORDER.get(self.priority, 9), when)


def _dt(value: Any) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = DT(str(value))
    except ValueError:
        return None
    return dt.datetime.fromisoformat(parsed.isoformat())


def _first(seq: Any) -> Dataset | None:
    return seq[0] if seq else None


def request_from_workitem(item: JsonDataset) -> Request:
    """Read a UPS workitem (DICOM JSON) into a :class:`Request`."""
    ds = Dataset.from_json(item)
    ref = _first(ds.get("ReferencedRequestSequence"))
    performer = ""
    actual = _first(ds.get("ActualHumanPerformersSequence"))
    if actual is not None:
        performer = str(actual.get("HumanPerformerName", ""))
    nihss: float | None = None
    lkw: dt.datetime | None = None
    for param in ds.get("ScheduledProcessingParametersSequence", []):
        concept = _first(param.get("ConceptNameCodeSequence"))
        if concept is None:
            continue
        code = (str(concept.get("CodeValue", "")), str(concept.get("CodingSchemeDesignator", "")))
        meaning = str(concept.get("CodeMeaning", "")).lower()
        if code == NIHSS_CODE and param.get("NumericValue") is not None:
            nihss = float(param.NumericValue)
        elif param.get("ValueType") == "DATETIME" and "known well" in meaning:
            lkw = _dt(param.get("DateTime"))
    studies = tuple(
        str(i.StudyInstanceUID)
        for i in ds.get("InputInformationSequence", [])
        if "StudyInstanceUID" in i
    )
    return Request(
        workitem_uid=str(ds.get("SOPInstanceUID", "")),
        state=str(ds.get("ProcedureStepState", "")),
        priority=str(ds.get("ScheduledProcedureStepPriority", "")),
        patient_name=str(ds.get("PatientName", "")),
        patient_id=str(ds.get("PatientID", "")),
        issuer_of_patient_id=str(ds.get("IssuerOfPatientID", "")),
        birth_date=str(ds.get("PatientBirthDate", "")),
        sex=str(ds.get("PatientSex", "")),
        label=str(ds.get("ProcedureStepLabel", "")),
        requesting_site=str(ref.get("RequestingService", "")) if ref else "",
        requesting_physician=str(ref.get("RequestingPhysician", "")) if ref else "",
        question=str(ref.get("ReasonForTheRequestedProcedure", "")) if ref else "",
        accession_number=str(ref.get("AccessionNumber", "")) if ref else "",
        scheduled=_dt(ds.get("ScheduledProcedureStepStartDateTime")),
        last_known_well=lkw,
        nihss=nihss,
        performer=performer,
        study_uids=studies,
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
