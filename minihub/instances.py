"""Reading an uploaded DICOM instance into what the hub indexes and serves.

A STOW-RS part (PS3.18 10.5) is written to a temporary file first; then
:func:`read_instance` parses it *without* loading its bulk data, and returns
a :class:`ParsedInstance`: the UIDs, the QIDO matching keys, the study and
series attributes as DICOM JSON (PS3.18 F.2), and the instance metadata with
bulk data replaced by placeholders that become BulkDataURIs when served
(:func:`with_bulkdata_uris`).

Also here: the transfer syntaxes the hub knows and their frame media types
(PS3.18 Table 8.7.3-5), and :func:`decoder_available`.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydicom
from pydicom.datadict import dictionary_VR
from pydicom.dataset import Dataset
from pydicom.tag import Tag

from protocol.integrity import DamagedInstance, read_checked
from protocol.uids import is_uid

EXPLICIT_VR_LE = "1.2.840.10008.1.2.1"
IMPLICIT_VR_LE = "1.2.840.10008.1.2"
DEFLATED_LE = "1.2.840.10008.1.2.1.99"
EXPLICIT_VR_BE = "1.2.840.10008.1.2.2"
UNCOMPRESSED = frozenset({EXPLICIT_VR_LE, IMPLICIT_VR_LE, DEFLATED_LE, EXPLICIT_VR_BE})
#: Transfer syntaxes whose Pixel Data bytes are native little-endian in the file.
NATIVE_LE = frozenset({EXPLICIT_VR_LE, IMPLICIT_VR_LE})

#: Media type of one compressed frame, by transfer syntax (PS3.18 Table 8.7.3-5).
FRAME_MEDIA_TYPES = {
    "1.2.840.10008.1.2.4.50": "image/jpeg",
    "1.2.840.10008.1.2.4.51": "image/jpeg",
    "1.2.840.10008.1.2.4.57": "image/jpeg",
    "1.2.840.10008.1.2.4.70": "image/jpeg",
    "1.2.840.10008.1.2.4.80": "image/jls",
    "1.2.840.10008.1.2.4.81": "image/jls",
    "1.2.840.10008.1.2.4.90": "image/jp2",
    "1.2.840.10008.1.2.4.91": "image/jp2",
    "1.2.840.10008.1.2.4.92": "image/jpx",
    "1.2.840.10008.1.2.4.93": "image/jpx",
    "1.2.840.10008.1.2.4.201": "image/jphc",
    "1.2.840.10008.1.2.4.202": "image/jphc",
    "1.2.840.10008.1.2.4.203": "image/jphc",
    "1.2.840.10008.1.2.5": "image/dicom-rle",
}

PIXEL_DATA = 0x7FE00010
BULK_VRS = frozenset({"OB", "OW", "OF", "OD", "OL", "OV", "UN"})
BULK_THRESHOLD = 1024
#: Stored metadata carries ``"BulkDataURI":"minihub-bulk:<tag>"``; see with_bulkdata_uris.
BULK_PLACEHOLDER = "minihub-bulk:"
log = logging.getLogger("minihub")

#: Patient and study attributes kept at the study level (PS3.18 Table 10.6.3-3, PS3.3 C.7.1/C.7.2).
STUDY_KEYWORDS = (
    "SpecificCharacterSet", "TimezoneOffsetFromUTC",
    "PatientName", "PatientID", "IssuerOfPatientID", "IssuerOfPatientIDQualifiersSequence",
    "OtherPatientIDsSequence", "PatientBirthDate", "PatientBirthTime", "PatientSex",
    "PatientAge", "PatientSize", "PatientWeight", "PatientComments",
    "StudyInstanceUID", "StudyDate", "StudyTime", "AccessionNumber",
    "IssuerOfAccessionNumberSequence", "ReferringPhysicianName", "StudyID",
    "StudyDescription", "ProcedureCodeSequence", "NameOfPhysiciansReadingStudy",
    "AdmittingDiagnosesDescription",
)  # fmt: skip
#: Series attributes kept at the series level (PS3.18 Table 10.6.3-4, PS3.3 C.7.3).
SERIES_KEYWORDS = (
    "SpecificCharacterSet", "TimezoneOffsetFromUTC",
    "Modality", "SeriesInstanceUID", "SeriesNumber", "SeriesDescription", "SeriesDate",
    "SeriesTime", "BodyPartExamined", "ProtocolName", "Laterality", "PatientPosition",
    "PerformedProcedureStepStartDate", "PerformedProcedureStepStartTime",
    "RequestAttributesSequence", "OperatorsName", "PerformingPhysicianName",
    "Manufacturer", "ManufacturerModelName", "InstitutionName", "StationName",
    "FrameOfReferenceUID",
)  # fmt: skip


class NotAnInstance(ValueError):
    """The file is not a usable DICOM Part 10 instance; ``str()`` says why.

    ``sop_class_uid`` and ``sop_uid`` are given when they could be read (a
    damaged instance), else empty.
    """

    def __init__(self, reason: str, sop_class_uid: str = "", sop_uid: str = "") -> None:
        super().__init__(reason)
        self.sop_class_uid = sop_class_uid
        self.sop_uid = sop_uid


@dataclass(frozen=True)
class ParsedInstance:
    """What the index needs to know about one stored instance."""

    study_uid: str
    series_uid: str
    sop_uid: str
    sop_class_uid: str
    transfer_syntax: str
    content_hash: str
    study_keys: dict[str, str]
    series_keys: dict[str, Any]
    instance_keys: dict[str, Any]
    study_attrs: str
    series_attrs: str
    metadata: str
    pixel_offset: int | None
    pixel_length: int | None


def decoder_available(transfer_syntax: str) -> bool:
    """Whether pydicom (with its plugins) can decode Pixel Data in that syntax."""
    if transfer_syntax in UNCOMPRESSED:
        return True
    try:
        from pydicom.pixels import get_decoder

        return bool(get_decoder(transfer_syntax).is_available)
    except (NotImplementedError, ValueError):
        return False


def pixels_decode(path: Path, transfer_syntax: str) -> bool:
    """Whether compressed Pixel Data decodes, every frame (one frame in memory at a time).

    Checked at STOW-RS so that WADO-RS can always transcode what it stored. True
    for native Pixel Data and for syntaxes without an available decoder (those
    are stored and served as stored only).
    """
    if transfer_syntax in UNCOMPRESSED or not decoder_available(transfer_syntax):
        return True
    from pydicom.pixels import iter_pixels

    try:
        for _ in iter_pixels(path):
            pass
    except Exception as exc:  # any decoder failure on untrusted data
        log.info("STOW-RS: pixel data cannot be decoded (%s)", type(exc).__name__)
        return False
    return True


def read_instance(path: Path) -> ParsedInstance:
    """Parse the Part 10 file at ``path`` and check it is whole (bulk data is not loaded).

    A file cut short or with malformed Pixel Data (:func:`protocol.integrity.read_checked`),
    or whose compressed Pixel Data does not decode (:func:`pixels_decode`), is
    :class:`NotAnInstance`, with the reason.
    """
    try:
        ds = read_checked(path)
    except DamagedInstance as exc:
        raise NotAnInstance(str(exc), *_uids_of_damaged(path)) from None
    except Exception as exc:  # any parse error of untrusted input
        raise NotAnInstance(f"not a DICOM Part 10 file ({type(exc).__name__})") from None
    meta = ds.file_meta
    transfer_syntax = str(meta.get("TransferSyntaxUID", ""))
    if not is_uid(transfer_syntax):
        raise NotAnInstance("no valid (0002,0010) Transfer Syntax UID")
    uids = {}
    for keyword in ("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "SOPClassUID"):
        value = str(ds.get(keyword, "") or "").strip()
        if not is_uid(value):
            raise NotAnInstance(f"missing or invalid {keyword}")
        uids[keyword] = value
    meta_uid = str(meta.get("MediaStorageSOPInstanceUID", "") or "")
    if meta_uid and meta_uid != uids["SOPInstanceUID"]:
        raise NotAnInstance("(0002,0003) differs from (0008,0018) SOP Instance UID")
    if PIXEL_DATA in ds and not pixels_decode(path, transfer_syntax):
        raise NotAnInstance(
            "pixel data cannot be decoded", uids["SOPClassUID"], uids["SOPInstanceUID"]
        )

    small = Dataset()
    bulk_tags: list[tuple[int, str]] = []
    pixel_offset = pixel_length = None
    try:
        for tag in list(ds.keys()):
            raw = ds.get_item(tag)
            vr = _raw_vr(raw, tag)
            length = getattr(raw, "length", None)
            if tag == PIXEL_DATA or (
                vr in BULK_VRS and (length is None or length > BULK_THRESHOLD)
            ):
                bulk_tags.append((int(tag), vr))
                if tag == PIXEL_DATA and transfer_syntax in NATIVE_LE:
                    pixel_offset, pixel_length = _native_pixel_position(raw)
                continue
            small.add(ds[tag])
        metadata_dict = small.to_json_dict(BULK_THRESHOLD, suppress_invalid_tags=True)
    except Exception as exc:  # invalid values in untrusted input
        raise NotAnInstance(f"unreadable data elements ({type(exc).__name__})") from None
    for bulk_tag, vr in bulk_tags:
        key = f"{bulk_tag:08X}"
        metadata_dict[key] = {"vr": vr, "BulkDataURI": f"{BULK_PLACEHOLDER}{key}"}
    metadata_dict = dict(sorted(metadata_dict.items()))
    return ParsedInstance(
        study_uid=uids["StudyInstanceUID"],
        series_uid=uids["SeriesInstanceUID"],
        sop_uid=uids["SOPInstanceUID"],
        sop_class_uid=uids["SOPClassUID"],
        transfer_syntax=transfer_syntax,
        content_hash=_content_hash(path),
        study_keys=_study_keys(small),
        series_keys=_series_keys(small),
        instance_keys=_instance_keys(small),
        study_attrs=_dumps(_pick(metadata_dict, STUDY_KEYWORDS)),
        series_attrs=_dumps(_pick(metadata_dict, SERIES_KEYWORDS)),
        metadata=_dumps(metadata_dict),
        pixel_offset=pixel_offset,
        pixel_length=pixel_length,
    )


def _uids_of_damaged(path: Path) -> tuple[str, str]:
    """SOP Class and Instance UIDs of a damaged file, when its header reads ("" if not)."""
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        found = (str(ds.get("SOPClassUID", "") or ""), str(ds.get("SOPInstanceUID", "") or ""))
    except Exception:  # untrusted, damaged input: the UIDs are a courtesy
        return "", ""
    return found if is_uid(found[0]) and is_uid(found[1]) else ("", "")


def with_bulkdata_uris(metadata: str, instance_url: str) -> str:
    """Turn stored placeholders into ``{instance_url}/bulkdata/{tag}`` BulkDataURIs."""
    return metadata.replace(
        f'"BulkDataURI":"{BULK_PLACEHOLDER}', f'"BulkDataURI":"{instance_url}/bulkdata/'
    )


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _pick(metadata: dict[str, Any], keywords: tuple[str, ...]) -> dict[str, Any]:
    tags = (f"{Tag(keyword):08X}" for keyword in keywords)
    return {tag: metadata[tag] for tag in sorted(tags) if tag in metadata}


def _raw_vr(raw: Any, tag: int) -> str:
    vr = getattr(raw, "VR", None)
    if vr:
        return str(vr)
    try:
        return str(dictionary_VR(tag))
    except KeyError:
        return "UN"


def _native_pixel_position(raw: Any) -> tuple[int | None, int | None]:
    tell = getattr(raw, "value_tell", None)
    length = getattr(raw, "length", None)
    if tell is None or length is None or length == 0xFFFFFFFF:
        return None, None
    return int(tell), int(length)


def _content_hash(path: Path) -> str:
    """SHA-256 of the data set after the File Meta Information (PS3.10 7.1).

    Two uploads of the same data set with different meta headers (another
    sending application) therefore count as identical.
    """
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        head = stream.read(144)
        start = 0
        if len(head) >= 144 and head[128:132] == b"DICM" and head[132:136] == b"\x02\x00\x00\x00":
            group_length = int.from_bytes(head[140:144], "little")
            start = 144 + group_length
        stream.seek(start)
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


#: Attributes of how pixels are encoded, not of what they are: a lossless
#: recompression may change them (PS3.5 8.2; the File Meta is not compared).
PIXEL_ENCODING_TAGS = frozenset(
    {
        Tag("PixelData"),
        Tag("FloatPixelData"),
        Tag("DoubleFloatPixelData"),
        Tag("PlanarConfiguration"),
        Tag("ExtendedOffsetTable"),
        Tag("ExtendedOffsetTableLengths"),
        Tag("DataSetTrailingPadding"),
    }
)


def same_content(stored: Path, received: Path) -> bool:
    """Whether two files hold the same instance, however its pixels are encoded.

    True when the data sets, less the File Meta and :data:`PIXEL_ENCODING_TAGS`,
    have equal values and the pixels decode to equal arrays (a lossless
    JPEG-LS upload of an instance stored uncompressed, or the reverse).
    Anything unreadable or undecodable counts as different. Neither file is
    changed.
    """
    try:
        a = pydicom.dcmread(stored)
        b = pydicom.dcmread(received)
        if not _same_elements(a, b):
            return False
        if ("PixelData" in a) != ("PixelData" in b):
            return False
        if "PixelData" not in a:
            return True
        pa, pb = a.pixel_array, b.pixel_array
    except Exception:  # untrusted input, missing decoders: not provably the same
        return False
    return bool(pa.dtype == pb.dtype and pa.shape == pb.shape and (pa == pb).all())


def _same_elements(a: Dataset, b: Dataset) -> bool:
    tags_a = {e.tag for e in a if e.tag not in PIXEL_ENCODING_TAGS}
    tags_b = {e.tag for e in b if e.tag not in PIXEL_ENCODING_TAGS}
    if tags_a != tags_b:
        return False
    for tag in tags_a:
        ea, eb = a[tag], b[tag]
        if ea.VR == "SQ" or eb.VR == "SQ":
            va, vb = ea.value or [], eb.value or []
            if len(va) != len(vb):
                return False
            if not all(_same_elements(x, y) for x, y in zip(va, vb, strict=True)):
                return False
        elif ea.value != eb.value:
            return False
    return True


def _text(ds: Dataset, keyword: str) -> str:
    value = ds.get(keyword)
    if value is None:
        return ""
    if isinstance(value, pydicom.multival.MultiValue):
        return "\\".join(str(v) for v in value)
    return str(value).strip()


def _int(ds: Dataset, keyword: str) -> int | None:
    try:
        value = ds.get(keyword)
        return None if value in (None, "") else int(value)
    except (TypeError, ValueError):
        return None


def _study_keys(ds: Dataset) -> dict[str, str]:
    return {
        "patient_id": _text(ds, "PatientID"),
        "patient_name": _text(ds, "PatientName").upper(),
        "issuer": _text(ds, "IssuerOfPatientID"),
        "birth_date": _text(ds, "PatientBirthDate"),
        "sex": _text(ds, "PatientSex"),
        "study_date": _text(ds, "StudyDate"),
        "study_time": normalise_time(_text(ds, "StudyTime")),
        "accession": _text(ds, "AccessionNumber"),
        "referring": _text(ds, "ReferringPhysicianName").upper(),
        "study_id": _text(ds, "StudyID"),
        "description": _text(ds, "StudyDescription"),
    }


def _series_keys(ds: Dataset) -> dict[str, Any]:
    return {
        "modality": _text(ds, "Modality"),
        "series_number": _int(ds, "SeriesNumber"),
        "description": _text(ds, "SeriesDescription"),
    }


def _instance_keys(ds: Dataset) -> dict[str, Any]:
    return {
        "instance_number": _int(ds, "InstanceNumber"),
        "rows": _int(ds, "Rows"),
        "columns": _int(ds, "Columns"),
        "frames": _int(ds, "NumberOfFrames") or 1,
        "bits_allocated": _int(ds, "BitsAllocated"),
        "samples_per_pixel": _int(ds, "SamplesPerPixel") or 1,
    }


def normalise_time(value: str, *, upper: bool = False) -> str:
    """A TM value as ``HHMMSS.FFFFFF`` so that times compare as strings.

    ``upper`` pads the missing parts with their largest value (a range's end).
    """
    value = value.replace(":", "").strip()
    if not value:
        return ""
    whole, _, fraction = value.partition(".")
    pad = "235959"[len(whole) :] if upper else "000000"[len(whole) :]
    whole = (whole + pad)[:6]
    fraction = (fraction + ("9" if upper else "0") * 6)[:6]
    return f"{whole}.{fraction}"
