"""Is an instance's pixel data all there? Checked from the file, without decoding it.

A truncated download (safety invariant 5) can leave a file whose header reads
well but whose (7FE0,0010) Pixel Data stops early. Headers are read with
``stop_before_pixels``, so this is only noticed when the pixels are decoded;
:func:`pixel_data_problem` notices it from the file alone:

* native pixel data (defined length, PS3.5 A.1): the value length must be
  (0028,0010) Rows × (0028,0011) Columns × (0028,0008) Number of Frames ×
  (0028,0002) Samples per Pixel × (0028,0100) Bits Allocated / 8 bytes (1-bit
  data packed) and the file must hold them;
* encapsulated pixel data (undefined length, PS3.5 A.4): the items must
  follow each other up to the Sequence Delimitation Item (FFFE,E0DD), each
  one whole.
"""

from __future__ import annotations

import os
import struct
from typing import BinaryIO

import pydicom
from pydicom.dataset import Dataset

_PIXEL_DATA = (0x7FE0, 0x0010)
_ITEM = (0xFFFE, 0xE000)
_SEQUENCE_END = (0xFFFE, 0xE0DD)
_UNDEFINED = 0xFFFFFFFF


def pixel_data_problem(path: str | os.PathLike[str]) -> str | None:
    """What is wrong with the file's pixel data ("truncated: …"), or None when whole.

    Files that are not images (no (0028,0010) Rows) and files that cannot be
    parsed at all (reported by the folder scan) give None.
    """
    try:
        with open(os.fspath(path), "rb") as fp:
            header = pydicom.dcmread(fp, stop_before_pixels=True, force=True)
            return _problem(fp, header, os.fstat(fp.fileno()).st_size)
    except Exception:  # unreadable: the folder scan already says so
        return None


def _problem(fp: BinaryIO, header: Dataset, size: int) -> str | None:
    rows, columns = int(header.get("Rows", 0) or 0), int(header.get("Columns", 0) or 0)
    if rows <= 0 or columns <= 0:
        return None
    implicit, little = header.original_encoding
    start = fp.tell()
    element = fp.read(8)
    if len(element) < 8:
        return "truncated: the file ends before (7FE0,0010) Pixel Data"
    endian = "<" if little is not False else ">"
    group, number = struct.unpack(f"{endian}HH", element[:4])
    if (group, number) != _PIXEL_DATA:
        return None  # float or double pixel data, or other trailing elements: not checked
    if implicit:
        (length,) = struct.unpack(f"{endian}I", element[4:8])
        offset = start + 8
    elif element[4:6] in (b"OB", b"OW", b"OF", b"OD", b"OL", b"OV", b"UN", b"UT", b"SQ", b"UC"):
        more = fp.read(4)
        if len(more) < 4:
            return "truncated: the file ends inside (7FE0,0010) Pixel Data"
        (length,) = struct.unpack(f"{endian}I", more)
        offset = start + 12
    else:
        (length,) = struct.unpack(f"{endian}H", element[6:8])
        offset = start + 8
    if length == _UNDEFINED:
        return _encapsulated_problem(fp, size, endian)
    expected = _native_bytes(header, rows, columns)
    if size - offset < length:
        return f"truncated: (7FE0,0010) Pixel Data has {max(size - offset, 0)} of {length} bytes"
    if expected is not None and length < expected:
        return (
            f"truncated: (7FE0,0010) Pixel Data has {length} bytes, "
            f"{expected} needed for the image size"
        )
    return None


def _native_bytes(header: Dataset, rows: int, columns: int) -> int | None:
    """Bytes of native pixel data the image attributes call for (None when unsure)."""
    try:
        frames = int(header.get("NumberOfFrames", 1) or 1)
        samples = int(header.get("SamplesPerPixel", 1) or 1)
        bits = int(header.get("BitsAllocated", 0) or 0)
    except (TypeError, ValueError):
        return None
    if bits <= 0:
        return None
    total_bits = rows * columns * frames * samples * bits
    if str(header.get("PhotometricInterpretation", "")).startswith("YBR_FULL_422"):
        total_bits = total_bits * 2 // 3
    return (total_bits + 7) // 8


def _encapsulated_problem(fp: BinaryIO, size: int, endian: str) -> str | None:
    """Walk the items of encapsulated pixel data up to the Sequence Delimitation Item."""
    items = 0
    while True:
        item = fp.read(8)
        if len(item) < 8:
            return f"truncated: encapsulated (7FE0,0010) Pixel Data ends after {items} item(s)"
        group, number, length = struct.unpack(f"{endian}HHI", item)
        if (group, number) == _SEQUENCE_END:
            return None
        if (group, number) != _ITEM or length == _UNDEFINED:
            return "malformed encapsulated (7FE0,0010) Pixel Data"
        if fp.tell() + length > size:
            return f"truncated: encapsulated (7FE0,0010) Pixel Data ends inside item {items + 1}"
        fp.seek(length, os.SEEK_CUR)
        items += 1
