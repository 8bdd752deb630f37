"""Drags draw in interactive quality and the mouse-up frame in full (real Qt windows, Xvfb)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

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


def _coarse(mpr) -> bool:
    view = mpr.volume_view
    return view.interactive or any(v.interactive for v in mpr.viewer.views.values())


def test_a_drag_whose_release_is_lost_to_a_focus_change_ends_in_full_quality(qtbot) -> None:
    """A modal dialog (or another window) takes the focus mid-drag: the release never
    comes, yet the views must not stay coarse (thin vessels hidden)."""
    from PySide6.QtGui import QFocusEvent

    mpr = open_mpr(("axial", "3d"))
    qtbot.addWidget(mpr)
    widget = mpr.vtk_widgets["3d"]
    centre = QPoint(widget.width() // 2, widget.height() // 2)
    frames: list[bool] = []
    mpr.volume_view.renderer.AddObserver(
        "EndEvent", lambda *_: frames.append(mpr.volume_view.interactive)
    )
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=centre)
    assert _coarse(mpr)
    frames.clear()
    QApplication.sendEvent(
        widget, QFocusEvent(QFocusEvent.Type.FocusOut, Qt.FocusReason.PopupFocusReason)
    )
    assert not _coarse(mpr)
    assert mpr.volume_view.window.GetDesiredUpdateRate() == render3d.STILL_RATE
    assert frames and frames[-1] is False, "the full-quality frame is drawn at once"
    # the drag is over: a later move without a press turns nothing
    camera = mpr.volume_view.renderer.GetActiveCamera()
    before = camera.GetPosition()
    qtbot.mouseMove(widget, centre + QPoint(40, 0))
    assert camera.GetPosition() == before and not _coarse(mpr)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=centre)  # Qt's button state
    assert not _coarse(mpr)


def test_leaving_a_view_with_no_button_held_ends_a_lost_drag(qtbot) -> None:
    from PySide6.QtCore import QEvent

    mpr = open_mpr(("axial", "3d"))
    qtbot.addWidget(mpr)
    axial = mpr.vtk_widgets["axial"]
    centre = QPoint(axial.width() // 2, axial.height() // 2)
    qtbot.mousePress(axial, Qt.MouseButton.RightButton, pos=centre)
    assert _coarse(mpr)
    # the release goes to a dialog that grabbed the pointer, never to the view
    dialog = QWidget()
    qtbot.addWidget(dialog)
    qtbot.mouseRelease(dialog, Qt.MouseButton.RightButton)
    assert QApplication.mouseButtons() == Qt.MouseButton.NoButton
    assert _coarse(mpr), "the view saw no release"
    QApplication.sendEvent(axial, QEvent(QEvent.Type.Leave))
    assert not _coarse(mpr)


def test_a_drag_with_no_move_for_a_while_is_drawn_in_full_quality(qtbot) -> None:
    """The fallback timer's slot (called directly: no time in tests) draws every view in
    full quality; the drag goes on, coarse again at its next move, full at release."""
    from app.ui.viewer import mouse

    mpr = open_mpr(("axial", "3d"))
    qtbot.addWidget(mpr)
    widget = mpr.vtk_widgets["3d"]
    centre = QPoint(widget.width() // 2, widget.height() // 2)
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=centre)
    timer = mpr.events._settle_timer
    assert timer.isActive() and timer.interval() == mouse.SETTLE_MS
    mpr.events.settle()  # what the timer's timeout calls
    assert not _coarse(mpr) and not timer.isActive()
    qtbot.mouseMove(widget, centre + QPoint(30, 0))
    assert _coarse(mpr) and timer.isActive()
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=centre + QPoint(30, 0))
    assert not _coarse(mpr) and not timer.isActive()
