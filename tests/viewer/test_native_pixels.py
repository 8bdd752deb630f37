"""Reading uncompressed pixel data straight from files gives exactly pydicom's volume.

Every folder is assembled twice: through :meth:`Series.assemble` (pixel data
located by the scan and read into the volume, :mod:`viewer.native_pixels`)
and through :func:`assemble_series` with pydicom decoding every instance. The
two must agree voxel for voxel, in dtype, loaded flags and warnings. Files
the fast path must not read (big endian, deflated, compressed, unexpected
lengths, files changed since the scan) are left to pydicom.
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset
from pydicom.uid import (
    DeflatedExplicitVRLittleEndian,
    ExplicitVRBigEndian,
    ImplicitVRLittleEndian,
    RLELossless,
)

from tests.viewer.dicom_factory import make_enhanced, make_series, write_series
from viewer.assembly import SeriesAssembly, assemble_series
from viewer.dicom_folder import Series, read_folder
from viewer.native_pixels import (
    StaleFile,
    in_threads,
    integral_intercept,
    read_frame,
    voxel_array,
)
from viewer.volume import NOT_LOADED_VALUE

SHAPE = (6, 12, 10)  # slices, rows, columns: small, odd-sized images


def scan_one(folder: Path) -> Series:
    scan = read_folder(folder)
    assert scan.warnings == []
    assert len(scan.series) == 1
    return scan.series[0]


def with_pydicom(series: Series) -> SeriesAssembly:
    """The reference: every instance read again and decoded by pydicom."""
    return assemble_series(series.headers, read_pixels=series.read_instance)


def assert_same(fast: SeriesAssembly, slow: SeriesAssembly) -> None:
    assert len(fast.volumes) == len(slow.volumes)
    for a, b in zip(fast.volumes, slow.volumes, strict=True):
        assert a.array.dtype == b.array.dtype
        assert a.array.shape == b.array.shape
        np.testing.assert_array_equal(a.array, b.array)
        assert a.loaded is not None and b.loaded is not None
        np.testing.assert_array_equal(a.loaded, b.loaded)
        np.testing.assert_array_equal(a.affine, b.affine)
    assert fast.warnings == slow.warnings


def stored_values(ds: Dataset) -> np.ndarray:
    bits = int(ds.BitsAllocated)
    kind = "i" if int(ds.PixelRepresentation) else "u"
    return np.frombuffer(ds.PixelData, dtype=f"<{kind}{bits // 8}")


def set_stored(ds: Dataset, values: np.ndarray) -> None:
    ds.PixelData = values.tobytes()


def both_ways(folder: Path, *, located: bool, native: bool = True) -> SeriesAssembly:
    """Assemble from files and with pydicom; ``native``: no instance needed pydicom."""
    series = scan_one(folder)
    assert (len(series.pixel_locations) == series.instances) is located
    if not located:
        assert series.pixel_locations == {}
    fast = series.assemble(workers=3)
    assert_same(fast, with_pydicom(series))
    assert_same(series.assemble(workers=1), fast)
    if located and native:
        # Nothing needed pydicom's decoding: every slice was read from its file.
        only_files = assemble_series(
            series.headers,
            read_pixels=refuse,
            pixel_locations=[series.pixel_locations[p] for p in series.paths],
            workers=2,
        )
        assert_same(only_files, fast)
    return fast


def refuse(index: int) -> Dataset:
    raise AssertionError(f"instance {index} was decoded by pydicom")


@pytest.mark.parametrize("signed", [True, False])
@pytest.mark.parametrize(
    ("slope", "intercept", "dtype"),
    [(1.0, -1024.0, np.int16), (1.0, 0.0, np.int16), (2.5, -1024.0, np.float32)],
)
def test_sixteen_bit_values_identical_to_pydicom(
    tmp_path: Path, signed: bool, slope: float, intercept: float, dtype: type
) -> None:
    datasets = make_series(
        shape=SHAPE, slope=slope, intercept=intercept, pixel_representation=int(signed)
    )
    write_series(datasets, tmp_path)
    volume = both_ways(tmp_path, located=True).volumes[0]
    assert volume.array.dtype == dtype
    assert volume.loaded is not None and volume.loaded.all()


def test_without_rescale_tags(tmp_path: Path) -> None:
    datasets = make_series(shape=SHAPE, intercept=0.0)
    for ds in datasets:
        del ds.RescaleSlope, ds.RescaleIntercept
    write_series(datasets, tmp_path)
    assert both_ways(tmp_path, located=True).volumes[0].array.dtype == np.int16


@pytest.mark.parametrize("signed", [True, False])
def test_bits_above_bits_stored_are_discarded_as_pydicom_does(tmp_path: Path, signed: bool) -> None:
    """12 bits stored in 16: garbage in the top 4 bits is masked (sign-extended if signed)."""
    datasets = make_series(shape=SHAPE, intercept=-1024.0, pixel_representation=int(signed))
    rng = np.random.default_rng(1)
    for ds in datasets:
        ds.BitsStored, ds.HighBit = 12, 11
        raw = stored_values(ds).view(np.uint16) & 0x0FFF
        noise = rng.integers(0, 16, size=raw.shape, dtype=np.uint16) << 12
        set_stored(ds, raw | noise)
    write_series(datasets, tmp_path)
    volume = both_ways(tmp_path, located=True).volumes[0]
    assert volume.array.min() >= (-2048 if signed else 0) - 1024


def test_implicit_vr_little_endian(tmp_path: Path) -> None:
    datasets = make_series(shape=SHAPE)
    for ds in datasets:
        ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
    write_series(datasets, tmp_path)
    both_ways(tmp_path, located=True)


@pytest.mark.parametrize("signed", [True, False])
def test_eight_bit_odd_length_padded(tmp_path: Path, signed: bool) -> None:
    """3 × 5 one-byte pixels: 15 bytes of values, padded to 16 in the file."""
    datasets = make_series(shape=(4, 3, 5), intercept=-100.0, pixel_representation=int(signed))
    rng = np.random.default_rng(2)
    for ds in datasets:
        ds.BitsAllocated, ds.BitsStored, ds.HighBit = 8, 8, 7
        kind = np.int8 if signed else np.uint8
        set_stored(ds, rng.integers(-100 if signed else 0, 100, size=15).astype(kind))
    write_series(datasets, tmp_path)
    with open(next(tmp_path.iterdir()), "rb") as fp:
        assert len(pydicom.dcmread(fp).PixelData) == 16
    both_ways(tmp_path, located=True)


def test_enhanced_multi_frame_reads_each_frame(tmp_path: Path) -> None:
    frames = make_series(shape=SHAPE, intercept=-1024.0)
    write_series([make_enhanced(frames)], tmp_path)
    series = scan_one(tmp_path)
    location = next(iter(series.pixel_locations.values()))
    assert location.frames == SHAPE[0]
    volume = both_ways(tmp_path, located=True).volumes[0]
    assert volume.shape == SHAPE


def test_trailing_padding_after_pixel_data_is_ignored(tmp_path: Path) -> None:
    datasets = make_series(shape=SHAPE)
    for ds in datasets:
        ds.DataSetTrailingPadding = b"\0" * 32
    write_series(datasets, tmp_path)
    both_ways(tmp_path, located=True)


def big_endian(ds: Dataset) -> None:
    ds.file_meta.TransferSyntaxUID = ExplicitVRBigEndian
    set_stored(ds, stored_values(ds).byteswap())


def deflated(ds: Dataset) -> None:
    ds.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian


def rle(ds: Dataset) -> None:
    ds.compress(RLELossless)


def excess_bytes(ds: Dataset) -> None:
    ds.PixelData = bytes(ds.PixelData) + b"\0\0\0\0"


def thirty_two_bit(ds: Dataset) -> None:
    values = stored_values(ds).astype(np.int32)
    ds.BitsAllocated = 32  # 32-bit pixels are left to pydicom
    ds.BitsStored, ds.HighBit = 32, 31
    set_stored(ds, values)


@pytest.mark.filterwarnings("ignore::UserWarning")  # pydicom on excess pixel data
@pytest.mark.parametrize(
    "change", [big_endian, deflated, rle, excess_bytes, thirty_two_bit], ids=lambda f: f.__name__
)
def test_other_encodings_are_left_to_pydicom(
    tmp_path: Path, change: Callable[[Dataset], None]
) -> None:
    datasets = make_series(shape=SHAPE)
    for ds in datasets:
        change(ds)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # writing big endian
        write_series(datasets, tmp_path)
    fast = both_ways(tmp_path, located=False)
    assert fast.volumes[0].loaded is not None and fast.volumes[0].loaded.all()


def test_a_file_changed_after_the_scan_is_read_again_by_pydicom(tmp_path: Path) -> None:
    paths = write_series(make_series(shape=SHAPE), tmp_path)
    series = scan_one(tmp_path)
    before = series.assemble().volumes[0]
    # Same instance, new pixel values (and a new modification time): never the stale bytes.
    changed = pydicom.dcmread(paths[2])
    set_stored(changed, stored_values(changed) + 7)
    changed.save_as(paths[2], enforce_file_format=True)
    stat = paths[2].stat()
    os.utime(paths[2], ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    with pytest.raises(StaleFile):
        read_frame(series.pixel_locations[paths[2]])
    fast = series.assemble()
    assert_same(fast, with_pydicom(series))
    (index,) = fast.plan.volumes[0].slices_of(str(changed.SOPInstanceUID))
    np.testing.assert_array_equal(fast.volumes[0].array[index], before.array[index] + 7)


def test_a_file_truncated_after_the_scan_is_a_warning(tmp_path: Path) -> None:
    paths = write_series(make_series(shape=SHAPE), tmp_path)
    series = scan_one(tmp_path)
    paths[4].write_bytes(paths[4].read_bytes()[:-50])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        fast = series.assemble()
        assert_same(fast, with_pydicom(series))
    volume = fast.volumes[0]
    assert volume.loaded is not None and int((~volume.loaded).sum()) == 1
    assert np.all(volume.array[~volume.loaded] == NOT_LOADED_VALUE)
    assert any(paths[4].name in w and "not loaded" in w for w in volume.warnings)


def test_values_beyond_int16_promote_the_volume_to_float32(tmp_path: Path) -> None:
    datasets = make_series(shape=SHAPE, intercept=0.0, pixel_representation=0)
    big = datasets[3]
    set_stored(big, stored_values(big).astype(np.uint16) + 40000)
    write_series(datasets, tmp_path)
    # That instance's values do not fit int16: pydicom decodes it into the promoted volume.
    fast = both_ways(tmp_path, located=True, native=False)
    assert fast.volumes[0].array.dtype == np.float32
    assert float(fast.volumes[0].array.max()) >= 40000
    assert any("float32" in w for w in fast.warnings)


def test_progress_counts_every_instance_and_can_cancel(tmp_path: Path) -> None:
    write_series(make_series(shape=SHAPE), tmp_path)
    series = scan_one(tmp_path)
    seen: list[tuple[int, int]] = []
    series.assemble(progress=lambda done, total: seen.append((done, total)), workers=2)
    assert seen == [(n, SHAPE[0]) for n in range(1, SHAPE[0] + 1)]

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        if done == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        series.assemble(progress=cancel, workers=2)


def test_integral_intercept() -> None:
    assert integral_intercept(None) == 0
    assert integral_intercept((1.0, -1024.0)) == -1024
    assert integral_intercept((1.0, 0.5)) is None
    assert integral_intercept((2.0, 0.0)) is None


def test_in_threads_reports_in_the_calling_thread_and_propagates_errors() -> None:
    caller = threading.get_ident()
    results: dict[int, int] = {}

    def finished(n: int, value: int) -> None:
        assert threading.get_ident() == caller
        results[n] = value

    in_threads(lambda n: n * n, range(20), workers=3, finished=finished)
    assert results == {n: n * n for n in range(20)}

    def fail(n: int) -> int:
        raise RuntimeError(f"task {n}")

    with pytest.raises(RuntimeError, match="task"):
        in_threads(fail, [1, 2, 3], workers=2, finished=finished)


def test_voxel_array_is_writable_contiguous_memory() -> None:
    array = voxel_array((3, 4, 5), np.int16)
    assert array.shape == (3, 4, 5) and array.dtype == np.int16
    assert array.flags.c_contiguous and array.flags.writeable
    array[...] = 7
    assert int(array.sum()) == 7 * 60
    assert voxel_array((0, 4, 5), np.float32).shape == (0, 4, 5)
