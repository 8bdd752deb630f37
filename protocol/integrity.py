"""Whether a DICOM file holds all of its Pixel Data: the check both the ED and the hub make.

A file cut short (a copy interrupted, a full disk) may still parse: pydicom
reads the header and defers the bulk data, so nothing fails until the pixels
are used. :func:`pixel_data_problem` looks at a data set read with
``defer_size`` (its bulk elements still raw) and the size of its file, and says
what is wrong, or ``None``:

* native (uncompressed) Pixel Data must hold at least Rows x Columns x Samples
  per Pixel x Bits Allocated / 8 x Number of Frames bytes, and every element's
  value must lie inside the file;
* encapsulated Pixel Data must be a Basic Offset Table item then at least one
  fragment item (one per frame for multi-frame images), closed by a Sequence
  Delimitation Item (pydicom drops an element whose delimiter is missing);
* an image (Rows and Columns present, or a compressed transfer syntax)
  without Pixel Data is cut short (a header-only file without Rows, cut at an
  element boundary, cannot be told from a header kept on purpose).

:func:`read_checked` reads a file that way and raises :class:`DamagedInstance`.
Reasons never contain patient data. Imports only pydicom and the stdlib.
"""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path
from typing import Any, BinaryIO

import pydicom
from pydicom.dataset import Dataset

PIXEL_DATA = 0x7FE00010
FLOAT_PIXEL_DATA = 0x7FE00008
DOUBLE_PIXEL_DATA = 0x7FE00009
UNDEFINED_LENGTH = 0xFFFFFFFF
#: Transfer syntaxes whose Pixel Data is native (not encapsulated).
NATIVE_SYNTAXES = frozenset(
    {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.2"}
)
DEFLATED = "1.2.840.10008.1.2.1.99"
DEFER_SIZE = 1024
_ITEM = b"\xfe\xff\x00\xe0"
_DELIMITER = b"\xfe\xff\xdd\xe0"
_MAX_ITEMS = 1 << 20


class DamagedInstance(ValueError):
    """The file is cut short or its Pixel Data is malformed; ``str()`` says why."""


def read_checked(path: str | os.PathLike[str], *, force: bool = False) -> Dataset:
    """Read ``path`` (bulk data deferred) and check it; :class:`DamagedInstance` if damaged.

    Errors other than damage (not DICOM at all) are pydicom's, unchanged.
    ``force``: accept a file without the Part 10 preamble (pydicom's ``force``).
    """
    file_size = Path(path).stat().st_size
    ds = pydicom.dcmread(path, defer_size=DEFER_SIZE, force=force)
    syntax = str(getattr(ds, "file_meta", Dataset()).get("TransferSyntaxUID", "") or "")
    if syntax == DEFLATED:
        # Offsets refer to the inflated stream: read whole values and check those.
        ds = pydicom.dcmread(path, force=force)
        file_size = -1
    problem = pixel_data_problem(ds, file_size)
    if problem:
        raise DamagedInstance(problem)
    return ds


def pixel_data_problem(ds: Dataset, file_size: int) -> str | None:
    """What is wrong with ``ds``'s Pixel Data (``None`` when nothing is).

    ``ds`` is read with ``defer_size`` from a file of ``file_size`` bytes
    (``file_size < 0``: values were read whole, skip the bounds check).
    """
    if "SOPClassUID" not in ds:
        return "the data set could not be read whole: the file is cut short or malformed"
    if file_size >= 0:
        last_tag, last_end = -1, None  # the last element in the file, and where it ends
        for tag in list(ds.keys()):
            raw = ds.get_item(tag, keep_deferred=True)
            tell, length = getattr(raw, "value_tell", None), getattr(raw, "length", None)
            if int(tag) > last_tag:
                last_tag, last_end = int(tag), None
            if tell is None or length is None or length == UNDEFINED_LENGTH:
                continue
            name = f"({int(tag) >> 16:04X},{int(tag) & 0xFFFF:04X})"
            value = getattr(raw, "value", None)
            if value is None and int(tell) + int(length) > file_size:
                return f"element {name} ends past the end of the file: the file is cut short"
            if isinstance(value, bytes) and len(value) < int(length):
                return f"element {name} is cut short"
            if int(tag) == last_tag:
                last_end = int(tell) + int(length)
        if last_end is not None and last_end < file_size:
            return "the file ends inside a data element: it is cut short or malformed"
    present = [t for t in (PIXEL_DATA, FLOAT_PIXEL_DATA, DOUBLE_PIXEL_DATA) if t in ds]
    syntax = str(getattr(ds, "file_meta", Dataset()).get("TransferSyntaxUID", "") or "")
    if not present:
        if ("Rows" in ds and "Columns" in ds) or (syntax and syntax not in NATIVE_SYNTAXES):
            return "an image without Pixel Data: the file is cut short or malformed"
        return None
    if PIXEL_DATA not in present:
        return None  # float pixel data: bounds checked above
    raw = ds.get_item(PIXEL_DATA, keep_deferred=True)
    length = _length(raw)
    if syntax in NATIVE_SYNTAXES or not syntax:
        expected = _native_length(ds)
        if expected is None:
            return (
                "Rows, Columns or Bits Allocated missing or invalid: Pixel Data cannot be checked"
            )
        if length is None:
            return "native Pixel Data of undefined length"
        if length < expected:
            return f"Pixel Data holds {length} bytes of the {expected} its image needs: cut short"
        return None
    value = raw.value if raw is not None else None
    if isinstance(value, bytes | bytearray):
        with io.BytesIO(value) as stream:
            return _encapsulated_problem(stream, len(value), _frames(ds), delimited=False)
    tell = getattr(raw, "value_tell", None)
    filename = getattr(ds, "filename", None)
    if tell is None or not isinstance(filename, str) or file_size < 0:
        return "encapsulated Pixel Data unreadable"
    try:
        with open(filename, "rb") as stream:
            stream.seek(int(tell))
            return _encapsulated_problem(stream, file_size - int(tell), _frames(ds), delimited=True)
    except OSError:
        return "encapsulated Pixel Data unreadable"


def _length(raw: Any) -> int | None:
    length = getattr(raw, "length", None)
    if length is not None:
        return None if length == UNDEFINED_LENGTH else int(length)
    value = getattr(raw, "value", None)
    return len(value) if isinstance(value, bytes | bytearray) else None


def _int(ds: Dataset, keyword: str, default: int | None = None) -> int | None:
    try:
        value = ds.get(keyword)
        return default if value in (None, "") else int(value)
    except (TypeError, ValueError):
        return None


def _frames(ds: Dataset) -> int:
    frames = _int(ds, "NumberOfFrames", 1)
    return frames if frames and frames > 0 else 1


def _native_length(ds: Dataset) -> int | None:
    rows, columns = _int(ds, "Rows"), _int(ds, "Columns")
    bits = _int(ds, "BitsAllocated")
    samples = _int(ds, "SamplesPerPixel", 1)
    if not rows or not columns or not bits or not samples or rows < 0 or columns < 0:
        return None
    pixels = rows * columns * samples * _frames(ds)
    return (pixels * bits + 7) // 8


def _encapsulated_problem(
    stream: BinaryIO, size: int, frames: int, *, delimited: bool
) -> str | None:
    """Items: a Basic Offset Table then fragments, within ``size`` bytes of ``stream``.

    ``delimited``: the items end with a Sequence Delimitation Item (read from a
    file); otherwise they exactly fill ``size`` (a value pydicom read whole).
    """
    position, items = 0, 0
    while True:
        if not delimited and position == size:
            break
        header = stream.read(8)
        if len(header) < 8 or position + 8 > size:
            return "encapsulated Pixel Data is cut short"
        tag, length = header[:4], struct.unpack_from("<I", header, 4)[0]
        position += 8
        if delimited and tag == _DELIMITER:
            break
        if tag != _ITEM or length == UNDEFINED_LENGTH:
            return "encapsulated Pixel Data: malformed item"
        if position + length > size:
            return "encapsulated Pixel Data: an item is cut short"
        stream.seek(length, io.SEEK_CUR)
        position += length
        items += 1
        if items > _MAX_ITEMS:
            return "encapsulated Pixel Data: too many items"
    fragments = items - 1  # the first item is the Basic Offset Table
    if items == 0:
        return "encapsulated Pixel Data without a Basic Offset Table item"
    if fragments < 1:
        return "encapsulated Pixel Data without any fragment"
    if frames > 1 and fragments < frames:
        return f"encapsulated Pixel Data: {fragments} fragments for {frames} frames"
    return None
