"""Lossless compression of Pixel Data, as the hub (WADO-RS) and the ED (STOW-RS) do it.

:func:`compress_lossless` re-encodes one Part 10 instance in JPEG-LS lossless,
JPEG 2000 lossless or HTJ2K lossless (where an installed pydicom encoder can
produce it: :func:`encoder_available`), keeping its SOP Instance UID (PS3.5
8.2.1: lossless compression is not a new instance) and checking the result:
the encoded bytes are decoded again and must give exactly the original pixel
values, or nothing is returned (:class:`NotCompressible`). Native pixels are
compared as their stored words, and an instance with a stored value outside
the range of its Bits Stored is refused (the encoders keep only Bits Stored
bits; pydicom's ``pixel_array`` hides such bits). Instances whose
pixels are already lossy, or that have no integer Pixel Data (float/double
pixel data, SR, …), are never compressed.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from pydicom.dataset import Dataset
from pydicom.filereader import dcmread
from pydicom.uid import UID, ExplicitVRBigEndian

JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80"
JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90"
HTJ2K_LOSSLESS = "1.2.840.10008.1.2.4.201"
#: The lossless compressed syntaxes a hub may offer, in the hub's preference order.
LOSSLESS_TARGETS = (JPEG_LS_LOSSLESS, JPEG_2000_LOSSLESS, HTJ2K_LOSSLESS)
#: Stored syntaxes whose decoded pixels are the original values (nothing was lost).
LOSSLESS_SOURCES = frozenset(
    {
        "1.2.840.10008.1.2",  # Implicit VR Little Endian
        "1.2.840.10008.1.2.1",  # Explicit VR Little Endian
        "1.2.840.10008.1.2.1.99",  # Deflated Explicit VR Little Endian
        "1.2.840.10008.1.2.2",  # Explicit VR Big Endian
        "1.2.840.10008.1.2.4.57",  # JPEG Lossless
        "1.2.840.10008.1.2.4.70",  # JPEG Lossless SV1
        JPEG_LS_LOSSLESS,
        JPEG_2000_LOSSLESS,
        HTJ2K_LOSSLESS,
        "1.2.840.10008.1.2.4.202",  # HTJ2K lossless RPCL
        "1.2.840.10008.1.2.5",  # RLE Lossless
    }
)


class NotCompressible(ValueError):
    """This instance cannot be compressed losslessly in that syntax; ``str()`` says why."""


def encoder_available(transfer_syntax: str) -> bool:
    """Whether an installed pydicom encoder can produce ``transfer_syntax``."""
    try:
        from pydicom.pixels import get_encoder

        return bool(get_encoder(transfer_syntax).is_available)
    except (NotImplementedError, ValueError):
        return False


def available_targets() -> tuple[str, ...]:
    """The syntaxes of :data:`LOSSLESS_TARGETS` this installation can encode."""
    return tuple(uid for uid in LOSSLESS_TARGETS if encoder_available(uid))


def compressible(ds: Dataset) -> str | None:
    """Why ``ds`` (read with or without its pixels) cannot be compressed, or None."""
    stored = str(getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", "") or "")
    if "PixelData" not in ds:
        return "it has no integer Pixel Data"
    if stored not in LOSSLESS_SOURCES:
        return f"its pixels are stored as {stored or 'an unknown syntax'}, not losslessly"
    if str(ds.get("LossyImageCompression", "")) == "01":
        return "its pixels have been lossy compressed before"
    if ds.get("BitsAllocated") not in (8, 16):
        return f"Bits Allocated {ds.get('BitsAllocated')} cannot be compressed"
    if ds.get("SamplesPerPixel", 1) not in (1, 3):
        return f"Samples per Pixel {ds.get('SamplesPerPixel')} cannot be compressed"
    return None


def compress_lossless(source: Path | bytes, transfer_syntax: str) -> bytes:
    """``source`` (a Part 10 file or its bytes) re-encoded in ``transfer_syntax``, checked.

    The result is decoded again and compared with the original pixel values;
    any difference, encoder error or unsuitable instance raises
    :class:`NotCompressible` (the source is never modified).
    """
    if transfer_syntax not in LOSSLESS_TARGETS:
        raise NotCompressible(f"{transfer_syntax} is not a lossless target syntax")
    if not encoder_available(transfer_syntax):
        raise NotCompressible(f"no installed encoder produces {transfer_syntax}")
    ds = dcmread(io.BytesIO(source) if isinstance(source, bytes) else source)
    reason = compressible(ds)
    if reason is not None:
        raise NotCompressible(f"the instance cannot be compressed: {reason}")
    try:
        original = _stored_values(ds)
        reason = _outside_bits_stored(ds, original)
        if reason is not None:
            raise NotCompressible(f"the instance cannot be compressed: {reason}")
        if ds.file_meta.TransferSyntaxUID == transfer_syntax:
            buffer = io.BytesIO()
            ds.save_as(buffer, enforce_file_format=True)
            return buffer.getvalue()
        if getattr(ds.file_meta.TransferSyntaxUID, "is_compressed", False):
            ds.decompress(generate_instance_uid=False)
        ds.compress(transfer_syntax, generate_instance_uid=False)
        buffer = io.BytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        data = buffer.getvalue()
        decoded = _decoded_values(dcmread(io.BytesIO(data)))
    except NotCompressible:
        raise
    except Exception as exc:  # any encoder/decoder failure: not compressed
        raise NotCompressible(f"encoding failed ({type(exc).__name__})") from None
    if decoded.shape != original.shape or not np.array_equal(decoded, original):
        raise NotCompressible("the encoded pixels differ from the original: not used")
    return data


def _decoded_values(ds: Dataset) -> npt.NDArray[Any]:
    """Decoded pixels, one frame a row, in colour-by-pixel order, no colour conversion."""
    from pydicom.pixels import pixel_array

    frames = int(ds.get("NumberOfFrames") or 1)
    return np.asarray(pixel_array(ds, raw=True)).reshape(frames, -1)


def _stored_values(ds: Dataset) -> npt.NDArray[Any]:
    """The instance's stored pixel values, one frame a row (colour-by-pixel order).

    Native Pixel Data is read word by word from its bytes (with its
    signedness and byte order), not through pydicom's ``pixel_array``, which
    drops the bits above Bits Stored: a lossless encoder keeps only Bits
    Stored bits, so such values must be seen here (:func:`_outside_bits_stored`).
    Encapsulated (lossless) Pixel Data is decoded.
    """
    syntax = UID(str(ds.file_meta.TransferSyntaxUID))
    if syntax.is_encapsulated:
        return _decoded_values(ds)
    bits = int(ds.BitsAllocated)
    kind = "i" if int(ds.get("PixelRepresentation") or 0) == 1 else "u"
    order = ">" if syntax == ExplicitVRBigEndian else "<"
    dtype = np.dtype(f"{order}{kind}{bits // 8}")
    frames = int(ds.get("NumberOfFrames") or 1)
    samples = int(ds.get("SamplesPerPixel") or 1)
    rows, columns = int(ds.Rows), int(ds.Columns)
    count = frames * rows * columns * samples
    buffer = ds.PixelData
    if len(buffer) < count * dtype.itemsize:
        raise NotCompressible(f"Pixel Data has {len(buffer)} of {count * dtype.itemsize} bytes")
    words = np.frombuffer(buffer, dtype=dtype, count=count)
    if samples > 1 and int(ds.get("PlanarConfiguration") or 0) == 1:  # colour-by-plane
        words = words.reshape(frames, samples, rows, columns).transpose(0, 2, 3, 1)
    return words.reshape(frames, -1)


def _outside_bits_stored(ds: Dataset, values: npt.NDArray[Any]) -> str | None:
    """Why ``values`` cannot all be kept by an encoder of Bits Stored bits, or None."""
    bits = int(ds.get("BitsStored") or ds.BitsAllocated)
    if values.size == 0:
        return None
    low, high = int(values.min()), int(values.max())
    if values.dtype.kind == "i" or int(ds.get("PixelRepresentation") or 0) == 1:
        first, last = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    else:
        first, last = 0, (1 << bits) - 1
    if low < first or high > last:
        return (
            f"stored values {low}..{high} are outside the range {first}..{last} of "
            f"Bits Stored {bits}; a lossless encoder would change them"
        )
    return None
