"""The one UID rule of client and hub (PS3.5 9.1).

:func:`is_uid` is applied to every UID that comes in (from a hub, a modality, a
file, a URL) before it touches a path or a query: components of digits separated
by single dots, at most 64 characters. Leading zeros are tolerated: PS3.5 forbids
them, but real modalities write them (``...3.0123``), and refusing them would
refuse a patient's images or an opinion on them. Such a string is always safe as
a file or folder name and in a query. The UIDs StrokeLink makes come from
``pydicom.uid.generate_uid`` and are valid in the strict sense too.
"""

from __future__ import annotations

import re

#: (PS3.5 9.1) A UID is at most 64 characters long.
MAX_UID_LENGTH = 64

_DIGITS_AND_DOTS = re.compile(r"[0-9]+(?:\.[0-9]+)*")


def is_uid(value: object) -> bool:
    """Whether ``value`` is a str of dot-separated digit components, 64 characters at most.

    ``fullmatch``: a trailing newline or space is no UID.
    """
    return (
        isinstance(value, str)
        and len(value) <= MAX_UID_LENGTH
        and _DIGITS_AND_DOTS.fullmatch(value) is not None
    )
