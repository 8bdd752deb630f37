"""The pydicom-free reading of plain native instances equals pydicom's reading."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, generate_uid

from app.retrieve.decode import BadInstance, decode_part
from app.retrieve.native import read_native


def _instance(
    *, syntax: str = ExplicitVRLittleEndian, signed: bool = True, **extra: object
) -> bytes:
    ds = Dataset()
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    ds.SOPInstanceUID = generate_uid()
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    # an undefined-length sequence with a nested one before the pixels: skipped
    inner = Dataset()
    inner.CodeValue = "X"
    item = Dataset()
    item.ReferencedSOPInstanceUID = generate_uid()
    item.PurposeOfReferenceCodeSequence = Sequence([inner])
    ds.ReferencedImageSequence = Sequence([item])
    ds.Rows, ds.Columns = 6, 5
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 12, 11
    ds.PixelRepresentation = 1 if signed else 0
    values = np.arange(-15, 15, dtype=np.int16).reshape(6, 5) + (0 if signed else 2000)
    ds.PixelData = values.astype("<i2" if signed else "<u2").tobytes()
    for keyword, value in extra.items():
        setattr(ds, keyword, value)
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = syntax
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    out = io.BytesIO()
    ds.save_as(
        out,
        enforce_file_format=True,
        little_endian=True,
        implicit_vr=syntax == ImplicitVRLittleEndian,
    )
    return out.getvalue()


def _undefined_lengths(data: bytes) -> bytes:
    """Re-encode with undefined-length sequences and items (as many scanners write)."""
    ds = pydicom.dcmread(io.BytesIO(data))
    ds["ReferencedImageSequence"].is_undefined_length = True
    for item in ds.ReferencedImageSequence:
        item.is_undefined_length_sequence_item = True
        item["PurposeOfReferenceCodeSequence"].is_undefined_length = True
    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    return out.getvalue()


@pytest.mark.parametrize("signed", [True, False])
@pytest.mark.parametrize("undefined", [False, True])
def test_same_as_pydicom(signed: bool, undefined: bool) -> None:
    data = _instance(signed=signed)
    if undefined:
        data = _undefined_lengths(data)
        assert b"\xfe\xff\xdd\xe0" in data  # a sequence delimitation item
    simple = read_native(data)
    assert simple is not None
    decoded = decode_part(data)
    ds = pydicom.dcmread(io.BytesIO(data))
    assert (decoded.sop_instance_uid, decoded.study_uid, decoded.series_uid) == (
        ds.SOPInstanceUID,
        ds.StudyInstanceUID,
        ds.SeriesInstanceUID,
    )
    assert len(decoded.frames) == 1
    assert decoded.frames[0].dtype == ds.pixel_array.dtype
    assert np.array_equal(decoded.frames[0], ds.pixel_array)


def test_multi_frame() -> None:
    ds = pydicom.dcmread(io.BytesIO(_instance()))
    ds.NumberOfFrames = 2
    ds.PixelData = ds.PixelData * 2
    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    decoded = decode_part(out.getvalue())
    assert len(decoded.frames) == 2
    assert all(np.array_equal(f, ds.pixel_array[k]) for k, f in enumerate(decoded.frames))


def test_unusual_files_take_the_pydicom_path() -> None:
    assert read_native(_instance(syntax=ImplicitVRLittleEndian)) is None
    lut = Dataset()
    lut.LUTDescriptor = [4, 0, 16]
    lut.LUTData = np.arange(4, dtype="<u2").tobytes()
    lut.ModalityLUTType = "HU"
    assert read_native(_instance(ModalityLUTSequence=Sequence([lut]))) is None
    data = _instance()
    assert read_native(data[:-10]) is None  # truncated pixel data
    with pytest.raises(BadInstance, match=r"truncated|cannot"):
        decode_part(data[:-10])
    assert read_native(b"\0" * 128 + b"DICM" + b"\xff" * 40) is None


def test_every_synthetic_native_instance(synth_root: Path) -> None:
    """The synthetic cases (CT, CTA, CTP, MR, enhanced multi-frame) read alike."""
    checked = 0
    for path in sorted(synth_root.rglob("*")):
        data = path.read_bytes() if path.is_file() else b""
        if data[128:132] != b"DICM" or read_native(data) is None:
            continue
        ds = pydicom.dcmread(io.BytesIO(data))
        decoded = decode_part(data)
        assert decoded.sop_instance_uid == ds.SOPInstanceUID
        assert decoded.series_uid == ds.SeriesInstanceUID
        pixels = ds.pixel_array.reshape(len(decoded.frames), ds.Rows, ds.Columns)
        assert all(np.array_equal(f, pixels[k]) for k, f in enumerate(decoded.frames))
        checked += 1
    assert checked > 100
