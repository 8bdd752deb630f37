"""The clinical form of a request: schema, validation rules, and its UPS encoding."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from app.ed.request.form import FormError, example_clinical, parse_clinical
from protocol.request import (
    InputSeries,
    build_request_workitem,
    read_clinical_request,
    read_input_series,
)

PARIS_SUMMER = timezone(timedelta(hours=2))
NOW = datetime(2025, 6, 1, 10, 0, tzinfo=PARIS_SUMMER)


def minimal(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "site": "CH Verdun, Urgences",
        "physician": "LEROY^Thomas",
        "callback_phone": "+33 3 29 00 20 02",
        "question": "Thrombolysis?",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def problems(data: dict[str, Any], now: datetime = NOW) -> dict[str, str]:
    with pytest.raises(FormError) as caught:
        parse_clinical(data, now=now)
    return {p.field: p.rule for p in caught.value.problems}


def test_the_example_is_valid_and_round_trips_through_json() -> None:
    example = example_clinical(NOW)
    form = parse_clinical(json.loads(json.dumps(example)), now=NOW)
    assert form.priority == "HIGH"
    assert form.nihss == 17 and form.glucose_mmol_l == 7.4
    assert (form.systolic_bp, form.diastolic_bp) == (182, 96)
    assert form.anticoagulation == "ANTIPLATELET" and form.prestroke_mrs == 1
    assert form.last_known_well == NOW - timedelta(minutes=70)
    assert form.last_known_well is not None and form.last_known_well.utcoffset() == timedelta(
        hours=2
    )
    assert parse_clinical(form.to_json(), now=NOW) == form


def test_minimal_request_defaults_to_high_priority() -> None:
    form = parse_clinical(minimal(), now=NOW)
    assert form.priority == "HIGH"
    assert form.nihss is None and form.last_known_well is None and form.onset_timing is None


def test_every_problem_is_reported_at_once_naming_field_and_rule() -> None:
    found = problems({"nihss": 43, "physician": "", "priorty": "LOW"})
    assert found["site"] == "is required"
    assert found["physician"] == "is required"
    assert found["callback_phone"] == "is required"
    assert found["question"] == "is required"
    assert found["nihss"] == "must be a whole number from 0 to 42 (got 43)"
    assert "not a field" in found["priorty"]
    with pytest.raises(FormError) as caught:
        parse_clinical({"nihss": 43}, now=NOW)
    assert "nihss: must be a whole number from 0 to 42" in str(caught.value)


@pytest.mark.parametrize("value", [43, -1, 17.5, True, "17", None])
def test_nihss_range(value: Any) -> None:
    if value is None:
        assert parse_clinical(minimal(nihss=42), now=NOW).nihss == 42
        assert parse_clinical(minimal(nihss=0.0), now=NOW).nihss == 0
        return
    assert "nihss" in problems(minimal(nihss=value))


def test_no_future_times_within_a_small_tolerance() -> None:
    soon = (NOW + timedelta(minutes=3)).isoformat()
    assert parse_clinical(minimal(last_known_well=soon), now=NOW).last_known_well is not None
    later = (NOW + timedelta(minutes=30)).isoformat()
    assert problems(minimal(last_known_well=later))["last_known_well"].startswith(
        "is in the future"
    )
    assert "symptom_onset" in problems(minimal(symptom_onset=later))
    # The same instant written in UTC is still the future.
    in_utc = (NOW + timedelta(minutes=30)).astimezone(UTC).isoformat()
    assert "last_known_well" in problems(minimal(last_known_well=in_utc))


def test_times_carry_their_utc_offset_and_are_plausible() -> None:
    found = problems(minimal(last_known_well="2025-06-01T08:50:00"))
    assert "UTC offset" in found["last_known_well"]
    assert "ISO 8601" in problems(minimal(last_known_well="01/06/2025 08:50"))["last_known_well"]
    assert (
        "check the date"
        in problems(minimal(last_known_well="2024-06-01T08:50:00+02:00"))["last_known_well"]
    )
    form = parse_clinical(minimal(last_known_well="2025-06-01T06:50:00Z"), now=NOW)
    assert form.last_known_well == datetime(2025, 6, 1, 8, 50, tzinfo=PARIS_SUMMER)


def test_unknown_and_wake_up_onsets() -> None:
    unknown = parse_clinical(minimal(last_known_well="unknown"), now=NOW)
    assert unknown.onset_timing == "UNKNOWN" and unknown.last_known_well is None
    woke = parse_clinical(minimal(last_known_well="wake-up"), now=NOW)
    assert woke.onset_timing == "WAKE-UP" and woke.last_known_well is None
    bedtime = "2025-05-31T23:00:00+02:00"
    slept = parse_clinical(minimal(last_known_well=bedtime, wake_up=True), now=NOW)
    assert slept.onset_timing == "WAKE-UP" and slept.last_known_well is not None
    assert parse_clinical(slept.to_json(), now=NOW) == slept
    onset = "2025-06-01T09:00:00+02:00"
    assert "symptom_onset" in problems(minimal(last_known_well="unknown", symptom_onset=onset))
    assert "wake_up" in problems(minimal(last_known_well="unknown", wake_up=True))
    before = problems(minimal(last_known_well=onset, symptom_onset="2025-06-01T08:00:00+02:00"))
    assert before["symptom_onset"] == "cannot be before last_known_well"


def test_glucose_units_and_ranges() -> None:
    assert parse_clinical(minimal(glucose=7.4), now=NOW).glucose_mmol_l == 7.4
    mg = parse_clinical(minimal(glucose={"value": 133, "unit": "mg/dL"}), now=NOW)
    assert (mg.glucose, mg.glucose_unit) == (133, "mg/dL")  # kept as given, never converted
    assert mg.glucose_mmol_l == pytest.approx(7.38, abs=0.01)
    for typed in (7.4, 2.8, 3.1, 7.45, 12.34):  # never rounded (issue #9: 7.4 became 7.0)
        assert parse_clinical(minimal(glucose=typed), now=NOW).glucose == typed
    assert "mg/dL" in problems(minimal(glucose=133))["glucose"]
    assert "glucose.unit" in problems(minimal(glucose={"value": 7, "unit": "g/L"}))
    assert "glucose" in problems(minimal(glucose={"value": 0.2, "unit": "mmol/L"}))
    assert "glucose" in problems(minimal(glucose="high"))


def test_anticoagulant_details() -> None:
    vka = parse_clinical(minimal(anticoagulation="vka", inr=2.6), now=NOW)
    assert (vka.anticoagulation, vka.inr) == ("VKA", 2.6)
    dose = "2025-06-01T07:30:00+02:00"
    doac = parse_clinical(minimal(anticoagulation="doac", last_dose=dose), now=NOW)
    assert doac.last_dose == datetime.fromisoformat(dose)
    assert doac.last_dose is not None and doac.last_dose.utcoffset() == timedelta(hours=2)
    assert "inr" in problems(minimal(anticoagulation="doac", inr=2.6))
    assert "inr" in problems(minimal(anticoagulation="vka", inr=45))
    assert "last_dose" in problems(minimal(anticoagulation="vka", last_dose=dose))
    assert "last_dose" in problems(minimal(anticoagulation="heparin", last_dose="2025-06-01T07:30"))
    assert "last_dose" in problems(
        minimal(anticoagulation="heparin", last_dose="2025-06-01T11:30:00+02:00")  # future
    )
    # schema /1 documents are still read; the form writes /2
    assert parse_clinical(minimal(schema="strokelink-request/1"), now=NOW).site
    assert vka.to_json()["schema"] == "strokelink-request/2"
    assert parse_clinical(vka.to_json(), now=NOW) == vka


def test_blood_pressure() -> None:
    form = parse_clinical(minimal(blood_pressure="182/96"), now=NOW)
    assert (form.systolic_bp, form.diastolic_bp) == (182, 96)
    assert "blood_pressure" in problems(minimal(blood_pressure={"systolic": 80, "diastolic": 90}))
    assert "blood_pressure.systolic" in problems(
        minimal(blood_pressure={"systolic": 420, "diastolic": 90})
    )
    assert "blood_pressure.unit" in problems(
        minimal(blood_pressure={"systolic": 18, "diastolic": 9, "unit": "kPa"})
    )


def test_other_fields() -> None:
    found = problems(
        minimal(
            prestroke_mrs=6, anticoagulation="warfarin", priority="URGENT",
            callback_phone="call me", site="x" * 65, _comment="ignored",
            patient={"sex": "X", "birth_date": "1950-01-12", "nickname": "Bob"},
        )
    )  # fmt: skip
    assert set(found) == {
        "prestroke_mrs", "anticoagulation", "priority", "callback_phone", "site",
        "patient.sex", "patient.birth_date", "patient.nickname", "patient",
    }  # fmt: skip
    assert found["site"] == "must be at most 64 characters (has 65)"


def test_encoded_in_the_workitem_and_read_back() -> None:
    """ClinicalForm → minihub.seed codec → UPS DICOM JSON → the same clinical values."""
    data = example_clinical(NOW)
    data.pop("symptom_onset")
    data["wake_up"] = True
    form = parse_clinical(data, now=NOW)
    inputs = [InputSeries("1.2.3", "1.2.3.4", [("1.2.840.10008.5.1.4.1.1.2", "1.2.3.4.5")],
                          "http://hub/dicom-web/studies/1.2.3/series/1.2.3.4")]  # fmt: skip
    item = build_request_workitem(
        form.to_request(),
        patient={"PatientID": "P1", "PatientName": "DOE^JOHN"},
        inputs=inputs,
        scheduled=NOW,
        priority=form.priority,
        readiness="INCOMPLETE",
    )
    assert item["00404041"]["Value"] == ["INCOMPLETE"]
    assert item["00741200"]["Value"] == ["HIGH"]
    read = read_clinical_request(item)
    assert read == form.to_request()
    assert read.onset_timing == "WAKE-UP"
    assert read_input_series(item) == inputs
    onset = parse_clinical(example_clinical(NOW), now=NOW)
    item = build_request_workitem(onset.to_request(), patient={}, inputs=[], scheduled=NOW)
    assert read_clinical_request(item).symptom_onset == onset.symptom_onset
    codes = [p["0040A043"]["Value"][0]["00080100"]["Value"][0] for p in item["00741210"]["Value"]]
    assert "11368-8" in codes and "72089-6" in codes
