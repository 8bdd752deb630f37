"""``--seed-demo``: the synthetic cases and one ED request per case.

:func:`seed_demo` stores every instance of :func:`minihub.synth.write_cases`
(seed 0) in the archive, then creates for each case one HIGH-priority UPS
workitem as an emergency department would (DESIGN.md "The request"), unless a
workitem for that study already exists. Seeding twice changes nothing: stored
instances are recognised as identical, and a marker file
(``demo-seed.json`` in the data folder) avoids regenerating the images.

:func:`build_request_workitem` builds the DICOM JSON of such a request; it is
the reference for which standard attribute carries which clinical field.
:func:`build_inputs_update` changes its images and (0040,4041) Input Readiness
State as series land on the hub; :func:`read_clinical_request` and
:func:`read_input_series` read a workitem back. All clinical values below are
synthetic.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydicom.dataset import Dataset
from pydicom.valuerep import DT

from minihub.instances import NotAnInstance, read_instance
from minihub.storage import Archive, StoreOutcome
from minihub.worklist import Worklist

#: Coding scheme for concepts no standard code fits (declared once, here).
PRIVATE_SCHEME = "99STRKLNK"
NIHSS = ("72089-6", "LN", "Total score [NIHSS]")
LAST_KNOWN_WELL = ("LKW", PRIVATE_SCHEME, "Time last known well")
SYMPTOM_ONSET = ("11368-8", "LN", "Illness or injury onset date and time")
ONSET_TIMING = ("ONSET", PRIVATE_SCHEME, "Stroke onset timing")
GLUCOSE = ("15074-8", "LN", "Glucose [Moles/volume] in Blood")
SYSTOLIC_BP = ("8480-6", "LN", "Systolic blood pressure")
DIASTOLIC_BP = ("8462-4", "LN", "Diastolic blood pressure")
PRESTROKE_MRS = ("PRE-MRS", PRIVATE_SCHEME, "Pre-stroke modified Rankin Scale score")
ANTICOAGULATION = ("ANTITHROMB", PRIVATE_SCHEME, "Anticoagulant or antiplatelet treatment")
CALLBACK_PHONE = ("CALLBACK", PRIVATE_SCHEME, "Call-back telephone number")
#: Values of ANTICOAGULATION.
TREATMENTS = {
    "NONE": "No anticoagulant or antiplatelet treatment",
    "ANTIPLATELET": "Antiplatelet treatment",
    "VKA": "Vitamin K antagonist",
    "DOAC": "Direct oral anticoagulant",
    "HEPARIN": "Heparin",
    "UNKNOWN": "Treatment unknown",
}
#: Values of ONSET_TIMING, when the onset time is not simply known.
ONSET_TIMINGS = {
    "WAKE-UP": "Wake-up stroke (symptoms present on waking)",
    "UNKNOWN": "Time of onset unknown",
}
#: (0040,4041) Input Readiness State values (PS3.4 Table CC.2.5-3).
READINESS_STATES = ("READY", "INCOMPLETE", "UNAVAILABLE")
#: (0040,4018) Scheduled Workitem Code Sequence: what is asked of the hub.
TELE_EXPERTISE = ("TELE-STROKE", PRIVATE_SCHEME, "Acute stroke imaging tele-expertise")
UCUM = "UCUM"
MARKER = "demo-seed.json"
PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class InputSeries:
    """One series given to the radiologist: (0040,4021) Input Information Sequence item."""

    study_uid: str
    series_uid: str
    instances: Sequence[tuple[str, str]]  # (SOP Class UID, SOP Instance UID)
    retrieve_url: str  # WADO-RS URL of the series


@dataclass(frozen=True)
class ClinicalRequest:
    """What the ED tells the radiologist (DESIGN.md "The request")."""

    site: str  # (0032,1033) Requesting Service
    physician: str  # (0032,1032) Requesting Physician, DICOM PN ("FAMILY^Given")
    question: str  # (0040,1002) Reason for the Requested Procedure
    accession: str = ""  # (0008,0050) in (0040,A370) Referenced Request Sequence
    callback_phone: str = ""
    last_known_well: datetime | None = None  # timezone-aware
    symptom_onset: datetime | None = None  # timezone-aware, witnessed onset
    onset_timing: str | None = None  # a key of ONSET_TIMINGS (wake-up, unknown)
    nihss: int | None = None
    glucose_mmol_l: float | None = None
    systolic_bp: int | None = None
    diastolic_bp: int | None = None
    prestroke_mrs: int | None = None
    anticoagulation: str | None = None  # a key of TREATMENTS
    history: str = ""  # (0040,0400) Comments on the Scheduled Procedure Step
    extra: Mapping[str, Any] = field(default_factory=dict)


def _code(code: tuple[str, str, str]) -> Dataset:
    item = Dataset()
    item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = code
    return item


def _dt(value: datetime) -> str:
    """A DT value with its UTC offset (PS3.5 6.2)."""
    if value.tzinfo is None:
        raise ValueError("date-times in a request must carry a time zone")
    return value.strftime("%Y%m%d%H%M%S%z")


def _content_item(value_type: str, concept: tuple[str, str, str]) -> Dataset:
    """A Content Item Macro item (PS3.3 Table 10-2)."""
    item = Dataset()
    item.ValueType = value_type
    item.ConceptNameCodeSequence = [_code(concept)]
    return item


def _num(concept: tuple[str, str, str], value: float, unit: tuple[str, str]) -> Dataset:
    item = _content_item("NUM", concept)
    item.NumericValue = f"{value:g}"
    item.MeasurementUnitsCodeSequence = [_code((unit[0], UCUM, unit[1]))]
    return item


def processing_parameters(request: ClinicalRequest) -> list[Dataset]:
    """(0074,1210) Scheduled Processing Parameters Sequence content items."""
    items: list[Dataset] = []
    if request.nihss is not None:
        items.append(_num(NIHSS, request.nihss, ("{score}", "score")))
    if request.last_known_well is not None:
        item = _content_item("DATETIME", LAST_KNOWN_WELL)
        item.DateTime = _dt(request.last_known_well)
        items.append(item)
    if request.symptom_onset is not None:
        item = _content_item("DATETIME", SYMPTOM_ONSET)
        item.DateTime = _dt(request.symptom_onset)
        items.append(item)
    if request.onset_timing is not None:
        item = _content_item("CODE", ONSET_TIMING)
        key = request.onset_timing
        item.ConceptCodeSequence = [_code((key, PRIVATE_SCHEME, ONSET_TIMINGS[key]))]
        items.append(item)
    if request.glucose_mmol_l is not None:
        items.append(_num(GLUCOSE, request.glucose_mmol_l, ("mmol/L", "mmol/L")))
    if request.systolic_bp is not None:
        items.append(_num(SYSTOLIC_BP, request.systolic_bp, ("mm[Hg]", "mmHg")))
    if request.diastolic_bp is not None:
        items.append(_num(DIASTOLIC_BP, request.diastolic_bp, ("mm[Hg]", "mmHg")))
    if request.prestroke_mrs is not None:
        items.append(_num(PRESTROKE_MRS, request.prestroke_mrs, ("{score}", "score")))
    if request.anticoagulation is not None:
        item = _content_item("CODE", ANTICOAGULATION)
        key = request.anticoagulation
        item.ConceptCodeSequence = [_code((key, PRIVATE_SCHEME, TREATMENTS[key]))]
        items.append(item)
    if request.callback_phone:
        item = _content_item("TEXT", CALLBACK_PHONE)
        item.TextValue = request.callback_phone
        items.append(item)
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
) -> dict[str, Any]:
    """The DICOM JSON of a new tele-expertise request (a SCHEDULED UPS workitem).

    ``patient`` maps Patient module keywords (PatientName, PatientID,
    IssuerOfPatientID, PatientBirthDate, PatientSex) to values, normally
    copied from the images. ``inputs`` become (0040,4021) Input Information
    Sequence items (Referenced Instances and Access Macro, with a WADO-RS
    Retrieve URL); the output study is the first input's (0020,000D).
    ``readiness`` is (0040,4041) Input Readiness State: ``INCOMPLETE`` while
    more series are still being sent (see :func:`build_inputs_update`).
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
    ds.ScheduledProcedureStepStartDateTime = _dt(scheduled)
    ds.ScheduledWorkitemCodeSequence = [_code(TELE_EXPERTISE)]
    ds.InputReadinessState = readiness
    for keyword in ("PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate",
                    "PatientSex"):  # fmt: skip
        setattr(ds, keyword, patient.get(keyword, ""))
    if inputs:
        ds.StudyInstanceUID = inputs[0].study_uid
    ds.InputInformationSequence = [_input_item(series) for series in inputs]
    ds.ReferencedRequestSequence = [_reference(request, inputs, label)]
    ds.ScheduledProcessingParametersSequence = processing_parameters(request)
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
) -> dict[str, Any]:
    """The DICOM JSON of an UpdateUPS (PS3.18 11.6) replacing the request's images.

    Sets (0040,4021) Input Information Sequence to ``inputs`` (all the series
    stored so far, not only the new ones: updates replace whole attributes),
    (0040,4041) Input Readiness State, (0020,000D) Study Instance UID and the
    study in (0040,A370) Referenced Request Sequence (empty while a request
    has no images yet). A SCHEDULED workitem takes it without a Transaction
    UID (PS3.4 CC.2.6).
    """
    if readiness not in READINESS_STATES:
        raise ValueError(f"unknown Input Readiness State {readiness!r}")
    ds = Dataset()
    ds.InputReadinessState = readiness
    ds.InputInformationSequence = [_input_item(series) for series in inputs]
    if inputs:
        ds.StudyInstanceUID = inputs[0].study_uid
    ds.ReferencedRequestSequence = [_reference(request, inputs, label)]
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
    wado = Dataset()
    wado.RetrieveURL = series.retrieve_url
    retrieval = Dataset()
    retrieval.WADORSRetrievalSequence = [wado]
    item.DICOMRetrievalSequence = [retrieval]
    return item


def read_clinical_request(workitem: Mapping[str, Any]) -> ClinicalRequest:
    """The clinical fields of a request workitem (DICOM JSON): the inverse of the above.

    Reads (0040,A370) Referenced Request Sequence, (0074,1210) Scheduled
    Processing Parameters Sequence (by concept code, ignoring unknown items)
    and (0040,0400) Comments on the Scheduled Procedure Step.
    """
    ds = Dataset.from_json(dict(workitem))
    refs = ds.get("ReferencedRequestSequence") or [Dataset()]
    ref = refs[0]
    values: dict[str, Any] = {}
    numbers = {
        NIHSS[:2]: ("nihss", int), GLUCOSE[:2]: ("glucose_mmol_l", float),
        SYSTOLIC_BP[:2]: ("systolic_bp", int), DIASTOLIC_BP[:2]: ("diastolic_bp", int),
        PRESTROKE_MRS[:2]: ("prestroke_mrs", int),
    }  # fmt: skip
    for item in ds.get("ScheduledProcessingParametersSequence") or []:
        concepts = item.get("ConceptNameCodeSequence") or []
        if not concepts:
            continue
        code = (
            str(concepts[0].get("CodeValue", "")),
            str(concepts[0].get("CodingSchemeDesignator", "")),
        )
        if code in numbers and item.get("NumericValue") not in (None, ""):
            name, kind = numbers[code]
            values[name] = kind(float(item.NumericValue))
        elif code == LAST_KNOWN_WELL[:2] and item.get("DateTime"):
            values["last_known_well"] = _read_dt(str(item.DateTime))
        elif code == SYMPTOM_ONSET[:2] and item.get("DateTime"):
            values["symptom_onset"] = _read_dt(str(item.DateTime))
        elif code in (ONSET_TIMING[:2], ANTICOAGULATION[:2]) and item.get("ConceptCodeSequence"):
            name = "onset_timing" if code == ONSET_TIMING[:2] else "anticoagulation"
            values[name] = str(item.ConceptCodeSequence[0].CodeValue)
        elif code == CALLBACK_PHONE[:2]:
            values["callback_phone"] = str(item.get("TextValue", ""))
    return ClinicalRequest(
        site=str(ref.get("RequestingService", "")),
        physician=str(ref.get("RequestingPhysician", "")),
        question=str(ref.get("ReasonForTheRequestedProcedure", "")),
        accession=str(ref.get("AccessionNumber", "")),
        history=str(ds.get("CommentsOnTheScheduledProcedureStep", "")),
        **values,
    )


def read_input_series(workitem: Mapping[str, Any]) -> list[InputSeries]:
    """The (0040,4021) Input Information Sequence of a workitem (DICOM JSON)."""
    ds = Dataset.from_json(dict(workitem))
    found = []
    for item in ds.get("InputInformationSequence") or []:
        url = ""
        for retrieval in item.get("DICOMRetrievalSequence") or []:
            for wado in retrieval.get("WADORSRetrievalSequence") or []:
                url = url or str(wado.get("RetrieveURL", ""))
        refs = [
            (str(ref.ReferencedSOPClassUID), str(ref.ReferencedSOPInstanceUID))
            for ref in item.get("ReferencedSOPSequence") or []
        ]
        found.append(
            InputSeries(str(item.StudyInstanceUID), str(item.SeriesInstanceUID), refs, url)
        )
    return found


def _read_dt(value: str) -> datetime:
    parsed = DT(value)
    return datetime.fromisoformat(parsed.isoformat())


def demo_requests(now: datetime) -> dict[str, ClinicalRequest]:
    """Synthetic, varied requests for the synthetic cases (keys: case names)."""
    local = now.astimezone(PARIS)
    return {
        "normal": ClinicalRequest(
            site="CH Saint-Dié, Urgences", physician="MARTIN^Julie", accession="SLA0001",
            question="Thrombolysis?",
            callback_phone="+33 3 29 00 10 01", last_known_well=local - timedelta(minutes=100),
            nihss=2, glucose_mmol_l=6.1, systolic_bp=158, diastolic_bp=92, prestroke_mrs=0,
            anticoagulation="NONE",
            history="Transient left arm weakness and dysarthria, improving. "
            "Treated hypertension. No previous stroke.",
        ),
        "left-mca": ClinicalRequest(
            site="CH Verdun, Urgences", physician="LEROY^Thomas", accession="SLA0002",
            question="Thrombolysis? Thrombectomy?",
            callback_phone="+33 3 29 00 20 02", last_known_well=local - timedelta(minutes=70),
            nihss=17, glucose_mmol_l=7.4, systolic_bp=182, diastolic_bp=96, prestroke_mrs=1,
            anticoagulation="ANTIPLATELET",
            history="Right hemiplegia and global aphasia. Aspirin 75 mg daily. "
            "Irregular pulse on arrival, ECG pending.",
        ),
        "right-ich": ClinicalRequest(
            site="CH Neufchâteau, Urgences", physician="GARNIER^Sophie", accession="SLA0003",
            question="Thrombolysis? Sudden left hemiparesis, headache, vomiting",
            callback_phone="+33 3 29 00 30 03", last_known_well=local - timedelta(minutes=150),
            nihss=12, glucose_mmol_l=8.2, systolic_bp=210, diastolic_bp=115,
            anticoagulation="VKA",
            history="Found at home by a neighbour, identity not confirmed. "
            "Fluindione box found at home; INR pending.",
        ),
        "wake-up-mr": ClinicalRequest(
            site="CH Épinal, Urgences", physician="BERNARD^Luc", accession="SLA0004",
            question="Thrombolysis? Wake-up stroke: DWI/FLAIR mismatch?",
            callback_phone="+33 3 29 00 40 04", last_known_well=local - timedelta(hours=9),
            nihss=8, glucose_mmol_l=5.6, systolic_bp=165, diastolic_bp=88, prestroke_mrs=0,
            anticoagulation="NONE",
            history="Woke up with left facial droop and arm weakness; well at bedtime.",
        ),
    }  # fmt: skip


def store_file(archive: Archive, source: Path) -> StoreOutcome:
    """Store one Part 10 file through the same path as STOW-RS."""
    with archive.temp_file() as (temp, stream):
        with source.open("rb") as src:
            shutil.copyfileobj(src, stream)
        stream.flush()
        os.fsync(stream.fileno())
        stream.close()
        return archive.store(temp, read_instance(temp))


def seed_demo(
    archive: Archive,
    worklist: Worklist,
    base_url: str,
    *,
    cases_dir: Path | None = None,
    now: datetime | None = None,
) -> str:
    """Store the synthetic cases and create their requests; returns a summary.

    ``cases_dir`` holds already written cases (``write_cases`` output);
    without it they are generated (seed 0) unless the marker file says they
    are all stored already.
    """
    now = now or datetime.now(UTC)
    marker = archive.root / MARKER
    studies: dict[str, str] = {}
    if cases_dir is None and marker.exists():
        studies = json.loads(marker.read_text(encoding="utf-8"))
        if not all(archive.study_exists(uid) for uid in studies.values()):
            studies = {}
    stored = 0
    if not studies:
        if cases_dir is not None:
            studies, stored = _store_cases(archive, cases_dir)
        else:
            from minihub.synth import write_cases

            with tempfile.TemporaryDirectory(dir=archive.tmp) as folder:
                write_cases(Path(folder), seed=0)
                studies, stored = _store_cases(archive, Path(folder))
        marker.write_text(json.dumps(studies, indent=1), encoding="utf-8")
    requests = demo_requests(now)
    created = 0
    for offset, (case, study_uid) in enumerate(sorted(studies.items())):
        if worklist.search([("StudyInstanceUID", study_uid)]):
            continue
        request = requests.get(case) or ClinicalRequest(
            site="Demo ED", physician="DEMO^Doctor", question="Thrombolysis?"
        )
        workitem = build_request_workitem(
            request,
            patient=_patient_of(archive, study_uid),
            inputs=_inputs_of(archive, study_uid, base_url),
            scheduled=now - timedelta(minutes=len(studies) - offset),
        )
        worklist.create(workitem, None)
        created += 1
    return f"{len(studies)} studies ({stored} new instances), {created} new workitems"


def _store_cases(archive: Archive, root: Path) -> tuple[dict[str, str], int]:
    studies: dict[str, str] = {}
    stored = 0
    for case_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(case_dir.rglob("*.dcm")):
            try:
                outcome = store_file(archive, path)
            except NotAnInstance:
                continue
            stored += outcome is StoreOutcome.STORED
            if case_dir.name not in studies:
                studies[case_dir.name] = read_instance(path).study_uid
    return studies, stored


def _patient_of(archive: Archive, study_uid: str) -> dict[str, str]:
    row = (
        archive.db.connection()
        .execute("SELECT attrs FROM studies WHERE study_uid = ?", (study_uid,))
        .fetchone()
    )
    ds = Dataset.from_json(json.loads(row["attrs"]))
    keywords = ("PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate", "PatientSex")
    return {keyword: str(ds.get(keyword, "") or "") for keyword in keywords}


def _inputs_of(archive: Archive, study_uid: str, base_url: str) -> list[InputSeries]:
    series: dict[str, list[tuple[str, str]]] = {}
    for inst in archive.instances(study_uid):
        series.setdefault(inst.series_uid, []).append((inst.sop_class_uid, inst.sop_uid))
    return [
        InputSeries(study_uid, uid, refs, f"{base_url}/studies/{study_uid}/series/{uid}")
        for uid, refs in series.items()
    ]
