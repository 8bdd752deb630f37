"""ViewerState (the model the views listen to), plane geometry and orientation letters."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model import Change, ViewerState
from viewer.planes import (
    edge_labels,
    orientation_letters,
    plane_axes,
    position_text,
    rotation_about,
)


def test_listeners_hear_each_change_once_and_can_leave() -> None:
    state = ViewerState()
    heard: list[Change] = []
    leave = state.subscribe(heard.append)
    state.set_crosshair((1, 2, 3))
    state.set_crosshair((1, 2, 3))  # no change, no event
    state.set_window(400, 40, preset="custom")
    state.set_slab("mip", 20)
    state.set_zoom("axial", 2.0)
    state.rotate("axial", 10)
    assert [c.what for c in heard] == ["crosshair", "window", "slab", "camera", "rotation"]
    assert heard[3].view == "axial"
    leave()
    state.set_crosshair((0, 0, 0))
    assert len(heard) == 5


def test_invalid_values_are_refused() -> None:
    state = ViewerState()
    with pytest.raises(ValueError, match="width"):
        state.set_window(0, 40)
    with pytest.raises(ValueError, match="slab mode"):
        state.set_slab("max", 10)
    with pytest.raises(ValueError, match="mirror"):
        state.set_rotation(np.diag([-1.0, 1.0, 1.0]))
    with pytest.raises(ValueError, match="orthonormal"):
        state.set_rotation(np.ones((3, 3)))
    with pytest.raises(ValueError, match="three finite"):
        state.set_crosshair((0, np.nan, 0))


def test_scroll_moves_along_the_view_normal() -> None:
    state = ViewerState(crosshair=(0, 0, 0))
    state.scroll("axial", 5.0)  # towards the viewer: axial is seen from the feet
    assert np.allclose(state.crosshair, (0, 0, -5))
    state.scroll("coronal", 2.0)  # seen from the front: towards anterior
    assert np.allclose(state.crosshair, (0, -2, -5))
    state.scroll("sagittal", 1.0)  # seen from the patient's left
    assert np.allclose(state.crosshair, (1, -2, -5))


def test_view_axes_follow_the_radiological_convention() -> None:
    right, up, normal = plane_axes("axial")
    assert edge_labels(right, up) == {"left": "R", "right": "L", "top": "A", "bottom": "P"}
    assert orientation_letters(normal) == "I"
    right, up, normal = plane_axes("coronal")
    assert edge_labels(right, up) == {"left": "R", "right": "L", "top": "S", "bottom": "I"}
    assert orientation_letters(normal) == "A"
    right, up, normal = plane_axes("sagittal")
    assert edge_labels(right, up) == {"left": "A", "right": "P", "top": "S", "bottom": "I"}
    assert orientation_letters(normal) == "L"


def test_oblique_letters_use_the_dominant_components() -> None:
    assert orientation_letters((1, 0, 0)) == "L"
    assert orientation_letters((-1, 0, 0)) == "R"
    assert orientation_letters((np.cos(0.5), -np.sin(0.5), 0)) == "LA"
    assert orientation_letters((0.99, 0.1, 0)) == "L"
    assert orientation_letters((0, 0.6, -0.8)) == "IP"
    rotated = rotation_about((0, 0, 1), 90) @ np.array([1.0, 0, 0])
    assert orientation_letters(rotated) == "P"
    with pytest.raises(ValueError):
        orientation_letters((0, 0, 0))


def test_position_text_reads_as_height_for_axial() -> None:
    _, _, normal = plane_axes("axial")
    assert position_text((0, 0, 12.5), normal) == "S 12.5 mm"
    assert position_text((0, 0, -3), normal) == "I 3.0 mm"
    _, _, normal = plane_axes("sagittal")
    assert position_text((-7, 0, 0), normal) == "R 7.0 mm"


def test_rotation_is_shared_by_the_three_planes() -> None:
    state = ViewerState()
    state.rotate("axial", 30)
    axes = [plane_axes(v, state.rotation) for v in ("axial", "coronal", "sagittal")]
    normals = np.array([a[2] for a in axes])
    assert np.allclose(np.abs(normals @ normals.T), np.eye(3), atol=1e-12), "still orthogonal"
    assert np.allclose(axes[0][2], (0, 0, -1)), "rotating about the axial normal keeps it"
    state.reset_rotation()
    assert np.allclose(state.rotation, np.eye(3))
