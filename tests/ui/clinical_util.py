"""Requests carrying every clinical field, for the radiologist's screens (issue #9).

:func:`doac_request` fills every field of :class:`ClinicalRequest` (flags:
DOAC, BP 210/115, glucose 25.3 mmol/L) plus an item of a concept the codec
does not know; :func:`vka_request` a VKA with its INR, glucose in mg/dL (low)
and an onset timing whose code cannot be read. Both as DICOM JSON workitems,
to POST to a real hub.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pydicom.dataset import Dataset
from pydicom.uid import generate_uid

from protocol import codes
from protocol.request import ClinicalRequest, InputSeries, build_request_workitem

PARIS = dt.timezone(dt.timedelta(hours=1))
#: The hub's clock in these tests.
NOW = dt.datetime(2025, 3, 1, 14, 0, tzinfo=PARIS)
CT = "1.2.840.10008.5.1.4.1.1.2"
PATIENT = {"PatientName": "SYNTH^REQUEST", "PatientID": "SYN-R1", "IssuerOfPatientID": "SYNTH",
           "PatientBirthDate": "19500101", "PatientSex": "F"}  # fmt: skip
HISTORY = "Atrial fibrillation.\nHypertension <treated>; lives alone"

DOAC = ClinicalRequest(
    site="CH Verdun, Urgences",
    physician="LEROY^Thomas",
    question="Thrombolysis? Thrombectomy?",
    accession="ACC-2025-0042",
    callback_phone="+33 3 29 86 00 00",
    last_known_well=NOW - dt.timedelta(hours=2, minutes=10),
    symptom_onset=NOW - dt.timedelta(hours=1, minutes=55),
    onset_timing="WAKE-UP",
    nihss=14,
    glucose=25.3,
    glucose_unit="mmol/L",
    systolic_bp=210,
    diastolic_bp=115,
    prestroke_mrs=2,
    anticoagulation="DOAC",
    last_dose=NOW - dt.timedelta(hours=2),
    history=HISTORY,
)
VKA = ClinicalRequest(
    site="CH Toul, Urgences",
    physician="MARTIN^Claire",
    question="Thrombolysis?",
    last_known_well=NOW - dt.timedelta(minutes=50),
    nihss=6,
    glucose=40,
    glucose_unit="mg/dL",
    anticoagulation="VKA",
    inr=2.6,
)


def inputs_for(study: str, listed: int = 1, expected: int | None = None) -> list[InputSeries]:
    instances = [(CT, generate_uid()) for _ in range(listed)]
    return [InputSeries(study, generate_uid(), instances, "", expected)]


def workitem(
    clinical: ClinicalRequest,
    *,
    study: str = "",
    inputs: Sequence[InputSeries] | None = None,
    scheduled: dt.datetime = NOW,
    **options: Any,
) -> dict[str, Any]:
    """The request's DICOM JSON (the patient is :data:`PATIENT`)."""
    return build_request_workitem(
        clinical,
        patient=PATIENT,
        inputs=list(inputs) if inputs is not None else inputs_for(study or generate_uid()),
        scheduled=scheduled,
        **options,
    )


def _append_parameter(body: dict[str, Any], item: Dataset) -> dict[str, Any]:
    ds = Dataset.from_json(body)
    ds.ScheduledProcessingParametersSequence.append(item)
    return dict(ds.to_json_dict())


def doac_request(**options: Any) -> dict[str, Any]:
    """Every clinical field, and an SpO2 item (a concept the application does not know)."""
    item = Dataset()
    item.ValueType = "NUM"
    item.ConceptNameCodeSequence = [_code(("59408-5", "LN", "Oxygen saturation"))]
    item.NumericValue = "94"
    item.MeasurementUnitsCodeSequence = [_code(("%", "UCUM", "%"))]
    return _append_parameter(workitem(DOAC, **options), item)


def vka_request(**options: Any) -> dict[str, Any]:
    """A VKA with its INR, glucose in mg/dL (low), and an onset timing that cannot be read."""
    item = Dataset()
    item.ValueType = "CODE"
    item.ConceptNameCodeSequence = [_code(codes.ONSET_TIMING)]
    item.ConceptCodeSequence = [_code(("SUNSET", codes.PRIVATE_SCHEME, "At sunset"))]
    return _append_parameter(workitem(VKA, **options), item)


def _code(code: tuple[str, str, str]) -> Dataset:
    item = Dataset()
    item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = code
    return item
