"""The request codec round-trips every field: encode -> minihub (HTTP) -> decode.

Property tests (hypothesis, derandomised so that CI runs the same examples every
time) over every clinical field, unicode text, UTC offsets and absent fields;
then the same values through the request JSON (``clinical_to_json`` ->
``parse_clinical``), which is what ``strokelink worklist --json`` and the ED
form speak. Orthanc has no UPS-RS, so the workitem path is tested on minihub
only; Orthanc's DICOMweb is covered by the contract tests.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydicom.uid import generate_uid

from app.ed.request.form import parse_clinical
from minihub.server import HubServer
from protocol import codes
from protocol.request import (
    ClinicalRequest,
    InputSeries,
    build_inputs_update,
    build_request_workitem,
    clinical_flags,
    read_clinical_request,
    read_request_workitem,
)
from protocol.request_json import clinical_from_json, clinical_to_json
from tests.minihub.conftest import http, hub

__all__ = ["http", "hub"]  # fixtures

NOW = datetime(2026, 12, 7, 18, 0, tzinfo=UTC)
HEADERS = {"Content-Type": "application/dicom+json", "Accept": "application/dicom+json"}
CT = "1.2.840.10008.5.1.4.1.1.2"
SETTINGS = settings(
    max_examples=40, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip

# Text a clinician may type: any letter (accents, Greek, CJK...), digits, punctuation, spaces
# inside; one line; no DICOM value separator (backslash) in LO/PN/SH fields.
_letters = st.characters(
    categories=("L", "N", "P", "Zs", "S"), exclude_characters="\\\r\n\t\x0b\x0c\x85\u2028\u2029"
)


def _line(max_size: int) -> st.SearchStrategy[str]:
    return st.text(_letters, min_size=1, max_size=max_size).map(str.strip).filter(bool)


_person = st.tuples(
    st.text(st.characters(categories=("Lu", "Ll")), min_size=1, max_size=20),
    st.text(st.characters(categories=("Lu", "Ll")), min_size=1, max_size=20),
).map(lambda p: f"{p[0]}^{p[1]}")
_history = st.text(
    st.characters(categories=("L", "N", "P", "Zs", "S"), include_characters="\n\t"),
    max_size=400,
).map(str.strip)
_offset = st.integers(-12 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))


@st.composite
def _time(draw: st.DrawFn, *, fraction: bool = True) -> datetime:
    """An aware time within the last 29 days of NOW, to the second (or microsecond)."""
    seconds = draw(st.integers(60, 29 * 86400))
    micro = draw(st.integers(0, 999_999)) if fraction and draw(st.booleans()) else 0
    when = (NOW - timedelta(seconds=seconds)).replace(microsecond=micro)
    return when.astimezone(draw(_offset))


def _decimal(low: float, high: float, places: int) -> st.SearchStrategy[float]:
    scale = 10**places
    return st.integers(int(low * scale), int(high * scale)).map(lambda n: n / scale)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def clinical_requests(draw: st.DrawFn, *, fraction: bool = True) -> ClinicalRequest:
    timing = draw(st.sampled_from([None, "WAKE-UP", "UNKNOWN"]))
    lkw = None if timing == "UNKNOWN" else draw(_maybe(_time(fraction=fraction)))
    onset = None
    if timing is None and lkw is not None and draw(st.booleans()):
        onset = lkw + timedelta(minutes=draw(st.integers(0, 30)))
        onset = onset.astimezone(draw(_offset))
    treatment = draw(_maybe(st.sampled_from(sorted(codes.TREATMENTS))))
    unit = draw(st.sampled_from(["mmol/L", "mg/dL"]))
    glucose = draw(_maybe(_decimal(0.5, 60, 2) if unit == "mmol/L" else _decimal(9, 1080, 1)))
    systolic = draw(_maybe(st.integers(51, 300)))
    return ClinicalRequest(
        site=draw(_line(64)),
        physician=draw(_person),
        question=draw(_line(64)),
        accession=draw(st.text("ABCDEFGHIJ0123456789", max_size=16)),
        callback_phone=draw(st.from_regex(r"\+?[0-9]{2}[0-9 ().\-/]{0,28}[0-9]", fullmatch=True)),
        last_known_well=lkw,
        symptom_onset=onset,
        onset_timing=timing,
        nihss=draw(_maybe(st.integers(0, 42))),
        glucose=glucose,
        glucose_unit=unit if glucose is not None else "mmol/L",
        systolic_bp=systolic,
        diastolic_bp=None if systolic is None else draw(st.integers(20, min(200, systolic - 1))),
        prestroke_mrs=draw(_maybe(st.integers(0, 5))),
        anticoagulation=treatment,
        inr=draw(_maybe(_decimal(0.5, 20, 2))) if treatment == "VKA" else None,
        last_dose=draw(_maybe(_time(fraction=fraction)))
        if treatment in ("DOAC", "HEPARIN")
        else None,
        history=draw(_history),
    )


def _same_times(a: ClinicalRequest, b: ClinicalRequest) -> None:
    """Equal instants AND the same UTC offset (the ED's local time is part of the fact)."""
    for name in ("last_known_well", "symptom_onset", "last_dose"):
        x, y = getattr(a, name), getattr(b, name)
        assert (x is None) == (y is None), name
        if x is not None:
            assert x == y and x.utcoffset() == y.utcoffset(), name


@SETTINGS
@given(request=clinical_requests(), expected=_maybe(st.integers(1, 5000)))
def test_every_field_survives_minihub(
    hub: HubServer, http: requests.Session, request: ClinicalRequest, expected: int | None
) -> None:
    study = generate_uid()
    inputs = [InputSeries(study, generate_uid(), [(CT, generate_uid())],
                          f"{hub.base_url}/studies/{study}", expected=expected)]  # fmt: skip
    patient = {"PatientName": "SYNTH^Zoé", "PatientID": "SYN-1", "IssuerOfPatientID": "SYNTH",
               "PatientBirthDate": "19500101", "PatientSex": "F"}  # fmt: skip
    body = build_request_workitem(
        request, patient=patient, inputs=inputs, scheduled=NOW, readiness="INCOMPLETE",
        images_expected=expected,
    )  # fmt: skip
    uid = generate_uid()
    created = http.post(f"{hub.base_url}/workitems?{uid}", data=json.dumps([body]),
                        headers=HEADERS, timeout=10)  # fmt: skip
    assert created.status_code == 201, created.text
    got = http.get(f"{hub.base_url}/workitems/{uid}", headers=HEADERS, timeout=10)
    assert got.status_code == 200
    stored = got.json()[0]
    decoded = read_request_workitem(stored)
    assert decoded.clinical == request
    _same_times(decoded.clinical, request)
    assert decoded.clinical.unreadable == () and decoded.clinical.other == ()
    assert decoded.patient == patient
    assert decoded.images_expected == expected
    assert [s.expected for s in decoded.inputs] == [expected]
    assert decoded.readiness == "INCOMPLETE" and decoded.incomplete
    # and through the JSON the tools read (worklist --json), unchanged
    again = clinical_from_json(json.loads(json.dumps(clinical_to_json(decoded.clinical))))
    assert again == request
    _same_times(again, request)


@SETTINGS
@given(request=clinical_requests())
def test_request_json_is_what_the_form_reads(request: ClinicalRequest) -> None:
    """The worklist's JSON has the keys and units of the ED's request JSON."""
    data = {"schema": "strokelink-request/2", **clinical_to_json(request)}
    form = parse_clinical(data, now=NOW)
    assert form.to_request() == request
    _same_times(form.to_request(), request)


def test_codes_are_matched_by_value_and_scheme_never_by_meaning() -> None:
    request = ClinicalRequest(
        site="CH Test", physician="A^B", question="?", nihss=9, anticoagulation="DOAC",
        last_dose=NOW - timedelta(hours=3),
    )  # fmt: skip
    body = build_request_workitem(request, patient={}, inputs=[], scheduled=NOW)
    items = body["00741210"]["Value"]
    for item in items:  # another language's meanings change nothing
        item["0040A043"]["Value"][0]["00080104"] = {"vr": "LO", "Value": ["(traduit)"]}
    assert read_clinical_request(body) == request
    for item in items:  # the right meaning under a foreign scheme is not ours: shown as other
        item["0040A043"]["Value"][0]["00080102"] = {"vr": "SH", "Value": ["99OTHER"]}
    foreign = read_clinical_request(body)
    assert foreign.nihss is None and foreign.anticoagulation is None
    assert len(foreign.other) == len(items)  # nothing hidden


def test_a_malformed_value_is_named_not_dropped_and_not_a_crash() -> None:
    request = ClinicalRequest(site="CH Test", physician="A^B", question="?", nihss=9,
                              glucose=7.4, last_known_well=NOW - timedelta(hours=1))  # fmt: skip
    body = build_request_workitem(request, patient={}, inputs=[], scheduled=NOW)
    for item in body["00741210"]["Value"]:
        name = item["0040A043"]["Value"][0]["00080100"]["Value"][0]
        if name == codes.NIHSS[0]:
            item["0040A30A"] = {"vr": "DS", "Value": ["12.5"]}  # not a whole number
        if name == codes.LAST_KNOWN_WELL[0]:
            item["0040A120"] = {"vr": "DT", "Value": ["20261207170000"]}  # no UTC offset
    read = read_clinical_request(body)
    assert read.nihss is None and read.last_known_well is None
    assert set(read.unreadable) == {codes.NIHSS[2], codes.LAST_KNOWN_WELL[2]}
    assert read.glucose == 7.4
    assert clinical_to_json(read)["unreadable"] == list(read.unreadable)


def test_numbers_are_written_as_typed() -> None:
    request = ClinicalRequest(glucose=7.4, inr=2.35, glucose_unit="mmol/L")
    items = {i["0040A043"]["Value"][0]["00080100"]["Value"][0]: i
             for i in build_request_workitem(request, patient={}, inputs=[],
                                             scheduled=NOW)["00741210"]["Value"]}  # fmt: skip
    assert items[codes.GLUCOSE[0]]["0040A30A"]["Value"] == [7.4]
    assert items[codes.INR[0]]["0040A30A"]["Value"] == [2.35]


@pytest.mark.parametrize(
    ("changes", "flags"),
    [
        ({}, []),
        ({"systolic_bp": 186, "diastolic_bp": 90}, ["blood_pressure"]),
        ({"systolic_bp": 185, "diastolic_bp": 110}, []),
        ({"systolic_bp": 170, "diastolic_bp": 111}, ["blood_pressure"]),
        ({"glucose": 2.7}, ["glucose_low"]),
        ({"glucose": 2.8}, []),
        ({"glucose": 22.3}, ["glucose_high"]),
        ({"glucose": 45, "glucose_unit": "mg/dL"}, ["glucose_low"]),
        ({"glucose": 50, "glucose_unit": "mg/dL"}, []),  # the threshold in its own unit
        ({"glucose": 400, "glucose_unit": "mg/dL"}, []),
        ({"glucose": 401, "glucose_unit": "mg/dL"}, ["glucose_high"]),
        ({"anticoagulation": "DOAC"}, ["anticoagulant"]),
        ({"anticoagulation": "VKA"}, ["anticoagulant"]),
        ({"anticoagulation": "HEPARIN"}, ["anticoagulant"]),
        ({"anticoagulation": "ANTIPLATELET"}, []),
    ],
)
def test_clinical_flags(changes: dict[str, Any], flags: list[str]) -> None:
    base = {"systolic_bp": 150, "diastolic_bp": 80, "glucose": 6.0, "anticoagulation": "NONE"}
    assert clinical_flags(ClinicalRequest(**{**base, **changes})) == flags


def test_flags_use_the_reported_unit(tmp_path: Path) -> None:
    assert ClinicalRequest(glucose=133, glucose_unit="mg/dL").glucose_mmol_l == pytest.approx(
        7.38, abs=0.01
    )


def test_one_code_value_one_meaning() -> None:
    """'UNKNOWN' is the anticoagulation's; the unknown onset has a code of its own, and
    workitems written before (schema /1, code value 'UNKNOWN') are still read."""
    request = ClinicalRequest(site="S", physician="A^B", question="?", onset_timing="UNKNOWN",
                              anticoagulation="UNKNOWN")  # fmt: skip
    body = build_request_workitem(request, patient={}, inputs=[], scheduled=NOW)
    values = {
        i["0040A043"]["Value"][0]["00080100"]["Value"][0]: i["0040A168"]["Value"][0]["00080100"][
            "Value"
        ][0]
        for i in body["00741210"]["Value"]
    }
    assert values == {codes.ONSET_TIMING[0]: "ONSET-UNKNOWN", codes.ANTICOAGULATION[0]: "UNKNOWN"}
    assert read_clinical_request(body) == request
    for item in body["00741210"]["Value"]:
        coded = item["0040A168"]["Value"][0]["00080100"]
        if coded["Value"] == ["ONSET-UNKNOWN"]:
            coded["Value"] = ["UNKNOWN"]  # as schema /1 wrote it
    assert read_clinical_request(body) == request


def test_malformed_numbers_from_another_hub_are_named_not_fatal() -> None:
    """A DS "abc" or an IS "1.5" must not make the whole workitem (or worklist) unreadable."""
    request = ClinicalRequest(site="S", physician="A^B", question="?", nihss=5, glucose=7.4)
    inputs = [InputSeries("1.2.3", "1.2.3.4", [(CT, "1.2.3.4.5")], "http://x", expected=3)]
    body = build_request_workitem(request, patient={}, inputs=inputs, scheduled=NOW)
    body["00741210"]["Value"][0]["0040A30A"] = {"vr": "DS", "Value": ["abc"]}  # NIHSS
    body["00404021"]["Value"][0]["00201209"] = {"vr": "IS", "Value": ["1.5"]}
    decoded = read_request_workitem(body)
    assert decoded.clinical.nihss is None and decoded.clinical.glucose == 7.4
    assert decoded.clinical.unreadable == (codes.NIHSS[2],)
    (series,) = decoded.inputs
    assert series.expected is None and series.expected_unreadable and not series.complete
    assert decoded.incomplete  # a count that cannot be read never makes a series whole


def test_a_number_no_decimal_string_can_hold_is_unreadable() -> None:
    body = build_request_workitem(
        ClinicalRequest(inr=2.5, anticoagulation="VKA"), patient={}, inputs=[], scheduled=NOW
    )
    for item in body["00741210"]["Value"]:
        if item["0040A043"]["Value"][0]["00080100"]["Value"][0] == codes.INR[0]:
            item["0040A30A"] = {"vr": "DS", "Value": ["1.23456789012E-5"]}
    read = read_clinical_request(body)
    assert read.inr is None and read.unreadable == (codes.INR[2],)


def test_adding_images_rewrites_the_announced_total() -> None:
    request = ClinicalRequest(site="S", physician="A^B", question="?", nihss=5)
    update = build_inputs_update(request, [], readiness="INCOMPLETE", images_expected=260)
    items = update["00741210"]["Value"]
    found = read_request_workitem({**update, "00741210": {"vr": "SQ", "Value": items}})
    assert found.images_expected == 260 and found.clinical.nihss == 5  # the whole sequence
    assert "00741210" not in build_inputs_update(request, [], readiness="READY")
