"""The request form's problems in the physician's words and language.

:func:`app.ed.request.parse_clinical` says what is wrong as ``field: rule`` with
the schema's keys (``blood_pressure.systolic: must be …``), in English, for
the command line. The screen says it with the field's visible label, through
Qt's translator (context ``FieldWords``): :func:`problem_text` recognises each
rule ``parse_clinical`` writes and words it again; a rule it does not know is
shown after the label rather than lost. :func:`entry_text` words what
:mod:`app.ed.request.entry` refuses while the physician types. Every text is a
literal so ``lupdate`` finds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale

from app.ed.request import entry
from app.ed.request.entry import NumberRule
from app.ed.request.form import OLDEST, FieldProblem


def _labels() -> dict[str, str]:
    return {
        "site": QCoreApplication.translate("FieldWords", "Requesting site"),
        "physician": QCoreApplication.translate("FieldWords", "Physician"),
        "callback_phone": QCoreApplication.translate("FieldWords", "Call-back phone"),
        "question": QCoreApplication.translate("FieldWords", "Question"),
        "accession": QCoreApplication.translate("FieldWords", "Accession number"),
        "priority": QCoreApplication.translate("FieldWords", "Priority"),
        "last_known_well": QCoreApplication.translate("FieldWords", "Last known well"),
        "wake_up": QCoreApplication.translate("FieldWords", "Wake-up stroke"),
        "symptom_onset": QCoreApplication.translate("FieldWords", "Witnessed symptom onset"),
        "nihss": QCoreApplication.translate("FieldWords", "NIHSS"),
        "anticoagulation": QCoreApplication.translate("FieldWords", "Anticoagulant / antiplatelet"),
        "inr": QCoreApplication.translate("FieldWords", "INR"),
        "last_dose": QCoreApplication.translate("FieldWords", "Last dose"),
        "glucose": QCoreApplication.translate("FieldWords", "Glucose"),
        "glucose.unit": QCoreApplication.translate("FieldWords", "Glucose unit"),
        "blood_pressure": QCoreApplication.translate("FieldWords", "Blood pressure"),
        "blood_pressure.systolic": QCoreApplication.translate("FieldWords", "Systolic pressure"),
        "blood_pressure.diastolic": QCoreApplication.translate("FieldWords", "Diastolic pressure"),
        "blood_pressure.unit": QCoreApplication.translate("FieldWords", "Blood pressure unit"),
        "prestroke_mrs": QCoreApplication.translate("FieldWords", "Pre-stroke mRS"),
        "history": QCoreApplication.translate("FieldWords", "History"),
        "patient": QCoreApplication.translate("FieldWords", "Patient"),
        "patient.name": QCoreApplication.translate("FieldWords", "Patient's name"),
        "patient.id": QCoreApplication.translate("FieldWords", "Patient ID"),
        "patient.issuer": QCoreApplication.translate("FieldWords", "Issuer of the patient ID"),
        "patient.birth_date": QCoreApplication.translate("FieldWords", "Birth date"),
        "patient.sex": QCoreApplication.translate("FieldWords", "Sex"),
    }


def field_label(field: str) -> str:
    """The visible label of a schema field (``FieldProblem.field``), never the key."""
    labels = _labels()
    if field in labels:
        return labels[field]
    fallback = QCoreApplication.translate("FieldWords", "The form")
    return labels.get(field.split(".", maxsplit=1)[0], fallback)


def number(value: float) -> str:
    """``0.5`` in English, ``0,5`` in French."""
    return QLocale().toString(float(value), "g", 12)


def _fill(text: str, *values: str) -> str:
    for i, value in enumerate(values, start=1):
        text = text.replace(f"%{i}", value)
    return text


def _rules() -> list[tuple[str, Callable[[str, re.Match[str]], str]]]:
    """(pattern of a ``parse_clinical`` rule, its words with the label ``%1``)."""

    def say(text: str, *groups: int, numbers: tuple[int, ...] = ()):
        def word(label: str, match: re.Match[str]) -> str:
            values = [
                number(float(match.group(g))) if g in numbers else match.group(g) for g in groups
            ]
            return _fill(text, label, *values)

        return word

    return [
        (r"is required$", say(QCoreApplication.translate("FieldWords", "%1 is required."))),
        (
            r"must be at most (\d+) characters \(has (\d+)\)",
            say(
                QCoreApplication.translate("FieldWords", "%1: at most %2 characters (%3 typed)."),
                1,
                2,
            ),
        ),
        (
            r"must be a single line",
            say(QCoreApplication.translate("FieldWords", "%1 must fit on one line.")),
        ),
        (r"must be text", say(QCoreApplication.translate("FieldWords", "%1 must be text."))),
        (
            r"must be a telephone number",
            say(
                QCoreApplication.translate(
                    "FieldWords", "%1 must be a telephone number (digits, spaces, + ( ) . - /)."
                )
            ),
        ),
        (
            r"must be a whole number from (-?\d+) to (-?\d+) mmHg",
            say(
                QCoreApplication.translate(
                    "FieldWords", "%1 must be a whole number from %2 to %3 mmHg."
                ),
                1,
                2,
                numbers=(1, 2),
            ),
        ),
        (
            r"must be a whole number from (-?\d+) to (-?\d+)",
            say(
                QCoreApplication.translate(
                    "FieldWords", "%1 must be a whole number from %2 to %3."
                ),
                1,
                2,
                numbers=(1, 2),
            ),
        ),
        (
            r"must be from ([\d.]+) to ([\d.]+) mmol/L \((\d+) to (\d+) mg/dL\)",
            say(
                QCoreApplication.translate(
                    "FieldWords", "%1 must be from %2 to %3 mmol/L (%4 to %5 mg/dL)."
                ),
                1,
                2,
                3,
                4,
                numbers=(1, 2),
            ),
        ),
        (
            r"must be a number from ([\d.]+) to ([\d.]+)",
            say(
                QCoreApplication.translate("FieldWords", "%1 must be a number from %2 to %3."),
                1,
                2,
                numbers=(1, 2),
            ),
        ),
        (
            r"must be a number",
            say(QCoreApplication.translate("FieldWords", "%1 must be a number.")),
        ),
        (
            r"must be mmol/L or mg/dL",
            say(QCoreApplication.translate("FieldWords", "%1 must be mmol/L or mg/dL.")),
        ),
        (r"must be mmHg", say(QCoreApplication.translate("FieldWords", "%1 must be in mmHg."))),
        (
            r'must be \{"systolic"',
            say(
                QCoreApplication.translate(
                    "FieldWords", "%1 must be a systolic and a diastolic pressure in mmHg."
                )
            ),
        ),
        (
            r"the systolic pressure must be above the diastolic",
            say(
                QCoreApplication.translate(
                    "FieldWords", "The systolic pressure must be above the diastolic pressure."
                )
            ),
        ),
        (
            r"must be a date-time text|is not an ISO 8601 date-time",
            say(QCoreApplication.translate("FieldWords", "%1 is not a date and time.")),
        ),
        (
            r"must carry its UTC offset",
            say(QCoreApplication.translate("FieldWords", "%1 must carry its UTC offset.")),
        ),
        (
            r"is in the future",
            say(QCoreApplication.translate("FieldWords", "%1 is in the future.")),
        ),
        (
            r"is more than (\d+) days ago",
            say(
                QCoreApplication.translate(
                    "FieldWords", "%1 is more than %2 days ago: check the date."
                ),
                1,
            ),
        ),
        (
            r"contradicts last_known_well 'unknown'",
            say(
                QCoreApplication.translate(
                    "FieldWords", "A wake-up stroke contradicts an unknown onset time."
                )
            ),
        ),
        (
            r"a witnessed onset time contradicts",
            say(
                QCoreApplication.translate(
                    "FieldWords",
                    "A witnessed onset time contradicts a wake-up stroke or an "
                    "unknown onset: clear one of them.",
                )
            ),
        ),
        (
            r"cannot be before last_known_well",
            say(
                QCoreApplication.translate(
                    "FieldWords", "%1 cannot be before the time last known well."
                )
            ),
        ),
        (
            r"is given with a vitamin K antagonist",
            say(
                QCoreApplication.translate(
                    "FieldWords", "%1 is given with a vitamin K antagonist only."
                )
            ),
        ),
        (
            r"is given with a DOAC or heparin",
            say(
                QCoreApplication.translate(
                    "FieldWords", "%1 is given with a direct oral anticoagulant or heparin only."
                )
            ),
        ),
        (
            r"must be one of",
            say(QCoreApplication.translate("FieldWords", "%1: choose a value from the list.")),
        ),
        (
            r"needs at least a name or an id",
            say(QCoreApplication.translate("FieldWords", "%1: type at least a name or an ID.")),
        ),
        (
            r"must be YYYYMMDD",
            say(QCoreApplication.translate("FieldWords", "%1 must be a date written YYYYMMDD.")),
        ),
        (
            r"is not a valid date",
            say(QCoreApplication.translate("FieldWords", "%1 is not a valid date.")),
        ),
        (
            r"must be true or false",
            say(QCoreApplication.translate("FieldWords", "%1 must be yes or no.")),
        ),
        (
            r"must be M, F or O",
            say(QCoreApplication.translate("FieldWords", "%1 must be M, F or O.")),
        ),
    ]


def problem_text(problem: FieldProblem) -> str:
    """One problem of :func:`app.ed.request.parse_clinical`, in the user's words."""
    label = field_label(problem.field)
    for pattern, word in _rules():
        match = re.search(pattern, problem.rule)
        if match is not None:
            return word(label, match)
    return _fill(QCoreApplication.translate("FieldWords", "%1: %2"), label, problem.rule)


def entry_text(field: str, code: str, rule: NumberRule | None = None) -> str:
    """Why a typed number or time (``app.ed.request.entry`` code) is refused.

    ``field`` is the schema field (``FieldProblem.field``); ``rule``, for a number,
    gives the range to show."""
    label = field_label(field)
    if code == entry.NOT_A_NUMBER:
        return _fill(
            QCoreApplication.translate("FieldWords", "%1: type a number (decimal comma or point)."),
            label,
        )
    if code == entry.NOT_WHOLE:
        return _fill(
            QCoreApplication.translate("FieldWords", "%1 is a whole number: no decimals."), label
        )
    if code == entry.OUT_OF_RANGE and rule is not None:
        low, high = (number(v) for v in rule.shown_range())
        if rule.whole:
            text = QCoreApplication.translate(
                "FieldWords", "%1 must be a whole number from %2 to %3."
            )
        else:
            text = QCoreApplication.translate("FieldWords", "%1 must be from %2 to %3.")
        if rule.unit:
            text = QCoreApplication.translate("FieldWords", "%1 must be from %2 to %3 %4.")
        return _fill(text, label, low, high, rule.unit)
    if code == entry.NOT_A_TIME:
        return _fill(
            QCoreApplication.translate(
                "FieldWords", "%1: type HH:MM for today, or DD/MM HH:MM for another day."
            ),
            label,
        )
    if code == entry.FUTURE:
        return _fill(QCoreApplication.translate("FieldWords", "%1 is in the future."), label)
    if code == entry.TOO_OLD:
        return _fill(
            QCoreApplication.translate(
                "FieldWords", "%1 is more than %2 days ago: check the date."
            ),
            label,
            str(OLDEST.days),
        )
    return _fill(QCoreApplication.translate("FieldWords", "%1 is not valid."), label)
