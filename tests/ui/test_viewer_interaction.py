"""Mouse and keyboard of the MPR views on a phantom, in real Qt windows (Xvfb, xcb)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from app.ui.viewer.annotations import MEASURE_COLOUR
from app.ui.viewer.mpr_widget import MprWidget
from app.ui.viewer.panes import snapped_centre
from app.ui.viewer.toolbar import ViewerToolBar
from app.ui.viewer.vtk_host import is_finalized
from tests.viewer.phantoms import HEAD_HU, MARKER_LPS, head_volume
from viewer.model import ViewerState

SPACING = (3.0, 3.0, 4.0)  # phantom voxels: x, y, z mm


def open_mpr(views=("axial", "coronal", "sagittal")) -> MprWidget:
    volume = head_volume((40, 64, 64))
    state = ViewerState(crosshair=snapped_centre(volume), window=(80.0, 40.0), preset="brain")
    widget = MprWidget(volume, state, views=views, columns=len(views))
    widget.resize(300 * len(views), 330)
    widget.show()
    for _ in range(5):
        QApplication.processEvents()
    return widget


@pytest.fixture(scope="module")
def shared_mpr(qapp):
    """One window for the module (opening GL contexts costs ~0.3 s each)."""
    widget = open_mpr()
    yield widget
    widgets = list(widget.vtk_widgets.values())
    widget.close()
    widget.deleteLater()
    assert all(is_finalized(w) for w in widgets)


@pytest.fixture
def mpr(shared_mpr: MprWidget) -> MprWidget:
    """The shared widget, back to its opening state."""
    m = shared_mpr
    m.events.cancel_measurement()
    m.set_tool("navigate")
    m.set_oblique(False)
    m.measurements.clear()
    m.state.reset_rotation()
    m.state.set_slab("none", 0.0)
    m.state.set_window(80.0, 40.0, preset="brain")
    m.state.set_crosshair(snapped_centre(m.volume))
    for view in m.mpr_views:
        m.state.reset_camera(view)
    return m


def qt_point(mpr: MprWidget, view: str, lps) -> QPoint:
    """Where LPS point ``lps`` is drawn in ``view``, in Qt widget coordinates."""
    x, y = mpr.viewer.lps_to_display(view, lps)
    widget = mpr.vtk_widgets[view]
    ratio = widget.devicePixelRatioF()
    return QPoint(round(x / ratio), round(widget.height() - 1 - y / ratio))


def wheel(widget, notches: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        widget.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_wheel_moves_one_slice_and_ctrl_wheel_zooms(mpr: MprWidget) -> None:
    axial = mpr.vtk_widgets["axial"]
    z0 = mpr.state.crosshair[2]
    wheel(axial, +1)
    assert mpr.state.crosshair[2] == pytest.approx(z0 + SPACING[2])  # forward: superior
    wheel(axial, -2)
    assert mpr.state.crosshair[2] == pytest.approx(z0 - SPACING[2])
    coronal = mpr.vtk_widgets["coronal"]
    y0 = mpr.state.crosshair[1]
    wheel(coronal, +1)
    assert mpr.state.crosshair[1] == pytest.approx(y0 + SPACING[1])  # forward: posterior
    wheel(axial, +2, Qt.KeyboardModifier.ControlModifier)
    assert mpr.state.camera("axial").zoom == pytest.approx(1.21)
    assert mpr.state.crosshair[1] == pytest.approx(y0 + SPACING[1])


def test_click_sets_the_crosshair_that_moves_the_other_views(qtbot, mpr: MprWidget) -> None:
    z = mpr.state.crosshair[2]
    target = np.array([30.0, -21.0, z])
    qtbot.mouseClick(
        mpr.vtk_widgets["axial"], Qt.MouseButton.LeftButton, pos=qt_point(mpr, "axial", target)
    )
    assert mpr.state.crosshair == pytest.approx(target, abs=1.0)
    coronal = mpr.viewer.views["coronal"].plane_origin()
    sagittal = mpr.viewer.views["sagittal"].plane_origin()
    assert coronal[1] == pytest.approx(target[1], abs=1.0)
    assert sagittal[0] == pytest.approx(target[0], abs=1.0)


def test_right_drag_windows_and_hotkeys_pick_presets(qtbot, mpr: MprWidget) -> None:
    axial = mpr.vtk_widgets["axial"]
    centre = QPoint(axial.width() // 2, axial.height() // 2)
    qtbot.mousePress(axial, Qt.MouseButton.RightButton, pos=centre)
    qtbot.mouseMove(axial, centre + QPoint(60, 30))
    qtbot.mouseRelease(axial, Qt.MouseButton.RightButton, pos=centre + QPoint(60, 30))
    width, level = mpr.state.window
    assert width > 80.0 and level > 40.0
    assert mpr.state.preset == "custom"
    for key, expected, name in (
        ("4", (2800.0, 600.0), "bone"),
        ("2", (40.0, 40.0), "stroke"),
        ("3", (200.0, 75.0), "subdural"),
        ("5", (600.0, 200.0), "angio"),
        ("1", (80.0, 40.0), "brain"),
        ("0", (80.0, 40.0), "dicom"),
    ):
        qtbot.keyClick(axial, key)
        assert mpr.state.window == expected
        assert mpr.state.preset == name


def test_slab_keys_and_reset(qtbot, mpr: MprWidget) -> None:
    axial = mpr.vtk_widgets["axial"]
    qtbot.keyClick(axial, "m")
    assert mpr.state.slab == ("mip", 20.0)
    qtbot.keyClick(axial, "+")
    assert mpr.state.slab == ("mip", 30.0)
    qtbot.keyClick(axial, "-")
    qtbot.keyClick(axial, "-")
    assert mpr.state.slab == ("mip", 15.0)
    qtbot.keyClick(axial, "m")
    assert mpr.state.slab[0] == "minip"
    wheel(axial, +2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(axial, "r")
    assert mpr.state.camera("axial").zoom == 1.0


def test_ctrl_drag_turns_the_planes_obliquely_and_the_slab_is_kept(qtbot, mpr: MprWidget) -> None:
    mpr.state.set_slab("mip", 10.0)
    axial = mpr.vtk_widgets["axial"]
    centre = qt_point(mpr, "axial", mpr.state.crosshair)
    start, end = centre + QPoint(80, 0), centre + QPoint(0, -80)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.mousePress(axial, Qt.MouseButton.LeftButton, ctrl, pos=start)
    qtbot.mouseMove(axial, centre + QPoint(56, -56))
    qtbot.mouseRelease(axial, Qt.MouseButton.LeftButton, ctrl, pos=end)
    rotation = mpr.state.rotation
    angle = np.degrees(np.arccos((np.trace(rotation) - 1.0) / 2.0))
    assert angle == pytest.approx(90.0, abs=3.0)
    coronal = mpr.viewer.edge_labels("coronal")
    assert (coronal["left"], coronal["right"]) != ("R", "L")  # the coronal plane turned
    assert mpr.state.slab == ("mip", 10.0)
    qtbot.keyClick(axial, "r")
    assert np.allclose(mpr.state.rotation, np.eye(3))
    assert mpr.viewer.edge_labels("coronal")["left"] == "R"


def test_distance_of_a_known_length_is_drawn_and_burnt_into_the_capture(
    qtbot, mpr: MprWidget
) -> None:
    axial = mpr.vtk_widgets["axial"]
    z = mpr.state.crosshair[2]
    p, q = np.array([-30.0, 10.0, z]), np.array([30.0, -20.0, z])
    qtbot.keyClick(axial, "d")
    assert mpr.tool == "distance"
    qtbot.mouseClick(axial, Qt.MouseButton.LeftButton, pos=qt_point(mpr, "axial", p))
    qtbot.mouseClick(axial, Qt.MouseButton.LeftButton, pos=qt_point(mpr, "axial", q))
    (measured,) = mpr.measurements.distances()
    assert measured.length_mm == pytest.approx(float(np.linalg.norm(q - p)), abs=1.0)
    image = mpr.capture_view("axial")
    colour = np.array(MEASURE_COLOUR) * 255
    near = np.all(np.abs(image.astype(float) - colour) < 40, axis=2)
    assert near.sum() > 50  # the ruler and its label are in the captured pixels
    wheel(axial, +3)  # three slices away the ruler is no longer shown
    far = np.all(np.abs(mpr.capture_view("axial").astype(float) - colour) < 40, axis=2)
    assert far.sum() < near.sum() / 5


def test_ellipse_roi_gives_mean_sd_and_area(qtbot, mpr: MprWidget) -> None:
    axial = mpr.vtk_widgets["axial"]
    z = mpr.state.crosshair[2]
    qtbot.keyClick(axial, "e")
    corner1, corner2 = np.array([-55.0, 20.0, z]), np.array([-35.0, 40.0, z])  # far from the marker
    qtbot.mouseClick(axial, Qt.MouseButton.LeftButton, pos=qt_point(mpr, "axial", corner1))
    qtbot.mouseClick(axial, Qt.MouseButton.LeftButton, pos=qt_point(mpr, "axial", corner2))
    (roi,) = mpr.measurements.items
    assert roi.stats is not None
    assert roi.stats.mean == pytest.approx(HEAD_HU, abs=0.5)
    assert roi.stats.sd == pytest.approx(0.0, abs=0.5)
    assert roi.stats.area_mm2 == pytest.approx(np.pi * 10.0 * 10.0, rel=0.2)
    assert "HU" in roi.text
    qtbot.keyClick(axial, Qt.Key.Key_Delete)
    assert not mpr.measurements.items


def test_abc_over_2_dialog_from_two_distances(qtbot, mpr: MprWidget) -> None:
    from app.ui.viewer.annotations import measure_distance

    view = mpr.viewer.views["axial"]
    z = mpr.state.crosshair[2]
    mpr.add_measurement(measure_distance(view, [-20.0, 0.0, z], [20.0, 0.0, z]))  # A 4 cm
    mpr.add_measurement(measure_distance(view, [0.0, -15.0, z], [0.0, 15.0, z]))  # B 3 cm
    toolbar = ViewerToolBar(lambda: mpr)
    qtbot.addWidget(toolbar)
    dialog = toolbar.open_abc()
    qtbot.addWidget(dialog)
    assert dialog.a.value() == pytest.approx(4.0, abs=0.01)
    assert dialog.b.value() == pytest.approx(3.0, abs=0.01)
    assert dialog.thickness.value() == pytest.approx(SPACING[2])
    dialog.slices.setValue(5)  # C = 5 × 4 mm = 2 cm
    assert dialog.volume_ml == pytest.approx(4.0 * 3.0 * 2.0 / 2.0)
    assert "12.0" in dialog.volume_label.text()
    toolbar.close_toolbar()


def test_3d_view_turns_with_the_mouse_and_switches_to_volume_rendering(qtbot) -> None:
    mpr = open_mpr(("axial", "3d"))
    qtbot.addWidget(mpr)
    view3d = mpr.vtk_widgets["3d"]
    assert mpr.volume_view is not None
    camera = mpr.volume_view.renderer.GetActiveCamera()
    before = np.array(camera.GetPosition())
    centre = QPoint(view3d.width() // 2, view3d.height() // 2)
    qtbot.mousePress(view3d, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(view3d, centre + QPoint(60, 0))
    qtbot.mouseRelease(view3d, Qt.MouseButton.LeftButton, pos=centre + QPoint(60, 0))
    assert np.linalg.norm(np.array(camera.GetPosition()) - before) > 1.0
    mpr.set_render_mode("vr")
    assert mpr.volume_view.mode == "vr"
    image = mpr.capture_view("3d")
    assert image.shape[2] == 3 and image.max() > 0


def test_views_are_finalised_when_the_widget_closes(qtbot) -> None:
    mpr = open_mpr(("axial",))
    qtbot.addWidget(mpr)
    widgets = list(mpr.vtk_widgets.values())
    mpr.close()
    assert mpr.closed
    assert all(is_finalized(w) for w in widgets)


def test_the_marker_on_the_patients_left_is_on_the_screens_right(mpr: MprWidget) -> None:
    mpr.state.set_crosshair(MARKER_LPS)
    mpr.state.set_window(2000.0, 500.0)
    image = mpr.capture_view("axial")
    bright = np.argwhere(image[..., 0] > 200)
    h, w, _ = image.shape
    inside = bright[(bright[:, 0] > h * 0.15) & (bright[:, 0] < h * 0.85)]
    assert inside.size and np.median(inside[:, 1]) > w / 2
