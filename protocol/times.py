"""DT (date-time) values, PS3.5 6.2: the one formatter and the one parser of client and hub.

``YYYYMMDDHHMMSS[.FFFFFF][&ZZXX]``: written with seconds and the UTC offset; read back at
any precision the standard allows (a value that stops at the hour is that hour, as
pydicom's ``DT`` reads it: third-party workitems write such values). A writer whose
readers mishandle some offsets (dcmtk and ``+0000``, see
:func:`app.opinion.study.dicom_datetime`) builds on these.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

# YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]][&ZZXX]: the precision may stop at any field (PS3.5 6.2)
_DT = re.compile(
    r"(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,6}))?)?)?)?)?)?"
    r"([+-]\d{4})?"
)
_OFFSET = re.compile(r"[+-]\d{4}")


def format_dt(value: datetime) -> str:
    """A DT value with its UTC offset (PS3.5 6.2); seconds kept, sub-seconds when present.

    ValueError for a naive datetime: a time without its offset cannot be placed.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("a DT value needs a time zone")
    text = value.strftime("%Y%m%d%H%M%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}"
    return text + value.strftime("%z")[:5]


def parse_dt(value: str, offset: str | None = None) -> datetime:
    """A DT value (``YYYY[MM[DD[HH[MM[SS[.F…]]]]]][±HHMM]``) as a datetime.

    Fields left out take their first value (month and day 1, time 00:00:00), as
    pydicom's ``DT`` does. Without an offset in the value, in ``offset`` (``±HHMM``, as
    (0008,0201) Timezone Offset From UTC writes it) when one is given, else naive.
    ValueError when it is not a DT, or the offset is not one.
    """
    value = value.strip()
    match = _DT.fullmatch(value)
    if match is None:
        raise ValueError(f"{value!r} is not a DICOM date and time")
    year, month, day, hour, minute, second, fraction, own = match.groups()
    when = datetime(
        int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
        int(second or 0), int(fraction.ljust(6, "0")) if fraction else 0,
    )  # fmt: skip
    zone = own or (offset or "").strip()
    if not zone:
        return when
    if not _OFFSET.fullmatch(zone):
        raise ValueError(f"{zone!r} is not a UTC offset")
    minutes = int(zone[1:3]) * 60 + int(zone[3:5])
    return when.replace(tzinfo=timezone(timedelta(minutes=minutes if zone[0] == "+" else -minutes)))
