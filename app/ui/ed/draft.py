"""The request being written: a plain model the form's widgets write into and listen to.

No Qt (STYLE.md point 2: state lives in plain models; views subscribe). The
widgets set values here as the physician types; :meth:`RequestDraft.clinical_json`
turns them into the clinical JSON of ``docs/request-schema.md``, which
:func:`app.request.parse_clinical` alone validates — no rule is repeated in
the UI. Date-times are timezone-aware, so the JSON carries their UTC offset.

The images part holds the scan's :class:`~app.request.RequestImages` with
*every* series, localisers included (in sending order), and which of them
are ticked: localisers start unticked. :meth:`RequestDraft.selected_images`
gives what is sent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from app.request import ClinicalForm, FormError, RequestImages, StudyChoice, parse_clinical
from app.request.form import ONSET_WORDS, SCHEMA
from viewer.classify import SeriesKind

#: Fields the ED keeps from one request to the next (same site, same physician, same phone).
REMEMBERED = ("site", "physician", "callback_phone")
#: Text fields of the schema, as typed.
TEXT_FIELDS = ("site", "physician", "callback_phone", "question", "accession", "history")
REQUIRED_TEXT = ("site", "physician", "callback_phone", "question")
#: The identity typed by hand, for a request without images (the schema's ``patient``).
PATIENT_KEYS = {"patient_name": "name", "patient_id": "id", "patient_issuer": "issuer",
                "patient_birth_date": "birth_date", "patient_sex": "sex"}  # fmt: skip
GLUCOSE_UNITS = ("mmol/L", "mg/dL")
ONSET_UNKNOWN = ("", "wake-up", "unknown")


def _defaults() -> dict[str, Any]:
    values: dict[str, Any] = dict.fromkeys(TEXT_FIELDS, "")
    values.update(
        priority="HIGH",
        last_known_well=None,  # aware datetime or None
        symptom_onset=None,  # a witnessed onset, aware datetime or None
        onset_unknown="",  # "", "wake-up" or "unknown"
        nihss=None,
        anticoagulation=None,  # a key of app.request.form.ANTICOAGULATION
        glucose=None,
        glucose_unit="mmol/L",
        systolic_bp=None,
        diastolic_bp=None,
        prestroke_mrs=None,
    )
    values.update(dict.fromkeys(PATIENT_KEYS, ""))
    return values


class RequestDraft:
    """What the physician has entered so far; listeners get the name of what changed.

    Names are the clinical value names above, and ``images``, ``ticked``,
    ``confirmed``, ``problems`` for the rest.
    """

    def __init__(self) -> None:
        self.values: dict[str, Any] = _defaults()
        self.images: RequestImages | None = None  # every series, localisers included
        self.source = ""  # the folder or DICOMDIR the images come from
        self.image_message = ""  # why the images were refused (may name patients: screen only)
        self.studies: list[StudyChoice] = []  # to choose from when the folder holds several
        self.previews: dict[str, np.ndarray] = {}  # series UID → 8-bit middle image
        self.ticked: set[str] = set()
        self.confirmed = False  # "I confirm this is the patient"
        self.problems: dict[str, list[str]] = {}  # field → rules broken (from parse_clinical)
        self.touched = False  # the physician typed or chose something
        self._listeners: list[Callable[[str], None]] = []

    # -- listening ------------------------------------------------------------------

    def subscribe(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def _changed(self, name: str) -> None:
        for listener in list(self._listeners):
            listener(name)

    # -- clinical values --------------------------------------------------------------

    def get(self, name: str) -> Any:
        return self.values[name]

    def set(self, name: str, value: Any, *, by_user: bool = True) -> None:
        if name not in self.values:
            raise KeyError(name)
        if self.values[name] == value:
            return
        self.values[name] = value
        self.touched = self.touched or by_user
        self._changed(name)

    def remembered(self) -> dict[str, str]:
        return {name: str(self.values[name]) for name in REMEMBERED}

    def reset(self, keep: tuple[str, ...] = REMEMBERED) -> None:
        """A blank request (what the ED keeps from one request to the next stays)."""
        kept = {name: self.values[name] for name in keep}
        self.values = {**_defaults(), **kept}
        self.problems = {}
        self.touched = False
        self.clear_images()
        for name in self.values:
            self._changed(name)
        self._changed("problems")

    def clinical_json(self) -> dict[str, Any]:
        """The clinical JSON of ``docs/request-schema.md`` (not validated)."""
        v = self.values
        data: dict[str, Any] = {"schema": SCHEMA, "priority": v["priority"]}
        for name in TEXT_FIELDS:
            text = str(v[name])
            if text.strip() or name in REQUIRED_TEXT:
                data[name] = text
        lkw: dt.datetime | None = v["last_known_well"]
        if v["onset_unknown"] == "unknown":
            data["last_known_well"] = "unknown"
            if lkw is not None:  # contradictory: let the schema say so
                data["wake_up"] = False
        elif v["onset_unknown"] == "wake-up":
            if lkw is None:
                data["last_known_well"] = "wake-up"
            else:
                data["last_known_well"] = lkw.isoformat()
                data["wake_up"] = True
        elif lkw is not None:
            data["last_known_well"] = lkw.isoformat()
        if v["symptom_onset"] is not None:
            data["symptom_onset"] = v["symptom_onset"].isoformat()
        for name in ("nihss", "prestroke_mrs", "anticoagulation"):
            if v[name] is not None:
                data[name] = v[name]
        if v["glucose"] is not None:
            data["glucose"] = {"value": v["glucose"], "unit": v["glucose_unit"]}
        if v["systolic_bp"] is not None or v["diastolic_bp"] is not None:
            data["blood_pressure"] = {
                "systolic": v["systolic_bp"],
                "diastolic": v["diastolic_bp"],
                "unit": "mmHg",
            }
        if self.images is None:
            patient = {key: str(v[name]).strip() for name, key in PATIENT_KEYS.items()}
            if any(patient.values()):
                data["patient"] = {k: value for k, value in patient.items() if value}
        return data

    def load_clinical(self, data: Mapping[str, Any]) -> None:
        """Fill from a clinical JSON (e.g. ``app.request.example_clinical``), for demos."""
        for name in TEXT_FIELDS:
            if isinstance(data.get(name), str):
                self.set(name, data[name], by_user=False)
        self.set("priority", str(data.get("priority", "HIGH")), by_user=False)
        raw = data.get("last_known_well")
        if isinstance(raw, str) and raw.strip().lower() in ONSET_WORDS:
            self.set("onset_unknown", raw.strip().lower(), by_user=False)
        elif isinstance(raw, str):
            self.set("last_known_well", dt.datetime.fromisoformat(raw), by_user=False)
            if data.get("wake_up"):
                self.set("onset_unknown", "wake-up", by_user=False)
        if isinstance(data.get("symptom_onset"), str):
            onset = dt.datetime.fromisoformat(data["symptom_onset"])
            self.set("symptom_onset", onset, by_user=False)
        for name in ("nihss", "prestroke_mrs", "anticoagulation"):
            if data.get(name) is not None:
                self.set(name, data[name], by_user=False)
        glucose = data.get("glucose")
        if isinstance(glucose, Mapping):
            self.set("glucose_unit", str(glucose.get("unit", "mmol/L")), by_user=False)
            self.set("glucose", float(glucose["value"]), by_user=False)
        elif isinstance(glucose, int | float):
            self.set("glucose", float(glucose), by_user=False)
        pressure = data.get("blood_pressure")
        if isinstance(pressure, Mapping):
            self.set("systolic_bp", pressure.get("systolic"), by_user=False)
            self.set("diastolic_bp", pressure.get("diastolic"), by_user=False)

    def validate(self, now: dt.datetime) -> ClinicalForm:
        """The checked form, or :class:`FormError`; the problems are kept for the views."""
        try:
            form = parse_clinical(self.clinical_json(), now=now)
        except FormError as exc:
            problems: dict[str, list[str]] = {}
            for problem in exc.problems:
                problems.setdefault(problem.field.split(".")[0], []).append(str(problem))
            self.set_problems(problems)
            raise
        self.set_problems({})
        return form

    def set_problems(self, problems: dict[str, list[str]]) -> None:
        if problems != self.problems:
            self.problems = problems
            self._changed("problems")

    # -- images ---------------------------------------------------------------------------

    def set_images(
        self, source: str, images: RequestImages, previews: dict[str, np.ndarray]
    ) -> None:
        """Images found: every series but the localisers ticked; identity to confirm again."""
        self.source = source
        self.images = images
        self.previews = dict(previews)
        self.ticked = {s.series_uid for s in images.series if s.kind != SeriesKind.LOCALIZER}
        self.image_message = ""
        self.studies = []
        self.confirmed = False
        self.touched = True
        self._changed("images")
        self._changed("confirmed")

    def refuse_images(
        self, source: str, message: str, studies: list[StudyChoice] | None = None
    ) -> None:
        """The images cannot be sent (``message`` is for the screen); nothing is selected."""
        self.source = source
        self.images = None
        self.previews = {}
        self.ticked = set()
        self.image_message = message
        self.studies = list(studies or [])
        self.confirmed = False
        self._changed("images")
        self._changed("confirmed")

    def clear_images(self) -> None:
        self.refuse_images("", "")

    def tick(self, series_uid: str, on: bool) -> None:
        before = set(self.ticked)
        if on:
            self.ticked.add(series_uid)
        else:
            self.ticked.discard(series_uid)
        if self.ticked != before:
            self.touched = True
            self._changed("ticked")

    def confirm(self, on: bool) -> None:
        if self.confirmed != on:
            self.confirmed = on
            self._changed("confirmed")

    def selected_images(self) -> RequestImages | None:
        """What is sent: the ticked series, in sending order (None: no images)."""
        if self.images is None:
            return None
        chosen = tuple(s for s in self.images.series if s.series_uid in self.ticked)
        rest = tuple(s for s in self.images.series if s.series_uid not in self.ticked)
        return dataclasses.replace(self.images, series=chosen, excluded=rest)
