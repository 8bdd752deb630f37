"""protocol.integrity: the Pixel Data check the ED and the hub share."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, SecondaryCaptureImageStorage, generate_uid

from protocol.integrity import DamagedInstance, read_checked


def _image(rows: int, columns: int, bits: int, samples: int, pixels: bytes) -> Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = SecondaryCaptureImageStorage
    ds.SOPInstanceUID = generate_uid()
    ds.Rows, ds.Columns, ds.BitsAllocated, ds.SamplesPerPixel = rows, columns, bits, samples
    ds.PixelData = pixels
    return ds


@pytest.mark.parametrize(
    ("shape", "size", "whole"),
    [
        ((3, 5, 1, 1), 2, True),  # 15 bits fit in 2 bytes
        ((4, 5, 1, 1), 2, False),  # 20 bits need 3 bytes
        ((4, 4, 8, 3), 48, True),  # RGB
        ((4, 4, 8, 3), 46, False),
        ((4, 4, 16, 1), 34, True),  # excess (padding) tolerated
    ],
)
def test_native_length_against_the_image(
    tmp_path: Path, shape: tuple[int, int, int, int], size: int, whole: bool
) -> None:
    """``shape``: Rows, Columns, Bits Allocated, Samples per Pixel."""
    path = tmp_path / "image.dcm"
    ds = _image(*shape, bytes(size))
    ds.save_as(path, enforce_file_format=True)
    if whole:
        read_checked(path)
    else:
        with pytest.raises(DamagedInstance, match="Pixel Data holds"):
            read_checked(path)


@pytest.mark.parametrize(
    "name", ["CT_small.dcm", "MR_small_RLE.dcm", "JPEG2000.dcm", "SC_rgb_rle_2frame.dcm"]
)
def test_whole_test_files_pass_and_their_halves_fail(tmp_path: Path, name: str) -> None:
    found = get_testdata_file(name)
    assert found is not None
    data = Path(found).read_bytes()
    read_checked(found)
    cut = tmp_path / name
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedInstance):
        read_checked(cut)
