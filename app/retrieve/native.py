"""Reading a plain Explicit VR Little Endian instance without pydicom (fast path).

A 500-slice CT arrives as 500 Part 10 files of ~0.5 MB each; parsing each
with pydicom costs about 1 ms of the retrieval thread, more than placing its
pixels. :func:`read_native` walks the top-level data elements of the simple
case only — (0002,0010) Transfer Syntax UID Explicit VR Little Endian,
16-bit single-sample pixels, no (0028,3000) Modality LUT Sequence — and
returns what :func:`app.retrieve.decode.decode_part` checks and decodes:

* (0008,0018) SOP Instance UID, (0020,000D) Study Instance UID,
  (0020,000E) Series Instance UID;
* (0028,0010) Rows, (0028,0011) Columns, (0028,0008) Number of Frames,
  (0028,0101) Bits Stored, (0028,0103) Pixel Representation;
* where (7FE0,0010) Pixel Data lies in the file.

Anything else or anything unusual (implicit VR, undefined lengths other than
sequences, a value running past the end, a pixel data element shorter than
Rows × Columns × 2 × frames) gives None: the caller then takes the pydicom
path, which names the fault. Nothing here raises on bad input.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1"
_LONG_VRS = frozenset(
    {b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV"}
)
_UNDEFINED = 0xFFFFFFFF
_ITEM, _ITEM_END, _SEQUENCE_END = 0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD
_HEADER = struct.Struct("<HH2sH")
_LONG_LENGTH = struct.Struct("<I")

_SOP, _STUDY, _SERIES = 0x00080018, 0x0020000D, 0x0020000E
_SAMPLES, _FRAMES, _ROWS, _COLUMNS = 0x00280002, 0x00280008, 0x00280010, 0x00280011
_BITS_ALLOCATED, _BITS_STORED, _REPRESENTATION = 0x00280100, 0x00280101, 0x00280103
_MODALITY_LUT, _PIXEL_DATA = 0x00283000, 0x7FE00010
_WANTED = frozenset(
    {_SOP, _STUDY, _SERIES, _SAMPLES, _FRAMES, _ROWS, _COLUMNS}
    | {_BITS_ALLOCATED, _BITS_STORED, _REPRESENTATION, _MODALITY_LUT}
)


class _Unusual(Exception):
    """Not the simple case: leave it to pydicom."""


@dataclass(frozen=True)
class NativeInstance:
    """The header values of a simple native instance and its pixel data's place."""

    sop_instance_uid: str
    study_uid: str
    series_uid: str
    rows: int
    columns: int
    frames: int
    bits_stored: int
    signed: bool
    pixel_offset: int  # (7FE0,0010) value's first byte in the file

    @property
    def pixel_count(self) -> int:
        return self.rows * self.columns * self.frames


def read_native(data: bytes) -> NativeInstance | None:
    """The simple case's header values (module docstring), else None."""
    try:
        return _read(data)
    except (_Unusual, struct.error, ValueError, UnicodeDecodeError):
        return None


def _read(data: bytes) -> NativeInstance | None:
    if len(data) < 132 or data[128:132] != b"DICM":
        return None
    values: dict[int, bytes] = {}
    pos = _walk(data, 132, values, meta=True)
    if values.get(0x00020010, b"").rstrip(b"\0 ").decode("ascii") != EXPLICIT_VR_LITTLE_ENDIAN:
        return None
    values.clear()
    pixel = _walk(data, pos, values, meta=False)
    if pixel < 0 or _MODALITY_LUT in values:
        return None

    def number(tag: int, default: int | None = None) -> int:
        raw = values.get(tag)
        if raw is None or not raw:
            if default is None:
                raise _Unusual
            return default
        return int(struct.unpack("<H", raw[:2])[0])

    if number(_BITS_ALLOCATED) != 16 or number(_SAMPLES, 1) != 1:
        return None
    frames_text = values.get(_FRAMES, b"").strip(b"\0 ")
    frames = int(frames_text) if frames_text else 1
    rows, columns = number(_ROWS), number(_COLUMNS)
    length = _LONG_LENGTH.unpack_from(data, pixel - 4)[0]
    if frames < 1 or length == _UNDEFINED or length < rows * columns * frames * 2:
        return None
    if pixel + length > len(data):
        return None
    uids = [values.get(t, b"").rstrip(b"\0 ").decode("ascii") for t in (_SOP, _STUDY, _SERIES)]
    if not uids[0]:
        return None
    return NativeInstance(
        uids[0],
        uids[1],
        uids[2],
        rows,
        columns,
        frames,
        number(_BITS_STORED, 16),
        number(_REPRESENTATION, 0) == 1,
        pixel,
    )


def _walk(data: bytes, pos: int, values: dict[int, bytes], *, meta: bool) -> int:
    """Walk top-level elements from ``pos``, keeping the wanted ones' values.

    ``meta``: stop after group 0002 and return where the data set starts.
    Otherwise return the offset of (7FE0,0010)'s value, -1 when there is none.
    """
    end = len(data)
    while pos + 8 <= end:
        group, element, vr, short = _HEADER.unpack_from(data, pos)
        tag = group << 16 | element
        if meta and group != 2:
            return pos
        if not meta and group == 2:
            raise _Unusual  # a meta element inside the data set
        if vr in _LONG_VRS:
            length = _LONG_LENGTH.unpack_from(data, pos + 8)[0]
            start = pos + 12
        elif vr.isalpha() and vr.isupper():
            length, start = short, pos + 8
        else:
            raise _Unusual  # not explicit VR
        if tag == _PIXEL_DATA and not meta:
            return start if vr in (b"OW", b"OB") else -1
        if length == _UNDEFINED:
            if vr != b"SQ":
                raise _Unusual
            pos = _skip_sequence(data, start)
            continue
        if start + length > end:
            raise _Unusual
        if meta or tag in _WANTED:
            values[tag] = data[start : start + length]
        pos = start + length
    if meta:
        raise _Unusual
    return -1


def _skip_sequence(data: bytes, pos: int) -> int:
    """Past an undefined-length sequence's (FFFE,E0DD) Sequence Delimitation Item."""
    end = len(data)
    while pos + 8 <= end:
        group, element, length = struct.unpack_from("<HHI", data, pos)
        tag = group << 16 | element
        pos += 8
        if tag == _SEQUENCE_END:
            return pos
        if tag != _ITEM:
            raise _Unusual
        if length != _UNDEFINED:
            pos += length
            continue
        pos = _skip_item(data, pos)
    raise _Unusual


def _skip_item(data: bytes, pos: int) -> int:
    """Past an undefined-length item's (FFFE,E00D) Item Delimitation Item."""
    end = len(data)
    while pos + 8 <= end:
        group, element = struct.unpack_from("<HH", data, pos)
        if group << 16 | element == _ITEM_END:
            return pos + 8
        vr = data[pos + 4 : pos + 6]
        if vr in _LONG_VRS:
            length = _LONG_LENGTH.unpack_from(data, pos + 8)[0]
            start = pos + 12
        elif vr.isalpha() and vr.isupper():
            length, start = struct.unpack_from("<H", data, pos + 6)[0], pos + 8
        else:
            raise _Unusual
        if length == _UNDEFINED:
            if vr != b"SQ":
                raise _Unusual
            pos = _skip_sequence(data, start)
        else:
            pos = start + length
    raise _Unusual
