"""Angiographic by content (viewer.classify.vessel_fraction / angiography_by_content): thin
bright vessels in a head count, bone, blocks of trabecular bone and sinus walls do not."""

from __future__ import annotations

import numpy as np
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

from viewer.classify import (
    ANGIO_MIN_VESSEL_FRACTION,
    SeriesKind,
    angiography_by_content,
    hu_slices,
    looks_angiographic,
    vessel_fraction,
)

PIXEL_MM = 0.5


def head(slices: int = 8, size: int = 200) -> np.ndarray:
    """A 'head' of brain (35 HU) in air, with a 4 mm skull (1500 HU) and 3 mm diploe."""
    yy, xx = np.mgrid[:size, :size]
    r = np.hypot(yy - size / 2, xx - size / 2) * PIXEL_MM  # mm from the centre
    image = np.full((size, size), -1000.0, dtype=np.float32)
    image[r < 46] = 1500.0  # outer table
    image[r < 44] = 560.0  # diploe, between the tables
    image[r < 41] = 1500.0  # inner table
    image[r < 40] = 35.0  # brain
    return np.repeat(image[None], slices, axis=0)


def with_vessels(volume: np.ndarray, hu: float = 350.0) -> np.ndarray:
    """Thin (2 mm) enhanced vessels crossing the brain."""
    out = volume.copy()
    centre = out.shape[1] // 2
    for offset in (-30, -10, 10, 30):
        out[:, centre + offset - 2 : centre + offset + 2, centre - 50 : centre + 50] = hu
    return out


def test_thin_enhanced_vessels_make_an_angiography() -> None:
    plain = head()
    assert vessel_fraction(plain, pixel_mm=PIXEL_MM) == 0.0  # skull and diploe: not vessels
    fraction = vessel_fraction(with_vessels(plain), pixel_mm=PIXEL_MM)
    assert fraction > 10 * ANGIO_MIN_VESSEL_FRACTION
    found = angiography_by_content(with_vessels(plain), pixel_mm=PIXEL_MM, slice_mm=0.625)
    assert found is not None and found.kind is SeriesKind.CTA and "0.625 mm" in found.reason


def test_thick_slices_or_unenhanced_blood_are_not_an_angiography() -> None:
    vessels = with_vessels(head())
    assert angiography_by_content(vessels, pixel_mm=PIXEL_MM, slice_mm=5.0) is None
    dense_blood = with_vessels(head(), hu=85.0)  # a hyperdense artery on NCCT
    assert vessel_fraction(dense_blood, pixel_mm=PIXEL_MM) == 0.0


def test_a_thick_block_of_trabecular_bone_and_a_sinus_wall_are_not_vessels() -> None:
    volume = head()
    centre = volume.shape[1] // 2
    volume[:, centre - 20 : centre + 20, centre - 20 : centre + 20] = 560.0  # a clivus-like block
    volume[:, centre - 14 : centre + 14, centre - 14 : centre + 14] = -1000.0  # its sinus, air
    assert vessel_fraction(volume, pixel_mm=PIXEL_MM) < ANGIO_MIN_VESSEL_FRACTION


def ct_image(index: int, pixels: np.ndarray | None, thickness: float = 0.625) -> Dataset:
    ds = Dataset()
    ds.Modality = "CT"
    ds.SeriesDescription = "HEAD"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.SOPInstanceUID = f"1.2.3.{index + 1}"
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    ds.InstanceNumber = index + 1
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.ImagePositionPatient = [0, 0, thickness * index]
    ds.PixelSpacing = [PIXEL_MM, PIXEL_MM]
    ds.SliceThickness = thickness
    ds.Rows, ds.Columns = (200, 200) if pixels is None else pixels.shape
    if pixels is not None:
        ds.file_meta = FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
        ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
        ds.PixelData = (pixels + 1024).astype(np.int16).tobytes()
    return ds


@pytest.mark.parametrize("thickness", [0.625, 5.0])
def test_looks_angiographic_from_datasets_with_pixels(thickness: float) -> None:
    volume = with_vessels(head(4))
    images = [ct_image(k, volume[k], thickness) for k in range(4)]
    slices = hu_slices(images)
    assert slices is not None and slices.shape == (4, 200, 200)
    assert np.allclose(slices, volume)
    found = looks_angiographic(images)
    assert (found is not None) is (thickness <= 1.5)
    headers = [ct_image(k, None, thickness) for k in range(4)]  # as listed by a hub
    assert hu_slices(headers) is None and looks_angiographic(headers) is None
    if thickness <= 1.5:
        assert looks_angiographic(headers, slices_hu=volume) is not None
