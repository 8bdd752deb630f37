"""``request.clinical`` in the opinion JSON: the request JSON's form, strict, and optional."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from app.opinion import model as m
from app.opinion import schema
from app.opinion.build import example_opinion
from protocol.request import ClinicalRequest
from protocol.request_json import clinical_to_json
from tests.app.opinion.clinical_util import DOAC, VKA
from tests.app.opinion.test_schema import DOC, example
from tests.app.opinion.test_schema import errors_of as schema_errors


def with_clinical(clinical: ClinicalRequest | None) -> m.Opinion:
    opinion = example_opinion()
    opinion.request.clinical = clinical
    return opinion


@pytest.mark.parametrize("clinical", [DOAC, VKA, ClinicalRequest(onset_timing="UNKNOWN")])
def test_clinical_round_trips(clinical: ClinicalRequest) -> None:
    opinion = with_clinical(clinical)
    back = schema.opinion_from_json(schema.opinion_to_json(opinion))
    assert back == opinion
    assert back.request.clinical is not None
    # Every field, compared one by one (``extra`` is left out of the dataclass equality).
    for f in dataclasses.fields(ClinicalRequest):
        if f.name != "extra":
            assert getattr(back.request.clinical, f.name) == getattr(clinical, f.name), f.name


def test_clinical_is_written_as_the_request_json_writes_it() -> None:
    data = schema.opinion_to_dict(with_clinical(DOAC))
    written = data["request"]["clinical"]
    assert written == clinical_to_json(DOAC)
    assert written["glucose"] == {"value": 126.0, "unit": "mg/dL"}
    assert written["last_dose"] == "2025-03-01T07:00:00+01:00"
    assert written["anticoagulation"] == "doac"
    assert schema.opinion_to_dict(with_clinical(None))["request"]["clinical"] is None


def test_an_opinion_written_before_clinical_was_kept_still_loads() -> None:
    data = example()
    del data["request"]["clinical"]
    assert schema.opinion_from_dict(data).request.clinical is None


def errors_of(clinical: dict[str, Any]) -> list[str]:
    data = example()
    data["request"]["clinical"] = clinical
    return schema_errors(data)


def test_malformed_clinical_is_refused_naming_the_field() -> None:
    good = clinical_to_json(DOAC)
    assert errors_of({**good, "nihs": 4}) == ["request.clinical.nihs: unknown field"]
    assert errors_of({**good, "anticoagulation": "aspirin"}) == [
        "request.clinical.anticoagulation: 'aspirin' is not one of 'none', 'antiplatelet', "
        "'vka', 'doac', 'heparin', 'unknown'"
    ]
    assert errors_of({**good, "nihss": "17"}) == [
        "request.clinical.nihss: '17' is not as the request JSON writes it"
    ]
    (error,) = errors_of({**good, "last_dose": "2025-03-01T07:00:00"})
    assert error.startswith("request.clinical: a date-time without its UTC offset")
    assert errors_of({**good, "glucose": {"value": 7, "unit": "g/L"}}) == [
        "request.clinical.glucose.unit: expected one of mmol/L, mg/dL"
    ]
    assert errors_of("DOAC") == ["request.clinical: expected an object, got 'DOAC'"]  # type: ignore[arg-type]


def test_the_documentation_names_the_clinical_keys() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert "`clinical`" in text
    for key in clinical_to_json(DOAC):
        assert f"`{key}`" in text, key
