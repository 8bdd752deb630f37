"""Checking and decoding received instances; the decoding process pool.

Everything here is plain functions of bytes and JSON, importable by worker
processes (:class:`Decoder` runs them in a ``ProcessPoolExecutor``, or inline
with ``workers=0``). Nothing here logs or raises patient data: messages name
the instance by its (0020,0013) Instance Number, never the patient.

* :func:`decode_part` — one received Part 10 file → :class:`DecodedInstance`:
  parsed with pydicom, its UIDs read, (7FE0,0010) Pixel Data checked (for
  native encodings the length must be (0028,0010) Rows × (0028,0011) Columns ×
  (0028,0100) Bits Allocated ÷ 8 × (0028,0002) Samples per Pixel ×
  (0028,0008) Number of Frames), then decoded through pydicom's pixel
  handlers (pylibjpeg, openjpeg, pyjpegls, Pillow for JPEG baseline/extended/
  lossless, JPEG-LS, JPEG 2000, RLE; deflate is inflated on reading). Raises
  :class:`BadInstance` (truncated, corrupt, not DICOM) or
  :class:`UnsupportedTransferSyntax`.
* :func:`plan_from_metadata` — WADO-RS metadata (DICOM JSON) →
  :class:`viewer.assembly.SeriesPlan`, headers only.
* :func:`modality_values` — stored values → modality values (Rescale or
  Modality LUT) for one slice, as :func:`viewer.slice_fill.fill_slice` does.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import struct
import sys
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
import pydicom
from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.uid import (
    UID,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGLSLossless,
)

from app.retrieve.native import read_native
from viewer.assembly import NotAVolume, NotVolumePart, SeriesPlan, plan_series
from viewer.frames import FrameHeader
from viewer.slice_fill import ValuesOutOfRange

T = TypeVar("T")
NATIVE = frozenset({ExplicitVRLittleEndian, ImplicitVRLittleEndian})
# Decoding plugin to prefer when installed (measured faster for the syntax).
_PREFERRED_PLUGIN = {
    JPEGLSLossless: "pyjpegls",
    "1.2.840.10008.1.2.4.81": "pyjpegls",
    JPEG2000Lossless: "pylibjpeg",
    "1.2.840.10008.1.2.4.91": "pylibjpeg",
}
_INT16 = np.iinfo(np.int16)

SOP_INSTANCE_UID = "00080018"
INSTANCE_NUMBER = "00200013"


class BadInstance(ValueError):
    """A received file is not a usable instance (truncated, corrupt, not DICOM).

    ``str()`` says what is wrong (no patient data); ``sop`` is the instance's
    SOP Instance UID when it could be read, so the caller can name it.
    """

    def __init__(self, reason: str, sop: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.sop = sop

    def __reduce__(self) -> tuple[Any, ...]:
        return (BadInstance, (self.reason, self.sop))


class UnsupportedTransferSyntax(ValueError):
    """No decoder here for the instance's (0002,0010) Transfer Syntax UID."""

    def __init__(self, transfer_syntax: str) -> None:
        self.transfer_syntax = transfer_syntax
        name = UID(transfer_syntax).name if transfer_syntax else "none"
        super().__init__(f"transfer syntax {transfer_syntax} ({name}) cannot be decoded here")

    def __reduce__(self) -> tuple[Any, ...]:
        return (UnsupportedTransferSyntax, (self.transfer_syntax,))


@dataclass
class DecodedInstance:
    """One checked instance: its UIDs and its frames' stored values.

    ``frames`` holds one 2-D array (3-D for colour) per frame, as stored
    (before the modality transformation), except when ``lut_applied``: then
    (0028,3000) Modality LUT Sequence was applied here (float32 values).
    """

    sop_instance_uid: str
    study_uid: str
    series_uid: str
    transfer_syntax: str
    frames: list[npt.NDArray[Any]] = field(default_factory=list)
    lut_applied: bool = False
    # Set by the retrieval while the plan is not ready: frames then hold int16
    # modality values computed with this (slope, intercept) (see prescale).
    rescaled: tuple[float, float] | None = None
    stored_dtype: str = ""  # the frames' dtype before prescale


def peek_transfer_syntax(data: bytes) -> str:
    """(0002,0010) Transfer Syntax UID from a Part 10 file's meta group, '' if none.

    Cheap (no pydicom): decides whether a part is decoded inline or in a worker.
    """
    if len(data) < 132 or data[128:132] != b"DICM":
        return ""
    pos, end = 132, min(len(data), 132 + 4096)
    while pos + 8 <= end:
        group, element = struct.unpack_from("<HH", data, pos)
        if group != 2:
            return ""
        vr = data[pos + 4 : pos + 6]
        if vr in (b"OB", b"OW", b"OF", b"SQ", b"UT", b"UN"):
            length = struct.unpack_from("<I", data, pos + 8)[0]
            start = pos + 12
        else:
            length = struct.unpack_from("<H", data, pos + 6)[0]
            start = pos + 8
        if element == 0x0010:
            return data[start : start + length].rstrip(b"\0 ").decode("ascii", "replace")
        pos = start + length
    return ""


def check_decodable(transfer_syntax: str) -> None:
    """Raise :class:`UnsupportedTransferSyntax` unless pydicom can decode it here."""
    from pydicom.pixels import get_decoder

    try:
        decoder = get_decoder(transfer_syntax)
    except NotImplementedError:
        raise UnsupportedTransferSyntax(transfer_syntax) from None
    if not decoder.is_available:
        raise UnsupportedTransferSyntax(transfer_syntax)


def _plugin(transfer_syntax: str) -> str:
    from pydicom.pixels import get_decoder

    wanted = _PREFERRED_PLUGIN.get(transfer_syntax, "")
    if wanted and wanted in get_decoder(transfer_syntax).available_plugins:
        return wanted
    return ""


def _native_length(ds: Dataset) -> int:
    frames = int(ds.get("NumberOfFrames") or 1)
    bits = int(ds.BitsAllocated)
    pixels = int(ds.Rows) * int(ds.Columns) * int(ds.get("SamplesPerPixel") or 1) * frames
    return (pixels * bits + 7) // 8


def _native_frames(ds: Dataset) -> list[npt.NDArray[Any]] | None:
    """Single-sample 16-bit native frames straight from the buffer (the CT/MR case)."""
    if int(ds.BitsAllocated) != 16 or int(ds.get("SamplesPerPixel") or 1) != 1:
        return None
    signed = int(ds.get("PixelRepresentation") or 0) == 1
    bits_stored = int(ds.get("BitsStored") or 16)
    shape = (int(ds.get("NumberOfFrames") or 1), int(ds.Rows), int(ds.Columns))
    return _frames16(ds.PixelData, 0, shape, signed=signed, bits_stored=bits_stored)


def _frames16(
    buffer: bytes, offset: int, shape: tuple[int, int, int], *, signed: bool, bits_stored: int
) -> list[npt.NDArray[Any]]:
    """``shape`` (frames, rows, columns) 16-bit stored values read in place from ``buffer``."""
    count = shape[0] * shape[1] * shape[2]
    raw = np.frombuffer(buffer, dtype="<i2" if signed else "<u2", count=count, offset=offset)
    array = raw.reshape(shape)
    if 0 < bits_stored < 16:  # only Bits Stored bits are the value, as pydicom reads them
        shift = 16 - bits_stored
        if signed:  # sign-extended from bit Bits Stored - 1
            array = (array << shift) >> shift
        elif int(array.max()) >> bits_stored:  # bits above Bits Stored set: masked off
            array = array & np.uint16((1 << bits_stored) - 1)
    return list(array)


def decode_part(data: bytes) -> DecodedInstance:
    """Check and decode one Part 10 file (see the module docstring)."""
    if len(data) < 132 or data[128:132] != b"DICM":
        raise BadInstance("not a DICOM file")
    simple = read_native(data)
    if simple is not None:  # the common CT/MR case, without pydicom (same checks)
        shape = (simple.frames, simple.rows, simple.columns)
        frames = _frames16(
            data,
            simple.pixel_offset,
            shape,
            signed=simple.signed,
            bits_stored=simple.bits_stored,
        )
        return DecodedInstance(
            simple.sop_instance_uid,
            simple.study_uid,
            simple.series_uid,
            ExplicitVRLittleEndian,
            frames,
        )
    try:
        ds = pydicom.dcmread(io.BytesIO(data))
        sop = str(ds.get("SOPInstanceUID", "") or "")
        study = str(ds.get("StudyInstanceUID", "") or "")
        series = str(ds.get("SeriesInstanceUID", "") or "")
    except Exception as exc:  # any parse error of untrusted input
        raise BadInstance(f"cannot be read as DICOM ({type(exc).__name__})") from None
    if not sop:
        raise BadInstance("no (0008,0018) SOP Instance UID")
    syntax = str(ds.file_meta.get("TransferSyntaxUID", "") or "")
    result = DecodedInstance(sop, study, series, syntax)
    if "PixelData" not in ds:
        return result
    if not syntax:
        raise BadInstance("no (0002,0010) Transfer Syntax UID", sop)
    try:
        check_decodable(syntax)
        if not UID(syntax).is_encapsulated:
            need, have = _native_length(ds), len(ds.PixelData)
            if have < need:
                raise BadInstance(f"truncated: {have} of {need} pixel data bytes", sop)
            native = _native_frames(ds) if syntax in NATIVE else None
            if native is not None and "ModalityLUTSequence" not in ds:
                result.frames = native
                return result
        result.frames, result.lut_applied = _decoded_frames(ds, syntax)
    except (BadInstance, UnsupportedTransferSyntax):
        raise
    except Exception as exc:  # decoder errors of corrupt input
        raise BadInstance(f"pixel data cannot be decoded ({type(exc).__name__})", sop) from None
    return result


def _decoded_frames(ds: Dataset, syntax: str) -> tuple[list[npt.NDArray[Any]], bool]:
    from pydicom.pixels import apply_modality_lut, pixel_array

    count = int(ds.get("NumberOfFrames") or 1)
    arrays = pixel_array(ds, decoding_plugin=_plugin(syntax))
    frames = list(arrays) if count > 1 else [arrays]
    if "ModalityLUTSequence" in ds:
        return [np.asarray(apply_modality_lut(f, ds), dtype=np.float32) for f in frames], True
    return frames, False


def _int16_rescaled(
    stored: npt.NDArray[Any],
    slope: float,
    intercept: float,
    out: npt.NDArray[Any] | None = None,
    what: str = "",
) -> npt.NDArray[np.int16]:
    """Integral ``stored × slope + intercept`` as int16 (into ``out`` when given).

    Two passes over the pixels in the CT case (unsigned, slope 1): the
    maximum, then one int16 addition (0 is a lower bound of unsigned values,
    so the minimum is only computed when it matters).
    """
    m, b = int(slope), int(intercept)
    unsigned = stored.dtype.kind == "u"
    high = int(stored.max())
    low = 0 if unsigned and m > 0 and b >= _INT16.min else int(stored.min())
    ends = (low * m + b, high * m + b)
    if min(ends) < _INT16.min or max(ends) > _INT16.max:
        raise ValuesOutOfRange(f"{what}: values {min(ends)}..{max(ends)} do not fit int16 voxels")
    if out is None or out.dtype != np.int16 or out.shape != stored.shape:
        out = np.empty(stored.shape, dtype=np.int16)
    small = _INT16.min <= m <= _INT16.max and _INT16.min <= b <= _INT16.max
    fits = small and stored.dtype.itemsize == 2 and (not unsigned or high <= _INT16.max)
    if fits:  # the same values read as int16: no conversion pass
        source = stored.view(np.int16)
        if m == 1:
            np.add(source, np.int16(b), out=out)
            return out
        np.multiply(source, np.int16(m), out=out)  # wraps like int16; the sum is in range
        if b:
            out += np.int16(b)
        return out
    try:  # stored values, slope or intercept beyond int16: exact in int64, result in range
        wide = stored.astype(np.int64)
        if m != 1:
            wide *= m
        if b:
            wide += b
    except (OverflowError, ArithmeticError):
        raise ValuesOutOfRange(f"{what}: slope {m}, intercept {b}: beyond 64 bits") from None
    np.copyto(out, wide, casting="unsafe")  # every value is within int16 (checked above)
    return out


def prescale(
    decoded: DecodedInstance, slope: float | None, intercept: float | None
) -> DecodedInstance:
    """The single frame of ``decoded`` as int16 modality values, when that is exact.

    Done while a series' plan is not ready yet, so that placing the slice
    later is a copy. ``slope``/``intercept`` come from the instance's
    metadata (either missing: 1 and 0, as :func:`modality_values` does);
    left as is (stored values) when they are not integral, the frame is not
    a single-sample integer one, the slope is 0, or the values do not fit
    int16 (never raises for that: the slice is then placed from stored values).
    """
    rescale = (
        (float(slope), float(intercept))
        if slope is not None and intercept is not None
        else (1.0, 0.0)
    )
    if decoded.rescaled is not None or decoded.lut_applied or len(decoded.frames) != 1:
        return decoded
    stored = decoded.frames[0]
    if stored.ndim != 2 or stored.dtype.kind not in "iu":
        return decoded
    if not (rescale[0].is_integer() and rescale[1].is_integer()) or rescale[0] == 0:
        return decoded  # slope 0: the stored values could not be recovered (unscale)
    try:
        values = _int16_rescaled(stored, *rescale)
    except (ValuesOutOfRange, OverflowError, ArithmeticError):  # placed later, unscaled
        return decoded
    decoded.stored_dtype = stored.dtype.str
    decoded.frames, decoded.rescaled = [values], rescale
    return decoded


def unscale(decoded: DecodedInstance, frame: int) -> npt.NDArray[Any]:
    """A frame's stored values back from :func:`prescale`'s (exact: integral, in range)."""
    values = decoded.frames[frame]
    if decoded.rescaled is None:
        return values
    slope, intercept = int(decoded.rescaled[0]), int(decoded.rescaled[1])
    return ((values.astype(np.int32) - intercept) // slope).astype(decoded.stored_dtype)


def modality_values(
    stored: npt.NDArray[Any],
    source: FrameHeader,
    dtype: Any,
    *,
    lut_applied: bool = False,
    out: npt.NDArray[Any] | None = None,
) -> npt.NDArray[Any]:
    """Modality values of one slice for a volume of ``dtype`` (int16 or float32).

    (0028,1053) Rescale Slope and (0028,1052) Rescale Intercept come from the
    frame's header (per-frame for enhanced instances), as in
    :func:`viewer.slice_fill.fill_slice`; integral ones are applied in integers
    (no float64 copy), written into ``out`` (the volume's slice) when given.
    Raises :class:`viewer.slice_fill.ValuesOutOfRange` when int16 voxels
    cannot hold the result (``out`` is then untouched).
    """
    if stored.shape != (source.rows, source.columns):
        raise ValueError(
            f"{source.source}: pixel data has shape {stored.shape}, "
            f"expected {(source.rows, source.columns)}"
        )
    slope, intercept = source.rescale if source.rescale is not None else (1.0, 0.0)
    if np.dtype(dtype) == np.float32 or lut_applied:
        values = stored.astype(np.float32)
        if not lut_applied and (slope != 1.0 or intercept != 0.0):
            values = values * np.float32(slope) + np.float32(intercept)
        if np.dtype(dtype) == np.int16:
            return _as_int16(values.astype(np.float64), source)
        return values
    integral = float(slope).is_integer() and float(intercept).is_integer()
    if integral and stored.dtype.kind in "iu":
        return _int16_rescaled(stored, slope, intercept, out, source.source)
    return _as_int16(stored.astype(np.float64) * slope + intercept, source)


def _as_int16(values: npt.NDArray[Any], source: FrameHeader) -> npt.NDArray[np.int16]:
    low, high = values.min(), values.max()
    if low < _INT16.min or high > _INT16.max:
        raise ValuesOutOfRange(f"{source.source}: values {low:g}..{high:g} do not fit int16 voxels")
    if values.dtype.kind == "f" and not np.array_equal(values, np.rint(values)):
        raise ValuesOutOfRange(f"{source.source}: non-integral values in int16 voxels")
    return values.astype(np.int16)


@dataclass
class PlanOutcome:
    """A series' plan from headers, or why it holds no volume (picklable)."""

    plan: SeriesPlan | None
    reason: str = ""
    not_volumes: list[NotVolumePart] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# What volume assembly, classification and the patient banner read from a
# header (viewer.frames, viewer.classify, viewer.assembly.banner_of), besides
# private elements and sequences (functional groups), which are all kept.
# tests/app/test_retrieve_plan.py checks that plans from headers filtered to
# these equal plans from whole headers, for every synthetic case.
HEADER_KEYWORDS = [
    "SpecificCharacterSet",
    "ImageType",
    "SOPClassUID",
    "SOPInstanceUID",
    "StudyDate",
    "SeriesDate",
    "AcquisitionDate",
    "ContentDate",
    "AcquisitionDateTime",
    "AcquisitionTime",
    "ContentTime",
    "Modality",
    "StudyDescription",
    "SeriesDescription",
    "PatientName",
    "PatientID",
    "IssuerOfPatientID",
    "PatientBirthDate",
    "PatientSex",
    "ContrastBolusAgent",
    "ContrastBolusAgentAdministered",
    "SliceThickness",
    "RepetitionTime",
    "EchoTime",
    "InversionTime",
    "EchoNumbers",
    "ProtocolName",
    "SequenceName",
    "PulseSequenceName",
    "GantryDetectorTilt",
    "TriggerTime",
    "DiffusionBValue",
    "DiffusionGradientOrientation",
    "EffectiveEchoTime",
    "TimeOfFlightContrast",
    "StudyInstanceUID",
    "SeriesInstanceUID",
    "AcquisitionNumber",
    "InstanceNumber",
    "ImagePositionPatient",
    "ImageOrientationPatient",
    "FrameOfReferenceUID",
    "TemporalPositionIdentifier",
    "StackID",
    "TemporalPositionIndex",
    "FrameAcquisitionDateTime",
    "FrameType",
    "SamplesPerPixel",
    "PhotometricInterpretation",
    "NumberOfFrames",
    "Rows",
    "Columns",
    "PixelSpacing",
    "BitsAllocated",
    "BitsStored",
    "HighBit",
    "PixelRepresentation",
    "WindowCenter",
    "WindowWidth",
    "RescaleIntercept",
    "RescaleSlope",
    "RescaleType",
]


def _header_tags() -> frozenset[str]:
    from pydicom.datadict import tag_for_keyword

    return frozenset(f"{tag_for_keyword(k):08X}" for k in HEADER_KEYWORDS)


_HEADER_TAGS = _header_tags()


def _wanted(tag: str, element: dict[str, Any]) -> bool:
    if "BulkDataURI" in element:  # pixel data: pydicom would look for a handler per element
        return False
    return tag in _HEADER_TAGS or element.get("vr") == "SQ" or int(tag[3], 16) % 2 == 1


def headers_from_metadata(metadata: list[dict[str, Any]]) -> list[Dataset]:
    """DICOM JSON (PS3.18 F.2) → header datasets holding what assembly reads.

    Only :data:`HEADER_KEYWORDS`, sequences and private elements are
    converted (pydicom's conversion costs about 20 µs an element, and a
    series may have thousands of instances); bulk data is left out. An
    element repeated unchanged across instances (most of a CT's headers:
    (0028,0030) Pixel Spacing, (0020,0037) Image Orientation (Patient)…) is
    converted once and shared by the datasets, which are only read.
    """
    import warnings

    converted: dict[tuple[str, str], DataElement] = {}
    headers = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nested bulk data without a handler
        for item in metadata:
            dataset = Dataset()
            for tag, element in item.items():
                if not _wanted(tag, element):
                    continue
                if element.get("vr") == "SQ":  # nested datasets: never shared
                    dataset.add(Dataset.from_json({tag: element})[int(tag, 16)])
                    continue
                key = (tag, repr(element))
                known = converted.get(key)
                if known is None:
                    known = converted[key] = Dataset.from_json({tag: element})[int(tag, 16)]
                dataset.add(known)
            headers.append(dataset)
    return headers


def plan_from_metadata(metadata: list[dict[str, Any]]) -> PlanOutcome:
    """:func:`viewer.assembly.plan_series` on WADO-RS metadata (no pixels needed)."""
    headers = headers_from_metadata(metadata)
    try:
        return PlanOutcome(plan_series(headers))
    except NotAVolume as exc:
        return PlanOutcome(None, exc.reason, exc.parts, exc.warnings)


# -- the pool ------------------------------------------------------------------------


class _InlineExecutor(Executor):
    """Runs each call at once, in the caller's thread (``workers=0``)."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def _warm_metadata() -> list[dict[str, Any]]:
    """Two tiny CT headers in DICOM JSON: enough to run every step of a plan."""
    items = []
    for k in range(2):
        items.append(
            {
                "00080016": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.2"]},
                "00080018": {"vr": "UI", "Value": [f"2.25.{k + 1}"]},
                "00080060": {"vr": "CS", "Value": ["CT"]},
                "0020000D": {"vr": "UI", "Value": ["2.25.10"]},
                "0020000E": {"vr": "UI", "Value": ["2.25.11"]},
                "00200013": {"vr": "IS", "Value": [k + 1]},
                "00200032": {"vr": "DS", "Value": [0.0, 0.0, float(k)]},
                "00200037": {"vr": "DS", "Value": [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]},
                "00200052": {"vr": "UI", "Value": ["2.25.12"]},
                "00280002": {"vr": "US", "Value": [1]},
                "00280004": {"vr": "CS", "Value": ["MONOCHROME2"]},
                "00280010": {"vr": "US", "Value": [2]},
                "00280011": {"vr": "US", "Value": [2]},
                "00280030": {"vr": "DS", "Value": [1.0, 1.0]},
                "00280100": {"vr": "US", "Value": [16]},
                "00280101": {"vr": "US", "Value": [12]},
                "00280103": {"vr": "US", "Value": [0]},
                "00281052": {"vr": "DS", "Value": [-1024.0]},
                "00281053": {"vr": "DS", "Value": [1.0]},
            }
        )
    return items


def _warm() -> int:
    """Import the decoders and run a tiny plan once: the first real one is not slower."""
    import pydicom.pixels  # noqa: F401  (import the handlers once per worker)

    plan_from_metadata(_warm_metadata())
    return os.getpid()


def default_workers() -> int:
    """One decoding process per CPU core."""
    return max(1, os.cpu_count() or 1)


class Decoder:
    """Where decoding and planning run: worker processes, or inline (``workers=0``).

    One :class:`Decoder` serves every retrieval of the application (start it
    once: starting worker processes costs a fraction of a second). Workers are
    started with ``forkserver`` on Linux (``spawn`` elsewhere), never by
    forking a process that runs threads. Use as a context manager or
    :meth:`close` it.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else workers
        self._executor: Executor
        if self.workers <= 0:
            self._executor = _InlineExecutor()
        else:
            method = "forkserver" if sys.platform.startswith("linux") else "spawn"
            context = multiprocessing.get_context(method)
            if method == "forkserver":
                context.set_forkserver_preload(["app.retrieve.decode"])
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context)

    @property
    def parallel(self) -> bool:
        return self.workers > 0

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        return self._executor.submit(fn, *args, **kwargs)

    def warm(self) -> None:
        """Start every worker now (and import the decoders there)."""
        futures = [self._executor.submit(_warm) for _ in range(max(1, self.workers) * 2)]
        for future in futures:
            future.result()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Decoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
