"""The two steps of sending an opinion, as the outbox performs them (no state kept here).

1. **STOW-RS** (PS3.18 10.5) of every object into the request's study:
   :func:`store_objects`. The objects are the exact bytes built when the
   opinion was submitted, so a retry sends identical instances with the same
   UIDs; the hub answers success for an identical instance already stored.
   A refusal as a duplicate (0x0111, "Duplicate SOP Instance") is checked
   with QIDO-RS and counts as stored when the instance is in the study: the
   UIDs were fixed when the opinion was signed, so an instance with them is
   this opinion's.
2. **UPS-RS** (PS3.18 11): the workitem's (0074,1216) Unified Procedure Step
   Performed Procedure Sequence gets (0040,4033) Output Information Sequence
   items referencing the objects (Referenced Instances and Access Macro, with
   a WADO-RS Retrieve URL), (0040,4050) Performed Procedure Step Start
   DateTime and the radiologist in (0040,4035) Actual Human Performers
   Sequence (:func:`performed_update`). A preliminary opinion stops there
   (the request stays IN PROGRESS); a final one also sets (0040,4051)
   Performed Procedure Step End DateTime and (0040,4019) Performed Workitem
   Code Sequence, then changes the state to COMPLETED with the claim's
   Transaction UID (the Final State requirements of PS3.4 Table CC.2.5-3).

An update replaces the whole sequence, so the update merges what the
workitem already lists (a preliminary opinion's references stay when the
final one is added): sending it again changes nothing.

:func:`classify` says, for every :class:`app.hub.errors.HubError`, whether
waiting and retrying can help, with a reason for the user and a reason code
for the audit trail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydicom.dataset import Dataset

from app.hub import errors as e
from app.hub.protocol import Hub, JsonDataset
from app.hub.stow import dataset_bytes
from app.opinion.build import OpinionDocuments
from app.opinion.model import Radiologist
from protocol.codes import PRIVATE_SCHEME
from protocol.times import format_dt

PERFORMED_SEQUENCE = "00741216"  # (0074,1216) Unified Procedure Step Performed Procedure Sequence
SCHEDULED_WORKITEM_CODES = "00404018"  # (0040,4018) Scheduled Workitem Code Sequence
#: (0008,1197) Failure Reason: duplicate SOP Instance (PS3.4 Annex C).
DUPLICATE = 0x0111
#: Failure Reasons worth retrying: processing failure, out of resources (0xA7xx).
RETRYABLE_FAILURES = frozenset({0x0110})


class UpsStep(StrEnum):
    """What is done to the workitem once the objects are stored."""

    UPDATE = "update"  # preliminary: output references, the request stays IN PROGRESS
    COMPLETE = "complete"  # final: output references and Final State, then COMPLETED
    NONE = "none"  # documents only (e.g. an amendment after the request was completed)


@dataclass(frozen=True)
class SentObject:
    """One object of an opinion: which role, and its four UIDs."""

    role: str  # "key-image", "kos", "sr", "pdf"
    study_uid: str
    series_uid: str
    sop_instance_uid: str
    sop_class_uid: str


def objects_of(documents: OpinionDocuments) -> list[tuple[SentObject, bytes]]:
    """Each object of the documents with its Part 10 bytes, referenced objects first."""
    roles = ["key-image"] * len(documents.key_images)
    roles += ["kos"] if documents.kos is not None else []
    roles += ["sr", "pdf"]
    found = []
    for role, ds in zip(roles, documents.datasets(), strict=True):
        found.append(
            (
                SentObject(
                    role,
                    str(ds.StudyInstanceUID),
                    str(ds.SeriesInstanceUID),
                    str(ds.SOPInstanceUID),
                    str(ds.SOPClassUID),
                ),
                dataset_bytes(ds),
            )
        )
    return found


@dataclass(frozen=True)
class Failure:
    """Why a step failed: ``retryable`` (wait, then try again) or not (the user decides)."""

    retryable: bool
    reason: str  # for the user; never patient data
    audit_reason: str  # a reason code of app.store.audit.REASONS


def classify(error: e.HubError) -> Failure:
    """Whether retrying can cure ``error``, and how to say it."""
    reason = str(error)
    if isinstance(error, e.HubUnreachable | e.HubTimeout):
        return Failure(True, reason, "hub-unreachable")
    if isinstance(error, e.ServerError):
        return Failure(True, reason, "server-error")
    if isinstance(error, e.AuthError):  # credentials can be renewed: keep trying
        return Failure(True, reason, "auth")
    if isinstance(error, e.TlsError):  # e.g. a captive portal on a mobile link
        return Failure(True, reason, "hub-unreachable")
    if isinstance(error, e.MalformedAnswer):  # a proxy in the way; resending is harmless
        return Failure(True, reason, "malformed")
    if isinstance(error, e.NotFound):
        return Failure(False, reason, "not-found")
    if isinstance(error, e.Conflict):
        return Failure(False, reason, "conflict")
    return Failure(False, reason, "conflict" if error.status == 400 else "unsupported")


# --------------------------------------------------------------------------- STOW


@dataclass
class StowOutcome:
    """What one STOW attempt achieved: SOP Instance UIDs now on the hub, and any failure."""

    stored: list[str] = field(default_factory=list)
    failure: Failure | None = None


def _on_hub(hub: Hub, obj: SentObject) -> bool:
    try:
        found = hub.search_instances(
            obj.study_uid, obj.series_uid, {"SOPInstanceUID": obj.sop_instance_uid}
        )
    except e.NotFound:
        return False
    return any(
        (item.get("00080018") or {}).get("Value") == [obj.sop_instance_uid] for item in found
    )


def store_objects(
    hub: Hub, study_uid: str, pending: Sequence[tuple[SentObject, bytes]]
) -> StowOutcome:
    """STOW-RS ``pending`` into the study; raises :class:`HubError` on transport failures."""
    result = hub.store_instances([data for _, data in pending], study_uid)
    by_uid = {obj.sop_instance_uid: obj for obj, _ in pending}
    outcome = StowOutcome(stored=[uid for uid in by_uid if uid in result.stored_uids])
    fatal: list[str] = []
    retry: list[str] = []
    for failed in result.failed:
        obj = by_uid.get(failed.sop_instance_uid)
        if obj is None:
            continue
        if failed.reason_code == DUPLICATE and _on_hub(hub, obj):
            outcome.stored.append(obj.sop_instance_uid)
        elif failed.reason_code in RETRYABLE_FAILURES or (
            failed.reason_code is not None and failed.reason_code & 0xFF00 == 0xA700
        ):
            retry.append(f"{obj.role}: {failed.reason}")
        else:
            fatal.append(f"{obj.role}: {failed.reason}")
    missing = len(by_uid) - len(set(outcome.stored)) - len(fatal) - len(retry)
    if fatal:
        outcome.failure = Failure(
            False,
            "the hub refused the opinion's documents (" + "; ".join(fatal) + ")",
            "unsupported",
        )
    elif retry:
        outcome.failure = Failure(
            True, "the hub could not store the documents now (" + "; ".join(retry) + ")",
            "server-error",
        )  # fmt: skip
    elif missing > 0:
        outcome.failure = Failure(
            True, f"the hub did not confirm {missing} of the opinion's documents", "malformed"
        )
    return outcome


# --------------------------------------------------------------------------- UPS


def output_items(objects: Sequence[SentObject], base_url: str) -> list[Dataset]:
    """(0040,4033) Output Information Sequence items: one per series, with a Retrieve URL."""
    series: dict[tuple[str, str], list[SentObject]] = {}
    for obj in objects:
        series.setdefault((obj.study_uid, obj.series_uid), []).append(obj)
    items = []
    for (study_uid, series_uid), members in series.items():
        item = Dataset()
        item.TypeOfInstances = "DICOM"
        item.StudyInstanceUID = study_uid
        item.SeriesInstanceUID = series_uid
        refs = []
        for obj in members:
            ref = Dataset()
            ref.ReferencedSOPClassUID = obj.sop_class_uid
            ref.ReferencedSOPInstanceUID = obj.sop_instance_uid
            refs.append(ref)
        item.ReferencedSOPSequence = refs
        wado = Dataset()
        wado.RetrieveURL = f"{base_url.rstrip('/')}/studies/{study_uid}/series/{series_uid}"
        retrieval = Dataset()
        retrieval.WADORSRetrievalSequence = [wado]
        item.DICOMRetrievalSequence = [retrieval]
        items.append(item)
    return items


def _merge_outputs(existing: Sequence[Dataset], new: Sequence[Dataset]) -> list[Dataset]:
    """Union of two Output Information Sequences, by series then by SOP Instance UID."""
    merged: dict[str, Dataset] = {}
    for item in [*existing, *new]:
        key = str(item.get("SeriesInstanceUID", ""))
        if key not in merged:
            merged[key] = item
            continue
        kept = merged[key]
        known = {str(r.ReferencedSOPInstanceUID) for r in kept.get("ReferencedSOPSequence", [])}
        for ref in item.get("ReferencedSOPSequence", []):
            if str(ref.ReferencedSOPInstanceUID) not in known:
                kept.ReferencedSOPSequence.append(ref)
    return list(merged.values())


def performer_item(radiologist: Radiologist) -> Dataset:
    """(0040,4035) Actual Human Performers Sequence item for the radiologist."""
    person = Dataset()
    if radiologist.identifier:
        code = Dataset()
        code.CodeValue = radiologist.identifier[:16]
        code.CodingSchemeDesignator = PRIVATE_SCHEME
        code.CodeMeaning = radiologist.name.replace("^", " ").strip()[:64]
        person.HumanPerformerCodeSequence = [code]
    person.HumanPerformerName = radiologist.name
    if radiologist.organisation:
        person.HumanPerformerOrganization = radiologist.organisation[:64]
    return person


def performed_update(
    workitem: Mapping[str, Any],
    objects: Sequence[SentObject],
    *,
    base_url: str,
    radiologist: Radiologist | None,
    started: dt.datetime,
    ended: dt.datetime | None,
) -> JsonDataset:
    """The UpdateUPS dataset recording ``objects`` on ``workitem`` (DICOM JSON).

    ``ended`` is None for a preliminary opinion (no (0040,4051) yet), the
    final opinion's time otherwise. What the workitem's (0074,1216) item
    already holds is kept; its start time wins over ``started``.
    """
    current = Dataset.from_json(
        {
            tag: workitem[tag]
            for tag in (PERFORMED_SEQUENCE, SCHEDULED_WORKITEM_CODES)
            if tag in workitem
        }
    )
    sequence = current.get("UnifiedProcedureStepPerformedProcedureSequence") or []
    item = sequence[0] if sequence else Dataset()
    if not item.get("PerformedProcedureStepStartDateTime"):
        item.PerformedProcedureStepStartDateTime = format_dt(started.replace(microsecond=0))
    if ended is not None:
        item.PerformedProcedureStepEndDateTime = format_dt(ended.replace(microsecond=0))
        codes = current.get("ScheduledWorkitemCodeSequence")
        if codes and not item.get("PerformedWorkitemCodeSequence"):
            item.PerformedWorkitemCodeSequence = list(codes)
    if radiologist is not None and radiologist.name:
        item.ActualHumanPerformersSequence = [performer_item(radiologist)]
    item.OutputInformationSequence = _merge_outputs(
        list(item.get("OutputInformationSequence") or []), output_items(objects, base_url)
    )
    update = Dataset()
    update.UnifiedProcedureStepPerformedProcedureSequence = [item]
    return dict(update.to_json_dict())
