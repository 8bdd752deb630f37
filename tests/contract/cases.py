"""Test data for the DICOMweb contract: three small synthetic studies.

Every name, ID and UID carries a per-session token so that queries stay exact
even if a server holds other data. Three studies, chosen so that each QIDO
matching rule separates them:

=====  ===============  ==========  =============  ============================
study  Patient's Name   StudyDate   Accession      series (modality: instances)
=====  ===============  ==========  =============  ============================
A      DOE<T>^JOHN      20240105    A<T>           CT: 3 slices, MR: 1
B      DOE<T>^JANE      20240210    B<T>           MR: 2, OT: 1 multi-frame (3)
C      ROE<T>^ANNA      20230301    C<T>           CT: 1
=====  ===============  ==========  =============  ============================

All share (0008,0090) Referring Physician's Name ``REF<T>^TEST``, a required
QIDO study matching key (PS3.18 Table 10.6.1-5), used to scope range queries.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import UID, ExplicitVRLittleEndian, generate_uid

CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2"
MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4"
MULTIFRAME_WORD_SC = "1.2.840.10008.5.1.4.1.1.7.3"


def session_token(length: int = 6) -> str:
    """Upper-case letters only, so it survives PN and SH value rules."""
    return "".join(secrets.choice(string.ascii_uppercase) for _ in range(length))


@dataclass
class Series:
    uid: str
    modality: str
    number: int
    instances: list[Dataset] = field(default_factory=list)


@dataclass
class Study:
    key: str  # "A", "B", "C"
    uid: str
    patient_name: str
    patient_id: str
    date: str
    accession: str
    series: list[Series] = field(default_factory=list)
    frame_of_reference: str = field(default_factory=generate_uid)

    @property
    def instances(self) -> list[Dataset]:
        return [ds for s in self.series for ds in s.instances]

    @property
    def modalities(self) -> set[str]:
        return {s.modality for s in self.series}


@dataclass
class Corpus:
    token: str
    studies: dict[str, Study]

    @property
    def referring(self) -> str:
        return f"REF{self.token}^TEST"

    @property
    def instances(self) -> list[Dataset]:
        return [ds for st in self.studies.values() for ds in st.instances]


def _image(
    study: Study,
    series: Series,
    *,
    sop_class: str,
    index: int,
    pixels: np.ndarray,
    referring: str,
) -> Dataset:
    """One image with the attributes QIDO-RS needs at every level."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = UID(sop_class)
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyDate = study.date
    ds.StudyTime = "101500"
    ds.SeriesDate = study.date
    ds.AccessionNumber = study.accession
    ds.Modality = series.modality
    ds.ReferringPhysicianName = referring
    ds.StudyDescription = f"CONTRACT {study.key}"
    ds.SeriesDescription = f"{series.modality} {series.number}"
    ds.PatientName = study.patient_name
    ds.PatientID = study.patient_id
    ds.PatientBirthDate = "19600101"
    ds.PatientSex = "M" if study.key == "A" else "F"
    ds.StudyInstanceUID = study.uid
    ds.SeriesInstanceUID = series.uid
    ds.StudyID = f"S{study.key}"
    ds.SeriesNumber = series.number
    ds.InstanceNumber = index + 1
    ds.FrameOfReferenceUID = study.frame_of_reference
    ds.ImagePositionPatient = [0.0, 0.0, float(index) * 5.0]
    ds.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
    ds.PixelSpacing = [0.5, 0.5]
    ds.SliceThickness = 5.0
    frames = pixels if pixels.ndim == 3 else pixels[np.newaxis]
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = frames.shape[1:]
    if frames.shape[0] > 1:
        ds.NumberOfFrames = frames.shape[0]
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    signed = pixels.dtype == np.int16
    ds.PixelRepresentation = 1 if signed else 0
    if series.modality == "CT":
        ds.RescaleIntercept = 0
        ds.RescaleSlope = 1
        ds.RescaleType = "HU"
    ds.PixelData = frames.astype("<i2" if signed else "<u2").tobytes()
    return ds


def build_corpus(token: str | None = None) -> Corpus:
    """The three studies of the module docstring, with fresh UIDs."""
    token = token or session_token()
    rng = np.random.default_rng(20240105)
    plan = {
        "A": ("DOE{t}^JOHN", "20240105", [("CT", 3), ("MR", 1)]),
        "B": ("DOE{t}^JANE", "20240210", [("MR", 2), ("OT", 1)]),
        "C": ("ROE{t}^ANNA", "20230301", [("CT", 1)]),
    }
    corpus = Corpus(token, {})
    for key, (name, date, series_plan) in plan.items():
        study = Study(
            key=key,
            uid=generate_uid(),
            patient_name=name.format(t=token),
            patient_id=f"PID{token}{key}",
            date=date,
            accession=f"{key}{token}",
        )
        for number, (modality, count) in enumerate(series_plan, start=1):
            series = Series(generate_uid(), modality, number)
            for index in range(count):
                if modality == "CT":
                    sop, pixels = CT_IMAGE, rng.integers(-1024, 2000, (16, 16), dtype=np.int16)
                elif modality == "MR":
                    sop, pixels = MR_IMAGE, rng.integers(0, 4000, (12, 10), dtype=np.uint16)
                else:
                    sop, pixels = MULTIFRAME_WORD_SC, rng.integers(0, 65535, (3, 8, 8), "u2")
                series.instances.append(
                    _image(
                        study,
                        series,
                        sop_class=sop,
                        index=index,
                        pixels=pixels,
                        referring=corpus.referring,
                    )
                )
            study.series.append(series)
        corpus.studies[key] = study
    return corpus


def scratch_instances(corpus: Corpus, count: int = 1, *, key: str = "X") -> list[Dataset]:
    """Instances of a fresh study outside the corpus queries (patient ``STOW<T>``).

    For tests that store or fail to store things without disturbing the
    counts the QIDO tests check.
    """
    token = corpus.token
    study = Study(
        key=key,
        uid=generate_uid(),
        patient_name=f"STOW{token}^{key}",
        patient_id=f"PID{token}{key}{secrets.token_hex(3).upper()}",
        date="20240301",
        accession=f"{key}{token}",
    )
    series = Series(generate_uid(), "MR", 1)
    rng = np.random.default_rng(7)
    for index in range(count):
        pixels = rng.integers(0, 4000, (12, 10), dtype=np.uint16)
        series.instances.append(
            _image(
                study,
                series,
                sop_class=MR_IMAGE,
                index=index,
                pixels=pixels,
                referring=f"SCRATCH{token}^TEST",
            )
        )
    return series.instances
