"""The request JSON: :class:`~protocol.request.ClinicalRequest` <-> its keys and units.

:func:`clinical_to_json` gives the request JSON's keys and units
(``docs/request-schema.md``) for tools, the ``worklist --json`` contract and the
documents that embed it (the opinion JSON); :func:`clinical_from_json` reads it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from protocol import codes
from protocol.request import ClinicalRequest

__all__ = ["clinical_from_json", "clinical_to_json"]


def clinical_to_json(request: ClinicalRequest) -> dict[str, Any]:
    """The clinical fields with the keys and units of the request JSON
    (``docs/request-schema.md``); absent fields are left out, times are ISO 8601
    with their offset. Concepts this codec does not know are under ``"other"``
    and unreadable ones under ``"unreadable"`` (never silently dropped)."""
    r = request
    data: dict[str, Any] = {"site": r.site, "physician": r.physician,
                            "callback_phone": r.callback_phone, "question": r.question}  # fmt: skip
    if r.accession:
        data["accession"] = r.accession
    if r.last_known_well is not None:
        data["last_known_well"] = r.last_known_well.isoformat()
        if r.onset_timing == "WAKE-UP":
            data["wake_up"] = True
    elif r.onset_timing:
        data["last_known_well"] = r.onset_timing.lower()
    if r.symptom_onset is not None:
        data["symptom_onset"] = r.symptom_onset.isoformat()
    if r.nihss is not None:
        data["nihss"] = r.nihss
    if r.anticoagulation:
        data["anticoagulation"] = r.anticoagulation.lower()
    if r.inr is not None:
        data["inr"] = r.inr
    if r.last_dose is not None:
        data["last_dose"] = r.last_dose.isoformat()
    if r.glucose is not None:
        data["glucose"] = {"value": r.glucose, "unit": r.glucose_unit}
    if r.systolic_bp is not None or r.diastolic_bp is not None:
        data["blood_pressure"] = {"systolic": r.systolic_bp, "diastolic": r.diastolic_bp,
                                  "unit": "mmHg"}  # fmt: skip
    if r.prestroke_mrs is not None:
        data["prestroke_mrs"] = r.prestroke_mrs
    if r.history:
        data["history"] = r.history
    if r.other:
        data["other"] = [{"concept": meaning, "value": value} for meaning, value in r.other]
    if r.unreadable:
        data["unreadable"] = list(r.unreadable)
    return data


def clinical_from_json(data: Mapping[str, Any]) -> ClinicalRequest:
    """The inverse of :func:`clinical_to_json` (for documents that embed it, e.g. the
    opinion JSON). It trusts its input's shape: the ED's JSON is checked by
    ``app.ed.request.form.parse_clinical``; this raises ValueError/KeyError/TypeError
    on a malformed value."""
    lkw_raw = data.get("last_known_well")
    lkw: datetime | None = None
    timing: str | None = None
    if isinstance(lkw_raw, str) and lkw_raw.upper() in codes.ONSET_TIMINGS:
        timing = lkw_raw.upper()
    elif lkw_raw is not None:
        lkw = _aware(str(lkw_raw))
    if data.get("wake_up"):
        timing = "WAKE-UP"
    glucose = data.get("glucose")
    bp = data.get("blood_pressure") or {}

    def number(value: Any, kind: type) -> Any:
        return None if value is None else kind(value)

    return ClinicalRequest(
        site=str(data.get("site", "")),
        physician=str(data.get("physician", "")),
        callback_phone=str(data.get("callback_phone", "")),
        question=str(data.get("question", "")),
        accession=str(data.get("accession", "")),
        last_known_well=lkw,
        onset_timing=timing,
        symptom_onset=_aware(data["symptom_onset"]) if data.get("symptom_onset") else None,
        nihss=number(data.get("nihss"), int),
        anticoagulation=str(data["anticoagulation"]).upper()
        if data.get("anticoagulation")
        else None,
        inr=number(data.get("inr"), float),
        last_dose=_aware(data["last_dose"]) if data.get("last_dose") else None,
        glucose=number(glucose["value"], float) if glucose else None,
        glucose_unit=str(glucose["unit"]) if glucose else "mmol/L",
        systolic_bp=number(bp.get("systolic"), int),
        diastolic_bp=number(bp.get("diastolic"), int),
        prestroke_mrs=number(data.get("prestroke_mrs"), int),
        history=str(data.get("history", "")),
        other=tuple((str(o["concept"]), str(o["value"])) for o in data.get("other", ())),
        unreadable=tuple(str(u) for u in data.get("unreadable", ())),
    )


def _aware(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        raise ValueError(f"a date-time without its UTC offset: {text!r}")
    return parsed
