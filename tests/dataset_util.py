"""Shared by the tests that write synthetic DICOM images."""

from __future__ import annotations

from pydicom.dataset import Dataset


def set_signed_16_bit_pixels(ds: Dataset) -> None:
    """(0028,0002) Samples per Pixel 1, (0028,0004) MONOCHROME2, (0028,0100)–(0028,0103)
    16 bits allocated, stored and high bit 15, signed (Pixel Representation 1)."""
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 1


def set_patient(
    ds: Dataset, name: str, patient_id: str, issuer: str, birth_date: str, *, sex: str = "F"
) -> None:
    """The Patient Module: (0010,0010) name, (0010,0020) ID, (0010,0021) issuer of the ID,
    (0010,0030) birth date, (0010,0040) sex."""
    ds.PatientName = name
    ds.PatientID = patient_id
    ds.IssuerOfPatientID = issuer
    ds.PatientBirthDate = birth_date
    ds.PatientSex = sex
