"""The one UID rule (protocol.uids)."""

from __future__ import annotations

import pytest
from pydicom.uid import UID

from protocol.uids import is_valid_uid


@pytest.mark.parametrize(
    "value",
    ["1.2.840.10008.1.1", "0", "1.0.2", "2.25." + "9" * 59],
)
def test_valid(value: str) -> None:
    assert is_valid_uid(value)
    assert UID(value).is_valid


@pytest.mark.parametrize(
    "value",
    [
        "1.02.3",  # leading zero in a component
        "01.2",
        "2.25." + "9" * 60,  # 65 characters
        "",
        "1.2.",  # trailing dot
        ".1.2",
        "1..2",
        "1.2\n",
        "1.2 ",
        "1.a",
        "../1.2",
    ],
)
def test_invalid(value: str) -> None:
    assert not is_valid_uid(value)


@pytest.mark.parametrize("value", [None, 1, 1.2, b"1.2", ["1.2"]])
def test_not_a_str(value: object) -> None:
    assert not is_valid_uid(value)


def test_length_rule_is_64() -> None:
    assert is_valid_uid("1." + "2" * 62)
    assert not is_valid_uid("1." + "2" * 63)
