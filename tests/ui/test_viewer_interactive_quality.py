"""Drags draw in interactive quality and the mouse-up frame in full (real Qt windows, Xvfb)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_viewer_interaction import open_mpr
from viewer import render3d


def test_3d_drag_is_interactive_until_the_mouse_is_released(qtbot) -> None:
    mpr = open_mpr(("axial", "3d"))
    qtbot.addWidget(mpr)
    view, widget = mpr.volume_view, mpr.vtk_widgets["3d"]
    assert view is not None
    still = mpr.capture_view("3d")
    frames: list[bool] = []  # the view's interactive flag at each 3-D frame drawn
    view.renderer.AddObserver("EndEvent", lambda *_: frames.append(view.interactive))
    centre = QPoint(widget.width() // 2, widget.height() // 2)
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=centre)
    assert view.interactive
    assert view.window.GetDesiredUpdateRate() == render3d.INTERACTIVE_RATE
    qtbot.mouseMove(widget, centre + QPoint(40, 0))
    qtbot.mouseMove(widget, centre)
    assert True in frames, "the turning frames are drawn in interactive quality"
    frames.clear()
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=centre)
    QApplication.processEvents()
    assert not view.interactive
    assert view.window.GetDesiredUpdateRate() == render3d.STILL_RATE
    # the release's own last move may still be drawn coarse; then one full-quality frame
    assert frames[-1] is False and frames.count(False) == 1, frames
    camera = view.renderer.GetActiveCamera()
    assert np.isfinite(camera.GetPosition()).all()
    assert mpr.capture_view("3d").shape == still.shape


def test_a_drag_in_an_mpr_view_also_draws_the_3d_view_coarser_until_released(qtbot) -> None:
    mpr = open_mpr(("axial", "3d"))
    qtbot.addWidget(mpr)
    view, axial = mpr.volume_view, mpr.vtk_widgets["axial"]
    assert view is not None and not view.interactive
    centre = QPoint(axial.width() // 2, axial.height() // 2)
    qtbot.mousePress(axial, Qt.MouseButton.RightButton, pos=centre)  # window drag
    assert view.interactive and all(v.interactive for v in mpr.viewer.views.values())
    qtbot.mouseMove(axial, centre + QPoint(30, 10))
    qtbot.mouseRelease(axial, Qt.MouseButton.RightButton, pos=centre + QPoint(30, 10))
    assert not view.interactive and not any(v.interactive for v in mpr.viewer.views.values())
    assert view.window.GetDesiredUpdateRate() == render3d.STILL_RATE
    assert mpr.state.window != (80.0, 40.0), "the drag windowed the views"
