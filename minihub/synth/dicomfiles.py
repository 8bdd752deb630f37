"""CT Image and MR Image files: one template dataset per series, a file per slice.

The template carries every attribute shared by the series (Patient, General
Study, General Series, Frame of Reference, General Equipment, Image Plane,
Image Pixel, CT Image / MR Image, SOP Common modules); for each slice only the
per-instance attributes change — (0008,0018) SOP Instance UID, (0020,0013)
Instance Number, (0020,0032) Image Position (Patient), (0020,1041) Slice
Location, (7FE0,0010) Pixel Data and a few modality extras — and the same
dataset object is written again, which keeps writing fast.

UIDs are derived from the seed and names with
``pydicom.uid.generate_uid(entropy_srcs=...)``, so a seed gives the same UIDs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.filewriter import dcmwrite
from pydicom.uid import (
    UID,
    CTImageStorage,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGLSLossless,
    MRImageStorage,
    RLELossless,
    generate_uid,
)

from minihub.synth.render import Grid

UNCOMPRESSED = (ExplicitVRLittleEndian, ImplicitVRLittleEndian)
WRITABLE = (*UNCOMPRESSED, JPEGLSLossless, JPEG2000Lossless, RLELossless)
MANUFACTURER = "StrokeLink synthetic"
INSTITUTION = "StrokeLink Demo Hospital (synthetic)"


def make_uid(seed: int, *parts: str) -> UID:
    """A UID that depends only on the seed and the ``parts`` (deterministic)."""
    return generate_uid(entropy_srcs=["strokelink-synth", str(seed), *parts])


@dataclass(frozen=True)
class Patient:
    """Patient module values; ``identified`` is False for a temporary emergency identity."""

    name: str
    patient_id: str
    issuer: str
    birth_date: str
    sex: str
    identified: bool = True


@dataclass(frozen=True)
class Study:
    """General Study module values."""

    uid: str
    date: str
    time: str
    accession_number: str
    study_id: str
    description: str


@dataclass(frozen=True)
class Series:
    """General Series (and acquisition) values of one series."""

    uid: str
    number: int
    description: str
    kind: str  # ncct, cta, dwi, adc, flair, ct
    modality: str  # CT or MR
    frame_of_reference_uid: str
    time: str
    protocol: str
    image_type: tuple[str, ...]
    windows: tuple[tuple[float, float, str], ...]  # (centre, width, explanation)


@dataclass(frozen=True)
class PixelFormat:
    """(0028,xxxx) Image Pixel encoding of the stored values."""

    bits_stored: int
    signed: bool
    rescale_intercept: float | None = None  # None: no Modality LUT (MR)
    padding_value: int | None = None

    @property
    def dtype(self) -> type[np.integer[Any]]:
        return np.int16 if self.signed else np.uint16

    def store(self, values: npt.NDArray[np.float32]) -> npt.NDArray[np.integer[Any]]:
        """Round modality values to stored values (inverse of the rescale), clipped."""
        intercept = self.rescale_intercept or 0.0
        lo = -(1 << (self.bits_stored - 1)) if self.signed else 0
        hi = (1 << (self.bits_stored - 1)) - 1 if self.signed else (1 << self.bits_stored) - 1
        out = np.clip(np.rint(values - np.float32(intercept)), lo, hi)
        return out.astype(self.dtype)


def _age(birth_date: str, study_date: str) -> str:
    if len(birth_date) != 8:
        return ""
    years = int(study_date[:4]) - int(birth_date[:4])
    if study_date[4:] < birth_date[4:]:
        years -= 1
    return f"{years:03d}Y"


def series_template(
    patient: Patient,
    study: Study,
    series: Series,
    grid: Grid,
    *,
    pixels: PixelFormat,
    transfer_syntax: str,
    extra: Mapping[Any, Any],
) -> Dataset:
    """A dataset with every series-level attribute; per-slice ones are placeholders."""
    sop_class = CTImageStorage if series.modality == "CT" else MRImageStorage
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = UID(series.uid)
    meta.TransferSyntaxUID = UID(transfer_syntax)
    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = list(series.image_type)
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = series.uid
    ds.StudyDate = ds.SeriesDate = ds.AcquisitionDate = ds.ContentDate = study.date
    ds.StudyTime = study.time
    ds.SeriesTime = ds.AcquisitionTime = ds.ContentTime = series.time
    ds.AccessionNumber = study.accession_number
    ds.Modality = series.modality
    ds.Manufacturer = MANUFACTURER
    ds.InstitutionName = INSTITUTION
    ds.ReferringPhysicianName = ""
    ds.StationName = "SYNTH-" + series.modality
    ds.StudyDescription = study.description
    ds.SeriesDescription = series.description
    ds.ManufacturerModelName = "minihub.synth"
    ds.PatientName = patient.name
    ds.PatientID = patient.patient_id
    ds.IssuerOfPatientID = patient.issuer
    ds.PatientBirthDate = patient.birth_date
    ds.PatientSex = patient.sex
    age = _age(patient.birth_date, study.date)
    if age:
        ds.PatientAge = age
    ds.BodyPartExamined = "HEAD"
    ds.SliceThickness = f"{grid.slice_thickness_mm:g}"
    ds.SoftwareVersions = "1"
    ds.ProtocolName = series.protocol
    ds.PatientPosition = "HFS"
    for keyword, value in extra.items():
        if isinstance(keyword, int):  # a private element: (VR, value)
            ds.add_new(keyword, *value)
        else:
            setattr(ds, keyword, value)
    ds.StudyInstanceUID = study.uid
    ds.SeriesInstanceUID = series.uid
    ds.StudyID = study.study_id
    ds.SeriesNumber = series.number
    ds.AcquisitionNumber = 1
    ds.InstanceNumber = 1
    ds.ImagePositionPatient = [f"{v:.4f}" for v in grid.position(0)]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.FrameOfReferenceUID = series.frame_of_reference_uid
    ds.PositionReferenceIndicator = ""
    ds.SliceLocation = f"{grid.z_mm[0]:.4f}"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = grid.rows
    ds.Columns = grid.columns
    ds.PixelSpacing = [f"{grid.pixel_mm:g}", f"{grid.pixel_mm:g}"]
    ds.BitsAllocated = 16
    ds.BitsStored = pixels.bits_stored
    ds.HighBit = pixels.bits_stored - 1
    ds.PixelRepresentation = 1 if pixels.signed else 0
    if pixels.padding_value is not None:
        ds.add_new(0x00280120, "SS" if pixels.signed else "US", pixels.padding_value)
    ds.WindowCenter = [f"{c:g}" for c, _, _ in series.windows]
    ds.WindowWidth = [f"{w:g}" for _, w, _ in series.windows]
    ds.WindowCenterWidthExplanation = [e for _, _, e in series.windows]
    if pixels.rescale_intercept is not None:
        ds.RescaleIntercept = f"{pixels.rescale_intercept:g}"
        ds.RescaleSlope = "1"
        ds.RescaleType = "HU"
    ds.LossyImageCompression = "00"
    return ds


def _pixel_bytes(
    stored: npt.NDArray[np.integer[Any]], ds: Dataset, transfer_syntax: str
) -> tuple[bytes, bool]:
    """(Pixel Data value, encapsulated?) in ``transfer_syntax``."""
    if transfer_syntax in UNCOMPRESSED:
        return np.ascontiguousarray(stored, dtype=stored.dtype.newbyteorder("<")).tobytes(), False
    from pydicom.pixels import get_encoder

    encoder = get_encoder(transfer_syntax)
    frame = encoder.encode(
        stored,
        rows=ds.Rows,
        columns=ds.Columns,
        samples_per_pixel=1,
        bits_allocated=16,
        bits_stored=ds.BitsStored,
        pixel_representation=ds.PixelRepresentation,
        photometric_interpretation="MONOCHROME2",
        number_of_frames=1,
    )
    return encapsulate([frame]), True


def check_encoder(transfer_syntax: str) -> None:
    """Raise ValueError unless ``transfer_syntax`` is in :data:`WRITABLE` with an encoder here."""
    if transfer_syntax not in WRITABLE:
        names = ", ".join(f"{uid} ({uid.name})" for uid in WRITABLE)
        raise ValueError(f"cannot write transfer syntax {transfer_syntax}; writable: {names}")
    if transfer_syntax in UNCOMPRESSED:
        return
    from pydicom.pixels import get_encoder

    try:
        encoder = get_encoder(transfer_syntax)
    except NotImplementedError as exc:
        raise ValueError(f"pydicom has no encoder for transfer syntax {transfer_syntax}") from exc
    if not encoder.is_available:
        missing = "; ".join(encoder.missing_dependencies)
        raise ValueError(
            f"no encoder for {UID(transfer_syntax).name} is installed ({missing}); "
            "install pyjpegls (JPEG-LS) or pylibjpeg-openjpeg (JPEG 2000)"
        )


@dataclass(frozen=True)
class Instance:
    """One slice to write: its index in the grid, instance number, stored pixels, extras."""

    k: int
    number: int
    pixels: npt.NDArray[np.integer[Any]]
    extra: Mapping[Any, Any]


def write_instances(
    template: Dataset, grid: Grid, instances: Iterable[Instance], folder: Path, uid_of: Any
) -> int:
    """Write each instance as ``folder/IM<number>.dcm``; returns how many were written.

    ``uid_of(number)`` gives the (0008,0018) SOP Instance UID of an instance.
    """
    folder.mkdir(parents=True, exist_ok=True)
    transfer_syntax = str(template.file_meta.TransferSyntaxUID)
    written = 0
    for inst in instances:
        ds = template
        uid = uid_of(inst.number)
        ds.SOPInstanceUID = uid
        ds.file_meta.MediaStorageSOPInstanceUID = uid
        ds.InstanceNumber = inst.number
        x, y, z = grid.position(inst.k)
        ds.ImagePositionPatient = [f"{x:.4f}", f"{y:.4f}", f"{z:.4f}"]
        ds.SliceLocation = f"{z:.4f}"
        for keyword, value in inst.extra.items():
            if isinstance(keyword, int):
                ds[keyword].value = value
            else:
                setattr(ds, keyword, value)
        data, encapsulated = _pixel_bytes(inst.pixels, ds, transfer_syntax)
        ds.PixelData = data
        elem = ds["PixelData"]
        elem.VR = "OB" if encapsulated else "OW"
        elem.is_undefined_length = encapsulated
        dcmwrite(folder / f"IM{inst.number:04d}.dcm", ds, enforce_file_format=True)
        written += 1
    return written
