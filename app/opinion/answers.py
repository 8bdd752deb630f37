"""Which request a document answers: the workitem reference of the opinion and acknowledgement SRs.

Several requests may name the same study, so an opinion (and the ED's
acknowledgement of it) names the UPS workitem it answers in (0008,1111)
Referenced Performed Procedure Step Sequence of the SR Document General
Module (PS3.3 C.17.2): one item whose Referenced SOP Class UID is the UPS
Push SOP Class and whose Referenced SOP Instance UID is the workitem UID.
Documents written before this reference existed have none; their readers get
``""`` and decide (the ED attaches such an opinion only when the study has a
single request).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydicom.dataset import Dataset

UPS_PUSH_SOP_CLASS = "1.2.840.10008.5.1.4.34.6.1"

_SEQUENCE_TAG = "00081111"  # Referenced Performed Procedure Step Sequence
_CLASS_TAG = "00081150"  # Referenced SOP Class UID
_INSTANCE_TAG = "00081155"  # Referenced SOP Instance UID


def workitem_reference(workitem_uid: str) -> Dataset:
    """The (0008,1111) item naming the UPS workitem ``workitem_uid``."""
    if not workitem_uid:
        raise ValueError("a workitem reference needs the workitem UID")
    item = Dataset()
    item.ReferencedSOPClassUID = UPS_PUSH_SOP_CLASS
    item.ReferencedSOPInstanceUID = workitem_uid
    return item


def set_answered_workitem(ds: Dataset, workitem_uid: str) -> None:
    """Make ``ds`` (an SR) name the workitem it answers; nothing when ``workitem_uid`` is empty."""
    if workitem_uid:
        ds.ReferencedPerformedProcedureStepSequence = [workitem_reference(workitem_uid)]


def _from_dataset(ds: Dataset) -> str:
    for item in ds.get("ReferencedPerformedProcedureStepSequence", None) or []:
        if str(item.get("ReferencedSOPClassUID", "")) == UPS_PUSH_SOP_CLASS:
            return str(item.get("ReferencedSOPInstanceUID", ""))
    return ""


def _json_value(element: Any) -> list[Any]:
    if not isinstance(element, Mapping):
        return []
    value = element.get("Value")
    return value if isinstance(value, list) else []


def _from_json(ds: Mapping[str, Any]) -> str:
    for item in _json_value(ds.get(_SEQUENCE_TAG)):
        if not isinstance(item, Mapping):
            continue
        classes = _json_value(item.get(_CLASS_TAG))
        instances = _json_value(item.get(_INSTANCE_TAG))
        if classes and instances and str(classes[0]) == UPS_PUSH_SOP_CLASS:
            return str(instances[0])
    return ""


def answered_workitem(ds: Dataset | Mapping[str, Any]) -> str:
    """The UID of the workitem an SR answers (a pydicom Dataset or DICOM JSON); ``""`` when none."""
    if isinstance(ds, Dataset):
        return _from_dataset(ds)
    return _from_json(ds)
