"""An identity override is bound to values (issue #10 item 4): it covers exactly the pairs
of values it names, in the model, the JSON, the SR and the PDF; the old form is no override."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from app.opinion import model as m
from app.opinion.drafts import restore_opinion
from app.opinion.identity import (
    Difference,
    IdentityOverride,
    PatientIdentity,
    check_identity,
    override_identity,
    uncovered,
)
from app.opinion.pdf import override_text
from app.opinion.schema import (
    LEGACY_OVERRIDE_NOTE,
    OpinionValidationError,
    legacy_override,
    opinion_from_dict,
    opinion_from_json,
    opinion_to_dict,
    opinion_to_json,
)

REQUEST = PatientIdentity("NAN-0042", "CHRU-NANCY", "DUPONT^Zoe", "19540212", "F")
AT = dt.datetime(2025, 3, 1, 14, 30, tzinfo=dt.UTC)


def image(**changes: str) -> PatientIdentity:
    return dataclasses.replace(REQUEST, **changes)


def accepted_middle_name() -> IdentityOverride:
    mismatches = check_identity(REQUEST, {"series 3 CTA": image(name="DUPONT^Zoe Marie")})
    return override_identity(mismatches, reason="Middle name added at CT", by="cmartin", at=AT)


def test_the_override_names_the_values_it_accepts() -> None:
    override = accepted_middle_name()
    assert override.differences == (Difference("name", "DUPONT^Zoe", "DUPONT^Zoe Marie"),)
    assert override.fields == ("name",)


def test_it_covers_that_pair_only_not_another_patient_of_the_same_field() -> None:
    override = accepted_middle_name()
    places = {
        "series 3 CTA": image(name="DUPONT^Zoe Marie"),
        "series 4 HEAD": image(name="  dupont^zoé marie "),  # the same value, normalised
        "series 5 CTA": image(name="MARTIN^Paul"),
    }
    left = uncovered(check_identity(REQUEST, places), override)
    assert [(x.where, x.image_value) for x in left] == [("series 5 CTA", "MARTIN^Paul")]
    assert left[0].found == image(name="MARTIN^Paul")  # the whole patient found, for the screen


def test_another_field_or_another_request_value_is_not_covered() -> None:
    override = accepted_middle_name()
    sex, name = check_identity(REQUEST, [image(name="DUPONT^Zoe Marie", sex="M")])
    assert sex.field == "sex" and not override.covers(sex) and override.covers(name)
    other_request = dataclasses.replace(REQUEST, name="DUPONT^Chloe")
    [name] = check_identity(other_request, [image(name="DUPONT^Zoe Marie")])
    assert not override.covers(name)


def test_a_later_opinion_inherits_only_the_differences_still_found() -> None:
    both = override_identity(
        check_identity(REQUEST, [image(name="DUPONT^Zoe Marie", birth_date="19540221")]),
        reason="checked by phone", by="cmartin", at=AT,
    )  # fmt: skip
    assert both.fields == ("birth_date", "name")
    still = check_identity(REQUEST, [image(name="DUPONT^Zoe Marie")])
    kept = both.restricted_to(still)
    assert kept is not None and kept.fields == ("name",) and kept.reason == "checked by phone"
    assert both.restricted_to([]) is None


def opinion_with(override: IdentityOverride | None) -> m.Opinion:
    return m.Opinion(request=m.RequestInfo(identity=REQUEST), identity_override=override)


def test_json_round_trip_of_the_values() -> None:
    opinion = opinion_with(accepted_middle_name())
    data = json.loads(opinion_to_json(opinion))
    assert data["identity_override"]["differences"] == [
        {"field": "name", "request": "DUPONT^Zoe", "images": "DUPONT^Zoe Marie"}
    ]
    assert "fields" not in data["identity_override"]
    assert opinion_from_json(opinion_to_json(opinion)) == opinion


@pytest.mark.parametrize(
    ("differences", "error"),
    [
        ([], "identity_override.differences: name each difference"),
        (
            [{"field": "weight", "request": "1", "images": "2"}],
            "identity_override.differences[0].field: 'weight' is not one of",
        ),
        (
            [{"field": "name", "request": "DUPONT^Zoé", "images": "dupont^zoe"}],
            "identity_override.differences[0]: the request and the images agree",
        ),
    ],
)
def test_an_override_must_name_real_differences(differences: list[object], error: str) -> None:
    data = opinion_to_dict(opinion_with(accepted_middle_name()))
    data["identity_override"]["differences"] = differences
    with pytest.raises(OpinionValidationError) as refused:
        opinion_from_dict(data)
    assert any(e.startswith(error) for e in refused.value.errors), refused.value.errors


def old_form() -> dict[str, object]:
    data = opinion_to_dict(opinion_with(accepted_middle_name()))
    data["identity_override"] = {
        "reason": "ED typo", "by": "cmartin", "at": "2025-03-01T14:30:00+00:00",
        "fields": ["name"],
    }  # fmt: skip
    return data


def test_the_old_form_naming_fields_is_no_override() -> None:
    data = old_form()
    assert legacy_override(data) and not legacy_override(opinion_to_dict(opinion_with(None)))
    assert opinion_from_dict(data).identity_override is None


def test_a_draft_with_the_old_form_is_restored_without_it_and_says_so() -> None:
    opinion, problems = restore_opinion(old_form())
    assert opinion.identity_override is None
    assert problems == (LEGACY_OVERRIDE_NOTE,)
    assert LEGACY_OVERRIDE_NOTE.startswith("identity_override: ")
    contradicting = old_form()
    contradicting["haemorrhage"] = {"status": "absent", "types": ["subdural"]}
    opinion, problems = restore_opinion(contradicting)  # a half-edited draft: restored as is
    assert opinion.identity_override is None and problems[0] == LEGACY_OVERRIDE_NOTE
    assert any(p.startswith("haemorrhage.types") for p in problems)


def test_the_pdf_line_states_the_accepted_values() -> None:
    override = override_identity(
        check_identity(REQUEST, [image(sex="M")]), reason="Sex mistyped", by="cmartin", at=AT
    )
    text = override_text(override)
    assert text.splitlines() == [
        "Patient identity check overridden by cmartin: Sex mistyped",
        "Accepted: (0010,0040) Patient's Sex: request F, images M",
    ]
