"""The opinion as JSON, read strictly (schema documented in ``docs/opinion-schema.md``).

:func:`opinion_to_json` writes every field (``null`` / ``[]`` / ``""`` when
empty) plus the computed values (ASPECTS score, ABC/2 volume, penumbra,
mismatch ratio) for the reader's benefit. :func:`opinion_from_json` accepts
exactly that shape: an unknown key, a wrong type, a value outside its
enumeration, a time without a UTC offset, or a computed value that disagrees
with what it is computed from is an error naming the field
(``haemorrhage.types[1]: …``). All errors are collected and raised together
as :class:`OpinionValidationError`.

An ``identity_override`` of the old form, which named whole fields
(``"fields": [...]``) instead of the differing values, is read as no
override (:func:`legacy_override`): the radiologist confirms the identity
again, and the caller says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any

from app.opinion import model as m
from app.opinion.identity import IDENTITY_FIELDS, normalise_value
from protocol import codes as protocol_codes
from protocol.request import GLUCOSE_UNITS, ClinicalRequest
from protocol.request_json import clinical_from_json, clinical_to_json
from protocol.uids import is_uid

#: Values computed from other fields, written for the reader and checked on input.
DERIVED: dict[type, dict[str, Callable[[Any], float | int | None]]] = {
    m.Abc: {"volume_ml": lambda o: o.volume_ml},
    m.Haemorrhage: {"volume_ml": lambda o: o.volume_ml},
    m.Aspects: {"score": lambda o: o.score},
    m.PcAspects: {"score": lambda o: o.score},
    m.Perfusion: {
        "penumbra_ml": lambda o: o.penumbra_ml,
        "mismatch_ratio": lambda o: o.mismatch_ratio,
    },
}

#: Keys of ``request.clinical``: those of the request JSON (``docs/request-schema.md``)
#: as :func:`protocol.request_json.clinical_to_json` writes them.
CLINICAL_KEYS = frozenset(
    {"site", "physician", "callback_phone", "question", "accession", "last_known_well",
     "wake_up", "symptom_onset", "nihss", "anticoagulation", "inr", "last_dose", "glucose",
     "blood_pressure", "prestroke_mrs", "history", "other", "unreadable"}
)  # fmt: skip

#: Said when an override of the old form (whole fields, not values) is dropped.
LEGACY_OVERRIDE_NOTE = (
    "identity_override: it was saved in an older form that named whole fields, not the "
    "differing values; it no longer applies: confirm the identity again"
)

_DATE = re.compile(r"^\d{8}$")


class OpinionValidationError(ValueError):
    """The JSON is not a valid opinion; ``errors`` lists every problem, field first."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("invalid opinion:\n  " + "\n  ".join(errors))


# --------------------------------------------------------------------------- writing


def opinion_to_dict(opinion: m.Opinion) -> dict[str, Any]:
    """The opinion as plain JSON data, ``"schema"`` first."""
    data = _dump(opinion)
    assert isinstance(data, dict)
    return {"schema": m.SCHEMA_VERSION, **data}


def opinion_to_json(opinion: m.Opinion, *, indent: int | None = 2) -> str:
    return json.dumps(opinion_to_dict(opinion), indent=indent, ensure_ascii=False)


def _dump(value: Any) -> Any:
    if isinstance(value, ClinicalRequest):
        return clinical_to_json(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for name, compute in DERIVED.get(type(value), {}).items():
            out[name] = compute(value)
        return out
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    return value


# --------------------------------------------------------------------------- reading


def opinion_from_json(text: str) -> m.Opinion:
    """Parse and validate; raises :class:`OpinionValidationError`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise OpinionValidationError([f"(document): not JSON: {exc}"]) from exc
    return opinion_from_dict(data)


def legacy_override(data: Any) -> bool:
    """True when ``data`` holds an ``identity_override`` of the old form (``"fields"``
    naming whole fields, no ``"differences"``), which is read as no override."""
    if not isinstance(data, dict):
        return False
    override = data.get("identity_override")
    return isinstance(override, dict) and "fields" in override and "differences" not in override


def without_legacy_override(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with an old-form override (:func:`legacy_override`) taken out."""
    return {**data, "identity_override": None} if legacy_override(data) else data


def opinion_from_dict(data: Any) -> m.Opinion:
    """Validate plain JSON data into an :class:`~app.opinion.model.Opinion`.

    An old-form identity override is read as none (:func:`legacy_override`).
    """
    errors: list[str] = []
    if not isinstance(data, dict):
        raise OpinionValidationError(["(document): expected a JSON object"])
    body = without_legacy_override(dict(data))
    version = body.pop("schema", None)
    if version != m.SCHEMA_VERSION:
        errors.append(f"schema: expected {m.SCHEMA_VERSION}, got {version!r}")
    opinion = _load(m.Opinion, body, "", errors)
    if isinstance(opinion, m.Opinion):
        # A field already reported holds a placeholder: do not report it twice.
        reported = {e.split(":", 1)[0] for e in errors}
        errors.extend(e for e in validate(opinion) if e.split(":", 1)[0] not in reported)
    if errors:
        raise OpinionValidationError(errors)
    assert isinstance(opinion, m.Opinion)
    return opinion


def _describe(hint: Any) -> str:
    if isinstance(hint, type) and issubclass(hint, Enum):
        return "one of " + ", ".join(repr(e.value) for e in hint)
    return getattr(hint, "__name__", str(hint))


def _load(hint: Any, value: Any, path: str, errors: list[str]) -> Any:
    where = path or "(document)"
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if value is None:
            return None
        return _load(options[0], value, path, errors)
    if origin in (list, tuple):
        if not isinstance(value, list):
            errors.append(f"{where}: expected a list, got {type(value).__name__}")
            return [] if origin is list else ()
        item_hint = typing.get_args(hint)[0]
        items = [_load(item_hint, v, f"{path}[{i}]", errors) for i, v in enumerate(value)]
        if isinstance(item_hint, type) and issubclass(item_hint, Enum | str):
            for i, item in enumerate(items):
                if item in items[:i]:
                    errors.append(f"{path}[{i}]: {item!s} is listed twice")
        return items if origin is list else tuple(items)
    if hint is ClinicalRequest:
        return _load_clinical(value, where, errors)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _load_dataclass(hint, value, path, errors)
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except ValueError:
            errors.append(f"{where}: {value!r} is not {_describe(hint)}")
            return next(iter(hint))
    if hint is dt.datetime:
        return _load_datetime(value, where, errors)
    if hint is bool:
        if not isinstance(value, bool):
            errors.append(f"{where}: expected true or false, got {value!r}")
            return False
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            errors.append(f"{where}: expected a number, got {value!r}")
            return 0.0
        return float(value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            errors.append(f"{where}: expected an integer, got {value!r}")
            return 0
        return value
    if hint is str:
        if not isinstance(value, str):
            errors.append(f"{where}: expected a string, got {value!r}")
            return ""
        return value
    raise TypeError(f"no JSON reader for {hint!r}")  # a programming error, not bad input


def _load_datetime(value: Any, where: str, errors: list[str]) -> dt.datetime:
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    if not isinstance(value, str):
        errors.append(f"{where}: expected an ISO 8601 date and time, got {value!r}")
        return epoch
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        errors.append(f"{where}: {value!r} is not an ISO 8601 date and time")
        return epoch
    if parsed.tzinfo is None:
        errors.append(f"{where}: {value!r} needs a UTC offset, e.g. {value}+01:00")
        return parsed.replace(tzinfo=dt.UTC)
    return parsed


def _load_clinical(value: Any, where: str, errors: list[str]) -> ClinicalRequest | None:
    """``request.clinical``: the request JSON's keys and units, read by
    :func:`protocol.request_json.clinical_from_json` and held to the form
    :func:`~protocol.request_json.clinical_to_json` writes (an unknown key, a wrong
    type or a value outside its list is an error naming the key)."""
    if not isinstance(value, dict):
        errors.append(f"{where}: expected an object, got {value!r}")
        return None
    count = len(errors)
    for key in sorted(k for k in value if k not in CLINICAL_KEYS):
        errors.append(f"{where}.{key}: unknown field")
    try:
        clinical = clinical_from_json(value)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        errors.append(f"{where}: {exc}")
        return None
    if clinical.anticoagulation is not None and (
        clinical.anticoagulation not in protocol_codes.TREATMENTS
    ):
        errors.append(
            f"{where}.anticoagulation: {value['anticoagulation']!r} is not one of "
            + ", ".join(repr(k.lower()) for k in protocol_codes.TREATMENTS)
        )
        return None
    if clinical.glucose is not None and clinical.glucose_unit not in GLUCOSE_UNITS:
        errors.append(f"{where}.glucose.unit: expected one of {', '.join(GLUCOSE_UNITS)}")
        return None
    written = clinical_to_json(clinical)
    for key, given in value.items():
        if given is None or (key == "wake_up" and given is False):
            continue
        if key in CLINICAL_KEYS and written.get(key) != given:
            errors.append(f"{where}.{key}: {given!r} is not as the request JSON writes it")
    return clinical if len(errors) == count else None


def _load_dataclass(cls: type, value: Any, path: str, errors: list[str]) -> Any:
    where = path or "(document)"
    if not isinstance(value, dict):
        errors.append(f"{where}: expected an object, got {value!r}")
        value = {}
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    derived = DERIVED.get(cls, {})
    prefix = f"{path}." if path else ""
    for key in value:
        if key not in fields and key not in derived:
            errors.append(f"{prefix}{key}: unknown field")
    kwargs: dict[str, Any] = {}
    for name, f in fields.items():
        if name in value:
            kwargs[name] = _load(hints[name], value[name], prefix + name, errors)
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            errors.append(f"{prefix}{name}: required field missing")
            kwargs[name] = _placeholder(hints[name])
    try:
        obj = cls(**kwargs)
    except (TypeError, ValueError) as exc:  # pragma: no cover - guarded by the checks above
        errors.append(f"{where}: {exc}")
        return None
    for name, compute in derived.items():
        if name in value:
            expected, given = compute(obj), value[name]
            if not _same_number(given, expected):
                errors.append(
                    f"{prefix}{name}: {given!r} disagrees with the computed value {expected!r} "
                    "(it is computed; leave it out or fix what it is computed from)"
                )
    return obj


def _same_number(given: Any, expected: float | int | None) -> bool:
    if expected is None or given is None:
        return given is None and expected is None
    if isinstance(given, bool) or not isinstance(given, int | float):
        return False
    return abs(float(given) - float(expected)) <= 0.05


def _placeholder(hint: Any) -> Any:
    if hint is str:
        return ""
    if hint is bool:
        return False
    if hint is float:
        return 0.0
    if hint is int:
        return 0
    if typing.get_origin(hint) is list:
        return []
    if isinstance(hint, type) and issubclass(hint, Enum):
        return next(iter(hint))
    return None


# --------------------------------------------------------------------------- meaning


def validate(opinion: m.Opinion) -> list[str]:
    """Errors in an opinion whose types are right: contradictions, bad UIDs, bad values.

    It does not ask for completeness (a draft may leave things not assessed):
    that is :func:`app.opinion.model.missing_for_sending`.
    """
    errors: list[str] = []

    def uid(path: str, value: str, *, optional: bool = False) -> None:
        if optional and not value:
            return
        if not is_uid(value) or "." not in value:  # a UID has two components at least
            errors.append(f"{path}: {value!r} is not a valid DICOM UID")

    uid("study_instance_uid", opinion.study_instance_uid, optional=True)
    for i, s in enumerate(opinion.series_read):
        uid(f"series_read[{i}].series_instance_uid", s.series_instance_uid)
    uids = [s.series_instance_uid for s in opinion.series_read]
    for i, u in enumerate(uids):
        if u in uids[:i]:
            errors.append(f"series_read[{i}]: series {u} is listed twice")
    for i, k in enumerate(opinion.key_images):
        uid(f"key_images[{i}].series_instance_uid", k.series_instance_uid)
        uid(f"key_images[{i}].sop_instance_uid", k.sop_instance_uid)
        if k.frame is not None and k.frame < 1:
            errors.append(f"key_images[{i}].frame: frames are numbered from 1")
        errors.extend(_key_image_sources(f"key_images[{i}]", k, uid))
    for i, p in enumerate(opinion.predecessors):
        for name in (
            "study_instance_uid",
            "series_instance_uid",
            "sop_instance_uid",
            "sop_class_uid",
        ):
            uid(f"predecessors[{i}].{name}", getattr(p, name))
    if opinion.amendment_reason.strip() and not opinion.predecessors:
        errors.append(
            "amendment_reason: an amendment must name the opinion it replaces (predecessors)"
        )
    if opinion.uids is not None:
        doc = opinion.uids
        for name in ("sr_series", "sr_instance", "pdf_series", "pdf_instance", "key_image_series"):
            uid(f"uids.{name}", getattr(doc, name))
        uid("uids.kos_series", doc.kos_series)
        uid("uids.kos_instance", doc.kos_instance)
        for i, v in enumerate(doc.key_image_instances):
            uid(f"uids.key_image_instances[{i}]", v)
        if len(doc.key_image_instances) != len(opinion.key_images):
            errors.append(
                f"uids.key_image_instances: {len(doc.key_image_instances)} UIDs for "
                f"{len(opinion.key_images)} key images"
            )
    errors.extend(_validate_findings(opinion))
    errors.extend(_validate_people(opinion))
    return errors


def _key_image_sources(where: str, key: m.KeyImage, uid: Callable[[str, str], None]) -> list[str]:
    """``derived_from``: valid UIDs and frames, each image once, the key's own image among them."""
    errors: list[str] = []
    seen: set[tuple[str, int | None]] = set()
    for j, source in enumerate(key.derived_from):
        uid(f"{where}.derived_from[{j}].sop_instance_uid", source.sop_instance_uid)
        if source.frame is not None and source.frame < 1:
            errors.append(f"{where}.derived_from[{j}].frame: frames are numbered from 1")
        pair = (source.sop_instance_uid, source.frame)
        if pair in seen:
            errors.append(f"{where}.derived_from[{j}]: listed twice")
        seen.add(pair)
    if seen and (key.sop_instance_uid, key.frame) not in seen:
        errors.append(
            f"{where}.derived_from: does not list the key image's own image "
            "(sop_instance_uid, frame)"
        )
    return errors


def _validate_findings(opinion: m.Opinion) -> list[str]:
    errors: list[str] = []
    h = opinion.haemorrhage
    if h.status is not m.Finding.PRESENT:
        for name in ("types", "side", "abc"):
            if getattr(h, name):
                errors.append(
                    f"haemorrhage.{name}: given while the haemorrhage is {h.status.value}"
                )
    if h.abc is not None:
        for name in ("a_mm", "b_mm", "c_mm"):
            if getattr(h.abc, name) <= 0:
                errors.append(f"haemorrhage.abc.{name}: must be more than 0 mm")
    isch = opinion.ischaemia
    if isch.aspects is not None:
        if isch.aspects.side not in (m.Side.LEFT, m.Side.RIGHT):
            errors.append(
                "ischaemia.aspects.side: ASPECTS is scored on one hemisphere, left or right"
            )
        if isch.aspects.affected and isch.early_signs is m.Finding.ABSENT:
            errors.append(
                "ischaemia.aspects.affected: regions ticked while early ischaemic signs are absent"
            )
    if (
        isch.pc_aspects is not None
        and isch.pc_aspects.affected
        and isch.early_signs is m.Finding.ABSENT
    ):
        errors.append(
            "ischaemia.pc_aspects.affected: regions ticked while early ischaemic signs are absent"
        )
    o = opinion.occlusion
    if o.status is not m.Finding.PRESENT and o.sites:
        errors.append(f"occlusion.sites: given while the occlusion is {o.status.value}")
    if o.no_angiography:
        if o.status is not m.Finding.NOT_ASSESSED:
            errors.append(
                f"occlusion.no_angiography: 'no angiography available' while the occlusion "
                f"is stated {o.status.value}"
            )
        if o.tandem is not m.Finding.NOT_ASSESSED:
            errors.append("occlusion.tandem: stated while no angiography is available")
    for i, site in enumerate(o.sites):
        if site.site in m.MIDLINE_SITES and site.side is not None:
            errors.append(
                f"occlusion.sites[{i}].side: the {site.site.value} artery is on the midline; "
                "no side"
            )
        if site.site not in m.MIDLINE_SITES and site.side in (None, m.Side.MIDLINE):
            errors.append(
                f"occlusion.sites[{i}].side: give the side of the {site.site.value} occlusion"
            )
    p = opinion.perfusion
    if p is not None:
        if p.core_ml < 0:
            errors.append("perfusion.core_ml: must be 0 mL or more")
        if p.hypoperfusion_ml < p.core_ml:
            errors.append(
                "perfusion.hypoperfusion_ml: the hypoperfused volume includes the core; "
                "it cannot be smaller"
            )
    if opinion.mr.dwi_volume_ml is not None and opinion.mr.dwi_volume_ml < 0:
        errors.append("mr.dwi_volume_ml: must be 0 mL or more")
    if p is not None and p.hir is not None and not 0 <= p.hir <= 1:
        errors.append("perfusion.hir: the hypoperfusion intensity ratio is between 0 and 1")
    if p is not None:
        errors.extend(_validate_measured("perfusion", p.measured, m.PERFUSION_MEASURED))
    errors.extend(_validate_measured("mr", opinion.mr.measured, m.MR_MEASURED))
    r = opinion.recommendation
    if r.thrombolysis_reason.strip() and r.thrombolysis is not m.ThrombolysisAdvice.CONTRAINDICATED:
        errors.append(
            "recommendation.thrombolysis_reason: a reason is only given with 'contraindicated'"
        )
    return errors


#: Measured fields that hold a finding (the others hold a number).
_FINDING_FIELDS = frozenset({"dwi_lesion", "flair_dwi_mismatch"})


def _validate_measured(
    section: str, measured: m.SoftwareMeasurement | None, fields: tuple[str, ...]
) -> list[str]:
    """The software's record of a section: named software, known fields each once, a
    number for a volume or ratio and a stated finding for a finding."""
    if measured is None:
        return []
    where = f"{section}.measured"
    errors = []
    if not measured.software.strip():
        errors.append(f"{where}.software: name the software that measured the values")
    if not measured.values:
        errors.append(f"{where}.values: no value measured")
    seen: list[str] = []
    for i, v in enumerate(measured.values):
        at = f"{where}.values[{i}]"
        if v.field not in fields:
            errors.append(f"{at}.field: {v.field!r} is not one of {', '.join(fields)}")
            continue
        if v.field in seen:
            errors.append(f"{at}.field: {v.field} is listed twice")
        seen.append(v.field)
        if v.field in _FINDING_FIELDS:
            if v.finding in (None, m.Finding.NOT_ASSESSED) or v.number is not None:
                errors.append(f"{at}: {v.field} takes a finding (absent or present), no number")
        elif v.number is None or v.finding is not None or v.number < 0:
            errors.append(f"{at}: {v.field} takes a number of 0 or more, no finding")
    return errors


def _validate_people(opinion: m.Opinion) -> list[str]:
    errors: list[str] = []
    identity = opinion.request.identity
    if identity is not None:
        if identity.birth_date and not _DATE.match(identity.birth_date):
            errors.append("request.identity.birth_date: expected YYYYMMDD")
        if identity.sex not in ("", "M", "F", "O"):
            errors.append("request.identity.sex: expected 'M', 'F', 'O' or ''")
        errors.extend(_person_name_errors("request.identity.name", identity.name))
    if opinion.radiologist is not None:
        errors.extend(_person_name_errors("radiologist.name", opinion.radiologist.name))
    errors.extend(_validate_override(opinion))
    return errors


def _validate_override(opinion: m.Opinion) -> list[str]:
    override = opinion.identity_override
    if override is None:
        return []
    errors = []
    if not override.reason.strip():
        errors.append("identity_override.reason: an override needs a typed reason")
    if not override.differences:
        errors.append(
            "identity_override.differences: name each difference it accepts "
            "(field, request, images)"
        )
    for i, d in enumerate(override.differences):
        where = f"identity_override.differences[{i}]"
        if d.field not in IDENTITY_FIELDS:
            errors.append(f"{where}.field: {d.field!r} is not one of {', '.join(IDENTITY_FIELDS)}")
        elif normalise_value(d.field, d.request) == normalise_value(d.field, d.images):
            errors.append(f"{where}: the request and the images agree; nothing to override")
    return errors


def _person_name_errors(path: str, name: str) -> list[str]:
    if "\\" in name or len(name.split("=", maxsplit=1)[0].split("^")) > 5:
        return [f"{path}: {name!r} is not a DICOM person name (FAMILY^Given^Middle^Prefix^Suffix)"]
    return []
