"""Lossless compression for WADO-RS: pixel identity, what is never compressed, the cache."""

from __future__ import annotations

import io
import os
import stat
import time
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from app.retrieve.decode import decode_part
from minihub import transcode
from minihub.storage import StoredInstance
from minihub.synth import write_ct_series
from minihub.transcode import TranscodeCache
from protocol.lossless import (
    HTJ2K_LOSSLESS,
    JPEG_2000_LOSSLESS,
    JPEG_LS_LOSSLESS,
    LOSSLESS_TARGETS,
    NotCompressible,
    available_targets,
    compress_lossless,
    encoder_available,
)

#: Real third-party files (pydicom-data): 16-bit signed CT and MR, 16-bit unsigned
#: multi-frame MR, 8-bit RGB, 16-bit RGB, 8-bit palette, 8-bit RGB 2 frames, RLE and
#: JPEG-LS stored sources.
REAL_FILES = (
    "CT_small.dcm",
    "MR_small.dcm",
    "MR_small_implicit.dcm",
    "emri_small.dcm",
    "SC_rgb.dcm",
    "SC_rgb_16bit.dcm",
    "OBXXXX1A.dcm",
    "SC_rgb_2frame.dcm",
    "MR_small_RLE.dcm",
    "MR_small_jpeg_ls_lossless.dcm",
)
TARGETS = [uid for uid in LOSSLESS_TARGETS if encoder_available(uid)]


def real(name: str) -> Path:
    path = get_testdata_file(name)
    assert path is not None, name
    return Path(str(path))


def test_jpeg_ls_and_jpeg_2000_lossless_can_be_produced_here() -> None:
    assert {JPEG_LS_LOSSLESS, JPEG_2000_LOSSLESS} <= set(available_targets())
    assert (HTJ2K_LOSSLESS in available_targets()) == encoder_available(HTJ2K_LOSSLESS)


@pytest.mark.parametrize("syntax", TARGETS)
@pytest.mark.parametrize("name", REAL_FILES)
def test_real_files_decode_to_identical_pixels(name: str, syntax: str) -> None:
    source = pydicom.dcmread(real(name))
    data = compress_lossless(real(name), syntax)
    result = pydicom.dcmread(io.BytesIO(data))
    assert result.file_meta.TransferSyntaxUID == syntax
    assert result.SOPInstanceUID == source.SOPInstanceUID
    assert "LossyImageCompression" not in result or result.LossyImageCompression == "00"
    original = source.pixel_array
    decoded = result.pixel_array
    assert decoded.dtype == original.dtype
    assert np.array_equal(decoded, original)


@pytest.mark.parametrize("syntax", TARGETS)
@pytest.mark.parametrize("name", REAL_FILES)
def test_the_client_decodes_the_same_values_compressed_or_not(name: str, syntax: str) -> None:
    """The client's own decoder (the native reader for CT/MR) sees the same values."""
    source = real(name).read_bytes()
    before = decode_part(source).frames
    after = decode_part(compress_lossless(source, syntax)).frames
    assert len(after) == len(before) > 0
    for got, want in zip(after, before, strict=True):
        assert got.dtype == want.dtype and np.array_equal(got, want)


def _ct16(stored: np.ndarray, bits_stored: int) -> bytes:
    ds = pydicom.dcmread(real("CT_small.dcm"))
    ds.Rows, ds.Columns = stored.shape
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, bits_stored, bits_stored - 1
    ds.PixelRepresentation = 1 if stored.dtype.kind == "i" else 0
    ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
    ds.PixelData = stored.astype(stored.dtype.newbyteorder("<")).tobytes()
    return part10(ds)


@pytest.mark.parametrize("syntax", TARGETS)
@pytest.mark.parametrize(
    ("stored", "why"),
    [
        (np.array([[2000, 6024], [0, 4095]], np.uint16), "0..6024 .* 0..4095 of Bits Stored 12"),
        (np.array([[-1024, 0x7005], [0, 5]], np.int16), "-1024..28677 .* -2048..2047"),
        (np.array([[-2049, 0], [7, 5]], np.int16), "-2049..7 .* -2048..2047"),
    ],
)
def test_stored_values_outside_bits_stored_are_refused(
    stored: np.ndarray, why: str, syntax: str
) -> None:
    """Encoders keep only Bits Stored bits; pydicom's pixel_array hides the others."""
    words = np.tile(stored, (32, 32))  # 64 × 64 (the encoders refuse tiny images)
    with pytest.raises(NotCompressible, match=why):
        compress_lossless(_ct16(words, 12), syntax)
    inside = np.clip(
        words, -2048 if words.dtype.kind == "i" else 0, 2047 if words.dtype.kind == "i" else 4095
    )
    data = compress_lossless(_ct16(inside, 12), syntax)  # within range: compressed, same words
    assert np.array_equal(decode_part(data).frames[0], inside)


@pytest.mark.parametrize("syntax", TARGETS)
def test_synthetic_ct_series_decodes_to_identical_pixels(tmp_path: Path, syntax: str) -> None:
    folder = write_ct_series(tmp_path / "ct", slices=3, rows=64, columns=64, seed=3)
    files = sorted(folder.rglob("*.dcm"))
    assert len(files) == 3
    for path in files:
        original = pydicom.dcmread(path).pixel_array
        assert original.std() > 0  # a real image, not a blank
        data = compress_lossless(path, syntax)
        assert len(data) < path.stat().st_size
        assert np.array_equal(pydicom.dcmread(io.BytesIO(data)).pixel_array, original)


def float_image() -> Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.30"
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.30"
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.Rows = ds.Columns = 4
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 32
    ds.FloatPixelData = np.arange(16, dtype="<f4").tobytes()
    return ds


def part10(ds: Dataset) -> bytes:
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("source", "why"),
    [
        (lambda: real("SC_rgb_jpeg_dcmtk.dcm").read_bytes(), "not losslessly"),  # lossy JPEG
        (lambda: real("JPEG2000.dcm").read_bytes(), "not losslessly"),  # lossy J2K
        (lambda: real("rtdose.dcm").read_bytes(), "Bits Allocated 32"),
        (lambda: part10(float_image()), "no integer Pixel Data"),
    ],
)
def test_lossy_float_and_32_bit_instances_are_never_compressed(source, why) -> None:  # type: ignore[no-untyped-def]
    for syntax in TARGETS:
        with pytest.raises(NotCompressible, match=why):
            compress_lossless(source(), syntax)


def test_a_lossy_flag_on_native_pixels_is_respected(tmp_path: Path) -> None:
    ds = pydicom.dcmread(real("CT_small.dcm"))
    ds.LossyImageCompression = "01"
    with pytest.raises(NotCompressible, match="lossy compressed before"):
        compress_lossless(part10(ds), JPEG_LS_LOSSLESS)


def test_an_encoding_that_would_change_pixels_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real_compress = Dataset.compress

    def lossy(self: Dataset, uid: str, *args: object, **kwargs: object) -> None:
        arr = self.pixel_array.copy()
        arr[0, 0] += 1
        real_compress(self, uid, arr, generate_instance_uid=False)

    monkeypatch.setattr(Dataset, "compress", lossy)
    with pytest.raises(NotCompressible, match="differ from the original"):
        compress_lossless(real("CT_small.dcm"), JPEG_LS_LOSSLESS)


def test_htj2k_without_an_encoder_is_refused_by_name() -> None:
    if encoder_available(HTJ2K_LOSSLESS):
        data = compress_lossless(real("CT_small.dcm"), HTJ2K_LOSSLESS)
        assert pydicom.dcmread(io.BytesIO(data)).file_meta.TransferSyntaxUID == HTJ2K_LOSSLESS
    else:
        with pytest.raises(NotCompressible, match="no installed encoder"):
            compress_lossless(real("CT_small.dcm"), HTJ2K_LOSSLESS)


# -- the cache -----------------------------------------------------------------


def stored(path: Path, sop: str | None = None) -> StoredInstance:
    return StoredInstance(
        study_uid="1.2.3", series_uid="1.2.3.4", sop_uid=sop or generate_uid(),
        sop_class_uid="1.2.840.10008.5.1.4.1.1.2", transfer_syntax=ExplicitVRLittleEndian,
        path=path, size=path.stat().st_size, frames=1, rows=128, columns=128,
        bits_allocated=16, samples_per_pixel=1, pixel_offset=None, pixel_length=None,
        metadata="{}",
    )  # fmt: skip


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_cache_entries_are_private_and_served_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "source.dcm"
    source.write_bytes(real("CT_small.dcm").read_bytes())
    cache = TranscodeCache(tmp_path / "transcoded", max_bytes=10**6)
    instance = stored(source)
    first = cache.transcoded(instance, JPEG_LS_LOSSLESS)
    entry = tmp_path / "transcoded" / JPEG_LS_LOSSLESS / f"{instance.sop_uid}.dcm"
    assert entry.read_bytes() == first
    assert mode(tmp_path / "transcoded") == 0o700
    assert mode(entry.parent) == 0o700
    assert mode(entry) == 0o600
    assert cache.total_bytes == len(first)

    def must_not_run(*_: object) -> bytes:
        raise AssertionError("a cached entry must not be produced again")

    monkeypatch.setattr(transcode, "produce", must_not_run)
    assert cache.transcoded(instance, JPEG_LS_LOSSLESS) == first


@pytest.mark.parametrize(
    ("sop", "syntax"),
    [("../../etc", JPEG_LS_LOSSLESS), ("1.2.3", "../x"), ("1.2/../3", JPEG_LS_LOSSLESS),
     ("1.2.3", "")],
)  # fmt: skip
def test_cache_keys_must_be_uids(tmp_path: Path, sop: str, syntax: str) -> None:
    cache = TranscodeCache(tmp_path / "transcoded")
    with pytest.raises(ValueError, match="two UIDs"):
        cache.path_for(sop, syntax)


def test_cache_is_bounded_least_recently_used_first(tmp_path: Path) -> None:
    source = tmp_path / "source.dcm"
    source.write_bytes(b"x")
    old = time.time() - 1000
    os.utime(source, (old, old))
    cache = TranscodeCache(tmp_path / "transcoded", max_bytes=2500)
    a, b, c = (stored(source) for _ in range(3))
    cache.put(a, JPEG_LS_LOSSLESS, b"a" * 1000)
    cache.put(b, JPEG_LS_LOSSLESS, b"b" * 1000)
    for instance, age in ((a, 50), (b, 100)):  # b is the least recently used
        path = cache.path_for(instance.sop_uid, JPEG_LS_LOSSLESS)
        os.utime(path, (time.time() - age, time.time() - age))
    assert cache.get(a, JPEG_LS_LOSSLESS) == b"a" * 1000  # refreshes a
    cache.put(c, JPEG_LS_LOSSLESS, b"c" * 1000)  # 3000 > 2500: b goes
    assert cache.get(b, JPEG_LS_LOSSLESS) is None
    assert cache.get(a, JPEG_LS_LOSSLESS) == b"a" * 1000
    assert cache.get(c, JPEG_LS_LOSSLESS) == b"c" * 1000
    assert cache.total_bytes == 2000
    on_disk = sum(f.stat().st_size for f in (tmp_path / "transcoded").rglob("*.dcm"))
    assert on_disk == 2000
    cache.put(stored(source), JPEG_LS_LOSSLESS, b"d" * 3000)  # larger than the bound
    assert cache.total_bytes == 2000
    # Reopened: the total is counted from the disk, leftovers of a stop removed.
    leftover = tmp_path / "transcoded" / JPEG_LS_LOSSLESS / ".x.tmp"
    leftover.write_bytes(b"partial")
    assert TranscodeCache(tmp_path / "transcoded", max_bytes=2500).total_bytes == 2000
    assert not leftover.exists()


def test_an_entry_older_than_its_instance_is_stale(tmp_path: Path) -> None:
    source = tmp_path / "source.dcm"
    source.write_bytes(b"x")
    cache = TranscodeCache(tmp_path / "transcoded")
    instance = stored(source)
    cache.put(instance, JPEG_LS_LOSSLESS, b"old")
    path = cache.path_for(instance.sop_uid, JPEG_LS_LOSSLESS)
    os.utime(path, (time.time() - 100, time.time() - 100))
    assert cache.get(instance, JPEG_LS_LOSSLESS) is None
