"""WADO-RS retrieval (PS3.18 10.4): negotiation, instances, frames, bulk data.

Instances are sent as ``multipart/related; type="application/dicom"``, one
part per instance, streamed from the stored file in chunks. The transfer
syntax is negotiated per instance from the ``Accept`` header (PS3.18 8.7.3):

* ``transfer-syntax=*`` → as stored;
* no ``transfer-syntax`` parameter → Explicit VR Little Endian
  (1.2.840.10008.1.2.1), the default; compressed instances are decompressed
  with pydicom (+ pylibjpeg/openjpeg), other uncompressed encodings re-encoded;
* a named transfer syntax → as stored if it is the stored one, Explicit VR
  Little Endian by transcoding, JPEG-LS lossless (1.2.840.10008.1.2.4.80),
  JPEG 2000 lossless (…4.90) or HTJ2K lossless (…4.201) by lossless
  compression where an installed encoder produces it (:mod:`minihub.transcode`,
  checked pixel-identical, cached on disk).

Several ranges (with ``q`` values) are tried best first: the first one that
can be produced for the instance is sent, the others stay as fallbacks, tried
in turn when producing it fails (an encoder refusing the pixel layout). An
instance that cannot be compressed (no integer Pixel Data, already lossy,
32-bit) is sent compressed never, as stored only if ``*`` or its syntax is
acceptable. Nothing acceptable → 406 Not Acceptable (PS3.18 8.7.3).

Frames (``.../frames/1,3``) are ``application/octet-stream`` (native pixels,
decoded if stored compressed), or the compressed frame as stored
(``image/jpeg``, ``image/jp2``, ``image/dicom-rle``…) when the client accepts
it (its media type, or ``transfer-syntax=*``). Only transcoded instances and
decoded frames are built in memory, one at a time.

A part that needs transcoding is transcoded before its part headers are
written, and the first part before the response starts: an instance (or
first frame) that cannot be decoded is 406 with a reason (its stored form,
``transfer-syntax=*``, can still be asked for), never a 200 cut short. If a
*later* part fails (data stored before STOW-RS checked that compressed pixel
data decodes), the connection is aborted mid-body (:func:`until_failure`): no
closing delimiter, no last chunk, an incomplete response for any client.
Frame lists are bounded: each frame at most once, so never more numbers than
the instance has frames (400 otherwise).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pydicom
from pydicom.encaps import get_frame

from minihub.instances import (
    EXPLICIT_VR_BE,
    EXPLICIT_VR_LE,
    FRAME_MEDIA_TYPES,
    PIXEL_DATA,
    UNCOMPRESSED,
    decoder_available,
)
from minihub.storage import StoredInstance
from minihub.transcode import TRANSCODE_SLOTS, TranscodeCache, produce, to_explicit_le
from protocol.lossless import LOSSLESS_SOURCES, LOSSLESS_TARGETS, encoder_available
from protocol.multipart import split_media_ranges

CHUNK = 256 * 1024
log = logging.getLogger("minihub")
DICOM = "application/dicom"
OCTET = "application/octet-stream"
ANY_SYNTAX = "*"
PIXEL_DATA_KEY = "7FE00010"
LOSSY_KEY = "00282110"  # (0028,2110) Lossy Image Compression


class NotAcceptable(ValueError):
    """406: nothing the client accepts can be produced; message says why."""


class BadFrames(ValueError):
    """400: the frame list is malformed or out of range."""


@dataclass(frozen=True)
class Choice:
    """How one instance or frame is sent: ``transcode`` False means as stored.

    ``fallbacks``: the next acceptable ways, tried in order if this one fails.
    """

    media_type: str
    transfer_syntax: str
    transcode: bool
    fallbacks: tuple[Choice, ...] = ()


def instance_syntaxes(accept: str | None) -> list[str]:
    """Acceptable transfer syntaxes for instances, in preference order."""
    syntaxes: list[str] = []
    for media_type, params in split_media_ranges(accept or "*/*"):
        part_type = params.get("type", DICOM).lower()
        if media_type in ("*/*", "multipart/*") or (
            media_type == "multipart/related" and part_type == DICOM
        ):
            syntaxes.append(params.get("transfer-syntax", EXPLICIT_VR_LE))
    if not syntaxes:
        raise NotAcceptable('only multipart/related; type="application/dicom" is offered')
    return syntaxes


def choose_for_instance(instance: StoredInstance, syntaxes: list[str]) -> Choice:
    """The acceptable ways to send ``instance``, best first (406 if none)."""
    stored = instance.transfer_syntax
    found: list[Choice] = []
    for syntax in syntaxes:
        choice: Choice | None = None
        if syntax in (ANY_SYNTAX, stored):
            choice = Choice(DICOM, stored, transcode=False)
        elif syntax == EXPLICIT_VR_LE and can_transcode(stored):
            choice = Choice(DICOM, EXPLICIT_VR_LE, transcode=True)
        elif syntax in LOSSLESS_TARGETS and can_compress(instance, syntax):
            choice = Choice(DICOM, syntax, transcode=True)
        if choice is not None and choice not in found:
            found.append(choice)
    if not found:
        raise NotAcceptable(
            f"an instance is stored as {stored} and cannot be sent in {', '.join(syntaxes)}"
        )
    return replace(found[0], fallbacks=tuple(found[1:]))


def can_transcode(stored: str) -> bool:
    """Whether an instance in ``stored`` can be re-encoded as Explicit VR LE."""
    return stored != EXPLICIT_VR_BE and decoder_available(stored)


def can_compress(instance: StoredInstance, syntax: str) -> bool:
    """Whether ``instance`` may be compressed losslessly in ``syntax`` (from its index row).

    Only a hint: the encoder may still refuse (then the next acceptable choice
    is sent); never true for lossy, float or 32-bit pixels or a missing encoder.
    """
    if not encoder_available(syntax):
        return False
    if instance.transfer_syntax not in LOSSLESS_SOURCES or not decoder_available(
        instance.transfer_syntax
    ):
        return False
    if instance.bits_allocated not in (8, 16) or instance.samples_per_pixel not in (1, 3):
        return False
    if f'"{PIXEL_DATA_KEY}"' not in instance.metadata:  # float pixels, SR, …
        return False
    if f'"{LOSSY_KEY}"' not in instance.metadata:  # cheap: no JSON parsing per instance
        return True
    try:
        metadata = json.loads(instance.metadata)
    except ValueError:
        return False
    lossy = (metadata.get(LOSSY_KEY) or {}).get("Value") or []
    return PIXEL_DATA_KEY in metadata and "01" not in lossy


def file_chunks(path: Path, start: int = 0, length: int | None = None) -> Iterator[bytes]:
    """Read a file (or a byte range of it) lazily in chunks."""
    with path.open("rb") as stream:
        stream.seek(start)
        remaining = length
        while remaining is None or remaining > 0:
            size = CHUNK if remaining is None else min(CHUNK, remaining)
            chunk = stream.read(size)
            if not chunk:
                break
            if remaining is not None:
                remaining -= len(chunk)
            yield chunk


def transcode(path: Path) -> bytes:
    """The instance re-encoded as Explicit VR Little Endian (see :func:`to_explicit_le`)."""
    return to_explicit_le(path)


def part_headers(choice: Choice) -> dict[str, str]:
    return {"Content-Type": f"{choice.media_type}; transfer-syntax={choice.transfer_syntax}"}


Part = tuple[dict[str, str], Iterator[bytes]]


def instance_part(
    instance: StoredInstance, choice: Choice, cache: TranscodeCache | None = None
) -> Part:
    """One instance part, transcoded (if needed) *before* its headers exist.

    A transcoding failure is therefore raised before anything of the part is
    written: for the first part, before the response starts (the route turns
    it into an error status); see :func:`until_failure` for later parts.
    A choice that fails (an encoder refusing the pixel layout) gives way to its
    fallbacks in order; transcoded bytes come from ``cache`` when it has them.
    """
    options = (replace(choice, fallbacks=()), *choice.fallbacks)
    for index, option in enumerate(options):
        if not option.transcode:
            return part_headers(option), file_chunks(instance.path)
        try:
            if option.transfer_syntax == EXPLICIT_VR_LE:  # decompressed: not cached
                with TRANSCODE_SLOTS:
                    data = transcode(instance.path)
            elif cache is not None:  # bounded: per-key lock, failures remembered, size cap
                data = cache.transcoded(instance, option.transfer_syntax)
            else:
                with TRANSCODE_SLOTS:
                    data = produce(instance, option.transfer_syntax)
        except OSError:
            raise
        except Exception as exc:
            if index == len(options) - 1:
                raise
            log.info(
                "WADO-RS: an instance could not be sent in %s (%s); trying %s",
                option.transfer_syntax, type(exc).__name__, options[index + 1].transfer_syntax,
            )  # fmt: skip
            continue
        return part_headers(option), iter([data])
    raise AssertionError("unreachable: options is never empty")


def until_failure(body: Iterator[bytes]) -> Iterator[bytes]:
    """``body``, aborted (no closing delimiter, no last chunk) if producing a part fails.

    Only a part after the first can fail here (legacy data stored before
    STOW-RS checked that pixel data decodes, or a file gone missing): the
    200 status is sent already, so the connection is aborted mid-body, which
    every HTTP client reports as an incomplete response.
    Only the exception type is logged (messages may quote data values).
    """
    try:
        yield from body
    except Exception as exc:  # untrusted stored data; the response is under way
        log.error(
            "WADO-RS: a part could not be produced (%s); response aborted",
            type(exc).__name__,
        )
        # Raised again (without the message, which may quote data): the connection is
        # aborted, so the chunked body lacks its last chunk too and no HTTP client can
        # mistake the response for a complete one.
        raise IncompleteResponse(type(exc).__name__) from None


class IncompleteResponse(Exception):
    """A streamed response could not be finished; the connection is aborted."""


def parse_frame_list(text: str, frames: int) -> list[int]:
    """``"1,3"`` → ``[1, 3]``; 1-based, each within ``1..frames``, each once.

    A list longer than the instance's frame count or naming a frame twice is
    :class:`BadFrames` (400): a short URL must not ask for gigabytes.
    """
    items = text.split(",")
    if len(items) > max(frames, 1):
        raise BadFrames(f"more frame numbers than the instance's {frames} frames")
    numbers: list[int] = []
    seen: set[int] = set()
    for raw in items:
        item = raw.strip()
        if not (item.isascii() and item.isdigit()) or len(item) > 10:
            raise BadFrames(f"invalid frame number: {item[:12]!r}")
        number = int(item)
        if not 1 <= number <= frames:
            raise BadFrames(f"frame {number} out of range 1..{frames}")
        if number in seen:
            raise BadFrames(f"frame {number} is listed twice")
        seen.add(number)
        numbers.append(number)
    return numbers


def choose_for_frames(instance: StoredInstance, accept: str | None) -> Choice:
    """How the frames of ``instance`` are sent (406 if nothing fits)."""
    stored = instance.transfer_syntax
    compressed_type = FRAME_MEDIA_TYPES.get(stored)
    for media_type, params in split_media_ranges(accept or "*/*"):
        part_type = params.get("type", OCTET).lower()
        syntax = params.get("transfer-syntax")
        if media_type not in ("*/*", "multipart/*", "multipart/related"):
            continue
        if media_type != "multipart/related":
            part_type = OCTET
        if stored in UNCOMPRESSED:
            if part_type in (OCTET, "*/*") and syntax in (None, ANY_SYNTAX, EXPLICIT_VR_LE, stored):
                return Choice(OCTET, EXPLICIT_VR_LE, transcode=False)
            continue
        # Stored compressed: send as stored when the client takes it.
        if syntax in (ANY_SYNTAX, stored) and part_type in (
            compressed_type, OCTET, "*/*"
        ):  # fmt: skip
            return Choice(compressed_type or OCTET, stored, transcode=False)
        if compressed_type and part_type == compressed_type and syntax is None:
            return Choice(compressed_type, stored, transcode=False)
        if (
            part_type in (OCTET, "*/*")
            and syntax in (None, EXPLICIT_VR_LE)
            and decoder_available(stored)
        ):
            return Choice(OCTET, EXPLICIT_VR_LE, transcode=True)
    raise NotAcceptable(f"frames are stored as {stored}; nothing acceptable can be produced")


def frame_bytes(instance: StoredInstance, number: int, choice: Choice) -> bytes:
    """One frame (1-based), as stored or as native little-endian pixels."""
    if not choice.transcode and instance.transfer_syntax not in UNCOMPRESSED:
        ds = pydicom.dcmread(instance.path)
        return get_frame(ds.PixelData, number - 1, number_of_frames=instance.frames)
    size = _frame_size(instance)
    if instance.pixel_offset is not None and size is not None:
        with instance.path.open("rb") as stream:
            stream.seek(instance.pixel_offset + (number - 1) * size)
            return stream.read(size)
    from pydicom.pixels import pixel_array

    array = pixel_array(instance.path, index=number - 1)
    return bytes(array.astype(array.dtype.newbyteorder("<")).tobytes())


def pixel_bytes(instance: StoredInstance, choice: Choice) -> Iterator[bytes]:
    """All of Pixel Data as one native part (uncompressed or decoded)."""
    if instance.pixel_offset is not None and instance.pixel_length is not None:
        yield from file_chunks(instance.path, instance.pixel_offset, instance.pixel_length)
        return
    for number in range(1, instance.frames + 1):
        yield frame_bytes(instance, number, choice)


def _frame_size(instance: StoredInstance) -> int | None:
    if not (instance.rows and instance.columns and instance.bits_allocated):
        return None
    bits = instance.rows * instance.columns * instance.samples_per_pixel
    bits *= instance.bits_allocated
    return bits // 8 if bits % 8 == 0 else None


def element_bytes(instance: StoredInstance, tag: int) -> bytes | None:
    """The raw value of a top-level bulk data element other than Pixel Data."""
    if tag == PIXEL_DATA:
        raise ValueError("use pixel_bytes for Pixel Data")
    ds = pydicom.dcmread(instance.path)
    if tag not in ds:
        return None
    value = ds[tag].value
    return bytes(value) if isinstance(value, bytes | bytearray) else None
