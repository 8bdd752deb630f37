"""Corner texts in narrow panes (issue #13 follow-up): the patient's identity, the
study texts, the window and position texts and the orientation labels never overlap,
at pane widths down to ~250 px; the identity and the labels are never cut. Real Qt
and VTK windows (Xvfb, xcb): the text actors' boxes as drawn."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.ui.viewer.mpr_widget import MprWidget
from app.ui.viewer.window import ViewerWindow
from tests.ui.test_viewer_cases import open_folder
from tests.ui.test_viewer_layouts import fresh_session  # noqa: F401
from viewer import captions
from viewer.text_fit import bounds, overlap


def texts_of(mpr: MprWidget, view: str) -> dict[str, object]:
    if view == "3d":
        assert mpr.volume_view is not None
        v = mpr.volume_view
        return {"patient": v.patient_text, "mode": v.mode_text, "bone": v.bone_text,
                **{f"label {e}": a for e, a in v.labels.items()}}  # fmt: skip
    o = mpr.viewer.views[view].overlays
    return {"patient": o.patient_text, "study": o.study_text, "position": o.position_text,
            "window": o.window_text, **{f"label {e}": a for e, a in o.labels.items()}}  # fmt: skip


def renderer_of(mpr: MprWidget, view: str):  # type: ignore[no-untyped-def]
    if view == "3d":
        assert mpr.volume_view is not None
        return mpr.volume_view.renderer
    return mpr.viewer.views[view].renderer


def check_no_overlap(window: ViewerWindow, narrowest: int = 300) -> int:
    """Every shown view: no two texts overlap, identity and labels whole; the views seen."""
    QApplication.processEvents()
    seen = 0
    widths = []
    for mpr in window.mpr_widgets():
        mpr.redraw()
        for view in mpr.shown_views():
            renderer = renderer_of(mpr, view)
            width, _height = renderer.GetSize()
            widths.append(width)
            texts = texts_of(mpr, view)
            boxes = {name: bounds(actor, renderer) for name, actor in texts.items()}  # type: ignore[arg-type]
            clashes = [(a, b) for a, b in combinations(boxes, 2) if overlap(boxes[a], boxes[b])]
            assert not clashes, f"{view} ({width} px): {clashes} {boxes}"
            x0, _y0 = renderer.GetOrigin()
            assert boxes["patient"][1] <= x0 + width, (view, width, boxes["patient"])
            patient = texts["patient"].GetInput()  # type: ignore[attr-defined]
            volume = mpr.volume
            assert patient == "\n".join(captions.patient_lines(volume.banner)), patient
            for edge in ("left", "right", "top", "bottom"):
                label = texts[f"label {edge}"].GetInput()  # type: ignore[attr-defined]
                assert label and "…" not in label and boxes[f"label {edge}"][1] > 0, (view, edge)
            seen += 1
    assert widths and min(widths) <= narrowest, widths  # narrow panes were looked at
    return seen


def test_mr_three_panes_keep_their_texts_apart(qtbot, synth_root: Path) -> None:
    window = open_folder(qtbot, synth_root / "wake-up-mr")
    window.resize(900, 700)
    assert check_no_overlap(window) >= 3


def test_ncct_1x3_and_cta_2x2_keep_their_texts_apart(qtbot, synth_root: Path) -> None:
    window = open_folder(qtbot, synth_root / "right-ich")
    window.toolbar.layout_actions["1x3"].trigger()
    window.resize(1050, 700)
    assert check_no_overlap(window) == 3
    window.toolbar.layout_actions["2x2"].trigger()
    window.resize(800, 700)
    assert check_no_overlap(window, narrowest=330) == 4
    window.close()
    cta = open_folder(qtbot, synth_root / "left-mca", protocol="cta")
    cta.resize(800, 700)
    assert check_no_overlap(cta, narrowest=330) == 4


def test_bone_removed_is_always_said_whole_in_a_narrow_3d_pane(qtbot, synth_root: Path) -> None:
    """Vessels next to bone go with it: the 3-D view must always say the bone is removed,
    however narrow (it used to be the first text shortened: "3D volume rendering (CTA) - b…")."""
    window = open_folder(qtbot, synth_root / "left-mca", protocol="cta")
    window.resize(640, 600)
    (mpr,) = window.mpr_widgets()
    assert mpr.volume_view is not None and mpr.volume_view.bone_removal
    check_no_overlap(window, narrowest=320)
    width, _ = mpr.volume_view.renderer.GetSize()
    assert width <= 320
    bone = mpr.volume_view.bone_text
    assert bone.GetInput() == captions.words().bone_removed  # whole, never shortened
    assert bounds(bone, mpr.volume_view.renderer)[1] > 0
    window.toolbar.bone.trigger()  # the bone back: nothing said
    assert mpr.volume_view.bone_text.GetInput() == ""
