"""The request being written: a plain model the form's widgets write into and listen to.

No Qt (STYLE.md point 2: state lives in plain models; views subscribe). The
widgets set values here as the physician types; :meth:`RequestDraft.to_json`
turns them into the clinical JSON of ``docs/request-schema.md``, which
:func:`app.ed.request.parse_clinical` validates when the request is sent.
Date-times are timezone-aware, so the JSON carries their UTC offset.

Numbers and times are kept as the physician typed them (:data:`ENTRY_FIELDS`):
the text, and what :mod:`app.ed.request.entry` reads in it — the number exactly as
typed, or why the text is refused (not a number, decimals in a whole number,
out of range, a time in the future…). A refused entry keeps its text, is shown
by the form and blocks sending (:meth:`RequestDraft.entry_problems`); nothing
is rounded, clamped or dropped. INR is sent with a vitamin K antagonist only,
the last dose with a DOAC or heparin only (:meth:`RequestDraft.shown`).

"Last known well unknown" (the schema's ``"unknown"``: no last-known-well time
is known) empties the time field; a time that was typed there is named in
:attr:`RequestDraft.removed_lkw` for the form to say so — never kept hidden
and then dropped. A wake-up stroke keeps its time (went to sleep, last seen
well).

The images part holds the scan's :class:`~app.ed.request.RequestImages` with
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
from PySide6.QtCore import QLocale

from app.ed.request.entry import (
    NUMBER_RULES,
    Reading,
    format_number,
    format_time,
    glucose_rule,
    read_number,
    read_time,
)
from app.ed.request.form import (
    ONSET_WORDS,
    SCHEMA,
    ClinicalForm,
    FieldProblem,
    FormError,
    parse_clinical,
)
from app.ed.request.images import RequestImages, StudyChoice
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
NUMBER_FIELDS = ("nihss", "glucose", "systolic_bp", "diastolic_bp", "prestroke_mrs", "inr")
TIME_FIELDS = ("last_known_well", "symptom_onset", "last_dose")
#: Fields typed as text and read (numbers and times).
ENTRY_FIELDS = NUMBER_FIELDS + TIME_FIELDS
#: The schema field (``FieldProblem.field``) of each entry field.
JSON_FIELD = {"systolic_bp": "blood_pressure.systolic", "diastolic_bp": "blood_pressure.diastolic"}
#: Treatments with which the INR / the last dose are asked (and sent).
INR_WITH = ("vka",)
LAST_DOSE_WITH = ("doac", "heparin")
#: Which problems (schema fields, first component) a change of each value makes stale.
_STALE = {
    "systolic_bp": ("blood_pressure",),
    "diastolic_bp": ("blood_pressure",),
    "glucose_unit": ("glucose",),
    "onset_unknown": ("last_known_well", "wake_up", "symptom_onset"),
    "last_known_well": ("last_known_well", "wake_up", "symptom_onset"),
    "anticoagulation": ("anticoagulation", "inr", "last_dose"),
    **dict.fromkeys(PATIENT_KEYS, ("patient",)),
}
#: Entry problems in words for :class:`FormError` (the screen words them itself).
_ENTRY_RULES = {
    "not-a-number": "is not a number",
    "not-whole": "must be a whole number, without decimals",
    "out-of-range": "is out of range",
    "not-a-time": "is not a time (HH:MM or DD/MM HH:MM)",
    "future": "is in the future",
    "too-old": "is too long ago: check the date",
}


def _defaults() -> dict[str, Any]:
    values: dict[str, Any] = dict.fromkeys(TEXT_FIELDS, "")
    values.update(
        priority="HIGH",
        last_known_well=None,  # aware datetime or None
        symptom_onset=None,  # a witnessed onset, aware datetime or None
        onset_unknown="",  # "", "wake-up" or "unknown"
        nihss=None,
        anticoagulation=None,  # a key of app.ed.request.form.ANTICOAGULATION
        inr=None,  # with a VKA
        last_dose=None,  # with a DOAC or heparin, aware datetime or None
        glucose=None,  # as typed, in glucose_unit
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
    ``confirmed``, ``problems`` for the rest. A change of an entry field's
    text is announced under the field's name.
    """

    def __init__(self) -> None:
        self.values: dict[str, Any] = _defaults()
        self.texts: dict[str, str] = dict.fromkeys(ENTRY_FIELDS, "")  # as typed
        self.readings: dict[str, Reading] = {name: Reading() for name in ENTRY_FIELDS}
        self.images: RequestImages | None = None  # every series, localisers included
        self.source = ""  # the folder or DICOMDIR the images come from
        self.image_message = ""  # why the images were refused (may name patients: screen only)
        self.studies: list[StudyChoice] = []  # to choose from when the folder holds several
        self.previews: dict[str, np.ndarray] = {}  # series UID → 8-bit middle image
        self.ticked: set[str] = set()
        self.confirmed = False  # "I confirm this is the patient"
        self.problems: dict[str, list[str]] = {}  # field → rules broken (from parse_clinical)
        self.field_problems: list[FieldProblem] = []  # the same, as parse_clinical gave them
        self.touched = False  # the physician typed or chose something
        self.removed_lkw = ""  # the last-known-well text emptied by "unknown" (shown)
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
        """Set a value (a program, or a choice in a list). An entry field's text
        becomes the value written out (``7.4``, ``01/06/2025 08:50``)."""
        if name not in self.values:
            raise KeyError(name)
        if name in ENTRY_FIELDS:
            if self.values[name] == value and self.texts[name] == self._text_of(name, value):
                return
            self.texts[name] = self._text_of(name, value)
            if name in TIME_FIELDS:
                self.readings[name] = Reading(value)
            else:
                self.readings[name] = dataclasses.replace(self._read_number(name), value=value)
        elif self.values[name] == value:
            return
        self.values[name] = value
        if name == "last_known_well" and value is not None:
            self._forget_removed()
        self._after_change(name, by_user)
        if name == "onset_unknown" and value == "unknown":
            self._empty_lkw(by_user)
        if name == "glucose_unit" and self.texts["glucose"]:
            self.readings["glucose"] = self._read_number("glucose")
            self._changed("glucose")

    def enter(self, name: str, text: str, now: dt.datetime) -> None:
        """The physician typed ``text`` in a number or time field (``now``: when, aware)."""
        if name not in ENTRY_FIELDS:
            raise KeyError(name)
        if text == self.texts[name]:
            return
        self.texts[name] = text
        if name in TIME_FIELDS:
            self.readings[name] = read_time(text, now)
        else:
            self.readings[name] = self._read_number(name)
        self.values[name] = self.readings[name].value
        if name == "last_known_well" and text.strip():
            self._forget_removed()
        self._after_change(name, True)

    def _empty_lkw(self, by_user: bool) -> None:
        """No last-known-well time is known: the field is emptied, and what it held named."""
        text = self.texts["last_known_well"].strip()
        if not text and self.values["last_known_well"] is None:
            return
        self.texts["last_known_well"] = ""
        self.readings["last_known_well"] = Reading()
        self.values["last_known_well"] = None
        self.removed_lkw = text
        self._after_change("last_known_well", by_user)
        self._changed("removed_lkw")

    def _forget_removed(self) -> None:
        if self.removed_lkw:
            self.removed_lkw = ""
            self._changed("removed_lkw")

    def text(self, name: str) -> str:
        """What the entry field ``name`` holds, as typed."""
        return self.texts[name]

    def _text_of(self, name: str, value: Any) -> str:
        """A value filled in by the application (a remembered or reloaded form), written
        as the user would type it: the locale's decimal separator (7,4 in French)."""
        if name in TIME_FIELDS:
            return format_time(value)
        text = format_number(value)
        point = QLocale().decimalPoint()
        return text.replace(".", point) if point and point != "." else text

    def _read_number(self, name: str) -> Reading:
        if name == "glucose":
            rule = glucose_rule(self.values["glucose_unit"])
        else:
            rule = NUMBER_RULES[name]
        return read_number(self.texts[name], rule)

    def _after_change(self, name: str, by_user: bool) -> None:
        self.touched = self.touched or by_user
        self._changed(name)
        if by_user:
            self._drop_problems(_STALE.get(name, (name,)))

    def shown(self, name: str) -> bool:
        """Whether the field is asked (and sent): INR with a VKA, the last dose with a
        DOAC or heparin, the time last known well unless it is unknown (then empty)."""
        treatment = self.values["anticoagulation"]
        if name == "inr":
            return treatment in INR_WITH
        if name == "last_dose":
            return treatment in LAST_DOSE_WITH
        if name == "last_known_well":
            return self.values["onset_unknown"] != "unknown"
        return True

    def entry_problems(self) -> dict[str, str]:
        """Entry fields shown whose text is refused → why (``app.ed.request.entry`` codes).

        While there is one, the request cannot be sent."""
        return {
            name: reading.problem
            for name, reading in self.readings.items()
            if reading.problem and self.shown(name)
        }

    def is_blank(self) -> bool:
        """Nothing typed but what is kept from one request to the next (site,
        physician, phone) and the question and priority chosen by default."""
        kept = (*REMEMBERED, "question", "priority")
        defaults = _defaults()
        changed = [n for n, v in self.values.items() if n not in kept and v != defaults[n]]
        typed = any(text.strip() for text in self.texts.values())
        return not (changed or typed or self.images is not None)

    def remembered(self) -> dict[str, str]:
        return {name: str(self.values[name]) for name in REMEMBERED}

    def reset(self, keep: tuple[str, ...] = REMEMBERED) -> None:
        """A blank request (what the ED keeps from one request to the next stays)."""
        kept = {name: self.values[name] for name in keep}
        self.values = {**_defaults(), **kept}
        self.texts = dict.fromkeys(ENTRY_FIELDS, "")
        self.readings = {name: Reading() for name in ENTRY_FIELDS}
        self.problems = {}
        self.field_problems = []
        self.touched = False
        self.removed_lkw = ""
        self.clear_images()
        for name in self.values:
            self._changed(name)
        self._changed("removed_lkw")
        self._changed("problems")

    def to_json(self) -> dict[str, Any]:
        """The clinical JSON of ``docs/request-schema.md`` (not validated).

        Numbers are those typed, glucose with its unit; fields not shown are not sent."""
        v = self.values
        data: dict[str, Any] = {"schema": SCHEMA, "priority": v["priority"]}
        for name in TEXT_FIELDS:
            text = str(v[name])
            if text.strip() or name in REQUIRED_TEXT:
                data[name] = text
        lkw: dt.datetime | None = v["last_known_well"]
        if v["onset_unknown"] == "unknown":
            data["last_known_well"] = "unknown"
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
        if v["inr"] is not None and self.shown("inr"):
            data["inr"] = v["inr"]
        if v["last_dose"] is not None and self.shown("last_dose"):
            data["last_dose"] = v["last_dose"].isoformat()
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

    #: The former name of :meth:`to_json`.
    clinical_json = to_json

    def load_clinical(self, data: Mapping[str, Any]) -> None:
        """Fill from a clinical JSON (e.g. ``app.ed.request.example_clinical``), for demos."""
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
        for name in ("symptom_onset", "last_dose"):
            if isinstance(data.get(name), str):
                self.set(name, dt.datetime.fromisoformat(data[name]), by_user=False)
        for name in ("nihss", "prestroke_mrs", "anticoagulation", "inr"):
            if data.get(name) is not None:
                self.set(name, data[name], by_user=False)
        glucose = data.get("glucose")
        if isinstance(glucose, Mapping):
            self.set("glucose_unit", str(glucose.get("unit", "mmol/L")), by_user=False)
            self.set("glucose", glucose["value"], by_user=False)
        elif isinstance(glucose, int | float):
            self.set("glucose", glucose, by_user=False)
        pressure = data.get("blood_pressure")
        if isinstance(pressure, Mapping):
            self.set("systolic_bp", pressure.get("systolic"), by_user=False)
            self.set("diastolic_bp", pressure.get("diastolic"), by_user=False)

    def validate(self, now: dt.datetime) -> ClinicalForm:
        """The checked form, or :class:`FormError`; the problems are kept for the views.

        A refused entry (:meth:`entry_problems`) is a problem too, before those of
        :func:`app.ed.request.parse_clinical`."""
        problems = [
            FieldProblem(JSON_FIELD.get(name, name), _ENTRY_RULES.get(code, code))
            for name, code in self.entry_problems().items()
        ]
        try:
            form = parse_clinical(self.to_json(), now=now)
        except FormError as exc:
            problems += exc.problems
        self.set_problems(problems)
        if problems:
            raise FormError(problems)
        return form

    def set_problems(self, problems: list[FieldProblem]) -> None:
        if problems != self.field_problems:
            self.field_problems = list(problems)
            self.problems = {}
            for problem in problems:
                self.problems.setdefault(problem.field.split(".")[0], []).append(str(problem))
            self._changed("problems")

    def _drop_problems(self, roots: tuple[str, ...]) -> None:
        """The value changed: what was said about it no longer holds."""
        kept = [p for p in self.field_problems if p.field.split(".")[0] not in roots]
        if len(kept) != len(self.field_problems):
            self.set_problems(kept)

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
