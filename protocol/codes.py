"""Coded concepts of a tele-expertise request (DESIGN.md "The request").

Standard codes where one fits (LOINC ``LN``, UCUM units); the private coding
scheme :data:`PRIVATE_SCHEME` otherwise. A concept is ``(code value, coding
scheme designator, code meaning)``; readers match the first two only, never
the meaning text (PS3.3 8.1: the meaning is for display and may be localised).
"""

from __future__ import annotations

Code = tuple[str, str, str]

#: Coding scheme for concepts no standard code fits.
PRIVATE_SCHEME = "99STRKLNK"
LOINC = "LN"
UCUM = "UCUM"

NIHSS: Code = ("72089-6", LOINC, "Total score [NIHSS]")
LAST_KNOWN_WELL: Code = ("LKW", PRIVATE_SCHEME, "Time last known well")
SYMPTOM_ONSET: Code = ("11368-8", LOINC, "Illness or injury onset date and time")
ONSET_TIMING: Code = ("ONSET", PRIVATE_SCHEME, "Stroke onset timing")
GLUCOSE: Code = ("15074-8", LOINC, "Glucose [Moles/volume] in Blood")
GLUCOSE_MASS: Code = ("2339-0", LOINC, "Glucose [Mass/volume] in Blood")
SYSTOLIC_BP: Code = ("8480-6", LOINC, "Systolic blood pressure")
DIASTOLIC_BP: Code = ("8462-4", LOINC, "Diastolic blood pressure")
PRESTROKE_MRS: Code = ("PRE-MRS", PRIVATE_SCHEME, "Pre-stroke modified Rankin Scale score")
ANTICOAGULATION: Code = ("ANTITHROMB", PRIVATE_SCHEME, "Anticoagulant or antiplatelet treatment")
INR: Code = ("6301-6", LOINC, "INR in Platelet poor plasma by Coagulation assay")
LAST_DOSE: Code = ("LAST-DOSE", PRIVATE_SCHEME, "Time of the last anticoagulant dose")
CALLBACK_PHONE: Code = ("CALLBACK", PRIVATE_SCHEME, "Call-back telephone number")
IMAGES_EXPECTED: Code = ("IMAGES-EXPECTED", PRIVATE_SCHEME, "Number of images in the request")

#: (0040,4018) Scheduled Workitem Code Sequence: what is asked of the hub.
TELE_EXPERTISE: Code = ("TELE-STROKE", PRIVATE_SCHEME, "Acute stroke imaging tele-expertise")

#: Values of ANTICOAGULATION (code value -> meaning).
TREATMENTS = {
    "NONE": "No anticoagulant or antiplatelet treatment",
    "ANTIPLATELET": "Antiplatelet treatment",
    "VKA": "Vitamin K antagonist",
    "DOAC": "Direct oral anticoagulant",
    "HEPARIN": "Heparin",
    "UNKNOWN": "Treatment unknown",
}
#: Treatments that are anticoagulants (a clinical flag for thrombolysis).
ANTICOAGULANTS = ("VKA", "DOAC", "HEPARIN")
#: Values of ONSET_TIMING, when the onset time is not simply known (key -> meaning).
ONSET_TIMINGS = {
    "WAKE-UP": "Wake-up stroke (symptoms present on waking)",
    "UNKNOWN": "Time of onset unknown",
}
#: The code value of each ONSET_TIMINGS key in PRIVATE_SCHEME: a code means one thing, and
#: "UNKNOWN" is the anticoagulation's. Workitems of schema /1 wrote the key itself.
_ONSET_CODE_VALUES = {"WAKE-UP": "WAKE-UP", "UNKNOWN": "ONSET-UNKNOWN"}
_LEGACY_ONSET_CODE_VALUES = {"UNKNOWN": "UNKNOWN"}


def coded_value(concept: Code, key: str) -> Code:
    """The coded value of ``key`` for ``concept`` (ANTICOAGULATION or ONSET_TIMING)."""
    if concept[:2] == ONSET_TIMING[:2]:
        return (_ONSET_CODE_VALUES[key], PRIVATE_SCHEME, ONSET_TIMINGS[key])
    if concept[:2] == ANTICOAGULATION[:2]:
        return (key, PRIVATE_SCHEME, TREATMENTS[key])
    raise KeyError(concept)


def key_of_coded_value(concept: Code, code_value: str, scheme: str) -> str | None:
    """The key of a coded value read back (None when it is not one of ours)."""
    if scheme != PRIVATE_SCHEME:
        return None
    if concept[:2] == ONSET_TIMING[:2]:
        for table in (_ONSET_CODE_VALUES, _LEGACY_ONSET_CODE_VALUES):
            for key, value in table.items():
                if value == code_value:
                    return key
        return None
    if concept[:2] == ANTICOAGULATION[:2]:
        return code_value if code_value in TREATMENTS else None
    return None


#: UCUM units: code -> display.
MMOL_L = ("mmol/L", "mmol/L")
MG_DL = ("mg/dL", "mg/dL")
MM_HG = ("mm[Hg]", "mmHg")
SCORE = ("{score}", "score")
RATIO = ("{ratio}", "ratio")
IMAGES = ("{images}", "images")
