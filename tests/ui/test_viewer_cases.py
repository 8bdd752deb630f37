"""The synthetic stroke cases opened in the viewer window, checked on the real Qt windows.

Safety invariant 1 (left is left) is checked on the pixels read back from the
on-screen render windows (``vtkWindowToImageFilter``), not on the geometry
alone: the right-sided haemorrhage must be drawn on the screen's left half,
the left MCA lesions on the screen's right half.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.ui.viewer.window import ViewerWindow
from viewer.protocols import CTA, MR_STROKE, NCCT

LOAD_TIMEOUT_MS = 60_000


def open_folder(qtbot, path: Path, protocol: str | None = None) -> ViewerWindow:
    window = ViewerWindow(protocol=protocol)
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.loadingFinished, timeout=LOAD_TIMEOUT_MS):
        window.open_folder(path)
    return window


def truth(root: Path, case: str) -> dict:
    return json.loads((root / case / "truth.json").read_text())


def finding(root: Path, case: str, kind: str) -> dict:
    return next(f for f in truth(root, case)["findings"] if f["type"] == kind)


def screen_point(mpr, view: str, lps) -> tuple[int, int]:
    """(row, column) of LPS point ``lps`` in a capture of ``view`` (top row first)."""
    x, y = mpr.viewer.lps_to_display(view, lps)
    height = mpr.vtk_widgets[view].GetRenderWindow().GetSize()[1]
    return round(height - 1 - y), round(x)


def capture(mpr, view: str) -> np.ndarray:
    """The view as on screen, without the crosshair lines (they would cross the patches)."""
    mpr.viewer.set_crosshair_visible(False)
    try:
        return mpr.capture_view(view)
    finally:
        mpr.viewer.set_crosshair_visible(True)


def patch(image: np.ndarray, row: int, column: int, half: int = 4) -> np.ndarray:
    return image[row - half : row + half + 1, column - half : column + half + 1, 0].astype(float)


def mirrored(lps) -> list[float]:
    """The same point in the other hemisphere (the synthetic midline is x = 0)."""
    return [-lps[0], lps[1], lps[2]]


def test_right_ich_opens_in_ncct_with_the_haemorrhage_on_the_screens_left(
    qtbot, synth_root: Path
) -> None:
    window = open_folder(qtbot, synth_root / "right-ich")
    assert window.protocol is not None and window.protocol.name == NCCT.name
    assert "UNKNOWN, EMERGENCY" in window.windowTitle()
    assert "TMP-0427" in window.windowTitle()
    (mpr,) = window.mpr_widgets()
    assert mpr.mpr_views == ["axial", "coronal", "sagittal"]
    assert mpr.state.preset == "stroke" and mpr.state.slab == ("mean", 5.0)
    assert window.skipped_label.text()  # truth.json is not DICOM: counted
    centroid = finding(synth_root, "right-ich", "haemorrhage")["centroid_lps_mm"]
    mpr.state.set_crosshair(centroid)
    image = capture(mpr, "axial")
    h, w, _ = image.shape
    # Pixels alone: the bleed (65 HU, white in the 40/40 window) adds to the left half.
    brain = image[int(h * 0.3) : int(h * 0.7), :, 0]
    left_white = int((brain[:, : w // 2] >= 250).sum())
    right_white = int((brain[:, w // 2 :] >= 250).sum())
    assert left_white > right_white + 500
    row, column = screen_point(mpr, "axial", centroid)
    assert column < w / 2
    assert patch(image, row, column).mean() > 240
    mrow, mcolumn = screen_point(mpr, "axial", mirrored(centroid))
    assert mcolumn > w / 2
    assert patch(image, mrow, mcolumn).mean() < 200
    assert mpr.viewer.edge_labels("axial")["left"] == "R"
    coronal = capture(mpr, "coronal")
    crow, ccolumn = screen_point(mpr, "coronal", centroid)
    assert ccolumn < coronal.shape[1] / 2
    assert patch(coronal, crow, ccolumn).mean() > 240


def test_left_mca_ncct_hypodensity_on_the_screens_right(qtbot, synth_root: Path) -> None:
    window = open_folder(qtbot, synth_root / "left-mca")
    assert window.protocol is not None and window.protocol.name == NCCT.name
    (mpr,) = window.mpr_widgets()
    lesion = finding(synth_root, "left-mca", "ischaemia-early")["centroid_lps_mm"]
    mpr.state.set_crosshair(lesion)
    mpr.state.set_slab("mean", 10.0)
    image = capture(mpr, "axial")
    row, column = screen_point(mpr, "axial", lesion)
    mrow, mcolumn = screen_point(mpr, "axial", mirrored(lesion))
    assert column > image.shape[1] / 2 > mcolumn
    assert patch(image, row, column, 6).mean() < patch(image, mrow, mcolumn, 6).mean() - 8


def test_left_mca_cta_protocol_shows_the_left_m1_occlusion_on_the_screens_right(
    qtbot, synth_root: Path
) -> None:
    window = open_folder(qtbot, synth_root / "left-mca")
    cta = next(a for a in window.protocol_actions.actions() if "angiography" in a.text())
    cta.trigger()
    assert window.protocol is not None and window.protocol.name == CTA.name
    (mpr,) = window.mpr_widgets()
    assert mpr.mpr_views == ["axial", "coronal", "sagittal"]
    assert mpr.volume_view is not None  # the 3-D MIP
    assert mpr.volume.kind == "cta"
    assert mpr.state.slab == ("mip", 20.0) and mpr.state.preset == "angio"
    occlusion = finding(synth_root, "left-mca", "occlusion")["occlusion_point_lps_mm"]
    mpr.state.set_crosshair([0.0, occlusion[1], occlusion[2]])
    image = capture(mpr, "axial")
    w = image.shape[1]
    for x in (28.0, 35.0):  # beyond the occlusion: no contrast on the left
        left_side = [x, occlusion[1], occlusion[2]]
        row, column = screen_point(mpr, "axial", left_side)
        mrow, mcolumn = screen_point(mpr, "axial", mirrored(left_side))
        assert column > w / 2 > mcolumn
        assert patch(image, mrow, mcolumn, 3).max() > patch(image, row, column, 3).max() + 50
    assert mpr.capture_view("3d").max() > 0


def test_wake_up_mr_opens_three_linked_panes(qtbot, synth_root: Path) -> None:
    window = open_folder(qtbot, synth_root / "wake-up-mr")
    assert window.protocol is not None and window.protocol.name == MR_STROKE.name
    view = window.protocol_view
    assert view is not None
    kinds = [p.entry.kind for p in view.panes if p.entry is not None]
    assert kinds == ["dwi", "adc", "flair"]
    dwi, adc, flair = (p.mpr for p in view.panes)
    assert dwi is not None and adc is not None and flair is not None
    assert dwi.volume.label == "b=1000"
    assert len(view.links) == 1  # one frame of reference: linked
    assert not any(p.link_note.isVisible() for p in view.panes)
    lesion = finding(synth_root, "wake-up-mr", "dwi-lesion")["centroid_lps_mm"]
    # A click in the DWI pane moves the crosshair of ADC and FLAIR.
    dwi.state.set_crosshair([0.0, 0.0, lesion[2]])
    target = [lesion[0], lesion[1], lesion[2]]
    x, y = dwi.viewer.lps_to_display("axial", target)
    widget = dwi.vtk_widgets["axial"]
    qt = QPoint(round(x), round(widget.height() - 1 - y))
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=qt)
    assert adc.state.crosshair == pytest.approx(dwi.state.crosshair)
    assert flair.state.crosshair == pytest.approx(dwi.state.crosshair)
    assert dwi.state.crosshair == pytest.approx(target, abs=1.5)
    # Each pane keeps its own window: DWI, ADC and FLAIR have nothing in common there.
    assert dwi.state.window != adc.state.window
    # The right MCA lesion: bright on DWI, dark on ADC, on the screen's left.
    for mpr, brighter in ((dwi, True), (adc, False)):
        image = capture(mpr, "axial")
        row, column = screen_point(mpr, "axial", lesion)
        mrow, mcolumn = screen_point(mpr, "axial", mirrored(lesion))
        assert column < image.shape[1] / 2 < mcolumn
        here, there = patch(image, row, column, 3).mean(), patch(image, mrow, mcolumn, 3).mean()
        assert (here > there + 20) if brighter else (here < there - 20)


def test_panes_of_another_frame_of_reference_are_not_linked(
    qtbot, synth_root: Path, tmp_path: Path
) -> None:
    shutil.copytree(synth_root / "wake-up-mr", tmp_path / "mr")
    shutil.copytree(synth_root / "right-ich" / "02-ncct", tmp_path / "ct")
    window = open_folder(qtbot, tmp_path)  # two patients, two frames of reference
    assert window.patients_banner.isVisible()  # several patients in one folder: said loudly
    assert window.protocol is not None
    window.set_protocol(MR_STROKE)
    view = window.protocol_view
    assert view is not None
    ncct = next(s for s in window.study.series if s.kind == "ncct")
    # Dragged from the series browser onto the third pane.
    item = window.browser._items[ncct.series_uid]
    mime = window.browser.mimeData([item])
    target = view.panes[2]
    where, buttons = QPointF(target.width() / 2, 10), Qt.MouseButton.LeftButton
    enter = QDragEnterEvent(
        where.toPoint(), Qt.DropAction.CopyAction, mime, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        where, Qt.DropAction.CopyAction, mime, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, drop)
    assert target.entry is ncct
    assert view.panes[2].link_note.isVisible()
    assert "not linked" in view.panes[2].link_note.text()
    assert len(view.links) == 1 and len(view.links[0].states) == 2
