"""The folder loader's slices equal :meth:`viewer.dicom_folder.Series.assemble`'s volumes,
whether read straight from the files (uncompressed) or decoded by pydicom (compressed,
or a file changed since the scan)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
from pydicom.uid import RLELossless

from app.retrieve.model import RetrievalCallbacks, SeriesStatus
from app.ui.viewer.folder_source import FolderContents, load_pixels, scan_folder
from minihub.synth import write_ct_series
from viewer.dicom_folder import read_folder


def loaded_volumes(contents: FolderContents) -> dict[str, list[np.ndarray]]:
    """Every volume of every series, filled from the slices ``load_pixels`` hands over."""
    volumes = {
        found.series_uid: [np.zeros_like(v.array) for v in found.planned.volumes]
        for found in contents.series
    }
    seen: set[tuple[str, int, int]] = set()
    statuses: list[SeriesStatus] = []

    def on_slice(uid: str, v: int, k: int, array: np.ndarray) -> None:
        assert (uid, v, k) not in seen
        seen.add((uid, v, k))
        target = volumes[uid][v]
        if array.dtype != target.dtype:  # int16 overflow: the GUI makes the volume float32
            volumes[uid][v] = target = target.astype(array.dtype)
        target[k] = array

    callbacks = RetrievalCallbacks(
        on_slice=on_slice, on_series_done=lambda uid, result: statuses.append(result.status)
    )
    load_pixels(contents, callbacks, threading.Event())
    assert statuses == [SeriesStatus.COMPLETE] * len(contents.series)
    return volumes


def assert_same_as_assemble(folder: Path, contents: FolderContents) -> None:
    expected = {s.series_instance_uid: s.assemble() for s in read_folder(folder).series}
    loaded = loaded_volumes(contents)
    compared = 0
    for found in contents.series:
        if found.planned.plan is None:
            continue
        assembly = expected[found.series_uid]
        assert len(loaded[found.series_uid]) == len(assembly.volumes)
        for mine, theirs in zip(loaded[found.series_uid], assembly.volumes, strict=True):
            assert theirs.loaded is not None and theirs.loaded.all()
            assert mine.dtype == theirs.array.dtype
            assert np.array_equal(mine, theirs.array)
            compared += 1
    assert compared


def test_synthetic_cases_load_pixel_identical_to_assemble(synth_root: Path) -> None:
    folder = synth_root / "left-mca"  # NCCT (30 slices) and CTA (200 slices), 512×512
    contents = scan_folder(folder)
    for found in contents.series:  # uncompressed: every slice is read from its file
        assert len(found.series.pixel_locations) == found.series.instances
    assert_same_as_assemble(folder, contents)


def test_compressed_files_are_decoded_by_pydicom(tmp_path: Path) -> None:
    folder = write_ct_series(
        tmp_path, slices=6, rows=64, columns=64, slice_thickness_mm=5.0,
        transfer_syntax=RLELossless,
    )  # fmt: skip
    contents = scan_folder(folder)
    (found,) = contents.series
    assert not found.series.pixel_locations
    assert_same_as_assemble(folder, contents)


def test_a_file_changed_since_the_scan_is_read_again(tmp_path: Path) -> None:
    folder = write_ct_series(tmp_path, slices=6, rows=64, columns=64, slice_thickness_mm=5.0)
    contents = scan_folder(folder)
    (found,) = contents.series
    assert len(found.series.pixel_locations) == 6
    path = found.series.paths[2]
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 10**9))  # no longer as scanned
    assert_same_as_assemble(folder, contents)


def test_cancel_stops_after_the_middle_slice(tmp_path: Path) -> None:
    folder = write_ct_series(tmp_path, slices=8, rows=32, columns=32, slice_thickness_mm=5.0)
    contents = scan_folder(folder)
    cancel = threading.Event()
    received: list[int] = []
    done: list[SeriesStatus] = []

    def on_slice(uid: str, v: int, k: int, array: np.ndarray) -> None:
        received.append(k)
        cancel.set()

    callbacks = RetrievalCallbacks(
        on_slice=on_slice, on_series_done=lambda uid, result: done.append(result.status)
    )
    load_pixels(contents, callbacks, cancel)
    assert received == [4] and done == [SeriesStatus.CANCELED]
