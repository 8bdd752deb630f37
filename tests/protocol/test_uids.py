"""The one UID rule (protocol.uids): tolerant of leading zeros, path-safe, 64 characters."""

from __future__ import annotations

import pytest

from protocol.uids import is_uid


@pytest.mark.parametrize(
    "value",
    [
        "1.2.840.10008.1.1",
        "0",
        "1.0.2",
        "2.25." + "9" * 59,
        "1.2.840.113619.2.55.3.0123",  # a leading zero, as real modalities write them
        "01.2",
    ],
)
def test_taken_as_a_uid(value: str) -> None:
    assert is_uid(value)


@pytest.mark.parametrize(
    "value",
    [
        "2.25." + "9" * 60,  # 65 characters
        "",
        "1.2.",  # trailing dot
        ".1.2",
        "1..2",
        "1.2\n",
        "1.2 ",
        "1.a",
        "../1.2",
        "1.2/3",
        "1.2\\3",
    ],
)
def test_refused(value: str) -> None:
    assert not is_uid(value)


@pytest.mark.parametrize("value", [None, 1, 1.2, b"1.2", ["1.2"]])
def test_not_a_str(value: object) -> None:
    assert not is_uid(value)


def test_length_rule_is_64() -> None:
    assert is_uid("1." + "2" * 62)
    assert not is_uid("1." + "2" * 63)
