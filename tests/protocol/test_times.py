"""DT values (protocol.times): the one formatter and parser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from protocol.times import format_dt, parse_dt

PARIS = timezone(timedelta(hours=1))
NEWFOUNDLAND = timezone(-timedelta(hours=3, minutes=30))


def test_format_keeps_the_offset_and_sub_seconds() -> None:
    assert format_dt(datetime(2025, 3, 1, 14, 0, tzinfo=PARIS)) == "20250301140000+0100"
    assert format_dt(datetime(2025, 3, 1, 14, 0, 5, 120, tzinfo=NEWFOUNDLAND)) == (
        "20250301140005.000120-0330"
    )
    assert format_dt(datetime(2025, 3, 1, tzinfo=UTC)) == "20250301000000+0000"
    with pytest.raises(ValueError):
        format_dt(datetime(2025, 3, 1))


@pytest.mark.parametrize("zone", [PARIS, NEWFOUNDLAND, UTC])
def test_round_trip(zone: timezone) -> None:
    when = datetime(2025, 12, 31, 23, 59, 58, 999999, tzinfo=zone)
    back = parse_dt(format_dt(when))
    assert back == when and back.utcoffset() == when.utcoffset()


def test_parse_without_offset() -> None:
    assert parse_dt("202503011200") == datetime(2025, 3, 1, 12, 0)  # naive: never guessed
    assert parse_dt("20250301120000.5", "+0100") == datetime(2025, 3, 1, 12, 0, 0, 500000, PARIS)
    assert parse_dt("20250301120000-0300", "+0100").utcoffset() == -timedelta(hours=3)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025", datetime(2025, 1, 1)),
        ("20250301", datetime(2025, 3, 1)),
        ("2025030114", datetime(2025, 3, 1, 14)),
        ("2025030114+0100", datetime(2025, 3, 1, 14, tzinfo=timezone(timedelta(hours=1)))),
    ],
)
def test_parse_reduced_precision_as_pydicom_does(value: str, expected: datetime) -> None:
    """Third-party workitems write DT values that stop at the hour or the day: read, not
    dropped (the fields left out take their first value, as pydicom's DT does)."""
    assert parse_dt(value) == expected


@pytest.mark.parametrize(
    "value", ["", "202", "2025030", "20251301", "20250301120000+01", "20250301120000Z", "x"]
)
def test_parse_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        parse_dt(value)


def test_parse_rejects_a_bad_dataset_offset() -> None:
    with pytest.raises(ValueError):
        parse_dt("20250301120000", "+01")
