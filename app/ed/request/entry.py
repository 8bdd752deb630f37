"""What the physician typed in a number or a time field, read without changing it.

No Qt: plain functions the ED form's fields and :class:`~app.ui.ed.draft.RequestDraft`
call on every key stroke. A reading keeps the number exactly as typed (``"7.4"``
is 7.4, ``"3,1"`` is 3.1: a decimal comma and a decimal point are both accepted,
whatever the language) or says why the text is refused; it never rounds, clamps
nor truncates. The ranges are those of :mod:`app.ed.request.form`, whose
:func:`~app.ed.request.form.parse_clinical` checks the whole request again when it
is sent.

Times are local: ``HH:MM`` (also ``0850``, ``8h50``) is today, ``DD/MM HH:MM``
or ``DD/MM/YYYY HH:MM`` another day; the result carries the local UTC offset.
An ISO 8601 date-time (pasted) is read as it is.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from app.ed.request.form import (
    DIASTOLIC_MMHG,
    FUTURE_TOLERANCE,
    GLUCOSE_MMOL_L,
    INR_RANGE,
    NIHSS_RANGE,
    OLDEST,
    PRESTROKE_MRS_RANGE,
    SYSTOLIC_MMHG,
)
from protocol.request import GLUCOSE_MG_PER_MMOL

#: Why a typed text is refused (the views word them).
NOT_A_NUMBER = "not-a-number"
NOT_WHOLE = "not-whole"
OUT_OF_RANGE = "out-of-range"
NOT_A_TIME = "not-a-time"
FUTURE = "future"
TOO_OLD = "too-old"


@dataclass(frozen=True)
class NumberRule:
    """The numbers a field takes: ``low``–``high`` in ``unit``, whole or not.

    ``scale`` divides the typed value before the range check (mg/dL of glucose
    are checked in mmol/L, as :func:`app.ed.request.form.parse_clinical` does)."""

    low: float
    high: float
    whole: bool = False
    unit: str = ""
    scale: float = 1.0

    def shown_range(self) -> tuple[float, float]:
        """The range to show, in ``unit`` (whole numbers inside it when scaled)."""
        if self.scale == 1.0:
            return self.low, self.high
        return math.ceil(self.low * self.scale), math.floor(self.high * self.scale)


#: The number fields of the form (glucose: see :func:`glucose_rule`).
NUMBER_RULES = {
    "nihss": NumberRule(*NIHSS_RANGE, whole=True),
    "prestroke_mrs": NumberRule(*PRESTROKE_MRS_RANGE, whole=True),
    "systolic_bp": NumberRule(*SYSTOLIC_MMHG, whole=True, unit="mmHg"),
    "diastolic_bp": NumberRule(*DIASTOLIC_MMHG, whole=True, unit="mmHg"),
    "inr": NumberRule(*INR_RANGE),
}


def glucose_rule(unit: str) -> NumberRule:
    """Glucose in ``unit`` (``mmol/L`` or ``mg/dL``), within the schema's mmol/L range."""
    if unit == "mg/dL":
        return NumberRule(*GLUCOSE_MMOL_L, unit="mg/dL", scale=GLUCOSE_MG_PER_MMOL)
    return NumberRule(*GLUCOSE_MMOL_L, unit="mmol/L")


@dataclass(frozen=True)
class Reading:
    """A typed text read: its value (None when empty or not readable) and why it is
    refused (``""`` when it is not). An out-of-range number keeps its value."""

    value: float | int | dt.datetime | None = None
    problem: str = ""


_NUMBER = re.compile(r"^([+-]?)(\d*)(?:([.,])(\d*))?$")


def read_number(text: str, rule: NumberRule) -> Reading:
    """``text`` as a number of ``rule`` (decimal comma or point), never altered."""
    typed = text.strip()
    if not typed:
        return Reading()
    match = _NUMBER.match(typed)
    if match is None or not (match.group(2) or match.group(4)):
        return Reading(problem=NOT_A_NUMBER)
    sign, whole, separator, decimals = match.groups()
    if rule.whole and separator:
        return Reading(problem=NOT_WHOLE)
    value: float | int
    if rule.whole:
        value = int(sign + whole)
    else:
        value = float(f"{sign}{whole or '0'}.{decimals or '0'}")
    checked = value / rule.scale
    if not rule.low <= checked <= rule.high:
        return Reading(value, OUT_OF_RANGE)
    return Reading(value)


def format_number(value: float | int | None) -> str:
    """A number given by a program (not typed) as text: ``7.4``, ``17``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    return str(value)


_TIME = re.compile(r"^(\d{1,2})\s*[:hH]\s*(\d{2})?$|^(\d{3,4})$")
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?$")


def _time_of_day(token: str) -> tuple[int, int] | None:
    match = _TIME.match(token)
    if match is None:
        return None
    if match.group(3):
        digits = match.group(3).zfill(4)
        return int(digits[:2]), int(digits[2:])
    return int(match.group(1)), int(match.group(2) or 0)


def _parse_local(text: str, today: dt.date) -> dt.datetime | None:
    """``HH:MM`` / ``DD/MM[/YYYY] HH:MM`` (either order) as a naive local time."""
    tokens = text.replace(",", " ").split()
    if not 1 <= len(tokens) <= 2:
        return None
    day, clock = today, None
    for token in tokens:
        date_match = _DATE.match(token)
        if date_match is not None and len(tokens) == 2:
            d, m, y = date_match.groups()
            year = today.year if y is None else int(y) + (2000 if len(y) == 2 else 0)
            try:
                day = dt.date(year, int(m), int(d))
            except ValueError:
                return None
            continue
        if clock is not None:
            return None
        clock = _time_of_day(token)
        if clock is None:
            return None
    if clock is None:
        return None
    hour, minute = clock
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return dt.datetime.combine(day, dt.time(hour, minute))


def read_time(text: str, now: dt.datetime) -> Reading:
    """A local date-time typed at ``now`` (aware), with the local UTC offset."""
    typed = text.strip()
    if not typed:
        return Reading()
    local_now = now.astimezone()
    value: dt.datetime | None
    try:
        value = dt.datetime.fromisoformat(typed) if "-" in typed[:5] else None
    except ValueError:
        value = None
    if value is None:
        value = _parse_local(typed, local_now.date())
    if value is None:
        return Reading(problem=NOT_A_TIME)
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.astimezone()  # the local zone, daylight saving included
    if value > now + FUTURE_TOLERANCE:
        return Reading(value, FUTURE)
    if value < now - OLDEST:
        return Reading(value, TOO_OLD)
    return Reading(value)


def format_time(value: dt.datetime | None) -> str:
    """A date-time given by a program as text the field reads back: ``01/06/2025 08:50``."""
    if value is None:
        return ""
    return value.astimezone().strftime("%d/%m/%Y %H:%M")
