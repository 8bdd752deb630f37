"""Small synthetic DICOM series with a known phantom, for geometry tests.

The phantom is defined in patient space (LPS mm): a head (35 HU ellipsoid in
air) with a bright lesion on the patient's LEFT (x > 0). Every pixel of every
generated image samples the phantom at its own LPS position, computed here
independently of :mod:`viewer.geometry`. Whatever the orientation, patient
position, slice order, tilt or file order, a correct assembly therefore puts
the lesion at x > 0 and reproduces ``phantom(affine @ ijk)`` voxel for voxel.
"""

from __future__ import annotations

import random
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence as DicomSequence
from pydicom.uid import (
    CTImageStorage,
    EnhancedCTImageStorage,
    EnhancedMRImageStorage,
    ExplicitVRLittleEndian,
    MRImageStorage,
    generate_uid,
)

from tests.dataset_util import set_patient, set_signed_16_bit_pixels

LESION_LPS = (30.0, 0.0, 0.0)  # patient's left
LESION_RADIUS_MM = 12.0
LESION_HU = 300.0
HEAD_HU = 35.0
AIR_HU = -1000.0

Phantom = Callable[[npt.NDArray[np.float64]], npt.NDArray[np.float64]]


def head_phantom(lps: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """HU at LPS points (..., 3): air, a 70×85×70 mm head, a bright left lesion."""
    x, y, z = lps[..., 0], lps[..., 1], lps[..., 2]
    values = np.full(x.shape, AIR_HU)
    values[(x / 70) ** 2 + (y / 85) ** 2 + (z / 70) ** 2 <= 1] = HEAD_HU
    lesion = np.linalg.norm(lps - np.asarray(LESION_LPS), axis=-1) <= LESION_RADIUS_MM
    values[lesion] = LESION_HU
    return values


def lps_grid(
    affine: npt.NDArray[np.float64], shape: tuple[int, int, int]
) -> npt.NDArray[np.float64]:
    """LPS of every voxel [k, j, i] of a volume with this affine."""
    k, j, i = np.meshgrid(*(np.arange(n) for n in shape), indexing="ij")
    ijk = np.stack([i, j, k, np.ones_like(i)], axis=-1).astype(np.float64)
    return (ijk @ affine.T)[..., :3]


def _base(modality: str, study: str, series: str, frame_of_reference: str) -> Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = CTImageStorage if modality == "CT" else MRImageStorage
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    set_patient(ds, "TEST^LEFTLESION", "SYN-0001", "STROKELINK-TEST", "19500101")
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = series
    ds.FrameOfReferenceUID = frame_of_reference
    ds.StudyDate = "20240102"
    ds.StudyDescription = "STROKE"
    ds.SeriesDescription = "HEAD" if modality == "CT" else "MR"
    ds.SeriesNumber = 2
    ds.Modality = modality
    set_signed_16_bit_pixels(ds)
    ds.WindowCenter = 40
    ds.WindowWidth = 80
    return ds


def make_series(
    *,
    orientation: Sequence[float] = (1, 0, 0, 0, 1, 0),
    shape: tuple[int, int, int] = (20, 32, 32),
    pixel_spacing: tuple[float, float] = (4.0, 4.0),
    slice_step: float = 5.0,
    centre: Sequence[float] = (0.0, 0.0, 0.0),
    tilt_deg: float = 0.0,
    patient_position: str = "HFS",
    modality: str = "CT",
    slope: float = 1.0,
    intercept: float = -1024.0,
    phantom: Phantom = head_phantom,
    numbering: str = "ascending",
    shuffle_seed: int | None = 0,
    series_uid: str | None = None,
    study_uid: str | None = None,
    frame_of_reference_uid: str | None = None,
    pixel_representation: int = 1,
) -> list[Dataset]:
    """One single-frame instance per slice, in shuffled order.

    ``pixel_spacing`` is (0028,0030) order: (row spacing, column spacing).
    ``tilt_deg`` tilts the image plane about its row direction while the
    slices still step along the untilted normal, as a tilted CT gantry does.
    ``numbering`` "ascending"/"descending"/"random" sets (0020,0013) Instance
    Number (and a misleading (0020,1041) Slice Location) relative to the true
    slice order.
    """
    row = np.asarray(orientation[:3], dtype=np.float64)
    column = np.asarray(orientation[3:], dtype=np.float64)
    step = np.cross(row, column) * slice_step
    if tilt_deg:
        t = np.radians(tilt_deg)
        normal = np.cross(row, column)
        column = column * np.cos(t) + normal * np.sin(t)
    slices, rows, columns = shape
    dy, dx = pixel_spacing
    origin = (
        np.asarray(centre, dtype=np.float64)
        - (columns - 1) / 2 * dx * row
        - (rows - 1) / 2 * dy * column
        - (slices - 1) / 2 * step
    )
    study = study_uid or generate_uid()
    series = series_uid or generate_uid()
    reference = frame_of_reference_uid or generate_uid()
    numbers = list(range(1, slices + 1))
    if numbering == "descending":
        numbers.reverse()
    elif numbering == "random":
        random.Random(1).shuffle(numbers)
    jj, ii = np.meshgrid(np.arange(rows), np.arange(columns), indexing="ij")
    datasets = []
    for k in range(slices):
        position = origin + k * step
        lps = position + ii[..., None] * dx * row + jj[..., None] * dy * column
        stored = np.rint((phantom(lps) - intercept) / slope)
        ds = _base(modality, study, series, reference)
        ds.PixelRepresentation = pixel_representation
        ds.SOPInstanceUID = generate_uid()
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        ds.InstanceNumber = numbers[k]
        ds.SliceLocation = f"{numbers[k] * 3.0:.1f}"  # deliberately not the position
        ds.PatientPosition = patient_position
        ds.ImagePositionPatient = [f"{v:.6f}" for v in position]
        ds.ImageOrientationPatient = [f"{v:.8f}" for v in (*row, *column)]
        ds.PixelSpacing = [f"{dy:g}", f"{dx:g}"]
        ds.SliceThickness = f"{slice_step:g}"
        ds.Rows, ds.Columns = rows, columns
        ds.RescaleSlope = f"{slope:g}"
        ds.RescaleIntercept = f"{intercept:g}"
        ds.AcquisitionDate = "20240102"
        ds.AcquisitionTime = "101500.000000"
        if tilt_deg:
            ds.GantryDetectorTilt = f"{tilt_deg:g}"
        dtype = np.int16 if pixel_representation else np.uint16
        ds.PixelData = stored.astype(dtype).tobytes()
        datasets.append(ds)
    if shuffle_seed is not None:
        random.Random(shuffle_seed).shuffle(datasets)
    return datasets


def make_enhanced(
    frames: Sequence[Dataset], *, enhanced_mr: bool = True, shuffle_seed: int | None = 3
) -> Dataset:
    """One Enhanced MR (or CT) multi-frame instance holding the given single-frame images.

    Geometry goes into (5200,9230) Per-frame Functional Groups (Plane Position,
    Frame Content, Pixel Value Transformation) and (5200,9229) Shared
    Functional Groups (Plane Orientation, Pixel Measures, Frame VOI LUT).
    """
    order = list(frames)
    if shuffle_seed is not None:
        random.Random(shuffle_seed).shuffle(order)
    first = order[0]
    ds = _base(
        first.Modality, first.StudyInstanceUID, first.SeriesInstanceUID, first.FrameOfReferenceUID
    )
    ds.SOPClassUID = EnhancedMRImageStorage if enhanced_mr else EnhancedCTImageStorage
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.ImageType = ["ORIGINAL", "PRIMARY", "VOLUME", "NONE"]
    ds.InstanceNumber = 1
    ds.Rows, ds.Columns = first.Rows, first.Columns
    ds.NumberOfFrames = len(order)
    ds.PixelRepresentation = first.PixelRepresentation
    shared = Dataset()
    orientation = Dataset()
    orientation.ImageOrientationPatient = first.ImageOrientationPatient
    measures = Dataset()
    measures.PixelSpacing = first.PixelSpacing
    measures.SliceThickness = first.SliceThickness
    voi = Dataset()
    voi.WindowCenter, voi.WindowWidth = 40, 80
    shared.PlaneOrientationSequence = DicomSequence([orientation])
    shared.PixelMeasuresSequence = DicomSequence([measures])
    shared.FrameVOILUTSequence = DicomSequence([voi])
    ds.SharedFunctionalGroupsSequence = DicomSequence([shared])
    per_frame = []
    for n, image in enumerate(order):
        item = Dataset()
        position = Dataset()
        position.ImagePositionPatient = image.ImagePositionPatient
        content = Dataset()
        content.InStackPositionNumber = int(image.InstanceNumber)
        content.DimensionIndexValues = [int(image.InstanceNumber)]
        transform = Dataset()
        transform.RescaleSlope = image.RescaleSlope
        transform.RescaleIntercept = image.RescaleIntercept
        transform.RescaleType = "US"
        item.PlanePositionSequence = DicomSequence([position])
        item.FrameContentSequence = DicomSequence([content])
        item.PixelValueTransformationSequence = DicomSequence([transform])
        per_frame.append(item)
        del n
    ds.PerFrameFunctionalGroupsSequence = DicomSequence(per_frame)
    ds.PixelData = b"".join(bytes(image.PixelData) for image in order)
    return ds


def write_series(datasets: Sequence[Dataset], folder: Path, *, prefix: str = "IM") -> list[Path]:
    """Write instances under misleading, shuffled file names."""
    folder.mkdir(parents=True, exist_ok=True)
    names = list(range(len(datasets)))
    random.Random(7).shuffle(names)
    paths = []
    for ds, number in zip(datasets, names, strict=True):
        path = folder / f"{prefix}{number:04d}"
        ds.save_as(path, enforce_file_format=True)
        paths.append(path)
    return paths


def with_tags(datasets: Sequence[Dataset], **tags: object) -> list[Dataset]:
    """Set the same tags (by keyword) on every dataset; returns them."""
    for ds in datasets:
        for keyword, value in tags.items():
            setattr(ds, keyword, value)
    return list(datasets)


def nibabel_wrapper(ds: Dataset) -> Any:
    """nibabel's DICOM wrapper of ``ds``: an independent implementation to cross-check with."""
    with warnings.catch_warnings():  # nibabel warns that its DICOM readers are experimental
        warnings.simplefilter("ignore", UserWarning)
        from nibabel.nicom.dicomwrappers import wrapper_from_data
    return wrapper_from_data(ds)
