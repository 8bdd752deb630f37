"""Reading comfort (issue #13 item 4): the crosshair lines can be hidden, and are hidden
over a slab MIP until shown; real Qt windows (Xvfb, xcb), pixels read back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.ui.viewer.mpr_widget import MprWidget
from app.ui.viewer.panes import snapped_centre
from app.ui.viewer.toolbar import ViewerToolBar
from tests.ui.test_viewer_cases import open_folder
from tests.ui.test_viewer_interaction import open_mpr
from viewer.model import ViewerState


def opened(qtbot) -> MprWidget:  # type: ignore[no-untyped-def]
    """A fresh three-view widget, closed by pytest-qt (a fixture's value would outlive
    the leak check of tests/ui/conftest.py)."""
    widget = open_mpr()
    qtbot.addWidget(widget)
    return widget


def line_rows(mpr: MprWidget, view: str) -> int:
    """How many rows of ``view``'s capture are coloured (the crosshair's vertical line
    is red or yellow; the grey phantom never is) in the crosshair's column (± 1 pixel)."""
    image = mpr.capture_view(view).astype(int)
    x, _ = mpr.viewer.lps_to_display(view, mpr.state.crosshair)
    columns = image[:, round(x) - 1 : round(x) + 2]
    coloured = (columns[:, :, 0] > 200) & (columns[:, :, 2] < 120)
    return int(coloured.sum(axis=0).max())


def test_state_draws_the_crosshair_except_over_a_slab_mip() -> None:
    state = ViewerState()
    seen: list[str] = []
    state.subscribe(lambda change: seen.append(change.what))
    assert state.crosshair_shown is None and state.crosshair_drawn()
    state.set_slab("mip", 20.0)
    assert not state.crosshair_drawn()
    state.set_slab("mean", 5.0)
    assert state.crosshair_drawn()
    state.set_slab("mip", 20.0)
    state.set_crosshair_shown(True)
    assert state.crosshair_drawn()
    state.set_slab("none", 0.0)
    state.set_crosshair_shown(False)
    assert not state.crosshair_drawn()
    state.set_crosshair_shown(False)  # no change, no message
    assert seen.count("crosshair_shown") == 2


def test_c_hides_and_shows_the_crosshair_lines(qtbot) -> None:
    mpr = opened(qtbot)
    axial = mpr.vtk_widgets["axial"]
    height = axial.GetRenderWindow().GetSize()[1]
    assert line_rows(mpr, "axial") > height // 2
    qtbot.keyClick(axial, "c")
    assert mpr.state.crosshair_shown is False
    assert line_rows(mpr, "axial") < height // 5
    assert line_rows(mpr, "coronal") < height // 5
    qtbot.keyClick(axial, "c")
    assert mpr.state.crosshair_shown is True
    assert line_rows(mpr, "axial") > height // 2
    assert mpr.state.crosshair == pytest.approx(snapped_centre(mpr.volume))


def test_a_slab_mip_hides_the_crosshair_until_the_toggle_shows_it(qtbot) -> None:
    mpr = opened(qtbot)
    toolbar = ViewerToolBar(lambda: mpr)
    qtbot.addWidget(toolbar)
    toolbar.follow()
    axial = mpr.vtk_widgets["axial"]
    height = axial.GetRenderWindow().GetSize()[1]
    assert toolbar.crosshair.isChecked()
    mpr.state.set_slab("mip", 20.0)
    assert not toolbar.crosshair.isChecked()
    assert line_rows(mpr, "axial") < height // 5
    toolbar.crosshair.trigger()  # the reader asks for it over the MIP
    assert mpr.state.crosshair_shown is True and toolbar.crosshair.isChecked()
    assert line_rows(mpr, "axial") > height // 2
    toolbar.crosshair.trigger()
    assert mpr.state.crosshair_shown is False
    assert line_rows(mpr, "axial") < height // 5
    mpr.state.set_slab("none", 0.0)  # hidden by the reader: stays hidden on a thin slice
    assert line_rows(mpr, "axial") < height // 5
    toolbar.close_toolbar()


def test_snapshots_keep_the_crosshair_off_whatever_the_toggle(qtbot) -> None:
    mpr = opened(qtbot)
    height = mpr.vtk_widgets["axial"].GetRenderWindow().GetSize()[1]
    mpr.state.set_crosshair_shown(True)
    mpr.viewer.set_crosshair_visible(False)
    assert line_rows(mpr, "axial") < height // 5
    mpr.viewer.set_crosshair_visible(True)
    assert line_rows(mpr, "axial") > height // 2


# --- keys act on the view under the pointer ---------------------------------------------------
def enter(widget) -> None:  # type: ignore[no-untyped-def]
    """The pointer enters ``widget`` (what the window system sends; QTest sends none)."""
    local = QPointF(widget.width() / 2, widget.height() / 2)
    QApplication.sendEvent(widget, QEnterEvent(local, local, QPointF(widget.mapToGlobal(local))))


def active(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def test_keys_go_to_the_view_under_the_pointer_without_a_click(qtbot) -> None:
    mpr = opened(qtbot)
    active(qtbot, mpr)
    axial, coronal = mpr.vtk_widgets["axial"], mpr.vtk_widgets["coronal"]
    crosshair = mpr.state.crosshair
    enter(coronal)
    assert QApplication.focusWidget() is coronal
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # where the keyboard sends it
    moved = mpr.state.crosshair - crosshair
    assert abs(moved[1]) == pytest.approx(mpr.slice_step_mm("coronal"))  # coronal: along y
    assert moved[0] == 0 and moved[2] == 0
    enter(axial)
    assert QApplication.focusWidget() is axial
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    moved = mpr.state.crosshair - crosshair
    assert abs(moved[2]) == pytest.approx(mpr.slice_step_mm("axial"))
    QTest.keyClick(QApplication.focusWidget(), "4")
    assert mpr.state.preset == "bone"


def test_hovering_leaves_a_text_field_alone_and_the_focus_click_keeps_the_crosshair(
    qtbot,
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    note = QLineEdit(window)
    layout.addWidget(note)
    mpr = open_mpr()
    layout.addWidget(mpr)
    window.resize(900, 400)
    window.show()
    active(qtbot, window)
    note.setFocus()
    qtbot.waitUntil(note.hasFocus, timeout=3000)
    axial = mpr.vtk_widgets["axial"]
    enter(axial)
    assert QApplication.focusWidget() is note  # the reader goes on typing
    before = mpr.state.crosshair
    corner = QPoint(axial.width() // 4, axial.height() // 4)
    qtbot.mouseClick(axial, Qt.MouseButton.LeftButton, pos=corner)
    assert QApplication.focusWidget() is axial
    assert np.array_equal(mpr.state.crosshair, before)  # the focus click did not move it
    qtbot.mouseClick(axial, Qt.MouseButton.LeftButton, pos=corner)
    assert not np.array_equal(mpr.state.crosshair, before)  # the next one does


# --- one pane alone and back ------------------------------------------------------------------
def test_a_pane_is_enlarged_by_its_title_or_f_and_returns(qtbot, synth_root: Path) -> None:
    window = open_folder(qtbot, synth_root / "wake-up-mr")
    view = window.protocol_view
    assert view is not None and len(view.panes) == 3
    dwi, adc, flair = view.panes
    assert adc.mpr is not None and flair.mpr is not None
    before = adc.mpr.capture_view("axial").shape
    qtbot.mouseDClick(adc.title, Qt.MouseButton.LeftButton)
    assert view.enlarged is adc and view.active is adc
    assert adc.isVisible() and not dwi.isVisible() and not flair.isVisible()
    QApplication.processEvents()
    alone = adc.mpr.capture_view("axial")
    assert alone.shape[1] > 2 * before[1]  # the pane took the whole width
    assert alone.max() > 0
    qtbot.mouseDClick(adc.title, Qt.MouseButton.LeftButton)
    assert view.enlarged is None
    assert all(p.isVisible() for p in view.panes)
    QApplication.processEvents()
    assert adc.mpr.capture_view("axial").shape[1] < alone.shape[1] / 2  # a third again
    crosshair = flair.mpr.state.crosshair
    qtbot.keyClick(flair.mpr.vtk_widgets["axial"], "f")
    assert view.enlarged is flair and not dwi.isVisible() and not adc.isVisible()
    qtbot.keyClick(flair.mpr.vtk_widgets["axial"], "f")
    assert view.enlarged is None and all(p.isVisible() for p in view.panes)
    assert np.array_equal(flair.mpr.state.crosshair, crosshair)
