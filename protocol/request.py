"""The request codec: what the ED says <-> the UPS workitem that carries it.

One module encodes and decodes (STYLE.md 13a): :func:`build_request_workitem`
and :func:`build_inputs_update` write, :func:`read_request_workitem` (with
:func:`read_clinical_request` and :func:`read_input_series`) reads back; the
request JSON (``docs/request-schema.md``) is :mod:`protocol.request_json`.

Where each field goes (DESIGN.md "The request"):

- site, physician, question, accession: (0040,A370) Referenced Request Sequence;
- clinical values: (0074,1210) Scheduled Processing Parameters Sequence, one
  content item each (PS3.3 Table 10-2), matched on read by code value and
  coding scheme designator (:mod:`protocol.codes`), never by meaning;
- history: (0040,0400) Comments on the Scheduled Procedure Step;
- images: (0040,4021) Input Information Sequence, each item with the stored
  instances and (0020,1209) Number of Series Related Instances = how many the
  series will have once wholly sent; (0040,4041) Input Readiness State.

Numbers are written as typed (shortest exact decimal, DS), glucose in the unit
the ED used; date-times keep their UTC offset (DT with ``±hhmm``, PS3.5 6.2).
Reading never raises on a malformed value from the network: the item is named
in :attr:`ClinicalRequest.unreadable`; items of unknown concepts are kept in
:attr:`ClinicalRequest.other` so that nothing an ED sent is hidden.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydicom.dataset import Dataset

from protocol import codes
from protocol.codes import Code
from protocol.dicom_json import dataset_from_json, valid_number
from protocol.times import format_dt, parse_dt

#: (0040,4041) Input Readiness State values (PS3.4 Table CC.2.5-3).
READINESS_STATES = ("READY", "INCOMPLETE", "UNAVAILABLE")
#: mg/dL per mmol/L of glucose (molar mass 180.16 g/mol).
GLUCOSE_MG_PER_MMOL = 18.016
GLUCOSE_UNITS = ("mmol/L", "mg/dL")
#: Clinical flags (not verdicts) the radiologist is shown (issue #9): thresholds of the
#: AHA/ASA 2019 and ESO 2021 thrombolysis guidelines.
BP_SYSTOLIC_MAX = 185
BP_DIASTOLIC_MAX = 110
GLUCOSE_LOW_MMOL_L = 2.8
GLUCOSE_HIGH_MMOL_L = 22.2
#: The same thresholds as the guidelines give them in each unit (50 and 400 mg/dL).
GLUCOSE_LIMITS = {"mmol/L": (GLUCOSE_LOW_MMOL_L, GLUCOSE_HIGH_MMOL_L), "mg/dL": (50.0, 400.0)}


@dataclass(frozen=True)
class InputSeries:
    """One series given to the radiologist: (0040,4021) Input Information Sequence item.

    ``instances`` are the (SOP Class UID, SOP Instance UID) the hub stored;
    ``expected`` the number the series has once wholly sent ((0020,1209)), or
    None when the sender did not say.
    """

    study_uid: str
    series_uid: str
    instances: Sequence[tuple[str, str]]
    retrieve_url: str  # WADO-RS URL of the series
    expected: int | None = None
    expected_unreadable: bool = False

    @property
    def complete(self) -> bool:
        if self.expected_unreadable:
            return False
        return self.expected is None or len(self.instances) >= self.expected


@dataclass(frozen=True)
class ClinicalRequest:
    """What the ED tells the radiologist (DESIGN.md "The request")."""

    site: str = ""  # (0032,1033) Requesting Service
    physician: str = ""  # (0032,1032) Requesting Physician, DICOM PN ("FAMILY^Given")
    question: str = ""  # (0040,1002) Reason for the Requested Procedure
    accession: str = ""  # (0008,0050) in (0040,A370) Referenced Request Sequence
    callback_phone: str = ""
    last_known_well: datetime | None = None  # timezone-aware
    symptom_onset: datetime | None = None  # timezone-aware, witnessed onset
    onset_timing: str | None = None  # a key of codes.ONSET_TIMINGS (wake-up, unknown)
    nihss: int | None = None
    glucose: float | None = None  # in glucose_unit, as typed
    glucose_unit: str = "mmol/L"  # one of GLUCOSE_UNITS
    systolic_bp: int | None = None  # mmHg
    diastolic_bp: int | None = None  # mmHg
    prestroke_mrs: int | None = None
    anticoagulation: str | None = None  # a key of codes.TREATMENTS
    inr: float | None = None  # for a VKA, when known
    last_dose: datetime | None = None  # for a DOAC or heparin, when known; timezone-aware
    history: str = ""  # (0040,0400) Comments on the Scheduled Procedure Step
    #: Content items of concepts this codec does not know: (meaning, value as text).
    other: tuple[tuple[str, str], ...] = ()
    #: Meanings of items whose value could not be read (shown, never dropped silently).
    unreadable: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def glucose_mmol_l(self) -> float | None:
        """The glucose in mmol/L (converted from mg/dL when typed so), for thresholds."""
        if self.glucose is None:
            return None
        if self.glucose_unit == "mg/dL":
            return self.glucose / GLUCOSE_MG_PER_MMOL
        return self.glucose


@dataclass(frozen=True)
class RequestWorkitem:
    """A whole request workitem read back: state, patient, images and the clinical data."""

    workitem_uid: str
    state: str  # (0074,1000) Procedure Step State
    priority: str  # (0074,1200)
    patient: Mapping[str, str]  # PatientName, PatientID, IssuerOfPatientID, ...BirthDate, ...Sex
    readiness: str  # (0040,4041) Input Readiness State ('' when absent)
    inputs: tuple[InputSeries, ...]
    clinical: ClinicalRequest
    scheduled: datetime | None  # (0040,4005)
    images_expected: int | None  # IMAGES_EXPECTED, when the sender said

    @property
    def images_listed(self) -> int:
        return sum(len(s.instances) for s in self.inputs)

    @property
    def incomplete(self) -> bool:
        """Not all images are on the hub: INCOMPLETE, or fewer listed than announced."""
        if self.readiness in ("INCOMPLETE", "UNAVAILABLE"):
            return True
        if self.images_expected is not None and self.images_listed < self.images_expected:
            return True
        return not all(s.complete for s in self.inputs)


PATIENT_KEYWORDS = ("PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate",
                    "PatientSex")  # fmt: skip


# -- encoding -----------------------------------------------------------------------------


def _code(code: Code) -> Dataset:
    item = Dataset()
    item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = code
    return item


def format_number(value: float) -> str:
    """A DS value (≤ 16 characters) equal to ``value``: the shortest exact decimal."""
    if isinstance(value, bool) or not math.isfinite(float(value)):
        raise ValueError(f"not a finite number: {value!r}")
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(float(value))
    if len(text) > 16:
        raise ValueError(f"{value!r} has more digits than a DICOM decimal string holds")
    return text


def _content_item(value_type: str, concept: Code) -> Dataset:
    """A Content Item Macro item (PS3.3 Table 10-2)."""
    item = Dataset()
    item.ValueType = value_type
    item.ConceptNameCodeSequence = [_code(concept)]
    return item


def _num(concept: Code, value: float, unit: tuple[str, str]) -> Dataset:
    item = _content_item("NUM", concept)
    item.NumericValue = format_number(value)
    item.MeasurementUnitsCodeSequence = [_code((unit[0], codes.UCUM, unit[1]))]
    return item


def _datetime(concept: Code, value: datetime) -> Dataset:
    item = _content_item("DATETIME", concept)
    item.DateTime = format_dt(value)
    return item


def _coded(concept: Code, key: str) -> Dataset:
    try:
        value = codes.coded_value(concept, key)
    except KeyError:
        raise ValueError(f"unknown value {key!r} for {concept[2]}") from None
    item = _content_item("CODE", concept)
    item.ConceptCodeSequence = [_code(value)]
    return item


def processing_parameters(
    request: ClinicalRequest, *, images_expected: int | None = None
) -> list[Dataset]:
    """(0074,1210) Scheduled Processing Parameters Sequence content items."""
    r = request
    items: list[Dataset] = []
    if r.nihss is not None:
        items.append(_num(codes.NIHSS, r.nihss, codes.SCORE))
    if r.last_known_well is not None:
        items.append(_datetime(codes.LAST_KNOWN_WELL, r.last_known_well))
    if r.symptom_onset is not None:
        items.append(_datetime(codes.SYMPTOM_ONSET, r.symptom_onset))
    if r.onset_timing is not None:
        items.append(_coded(codes.ONSET_TIMING, r.onset_timing))
    if r.glucose is not None:
        if r.glucose_unit == "mg/dL":
            items.append(_num(codes.GLUCOSE_MASS, r.glucose, codes.MG_DL))
        elif r.glucose_unit == "mmol/L":
            items.append(_num(codes.GLUCOSE, r.glucose, codes.MMOL_L))
        else:
            raise ValueError(f"glucose unit must be one of {GLUCOSE_UNITS}")
    if r.systolic_bp is not None:
        items.append(_num(codes.SYSTOLIC_BP, r.systolic_bp, codes.MM_HG))
    if r.diastolic_bp is not None:
        items.append(_num(codes.DIASTOLIC_BP, r.diastolic_bp, codes.MM_HG))
    if r.prestroke_mrs is not None:
        items.append(_num(codes.PRESTROKE_MRS, r.prestroke_mrs, codes.SCORE))
    if r.anticoagulation is not None:
        items.append(_coded(codes.ANTICOAGULATION, r.anticoagulation))
    if r.inr is not None:
        items.append(_num(codes.INR, r.inr, codes.RATIO))
    if r.last_dose is not None:
        items.append(_datetime(codes.LAST_DOSE, r.last_dose))
    if r.callback_phone:
        item = _content_item("TEXT", codes.CALLBACK_PHONE)
        item.TextValue = r.callback_phone
        items.append(item)
    if images_expected is not None:
        items.append(_num(codes.IMAGES_EXPECTED, images_expected, codes.IMAGES))
    return items


def build_request_workitem(
    request: ClinicalRequest,
    *,
    patient: Mapping[str, str],
    inputs: Sequence[InputSeries],
    scheduled: datetime,
    priority: str = "HIGH",
    label: str = "Acute stroke tele-expertise",
    workitem_uid: str | None = None,
    readiness: str = "READY",
    images_expected: int | None = None,
) -> dict[str, Any]:
    """The DICOM JSON of a new tele-expertise request (a SCHEDULED UPS workitem).

    ``patient`` maps :data:`PATIENT_KEYWORDS` to values, normally copied from
    the images. ``inputs`` become (0040,4021) Input Information Sequence items
    (Referenced Instances and Access Macro, with a WADO-RS Retrieve URL); the
    output study is the first input's (0020,000D). ``readiness`` is (0040,4041)
    Input Readiness State: ``INCOMPLETE`` while more series are still being
    sent (see :func:`build_inputs_update`); ``images_expected`` how many
    images the request has once wholly sent.
    """
    if readiness not in READINESS_STATES:
        raise ValueError(f"unknown Input Readiness State {readiness!r}")
    for what, text, limit in (("site", request.site, 64), ("question", request.question, 64),
                              ("accession", request.accession, 16)):  # fmt: skip
        if len(text) > limit:  # LO / SH value lengths (PS3.5 Table 6.2-1)
            raise ValueError(f"the request's {what} is longer than {limit} characters")
    ds = Dataset()
    ds.SpecificCharacterSet = "ISO_IR 192"
    if workitem_uid:
        ds.SOPInstanceUID = workitem_uid
    ds.ProcedureStepState = "SCHEDULED"
    ds.ScheduledProcedureStepPriority = priority
    ds.ProcedureStepLabel = label
    ds.WorklistLabel = "Stroke"
    ds.ScheduledProcedureStepStartDateTime = format_dt(scheduled)
    ds.ScheduledWorkitemCodeSequence = [_code(codes.TELE_EXPERTISE)]
    ds.InputReadinessState = readiness
    for keyword in PATIENT_KEYWORDS:
        setattr(ds, keyword, patient.get(keyword, ""))
    if inputs:
        ds.StudyInstanceUID = inputs[0].study_uid
    ds.InputInformationSequence = [_input_item(series) for series in inputs]
    ds.ReferencedRequestSequence = [_reference(request, inputs, label)]
    ds.ScheduledProcessingParametersSequence = processing_parameters(
        request, images_expected=images_expected
    )
    if request.history:
        ds.CommentsOnTheScheduledProcedureStep = request.history
    for keyword, value in request.extra.items():
        setattr(ds, keyword, value)
    return dict(ds.to_json_dict())


def build_inputs_update(
    request: ClinicalRequest,
    inputs: Sequence[InputSeries],
    *,
    readiness: str,
    label: str = "Acute stroke tele-expertise",
    images_expected: int | None = None,
) -> dict[str, Any]:
    """The DICOM JSON of an UpdateUPS (PS3.18 11.6) replacing the request's images.

    Sets (0040,4021) Input Information Sequence to ``inputs`` (all the series
    stored so far, not only the new ones: updates replace whole attributes),
    (0040,4041) Input Readiness State, (0020,000D) Study Instance UID and the
    study in (0040,A370) Referenced Request Sequence (empty while a request
    has no images yet). A SCHEDULED workitem takes it without a Transaction
    UID (PS3.4 CC.2.6). With ``images_expected``, (0074,1210) is written again
    (whole, as updates replace attributes) with the new total.
    """
    if readiness not in READINESS_STATES:
        raise ValueError(f"unknown Input Readiness State {readiness!r}")
    ds = Dataset()
    ds.InputReadinessState = readiness
    ds.InputInformationSequence = [_input_item(series) for series in inputs]
    if inputs:
        ds.StudyInstanceUID = inputs[0].study_uid
    ds.ReferencedRequestSequence = [_reference(request, inputs, label)]
    if images_expected is not None:  # the total changed (images added): the whole sequence
        ds.ScheduledProcessingParametersSequence = processing_parameters(
            request, images_expected=images_expected
        )
    return dict(ds.to_json_dict())


def _reference(request: ClinicalRequest, inputs: Sequence[InputSeries], label: str) -> Dataset:
    """(0040,A370) Referenced Request Sequence item: who asks what, for which study."""
    reference = Dataset()
    reference.StudyInstanceUID = inputs[0].study_uid if inputs else ""
    reference.AccessionNumber = request.accession
    reference.RequestedProcedureID = request.accession
    reference.RequestedProcedureDescription = label
    reference.RequestingPhysician = request.physician
    reference.RequestingService = request.site
    reference.ReasonForTheRequestedProcedure = request.question
    return reference


def _input_item(series: InputSeries) -> Dataset:
    item = Dataset()
    item.TypeOfInstances = "DICOM"
    item.StudyInstanceUID = series.study_uid
    item.SeriesInstanceUID = series.series_uid
    refs = []
    for sop_class, sop_uid in series.instances:
        ref = Dataset()
        ref.ReferencedSOPClassUID = sop_class
        ref.ReferencedSOPInstanceUID = sop_uid
        refs.append(ref)
    item.ReferencedSOPSequence = refs
    if series.expected is not None:
        item.NumberOfSeriesRelatedInstances = series.expected
    wado = Dataset()
    wado.RetrieveURL = series.retrieve_url
    retrieval = Dataset()
    retrieval.WADORSRetrievalSequence = [wado]
    item.DICOMRetrievalSequence = [retrieval]
    return item


# -- decoding -----------------------------------------------------------------------------

_NUMBERS: dict[tuple[str, str], tuple[str, type]] = {
    codes.NIHSS[:2]: ("nihss", int),
    codes.SYSTOLIC_BP[:2]: ("systolic_bp", int),
    codes.DIASTOLIC_BP[:2]: ("diastolic_bp", int),
    codes.PRESTROKE_MRS[:2]: ("prestroke_mrs", int),
    codes.INR[:2]: ("inr", float),
}
_TIMES = {
    codes.LAST_KNOWN_WELL[:2]: "last_known_well",
    codes.SYMPTOM_ONSET[:2]: "symptom_onset",
    codes.LAST_DOSE[:2]: "last_dose",
}
_CODED = {
    codes.ONSET_TIMING[:2]: ("onset_timing", codes.ONSET_TIMING),
    codes.ANTICOAGULATION[:2]: ("anticoagulation", codes.ANTICOAGULATION),
}
_GLUCOSE = {codes.GLUCOSE[:2]: "mmol/L", codes.GLUCOSE_MASS[:2]: "mg/dL"}


class _Unreadable(ValueError):
    pass


def _text(ds: Dataset | None, keyword: str) -> str:
    if ds is None:
        return ""
    value = ds.get(keyword)
    return "" if value is None else str(value)


def _concept(item: Dataset) -> tuple[tuple[str, str], str] | None:
    concepts = item.get("ConceptNameCodeSequence") or []
    if not concepts:
        return None
    c = concepts[0]
    return (_text(c, "CodeValue"), _text(c, "CodingSchemeDesignator")), _text(c, "CodeMeaning")


def _read_number(item: Dataset, kind: type) -> float | int:
    raw = item.get("NumericValue")
    try:
        value = float(str(raw))
    except (TypeError, ValueError):
        raise _Unreadable from None
    if not math.isfinite(value):
        raise _Unreadable
    try:
        format_number(value)  # what cannot be written back exactly is not read either
    except ValueError:
        raise _Unreadable from None
    if kind is int:
        if not value.is_integer():
            raise _Unreadable
        return int(value)
    return value


def _read_time(item: Dataset) -> datetime:
    try:
        parsed = parse_dt(str(item.get("DateTime") or ""))
    except (TypeError, ValueError):
        raise _Unreadable from None
    if parsed.tzinfo is None:
        raise _Unreadable  # a time without its offset cannot be placed: never guess one
    return parsed


def _value_text(item: Dataset) -> str:
    """Any content item's value as text (for concepts this codec does not know)."""
    for keyword in ("TextValue", "NumericValue", "DateTime", "Date", "Time", "UID",
                    "PersonName"):  # fmt: skip
        if item.get(keyword) not in (None, ""):
            text = str(item.get(keyword))
            if keyword == "NumericValue":
                with contextlib.suppress(ValueError):
                    text = format_number(float(text))  # "94", not pydicom's "94.0"
            units = item.get("MeasurementUnitsCodeSequence") or []
            if keyword == "NumericValue" and units:
                text += " " + _text(units[0], "CodeMeaning")
            return text
    coded = item.get("ConceptCodeSequence") or []
    return _text(coded[0], "CodeMeaning") if coded else ""


def read_clinical_request(workitem: Mapping[str, Any] | Dataset) -> ClinicalRequest:
    """The clinical fields of a request workitem (DICOM JSON or dataset): the inverse of
    :func:`build_request_workitem` for them.

    Reads (0040,A370) Referenced Request Sequence, (0074,1210) Scheduled
    Processing Parameters Sequence (by code value + scheme) and (0040,0400)
    Comments on the Scheduled Procedure Step.
    """
    ds = dataset_from_json(workitem)
    refs = ds.get("ReferencedRequestSequence") or [Dataset()]
    ref = refs[0]
    values: dict[str, Any] = {}
    other: list[tuple[str, str]] = []
    unreadable: list[str] = []
    for item in ds.get("ScheduledProcessingParametersSequence") or []:
        found = _concept(item)
        if found is None:
            continue
        code, meaning = found
        try:
            if code in _NUMBERS:
                name, kind = _NUMBERS[code]
                values[name] = _read_number(item, kind)
            elif code in _GLUCOSE:
                values["glucose"] = float(_read_number(item, float))
                values["glucose_unit"] = _GLUCOSE[code]
            elif code in _TIMES:
                values[_TIMES[code]] = _read_time(item)
            elif code in _CODED:
                name, concept = _CODED[code]
                coded = item.get("ConceptCodeSequence") or []
                key = None
                if coded:
                    key = codes.key_of_coded_value(
                        concept,
                        _text(coded[0], "CodeValue"),
                        _text(coded[0], "CodingSchemeDesignator"),
                    )
                if key is None:
                    raise _Unreadable
                values[name] = key
            elif code == codes.CALLBACK_PHONE[:2]:
                values["callback_phone"] = _text(item, "TextValue")
            elif code == codes.IMAGES_EXPECTED[:2]:
                continue  # read by read_request_workitem
            else:
                other.append((meaning or f"{code[0]} ({code[1]})", _value_text(item)))
        except _Unreadable:
            unreadable.append(meaning or f"{code[0]} ({code[1]})")
    return ClinicalRequest(
        site=_text(ref, "RequestingService"),
        physician=_text(ref, "RequestingPhysician"),
        question=_text(ref, "ReasonForTheRequestedProcedure"),
        accession=_text(ref, "AccessionNumber"),
        history=_text(ds, "CommentsOnTheScheduledProcedureStep"),
        other=tuple(other),
        unreadable=tuple(unreadable),
        **values,
    )


def read_input_series(workitem: Mapping[str, Any] | Dataset) -> list[InputSeries]:
    """The (0040,4021) Input Information Sequence of a workitem (DICOM JSON or dataset)."""
    ds = dataset_from_json(workitem)
    found = []
    for item in ds.get("InputInformationSequence") or []:
        url = ""
        for retrieval in item.get("DICOMRetrievalSequence") or []:
            for wado in retrieval.get("WADORSRetrievalSequence") or []:
                url = url or _text(wado, "RetrieveURL")
        refs = [
            (_text(ref, "ReferencedSOPClassUID"), _text(ref, "ReferencedSOPInstanceUID"))
            for ref in item.get("ReferencedSOPSequence") or []
        ]
        expected: int | None = None
        raw = item.get("NumberOfSeriesRelatedInstances")
        if raw not in (None, "") and valid_number(raw, "IS"):
            expected = int(float(str(raw)))
        found.append(
            InputSeries(
                _text(item, "StudyInstanceUID"), _text(item, "SeriesInstanceUID"), refs, url,
                expected,
                # a count that cannot be read: the series is never called whole
                expected_unreadable=raw not in (None, "") and expected is None,
            )
        )  # fmt: skip
    return found


def read_request_workitem(workitem: Mapping[str, Any]) -> RequestWorkitem:
    """A whole request workitem (DICOM JSON) read back."""
    ds = dataset_from_json(workitem)
    expected: int | None = None
    for item in ds.get("ScheduledProcessingParametersSequence") or []:
        found = _concept(item)
        if found is not None and found[0] == codes.IMAGES_EXPECTED[:2]:
            try:
                expected = int(_read_number(item, int))
            except _Unreadable:
                expected = None
    scheduled: datetime | None = None
    if ds.get("ScheduledProcedureStepStartDateTime"):
        try:
            scheduled = parse_dt(str(ds.ScheduledProcedureStepStartDateTime))
        except ValueError:
            scheduled = None
    return RequestWorkitem(
        workitem_uid=_text(ds, "SOPInstanceUID"),
        state=_text(ds, "ProcedureStepState"),
        priority=_text(ds, "ScheduledProcedureStepPriority"),
        patient={keyword: _text(ds, keyword) for keyword in PATIENT_KEYWORDS},
        readiness=_text(ds, "InputReadinessState"),
        inputs=tuple(read_input_series(ds)),
        clinical=read_clinical_request(ds),
        scheduled=scheduled,
        images_expected=expected,
    )


# -- the request JSON's keys and units, and the flags -----------------------------------


#: Flag keys of :func:`clinical_flags`.
FLAG_BLOOD_PRESSURE = "blood_pressure"
FLAG_GLUCOSE_LOW = "glucose_low"
FLAG_GLUCOSE_HIGH = "glucose_high"
FLAG_ANTICOAGULANT = "anticoagulant"


def clinical_flags(request: ClinicalRequest) -> list[str]:
    """Facts the radiologist must weigh before "no imaging contraindication to
    thrombolysis" (flags, not verdicts): blood pressure > 185/110 mmHg, glucose
    < 2.8 or > 22.2 mmol/L (50 / 400 mg/dL), a VKA, DOAC or heparin."""
    flags: list[str] = []
    r = request
    if (r.systolic_bp is not None and r.systolic_bp > BP_SYSTOLIC_MAX) or (
        r.diastolic_bp is not None and r.diastolic_bp > BP_DIASTOLIC_MAX
    ):
        flags.append(FLAG_BLOOD_PRESSURE)
    if r.glucose is not None:
        low, high = GLUCOSE_LIMITS[r.glucose_unit]  # compared in the unit the ED typed
        if r.glucose < low:
            flags.append(FLAG_GLUCOSE_LOW)
        if r.glucose > high:
            flags.append(FLAG_GLUCOSE_HIGH)
    if r.anticoagulation in codes.ANTICOAGULANTS:
        flags.append(FLAG_ANTICOAGULANT)
    return flags
