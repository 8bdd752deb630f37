"""The one UID rule of client and hub (PS3.5 9.1).

A UID is valid when ``pydicom.uid.UID(value).is_valid`` says so: components of
digits without leading zeros (``0`` alone allowed), separated by single dots,
at most 64 characters. Such a string is also safe as a file or folder name.
"""

from __future__ import annotations

from pydicom.uid import RE_VALID_UID

#: (PS3.5 9.1) A UID is at most 64 characters long.
MAX_UID_LENGTH = 64


def is_valid_uid(value: object) -> bool:
    """Whether ``value`` is a str and a valid DICOM UID, as ``UID.is_valid`` without its warning.

    ``fullmatch`` rather than ``UID.is_valid``'s ``match``, so a trailing newline is no UID.
    """
    return (
        isinstance(value, str)
        and len(value) <= MAX_UID_LENGTH
        and RE_VALID_UID.fullmatch(value) is not None
    )
