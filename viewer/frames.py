"""One header per 2-D image: the input of volume assembly and classification.

A DICOM series holds its images either as single-frame instances (classic CT
and MR Image Storage) or as frames of enhanced multi-frame instances (Enhanced
CT/MR Image Storage, PS3.3 C.7.6.16 Multi-frame Functional Groups). Assembly
works on :class:`FrameHeader` objects, one per 2-D image, read from headers
only (no pixel data needed), so the same code serves files, WADO-RS metadata
and progressive retrieval.

For enhanced instances every attribute is looked up first in the frame's item
of (5200,9230) Per-frame Functional Groups Sequence, then in (5200,9229) Shared
Functional Groups Sequence, then at the top level.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydicom.datadict import dictionary_VR, tag_for_keyword
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.valuerep import DA, DT, TM

from viewer.volume import PatientBanner

_EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True)
class FrameHeader:
    """What assembly needs to know about one 2-D image, from its header.

    ``dataset_index`` is the index of the instance in the header sequence given
    to :func:`viewer.assembly.plan_series`; ``frame`` is the 0-based frame of an
    enhanced multi-frame instance, ``None`` for a single-frame instance.
    """

    dataset_index: int
    frame: int | None
    sop_instance_uid: str
    sop_class_uid: str
    source: str  # file basename or "instance N", for messages (no patient data)
    instance_number: int | None
    rows: int
    columns: int
    samples_per_pixel: int
    photometric: str
    number_of_frames: int
    # (0020,0032) Image Position (Patient), mm LPS
    position: tuple[float, float, float] | None
    # (0020,0037) Image Orientation (Patient): row cosines then column cosines
    orientation: tuple[float, float, float, float, float, float] | None
    # (0028,0030) Pixel Spacing: (row spacing, column spacing) in mm
    pixel_spacing: tuple[float, float] | None
    slice_thickness: float | None
    # (0028,1053) Rescale Slope, (0028,1052) Rescale Intercept, None when absent
    rescale: tuple[float, float] | None
    has_modality_lut: bool
    bits_stored: int
    pixel_representation: int
    # (0028,1051) Window Width, (0028,1050) Window Center
    window: tuple[float, float] | None
    image_type: tuple[str, ...]
    b_value: float | None
    gradient: tuple[float, float, float] | None
    echo: float | None
    temporal_position: int | None
    acquisition_s: float | None  # POSIX-like seconds of the acquisition, for ordering
    trigger_s: float | None  # (0018,1060) Trigger Time in seconds
    acquisition_number: int | None
    stack_id: str | None
    gantry_tilt_deg: float | None  # (0018,1120) Gantry/Detector Tilt

    @property
    def is_image(self) -> bool:
        """True when the instance carries pixel data rows and columns."""
        return self.rows > 0 and self.columns > 0


def frames_of(ds: Dataset, dataset_index: int) -> list[FrameHeader]:
    """All :class:`FrameHeader` objects of one instance (one per frame)."""
    per_frame = _get(ds, "PerFrameFunctionalGroupsSequence")
    if per_frame:
        shared_seq = _get(ds, "SharedFunctionalGroupsSequence")
        shared = shared_seq[0] if shared_seq else None
        return [
            _frame_header(ds, dataset_index, n, item, shared) for n, item in enumerate(per_frame)
        ]
    return [_frame_header(ds, dataset_index, None, None, None)]


def _get(container: Dataset | None, keyword: str) -> Any:
    """``container.get(keyword)`` (None for no container), quicker for absent attributes.

    Headers are read for every image of a series; pydicom's ``get`` raises
    and catches an exception for each absent attribute, a set lookup is enough.
    """
    if container is None:
        return None
    tag = tag_for_keyword(keyword)
    # keys() holds the tags; ``in container`` would build a Tag, iterating it converts elements
    if tag is None or tag not in container.keys():  # noqa: SIM118
        return None
    return container[tag].value


def source_name(ds: Dataset) -> str:
    """The name used for an instance in messages: the file's basename, else its number.

    Never the full path, which may contain patient names.
    """
    filename = getattr(ds, "filename", None)
    if isinstance(filename, str | os.PathLike) and str(filename):
        return os.path.basename(os.fspath(filename))
    number = ds.get("InstanceNumber")
    return f"instance {number}" if number not in (None, "") else "instance ?"


def _number(container: Dataset | None, keyword: str) -> Any:
    """A DS or IS attribute as ``_get`` gives it, for :func:`_float` / :func:`_floats` /
    :func:`_int`: numbers are all they need, so an attribute pydicom has not converted
    yet is read from its bytes; anything unusual (empty, not a number) goes to pydicom.
    """
    if container is None:
        return None
    tag = tag_for_keyword(keyword)
    if tag is None or tag not in container.keys():  # noqa: SIM118 (tags, see _get)
        return None
    element = container.get_item(tag)
    if isinstance(element, RawDataElement) and isinstance(element.value, bytes):
        parse = {"DS": float, "IS": int}.get(element.VR or dictionary_VR(tag))
        if parse is not None:
            try:
                numbers = [parse(part) for part in element.value.split(b"\\")]
            except ValueError:
                return container[tag].value  # pydicom decides (and warns)
            return numbers[0] if len(numbers) == 1 else numbers
    return container[tag].value


def _frame_header(
    ds: Dataset, index: int, frame: int | None, item: Dataset | None, shared: Dataset | None
) -> FrameHeader:
    def group(keyword: str) -> Dataset | None:
        for container in (item, shared):
            seq = _get(container, keyword)
            if seq:
                first: Dataset = seq[0]
                return first
        return None

    plane_position = group("PlanePositionSequence") or ds
    plane_orientation = group("PlaneOrientationSequence") or ds
    measures = group("PixelMeasuresSequence") or ds
    transform = group("PixelValueTransformationSequence") or ds
    voi = group("FrameVOILUTSequence") or ds
    content = group("FrameContentSequence")
    frame_type = group("MRImageFrameTypeSequence") or group("CTImageFrameTypeSequence")

    if frame_type is not None and _get(frame_type, "FrameType"):
        image_type = _strings(frame_type.FrameType)
    else:
        image_type = _strings(_get(ds, "ImageType"))

    position = _floats(_number(plane_position, "ImagePositionPatient"), 3)
    orientation = _floats(_number(plane_orientation, "ImageOrientationPatient"), 6)
    spacing = _floats(_number(measures, "PixelSpacing"), 2)
    slope = _float(_number(transform, "RescaleSlope"))
    intercept = _float(_number(transform, "RescaleIntercept"))
    rescale = (slope, intercept) if slope is not None and intercept is not None else None
    width = _float(_number(voi, "WindowWidth"))
    centre = _float(_number(voi, "WindowCenter"))

    b_value, gradient = _diffusion(ds, group("MRDiffusionSequence"))
    echo_group = group("MREchoSequence")
    if _get(echo_group, "EffectiveEchoTime") is not None:
        echo = _float(_get(echo_group, "EffectiveEchoTime"))
    else:
        echo = _float(_number(ds, "EchoNumbers"))

    temporal = _get(content, "TemporalPositionIndex")
    if temporal is None:
        temporal = _get(ds, "TemporalPositionIdentifier")
    acquired = _datetime_s(_get(content, "FrameAcquisitionDateTime")) or _acquisition_s(ds)
    trigger = _float(_number(ds, "TriggerTime"))
    stack = _get(content, "StackID")
    ct_details = group("CTAcquisitionDetailsSequence") or ds
    rows = _int(_get(ds, "Rows")) or 0
    columns = _int(_get(ds, "Columns")) or 0
    return FrameHeader(
        dataset_index=index,
        frame=frame,
        sop_instance_uid=_text(_get(ds, "SOPInstanceUID")),
        sop_class_uid=_text(_get(ds, "SOPClassUID")),
        source=source_name(ds) + (f" frame {frame + 1}" if frame is not None else ""),
        instance_number=_int(_number(ds, "InstanceNumber")),
        rows=rows,
        columns=columns,
        samples_per_pixel=_int(_get(ds, "SamplesPerPixel")) or 1,
        photometric=_text(_get(ds, "PhotometricInterpretation")).upper(),
        number_of_frames=_int(_number(ds, "NumberOfFrames")) or 1,
        position=position,  # type: ignore[arg-type]
        orientation=orientation,  # type: ignore[arg-type]
        pixel_spacing=spacing,  # type: ignore[arg-type]
        slice_thickness=_float(_number(measures, "SliceThickness")),
        rescale=rescale,
        has_modality_lut=bool(_get(ds, "ModalityLUTSequence")),
        bits_stored=_int(_get(ds, "BitsStored")) or 16,
        pixel_representation=_int(_get(ds, "PixelRepresentation")) or 0,
        window=(width, centre) if width is not None and centre is not None else None,
        image_type=image_type,
        b_value=b_value,
        gradient=gradient,
        echo=echo,
        temporal_position=_int(temporal),
        acquisition_s=acquired,
        trigger_s=None if trigger is None else trigger / 1000.0,
        acquisition_number=_int(_number(ds, "AcquisitionNumber")),
        stack_id=None if stack in (None, "") else str(stack),
        gantry_tilt_deg=_float(_number(ct_details, "GantryDetectorTilt")),
    )


def _text(value: Any) -> str:
    """``str(ds.get(keyword, ""))`` of a value read with :func:`_get`."""
    return "" if value is None else str(value)


def _diffusion(
    ds: Dataset, diffusion: Dataset | None
) -> tuple[float | None, tuple[float, float, float] | None]:
    """(0018,9087) Diffusion b-value and (0018,9089) gradient orientation.

    Falls back to the private b-value of Siemens (0019,xx0C) and GE
    (0043,xx39) when the private creator identifies the vendor.
    """
    source = diffusion if diffusion is not None else ds
    b_value = _float(_get(source, "DiffusionBValue"))
    gradient = None
    direction = _get(source, "DiffusionGradientDirectionSequence")
    holder = direction[0] if direction else source
    orientation = _floats(_get(holder, "DiffusionGradientOrientation"), 3)
    if orientation is not None:
        gradient = (round(orientation[0], 3), round(orientation[1], 3), round(orientation[2], 3))
    if b_value is None:
        b_value = _private_b_value(ds)
    return b_value, gradient


def _private_b_value(ds: Dataset) -> float | None:
    groups = {tag >> 16 for tag in ds.keys()}  # noqa: SIM118 (tags, not elements)
    if 0x0019 not in groups and 0x0043 not in groups:
        return None
    try:
        siemens = ds.private_block(0x0019, "SIEMENS MR HEADER")
        if 0x0C in siemens:
            return _float(siemens[0x0C].value)
    except (KeyError, ValueError):
        pass
    try:
        ge = ds.private_block(0x0043, "GEMS_PARM_01")
        if 0x39 in ge:
            value = ge[0x39].value
            first = _float(value[0] if isinstance(value, Sequence | list) else value)
            # GE adds 10^9 to the b-value in some software versions.
            return None if first is None else math.fmod(first, 1e9)
    except (KeyError, ValueError, TypeError, IndexError):
        pass
    return None


def _acquisition_s(ds: Dataset) -> float | None:
    """Seconds of (0008,002A) Acquisition DateTime, else (0008,0022)+(0008,0032)."""
    value = _datetime_s(_get(ds, "AcquisitionDateTime"))
    if value is not None:
        return value
    time = _get(ds, "AcquisitionTime") or _get(ds, "ContentTime")
    if not time:
        return None
    date = _get(ds, "AcquisitionDate") or _get(ds, "ContentDate") or _get(ds, "SeriesDate")
    return _date_time_s(str(time), str(date) if date else "")


@functools.lru_cache(maxsize=4096)
def _date_time_s(time: str, date: str) -> float | None:
    """Seconds of a TM (and DA) value; cached, as the images of a series share most."""
    try:
        tm = TM(time)
        day = DA(date) if date else None
    except (ValueError, TypeError):
        return None
    seconds = tm.hour * 3600 + tm.minute * 60 + tm.second + tm.microsecond / 1e6
    if day is not None:
        seconds += (datetime(day.year, day.month, day.day) - _EPOCH).total_seconds()
    return seconds


def _datetime_s(value: Any) -> float | None:
    if not value:
        return None
    try:
        dt = DT(str(value))
    except (ValueError, TypeError):
        return None
    naive = datetime(*dt.timetuple()[:6], dt.microsecond)
    return (naive - _EPOCH).total_seconds()


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip().upper(),) if value.strip() else ()
    return tuple(str(v).strip().upper() for v in value)


def _float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) == 0:
            return None
        value = value[0]
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _int(value: Any) -> int | None:
    number = _float(value)
    return None if number is None else int(number)


def _floats(value: Any, count: int) -> tuple[float, ...] | None:
    if value is None or isinstance(value, str):
        return None
    try:
        numbers = tuple(float(v) for v in value)
    except (TypeError, ValueError):
        return None
    if len(numbers) != count or not all(math.isfinite(n) for n in numbers):
        return None
    return numbers


def banner_of(ds: Dataset) -> PatientBanner:
    """Patient identity and study of a dataset (safety invariant 3)."""

    def text(keyword: str) -> str:
        return str(ds.get(keyword, "") or "")

    return PatientBanner(
        name=text("PatientName"),
        patient_id=text("PatientID"),
        issuer=text("IssuerOfPatientID"),
        birth_date=text("PatientBirthDate"),
        sex=text("PatientSex"),
        study_description=text("StudyDescription"),
        series_description=text("SeriesDescription"),
        study_date=text("StudyDate"),
    )
