"""Volume assembly geometry: left is left, and geometry is never silently fixed.

Every test builds a small series whose pixels sample a known phantom at their
own LPS position (tests/viewer/dicom_factory.py). A correct assembly puts
the phantom's left-sided lesion at x > 0 and reproduces
``phantom(affine @ ijk)`` voxel for voxel, whatever the orientation, patient
position, slice order, file order or tilt.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
from pydicom.dataset import Dataset

from tests.viewer.dicom_factory import (
    LESION_HU,
    LESION_LPS,
    head_phantom,
    lps_grid,
    make_series,
    nibabel_wrapper,
)
from viewer.assembly import NotAVolume, assemble_series, plan_series
from viewer.slice_fill import fill_instance, fill_slice, store_pixels
from viewer.volume import NOT_LOADED_VALUE, Volume

# (orientation, patient position): HFS, flipped rows+columns, FFS, HFP, FFP, sagittal, coronal
ORIENTATIONS = [
    pytest.param((1, 0, 0, 0, 1, 0), "HFS", id="HFS-axial"),
    pytest.param((-1, 0, 0, 0, -1, 0), "HFS", id="flipped-rows-and-columns"),
    pytest.param((-1, 0, 0, 0, 1, 0), "FFS", id="FFS-axial"),
    pytest.param((-1, 0, 0, 0, -1, 0), "HFP", id="HFP-axial"),
    pytest.param((1, 0, 0, 0, -1, 0), "FFP", id="FFP-axial"),
    pytest.param((0, 1, 0, 0, 0, -1), "HFS", id="sagittal"),
    pytest.param((1, 0, 0, 0, 0, -1), "HFS", id="coronal"),
    pytest.param((0.8, 0.6, 0, -0.6, 0.8, 0), "HFS", id="oblique"),
]


def only_volume(datasets: list[Dataset]) -> Volume:
    assembly = assemble_series(datasets)
    assert len(assembly.volumes) == 1
    return assembly.volumes[0]


def assert_matches_phantom(volume: Volume) -> None:
    """Every loaded voxel holds the phantom's value at the voxel's LPS position."""
    expected = head_phantom(lps_grid(volume.affine, volume.shape))
    assert volume.loaded is not None
    loaded = volume.loaded
    np.testing.assert_array_equal(volume.array[loaded], expected[loaded])


def lesion_centre_lps(volume: Volume) -> np.ndarray:
    kji = np.argwhere(volume.array >= LESION_HU - 1).mean(axis=0)
    return volume.index_to_lps(kji[::-1])


@pytest.mark.parametrize(("orientation", "patient_position"), ORIENTATIONS)
@pytest.mark.parametrize("numbering", ["ascending", "descending", "random"])
def test_lesion_stays_on_the_patients_left(
    orientation: tuple[float, ...], patient_position: str, numbering: str
) -> None:
    datasets = make_series(
        orientation=orientation, patient_position=patient_position, numbering=numbering
    )
    volume = only_volume(datasets)
    assert volume.warnings == []
    assert_matches_phantom(volume)
    centre = lesion_centre_lps(volume)
    assert centre[0] > 0, "the left-sided lesion must stay at x > 0 (patient's left)"
    np.testing.assert_allclose(centre, LESION_LPS, atol=2.5)
    # the slice axis points along row × column, and every slice sits at its own position
    normal = np.cross(orientation[:3], orientation[3:])
    assert volume.affine[:3, 2] @ normal == pytest.approx(5.0)
    for ds in datasets:
        k = round(float(volume.lps_to_index(ds.ImagePositionPatient)[2]))
        np.testing.assert_allclose(
            volume.index_to_lps([0, 0, k]), [float(v) for v in ds.ImagePositionPatient], atol=1e-4
        )


@pytest.mark.parametrize(("orientation", "patient_position"), ORIENTATIONS[:6])
def test_affine_agrees_with_nibabel(orientation: tuple[float, ...], patient_position: str) -> None:
    """Cross-check with nibabel's DICOM wrapper, an independent implementation.

    nibabel's affine maps (row index, column index, slice) — our (j, i, k) —
    so its first two columns are ours swapped; its per-slice translation is
    the slice's (0020,0032) position, which must be our affine at (0, 0, k).
    Its slice axis is column × row, the opposite of the DICOM normal
    row × column that our k follows.
    """
    datasets = make_series(orientation=orientation, patient_position=patient_position)
    volume = only_volume(datasets)
    for ds in datasets:
        wrapper = nibabel_wrapper(ds)
        theirs = wrapper.affine
        np.testing.assert_allclose(volume.affine[:3, 0], theirs[:3, 1], atol=1e-6)
        np.testing.assert_allclose(volume.affine[:3, 1], theirs[:3, 0], atol=1e-6)
        k = round(float(volume.lps_to_index(theirs[:3, 3])[2]))
        np.testing.assert_allclose(volume.index_to_lps([0, 0, k]), theirs[:3, 3], atol=1e-4)
        # same pixels, transposed to our [row, column] = nibabel's data[row, column]
        np.testing.assert_array_equal(volume.array[k], wrapper.get_data())
        normal = np.cross(orientation[:3], orientation[3:])
        np.testing.assert_allclose(theirs[:3, 2] / 5.0, -normal, atol=1e-6)
        np.testing.assert_allclose(volume.affine[:3, 2] / 5.0, normal, atol=1e-6)
        assert wrapper.slice_indicator == pytest.approx(
            -float(volume.index_to_lps([0, 0, k]) @ normal)
        )


def test_gantry_tilt_is_warned_and_the_affine_sheared() -> None:
    volume = only_volume(make_series(tilt_deg=15.0))
    assert len(volume.warnings) == 1
    assert "gantry tilt" in volume.warnings[0]
    assert "15.0°" in volume.warnings[0]
    assert "(0018,1120)" in volume.warnings[0]
    # sheared: the slice step is the table step (pure z), not the tilted normal
    np.testing.assert_allclose(volume.affine[:3, 2], [0, 0, 5.0], atol=1e-5)
    assert_matches_phantom(volume)
    # a point at a known LPS maps to the voxel that shows it
    i, j, k = np.rint(volume.lps_to_index(LESION_LPS)).astype(int)
    assert volume.array[k, j, i] == LESION_HU
    assert lesion_centre_lps(volume)[0] > 0


def test_declared_tilt_without_shear_is_reported() -> None:
    datasets = make_series()
    for ds in datasets:
        ds.GantryDetectorTilt = "12"
    volume = only_volume(datasets)
    assert any("Gantry/Detector Tilt is 12°" in w for w in volume.warnings)
    assert_matches_phantom(volume)


def test_missing_slices_are_warned_and_marked_not_loaded() -> None:
    datasets = make_series()
    z_values = sorted(float(ds.ImagePositionPatient[2]) for ds in datasets)
    gone = {z_values[7], z_values[8]}
    kept = [ds for ds in datasets if float(ds.ImagePositionPatient[2]) not in gone]
    assembly = assemble_series(kept)
    volume = assembly.volumes[0]
    assert volume.shape == (20, 32, 32), "the grid keeps its real extent"
    assert volume.warnings == [
        f"2 slice(s) missing between z={z_values[6]:.2f} mm and z={z_values[9]:.2f} mm: "
        "shown as not loaded"
    ]
    assert volume.loaded is not None
    assert list(np.flatnonzero(~volume.loaded)) == [7, 8]
    assert np.all(volume.array[7:9] == NOT_LOADED_VALUE)
    assert assembly.plan.volumes[0].missing == [7, 8]
    assert_matches_phantom(volume)


def test_missing_slice_in_a_sagittal_series_names_x() -> None:
    datasets = make_series(orientation=(0, 1, 0, 0, 0, -1))
    x_values = sorted(float(ds.ImagePositionPatient[0]) for ds in datasets)
    kept = [ds for ds in datasets if float(ds.ImagePositionPatient[0]) != x_values[4]]
    volume = only_volume(kept)
    assert "between x=" in volume.warnings[0]


def test_duplicate_positions_are_warned() -> None:
    datasets = make_series(numbering="ascending")
    by_number = {int(ds.InstanceNumber): ds for ds in datasets}
    twin = copy.deepcopy(by_number[5])
    twin.SOPInstanceUID = "1.2.3.4.5"
    twin.InstanceNumber = 99
    volume = only_volume([*datasets, twin])
    assert len(volume.warnings) == 1
    assert volume.warnings[0].startswith("duplicate slice positions: 1 image(s)")
    assert "lowest Instance Number" in volume.warnings[0]
    assert volume.shape[0] == 20


def test_the_same_instance_twice_is_reported() -> None:
    datasets = make_series()
    volume = only_volume([*datasets, datasets[3]])
    assert volume.warnings == ["1 image(s) received twice (same SOP Instance UID): one copy used"]
    assert_matches_phantom(volume)


def test_sequential_head_ct_in_two_zones_is_not_a_volume() -> None:
    """2.5 mm posterior-fossa then 5 mm cerebrum slices: no regular grid holds both."""
    steps = [2.5] * 8 + [5.0] * 11
    datasets = make_series(numbering="ascending", shuffle_seed=None)
    z = np.concatenate([[0.0], np.cumsum(steps)])
    for ds, position in zip(datasets, z, strict=True):
        ds.ImagePositionPatient = [ds.ImagePositionPatient[0], ds.ImagePositionPatient[1], position]
    with pytest.raises(NotAVolume, match="uneven slice spacing") as raised:
        assemble_series(datasets)
    assert raised.value.parts[0].images == 20, "the 2-D viewer gets every image"


def test_one_odd_step_is_a_warned_volume() -> None:
    """One 6.5 mm step among 5 mm ones: every slice within a third of a spacing of the
    fitted grid, so a volume, with a warning naming where the worst slice was acquired."""
    steps = [5.0] * 9 + [6.5] + [5.0] * 9
    datasets = make_series(numbering="ascending", shuffle_seed=None)
    z = np.concatenate([[0.0], np.cumsum(steps)])
    for ds, position in zip(datasets, z, strict=True):
        ds.ImagePositionPatient = [ds.ImagePositionPatient[0], ds.ImagePositionPatient[1], position]
    volume = only_volume(datasets)
    assert volume.shape[0] == 20
    (warning,) = volume.warnings
    assert warning.startswith("uneven slice spacing: slices up to 0.")
    assert "acquired at z=" in warning and "shown at z=" in warning
    # the fitted spacing, not the first step nor the median
    slope, intercept = np.polyfit(np.arange(20), z, 1)
    assert volume.affine[2, 2] == pytest.approx(slope)
    assert volume.affine[2, 3] == pytest.approx(intercept)


def test_mixed_orientations_are_split_and_warned() -> None:
    axial = make_series()
    sagittal = make_series(
        orientation=(0, 1, 0, 0, 0, -1), series_uid=axial[0].SeriesInstanceUID, shape=(12, 32, 32)
    )
    assembly = assemble_series([*axial, *sagittal])
    assert len(assembly.volumes) == 2
    assert sorted(v.label for v in assembly.volumes) == ["axial", "sagittal"]
    for volume in assembly.volumes:
        assert any("mixed orientations" in w for w in volume.warnings)
        assert_matches_phantom(volume)
        assert lesion_centre_lps(volume)[0] > 0


def test_mixed_sizes_are_split_and_warned() -> None:
    large = make_series()
    small = make_series(
        shape=(20, 16, 16), pixel_spacing=(8.0, 8.0), series_uid=large[0].SeriesInstanceUID
    )
    assembly = assemble_series([*large, *small])
    assert [v.shape for v in assembly.volumes] == [(20, 32, 32), (20, 16, 16)]
    assert any("mixed image sizes" in w for w in assembly.warnings)


def test_progressive_fill_marks_slices_as_they_arrive() -> None:
    datasets = make_series()
    headers = []
    for ds in datasets:
        header = copy.deepcopy(ds)
        del header.PixelData
        headers.append(header)
    plan = plan_series(headers).volumes[0]
    volume = plan.new_volume()
    assert volume.loaded is not None
    assert not volume.loaded.any()
    assert np.all(volume.array == NOT_LOADED_VALUE)
    filled = fill_instance(volume, plan, datasets[0])
    assert len(filled) == 1
    assert volume.loaded.sum() == 1
    assert np.all(np.delete(volume.array, filled, axis=0) == NOT_LOADED_VALUE)
    for ds in datasets[1:]:
        fill_instance(volume, plan, ds)
    assert volume.loaded.all()
    assert_matches_phantom(volume)


def test_fill_refuses_the_wrong_instance() -> None:
    datasets = make_series()
    plan = plan_series(datasets).volumes[0]
    volume = plan.new_volume()
    k = plan.slices_of(datasets[0].SOPInstanceUID)[0]
    with pytest.raises(ValueError, match="another instance"):
        fill_slice(volume, plan, k, datasets[1])
    assert volume.loaded is not None
    assert not volume.loaded[k]


def test_banner_and_default_window_come_from_the_datasets() -> None:
    volume = only_volume(make_series())
    assert volume.banner.name == "TEST^LEFTLESION"
    assert volume.banner.patient_id == "SYN-0001"
    assert volume.banner.issuer == "STROKELINK-TEST"
    assert volume.banner.birth_date == "19500101"
    assert volume.banner.sex == "F"
    assert volume.default_window == (80.0, 40.0)
    assert volume.modality == "CT"
    assert volume.frame_of_reference_uid


def test_frames_retrieved_without_their_instance_can_be_stored() -> None:
    """WADO-RS frames: decoded stored values + the plan's rescale, no full instance."""
    datasets = make_series(intercept=-1024)
    plan = plan_series(datasets).volumes[0]
    volume = plan.new_volume()
    for ds in datasets:
        (k,) = plan.slices_of(ds.SOPInstanceUID)
        stored = np.frombuffer(ds.PixelData, dtype=np.int16).reshape(32, 32)
        store_pixels(volume, plan, k, stored)
    assert_matches_phantom(volume)
    with pytest.raises(ValueError, match="shape"):
        store_pixels(volume, plan, 0, np.zeros((16, 16), np.int16))
