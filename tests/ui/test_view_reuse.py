"""Views made once and reused from case to case never show the previous case (issue 15).

The radiologist's main window turns :mod:`app.ui.viewer.view_pool` on: the VTK widgets
of a closed case are cleared and parked, then handed to the next case's views. Patient A
is all bone-bright, patient B all air: every frame read back from B's views while B
loads (polled by a QTimer, like ``python -m bench open``) has no bright pixel in the
image area, the widgets are the very ones A used, and the window names B only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from app.ui.viewer import view_pool
from app.ui.viewer.mpr_widget import MprWidget
from app.ui.viewer.vtk_host import is_finalized
from app.ui.viewer.window import ViewerWindow
from tests.viewer.dicom_factory import make_series, write_series
from viewer.vtkbridge import grab_rgb

SHAPE = (12, 48, 48)


def patient_folder(root: Path, name: str, patient_id: str, stored: int) -> Path:
    """A CT series of ``name`` whose every pixel is ``stored`` (HU = stored - 1024)."""
    folder = root / patient_id
    folder.mkdir()
    datasets = make_series(shape=SHAPE, slice_step=5.0)
    for ds in datasets:
        ds.PatientName = name
        ds.PatientID = patient_id
        ds.PixelData = np.full((ds.Rows, ds.Columns), stored, dtype=np.int16).tobytes()
    write_series(datasets, folder)
    return folder


@pytest.fixture
def pool() -> Iterator[view_pool.ViewPool]:
    made = view_pool.enable(3)
    yield made
    view_pool.disable()  # the parked widgets are finalised, as when the main window closes
    assert view_pool.enabled() is None


def opened(qtbot, folder: Path) -> tuple[ViewerWindow, MprWidget]:
    window = ViewerWindow()
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    window.open_folder(folder)
    return window, wait_loaded(qtbot, window)


def wait_loaded(qtbot, window: ViewerWindow) -> MprWidget:
    def ready() -> bool:
        view = window.protocol_view
        return not window.loading and view is not None and bool(view.mpr_widgets())

    qtbot.waitUntil(ready, timeout=30_000)
    assert window.protocol_view is not None
    return window.protocol_view.mpr_widgets()[0]


def image_area(rgb: np.ndarray) -> np.ndarray:
    """The middle of a view (its corner texts left out)."""
    h, w, _ = rgb.shape
    return rgb[h // 3 : 2 * h // 3, w // 3 : 2 * w // 3]


@pytest.mark.xfail(
    run=False,
    reason="view reuse is off in the app: a widget re-parented into a new case window "
    "crashed (SIGSEGV in QVTKRenderWindowInteractor.Initialize from MprWidget.showEvent) "
    "in a full CI run; not run, so the suite cannot crash",
)
def test_a_reused_view_never_shows_the_previous_patient(
    qtbot, tmp_path: Path, pool: view_pool.ViewPool
) -> None:
    folder_a = patient_folder(tmp_path, "ALPHA^Anne", "PAT-A", 3000)  # 1976 HU: white
    folder_b = patient_folder(tmp_path, "BRAVO^Bruno", "PAT-B", 24)  # -1000 HU: black
    ahead = list(pool._free)  # made at "start-up"
    assert len(ahead) == 3

    window_a, mpr_a = opened(qtbot, folder_a)
    widgets_a = {name: w for name, w in mpr_a.vtk_widgets.items() if name != "3d"}
    # A's three planes were the views made ahead (a 3-D view, if built by now, is made new)
    assert len(widgets_a) == 3
    assert all(any(w is made for made in ahead) for w in widgets_a.values())
    for name in widgets_a:
        bright = image_area(mpr_a.capture_view(name)).min(axis=2) > 200
        assert bright.mean() > 0.15  # A is white on screen
    assert "ALPHA" in window_a.windowTitle()

    window_a.close()
    qtbot.waitUntil(lambda: len(pool) >= len(widgets_a))
    for widget in widgets_a.values():  # parked: cleared, black, not finalised
        window = widget.GetRenderWindow()
        assert not is_finalized(widget)
        assert window.GetRenderers().GetNumberOfItems() == 0
        assert grab_rgb(window).max() == 0

    frames: list[np.ndarray] = []
    window_b = ViewerWindow()
    qtbot.addWidget(window_b)
    window_b.resize(900, 600)
    window_b.show()
    qtbot.waitExposed(window_b)

    def poll() -> None:
        view = window_b.protocol_view
        for mpr in view.mpr_widgets() if view is not None else []:
            for name, widget in mpr.vtk_widgets.items():
                render_window = widget.GetRenderWindow()
                if name != "3d" and widget.isVisible() and not render_window.GetNeverRendered():
                    frames.append(image_area(grab_rgb(render_window)))

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(5)
    window_b.open_folder(folder_b)
    mpr_b = wait_loaded(qtbot, window_b)
    qtbot.wait(50)
    timer.stop()
    poll()

    reused = [w for w in mpr_b.vtk_widgets.values() if any(w is a for a in widgets_a.values())]
    assert len(reused) == len(widgets_a)  # the very widgets patient A was shown in
    assert frames, "nothing read back from B's views"
    for frame in frames:  # hatched "not loaded" or B's black air: never A's white
        assert (frame.min(axis=2) > 200).sum() == 0
    for name in widgets_a:  # B's air, drawn (crosshair lines are coloured, not white)
        shown = image_area(mpr_b.capture_view(name))
        assert np.median(shown) < 30 and (shown.min(axis=2) > 200).sum() == 0
    assert "BRAVO" in window_b.windowTitle() and "ALPHA" not in window_b.windowTitle()
    assert window_b.patients_banner.isHidden()
    window_b.close()


def test_views_are_made_and_finalised_as_before_without_the_pool(qtbot, tmp_path: Path) -> None:
    assert view_pool.enabled() is None
    folder = patient_folder(tmp_path, "ALPHA^Anne", "PAT-A", 3000)
    window, mpr = opened(qtbot, folder)
    widgets = list(mpr.vtk_widgets.values())
    window.close()
    assert all(is_finalized(w) for w in widgets)
