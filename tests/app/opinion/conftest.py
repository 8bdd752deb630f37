"""A tiny study (NCCT + CTA, a few 64×64 slices) and a complete signed opinion on it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid

from app.opinion.build import example_opinion
from app.opinion.model import Opinion, Radiologist, ReportKind, ThrombectomyAdvice
from app.opinion.signing import sign
from app.opinion.study import Study
from tests.dataset_util import set_patient, set_signed_16_bit_pixels
from tests.servers import orthanc  # noqa: F401  (session fixture, used by test_orthanc)

PARIS = dt.timezone(dt.timedelta(hours=1))
SIGNED_AT = dt.datetime(2025, 3, 1, 14, 32, 0, tzinfo=PARIS)
RADIOLOGIST = Radiologist(name="MARTIN^Claire", organisation="CHRU Nancy", identifier="cmartin")


def write_ct_series(
    folder: Path,
    *,
    study_uid: str,
    number: int,
    description: str,
    slices: int = 4,
    contrast: bool = False,
    lossy: bool = False,
    patient_name: str = "DUPONT^Zoé",
    birth_date: str = "19540212",
) -> list[Path]:
    """``slices`` axial 64×64 CT images of a disc 'head', one series."""
    folder.mkdir(parents=True, exist_ok=True)
    series_uid = generate_uid()
    frame_of_reference = generate_uid()
    yy, xx = np.mgrid[:64, :64]
    head = ((yy - 32) ** 2 + (xx - 32) ** 2) < 28**2
    paths = []
    for k in range(slices):
        ds = Dataset()
        ds.file_meta = FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.file_meta.MediaStorageSOPClassUID = CTImageStorage
        ds.SpecificCharacterSet = "ISO_IR 192"
        ds.SOPClassUID = CTImageStorage
        ds.SOPInstanceUID = generate_uid()
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        set_patient(ds, patient_name, "NAN-0042", "CHRU-NANCY", birth_date)
        ds.StudyInstanceUID = study_uid
        ds.StudyDate = "20250301"
        ds.StudyTime = "141000"
        ds.StudyID = "1"
        ds.AccessionNumber = "ACC123"
        ds.ReferringPhysicianName = "URGENCES^Dr"
        ds.StudyDescription = "CT head stroke protocol"
        ds.SeriesInstanceUID = series_uid
        ds.SeriesNumber = number
        ds.SeriesDescription = description
        ds.Modality = "CT"
        ds.Manufacturer = "Test"
        ds.FrameOfReferenceUID = frame_of_reference
        ds.InstanceNumber = k + 1
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.ImagePositionPatient = [-32, -32, 5.0 * k]
        ds.PixelSpacing = [1, 1]
        ds.SliceThickness = 5
        ds.KVP = 120
        ds.AcquisitionNumber = 1
        if contrast:
            ds.ContrastBolusAgent = "IOMERON"
        if lossy:
            ds.LossyImageCompression = "01"
        ds.Rows = ds.Columns = 64
        set_signed_16_bit_pixels(ds)
        ds.RescaleIntercept = -1024
        ds.RescaleSlope = 1
        ds.WindowCenter = 40
        ds.WindowWidth = 80
        pixels = np.where(head, 1024 + 35 + (xx % 7), 0).astype(np.int16)
        ds.PixelData = pixels.tobytes()
        path = folder / f"IM{k + 1:04d}.dcm"
        ds.save_as(path, enforce_file_format=True)
        paths.append(path)
    return paths


@pytest.fixture(scope="session")
def study_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("study")
    study_uid = generate_uid()
    write_ct_series(root / "01-ncct", study_uid=study_uid, number=2, description="NCCT head")
    write_ct_series(
        root / "02-cta", study_uid=study_uid, number=3, description="CTA head neck", contrast=True
    )
    return root


@pytest.fixture(scope="session")
def study(study_dir: Path) -> Study:
    return Study.from_folder(study_dir)


@pytest.fixture
def signed_opinion(study: Study) -> Opinion:
    """The example opinion, fitted to the tiny study, signed with fixed UIDs."""
    draft = example_opinion(study)
    return sign(draft, RADIOLOGIST, at=SIGNED_AT, seed="test-opinion")


@pytest.fixture
def preliminary(study: Study) -> Opinion:
    """A preliminary opinion on the tiny study (thrombectomy pending), signed 10 min earlier."""
    draft = example_opinion(study)
    draft.kind = ReportKind.PRELIMINARY
    draft.recommendation.thrombectomy = ThrombectomyAdvice.PENDING
    return sign(
        draft, RADIOLOGIST, at=SIGNED_AT - dt.timedelta(minutes=10), seed="test-preliminary"
    )
