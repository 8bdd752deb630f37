"""Which view a key image captures (issue #13 follow-up): the view under the pointer;
else the 2-D view the reader used last (clicked, scrolled, typed in: a pane merely crossed
by the pointer does not count); else the axial one. The 3-D
view only when the pointer is on it. Real Qt windows (Xvfb, xcb), the real pointer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from tests.ui.test_viewer_layouts import cta_window, fresh_session  # noqa: F401


def pointer_to(widget, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The real pointer onto ``widget``'s centre (a hover, as the reader's mouse)."""
    QCursor.setPos(widget.mapToGlobal(widget.rect().center()))
    qtbot.mouseMove(widget, widget.rect().center())
    QApplication.processEvents()


def pointer_away(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The pointer on the toolbar: on no view (as when Ctrl+K is typed in the panel)."""
    bar = window.toolbar
    QCursor.setPos(bar.mapToGlobal(QPoint(2, 2)))
    QApplication.processEvents()


def test_the_key_image_is_the_2d_view_used_unless_the_pointer_is_on_the_3d(
    qtbot, synth_root: Path
) -> None:
    corner = QApplication.primaryScreen().geometry().bottomRight()
    QCursor.setPos(corner)  # the pointer on no view when the window opens
    window = cta_window(qtbot, synth_root)
    (mpr,) = window.mpr_widgets()
    assert mpr.shown_views() == ["axial", "coronal", "sagittal", "3d"]
    pointer_away(window, qtbot)
    mpr.vtk_widgets["3d"].setFocus()  # the keys on the 3-D view: not a reason to capture it
    QApplication.processEvents()
    assert mpr.view_under_pointer() is None
    assert mpr.key_image_view() == "axial"  # nothing used yet: the axial view

    pointer_to(mpr.vtk_widgets["sagittal"], qtbot)
    assert mpr.key_image_view() == "sagittal"
    qtbot.mouseClick(mpr.vtk_widgets["sagittal"], Qt.MouseButton.LeftButton)  # used
    pointer_to(mpr.vtk_widgets["3d"], qtbot)
    assert mpr.key_image_view() == "3d"  # the pointer on it
    pointer_away(window, qtbot)
    assert mpr.key_image_view() == "sagittal"  # the last 2-D view used, not the 3-D one
    # on the way to the opinion panel the pointer crosses another pane: not "used"
    pointer_to(mpr.vtk_widgets["coronal"], qtbot)
    pointer_to(mpr.vtk_widgets["axial"], qtbot)
    pointer_away(window, qtbot)
    assert mpr.key_image_view() == "sagittal"

    qtbot.mouseClick(mpr.vtk_widgets["coronal"], Qt.MouseButton.LeftButton)
    pointer_away(window, qtbot)
    assert mpr.key_image_view() == "coronal"
    # in 1x3 the 3-D view is hidden: never captured
    window.toolbar.layout_actions["1x3"].trigger()
    QApplication.processEvents()
    mpr.current_view = "3d"
    assert mpr.key_image_view() == "coronal"
