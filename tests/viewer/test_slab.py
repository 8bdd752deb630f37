"""Slab and plane arithmetic in voxel-index space (numpy)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.viewer.phantoms import affine_for
from viewer.planes import plane_axes
from viewer.slab import (
    HATCH_COLOURS,
    aligned_axis,
    hatch,
    plane_axis,
    project_slab,
    slab_range,
    thin_slice,
    unloaded_mask,
)


@pytest.fixture
def array() -> np.ndarray:
    return np.random.default_rng(1).integers(-500, 500, size=(7, 9, 11)).astype(np.int16)


@pytest.mark.parametrize("axis", [0, 1, 2])
@pytest.mark.parametrize("mode", ["mip", "minip", "mean"])
def test_project_slab_matches_numpy_along_every_axis(array, axis, mode) -> None:  # type: ignore[no-untyped-def]
    a_axis = (2, 1, 0)[axis]
    sub = np.take(array, np.arange(2, 6), axis=a_axis)
    expected = {"mip": sub.max(a_axis), "minip": sub.min(a_axis), "mean": sub.mean(a_axis)}[mode]
    got = project_slab(array, axis, 2, 5, mode)
    assert got.flags.c_contiguous
    assert np.allclose(got, expected, atol=1e-3)
    with pytest.raises(ValueError):
        project_slab(array, axis, 2, 5, "max")


@pytest.mark.parametrize("axis", [0, 1, 2])
def test_thin_slice_interpolates_between_voxel_slices(array, axis) -> None:  # type: ignore[no-untyped-def]
    a_axis = (2, 1, 0)[axis]
    s2, s3 = np.take(array, 2, axis=a_axis), np.take(array, 3, axis=a_axis)
    assert np.array_equal(thin_slice(array, axis, 2.0), s2)
    assert np.allclose(thin_slice(array, axis, 2.25), 0.75 * s2 + 0.25 * s3, atol=1e-3)
    assert np.array_equal(thin_slice(array, axis, -0.4), np.take(array, 0, axis=a_axis))
    assert thin_slice(array, axis, -0.6) is None
    assert thin_slice(array, axis, array.shape[a_axis] - 0.4) is None


def test_slab_range() -> None:
    assert slab_range(10.0, 2.0, 100) == (8, 12)
    assert slab_range(10.4, 0.2, 100) == (10, 10), "thinner than a voxel keeps the nearest"
    assert slab_range(-1.0, 2.0, 100) == (0, 1)
    assert slab_range(-5.0, 2.0, 100) is None


def test_plane_and_slab_axes_for_straight_and_tilted_series() -> None:
    straight = np.linalg.inv(affine_for((40, 64, 64)))
    tilted = np.linalg.inv(affine_for((40, 64, 64), tilt_deg=20.0))
    right, up, normal = plane_axes("axial")
    assert plane_axis(straight, right, up) == 2 and aligned_axis(straight[:3, :3] @ normal) == 2
    assert plane_axis(tilted, right, up) is None, "a true axial plane crosses tilted images"
    right, up, normal = plane_axes("sagittal")
    assert plane_axis(straight, right, up) == 0 and plane_axis(tilted, right, up) == 0
    right, up, _ = plane_axes("axial", np.array([[1, 0, 0], [0, 0.8, -0.6], [0, 0.6, 0.8]]))
    assert plane_axis(straight, right, up) is None


def test_unloaded_mask_and_hatch() -> None:
    loaded = np.ones(10, dtype=bool)
    assert unloaded_mask(loaded, (10, 4, 4), np.eye(4), np.arange(4.0), np.arange(4.0),
                         k_half_width=0) is None  # fmt: skip
    loaded[3] = False
    # A coronal-like plane: x → i, y → k.
    m = np.zeros((4, 4))
    m[0, 0], m[2, 1], m[3, 3] = 1.0, 1.0, 1.0
    mask = unloaded_mask(loaded, (10, 4, 4), m, np.arange(4.0), np.arange(10.0), k_half_width=0)
    assert mask is not None
    assert mask[3].all() and not mask[[0, 1, 2, 4, 5]].any()
    wide = unloaded_mask(loaded, (10, 4, 4), m, np.arange(4.0), np.arange(10.0), k_half_width=2)
    assert wide is not None and wide[1:6].all() and not wide[[0, 6, 7]].any()
    rgba = hatch(wide)
    colours = {tuple(c) for c in rgba[wide].tolist()}
    assert colours == {tuple(c) for c in HATCH_COLOURS}
    assert (rgba[~wide] == 0).all()


def test_axial_slice_that_arrived_is_shown_before_its_neighbours() -> None:
    """Middle-first retrieval: slice 5 is loaded, 4 and 6 not yet."""
    loaded = np.zeros(10, dtype=bool)
    loaded[5] = True
    axial = np.eye(4)  # x → i, y → j, k fixed by the translation
    axial[2, 3] = 5.0
    xs = ys = np.arange(4.0)
    # The numpy path reads only slice 5, thin or with a one-slice slab: nothing hatched.
    assert unloaded_mask(loaded, (10, 4, 4), axial, xs, ys, k_half_width=0, exact=True) is None
    assert unloaded_mask(loaded, (10, 4, 4), axial, xs, ys, k_half_width=0.5, exact=True) is None
    # A 3-slice slab reads 4..6: hatched; so is a plane between slices 5 and 6.
    slab3 = unloaded_mask(loaded, (10, 4, 4), axial, xs, ys, k_half_width=1.0, exact=True)
    assert slab3 is not None and slab3.all()
    between = axial.copy()
    between[2, 3] = 5.5
    assert (
        unloaded_mask(loaded, (10, 4, 4), between, xs, ys, k_half_width=0, exact=True) is not None
    )
    # Without ``exact`` (the VTK resampling path) the conservative rule stays.
    assert unloaded_mask(loaded, (10, 4, 4), axial, xs, ys, k_half_width=0.5) is not None
