"""Series that are several volumes, enhanced multi-frame, voxel types, bad input.

A DWI with b0 and b1000 is two volumes; a CT perfusion is 4-D, not
duplicates; an enhanced multi-frame instance is a volume; int16 unless the
rescale is not integral; malformed files give warnings naming the file, never
a crash; pydicom's own test files give sensible answers.
"""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset
from pydicom.uid import generate_uid

from tests.viewer.dicom_factory import (
    LESION_HU,
    head_phantom,
    lps_grid,
    make_enhanced,
    make_series,
    nibabel_wrapper,
    with_tags,
    write_series,
)
from viewer.assembly import NotAVolume, assemble_series
from viewer.dicom_folder import Series, read_folder
from viewer.volume import NOT_LOADED_VALUE, Volume


def assert_matches_phantom(volume: Volume) -> None:
    expected = head_phantom(lps_grid(volume.affine, volume.shape))
    assert volume.loaded is not None
    np.testing.assert_allclose(volume.array[volume.loaded], expected[volume.loaded], atol=1e-3)


def dwi_series(b_values: list[float], **tags: object) -> list[Dataset]:
    series = make_series(modality="MR", intercept=0, shape=(10, 32, 32))[0].SeriesInstanceUID
    datasets: list[Dataset] = []
    for b in b_values:
        part = make_series(
            modality="MR",
            intercept=2000,
            shape=(10, 32, 32),
            series_uid=series,
            shuffle_seed=int(b),
        )
        datasets += with_tags(part, DiffusionBValue=b, SeriesDescription="ep2d_diff_tra", **tags)
    return datasets


def test_dwi_b0_and_b1000_are_two_volumes_not_duplicates() -> None:
    assembly = assemble_series(dwi_series([0, 1000]))
    assert [v.label for v in assembly.volumes] == ["b=0", "b=1000"]
    assert assembly.warnings == []
    assert assembly.times is None
    for volume in assembly.volumes:
        assert volume.kind == "dwi"
        assert volume.shape == (10, 32, 32)
        assert_matches_phantom(volume)


def test_adc_and_trace_in_one_series_are_told_apart_by_image_type() -> None:
    trace = dwi_series([1000])
    with_tags(trace, ImageType=["DERIVED", "PRIMARY", "DIFFUSION", "TRACEW"])
    adc = make_series(
        modality="MR", intercept=2000, shape=(10, 32, 32), series_uid=trace[0].SeriesInstanceUID
    )
    with_tags(adc, ImageType=["DERIVED", "PRIMARY", "DIFFUSION", "ADC"])
    assembly = assemble_series([*trace, *adc])
    assert assembly.warnings == []
    kinds = {v.label: v.kind for v in assembly.volumes}
    assert kinds == {"ADC": "adc", "TRACEW b=1000": "dwi"}


def ctp_series(time_points: int, *, temporal_ids: bool) -> list[Dataset]:
    series = None
    datasets: list[Dataset] = []
    for t in range(time_points):
        part = make_series(
            shape=(8, 16, 16), pixel_spacing=(8.0, 8.0), series_uid=series, shuffle_seed=t
        )
        series = part[0].SeriesInstanceUID
        seconds = 10 * 3600 + 15 * 60 + 2 * t  # one rotation every 2 s
        clock = f"{seconds // 3600:02d}{seconds // 60 % 60:02d}{seconds % 60:02d}.250000"
        with_tags(part, AcquisitionTime=clock, SeriesDescription="CEREBRAL PERFUSION")
        if temporal_ids:
            with_tags(part, TemporalPositionIdentifier=t + 1)
        datasets += part
    datasets.reverse()
    return datasets


@pytest.mark.parametrize("temporal_ids", [True, False], ids=["temporal-position", "times-only"])
def test_ct_perfusion_is_four_d_not_duplicates(temporal_ids: bool) -> None:
    assembly = assemble_series(ctp_series(5, temporal_ids=temporal_ids))
    assert len(assembly.volumes) == 5
    assert assembly.warnings == []
    assert assembly.times == pytest.approx([0.0, 2.0, 4.0, 6.0, 8.0])
    assert [v.label for v in assembly.volumes] == [f"t={2 * n:.1f} s" for n in range(5)]
    for volume in assembly.volumes:
        assert volume.kind == "ctp"
        assert volume.shape == (8, 16, 16)
        assert_matches_phantom(volume)


def test_repeated_positions_without_times_are_duplicates() -> None:
    first = make_series(shape=(8, 16, 16), pixel_spacing=(8.0, 8.0))
    again = make_series(
        shape=(8, 16, 16), pixel_spacing=(8.0, 8.0), series_uid=first[0].SeriesInstanceUID
    )
    assembly = assemble_series([*first, *again])
    assert len(assembly.volumes) == 1
    assert any("duplicate slice positions: 8 image(s)" in w for w in assembly.warnings)


@pytest.mark.parametrize("enhanced_mr", [True, False], ids=["enhanced-MR", "enhanced-CT"])
def test_enhanced_multi_frame_is_one_volume(enhanced_mr: bool) -> None:
    frames = make_series(orientation=(-1, 0, 0, 0, -1, 0), modality="MR", intercept=0)
    for n, ds in enumerate(frames):  # per-frame rescale, (0028,9145) in each frame
        ds.RescaleIntercept = str(-n)
        ds.PixelData = (np.frombuffer(ds.PixelData, np.int16) + n).astype(np.int16).tobytes()
    enhanced = make_enhanced(frames, enhanced_mr=enhanced_mr)
    assembly = assemble_series([enhanced])
    volume = assembly.volumes[0]
    assert volume.shape == (20, 32, 32)
    assert volume.array.dtype == np.int16
    assert volume.default_window == (80.0, 40.0)
    assert_matches_phantom(volume)
    assert any("Rescale Intercept differ between slices" in w for w in volume.warnings)
    if enhanced_mr:
        # nibabel's multi-frame wrapper: (row, column, slice) with its slice axis along
        # column × row, so its first voxel is our last slice. (Its slice spacing is not
        # compared: nibabel 5.x indexes frame positions by sort rank, which is wrong
        # for frames stored out of order.)
        theirs = nibabel_wrapper(enhanced).affine
        np.testing.assert_allclose(volume.affine[:3, 0], theirs[:3, 1], atol=1e-6)
        np.testing.assert_allclose(volume.affine[:3, 1], theirs[:3, 0], atol=1e-6)
        last = volume.index_to_lps([0, 0, volume.shape[0] - 1])
        np.testing.assert_allclose(last, theirs[:3, 3], atol=1e-4)


def test_integral_rescale_gives_int16() -> None:
    volume = assemble_series(make_series(slope=1, intercept=-1024)).volumes[0]
    assert volume.array.dtype == np.int16


def test_fractional_slope_gives_float32() -> None:
    volume = assemble_series(make_series(slope=0.5, intercept=-1024.5)).volumes[0]
    assert volume.array.dtype == np.float32
    assert_matches_phantom(volume)


def test_values_beyond_int16_become_float32_with_a_warning() -> None:
    datasets = make_series(modality="MR", intercept=-40000, pixel_representation=0)
    for ds in datasets:
        del ds.RescaleSlope, ds.RescaleIntercept  # raw uint16 values up to 41000
    volume = assemble_series(datasets).volumes[0]
    assert volume.array.dtype == np.float32
    assert any("float32" in w for w in volume.warnings)
    expected = head_phantom(lps_grid(volume.affine, volume.shape)) + 40000
    np.testing.assert_array_equal(volume.array, expected)
    assert float(volume.array.max()) == 40000 + LESION_HU


def test_localizer_in_the_series_is_left_out_with_a_warning() -> None:
    datasets = make_series()
    scout = copy.deepcopy(datasets[0])
    scout.SOPInstanceUID = "1.2.826.0.1.3680043.2.1.1"
    scout.ImageType = ["ORIGINAL", "PRIMARY", "LOCALIZER"]
    scout.ImageOrientationPatient = [1, 0, 0, 0, 0, -1]
    assembly = assemble_series([scout, *datasets])
    assert len(assembly.volumes) == 1
    assert assembly.volumes[0].label == "AXIAL"
    assert [p.kind for p in assembly.not_volumes] == ["localizer"]
    assert "not a volume: LOCALIZER: localizer (scout) image" in assembly.warnings


def test_single_image_is_not_a_volume() -> None:
    with pytest.raises(NotAVolume, match="a single image") as raised:
        assemble_series(make_series()[:1])
    assert raised.value.parts[0].images == 1


@pytest.mark.filterwarnings("ignore::UserWarning")  # pydicom, on the deliberately bad files
def test_truncated_pixel_data_is_a_warning_naming_the_file(tmp_path: Path) -> None:
    paths = write_series(make_series(), tmp_path / "ct")
    broken = paths[5]
    data = broken.read_bytes()
    broken.write_bytes(data[: len(data) - 600])
    (tmp_path / "ct" / "notes.txt").write_text("not dicom at all\n")
    (tmp_path / "ct" / "fake.dcm").write_bytes(b"\0" * 128 + b"DICM" + b"\x02\x00garbage")
    scan = read_folder(tmp_path)
    assert len(scan.series) == 1
    assert any(w.startswith("skipped notes.txt: not a DICOM file") for w in scan.warnings)
    assert any(w.startswith("skipped fake.dcm") for w in scan.warnings)
    assert all(str(tmp_path) not in w for w in scan.warnings), "basenames only"
    assembly = scan.series[0].assemble()
    volume = assembly.volumes[0]
    bad = [w for w in volume.warnings if broken.name in w]
    assert len(bad) == 1
    assert "shown as not loaded" in bad[0]
    assert str(tmp_path) not in bad[0]
    assert volume.loaded is not None
    assert int((~volume.loaded).sum()) == 1
    assert np.all(volume.array[~volume.loaded] == NOT_LOADED_VALUE)
    assert_matches_phantom(volume)


def test_folder_groups_series_and_reads_pixels_per_instance(tmp_path: Path) -> None:
    ct = make_series()
    dwi = dwi_series([0, 1000])
    write_series(ct, tmp_path / "a", prefix="X")
    write_series(dwi, tmp_path / "b" / "deeper", prefix="Y")
    scan = read_folder(tmp_path)
    assert scan.warnings == []
    assert sorted(s.instances for s in scan.series) == [20, 20]
    assert all("PixelData" not in h for s in scan.series for h in s.headers)
    volumes = [v for s in scan.series for v in s.assemble().volumes]
    assert sorted(v.label for v in volumes) == ["", "b=0", "b=1000"]
    for volume in volumes:
        assert volume.loaded is not None
        assert volume.loaded.all()
        assert_matches_phantom(volume)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("CT_small.dcm", "a single image"),
        ("MR_small.dcm", "a single image"),
        ("emri_small.dcm", "multi-frame image without (5200,9230)"),
        ("SC_rgb.dcm", "colour image"),
        ("OT-PAL-8-face.dcm", "colour image"),
        ("rtplan.dcm", "not an image (RT Plan Storage)"),
        ("reportsi.dcm", "not an image (Basic Text SR Storage)"),
        ("liver.dcm", "segmentation"),
        ("liver_1frame.dcm", "segmentation"),
    ],
)
def test_pydicom_test_files_are_not_volumes(name: str, reason: str) -> None:
    path = get_testdata_file(name)
    assert path is not None
    with pytest.raises(NotAVolume) as raised:
        assemble_series([pydicom.dcmread(path, force=True)])
    assert reason in raised.value.reason


def test_pydicom_enhanced_ct_is_a_two_slice_volume() -> None:
    path = get_testdata_file("eCT_Supplemental.dcm")
    assert path is not None
    assembly = assemble_series([pydicom.dcmread(path)])
    volume = assembly.volumes[0]
    assert volume.shape == (2, 512, 512)
    assert volume.array.dtype == np.int16
    assert volume.spacing == pytest.approx((0.388672, 0.388672, 10.0))
    # (0020,0037) is [-1, 0, 0, 0, 1, 0]: columns run to the patient's right
    np.testing.assert_allclose(volume.affine[:3, 0], [-0.388672, 0, 0], atol=1e-9)
    # slices sorted along the normal (0, 0, -1): the first is the upper one, z = -149
    np.testing.assert_allclose(volume.affine[:3, 3], [99.5, -301.5, -149.0])
    assert volume.kind == "other"
    assert volume.default_window == (102.0, 49.0)


def test_pydicom_ct_series_of_real_slices() -> None:
    """Three real CT slices of pydicom-data (693_*) agree with nibabel."""
    path = get_testdata_file("693_UNCI.dcm")
    assert path is not None
    ds = pydicom.dcmread(path)
    shifted = []
    for n in range(3):  # the same slice at three positions 2 mm apart
        copy_n = copy.deepcopy(ds)
        copy_n.SOPInstanceUID = generate_uid()
        position = [float(v) for v in ds.ImagePositionPatient]
        copy_n.ImagePositionPatient = [position[0], position[1], position[2] + 2 * n]
        shifted.append(copy_n)
    volume = assemble_series(shifted).volumes[0]
    theirs = nibabel_wrapper(ds)
    np.testing.assert_allclose(volume.affine[:3, 0], theirs.affine[:3, 1], atol=1e-6)
    np.testing.assert_allclose(volume.array[0], theirs.get_data(), atol=0)


def test_echoes_are_separate_volumes() -> None:
    first = with_tags(make_series(modality="MR", intercept=0, shape=(6, 16, 16)), EchoNumbers=1)
    second = make_series(
        modality="MR", intercept=0, shape=(6, 16, 16), series_uid=first[0].SeriesInstanceUID
    )
    assembly = assemble_series([*first, *with_tags(second, EchoNumbers=2)])
    assert [v.label for v in assembly.volumes] == ["echo 1", "echo 2"]
    assert assembly.warnings == []


def test_siemens_private_b_value_splits_dwi() -> None:
    datasets = dwi_series([0, 1000])
    for ds in datasets:
        b = ds.DiffusionBValue
        del ds.DiffusionBValue
        block = ds.private_block(0x0019, "SIEMENS MR HEADER", create=True)
        block.add_new(0x0C, "IS", int(b))
    assembly = assemble_series(datasets)
    assert [v.label for v in assembly.volumes] == ["b=0", "b=1000"]
    assert [v.kind for v in assembly.volumes] == ["dwi", "dwi"]


def test_ct_perfusion_times_from_trigger_time() -> None:
    datasets = ctp_series(3, temporal_ids=False)
    for ds in datasets:
        seconds = float(ds.AcquisitionTime[4:6])  # 00, 02, 04 s within the minute
        ds.TriggerTime = f"{seconds * 1000:g}"
        del ds.AcquisitionTime, ds.AcquisitionDate
    assembly = assemble_series(datasets)
    assert assembly.times is not None
    assert np.diff(assembly.times) == pytest.approx([2.0, 2.0])


def test_a_few_slices_far_apart_are_not_a_volume() -> None:
    datasets = make_series(numbering="ascending", shuffle_seed=None)[:4]
    x, y, z = (float(v) for v in datasets[0].ImagePositionPatient)
    datasets[3].ImagePositionPatient = [x, y, z + 250.0]  # a step of 50 slices
    with pytest.raises(NotAVolume, match="too sparse for a volume"):
        assemble_series(datasets)


def test_dicomdir_file_set_reads_without_crashing() -> None:
    path = get_testdata_file("DICOMDIR")
    assert path is not None
    scan = read_folder(Path(path).parent)
    assert all("DICOMDIR" not in w for w in scan.warnings), "a DICOMDIR is skipped silently"
    assert len(scan.series) > 5
    outcomes = [volumes_and_parts(series) for series in scan.series]
    assert all(volumes + parts > 0 for volumes, parts in outcomes)
    assert any(volumes for volumes, _ in outcomes)


def volumes_and_parts(series: Series) -> tuple[int, int]:
    """How many volumes and non-volume parts a series plans into."""
    try:
        plan = series.plan()
    except NotAVolume as refusal:
        return 0, len(refusal.parts)
    return len(plan.volumes), len(plan.not_volumes)
