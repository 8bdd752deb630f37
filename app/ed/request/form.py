"""The clinical part of a tele-expertise request: parsed, checked, and encoded.

:func:`parse_clinical` reads the JSON of ``docs/request-schema.md`` (what the
ED's form or ``strokelink request send --clinical FILE.json`` provides) into a
:class:`ClinicalForm`, or raises :class:`FormError` listing every problem as
*field: rule*. The clock is a parameter: times in the future (beyond a small
tolerance for unsynchronised clocks) are refused. :meth:`ClinicalForm.to_request`
turns the form into :class:`protocol.request.ClinicalRequest`, whose codec
(:mod:`protocol.request`) decides which UPS attribute carries which field
(DESIGN.md "The request"). Values are kept as given: nothing is rounded,
clamped or converted; a value out of range is refused.

Error messages quote numbers and times the user typed (to find the typo) but
never free text, names or identifiers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from app.opinion.identity import PatientIdentity
from protocol.codes import TREATMENTS
from protocol.request import (
    GLUCOSE_MG_PER_MMOL,
    ClinicalRequest,
    format_number,
)
from protocol.request_json import clinical_to_json

SCHEMA = "strokelink-request/2"
#: Schemas read: /1 is /2 without ``inr`` and ``last_dose``.
SCHEMAS = ("strokelink-request/1", SCHEMA)
#: (0074,1200) Scheduled Procedure Step Priority values (PS3.4 Table CC.2.5-3; no STAT in UPS).
PRIORITIES = ("HIGH", "MEDIUM", "LOW")
#: Accepted ``last_known_well`` words, and the (0074,1210) onset timing code each sets.
ONSET_WORDS = {"unknown": "UNKNOWN", "wake-up": "WAKE-UP"}
ANTICOAGULATION = {key.lower(): key for key in TREATMENTS}
GLUCOSE_MMOL_L = (0.5, 60.0)
INR_RANGE = (0.5, 20.0)
SYSTOLIC_MMHG = (50, 300)
DIASTOLIC_MMHG = (20, 200)
NIHSS_RANGE = (0, 42)
PRESTROKE_MRS_RANGE = (0, 5)
#: Clocks of the CT console, the PC and the hub differ a little: tolerated.
FUTURE_TOLERANCE = timedelta(minutes=5)
#: Times further back than this are most likely a typo in the date.
OLDEST = timedelta(days=30)
#: DICOM value lengths (PS3.5 Table 6.2-1): LO 64, SH 16, PN 64 per group, LT 10240.
LIMITS = {"site": 64, "question": 64, "physician": 64, "accession": 16, "callback_phone": 64,
          "history": 10240}  # fmt: skip
#: Fields stored as DICOM LO / PN / SH strings, where a backslash separates values.
DICOM_STRINGS = ("site", "physician", "question", "accession")
REQUIRED = ("site", "physician", "callback_phone", "question")
FIELDS = frozenset(
    {"schema", "site", "physician", "callback_phone", "question", "accession", "priority",
     "last_known_well", "symptom_onset", "wake_up", "nihss", "anticoagulation", "glucose",
     "blood_pressure", "prestroke_mrs", "history", "patient", "inr", "last_dose"}
)  # fmt: skip
PATIENT_FIELDS = {"name": "name", "id": "patient_id", "issuer": "issuer_of_patient_id",
                  "birth_date": "birth_date", "sex": "sex"}  # fmt: skip
_PHONE = re.compile(r"^\+?[0-9 ().\-/]+$")
_DATE = re.compile(r"^\d{8}$")


@dataclass(frozen=True)
class FieldProblem:
    """One refused value: which field, and the rule it breaks (in words)."""

    field: str
    rule: str

    def __str__(self) -> str:
        return f"{self.field}: {self.rule}"


class FormError(ValueError):
    """The clinical data breaks one or more rules; ``problems`` lists them all."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"the clinical data is not valid:\n{lines}")

    def fields(self) -> set[str]:
        """The fields with a problem (for a form to highlight)."""
        return {p.field.split(".")[0] for p in self.problems}


@dataclass(frozen=True)
class ClinicalForm:
    """What the emergency physician fills in (DESIGN.md "The request").

    Times are timezone-aware. ``onset_timing`` is ``"WAKE-UP"`` or
    ``"UNKNOWN"`` when the onset was not witnessed (``last_known_well`` is
    then the time the patient was last seen well, if known). ``patient`` is
    the identity the physician expects; the images' identity must match it.
    """

    site: str  # (0032,1033) Requesting Service
    physician: str  # (0032,1032) Requesting Physician (DICOM PN)
    callback_phone: str
    question: str  # (0040,1002) Reason for the Requested Procedure
    accession: str = ""
    priority: str = "HIGH"  # (0074,1200) Scheduled Procedure Step Priority
    last_known_well: datetime | None = None
    symptom_onset: datetime | None = None
    onset_timing: str | None = None
    nihss: int | None = None
    anticoagulation: str | None = None  # a key of protocol.codes.TREATMENTS
    inr: float | None = None  # with a VKA, when known
    last_dose: datetime | None = None  # with a DOAC or heparin, when known
    glucose: float | None = None  # as given, in glucose_unit
    glucose_unit: str = "mmol/L"
    systolic_bp: int | None = None
    diastolic_bp: int | None = None
    prestroke_mrs: int | None = None
    history: str = ""  # (0040,0400) Comments on the Scheduled Procedure Step
    patient: PatientIdentity | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def glucose_mmol_l(self) -> float | None:
        return self.to_request().glucose_mmol_l

    def to_request(self) -> ClinicalRequest:
        """The request as :func:`protocol.request.build_request_workitem` encodes it."""
        return ClinicalRequest(
            site=self.site,
            physician=self.physician,
            question=self.question,
            accession=self.accession,
            callback_phone=self.callback_phone,
            last_known_well=self.last_known_well,
            symptom_onset=self.symptom_onset,
            onset_timing=self.onset_timing,
            nihss=self.nihss,
            glucose=self.glucose,
            glucose_unit=self.glucose_unit,
            systolic_bp=self.systolic_bp,
            diastolic_bp=self.diastolic_bp,
            prestroke_mrs=self.prestroke_mrs,
            anticoagulation=self.anticoagulation,
            inr=self.inr,
            last_dose=self.last_dose,
            history=self.history,
        )

    def to_json(self) -> dict[str, Any]:
        """The form in the schema's JSON (``parse_clinical(form.to_json())`` gives it back)."""
        data: dict[str, Any] = {"schema": SCHEMA, **clinical_to_json(self.to_request())}
        data["priority"] = self.priority
        if self.patient is not None:
            data["patient"] = {
                key: getattr(self.patient, attr)
                for key, attr in PATIENT_FIELDS.items()
                if getattr(self.patient, attr)
            }
        return data


class _Checker:
    """Collects problems while reading the fields, so that all are reported at once."""

    def __init__(self, data: Mapping[str, Any], now: datetime, tolerance: timedelta) -> None:
        self.data = data
        self.now = now
        self.tolerance = tolerance
        self.problems: list[FieldProblem] = []

    def refuse(self, name: str, rule: str) -> None:
        self.problems.append(FieldProblem(name, rule))

    def text(self, name: str, *, required: bool = False) -> str:
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.refuse(name, "is required")
            return ""
        if not isinstance(value, str):
            self.refuse(name, "must be text")
            return ""
        value = value.strip()
        limit = LIMITS.get(name)
        if limit and len(value) > limit:
            self.refuse(name, f"must be at most {limit} characters (has {len(value)})")
        if name == "history":
            if any(ord(c) < 32 and c not in "\r\n\t" for c in value):
                self.refuse(name, "must not contain control characters")
        elif any(ord(c) < 32 for c in value):
            self.refuse(name, "must be a single line")
        if name in DICOM_STRINGS and "\\" in value:  # the DICOM value separator (PS3.5 6.2)
            self.refuse(name, "must not contain a backslash (\\)")
        return value

    def integer(self, name: str, low: int, high: int) -> int | None:
        value = self.data.get(name)
        if value is None:
            return None
        number = _integral(value)
        if number is None or not low <= number <= high:
            shown: Any = "?"
            if isinstance(value, int | float) and not isinstance(value, bool):
                shown = value
            elif isinstance(value, str) and len(value) <= 12:
                shown = repr(value)
            self.refuse(name, f"must be a whole number from {low} to {high} (got {shown})")
            return None
        return number

    def time(self, name: str, value: Any) -> datetime | None:
        if not isinstance(value, str):
            self.refuse(name, "must be a date-time text, e.g. 2025-06-01T08:50:00+02:00")
            return None
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            self.refuse(name, f"is not an ISO 8601 date-time ({value!r})")
            return None
        if parsed.tzinfo is None or parsed.utcoffset() is None:
            self.refuse(name, f"must carry its UTC offset, e.g. {value.strip()}+02:00")
            return None
        if parsed > self.now + self.tolerance:
            self.refuse(name, f"is in the future ({value.strip()})")
            return None
        if parsed < self.now - OLDEST:
            self.refuse(
                name, f"is more than {OLDEST.days} days ago ({value.strip()}): check the date"
            )
            return None
        return parsed


def _integral(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


def _number(value: Any) -> float | None:
    """A finite number that a DICOM decimal string holds exactly (≤ 16 characters)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value):
        return None
    try:
        format_number(value)
    except ValueError:
        return None  # more digits than any measurement has: refused, not rounded
    return float(value)


def parse_clinical(
    data: Mapping[str, Any],
    *,
    now: datetime,
    future_tolerance: timedelta = FUTURE_TOLERANCE,
) -> ClinicalForm:
    """Check the clinical JSON (``docs/request-schema.md``) against ``now`` (timezone-aware).

    Raises :class:`FormError` listing every problem. Keys starting with ``_``
    are comments and ignored; any other unknown key is refused (a typo would
    otherwise drop a value silently).
    """
    if now.tzinfo is None:
        raise ValueError("the clock must give timezone-aware times")
    if not isinstance(data, Mapping):
        raise FormError([FieldProblem("(document)", "must be a JSON object")])
    check = _Checker(data, now, future_tolerance)
    for key in sorted(k for k in data if k not in FIELDS and not str(k).startswith("_")):
        check.refuse(str(key), "is not a field of the request (see 'strokelink request example')")
    if data.get("schema", SCHEMA) not in SCHEMAS:
        check.refuse("schema", f"must be {SCHEMA!r} (or {SCHEMAS[0]!r})")
    site, physician, phone, question = (check.text(name, required=True) for name in REQUIRED)
    if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 3):
        check.refuse("callback_phone", "must be a telephone number (digits, spaces, + ( ) . - /)")
    priority = str(data.get("priority") or "HIGH").upper()
    if priority not in PRIORITIES:
        check.refuse("priority", f"must be one of {', '.join(PRIORITIES)}")
    lkw, onset, timing = _times(check, data)
    anticoagulation = None
    if data.get("anticoagulation") is not None:
        word = str(data["anticoagulation"]).strip().lower()
        anticoagulation = ANTICOAGULATION.get(word)
        if anticoagulation is None:
            check.refuse("anticoagulation", f"must be one of {', '.join(ANTICOAGULATION)}")
    systolic, diastolic = _blood_pressure(check, data.get("blood_pressure"))
    inr, last_dose = _anticoagulant_details(check, data, anticoagulation)
    glucose, glucose_unit = _glucose(check, data.get("glucose"))
    form = ClinicalForm(
        site=site,
        physician=physician,
        callback_phone=phone,
        question=question,
        accession=check.text("accession"),
        priority=priority,
        last_known_well=lkw,
        symptom_onset=onset,
        onset_timing=timing,
        nihss=check.integer("nihss", *NIHSS_RANGE),
        anticoagulation=anticoagulation,
        inr=inr,
        last_dose=last_dose,
        glucose=glucose,
        glucose_unit=glucose_unit,
        systolic_bp=systolic,
        diastolic_bp=diastolic,
        prestroke_mrs=check.integer("prestroke_mrs", *PRESTROKE_MRS_RANGE),
        history=check.text("history"),
        patient=_patient(check, data.get("patient")),
    )
    if check.problems:
        raise FormError(check.problems)
    return form


def _times(
    check: _Checker, data: Mapping[str, Any]
) -> tuple[datetime | None, datetime | None, str | None]:
    """``last_known_well`` (a time or a word), ``symptom_onset``, ``wake_up``."""
    raw = data.get("last_known_well")
    lkw: datetime | None = None
    timing: str | None = None
    if isinstance(raw, str) and raw.strip().lower() in ONSET_WORDS:
        timing = ONSET_WORDS[raw.strip().lower()]
    elif raw is not None:
        lkw = check.time("last_known_well", raw)
    wake_up = data.get("wake_up", False)
    if not isinstance(wake_up, bool):
        check.refuse("wake_up", "must be true or false")
    elif wake_up:
        if timing == "UNKNOWN":
            check.refuse("wake_up", "contradicts last_known_well 'unknown'")
        timing = "WAKE-UP"
    onset = None
    if data.get("symptom_onset") is not None:
        onset = check.time("symptom_onset", data["symptom_onset"])
        if onset is not None and timing is not None:
            check.refuse(
                "symptom_onset", "a witnessed onset time contradicts a wake-up or unknown onset"
            )
        if onset is not None and lkw is not None and onset < lkw:
            check.refuse("symptom_onset", "cannot be before last_known_well")
    return lkw, onset, timing


def _glucose(check: _Checker, raw: Any) -> tuple[float | None, str]:
    """The value and unit as given; a bare number is mmol/L. Never rounded nor converted."""
    if raw is None:
        return None, "mmol/L"
    unit = "mmol/L"
    value: Any = raw
    if isinstance(raw, Mapping):
        value, unit = raw.get("value"), str(raw.get("unit", "")).strip()
    number = _number(value)
    if number is None:
        check.refuse("glucose", 'must be a number, or {"value": N, "unit": "mmol/L" or "mg/dL"}')
        return None, "mmol/L"
    units = {"mmol/l": "mmol/L", "mg/dl": "mg/dL"}
    if unit.lower() not in units:
        check.refuse("glucose.unit", "must be mmol/L or mg/dL")
        return None, "mmol/L"
    unit = units[unit.lower()]
    mmol = number / GLUCOSE_MG_PER_MMOL if unit == "mg/dL" else number
    low, high = GLUCOSE_MMOL_L
    if not low <= mmol <= high:
        hint = ' (a value in mg/dL needs "unit": "mg/dL")' if raw is value and mmol > high else ""
        check.refuse(
            "glucose",
            f"must be from {low:g} to {high:g} mmol/L "
            f"({low * GLUCOSE_MG_PER_MMOL:.0f} to {high * GLUCOSE_MG_PER_MMOL:.0f} mg/dL){hint}",
        )
        return None, "mmol/L"
    return number, unit


def _anticoagulant_details(
    check: _Checker, data: Mapping[str, Any], treatment: str | None
) -> tuple[float | None, datetime | None]:
    """``inr`` (with a VKA) and ``last_dose`` (with a DOAC or heparin), when known."""
    inr: float | None = None
    if data.get("inr") is not None:
        inr = _number(data["inr"])
        low, high = INR_RANGE
        if inr is None or not low <= inr <= high:
            check.refuse("inr", f"must be a number from {low:g} to {high:g}")
            inr = None
        elif treatment != "VKA":
            check.refuse("inr", "is given with a vitamin K antagonist (anticoagulation 'vka')")
            inr = None
    last_dose: datetime | None = None
    if data.get("last_dose") is not None:
        last_dose = check.time("last_dose", data["last_dose"])
        if last_dose is not None and treatment not in ("DOAC", "HEPARIN"):
            check.refuse("last_dose", "is given with a DOAC or heparin ('doac', 'heparin')")
            last_dose = None
    return inr, last_dose


def _blood_pressure(check: _Checker, raw: Any) -> tuple[int | None, int | None]:
    """``{"systolic": S, "diastolic": D}`` (optional ``"unit": "mmHg"``) or ``"S/D"``, mmHg."""
    if raw is None:
        return None, None
    values: list[Any]
    if isinstance(raw, str) and re.fullmatch(r"\s*\d{1,3}\s*/\s*\d{1,3}\s*", raw):
        values = [int(part) for part in raw.split("/")]
    elif isinstance(raw, Mapping):
        if str(raw.get("unit", "mmHg")).strip().lower() != "mmhg":
            check.refuse("blood_pressure.unit", "must be mmHg")
            return None, None
        values = [raw.get("systolic"), raw.get("diastolic")]
    else:
        check.refuse("blood_pressure", 'must be {"systolic": S, "diastolic": D} or "S/D" in mmHg')
        return None, None
    result: list[int | None] = []
    for name, value, (low, high) in zip(
        ("systolic", "diastolic"), values, (SYSTOLIC_MMHG, DIASTOLIC_MMHG), strict=True
    ):
        number = _integral(value)
        if number is None or not low <= number <= high:
            check.refuse(
                f"blood_pressure.{name}", f"must be a whole number from {low} to {high} mmHg"
            )
        result.append(number if number is not None and low <= number <= high else None)
    systolic, diastolic = result
    if systolic is not None and diastolic is not None and systolic <= diastolic:
        check.refuse("blood_pressure", "the systolic pressure must be above the diastolic")
        return None, None
    if systolic is None or diastolic is None:
        return None, None
    return systolic, diastolic


def _patient(check: _Checker, raw: Any) -> PatientIdentity | None:
    """The identity the physician expects (optional; required for a request without images)."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        check.refuse("patient", "must be an object with name, id, issuer, birth_date, sex")
        return None
    values: dict[str, str] = {}
    for key in sorted(k for k in raw if k not in PATIENT_FIELDS):
        check.refuse(f"patient.{key}", "is not a field of the patient")
    for key, attr in PATIENT_FIELDS.items():
        value = raw.get(key, "")
        if not isinstance(value, str):
            check.refuse(f"patient.{key}", "must be text")
            value = ""
        values[attr] = value.strip()
    if values["birth_date"] and not _DATE.match(values["birth_date"]):
        check.refuse("patient.birth_date", "must be YYYYMMDD")
    if values["birth_date"] and _DATE.match(values["birth_date"]):
        try:
            born = datetime.strptime(values["birth_date"], "%Y%m%d").date()
        except ValueError:
            check.refuse("patient.birth_date", "is not a valid date")
        else:
            if born > check.now.date():
                check.refuse("patient.birth_date", "is in the future")
    values["sex"] = values["sex"].upper()
    if values["sex"] not in ("", "M", "F", "O"):
        check.refuse("patient.sex", "must be M, F or O")
    if not values["patient_id"] and not values["name"]:
        check.refuse("patient", "needs at least a name or an id")
    return PatientIdentity(**values)


def example_clinical(now: datetime) -> dict[str, Any]:
    """A complete, valid clinical JSON for a request made at ``now`` (synthetic values)."""
    local = now.replace(second=0, microsecond=0)
    return {
        "schema": SCHEMA,
        "site": "CH Verdun, Urgences",
        "physician": "LEROY^Thomas",
        "callback_phone": "+33 3 29 00 20 02",
        "question": "Thrombolysis? Thrombectomy?",
        "accession": "SLA0002",
        "priority": "HIGH",
        "last_known_well": (local - timedelta(minutes=70)).isoformat(),
        "symptom_onset": (local - timedelta(minutes=55)).isoformat(),
        "nihss": 17,
        "anticoagulation": "antiplatelet",
        "glucose": {"value": 7.4, "unit": "mmol/L"},
        "blood_pressure": {"systolic": 182, "diastolic": 96, "unit": "mmHg"},
        "prestroke_mrs": 1,
        "history": "Right hemiplegia and global aphasia. Aspirin 75 mg daily. "
        "Irregular pulse on arrival, ECG pending.",
    }
