"""The ED form's reading of typed numbers and times (``app.ed.request.entry``, no Qt): the number
typed is the number read, a decimal comma or point alike; nothing is rounded, clamped or
cut; what cannot be read is refused with its reason, and a refused number keeps its value
(the rules of the whole request say no to it again)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.ed.request import entry
from app.ed.request.entry import NUMBER_RULES, Reading, glucose_rule, read_number, read_time
from app.ed.request.form import GLUCOSE_MMOL_L

NOW = dt.datetime(2025, 6, 1, 10, 5).astimezone()
MMOL = glucose_rule("mmol/L")


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("7.4", Reading(7.4)),
        ("3,1", Reading(3.1)),
        ("2.8", Reading(2.8)),
        (" 2,80 ", Reading(2.8)),
        (",5", Reading(0.5)),
        ("60", Reading(60.0)),
        ("", Reading()),
        ("7..4", Reading(problem=entry.NOT_A_NUMBER)),
        ("7,4,1", Reading(problem=entry.NOT_A_NUMBER)),
        ("1e3", Reading(problem=entry.NOT_A_NUMBER)),
        ("7 4", Reading(problem=entry.NOT_A_NUMBER)),
        ("abc", Reading(problem=entry.NOT_A_NUMBER)),
        ("74", Reading(74.0, entry.OUT_OF_RANGE)),
        ("-3", Reading(-3.0, entry.OUT_OF_RANGE)),
        ("0,4", Reading(0.4, entry.OUT_OF_RANGE)),
    ],
)
def test_glucose_in_mmol_per_litre(text: str, reading: Reading) -> None:
    assert read_number(text, MMOL) == reading


def test_glucose_in_mg_per_decilitre_is_checked_in_mmol_per_litre() -> None:
    rule = glucose_rule("mg/dL")
    assert read_number("133,5", rule) == Reading(133.5)
    assert read_number("75", rule) == Reading(75.0)
    assert read_number("1100", rule) == Reading(1100.0, entry.OUT_OF_RANGE)
    low, high = rule.shown_range()  # whole mg/dL inside 0.5–60 mmol/L
    assert read_number(str(low), rule).problem == ""
    assert read_number(str(high), rule).problem == ""
    assert read_number(str(low - 1), rule).problem == entry.OUT_OF_RANGE
    assert read_number(str(high + 1), rule).problem == entry.OUT_OF_RANGE
    assert MMOL.shown_range() == GLUCOSE_MMOL_L


@pytest.mark.parametrize(
    ("name", "text", "reading"),
    [
        ("nihss", "17", Reading(17)),
        ("nihss", "0", Reading(0)),
        ("nihss", "42", Reading(42)),
        ("nihss", "50", Reading(50, entry.OUT_OF_RANGE)),  # never 5, never 42
        ("nihss", "17.5", Reading(problem=entry.NOT_WHOLE)),
        ("nihss", "17,0", Reading(problem=entry.NOT_WHOLE)),
        ("prestroke_mrs", "6", Reading(6, entry.OUT_OF_RANGE)),
        ("systolic_bp", "182", Reading(182)),
        ("systolic_bp", "18,2", Reading(problem=entry.NOT_WHOLE)),
        ("diastolic_bp", "15", Reading(15, entry.OUT_OF_RANGE)),
        ("inr", "2,8", Reading(2.8)),
        ("inr", "25", Reading(25.0, entry.OUT_OF_RANGE)),
    ],
)
def test_whole_numbers_and_inr(name: str, text: str, reading: Reading) -> None:
    value = read_number(text, NUMBER_RULES[name])
    assert value == reading
    assert type(value.value) is type(reading.value)  # whole numbers stay int


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("08:50", (6, 1, 8, 50)),
        ("8:50", (6, 1, 8, 50)),
        ("0850", (6, 1, 8, 50)),
        ("850", (6, 1, 8, 50)),
        ("8h50", (6, 1, 8, 50)),
        ("8h", (6, 1, 8, 0)),
        ("31/05 23:10", (5, 31, 23, 10)),
        ("23:10 31/05", (5, 31, 23, 10)),
        ("31.05.2025 23:10", (5, 31, 23, 10)),
        ("31/05/25 23:10", (5, 31, 23, 10)),
        ("10:10", (6, 1, 10, 10)),  # within the clocks' tolerance
    ],
)
def test_times_typed_are_local_with_their_offset(text: str, when: tuple[int, ...]) -> None:
    month, day, hour, minute = when
    reading = read_time(text, NOW)
    expected = dt.datetime(2025, month, day, hour, minute).astimezone()
    assert reading == Reading(expected)
    assert reading.value.utcoffset() == expected.utcoffset()


def test_an_iso_time_keeps_its_own_offset() -> None:
    text = "2025-06-01T08:50:00+02:00"
    assert read_time(text, NOW) == Reading(dt.datetime.fromisoformat(text))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("25:10", entry.NOT_A_TIME),
        ("08:61", entry.NOT_A_TIME),
        ("31/02 08:00", entry.NOT_A_TIME),
        ("31/05", entry.NOT_A_TIME),
        ("08:50 09:00", entry.NOT_A_TIME),
        ("yesterday", entry.NOT_A_TIME),
        ("11:00", entry.FUTURE),
        ("01/06/2026 08:00", entry.FUTURE),
        ("01/04 08:00", entry.TOO_OLD),
    ],
)
def test_times_refused(text: str, problem: str) -> None:
    reading = read_time(text, NOW)
    assert reading.problem == problem
    assert (reading.value is None) == (problem == entry.NOT_A_TIME)  # a date read is kept
