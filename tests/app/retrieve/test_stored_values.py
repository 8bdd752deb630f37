"""Stored values as pydicom reads them, and prescaling that never fails a series.

The client's native reader keeps only the Bits Stored bits of each stored word
(unsigned: masked, signed: sign-extended), as pydicom's ``pixel_array`` does, so
a slice shows the same values however the instance arrives (review #15 item 1).
Prescaling is exact or not done: an intercept beyond int16 is computed wider
(item 3), a slope of 0 is not prescaled (item 11).
"""

from __future__ import annotations

import io
import threading
from typing import Any

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid

from app.hub.client import HttpHub
from app.retrieve.decode import DecodedInstance, decode_part, prescale, unscale
from app.retrieve.model import SeriesStatus
from app.retrieve.series import SeriesRetrieval
from protocol.lossless import JPEG_LS_LOSSLESS, NotCompressible, compress_lossless
from tests.app.retrieval_util import FaultyHub, ct_series
from tests.app.retrieve.test_prescale import LatePlan
from tests.hub_util import FAST


def _instance(stored: np.ndarray, bits_stored: int, intercept: int = -1024) -> bytes:
    """A one-frame CT instance with these stored words (Explicit VR Little Endian)."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID = CTImageStorage
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.StudyInstanceUID, ds.SeriesInstanceUID = generate_uid(), generate_uid()
    ds.Modality = "CT"
    ds.Rows, ds.Columns = stored.shape
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, bits_stored, bits_stored - 1
    ds.PixelRepresentation = 1 if stored.dtype.kind == "i" else 0
    ds.RescaleIntercept, ds.RescaleSlope = intercept, 1
    ds.PixelData = stored.astype(stored.dtype.newbyteorder("<")).tobytes()
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def _reviewers_case() -> np.ndarray:
    stored = np.full((8, 8), 2000, np.uint16)
    stored[0, 0] = 6024  # "5000 HU" with intercept -1024: not within Bits Stored 12
    return stored


def test_unsigned_values_beyond_bits_stored_are_masked_like_pydicom() -> None:
    data = _instance(_reviewers_case(), 12)
    frame = decode_part(data).frames[0]
    expected = pydicom.dcmread(io.BytesIO(data)).pixel_array
    assert frame.dtype == expected.dtype == np.uint16
    assert np.array_equal(frame, expected)
    assert frame[0, 0] == 6024 & 0x0FFF == 1928 and frame[1, 1] == 2000


def test_signed_values_beyond_bits_stored_are_sign_extended_like_pydicom() -> None:
    stored = np.array([[0x7005, -2049, 2047, 2048], [-2048, 0x0FFF, -0x7000, -1]], np.int16)
    data = _instance(stored, 12)
    frame = decode_part(data).frames[0]
    expected = pydicom.dcmread(io.BytesIO(data)).pixel_array
    assert np.array_equal(frame, expected)
    assert frame.tolist() == [[5, 2047, 2047, -2048], [-2048, -1, 0, -1]]


def test_the_reviewers_instance_is_not_compressed() -> None:
    data = _instance(_reviewers_case(), 12)
    with pytest.raises(NotCompressible, match=r"6024 .*0\.\.4095 of Bits Stored 12"):
        compress_lossless(data, JPEG_LS_LOSSLESS)


def test_intercept_beyond_int16_is_prescaled_exactly() -> None:
    stored = np.array([[33000, 40000], [36000, 33001]], np.uint16)
    decoded = prescale(DecodedInstance("2.25.1", "", "", "", [stored.copy()]), 1.0, -33000.0)
    assert decoded.rescaled == (1.0, -33000.0)
    assert decoded.frames[0].dtype == np.int16
    assert decoded.frames[0].tolist() == [[0, 7000], [3000, 1]]
    assert np.array_equal(unscale(decoded, 0), stored)
    # a slope beyond int16 with values that fit (all stored 0) is exact too
    zeros = np.zeros((2, 2), np.uint16)
    big = prescale(DecodedInstance("2.25.2", "", "", "", [zeros.copy()]), 40000.0, -40.0)
    assert big.frames[0].tolist() == [[-40, -40], [-40, -40]]


def test_slope_zero_is_not_prescaled() -> None:
    stored = np.array([[1, 2]], np.uint16)
    decoded = prescale(DecodedInstance("2.25.1", "", "", "", [stored]), 0.0, 5.0)
    assert decoded.rescaled is None and decoded.frames[0] is stored
    assert unscale(decoded, 0) is stored


def test_series_with_intercept_beyond_int16_completes() -> None:
    """uint16 33000..40000, intercept -33000: every slice prescaled, none failed."""
    datasets = ct_series(slices=3, size=32, seed=33)
    rng = np.random.default_rng(33)
    for ds in datasets:
        ds.BitsStored, ds.HighBit, ds.RescaleIntercept = 16, 15, -33000
        ds.PixelData = rng.integers(33000, 40001, (32, 32)).astype("<u2").tobytes()
    ordered = sorted(datasets, key=lambda d: float(d.ImagePositionPatient[2]))
    expected = np.stack([d.pixel_array.astype(np.int32) - 33000 for d in ordered])
    study, series = str(datasets[0].StudyInstanceUID), str(datasets[0].SeriesInstanceUID)
    decoder = LatePlan()  # the plan comes last: every slice takes the prescale path
    prescaled: list[Any] = []
    with FaultyHub(datasets) as faulty, HttpHub(faulty.base_url, retry=FAST) as hub:
        retrieval = SeriesRetrieval(hub, study, series, decoder=decoder)  # type: ignore[arg-type]
        original = retrieval._received

        def received(item: Any, decoded: DecodedInstance) -> None:
            original(item, decoded)
            prescaled.append(retrieval._pending[decoded.sop_instance_uid].rescaled)
            if len(retrieval.done) == 3:
                decoder.release.set()

        retrieval._received = received  # type: ignore[method-assign]
        timer = threading.Timer(20, decoder.release.set)  # never hang the test
        timer.start()
        try:
            result = retrieval.run()
        finally:
            timer.cancel()
    assert result.status is SeriesStatus.COMPLETE, result.errors
    assert len(prescaled) >= 3 and set(prescaled) == {(1.0, -33000.0)}
    assert retrieval.volumes is not None
    volume = retrieval.volumes.volumes[0]
    assert volume.array.dtype == np.int16
    assert np.array_equal(volume.array, expected)
