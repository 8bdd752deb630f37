"""Layouts 1x1, 1x3, 2x2 (issue #13 item 4) and the 3-D view's bone removal toggle;
real Qt windows (Xvfb, xcb)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.ui.viewer.panes import remember_layout, session_layout
from app.ui.viewer.window import ViewerWindow
from tests.ui.test_viewer_cases import open_folder

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def fresh_session() -> Iterator[None]:
    remember_layout(None)
    yield
    remember_layout(None)


def cta_window(qtbot, synth_root: Path) -> ViewerWindow:  # type: ignore[no-untyped-def]
    window = open_folder(qtbot, synth_root / "left-mca", protocol="cta")
    assert window.protocol is not None and window.protocol.name == "cta"
    return window


def test_ctrl_keys_lay_out_the_views_and_f_returns(qtbot, synth_root: Path) -> None:
    window = cta_window(qtbot, synth_root)
    view = window.protocol_view
    assert view is not None
    (mpr,) = window.mpr_widgets()
    assert view.current_layout() == "2x2"
    assert mpr.shown_views() == ["axial", "coronal", "sagittal", "3d"]
    assert window.toolbar.layout_actions["2x2"].isChecked()
    four = mpr.capture_view("coronal").shape

    qtbot.keyClick(mpr.vtk_widgets["coronal"], Qt.Key.Key_1, CTRL)
    QApplication.processEvents()
    assert mpr.shown_views() == ["coronal"] and session_layout() is None  # 1x1 is not kept
    assert window.toolbar.layout_actions["1x1"].isChecked()
    alone = mpr.capture_view("coronal")
    assert alone.shape[1] > 1.7 * four[1] and alone.max() > 0
    assert mpr.state.preset == "angio"  # Ctrl+1 is not the "1" window preset

    qtbot.keyClick(mpr.vtk_widgets["coronal"], Qt.Key.Key_3, CTRL)
    QApplication.processEvents()
    assert mpr.shown_views() == ["axial", "coronal", "sagittal"] and session_layout() == "1x3"
    assert mpr.vtk_widgets["3d"].isHidden()
    row = [mpr.vtk_widgets[v].geometry() for v in mpr.shown_views()]
    assert len({g.top() for g in row}) == 1  # one row

    qtbot.keyClick(mpr.vtk_widgets["axial"], Qt.Key.Key_4, CTRL)
    assert mpr.shown_views() == ["axial", "coronal", "sagittal", "3d"]
    # F: the view under the pointer alone, and back; the session's layout is kept
    qtbot.keyClick(mpr.vtk_widgets["sagittal"], "f")
    assert mpr.shown_views() == ["sagittal"]
    qtbot.keyClick(mpr.vtk_widgets["sagittal"], "f")
    assert mpr.shown_views() == ["axial", "coronal", "sagittal", "3d"]
    assert session_layout() == "2x2"
    # double-click on the title, the same
    pane = view.panes[0]
    mpr.current_view = "axial"
    qtbot.mouseDClick(pane.title, Qt.MouseButton.LeftButton)
    assert mpr.shown_views() == ["axial"]
    qtbot.mouseDClick(pane.title, Qt.MouseButton.LeftButton)
    assert len(mpr.shown_views()) == 4


def test_toolbar_layout_persists_to_the_next_case(qtbot, synth_root: Path) -> None:
    window = cta_window(qtbot, synth_root)
    window.toolbar.layout_actions["1x3"].trigger()
    (mpr,) = window.mpr_widgets()
    assert mpr.shown_views() == ["axial", "coronal", "sagittal"]
    window.close()
    other = cta_window(qtbot, synth_root)
    (mpr,) = other.mpr_widgets()
    assert mpr.shown_views() == ["axial", "coronal", "sagittal"]
    assert other.toolbar.layout_actions["1x3"].isChecked()


def test_one_view_alone_is_not_carried_to_the_next_case(qtbot, synth_root: Path) -> None:
    """Ctrl+1 on this patient: the next one still opens with every plane."""
    window = cta_window(qtbot, synth_root)
    window.toolbar.layout_actions["1x3"].trigger()
    (mpr,) = window.mpr_widgets()
    qtbot.keyClick(mpr.vtk_widgets["axial"], Qt.Key.Key_1, CTRL)
    assert mpr.shown_views() == ["axial"]
    window.close()
    other = cta_window(qtbot, synth_root)
    (mpr,) = other.mpr_widgets()
    assert mpr.shown_views() == ["axial", "coronal", "sagittal"]  # the 1x3 chosen before
    assert other.toolbar.layout_actions["1x3"].isChecked()


def test_2x2_adds_a_3d_view_to_a_plain_ct(qtbot, synth_root: Path) -> None:
    window = open_folder(qtbot, synth_root / "right-ich")
    (mpr,) = window.mpr_widgets()
    assert mpr.volume_view is None and mpr.shown_views() == ["axial", "coronal", "sagittal"]
    window.toolbar.layout_actions["2x2"].trigger()
    QApplication.processEvents()
    assert mpr.volume_view is not None and mpr.shown_views()[-1] == "3d"
    assert not mpr.volume_view.bone_removal  # not a CTA
    assert mpr.capture_view("3d").max() > 0
    window.toolbar.layout_actions["1x3"].trigger()
    assert mpr.vtk_widgets["3d"].isHidden()


def test_several_series_1x1_shows_one_pane_and_f_still_works(qtbot, synth_root: Path) -> None:
    window = open_folder(qtbot, synth_root / "wake-up-mr")
    view = window.protocol_view
    assert view is not None
    dwi, adc, flair = view.panes
    assert adc.mpr is not None
    qtbot.keyClick(adc.mpr.vtk_widgets["axial"], Qt.Key.Key_1, CTRL)
    assert view.enlarged is adc and not dwi.isVisible() and not flair.isVisible()
    qtbot.keyClick(adc.mpr.vtk_widgets["axial"], Qt.Key.Key_4, CTRL)
    assert view.enlarged is None and all(p.isVisible() for p in view.panes)
    assert dwi.geometry().top() == adc.geometry().top() != flair.geometry().top()  # 2 columns
    qtbot.keyClick(adc.mpr.vtk_widgets["axial"], "f")
    assert view.enlarged is adc and not dwi.isVisible()
    qtbot.keyClick(adc.mpr.vtk_widgets["axial"], "f")
    assert view.enlarged is None and all(p.isVisible() for p in view.panes)


def test_bone_is_removed_in_the_cta_3d_view_and_the_toggle_shows_it(
    qtbot, synth_root: Path
) -> None:
    window = cta_window(qtbot, synth_root)
    (mpr,) = window.mpr_widgets()
    assert mpr.volume_view is not None and mpr.volume_view.bone_removal
    toolbar = window.toolbar
    assert toolbar.bone.isEnabled() and toolbar.bone.isChecked()
    without = mpr.capture_view("3d")
    toolbar.bone.trigger()
    assert not mpr.volume_view.bone_removal and not toolbar.bone.isChecked()
    with_bone = mpr.capture_view("3d")
    assert (with_bone.max(axis=2) >= 200).sum() > (without.max(axis=2) >= 200).sum()


def test_after_bone_removal_the_3d_view_frames_what_is_left_and_r_returns_to_it(
    qtbot, synth_root: Path
) -> None:
    window = cta_window(qtbot, synth_root)
    (mpr,) = window.mpr_widgets()
    volume_view = mpr.volume_view
    assert volume_view is not None and volume_view.bone_removal
    camera = volume_view.renderer.GetActiveCamera()

    def distance() -> float:
        return float(camera.GetDistance())

    bounds = volume_view.visible_bounds()
    assert bounds is not None
    whole = volume_view.actor.GetBounds()
    assert (bounds[1] - bounds[0]) < 0.9 * (whole[1] - whole[0])  # the vessels, not the head
    framed = distance()
    window.toolbar.bone.trigger()  # the bone back: the whole volume
    assert volume_view.visible_bounds() is None and distance() > 1.2 * framed
    window.toolbar.bone.trigger()  # removed again: framed again
    assert distance() == pytest.approx(framed, rel=0.02)
    volume_view.zoom(2.0)
    volume_view.rotate(azimuth_deg=40.0)
    qtbot.keyClick(mpr.vtk_widgets["3d"], "r")  # R: the same framing
    assert distance() == pytest.approx(framed, rel=0.02)
    assert camera.GetViewUp() == pytest.approx((0.0, 0.0, 1.0), abs=1e-6)
