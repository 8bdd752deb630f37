"""Request vs images identity (safety invariant 3): normalisation, mismatches, override."""

from __future__ import annotations

import datetime as dt

import pytest
from pydicom.dataset import Dataset

from app.opinion.identity import (
    PatientIdentity,
    check_identity,
    images_identities,
    normalise_name,
    override_identity,
)

REQUEST = PatientIdentity("NAN-0042", "CHRU-NANCY", "DUPONT^Zoé", "19540212", "F")
AT = dt.datetime(2025, 3, 1, 14, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "variant",
    [
        "DUPONT^Zoé",
        "dupont^zoe",
        "DUPONT^ZOE^^^",
        "  Dupont ^  Zoé ",
        "DUPONT^Zoe\u0301",  # combining accent
        "DUPONT^ZOÉ=デュポン^ゾエ",  # ideographic group ignored
    ],
)
def test_name_variants_match(variant: str) -> None:
    assert normalise_name(variant) == "dupont^zoe"
    assert (
        check_identity(
            REQUEST, [PatientIdentity("NAN-0042", "CHRU-NANCY", variant, "19540212", "F")]
        )
        == []
    )


@pytest.mark.parametrize(
    "different", ["DUPONT^Zoey", "DUPOND^Zoé", "ZOÉ^DUPONT", "DUPONT", "DUPONT^Zoé^Marie"]
)
def test_different_names_do_not_match(different: str) -> None:
    assert normalise_name(different) != normalise_name(REQUEST.name)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("patient_id", "NAN-0043"),
        ("issuer_of_patient_id", "CH-EPINAL"),
        ("issuer_of_patient_id", ""),
        ("birth_date", "19540221"),
        ("sex", "M"),
        ("name", "DUPONT^Chloé"),
    ],
)
def test_each_field_difference_is_a_mismatch(field: str, value: str) -> None:
    image = PatientIdentity(**{**REQUEST.__dict__, field: value})
    (mismatch,) = check_identity(REQUEST, {"series 3 CTA": image})
    assert mismatch.field == field
    assert mismatch.where == "series 3 CTA"
    assert mismatch.image_value == value
    assert "differs in series 3 CTA" in mismatch.message()


def test_one_mismatch_per_distinct_value() -> None:
    other = PatientIdentity("NAN-0042", "CHRU-NANCY", "DUPONT^Zoé", "19540212", "M")
    found = check_identity(REQUEST, [REQUEST, other, other])
    assert [x.field for x in found] == ["sex"]


def test_identities_from_image_headers() -> None:
    def header(number: int, sex: str) -> Dataset:
        ds = Dataset()
        ds.PatientName, ds.PatientID, ds.IssuerOfPatientID = "DUPONT^Zoé", "NAN-0042", "CHRU-NANCY"
        ds.PatientBirthDate, ds.PatientSex = "19540212", sex
        ds.SeriesNumber, ds.SeriesDescription = number, f"S{number}"
        return ds

    places = images_identities([header(2, "F"), header(2, "F"), header(3, "M")])
    assert list(places) == ["series 2 S2", "series 3 S3"]
    assert [x.where for x in check_identity(REQUEST, places)] == ["series 3 S3"]


def test_override_needs_a_typed_reason() -> None:
    mismatches = check_identity(
        REQUEST, [PatientIdentity(**{**REQUEST.__dict__, "birth_date": "19540221"})]
    )
    with pytest.raises(ValueError, match="reason"):
        override_identity(mismatches, reason="   ", by="MARTIN^Claire", at=AT)
    with pytest.raises(ValueError, match="no identity difference"):
        override_identity([], reason="checked by phone", by="MARTIN^Claire", at=AT)
    override = override_identity(mismatches, reason=" checked by phone ", by="MARTIN^Claire", at=AT)
    assert override.reason == "checked by phone"
    assert override.fields == ("birth_date",)
