"""JSON form: round trip, strict errors that name the field, and the documented schema."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from app.opinion import model as m
from app.opinion.build import example_opinion
from app.opinion.schema import (
    OpinionValidationError,
    opinion_from_dict,
    opinion_from_json,
    opinion_to_dict,
    opinion_to_json,
)

DOC = Path(__file__).resolve().parents[3] / "docs" / "opinion-schema.md"


def example() -> dict[str, Any]:
    return opinion_to_dict(example_opinion())


def errors_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(OpinionValidationError) as caught:
        opinion_from_dict(data)
    return caught.value.errors


def test_example_round_trips() -> None:
    opinion = example_opinion()
    assert opinion_from_json(opinion_to_json(opinion)) == opinion


def test_every_field_is_written_with_computed_values() -> None:
    data = example()
    assert data["schema"] == m.SCHEMA_VERSION
    assert data["perfusion"] is None and data["uids"] is None
    assert data["ischaemia"]["aspects"]["score"] == 7
    assert data["haemorrhage"]["volume_ml"] is None


def test_default_opinion_round_trips() -> None:
    assert opinion_from_json(opinion_to_json(m.Opinion())) == m.Opinion()


def test_full_tree_round_trips() -> None:
    o = example_opinion()
    o.haemorrhage = m.Haemorrhage(
        m.Finding.PRESENT, [m.HaemorrhageType.SUBDURAL], m.Side.RIGHT, m.Abc(40, 30, 20)
    )
    o.ischaemia.early_signs = m.Finding.ABSENT
    o.ischaemia.aspects = m.Aspects(m.Side.RIGHT)
    o.ischaemia.pc_aspects = m.PcAspects([])
    o.perfusion = m.Perfusion(12, 86)
    o.mr = m.MrFindings(m.Finding.PRESENT, 4.5, m.Finding.PRESENT)
    o.limitations = [m.Limitation.MOTION]
    data = opinion_to_dict(o)
    assert data["haemorrhage"]["volume_ml"] == 12.0
    assert data["perfusion"]["penumbra_ml"] == 74 and data["perfusion"]["mismatch_ratio"] == 7.2
    assert opinion_from_dict(json.loads(json.dumps(data))) == o


def test_unknown_field_is_named() -> None:
    data = example()
    data["haemorrhage"]["colour"] = "red"
    assert errors_of(data) == ["haemorrhage.colour: unknown field"]


def test_bad_enumeration_value_is_named_with_the_choices() -> None:
    data = example()
    data["occlusion"]["sites"][0]["site"] = "m7"
    (error,) = errors_of(data)
    assert error.startswith("occlusion.sites[0].site: 'm7' is not one of 'cervical_ica'")


def test_wrong_type_is_named() -> None:
    data = example()
    data["series_read"] = "all"
    assert errors_of(data) == ["series_read: expected a list, got str"]


def test_times_need_a_utc_offset() -> None:
    data = example()
    data["phoned"]["at"] = "2025-03-01T14:35:00"
    (error,) = errors_of(data)
    assert error.startswith("phoned.at: '2025-03-01T14:35:00' needs a UTC offset")


def test_computed_values_must_agree() -> None:
    data = example()
    data["ischaemia"]["aspects"]["score"] = 9
    (error,) = errors_of(data)
    assert error.startswith("ischaemia.aspects.score: 9 disagrees with the computed value 7")


def test_contradictions_are_errors() -> None:
    data = example()
    data["haemorrhage"]["types"] = ["subdural"]  # while absent
    data["occlusion"]["sites"].append({"site": "basilar", "side": "left"})
    data["ischaemia"]["aspects"]["affected"].append("M2")  # twice
    assert errors_of(data) == [
        "ischaemia.aspects.affected[3]: M2 is listed twice",
        "haemorrhage.types: given while the haemorrhage is absent",
        "occlusion.sites[1].side: the basilar artery is on the midline; no side",
    ]


def test_every_error_is_reported_at_once() -> None:
    data = example()
    data["kind"] = "draft"
    data["series_read"][0]["series_instance_uid"] = "not-a-uid"
    del data["key_images"][0]["sop_instance_uid"]
    errors = errors_of(data)
    assert [e.split(":")[0] for e in errors] == [
        "kind",
        "key_images[0].sop_instance_uid",
        "series_read[0].series_instance_uid",
    ]


def test_schema_version_is_checked() -> None:
    data = example()
    data["schema"] = 2
    assert errors_of(data) == ["schema: expected 1, got 2"]


def test_not_json_is_a_validation_error() -> None:
    with pytest.raises(OpinionValidationError, match="not JSON"):
        opinion_from_json("{")


def test_the_documentation_lists_every_field_and_value() -> None:
    text = DOC.read_text(encoding="utf-8")
    enums = [
        obj
        for obj in vars(m).values()
        if isinstance(obj, type) and issubclass(obj, Enum) and obj.__module__ == m.__name__
    ]
    for enum in enums:
        for member in enum:
            assert f"`{member.value}`" in text, f"{enum.__name__}.{member.name} undocumented"

    def keys(value: Any) -> set[str]:
        if isinstance(value, dict):
            return set(value) | {k for v in value.values() for k in keys(v)}
        if isinstance(value, list):
            return {k for v in value for k in keys(v)}
        return set()

    o = example_opinion()
    o.haemorrhage.abc = m.Abc(1, 1, 1)
    o.ischaemia.pc_aspects = m.PcAspects()
    o.perfusion = m.Perfusion(1, 2)
    o.identity_override = None
    for key in keys(opinion_to_dict(o)):
        assert f"`{key}`" in text, f"field {key} undocumented"
