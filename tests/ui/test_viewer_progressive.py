"""Progressive loading (hatched "not loaded" slices that fill in), the folder loader,
the 2-D viewer for colour secondary captures, and cine over a 4-D series."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file
from PySide6.QtCore import Qt

from app.retrieve.model import RetrievalCallbacks, SeriesStatus
from app.ui.viewer.folder_source import load_pixels, middle_out, scan_folder
from app.ui.viewer.panes import ProtocolView
from app.ui.viewer.study import SeriesEntry, StudyModel
from app.ui.viewer.window import ViewerWindow
from tests.viewer.dicom_factory import make_series, write_series
from tests.viewer.phantoms import head_volume
from viewer.protocols import CTP_SOURCE
from viewer.slab import HATCH_COLOURS

SLICES = 16


@pytest.fixture(scope="module")
def ct_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ct")
    write_series(make_series(shape=(SLICES, 48, 48), slice_step=5.0), folder)
    return folder


def hatched(image: np.ndarray) -> int:
    """Pixels of the "not loaded" amber stripes."""
    amber = np.array(HATCH_COLOURS[0][:3], dtype=float)
    return int(np.all(np.abs(image.astype(float) - amber) < 30, axis=2).sum())


def test_middle_out_order() -> None:
    assert middle_out(5) == [2, 3, 1, 4, 0]
    assert sorted(middle_out(16)) == list(range(16))
    assert middle_out(1) == [0]


def test_folder_loader_hands_over_fresh_slices_middle_first_and_cancels(ct_folder: Path) -> None:
    contents = scan_folder(ct_folder)
    (series,) = contents.series
    volume = series.planned.volumes[0]
    assert not volume.loaded.any()  # planned from headers: nothing loaded yet
    received: list[int] = []
    done: list[SeriesStatus] = []
    cancel = threading.Event()

    def on_slice(uid, v, k, array) -> None:
        assert not np.shares_memory(array, volume.array)  # the GUI copies it in
        received.append(k)
        if len(received) == 3:
            cancel.set()

    callbacks = RetrievalCallbacks(
        on_slice=on_slice, on_series_done=lambda uid, result: done.append(result.status)
    )
    load_pixels(contents, callbacks, cancel)
    assert received == [SLICES // 2, SLICES // 2 + 1, SLICES // 2 - 1]
    assert done == [SeriesStatus.CANCELED]
    assert not volume.loaded.any()  # the worker never wrote into the volume


def test_hatched_not_loaded_slices_then_filled_progressively(qtbot, ct_folder: Path) -> None:
    window = ViewerWindow()
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    qtbot.waitExposed(window)
    contents = scan_folder(ct_folder)
    (found,) = contents.series
    uid = found.series_uid
    window.study.add(SeriesEntry(uid, found.label, kind=found.kind, total=SLICES))
    window.study.plan(uid, list(found.planned.volumes), [])
    window.choose_protocol()
    (mpr,) = window.mpr_widgets()
    mpr.viewer.set_crosshair_visible(False)
    # Nothing loaded: hatched, never black or zeros.
    assert hatched(mpr.capture_view("axial")) > 1000
    assert hatched(mpr.capture_view("coronal")) > 1000

    # The middle slices arrive (the worker hands over fresh arrays; the GUI copies them).
    cancel = threading.Event()
    feed_callbacks = window.feed.callbacks()
    count = [0]

    def on_slice(uid_, v, k, array) -> None:
        feed_callbacks.on_slice(uid_, v, k, array)
        count[0] += 1
        if count[0] == 3:
            cancel.set()

    load_pixels(contents, RetrievalCallbacks(on_slice=on_slice), cancel)
    calls = []
    original = mpr.mark_modified
    mpr.mark_modified = lambda **kw: (calls.append(1), original(**kw))  # type: ignore[method-assign]
    window.feed.drain()
    assert len(calls) == 1  # three slices, one refresh
    volume = mpr.volume
    assert volume.loaded.sum() == 3 and volume.loaded[SLICES // 2]
    assert volume.array[SLICES // 2].max() > 0
    assert hatched(mpr.capture_view("axial")) == 0  # the crosshair's slice is in
    assert hatched(mpr.capture_view("coronal")) > 500  # the other slices are not

    # The rest arrives through the window's own worker thread and timer.
    window.feed.start()
    with qtbot.waitSignal(window.loadingFinished, timeout=30_000):
        window.worker.submit(
            lambda: load_pixels(contents, window.feed.callbacks(), threading.Event()),
            lambda _: window.feed.call(window._loaded),
            lambda error: pytest.fail(str(error)),
        )
    assert volume.loaded.all()
    assert hatched(mpr.capture_view("coronal")) == 0
    assert window.feed.drains_with_slices <= len(calls) + 20  # ≤ 10 refreshes a second


def test_opening_a_folder_fills_every_slice_with_the_file_pixels(qtbot, ct_folder: Path) -> None:
    window = ViewerWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loadingFinished, timeout=30_000):
        window.open_folder(ct_folder)
    (entry,) = window.study.series
    volume = entry.volumes[0]
    assert volume.loaded.all()
    from viewer.dicom_folder import read_folder

    expected = read_folder(ct_folder).series[0].assemble().volumes[0]
    assert np.array_equal(volume.array, expected.array)
    assert window.browser.rows[entry.series_uid].progress.isHidden()


def test_a_folder_without_images_says_so(qtbot, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not DICOM")
    window = ViewerWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loadingFinished, timeout=10_000):
        window.open_folder(tmp_path)
    assert "No images" in window.message.text()
    assert "1 file(s) skipped" in window.message.text()
    assert window.mpr_widgets() == []


def test_geometry_warnings_are_shown_not_fixed(qtbot, tmp_path: Path) -> None:
    write_series(make_series(shape=(10, 32, 32), tilt_deg=15.0), tmp_path / "tilted")
    window = ViewerWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loadingFinished, timeout=20_000):
        window.open_folder(tmp_path)
    texts = [window.warnings.item(n).text() for n in range(window.warnings.count())]
    assert any("tilt" in text for text in texts)
    assert not window.warnings_dock.isHidden()
    (entry,) = window.study.series
    row = window.browser.rows[entry.series_uid]
    assert not row.warning.isHidden() and "tilt" in row.warning.toolTip()
    assert window.mpr_widgets()  # still shown, where the images really are


def test_rgb_secondary_capture_opens_in_the_2d_viewer(qtbot, tmp_path: Path) -> None:
    source = get_testdata_file("SC_rgb_2frame.dcm")
    require_file = source is not None
    assert require_file
    shutil.copy(source, tmp_path / "capture.dcm")
    window = ViewerWindow()
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    with qtbot.waitSignal(window.loadingFinished, timeout=20_000):
        window.open_folder(tmp_path)
    (pane,) = [p for p in window.protocol_view.panes if p.viewer2d is not None]
    viewer = pane.viewer2d
    assert "colour image" in pane.entry.reason
    expected = pydicom.dcmread(source).pixel_array
    assert len(pane.entry.images) == 2
    assert np.array_equal(viewer.displayed_pixels(), expected[0])
    viewer.show_image(1)
    assert np.array_equal(viewer.displayed_pixels(), expected[1])
    qtbot.keyClick(viewer, Qt.Key.Key_Up)
    assert viewer.index == 0
    assert pane.title.text()


def test_cine_over_a_4d_series(qtbot) -> None:
    study = StudyModel()
    volumes = [head_volume((12, 32, 32), kind="ctp") for _ in range(3)]
    for n, volume in enumerate(volumes):
        volume.array += np.int16(10 * n)
    study.add(SeriesEntry("1.2.3", "series 5 (CT)", kind="ctp"))
    study.plan("1.2.3", volumes, [], times=[0.0, 2.0, 4.0])
    view = ProtocolView(CTP_SOURCE, study)
    qtbot.addWidget(view)
    view.resize(500, 500)
    view.show()
    qtbot.waitExposed(view)
    (pane,) = view.panes
    assert pane.is_4d and pane.mpr is not None
    axial = pane.mpr.vtk_widgets["axial"]
    qtbot.keyClick(axial, Qt.Key.Key_Right)
    assert pane.mpr.volume is volumes[1]
    assert "t = 2.0 s" in pane.title.text()
    qtbot.keyClick(axial, Qt.Key.Key_Space)
    assert pane.cine.isActive()
    qtbot.waitUntil(lambda: pane.volume_index == 0, timeout=3_000)
    qtbot.keyClick(axial, Qt.Key.Key_Space)
    assert not pane.cine.isActive()
    view.close_view()
