"""A slice drawn off where it was acquired says so in its caption (issue #10 item 1).

A volume whose slices lie more than REGULAR_FRACTION of a spacing off the fitted
grid is still a volume (with a warning), each slice drawn at its grid place; the
native view's caption then gives the acquired position of the slice on screen
when that slice is one of those off the grid. A regular series (positions only
rounded) never carries acquired positions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from tests.viewer.test_geometry_fit import GE_ORIENTATION, GE_STEPS, along_normal_series
from viewer.assembly import plan_series
from viewer.captions import slice_position_text
from viewer.geometry import REGULAR_FRACTION
from viewer.model import ViewerState
from viewer.mpr import MprViewer
from viewer.planes import position_text
from viewer.volume import Volume

AXIAL_CASES = {
    "head first, normal to the head": (1, 0, 0, 0, 1, 0),
    "feet first, normal to the feet": (-1, 0, 0, 0, 1, 0),
}


def warned_volume(orientation: Sequence[float]) -> tuple[Volume, np.ndarray, np.ndarray]:
    """20 slices 5 mm apart along the normal, the 8th acquired 1.5 mm (30 %) further."""
    z = np.arange(20) * 5.0
    z[7] += 1.5
    datasets, normal = along_normal_series(orientation, z, numbering="random", pixel_spacing=4.0)
    (plan,) = plan_series(datasets).volumes
    assert any("uneven slice spacing" in w for w in plan.warnings)
    return plan.new_volume(), z, normal


def grid_point(volume: Volume, k: int) -> np.ndarray:
    return volume.index_to_lps([0.5, 0.5, k])


@pytest.mark.parametrize("orientation", AXIAL_CASES.values(), ids=AXIAL_CASES.keys())
def test_the_off_slice_shows_where_it_was_acquired(orientation: Sequence[float]) -> None:
    volume, z, normal = warned_volume(orientation)
    offsets = volume.acquired_offsets_mm
    assert offsets is not None and offsets.shape == (20,)
    spacing = abs(float(volume.affine[:3, 2] @ normal))
    off = np.flatnonzero(np.abs(offsets) > REGULAR_FRACTION * spacing)
    assert list(off) == [7], "only the displaced slice is off"
    k = int(off[0])
    shown = grid_point(volume, k)
    acquired = shown + float(offsets[k]) * normal
    first = np.array([-92.5, -118.2, -40.1])  # where along_normal_series starts
    assert float(acquired @ normal) == pytest.approx(float(first @ normal) + z[7], abs=1e-3)
    axial = (0.0, 0.0, 1.0)
    text = slice_position_text(volume, shown, axial)
    assert text == f"{position_text(shown, axial)} (acquired at {position_text(acquired, axial)})"
    assert abs(float(acquired[2] - shown[2])) > 1.0, "the two positions differ visibly"
    # a regular slice of the same volume: the grid position only
    regular = grid_point(volume, 2)
    assert slice_position_text(volume, regular, axial) == position_text(regular, axial)
    # a slab, or a plane across the slices, shows no acquired slice as it is
    assert slice_position_text(volume, shown, axial, thin=False) == position_text(shown, axial)
    assert "acquired" not in slice_position_text(volume, shown, (0.0, 1.0, 0.0))


def test_a_rounded_regular_series_never_shows_an_acquired_position() -> None:
    z = np.concatenate([[0.0], np.cumsum(GE_STEPS)])
    datasets, normal = along_normal_series(
        GE_ORIENTATION, z, numbering="random", modality="MR", pixel_spacing=0.9375, decimals=2
    )
    (plan,) = plan_series(datasets).volumes
    assert plan.warnings == [] and plan.acquired_offsets_mm is None
    volume = plan.new_volume()
    assert volume.acquired_offsets_mm is None
    for k in range(volume.shape[0]):
        point = grid_point(volume, k)
        assert "acquired" not in slice_position_text(volume, point, normal)


def test_the_native_view_caption_gives_the_acquired_position() -> None:
    volume, _, normal = warned_volume(AXIAL_CASES["head first, normal to the head"])
    offsets = volume.acquired_offsets_mm
    assert offsets is not None
    state = ViewerState(crosshair=grid_point(volume, 7))
    viewer = MprViewer(volume, state, size=(128, 128), auto_render=False, show_crosshair=False)
    try:
        caption = viewer.views["axial"].overlays.position_text.GetInput()
        shown = grid_point(volume, 7)
        acquired = shown + float(offsets[7]) * normal
        axial = (0.0, 0.0, 1.0)
        assert caption.splitlines()[0] == (
            f"Axial  {position_text(shown, axial)} (acquired at {position_text(acquired, axial)})"
        )
        assert float(acquired[2]) == pytest.approx(-40.1 + 7 * 5.0 + 1.5, abs=1e-3)
        assert "acquired" not in viewer.views["coronal"].overlays.position_text.GetInput()
        state.set_crosshair(grid_point(volume, 3))
        assert "acquired" not in viewer.views["axial"].overlays.position_text.GetInput()
        state.set_crosshair(grid_point(volume, 7))
        state.set_slab("mip", 20.0)
        assert "acquired" not in viewer.views["axial"].overlays.position_text.GetInput()
    finally:
        viewer.close()
