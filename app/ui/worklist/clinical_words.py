"""The ED's clinical facts in the radiologist's words and units, translated.

One place words what :class:`protocol.request.ClinicalRequest` holds for the
screens that show it — the worklist's badges, the case's request panel, the
opinion panel's caution, the new-request alert — so that a value reads the
same everywhere: numbers as the ED typed them (shortest exact decimal, the
locale's decimal separator), glucose in the unit the ED used, times in local
time with their age from an injected clock ("08:10 (2 h 10 min ago)").
Every text goes through ``QCoreApplication.translate("ClinicalWords", …)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from protocol.request import (
    FLAG_ANTICOAGULANT,
    FLAG_BLOOD_PRESSURE,
    FLAG_GLUCOSE_HIGH,
    FLAG_GLUCOSE_LOW,
    ClinicalRequest,
    clinical_flags,
    format_number,
)

RED, AMBER = "red", "amber"
#: Badge colours (background, text) per tone.
TONE_COLOURS = {RED: ("#c62828", "#ffffff"), AMBER: ("#ffb300", "#3e2700")}


@dataclass(frozen=True)
class Flag:
    """One flag as shown: its key (e.g. of :func:`protocol.request.clinical_flags`), its
    text with the value and unit ("BP 210/115 mmHg"), its tone, and the worklist
    badge's shorter words ("BP 210/115"; the text is the badge's tooltip)."""

    key: str
    text: str
    tone: str
    badge: str = ""

    @property
    def short(self) -> str:
        return self.badge or self.text


def decimal(value: float) -> str:
    """A number as the ED typed it (shortest exact decimal), with the locale's separator."""
    return format_number(value).replace(".", QLocale().decimalPoint())


def age(delta: dt.timedelta) -> str:
    """``2 h 10 min ago`` / ``5 min ago``; ``in 5 min`` for a time still to come."""
    seconds = delta.total_seconds()
    minutes = int(abs(seconds) // 60)
    if minutes < 60:
        text = QCoreApplication.translate("ClinicalWords", "%1 min").replace("%1", str(minutes))
    else:
        text = (
            QCoreApplication.translate("ClinicalWords", "%1 h %2 min")
            .replace("%1", str(minutes // 60))
            .replace("%2", f"{minutes % 60:02d}")
        )
    if seconds < 0:
        return QCoreApplication.translate("ClinicalWords", "in %1", "a time still to come").replace(
            "%1", text
        )
    return QCoreApplication.translate("ClinicalWords", "%1 ago").replace("%1", text)


def clock_time(when: dt.datetime, now: dt.datetime) -> str:
    """Local time of ``when``; with its date when not the same local day as ``now``."""
    local = when.astimezone()
    text = local.strftime("%H:%M")
    if local.date() != now.astimezone().date():
        day = QDate(local.year, local.month, local.day)
        text = QLocale().toString(day, "d MMM") + " " + text
    return text


def time_with_age(when: dt.datetime, now: dt.datetime) -> str:
    """``08:10 (2 h 10 min ago)``."""
    return (
        QCoreApplication.translate("ClinicalWords", "%1 (%2)", "a time and its age")
        .replace("%1", clock_time(when, now))
        .replace("%2", age(now - when))
    )


def treatment_short(key: str | None) -> str:
    """The anticoagulation in one word: DOAC, VKA, Heparin, Antiplatelet, None, Unknown."""
    if key is None:
        return ""
    return {
        "NONE": QCoreApplication.translate("ClinicalWords", "None", "anticoagulation"),
        "ANTIPLATELET": QCoreApplication.translate("ClinicalWords", "Antiplatelet"),
        "VKA": QCoreApplication.translate("ClinicalWords", "VKA", "vitamin K antagonist"),
        "DOAC": QCoreApplication.translate("ClinicalWords", "DOAC", "direct oral anticoagulant"),
        "HEPARIN": QCoreApplication.translate("ClinicalWords", "Heparin"),
        "UNKNOWN": QCoreApplication.translate("ClinicalWords", "Unknown", "anticoagulation"),
    }.get(key, key)


def treatment_long(key: str | None) -> str:
    if key is None:
        return ""
    return {
        "NONE": QCoreApplication.translate(
            "ClinicalWords", "No anticoagulant or antiplatelet treatment"
        ),
        "ANTIPLATELET": QCoreApplication.translate("ClinicalWords", "Antiplatelet treatment"),
        "VKA": QCoreApplication.translate("ClinicalWords", "Vitamin K antagonist (VKA)"),
        "DOAC": QCoreApplication.translate("ClinicalWords", "Direct oral anticoagulant (DOAC)"),
        "HEPARIN": QCoreApplication.translate("ClinicalWords", "Heparin"),
        "UNKNOWN": QCoreApplication.translate("ClinicalWords", "Treatment unknown to the ED"),
    }.get(key, key)


def anticoagulation_short(c: ClinicalRequest, now: dt.datetime | None = None) -> str:
    """The worklist's words: ``VKA INR 2.6``, ``DOAC (last dose 2 h ago)``, ``None``…"""
    parts = [treatment_short(c.anticoagulation)]
    if c.anticoagulation in ("VKA", None) and c.inr is not None:  # None: another sender
        parts.append(
            QCoreApplication.translate("ClinicalWords", "INR %1").replace("%1", decimal(c.inr))
        )
    if c.last_dose is not None and now is not None:
        parts.append(
            QCoreApplication.translate("ClinicalWords", "(last dose %1)").replace(
                "%1", age(now - c.last_dose)
            )
        )
    return " ".join(p for p in parts if p)


def anticoagulation_long(c: ClinicalRequest, now: dt.datetime) -> str:
    """The request panel's words, with the INR or the last dose (and its age).

    An INR or a last dose sent without the treatment (another sender than
    StrokeLink's form) is shown all the same, after "treatment not given".
    """
    if c.anticoagulation is None:
        if c.inr is None and c.last_dose is None:
            return ""
        parts = [QCoreApplication.translate("ClinicalWords", "Treatment not given")]
    else:
        parts = [treatment_long(c.anticoagulation)]
    if c.inr is not None:
        parts.append(
            QCoreApplication.translate("ClinicalWords", "INR %1").replace("%1", decimal(c.inr))
        )
    elif c.anticoagulation == "VKA":
        parts.append(QCoreApplication.translate("ClinicalWords", "INR not given"))
    if c.last_dose is not None:
        parts.append(
            QCoreApplication.translate("ClinicalWords", "last dose %1").replace(
                "%1", time_with_age(c.last_dose, now)
            )
        )
    elif c.anticoagulation in ("DOAC", "HEPARIN"):
        parts.append(QCoreApplication.translate("ClinicalWords", "time of the last dose not given"))
    return " — ".join(parts)


def blood_pressure(c: ClinicalRequest) -> str:
    """``210/115 mmHg`` (``—`` for a value the ED left out)."""
    if c.systolic_bp is None and c.diastolic_bp is None:
        return ""
    systolic = "—" if c.systolic_bp is None else str(c.systolic_bp)
    diastolic = "—" if c.diastolic_bp is None else str(c.diastolic_bp)
    return (
        QCoreApplication.translate("ClinicalWords", "%1/%2 mmHg")
        .replace("%1", systolic)
        .replace("%2", diastolic)
    )


def glucose(c: ClinicalRequest) -> str:
    """In the unit the ED typed; mg/dL also in mmol/L (the thresholds' unit)."""
    if c.glucose is None:
        return ""
    text = f"{decimal(c.glucose)} {c.glucose_unit}"
    mmol = c.glucose_mmol_l
    if c.glucose_unit == "mg/dL" and mmol is not None:
        text += " " + QCoreApplication.translate("ClinicalWords", "(%1 mmol/L)").replace(
            "%1", decimal(round(mmol, 1))
        )
    return text


def onset_timing(key: str | None) -> str:
    return {
        "WAKE-UP": QCoreApplication.translate(
            "ClinicalWords", "Wake-up stroke (symptoms present on waking)"
        ),
        "UNKNOWN": QCoreApplication.translate("ClinicalWords", "Time of onset unknown"),
    }.get(key or "", key or "")


def _glucose_flag(key: str, text: str, badge: str, converted: str, typed: str) -> Flag:
    """A glucose flag: ``text`` with the value in mmol/L, ``badge`` with it as typed."""
    return Flag(key, text.replace("%1", converted), AMBER, badge.replace("%1", typed))


def flags(c: ClinicalRequest, now: dt.datetime | None = None) -> list[Flag]:
    """The clinical flags (not verdicts) with their values, in order."""
    found: list[Flag] = []
    typed = "" if c.glucose is None else f"{decimal(c.glucose)} {c.glucose_unit}"
    for key in clinical_flags(c):
        if key == FLAG_BLOOD_PRESSURE:
            bp = blood_pressure(c)
            badge = QCoreApplication.translate("ClinicalWords", "BP %1").replace(
                "%1", bp.rsplit(" ", 1)[0]
            )
            found.append(
                Flag(
                    key,
                    QCoreApplication.translate("ClinicalWords", "BP %1").replace("%1", bp),
                    AMBER,
                    badge,
                )
            )
        elif key == FLAG_GLUCOSE_LOW:
            text = QCoreApplication.translate("ClinicalWords", "Low glucose %1")
            badge = QCoreApplication.translate("ClinicalWords", "Glucose ↓ %1")
            found.append(_glucose_flag(key, text, badge, glucose(c), typed))
        elif key == FLAG_GLUCOSE_HIGH:
            text = QCoreApplication.translate("ClinicalWords", "High glucose %1")
            badge = QCoreApplication.translate("ClinicalWords", "Glucose ↑ %1")
            found.append(_glucose_flag(key, text, badge, glucose(c), typed))
        elif key == FLAG_ANTICOAGULANT:
            badge = anticoagulation_short(c)
            found.append(Flag(key, anticoagulation_short(c, now), RED, badge))
    return found


def flags_sentence(c: ClinicalRequest, now: dt.datetime | None = None) -> str:
    """``DOAC (last dose 2 h ago); BP 210/115 mmHg`` ('' without flags)."""
    return "; ".join(f.text for f in flags(c, now))


def images_incomplete(listed: int, expected: int | None) -> str:
    """``Images incomplete: 230 of 430 on the hub`` (Input Readiness INCOMPLETE)."""
    if expected is not None and expected > listed:
        return (
            QCoreApplication.translate("ClinicalWords", "Images incomplete: %1 of %2 on the hub")
            .replace("%1", str(listed))
            .replace("%2", str(expected))
        )
    return QCoreApplication.translate(
        "ClinicalWords", "Images incomplete: the ED has not sent them all yet"
    )


def images_on_hub(have: int, expected: int) -> str:
    """A series' count: ``50 of 200 images on the hub``."""
    return (
        QCoreApplication.translate("ClinicalWords", "%1 of %2 images on the hub")
        .replace("%1", str(have))
        .replace("%2", str(expected))
    )
