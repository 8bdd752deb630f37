"""The ED's clinical context in the opinion's documents: SR content items and PDF words.

The opinion restates what the ED said (:class:`protocol.request.ClinicalRequest`,
copied into :attr:`app.opinion.model.RequestInfo.clinical`), so that whoever
reads the opinion reads it beside the facts that decide thrombolysis.

In the SR (TID 2000) it is a section of its own: a CONTAINER (55752-0, LN,
"Clinical Information") — a section heading of CID 7001 "Diagnostic Imaging
Report Headings" — holding one content item per fact, coded as the request
workitem codes them (:mod:`protocol.codes`: LOINC where one fits, the private
scheme 99STRKLNK otherwise, declared once in the SR's (0008,0110) Coding Scheme
Identification Sequence)::

    CONTAINS CONTAINER (55752-0, LN, "Clinical Information")
      CONTAINS TEXT  Requesting site, PNAME Requesting physician,
               TEXT  Reason for Procedure (the question), TEXT Accession Number
      CONTAINS DATETIME Time last known well / onset (LN 11368-8) / last dose
      CONTAINS CODE  Stroke onset timing, Anticoagulant or antiplatelet treatment
      CONTAINS NUM   NIHSS (LN 72089-6), INR (LN 6301-6), glucose (LN 15074-8 in
               mmol/L or 2339-0 in mg/dL, as the ED gave it), systolic and
               diastolic BP (LN 8480-6 / 8462-4, mm[Hg]), pre-stroke mRS
      CONTAINS TEXT  Call-back telephone number, History (DCM 121060), items of
               concepts the codec did not know, items it could not read

Numbers keep the ED's digits (:func:`protocol.request.format_number`), times
their UTC offset (:func:`protocol.times.format_dt`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import highdicom as hd
from highdicom.sr import RelationshipTypeValues as Rel

from app.opinion import codes as c
from app.opinion import wording as w
from app.opinion.study import dicom_datetime
from protocol import codes as pc
from protocol.request import (
    BP_DIASTOLIC_MAX,
    BP_SYSTOLIC_MAX,
    FLAG_ANTICOAGULANT,
    FLAG_BLOOD_PRESSURE,
    FLAG_GLUCOSE_HIGH,
    FLAG_GLUCOSE_LOW,
    GLUCOSE_HIGH_MMOL_L,
    GLUCOSE_LOW_MMOL_L,
    GLUCOSE_MG_PER_MMOL,
    ClinicalRequest,
    clinical_flags,
    format_number,
)

#: CID 7001 section heading of the clinical context.
CLINICAL_INFORMATION: c.Code = ("55752-0", "LN", "Clinical Information")
REQUESTING_SITE = c.private("REQSITE", "Requesting site")
REQUESTING_PHYSICIAN = c.private("REQPHYS", "Requesting physician")
QUESTION: c.Code = ("111401", "DCM", "Reason for Procedure")
ACCESSION: c.Code = ("121022", "DCM", "Accession Number")
HISTORY: c.Code = ("121060", "DCM", "History")
OTHER_ITEM = c.private("REQOTHER", "Other item of the request")
UNREADABLE_ITEM = c.private("REQUNREAD", "Item of the request that could not be read")

#: Words for the PDF (what the ED form offers, in full).
TREATMENT_WORDS = {
    "NONE": "none",
    "ANTIPLATELET": "antiplatelet",
    "VKA": "vitamin K antagonist (VKA)",
    "DOAC": "direct oral anticoagulant (DOAC)",
    "HEPARIN": "heparin",
    "UNKNOWN": "unknown",
}
SHORT_TREATMENTS = {"VKA": "VKA", "DOAC": "DOAC", "HEPARIN": "heparin"}
ONSET_WORDS = {"WAKE-UP": "wake-up stroke", "UNKNOWN": "time of onset unknown"}
#: History longer than this is shortened in the PDF, visibly (the SR keeps it whole).
HISTORY_MAX_CHARS = 300
NOT_GIVEN = "not given"


def _concept(code: tuple[str, str, str]) -> hd.sr.CodedConcept:
    return hd.sr.CodedConcept(value=code[0], scheme_designator=code[1], meaning=code[2])


def _number(code: pc.Code, value: float, unit: tuple[str, str]) -> hd.sr.ContentItem:
    item = hd.sr.NumContentItem(
        _concept(code),
        value,
        _concept((unit[0], pc.UCUM, unit[1])),
        relationship_type=Rel.CONTAINS,
    )
    # The ED's digits, as in the request workitem (highdicom's auto-format may round).
    item.MeasuredValueSequence[0].NumericValue = format_number(value)
    return item


def _moment(code: pc.Code, value: dt.datetime, signed: dt.datetime | None) -> hd.sr.ContentItem:
    # the instant, written as dsrdump reads it (see dicom_datetime)
    text = dicom_datetime(value, signed)
    return hd.sr.DateTimeContentItem(_concept(code), text, relationship_type=Rel.CONTAINS)


def _text(code: tuple[str, str, str], value: str) -> hd.sr.ContentItem:
    return hd.sr.TextContentItem(_concept(code), value, relationship_type=Rel.CONTAINS)


def _coded(code: pc.Code, key: str) -> hd.sr.ContentItem:
    value = pc.coded_value(code, key)
    return hd.sr.CodeContentItem(_concept(code), _concept(value), relationship_type=Rel.CONTAINS)


def sr_items(r: ClinicalRequest, signed: dt.datetime | None = None) -> list[hd.sr.ContentItem]:
    """The content items of the "Clinical Information" section, one per fact given."""
    items: list[hd.sr.ContentItem] = []
    if r.site:
        items.append(_text(REQUESTING_SITE, r.site))
    if r.physician:
        items.append(
            hd.sr.PnameContentItem(
                _concept(REQUESTING_PHYSICIAN), r.physician, relationship_type=Rel.CONTAINS
            )
        )
    if r.question:
        items.append(_text(QUESTION, r.question))
    if r.accession:
        items.append(_text(ACCESSION, r.accession))
    if r.last_known_well is not None:
        items.append(_moment(pc.LAST_KNOWN_WELL, r.last_known_well, signed))
    if r.symptom_onset is not None:
        items.append(_moment(pc.SYMPTOM_ONSET, r.symptom_onset, signed))
    if r.onset_timing is not None:
        items.append(_coded(pc.ONSET_TIMING, r.onset_timing))
    if r.nihss is not None:
        items.append(_number(pc.NIHSS, r.nihss, pc.SCORE))
    if r.anticoagulation is not None:
        items.append(_coded(pc.ANTICOAGULATION, r.anticoagulation))
    if r.inr is not None:
        items.append(_number(pc.INR, r.inr, pc.RATIO))
    if r.last_dose is not None:
        items.append(_moment(pc.LAST_DOSE, r.last_dose, signed))
    if r.glucose is not None:
        mass = r.glucose_unit == "mg/dL"
        items.append(
            _number(
                pc.GLUCOSE_MASS if mass else pc.GLUCOSE,
                r.glucose,
                pc.MG_DL if mass else pc.MMOL_L,
            )
        )
    if r.systolic_bp is not None:
        items.append(_number(pc.SYSTOLIC_BP, r.systolic_bp, pc.MM_HG))
    if r.diastolic_bp is not None:
        items.append(_number(pc.DIASTOLIC_BP, r.diastolic_bp, pc.MM_HG))
    if r.prestroke_mrs is not None:
        items.append(_number(pc.PRESTROKE_MRS, r.prestroke_mrs, pc.SCORE))
    if r.callback_phone:
        items.append(_text(pc.CALLBACK_PHONE, r.callback_phone))
    if r.history:
        items.append(_text(HISTORY, r.history))
    for meaning, value in r.other:
        items.append(_text(OTHER_ITEM, f"{meaning}: {value}"))
    for meaning in r.unreadable:
        items.append(_text(UNREADABLE_ITEM, meaning))
    return items


def sr_section(
    r: ClinicalRequest | None, signed: dt.datetime | None = None
) -> hd.sr.ContentItem | None:
    """The TID 2000 "Clinical Information" section, or None when the request said nothing.
    ``signed``: the SR's time, whose offset is its (0008,0201) (see ``dicom_datetime``)."""
    items = sr_items(r, signed) if r is not None else []
    if not items:
        return None
    container = hd.sr.ContainerContentItem(
        _concept(CLINICAL_INFORMATION), relationship_type=Rel.CONTAINS
    )
    container.ContentSequence = hd.sr.ContentSequence(items)
    return container


# --------------------------------------------------------------------------- words (PDF)


@dataclass(frozen=True)
class Fact:
    """One line of the clinical context: ``flagged`` facts are printed so they stand out."""

    label: str
    text: str
    flagged: bool = False
    given: bool = True


def glucose_text(r: ClinicalRequest) -> str:
    assert r.glucose is not None
    return f"{format_number(r.glucose)} {r.glucose_unit}"


def blood_pressure_text(r: ClinicalRequest) -> str:
    systolic = "?" if r.systolic_bp is None else str(r.systolic_bp)
    diastolic = "?" if r.diastolic_bp is None else str(r.diastolic_bp)
    return f"{systolic}/{diastolic} mmHg"


def treatment_text(r: ClinicalRequest) -> str:
    """``direct oral anticoagulant (DOAC), last dose 01/06/2025 07:00 (UTC+02:00)``."""
    assert r.anticoagulation is not None
    text = TREATMENT_WORDS.get(r.anticoagulation, r.anticoagulation.lower())
    if r.inr is not None:
        text += f", INR {format_number(r.inr)}"
    if r.last_dose is not None:
        text += f", last dose {w.moment(r.last_dose)}"
    return text


def _threshold(unit: str, mmol: float) -> str:
    if unit == "mg/dL":
        return f"{mmol:g} mmol/L = {mmol * GLUCOSE_MG_PER_MMOL:.0f} mg/dL"
    return f"{mmol:g} mmol/L"


def flag_texts(r: ClinicalRequest) -> list[str]:
    """The flagged facts in a few words each: ``ED reports DOAC, last dose …``."""
    texts = []
    flags = clinical_flags(r)
    if FLAG_ANTICOAGULANT in flags and r.anticoagulation is not None:
        text = "ED reports " + SHORT_TREATMENTS.get(r.anticoagulation, r.anticoagulation)
        if r.inr is not None:
            text += f", INR {format_number(r.inr)}"
        if r.last_dose is not None:
            text += f", last dose {w.moment(r.last_dose)}"
        texts.append(text)
    if FLAG_BLOOD_PRESSURE in flags:
        texts.append(
            f"ED reports BP {blood_pressure_text(r)} (above {BP_SYSTOLIC_MAX}/{BP_DIASTOLIC_MAX})"
        )
    if FLAG_GLUCOSE_LOW in flags:
        texts.append(
            f"ED reports glucose {glucose_text(r)} "
            f"(below {_threshold(r.glucose_unit, GLUCOSE_LOW_MMOL_L)})"
        )
    if FLAG_GLUCOSE_HIGH in flags:
        texts.append(
            f"ED reports glucose {glucose_text(r)} "
            f"(above {_threshold(r.glucose_unit, GLUCOSE_HIGH_MMOL_L)})"
        )
    return texts


def shortened(text: str, limit: int = HISTORY_MAX_CHARS) -> str:
    """``text`` cut at a word before ``limit`` characters, saying so; whole when short."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(maxsplit=1)[0].rstrip(" ,;:.")
    return f"{cut} … (shortened: {len(text)} characters in the request and the SR)"


def facts(r: ClinicalRequest) -> list[Fact]:
    """The clinical context as the PDF restates it, thrombolysis facts first.

    A fact the ED did not give says so ("not given"); flagged facts
    (:func:`protocol.request.clinical_flags`) are marked.
    """
    flags = set(clinical_flags(r))
    out: list[Fact] = []
    if r.last_known_well is not None:
        lkw = w.moment(r.last_known_well)
        if r.onset_timing in ONSET_WORDS:
            lkw += f" — {ONSET_WORDS[r.onset_timing]}"
        out.append(Fact("Last known well", lkw))
    elif r.onset_timing in ONSET_WORDS:
        out.append(Fact("Last known well", ONSET_WORDS[r.onset_timing]))
    else:
        out.append(Fact("Last known well", NOT_GIVEN, given=False))
    if r.symptom_onset is not None:
        out.append(Fact("Witnessed onset", w.moment(r.symptom_onset)))
    out.append(_maybe("NIHSS", None if r.nihss is None else str(r.nihss)))
    treatment = None if r.anticoagulation is None else treatment_text(r)
    out.append(_maybe("Anticoagulation", treatment, FLAG_ANTICOAGULANT in flags))
    glucose = None if r.glucose is None else glucose_text(r)
    glucose_flag = bool(flags & {FLAG_GLUCOSE_LOW, FLAG_GLUCOSE_HIGH})
    out.append(_maybe("Glucose", glucose, glucose_flag))
    bp = None
    if r.systolic_bp is not None or r.diastolic_bp is not None:
        bp = blood_pressure_text(r)
    out.append(_maybe("Blood pressure", bp, FLAG_BLOOD_PRESSURE in flags))
    out.append(_maybe("Pre-stroke mRS", None if r.prestroke_mrs is None else str(r.prestroke_mrs)))
    out.append(_maybe("Call-back phone", r.callback_phone or None))
    if r.history.strip():
        out.append(Fact("History", shortened(r.history)))
    for meaning, value in r.other:
        out.append(Fact(meaning, value))
    if r.unreadable:
        out.append(Fact("Unreadable items", ", ".join(r.unreadable), flagged=True))
    return out


def _maybe(label: str, text: str | None, flagged: bool = False) -> Fact:
    if text is None:
        return Fact(label, NOT_GIVEN, given=False)
    return Fact(label, text, flagged=flagged)
