"""3-D MIP and volume rendering off screen (EGL)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from tests.viewer.phantoms import MARKER_LPS, affine_for, head_volume
from viewer import render3d
from viewer.model import ViewerState
from viewer.render3d import VolumeView

SIZE = 200


@pytest.fixture
def view() -> Iterator[VolumeView]:
    state = ViewerState(window=(600.0, 200.0), preset="angio")
    shape = (40, 64, 64)
    v = VolumeView(head_volume(shape, affine_for(shape)), state, size=(SIZE, SIZE),
                   auto_render=False)  # fmt: skip
    yield v
    v.close()


def marker_column(rgb: np.ndarray) -> float:
    h, w, _ = rgb.shape
    inner = np.zeros((h, w), dtype=bool)
    inner[int(0.15 * h) : int(0.85 * h), int(0.08 * w) : int(0.92 * w)] = True
    mask = inner & np.all(rgb >= 240, axis=2)
    assert mask.sum() > 3, "the marker is visible"
    return float(np.nonzero(mask)[1].mean())


def test_mip_from_the_front_shows_left_on_the_right(view: VolumeView) -> None:
    rgb = view.grab()
    assert rgb.shape == (SIZE, SIZE, 3)
    assert marker_column(rgb) > SIZE / 2
    labels = {edge: actor.GetInput() for edge, actor in view.labels.items()}
    assert labels == {"left": "R", "right": "L", "top": "S", "bottom": "I"}
    view.rotate(azimuth_deg=180.0)
    rgb = view.grab()
    assert marker_column(rgb) < SIZE / 2, "seen from behind, the left is on the left"
    assert view.labels["right"].GetInput() == "R"


def test_window_changes_the_mip_and_vr_renders(view: VolumeView) -> None:
    centre = slice(SIZE // 2 - 5, SIZE // 2 + 5)
    dark = view.grab()[centre, centre].mean()
    view.state.set_window(100.0, 30.0)
    bright = view.grab()[centre, centre].mean()
    assert bright > dark + 40
    view.set_mode("vr")
    rgb = view.grab()
    assert rgb[int(0.15 * SIZE) : int(0.85 * SIZE)].max() > 100, "something is drawn"
    with pytest.raises(ValueError):
        view.set_mode("surface")


def test_tilted_volume_is_placed_in_patient_space() -> None:
    shape = (40, 64, 64)
    state = ViewerState(window=(600.0, 200.0))
    v = VolumeView(head_volume(shape, affine_for(shape, tilt_deg=20.0)), state,
                   size=(SIZE, SIZE), auto_render=False)  # fmt: skip
    try:
        rgb = v.grab()
        h = rgb.shape[0]
        mask = np.all(rgb >= 240, axis=2)
        mask[: int(0.15 * h)] = mask[int(0.85 * h) :] = False
        rows, cols = np.nonzero(mask)
        renderer = v.renderer
        renderer.SetWorldPoint(*MARKER_LPS, 1.0)
        renderer.WorldToDisplay()
        dx, dy, _ = renderer.GetDisplayPoint()
        assert abs(cols.mean() - dx) < 5 and abs(rows.mean() - (h - 1 - dy)) < 5
    finally:
        v.close()


@pytest.mark.parametrize("mode", ["mip", "vr"])
def test_coarse_while_turning_and_full_quality_when_still(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """During a drag the mapper may cast fewer rays; the still frame after it is
    pixel for pixel the frame of a view that was never dragged."""
    shape = (40, 64, 64)
    volume = head_volume(shape, affine_for(shape))

    def make() -> VolumeView:
        state = ViewerState(window=(600.0, 200.0), preset="angio")
        return VolumeView(volume, state, size=(SIZE, SIZE), mode=mode, auto_render=False)

    reference_view, view = make(), make()
    try:
        reference = reference_view.grab()
        assert reference.max() > 100, "something is drawn"
        # a frame rate no renderer reaches: the mapper must coarsen the drag's frames
        monkeypatch.setattr(render3d, "INTERACTIVE_RATE", 1.0e6)
        view.set_interactive(True)
        assert view.interactive and view.window.GetDesiredUpdateRate() == 1.0e6
        coarse = view.grab()
        assert coarse.shape == reference.shape
        assert np.abs(coarse.astype(int) - reference.astype(int)).max() > 40
        view.auto_render = True
        rendered: list[str] = []
        view.renderer.AddObserver("EndEvent", lambda *_: rendered.append("frame"))
        view.set_interactive(False)
        assert rendered == ["frame"], "mouse up draws the full-quality frame at once"
        assert not view.interactive
        assert view.window.GetDesiredUpdateRate() == render3d.STILL_RATE
        np.testing.assert_array_equal(view.grab(), reference)
        rendered.clear()
        view.set_interactive(True)
        view.set_interactive(False, redraw=False)  # the caller redraws everything itself
        assert rendered == []
    finally:
        reference_view.close()
        view.close()


def test_a_new_volume_is_drawn_in_full_quality(monkeypatch: pytest.MonkeyPatch) -> None:
    """A drag whose release was lost (a dialog took the pointer) must not leave a reused
    view coarse for the next case: loading a volume resets it to full quality."""
    shape = (40, 64, 64)
    state = ViewerState(window=(600.0, 200.0), preset="angio")
    first = head_volume(shape, affine_for(shape))
    view = VolumeView(first, state, size=(SIZE, SIZE), auto_render=False)
    reference_view = VolumeView(head_volume(shape, affine_for(shape)), state, size=(SIZE, SIZE),
                                auto_render=False)  # fmt: skip
    try:
        monkeypatch.setattr(render3d, "INTERACTIVE_RATE", 1.0e6)
        view.set_interactive(True)
        view.set_volume(head_volume(shape, affine_for(shape)))
        assert not view.interactive
        assert view.window.GetDesiredUpdateRate() == render3d.STILL_RATE
        np.testing.assert_array_equal(view.grab(), reference_view.grab())
    finally:
        reference_view.close()
        view.close()
